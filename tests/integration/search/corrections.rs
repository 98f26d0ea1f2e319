//! The team's corrections (issue 10): a quote's id, `correct` naming the real speaker or
//! taking out words that are not a quote, and corrections that survive every rebuild, show in
//! search, check and Discord, and are reported when their quote is gone. The fixtures are
//! invented articles.

use crate::search::helpers::{knowledge, scratch, stderr, stdout, whosaid_in};
use std::path::{Path, PathBuf};
use std::time::Duration;
use whosaid::corpus::{Fix, LoadLimits};
use whosaid::extract::{quote_id, Basis, Confidence, Extractor};
use whosaid::index::corrections::{correct, review, CorrectRequest};
use whosaid::index::{rebuild, BuildOptions, IndexSpec, QuoteIndex, Silent};
use whosaid::render;
use whosaid::search::{check, search, SearchRequest, Verdict};

const LIBRARY: &str = "Library vote delayed\n\n\
    Councillor Rosa Imbert met the librarian Dana Fold on Friday to discuss the branch.\n\n\
    \u{201C}Nobody wants the reading room to close for good,\u{201D} she said.\n";

const HARBOUR: &str = "Harbour dredging starts in May\n\n\
    \u{201C}The channel will be open by summer,\u{201D} said harbour master Ines Varga.\n\n\
    The slogan \u{201C}Open Water Now\u{201D} was painted on the quay, said residents.\n";

fn corpus(name: &str) -> (PathBuf, IndexSpec) {
    let root = scratch(name);
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus dir");
    std::fs::write(corpus.join("library.txt"), LIBRARY).expect("write");
    std::fs::write(corpus.join("harbour.txt"), HARBOUR).expect("write");
    let spec = IndexSpec {
        corpus: corpus.clone(),
        dir: root.join("index"),
        limits: LoadLimits::default(),
        options: BuildOptions {
            writer_memory_bytes: 32 << 20,
            threads: 1,
        },
    };
    (root, spec)
}

fn extractor() -> Extractor {
    Extractor::new(knowledge())
}

fn build(spec: &IndexSpec) -> QuoteIndex {
    rebuild(spec, &extractor(), &mut Silent).expect("index builds");
    QuoteIndex::open(&spec.dir).expect("index opens")
}

fn ask(spec: &IndexSpec, id: &str, fix: Fix) {
    let req = CorrectRequest {
        id: id.to_string(),
        fix,
        by: "a test".into(),
        within: None,
    };
    correct(spec, &extractor(), req, Duration::from_secs(5)).expect("correction");
}

/// The id of the first hit of `query`.
fn id_of(index: &QuoteIndex, query: &str) -> String {
    let r = search(index, &SearchRequest::new(query)).expect("search");
    r.hits.first().expect("a hit").record.id.clone()
}

#[test]
fn issue_10_a_correction_survives_a_rebuild_and_shows_everywhere() {
    let (_root, spec) = corpus("corrections-survive");
    let index = build(&spec);
    let id = id_of(&index, "reading room close");
    // the id is the quote's, stable: the article and the offsets of the words
    let at = LIBRARY.find("Nobody wants").expect("quote");
    let end = at + "Nobody wants the reading room to close for good,".len();
    assert_eq!(id, quote_id("library", at, end));
    let r = search(&index, &SearchRequest::new("reading room close")).expect("search");
    assert_eq!(r.hits[0].record.quote.confidence, Some(Confidence::Low));
    assert!(render::search_results(&r).contains(&format!("id {id}")));
    drop(index);

    // The engine guessed Rosa Imbert; the team says Dana Fold.
    ask(&spec, &id, Fix::Speaker("Dana Fold".into()));
    let shows_the_correction = |index: &QuoteIndex| {
        let r = search(index, &SearchRequest::new("reading room close")).expect("search");
        let q = &r.hits[0].record.quote;
        assert_eq!(q.speaker.as_deref(), Some("Dana Fold"));
        assert_eq!(q.basis, Some(Basis::Corrected));
        assert_eq!(q.confidence, Some(Confidence::High));
        let text = render::search_results(&r);
        assert!(text.contains("corrected by a team member"), "{text}");
        let c = check(
            index,
            "did Dana Fold say nobody wants the reading room to close",
            3,
        )
        .expect("check");
        assert_eq!(c.verdict, Verdict::Verbatim);
        let text = render::check_result(&c);
        assert!(text.contains("Found verbatim: Dana Fold said"), "{text}");
        let reply = render::discord::check(&c, 3, 300);
        let v = serde_json::to_value(reply.into_response()).expect("json");
        let embed = v["data"]["embeds"].to_string();
        assert!(embed.contains("corrected by a team member"), "{v:#}");
        assert!(embed.contains(&id), "{v:#}");
        // the speaker list counts the quote for its corrected speaker
        let fold = index.speakers().iter().find(|s| s.name == "Dana Fold");
        assert_eq!(fold.map(|s| s.quotes), Some(1), "{:?}", index.speakers());
    };
    shows_the_correction(&QuoteIndex::open(&spec.dir).expect("opens"));
    // ... and again after `whosaid index --force`, from the corpus alone
    shows_the_correction(&build(&spec));

    // Words that are not a quote leave the index, and stay out.
    let index = QuoteIndex::open(&spec.dir).expect("opens");
    let slogan = id_of(&index, "open water now");
    drop(index);
    ask(&spec, &slogan, Fix::NotAQuote);
    for index in [QuoteIndex::open(&spec.dir).expect("opens"), build(&spec)] {
        let r = search(&index, &SearchRequest::new("open water now")).expect("search");
        assert!(r.hits.iter().all(|h| h.record.id != slogan), "{r:?}");
        assert_eq!(index.manifest().quotes, 2);
    }
    let (list, unreadable) = review(&spec).expect("review");
    assert!(unreadable.is_empty());
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|r| !r.vanished), "{list:?}");
    assert_eq!(list[0].correction.by, "a test");
}

