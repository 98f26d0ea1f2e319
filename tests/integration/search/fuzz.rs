//! Fuzzing the query path and uploads (issue 5): whatever a user types or sends, searching,
//! checking and reading an upload do not panic, and every excerpt shown is the article's own
//! text at the offsets it cites. Property tests with many cases, so they run in CI with
//! nothing but the Rust toolchain; `PROPTEST_CASES` raises the count for a longer run. (The
//! extractor's fuzz target is `tests/integration/extract_props.rs`.)

use crate::search::helpers::{article, seeds};
use proptest::prelude::*;
use whosaid::corpus::{parse_upload, LoadLimits, UploadMeta};
use whosaid::search::{check, search, SearchRequest};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Query pieces: words of the seeds, operators a query parser would choke on, quote marks,
/// odd Unicode and controls, so random concatenations reach the edge cases.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("troops".to_string()),
        Just("Syria".to_string()),
        Just("Trump".to_string()),
        // the frames of a fact-check question ("did Macron say …?", "who said …", "X: …")
        Just("did".to_string()),
        Just(" said ".to_string()),
        Just("who".to_string()),
        Just("Macron".to_string()),
        Just(":".to_string()),
        Just("?".to_string()),
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("'".to_string()),
        Just(" ".to_string()),
        Just("AND".to_string()),
        Just("OR NOT".to_string()),
        Just("*".to_string()),
        Just("speaker:".to_string()),
        Just("(".to_string()),
        Just("^2".to_string()),
        Just("~".to_string()),
        Just("\\".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{1f600}".to_string()),
        Just("e\u{301}".to_string()),
        Just("\n".to_string()),
        Just("-".to_string()),
        "\\PC{0,12}",
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|p| p.concat())
}

fn assert_verbatim(id: &str, start: usize, end: usize, text: &str) {
    assert_eq!(
        article(id).text.get(start..end),
        Some(text),
        "{id} {start}..{end}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn searches_never_panic_and_cite_verbatim(
        q in query(),
        speaker in proptest::option::of(query()),
        source in proptest::option::of(query()),
        excerpt in 1usize..400,
        limit in 1usize..60,
        page in 1usize..4,
    ) {
        let req = SearchRequest {
            speaker,
            source,
            excerpt_bytes: excerpt,
            limit,
            page,
            ..SearchRequest::new(q)
        };
        // User errors (unknown speaker, ...) are fine; a panic or an index error is not.
        match search(seeds(), &req) {
            Ok(results) => {
                for h in results.hits {
                    let id = h.record.quote.article.as_str();
                    assert_verbatim(id, h.excerpt.start, h.excerpt.end, &h.excerpt.text);
                    assert_verbatim(id, h.record.quote.start, h.record.quote.end, &h.record.quote.text);
                }
            }
            Err(e) => prop_assert!(
                !matches!(e, whosaid::search::SearchError::Index(_)),
                "{e}"
            ),
        }
    }

    #[test]
    fn checks_never_panic(phrase in query(), nearest in 0usize..10) {
        if let Err(e) = check(seeds(), &phrase, nearest) {
            prop_assert!(!matches!(e, whosaid::search::SearchError::Index(_)), "{e}");
        }
    }

    #[test]
    fn uploads_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        text in "\\PC{0,200}",
        jsonl in any::<bool>(),
    ) {
        let name = if jsonl { "up.jsonl" } else { "up.txt" };
        let limits = LoadLimits { max_article_bytes: 300, max_file_bytes: 300 };
        let meta = UploadMeta::default();
        for input in [&bytes[..], text.as_bytes()] {
            if let Ok(articles) = parse_upload(name, input, &meta, limits) {
                prop_assert!(!articles.is_empty());
                for a in articles {
                    prop_assert!(!a.text.trim().is_empty());
                    prop_assert!(!a.id.is_empty());
                }
            }
        }
    }
}
