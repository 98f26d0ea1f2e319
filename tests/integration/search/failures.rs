//! Failures that must stay honest (issue 12): a read-only index keeps answering, a damaged
//! file is named by `index --verify`, and an ingest that runs out of space says exactly which
//! articles it added, keeps nothing of the others, and leaves reads working.
//!
//! The read-only and full disks are real file systems (a read-only bind mount, a small
//! tmpfs), made in a private mount namespace so nothing outside the test sees them. Where
//! the machine does not allow that (no `unshare`, no privilege), those tests say so and pass.

use crate::search::concurrency::big_feed;
use crate::search::helpers::{stderr, stdout, whosaid_in};
use crate::search::ingest::{all_quotes, config_file, seeded};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `script` with `sh` in a private mount namespace, or `None` (said on stderr) where
/// this machine cannot make one.
fn in_private_mounts(script: &str) -> Option<Output> {
    let allowed = Command::new("unshare")
        .args(["-m", "sh", "-c", "mount -t tmpfs -o size=1m none /mnt"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !allowed {
        eprintln!("skipped: this machine cannot make a private mount namespace (needs root)");
        return None;
    }
    Some(
        Command::new("unshare")
            .args(["-m", "sh", "-c", script])
            .output()
            .expect("unshare runs"),
    )
}

fn quoted(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn issue_12_a_read_only_index_answers_searches() {
    let (root, _spec) = seeded("read-only");
    config_file(&root);
    std::fs::write(
        root.join("story.txt"),
        "Bridge vote\n\n\"We will vote again,\" said Mayor Ann Lee.\n",
    )
    .unwrap();
    let (r, bin) = (quoted(&root), env!("CARGO_BIN_EXE_whosaid"));
    let w = format!("{bin} --config {r}/whosaid.toml");
    let script = format!(
        "mount --bind {r} {r} && mount -o remount,bind,ro {r} && cd {r} && \
         {w} search 'Syria troops' && echo '== check' && \
         {w} check 'We persuaded him to remain' && echo '== speakers' && {w} speakers && \
         echo '== verify' && {w} index --verify && echo '== ingest' && \
         {w} ingest story.txt --outlet 'Test Wire'; echo \"ingest exit $?\""
    );
    let Some(o) = in_private_mounts(&script) else {
        return;
    };
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(out.contains("We persuaded him to remain."), "{out}\n{err}");
    assert!(out.contains("== check\nFound verbatim"), "{out}\n{err}");
    assert!(out.contains("Emmanuel Macron"), "{out}\n{err}");
    assert!(out.contains("== verify\nThe index in"), "{out}\n{err}");
    assert!(out.contains("is sound"), "{out}\n{err}");
    // adding is refused with the reason, and nothing else went wrong before it
    assert!(out.contains("ingest exit 1"), "{out}\n{err}");
    assert!(err.contains("is read-only"), "{err}");
    assert!(err.contains("nothing was added"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

/// A read-only index whose corpus changed cannot be rebuilt: it answers as it is, and says so.
#[test]
fn issue_12_a_stale_read_only_index_answers_with_a_warning() {
    let (root, spec) = seeded("read-only-stale");
    config_file(&root);
    let article = std::fs::read_dir(&spec.corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_file())
        .expect("a corpus file");
    let mut text = std::fs::read_to_string(&article).unwrap();
    text.push('\n');
    std::fs::write(&article, text).unwrap();
    let (r, bin) = (quoted(&root), env!("CARGO_BIN_EXE_whosaid"));
    let script = format!(
        "mount --bind {r} {r} && mount -o remount,bind,ro {r} && \
         {bin} --config {r}/whosaid.toml search 'Syria troops'"
    );
    let Some(o) = in_private_mounts(&script) else {
        return;
    };
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("We persuaded him to remain."), "{out}\n{err}");
    assert!(err.contains("warning: the index in"), "{err}");
    assert!(err.contains("cannot be rebuilt now"), "{err}");
    assert!(err.contains("read-only"), "{err}");
}

#[test]
fn issue_12_a_flipped_byte_inside_a_segment_is_reported_by_verify() {
    let (root, spec) = seeded("flipped-byte");
    config_file(&root);
    let sound = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
    assert!(sound.status.success(), "{}", stderr(&sound));
    assert!(stdout(&sound).contains("is sound"), "{}", stdout(&sound));
    for extension in ["idx", "pos", "fast", "store"] {
        let victim = std::fs::read_dir(&spec.dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == extension))
            .expect("a segment file");
        let mut bytes = std::fs::read(&victim).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x5a;
        std::fs::write(&victim, &bytes).unwrap();
        let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
        assert!(!o.status.success(), "{extension}: {}", stdout(&o));
        let name = victim.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            stdout(&o).contains(&format!("{name}: damaged")),
            "{extension}: {}",
            stdout(&o)
        );
        assert!(
            stderr(&o).contains("whosaid index --force"),
            "{}",
            stderr(&o)
        );
        bytes[middle] ^= 0x5a;
        std::fs::write(&victim, &bytes).unwrap();
    }
    let repaired = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
    assert!(repaired.status.success(), "{}", stdout(&repaired));
}

#[test]
fn issue_12_a_missing_file_is_reported_by_verify() {
    let (root, spec) = seeded("verify-missing");
    config_file(&root);
    std::fs::remove_file(spec.dir.join("sources.json")).unwrap();
    let o = whosaid_in(&root, &["--config", "whosaid.toml", "index", "--verify"]);
    assert!(!o.status.success());
    assert!(
        stdout(&o).contains("sources.json: missing"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn issue_12_an_ingest_that_runs_out_of_space_says_exactly_what_it_added() {
    let (root, _spec) = seeded("disk-full");
    std::fs::write(root.join("big.jsonl"), big_feed(1500)).unwrap();
    let (r, bin) = (quoted(&root), env!("CARGO_BIN_EXE_whosaid"));
    let speakers = crate::search::helpers::repo_path("config/speakers.toml");
    // the corpus and index on a file system too small for the whole feed
    let script = format!(
        "mkdir -p {r}/small {r}/after && mount -t tmpfs -o size=3m none {r}/small && \
         cp -r {r}/corpus {r}/small/corpus && cd {r}/small && \
         printf '[corpus]\\ndir = \"corpus\"\\n[extract]\\nspeakers = \"%s\"\\n[index]\\n\
         dir = \"index\"\\nthreads = 1\\nwriter_memory_mb = 32\\n' {speakers} > w.toml && \
         {bin} --config w.toml index > /dev/null && \
         {bin} --config w.toml ingest {r}/big.jsonl --json > {r}/ingest.json; \
         echo \"ingest exit $?\"; {bin} --config w.toml search 'bridge number' && \
         {bin} --config w.toml index --verify && cp -r index corpus {r}/after/",
        speakers = quoted(&speakers),
    );
    let Some(o) = in_private_mounts(&script) else {
        return;
    };
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(out.contains("ingest exit 1"), "{out}\n{err}");
    assert!(err.contains("No space left on device"), "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ingest.json")).unwrap())
            .unwrap_or_else(|e| panic!("{e}\n{out}\n{err}"));
    let ids = |list: &serde_json::Value| -> BTreeSet<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let added = ids(&report["added"]["articles"]);
    let not_added = ids(&report["not_added"]);
    assert!(!added.is_empty() && !not_added.is_empty(), "{report}");
    assert_eq!(added.len() + not_added.len(), 1500, "{report}");
    // reads kept working, and the index is sound
    assert!(out.contains("bridge number"), "{out}\n{err}");
    assert!(out.contains("is sound"), "{out}\n{err}");
    // exactly the articles reported added are in the index and in the corpus
    let indexed: BTreeSet<String> = all_quotes(&root.join("after/index"))
        .into_iter()
        .map(|q| q.0)
        .filter(|id| id.starts_with("t-"))
        .collect();
    assert_eq!(indexed, added);
    let kept = std::fs::read_dir(root.join("after/corpus/ingested"))
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .count();
    assert_eq!(kept, added.len(), "no corpus file of an article not added");
}