#[test]
fn issue_10_a_correction_whose_quote_is_gone_is_reported_not_lost() {
    let (_root, spec) = corpus("corrections-vanished");
    let index = build(&spec);
    let id = id_of(&index, "reading room close");
    drop(index);
    ask(&spec, &id, Fix::Speaker("Dana Fold".into()));
    // The article is edited: the words move, so the quote has another id.
    std::fs::write(
        spec.corpus.join("library.txt"),
        LIBRARY.replace("on Friday", "on a rainy Friday"),
    )
    .expect("write");
    let summary = rebuild(&spec, &extractor(), &mut Silent).expect("rebuild");
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains(&id) && w.contains("matches no quote any more")),
        "{:?}",
        summary.warnings
    );
    let (list, _) = review(&spec).expect("review");
    assert_eq!(list.len(), 1);
    assert!(list[0].vanished);
    let text = render::corrections::list(&list, &[]);
    assert!(text.contains("no longer finds this quote"), "{text}");
    // the correction is still in the file, untouched
    let file = std::fs::read_to_string(spec.corpus.join("corrections.jsonl")).expect("file");
    assert!(file.contains(&id), "{file}");
}

#[test]
fn a_correction_needs_a_quote_that_exists() {
    let (_root, spec) = corpus("corrections-unknown-id");
    drop(build(&spec));
    let req = CorrectRequest {
        id: "0000000000".into(),
        fix: Fix::NotAQuote,
        by: "a test".into(),
        within: None,
    };
    let err = correct(&spec, &extractor(), req, Duration::from_secs(5)).expect_err("no such quote");
    assert!(
        err.to_string().contains("no quote has the id 0000000000"),
        "{err}"
    );
    assert!(!spec.corpus.join("corrections.jsonl").exists());
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![args[0], "--corpus", "corpus", "--index", "index"];
    all.extend_from_slice(&args[1..]);
    whosaid_in(dir, &all)
}

#[test]
fn issue_10_the_command_line_corrects_and_lists() {
    let (root, _spec) = corpus("corrections-cli");
    let out = run(&root, &["search", "reading room close", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let id = v["hits"][0]["id"].as_str().expect("an id").to_string();

    let out = run(
        &root,
        &[
            "correct",
            &id.to_uppercase(),
            "--speaker",
            "varga",
            "--by",
            "ana",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // "varga" is a name form of one speaker the index knows: the correction uses her name
    assert!(
        stdout(&out).contains("now said by Ines Varga"),
        "{}",
        stdout(&out)
    );

    let out = run(&root, &["index", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&root, &["search", "reading room close"]);
    let text = stdout(&out);
    assert!(
        text.contains("Ines Varga \u{00B7} corrected by a team member"),
        "{text}"
    );
    let out = run(&root, &["corrections"]);
    let text = stdout(&out);
    assert!(text.contains(&id) && text.contains("by ana"), "{text}");

    let out = run(&root, &["correct", "not-an-id", "--not-a-quote"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is not a quote id"),
        "{}",
        stderr(&out)
    );
    let out = run(&root, &["correct", &id]);
    assert!(
        !out.status.success(),
        "either --speaker or --not-a-quote is needed"
    );
}
