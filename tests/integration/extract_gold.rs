//! Extraction quality on the seed articles, against their gold annotations
//! (`tests/fixtures/seeds-gold.jsonl`: 37 quotes, 26 of them direct or partial).

use crate::helpers::{assert_quote_invariants, load_gold, score, shipped_knowledge};
use whosaid::extract::{Extractor, Knowledge};

const GOLD: &str = "tests/fixtures/seeds-gold.jsonl";

#[test]
fn every_direct_and_partial_seed_quote_is_found_with_its_speaker() {
    let gold = load_gold(GOLD);
    let s = score(&gold, &Extractor::new(shipped_knowledge()), 0.3);
    let direct: Vec<_> = s
        .by_kind
        .iter()
        .filter(|(k, _)| k == "direct" || k == "partial")
        .collect();
    assert_eq!(
        direct.len(),
        26,
        "the gold file holds 26 direct or partial quotes"
    );
    let failures: Vec<_> = s
        .failures
        .iter()
        .filter(|f| f.contains("[direct]") || f.contains("[partial]"))
        .collect();
    assert!(
        failures.is_empty(),
        "direct/partial failures:\n{failures:#?}"
    );
}

#[test]
fn seeds_attributed_f1_is_at_least_095() {
    let gold = load_gold(GOLD);
    let s = score(&gold, &Extractor::new(shipped_knowledge()), 0.3);
    let f1 = s.attributed_f1();
    assert!(
        f1 >= 0.95,
        "attributed F1 {f1:.3} < 0.95 (gold {}, predicted {}, matched {}, attributed {})\n{:#?}",
        s.gold,
        s.predicted,
        s.matched,
        s.attributed,
        s.failures
    );
}

/// The knowledge file is optional: without it the engine still attributes every direct quote
/// whose speaker the articles name themselves.
#[test]
fn seeds_without_knowledge_file_still_attribute_named_speakers() {
    let gold = load_gold(GOLD);
    let s = score(&gold, &Extractor::new(Knowledge::default()), 0.3);
    let direct_failures: Vec<_> = s
        .failures
        .iter()
        .filter(|f| f.contains("[direct]"))
        .collect();
    assert!(direct_failures.is_empty(), "{direct_failures:#?}");
    assert!(
        s.attributed_f1() >= 0.85,
        "attributed F1 {:.3}",
        s.attributed_f1()
    );
}

#[test]
fn every_seed_quote_is_verbatim_at_its_offsets() {
    let extractor = Extractor::new(shipped_knowledge());
    for g in load_gold(GOLD) {
        let article = g.article();
        let quotes = extractor.extract(&article);
        assert!(!quotes.is_empty(), "{}: no quotes", article.id);
        for q in &quotes {
            assert_quote_invariants(&article, q);
        }
    }
}

#[test]
fn one_person_has_one_canonical_name_across_the_seeds() {
    let articles: Vec<_> = load_gold(GOLD).iter().map(|g| g.article()).collect();
    let quotes = Extractor::new(shipped_knowledge()).extract_all(&articles);
    let names: std::collections::BTreeSet<_> =
        quotes.iter().filter_map(|q| q.speaker.as_deref()).collect();
    for short in [
        "Macron",
        "Mr Macron",
        "President Macron",
        "Trump",
        "President Trump",
        "Coveney",
    ] {
        assert!(
            !names.contains(short),
            "{short:?} is not canonical: {names:?}"
        );
    }
    assert!(names.contains("Emmanuel Macron"), "{names:?}");
    assert!(names.contains("Donald Trump"), "{names:?}");
}

/// Issue 2: "X urged Y to …" is reported speech. The seeds hold three such sentences that
/// their gold file does not annotate (the headline of 001, twice, and its first sentence);
/// they are found, and they are the only predictions beyond the gold.
#[test]
fn seeds_requests_are_reported_and_are_the_only_predictions_beyond_the_gold() {
    let gold = load_gold(GOLD);
    let extractor = Extractor::new(shipped_knowledge());
    let s = score(&gold, &extractor, 0.3);
    let articles: Vec<_> = gold.iter().map(|g| g.article()).collect();
    let quotes = extractor.extract_all(&articles);
    let requests: Vec<(&str, &str, &str)> = quotes
        .iter()
        .filter(|q| {
            q.cue
                .as_ref()
                .is_some_and(|c| c.text.to_lowercase().starts_with("urge"))
        })
        .map(|q| {
            (
                q.text.as_str(),
                q.speaker.as_deref().unwrap_or(""),
                q.cue.as_ref().map_or("", |c| c.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        requests,
        [
            ("to keep US troops in Syria", "Emmanuel Macron", "urges"),
            ("to keep US troops in Syria", "Emmanuel Macron", "urges"),
            (
                "to keep US troops in Syria to ensure the defeat of ISIS militants",
                "Emmanuel Macron",
                "urged"
            ),
        ]
    );
    assert_eq!(s.matched, s.gold, "every gold quote is found");
    assert_eq!(s.predicted, s.gold + requests.len());
}
