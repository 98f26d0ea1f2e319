//! Reads during writes (issue 12): a search that finds an ingest at work answers from what the
//! index last committed instead of rebuilding behind it, and every article the ingest reports
//! is in the index afterwards.

use crate::search::helpers::{stderr, whosaid_in};
use crate::search::ingest::{all_quotes, big_feed, config_file, extractor, seeded};
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use whosaid::corpus::LoadLimits;

#[test]
fn issue_12_searches_during_an_ingest_never_rebuild() {
    let (root, spec) = seeded("reads-during-ingest");
    std::fs::write(root.join("big.jsonl"), big_feed(1500)).unwrap();
    config_file(&root);
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(&root)
        .args(["--config", "whosaid.toml", "ingest", "big.jsonl"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ingest");
    let started = Instant::now();
    let mut searches = 0;
    // bounded: at most a minute of searching, whatever the ingest does
    while started.elapsed() < Duration::from_secs(60) {
        let o = whosaid_in(
            &root,
            &["--config", "whosaid.toml", "search", "budget district"],
        );
        assert!(o.status.success(), "search {searches}: {}", stderr(&o));
        assert!(
            !stderr(&o).contains("Building the index"),
            "search {searches} rebuilt the index: {}",
            stderr(&o)
        );
        searches += 1;
        if child.try_wait().expect("ingest status").is_some() {
            break;
        }
    }
    let status = child.wait().expect("ingest ends");
    assert!(status.success());
    assert!(searches > 1, "the searches ran while the ingest did");
    // every article of the feed is in the index, once
    let feed = whosaid::corpus::load_paths(&[root.join("big.jsonl")], LoadLimits::default());
    let ids: BTreeSet<String> = feed
        .articles
        .iter()
        .map(|a| whosaid::corpus::article_id(a.url.as_deref(), &a.text))
        .collect();
    let indexed = all_quotes(&spec.dir)
        .into_iter()
        .filter(|q| ids.contains(&q.0))
        .count();
    assert_eq!(indexed, extractor().extract_all(&feed.articles).len());
}

/// A rebuild asked for while an ingest runs reads the corpus only under the writer lock, so
/// the index it puts in place never misses what the ingest reported added.
#[test]
fn issue_12_a_rebuild_racing_an_ingest_loses_nothing() {
    let (root, spec) = seeded("rebuild-during-ingest");
    std::fs::write(root.join("big.jsonl"), big_feed(1500)).unwrap();
    config_file(&root);
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(&root)
        .args([
            "--config",
            "whosaid.toml",
            "ingest",
            "big.jsonl",
            "--wait",
            "60",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ingest");
    std::thread::sleep(Duration::from_millis(300));
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(child.wait().expect("ingest ends").success());
    let feed = whosaid::corpus::load_paths(&[root.join("big.jsonl")], LoadLimits::default());
    let ids: BTreeSet<String> = feed
        .articles
        .iter()
        .map(|a| whosaid::corpus::article_id(a.url.as_deref(), &a.text))
        .collect();
    let indexed = all_quotes(&spec.dir)
        .into_iter()
        .filter(|q| ids.contains(&q.0))
        .count();
    assert_eq!(indexed, extractor().extract_all(&feed.articles).len());
}
