//! Reads during writes (issue 12): a search that finds an ingest at work answers from what the
//! index last committed instead of rebuilding behind it, and every article the ingest reports
//! is in the index afterwards.

use crate::search::helpers::{stderr, whosaid_in};
use crate::search::ingest::{all_quotes, config_file, extractor, macron_article, seeded};
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use whosaid::corpus::LoadLimits;
use whosaid::index::{ingest, rebuild_if_stale, stale_reason, Progress, Silent};

#[test]
fn issue_12_searches_during_an_ingest_never_rebuild() {
    let (root, spec) = seeded("reads-during-ingest");
    let mut child = start_ingesting_a_feed(&root, &[]);
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
    assert_the_feed_is_indexed_once(&root, &spec.dir);
}

/// A reader rebuilds only what is still stale once it holds the writer: one that saw the
/// index behind its corpus while an ingest was committing, and took the writer just after, found
/// the index brought up to date and rebuilt it anyway (seen as a flaky search in this file's
/// first test).
#[test]
fn issue_12_a_reader_that_finds_the_index_current_once_it_holds_the_writer_rebuilds_nothing() {
    /// Counts the builds a call asks for.
    #[derive(Default)]
    struct Builds(usize);
    impl Progress for Builds {
        fn rebuilding(&mut self, _reason: &str) {
            self.0 += 1;
        }
    }
    let (root, spec) = seeded("reader-after-ingest");
    let mut builds = Builds::default();
    let done = rebuild_if_stale(&spec, &extractor(), &mut builds, Duration::ZERO).unwrap();
    assert!(
        done.is_none() && builds.0 == 0,
        "a current index is left as it is"
    );
    // a file put in the corpus by hand: stale, so rebuilt, and current after
    std::fs::write(
        root.join("corpus").join("by-hand.txt"),
        "Port reopens\n\n\u{201c}Ships move,\u{201d} said Ines Duarte.\n",
    )
    .unwrap();
    let done = rebuild_if_stale(&spec, &extractor(), &mut builds, Duration::ZERO).unwrap();
    assert!(done.is_some_and(|(why, _)| why.contains("changed")) && builds.0 == 1);
    assert_eq!(stale_reason(&spec, &extractor()).unwrap(), None);
}

/// A rebuild asked for while an ingest runs reads the corpus only under the writer lock, so
/// the index it puts in place never misses what the ingest reported added.
#[test]
fn issue_12_a_rebuild_racing_an_ingest_loses_nothing() {
    let (root, spec) = seeded("rebuild-during-ingest");
    let mut child = start_ingesting_a_feed(&root, &["--wait", "60"]);
    std::thread::sleep(Duration::from_millis(300));
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(child.wait().expect("ingest ends").success());
    assert_the_feed_is_indexed_once(&root, &spec.dir);
}

