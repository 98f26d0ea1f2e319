//! Answers show their evidence and never overclaim (issue 10): every quote says how its
//! speaker was found and how sure that is, and a fact check gives a verdict only on a sure
//! attribution. The fixtures are invented articles.

use crate::search::helpers::{build_index, scratch};
use whosaid::extract::{Basis, Confidence};
use whosaid::index::QuoteIndex;
use whosaid::render;
use whosaid::search::{check, search, SearchRequest, Verdict};

/// Two invented articles: one names its speaker at the cue; in the other the pronoun has two
/// women to choose from, so the attribution is a guess.
fn invented() -> &'static QuoteIndex {
    static INDEX: std::sync::OnceLock<QuoteIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(build_invented)
}

fn build_invented() -> QuoteIndex {
    let corpus = scratch("evidence-corpus");
    std::fs::write(
        corpus.join("harbour.txt"),
        "Harbour dredging starts in May\n\n\
         \u{201C}The channel will be open by summer,\u{201D} said harbour master Ines Varga.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.join("library.txt"),
        "Library vote delayed\n\n\
         Councillor Rosa Imbert met the librarian Dana Fold on Friday to discuss the branch.\n\n\
         \u{201C}Nobody wants the reading room to close for good,\u{201D} she said.\n",
    )
    .expect("write");
    build_index(&corpus, &scratch("evidence-index"))
}

#[test]
fn every_quote_says_how_its_speaker_was_found() {
    let index = invented();
    let r = search(index, &SearchRequest::new("channel open summer")).expect("search");
    let hit = r.hits.first().expect("a hit");
    let q = &hit.record.quote;
    assert_eq!(q.basis, Some(Basis::Named));
    assert_eq!(q.confidence, Some(Confidence::High));
    let text = render::search_results(&r);
    assert!(
        text.contains("\u{2014} Ines Varga \u{00B7} via \u{201C}said harbour master Ines Varga\u{201D} \u{00B6}2"),
        "{text}"
    );

    let r = search(index, &SearchRequest::new("reading room close")).expect("search");
    let q = &r.hits.first().expect("a hit").record.quote;
    assert_eq!(q.basis, Some(Basis::Pronoun));
    assert_eq!(q.confidence, Some(Confidence::Low));
    let text = render::search_results(&r);
    assert!(
        text.contains("via \u{201C}she said\u{201D} \u{00B6}3"),
        "{text}"
    );
    assert!(text.contains("low confidence"), "{text}");
    // the evidence travels with the record, so --json shows it too
    let json = serde_json::to_string(&r.hits[0].record.quote).expect("json");
    assert!(json.contains("\"basis\":\"pronoun\"") && json.contains("\"confidence\":\"low\""));
}

#[test]
fn a_check_on_a_guessed_attribution_is_hedged() {
    let index = invented();
    let r = check(
        index,
        "did Rosa Imbert say nobody wants the reading room to close",
        3,
    )
    .expect("check");
    assert_eq!(r.verdict, Verdict::Verbatim);
    let text = render::check_result(&r);
    assert!(!text.contains("Found verbatim: "), "{text}");
    assert!(!text.contains("but not from"), "{text}");
    assert!(
        text.contains("Read the sentence before relying on the attribution"),
        "{text}"
    );
    // even when the claim agrees with the engine's guess, the answer is no "yes"
    assert!(text.contains("attributed to Rosa Imbert"), "{text}");
    assert!(
        text.contains("Rosa Imbert is not named in that paragraph"),
        "{text}"
    );
    // the sentence around the words is shown, verbatim
    assert!(
        text.contains("\u{201C}Nobody wants the reading room to close for good,\u{201D} she said."),
        "{text}"
    );

    // a sure attribution still gets its verdict
    let r = check(index, "the channel will be open by summer", 3).expect("check");
    let text = render::check_result(&r);
    assert!(text.contains("Found verbatim: Ines Varga said"), "{text}");
}
