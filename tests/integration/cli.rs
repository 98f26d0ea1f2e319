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

/// Issue 11: settings are found from any directory (`--config`, `WHOSAID_CONFIG`, the user's
/// config directory), their relative paths read from the file's directory; with no settings
/// at all, an installed `whosaid` answers from the seeds built into it.
#[test]
fn issue_11_settings_and_seeds_are_found_from_any_directory() {
    let home = tempfile::tempdir().expect("tempdir");
    let elsewhere = home.path().join("somewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let run = |envs: &[(&str, &std::path::Path)], args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"));
        cmd.current_dir(&elsewhere)
            .env_remove("WHOSAID_CONFIG")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", home.path());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.args(args).output().expect("run whosaid")
    };
    // no settings anywhere: the bundled seeds, installed under the data directory
    let o = run(&[], &["search", "Syria troops"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("We persuaded him to remain."),
        "{}",
        stdout(&o)
    );
    assert!(home
        .path()
        .join(".local/share/whosaid/seeds/sources.toml")
        .exists());
    assert!(home
        .path()
        .join(".local/share/whosaid/index/manifest.json")
        .exists());

    // a settings file named by WHOSAID_CONFIG: its relative paths are its own directory's
    let team = home.path().join("team");
    std::fs::create_dir_all(team.join("articles")).unwrap();
    std::fs::write(
        team.join("articles/a.txt"),
        "Ferry back\n\n\"The ferry sails again on Monday,\" said harbour master Ines Varga.\n",
    )
    .unwrap();
    std::fs::write(
        team.join("whosaid.toml"),
        "[corpus]\ndir = \"articles\"\n[extract]\nspeakers = \"none.toml\"\n[index]\ndir = \"index\"\n",
    )
    .unwrap();
    let o = run(
        &[("WHOSAID_CONFIG", &team.join("whosaid.toml"))],
        &["search", "ferry"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Ines Varga"), "{}", stdout(&o));
    assert!(team.join("index/manifest.json").exists());

    // the same file in the user's config directory is found too
    let config_dir = home.path().join(".config/whosaid");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("whosaid.toml"),
        format!(
            "[corpus]\ndir = {:?}\n[index]\ndir = {:?}\n",
            team.join("articles"),
            team.join("index")
        ),
    )
    .unwrap();
    let o = run(&[], &["search", "ferry"]);
    assert!(stdout(&o).contains("Ines Varga"), "{}", stdout(&o));

    // a settings file that is named but missing is an error, not a fallback
    let o = run(
        &[("WHOSAID_CONFIG", &home.path().join("nope.toml"))],
        &["search", "x"],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("cannot read the settings file"),
        "{}",
        stderr(&o)
    );
}
