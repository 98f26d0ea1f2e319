//! The `whosaid` command line, run as a user would.

use crate::helpers::{stderr, stdout, whosaid};
use serde_json::Value;

#[test]
fn extract_jsonl_prints_one_quote_a_line_in_the_scoring_format() {
    let out = whosaid(&["extract", "--format", "jsonl", "seeds"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert!(lines.len() >= 20, "only {} quotes", lines.len());
    for q in &lines {
        for key in [
            "article", "start", "end", "text", "kind", "speaker", "mention", "cue",
        ] {
            assert!(q.get(key).is_some(), "missing {key}: {q}");
        }
        let kind = q["kind"].as_str().expect("kind");
        assert!(
            ["direct", "partial", "indirect", "mixed"].contains(&kind),
            "{kind}"
        );
    }
}

#[test]
fn extract_text_is_readable() {
    let out = whosaid(&["extract", "seeds/001_f5eafe687d50122b.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("== 001_f5eafe687d50122b"), "{text}");
    assert!(text.contains("We want to come home."), "{text}");
}

#[test]
fn extract_reports_skipped_inputs_and_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bad.txt"), b"\xff\xff").expect("write");
    std::fs::write(dir.path().join("good.txt"), "Head\n\n\"Yes,\" she said.").expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let out = whosaid(&["extract", "--format", "jsonl", &path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bad.txt: not UTF-8"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("\"article\":\"good\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn extract_with_nothing_loadable_fails_clearly() {
    let out = whosaid(&["extract", "no/such/dir"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("no such file or directory") && err.contains("no article could be loaded"),
        "{err}"
    );
}

#[test]
fn a_bad_settings_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("bad.toml");
    std::fs::write(&cfg, "[corpus]\ndirectory = \"x\"\n").expect("write");
    let cfg = cfg.to_string_lossy().into_owned();
    let out = whosaid(&["--config", &cfg, "extract", "seeds"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("bad setting") && err.contains("directory"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_bad_speakers_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("speakers.toml");
    std::fs::write(&file, "[[speaker]]\nnam = \"x\"\n").expect("write");
    let file = file.to_string_lossy().into_owned();
    let out = whosaid(&["extract", "--speakers", &file, "seeds"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("bad speakers file"),
        "{}",
        stderr(&out)
    );
}
