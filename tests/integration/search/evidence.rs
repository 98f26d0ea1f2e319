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
    std::fs::write(
        corpus.join("ferry.txt"),
        "Late sailing added\n\n\
         \u{201C}We will add a late sailing,\u{201D} said ferry manager Tomas Ruud. The crossing \
         takes forty minutes. The boat, nicknamed \u{201C}the old lady of the strait\u{201D} by \
         islanders, was built in 1968. The operator announced a fare rise for next spring.\n",
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

/// Two invented articles from two outlets carry the same quote, one a day after the other
/// and with a word changed.
fn reported_twice() -> &'static QuoteIndex {
    static INDEX: std::sync::OnceLock<QuoteIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = scratch("two-sources-corpus");
        std::fs::write(
            corpus.join("sources.toml"),
            "[articles.ledger]\noutlet = \"Daily Ledger\"\npublished = \"2021-03-02\"\n\n\
             [articles.courier]\noutlet = \"Evening Courier\"\npublished = \"2021-03-01\"\n",
        )
        .expect("write");
        std::fs::write(
            corpus.join("ledger.txt"),
            "Ferry service to resume\n\n\
             \u{201C}The ferry will sail again before the first snow falls on the island,\u{201D} said \
             port director Alma Reyes.\n",
        )
        .expect("write");
        std::fs::write(
            corpus.join("courier.txt"),
            "Island ferry back soon\n\n\
             \u{201C}The ferry will sail again before the first snow falls on this island,\u{201D} \
             port director Alma Reyes said on Monday.\n",
        )
        .expect("write");
        build_index(&corpus, &scratch("two-sources-index"))
    })
}

#[test]
fn one_quote_from_two_articles_is_one_result_with_both_sources() {
    let index = reported_twice();
    let r = search(index, &SearchRequest::new("ferry sail first snow")).expect("search");
    // the results keep every occurrence (and so does --json) ...
    assert_eq!(r.hits.len(), 2, "{r:?}");
    // ... but the quote is shown once, from its earliest source, with the other listed
    let text = render::search_results(&r);
    assert_eq!(text.matches("Alma Reyes (direct)").count(), 1, "{text}");
    assert!(
        text.contains("Evening Courier, \u{201C}Island ferry back soon\u{201D}"),
        "{text}"
    );
    assert!(
        text.contains("also in: Daily Ledger \u{00B6}2, 2021-03-02"),
        "{text}"
    );

    let r = check(index, "the ferry will sail again", 3).expect("check");
    let text = render::check_result(&r);
    assert!(text.contains("also in: Daily Ledger"), "{text}");

    // on Discord, one field carries both sources
    let r = search(index, &SearchRequest::new("ferry sail first snow")).expect("search");
    let reply = render::discord::quotes(&r, &r.hits, "", 2, &Default::default());
    let v = serde_json::to_value(reply.into_response()).expect("json");
    let fields = v["data"]["embeds"][0]["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(fields.len(), 1, "{v:#}");
    assert!(
        fields[0]["value"]
            .as_str()
            .unwrap_or("")
            .contains("also in: Daily Ledger"),
        "{v:#}"
    );
}

/// Words found outside every quote are the reporter's own only when nothing in their sentence
/// reports speech; otherwise the engine may have missed a quote, and the answer says so and
/// shows the sentence.
#[test]
fn narration_is_the_reporters_own_only_when_nothing_reports_speech() {
    let index = invented();
    let cases = [
        (
            "a sentence of plain narration",
            "the crossing takes forty minutes",
            true,
            "The crossing takes forty minutes.",
        ),
        (
            "words in quote marks nobody is said to have said",
            "the old lady of the strait",
            false,
            "The boat, nicknamed \u{201C}the old lady of the strait\u{201D} by islanders, was built in 1968.",
        ),
        (
            "a sentence with a reporting verb",
            "a fare rise for next spring",
            false,
            "The operator announced a fare rise for next spring.",
        ),
    ];
    for (name, phrase, own, sentence) in cases {
        let r = check(index, phrase, 0).expect("check");
        assert_eq!(r.verdict, Verdict::NotFound, "{name}: {r:?}");
        let m = r.narration.first().expect(name);
        assert_eq!(m.reporters_own, own, "{name}");
        assert_eq!(m.sentence.text, sentence, "{name}");
        let text = render::check_result(&r);
        let label = if own {
            "the reporter's own words"
        } else {
            "in the article's narration; not recognised as a quote"
        };
        assert!(text.contains(label), "{name}: {text}");
        assert!(text.contains(sentence), "{name}: {text}");
        let reply = render::discord::check(&r, 3, 300);
        let v = serde_json::to_value(reply.into_response()).expect("json");
        let content = v["data"]["content"].as_str().unwrap_or("");
        assert!(content.contains(label), "{name}: {v:#}");
    }
}
