//! The article store an ingest looks known articles up in (issue 13): it follows every
//! ingest, an index behind its corpus or without a store is rebuilt before a batch is added,
//! and `index --verify` reads it through; what an article's quotes copy of it is bounded.

use crate::search::helpers::{stderr, stdout, whosaid_in};
use crate::search::ingest::{all_quotes, config_file, extractor, seeded};
use std::time::Duration;
use whosaid::corpus::Article;
use whosaid::index::{ingest, stale_reason, QuoteIndex, HEADLINE_MAX};
use whosaid::search::{search, SearchRequest};

fn article(id: &str, text: &str) -> Article {
    let mut a = Article::from_text(id, text.to_string());
    a.id = id.to_string();
    a
}

const FRESH: &str = "Bridge closed\n\n\u{201c}We had no choice,\u{201d} said Mayor Alma Reyes.\n";

#[test]
fn issue_13_an_ingest_into_an_index_behind_its_corpus_rebuilds_it_then_adds() {
    let (_root, spec) = seeded("store-behind");
    // an article put in the corpus by hand: the index is behind
    std::fs::write(
        spec.corpus.join("by-hand.txt"),
        "Port reopens\n\n\u{201c}Ships are moving again,\u{201d} said Harbour Master Ines Duarte.\n",
    )
    .unwrap();
    assert!(stale_reason(&spec, &extractor()).unwrap().is_some());
    let report = ingest(
        &spec,
        &extractor(),
        vec![article("bridge", FRESH)],
        &[],
        Duration::from_secs(10),
    )
    .expect("ingest");
    assert!(report.rebuilt.is_some(), "{report:?}");
    assert_eq!(report.articles.len(), 1, "{report:?}");
    assert!(report.quotes >= 1, "{report:?}");
    let articles: Vec<String> = all_quotes(&spec.dir).into_iter().map(|q| q.0).collect();
    assert!(articles.iter().any(|a| a == "bridge"));
    assert!(articles.iter().any(|a| a == "by-hand"), "{articles:?}");
    assert_eq!(stale_reason(&spec, &extractor()).unwrap(), None);
}

#[test]
fn issue_13_an_index_without_its_article_store_is_rebuilt_by_the_next_ingest() {
    let (root, spec) = seeded("store-missing");
    config_file(&root);
    std::fs::remove_file(spec.dir.join("articles.redb")).unwrap();
    let add = |id: &str, text: &str| {
        ingest(
            &spec,
            &extractor(),
            vec![article(id, text)],
            &[],
            Duration::from_secs(10),
        )
        .expect("ingest")
    };
    let first = add("bridge", FRESH);
    let why = first.rebuilt.as_deref().unwrap_or_default();
    assert!(why.contains("article store"), "{first:?}");
    assert_eq!(first.articles.len(), 1, "{first:?}");
    // the store is back and knows the article: its text under another id is not added again
    let twin = add("bridge-copy", FRESH);
    assert!(twin.rebuilt.is_none(), "{twin:?}");
    assert!(twin.articles.is_empty(), "{twin:?}");
    assert!(
        twin.skipped[0].contains("same text as the indexed article bridge"),
        "{twin:?}"
    );
    let index = QuoteIndex::open(&spec.dir).unwrap();
    assert_eq!(index.manifest().articles, 4);
    // and verify finds it whole, holding what the manifest counts
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn issue_13_verify_names_a_damaged_or_missing_article_store() {
    let (root, spec) = seeded("store-verify");
    config_file(&root);
    let store = spec.dir.join("articles.redb");
    let bytes = std::fs::read(&store).unwrap();
    // the header and the root of the tables: damage there is never read as other data
    let mut damaged = bytes.clone();
    for b in damaged.iter_mut().take(64) {
        *b ^= 0x5a;
    }
    std::fs::write(&store, &damaged).unwrap();
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("articles.redb: damaged"),
        "{}",
        stdout(&o)
    );
    std::fs::remove_file(&store).unwrap();
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("articles.redb: missing"),
        "{}",
        stdout(&o)
    );
    std::fs::write(&store, &bytes).unwrap();
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn issue_13_a_text_whose_first_line_is_the_whole_story_gives_its_quotes_a_short_headline() {
    // every quote carries its article's headline; a one-line text is all headline, and its
    // quotes once copied all of it (a 4 MiB one took the machine's memory)
    let (_root, spec) = seeded("store-one-line");
    let line = "\u{201c}It is over,\u{201d} she said. ".repeat(400);
    let report = ingest(
        &spec,
        &extractor(),
        vec![article("one-line", &line)],
        &[],
        Duration::from_secs(10),
    )
    .expect("ingest");
    assert_eq!(report.quotes, 400, "{report:?}");
    let headline = &report.articles[0].headline;
    assert!(headline.len() <= HEADLINE_MAX && headline.ends_with('\u{2026}'));
    assert!(line.starts_with(headline.trim_end_matches('\u{2026}')));
    let index = QuoteIndex::open(&spec.dir).unwrap();
    let listed = index.sources().unwrap();
    let entry = listed.iter().find(|s| s.info.id == "one-line").unwrap();
    assert_eq!(&entry.info.headline, headline);
    let mut req = SearchRequest::new("over");
    req.limit = 50;
    let hits = search(&index, &req).expect("search").hits;
    let ours: Vec<_> = hits
        .iter()
        .filter(|h| h.record.source.id == "one-line")
        .collect();
    assert!(!ours.is_empty());
    for h in ours {
        assert_eq!(&h.record.source.headline, headline);
    }
}