/// Writes a feed of 1,500 articles to `root/big.jsonl` and starts `whosaid ingest` of it
/// (with `extra` arguments) in the background.
fn start_ingesting_a_feed(root: &std::path::Path, extra: &[&str]) -> std::process::Child {
    std::fs::write(root.join("big.jsonl"), big_feed(1500)).unwrap();
    config_file(root);
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(root)
        .args(["--config", "whosaid.toml", "ingest", "big.jsonl"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ingest")
}

/// Every quote of `root/big.jsonl` is in the index in `dir`, once (an added article's id is
/// its text's, issue 11).
fn assert_the_feed_is_indexed_once(root: &std::path::Path, dir: &std::path::Path) {
    let feed = whosaid::corpus::load_paths(&[root.join("big.jsonl")], LoadLimits::default());
    let ids: BTreeSet<String> = feed
        .articles
        .iter()
        .map(|a| whosaid::corpus::article_id(a.url.as_deref(), &a.text))
        .collect();
    let indexed = all_quotes(dir)
        .into_iter()
        .filter(|q| ids.contains(&q.0))
        .count();
    assert_eq!(
        indexed,
        extractor().extract_all(&feed.articles).len(),
        "every quote of the feed, once"
    );
}

/// A feed of `n` articles with a few quotes each.
pub(crate) fn big_feed(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let text = format!(
            "Council vote {i}\n\n\"The budget for district {i} is settled,\" said Mayor Ann \
             Lee.\n\n\"We will build the bridge number {i},\" she added.\n\nOpponents said the \
             plan for district {i} was rushed.\n"
        );
        let line = serde_json::json!({"id": format!("vote-{i}"), "text": text});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn issue_5_killing_an_ingest_midway_loses_nothing_committed() {
    let (root, spec) = seeded("ingest-kill");
    // A first ingest that completes: its quotes are committed.
    let first = ingest(
        &spec,
        &extractor(),
        vec![macron_article()],
        &[],
        Duration::ZERO,
    )
    .unwrap();
    assert!(first.quotes > 0);
    let committed = all_quotes(&spec.dir);
    std::fs::write(root.join("big.jsonl"), big_feed(2000)).unwrap();
    config_file(&root);
    for delay_ms in [250, 600] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .current_dir(&root)
            .args(["--config", "whosaid.toml", "ingest", "big.jsonl"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ingest");
        std::thread::sleep(Duration::from_millis(delay_ms));
        // kill -9: no chance to clean up.
        let _ = child.kill();
        let _ = child.wait();

        // The index opens as it is and holds every quote committed before.
        let now = all_quotes(&spec.dir);
        assert!(now.is_superset(&committed), "after {delay_ms} ms");
        // The next start rebuilds when the corpus is ahead of the index, and then holds the
        // earlier quotes and every article written into the corpus.
        let (index, _) = whosaid::index::ensure(
            &spec,
            &extractor(),
            whosaid::index::Need::Answers,
            &mut Silent,
        )
        .expect("index reopens");
        let after = all_quotes(index.dir());
        assert!(after.is_superset(&committed), "after {delay_ms} ms");
        let ids: BTreeSet<String> = index
            .sources()
            .unwrap()
            .into_iter()
            .map(|s| s.info.id)
            .collect();
        let written = whosaid::corpus::load_paths(&[root.join("corpus")], LoadLimits::default());
        eprintln!(
            "killed after {delay_ms} ms: {} quotes were committed, {} articles in the corpus",
            now.len(),
            written.articles.len()
        );
        assert!(written.skipped.is_empty(), "{:?}", written.skipped);
        for a in &written.articles {
            assert!(
                ids.contains(&a.id),
                "{} is in the corpus, not the index",
                a.id
            );
        }
        assert_eq!(stale_reason(&spec, &extractor()).unwrap(), None);
    }
    // What a kill -9 can leave, planted for certain: a half-written corpus file and the
    // staging directory of a build whose process is gone.
    std::fs::write(root.join("corpus/ingested/.story-1.jsonl.tmp"), "{\"id\":").unwrap();
    std::fs::create_dir_all(root.join(".index.building-4194400")).unwrap();
    // Ingesting the whole feed again completes what was cut short, without duplicates.
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "ingest", "big.jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = all_quotes(&spec.dir);
    assert_the_feed_is_indexed_once(&root, &spec.dir);
    assert!(all.is_superset(&committed));
    // issue 12: nothing the killed processes left behind survives the next writer
    let leftovers: Vec<String> = std::fs::read_dir(root.join("corpus/ingested"))
        .unwrap()
        .chain(std::fs::read_dir(&root).unwrap())
        .chain(std::fs::read_dir(&spec.dir).unwrap())
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains(".building-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A damaged index (a segment file gone) is rebuilt by any command, with a warning, instead
/// of stopping every command with the index's own error.
#[test]
fn issue_12_a_missing_segment_file_is_rebuilt_by_a_search() {
    let (root, spec) = seeded("missing-segment");
    config_file(&root);
    let victim = std::fs::read_dir(&spec.dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a document store file");
    std::fs::remove_file(&victim).unwrap();
    let o = whosaid_in(
        &root,
        &["--config", "whosaid.toml", "search", "Syria troops"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning: the index could not be opened"),
        "{err}"
    );
    assert!(
        crate::search::helpers::stdout(&o).contains("We persuaded him to remain."),
        "{err}"
    );
    // and it stays repaired
    let again = whosaid_in(
        &root,
        &["--config", "whosaid.toml", "search", "Syria troops"],
    );
    assert!(!stderr(&again).contains("warning"), "{}", stderr(&again));
}
