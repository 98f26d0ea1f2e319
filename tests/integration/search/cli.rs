//! The command line: building on first use, rebuilding on change, and every subcommand.

use crate::search::helpers::{copy_seeds, stderr, stdout, whosaid_in};
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![args[0], "--corpus", "corpus", "--index", "data/index"];
    all.extend_from_slice(&args[1..]);
    whosaid_in(dir, &all)
}

#[test]
fn first_use_builds_the_index_and_later_uses_reuse_it() {
    let dir = copy_seeds("cli-first-use");
    let out = run(&dir, &["search", "Syria troops"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Building the index"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("Indexed 3 articles"),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("We persuaded him to remain."), "{text}");
    assert!(text.contains("Newstalk"), "{text}");
    assert!(text.contains("\u{00B6}"), "{text}");

    let again = run(&dir, &["search", "Syria troops"]);
    assert!(again.status.success());
    assert!(!stderr(&again).contains("Building"), "{}", stderr(&again));
    assert_eq!(stdout(&again), text);

    // A changed corpus is noticed and the index rebuilt, saying why.
    std::fs::write(
        dir.join("corpus/003_new.txt"),
        "Ministers meet\n\n\"Zanzibar matters greatly,\" said Jane Doe.\n",
    )
    .unwrap();
    let changed = run(&dir, &["search", "Zanzibar"]);
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert!(stderr(&changed).contains("changed"), "{}", stderr(&changed));
    assert!(
        stdout(&changed).contains("Jane Doe"),
        "{}",
        stdout(&changed)
    );
}

#[test]
fn index_command_reports_a_summary() {
    let dir = copy_seeds("cli-index");
    std::fs::write(dir.join("corpus/bad.txt"), [0xff, 0xfe, 0x00]).unwrap();
    let out = run(&dir, &["index"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("Indexed 3 articles"), "{err}");
    assert!(err.contains("quotes by"), "{err}");
    assert!(
        err.contains("Skipped 1 inputs") && err.contains("bad.txt"),
        "{err}"
    );
    let again = run(&dir, &["index"]);
    assert!(stdout(&again).contains("up to date"), "{}", stdout(&again));
    let forced = run(&dir, &["index", "--force"]);
    assert!(stderr(&forced).contains("Building"), "{}", stderr(&forced));
}

#[test]
fn index_never_replaces_a_directory_that_is_not_an_index() {
    let dir = copy_seeds("cli-not-an-index");
    let out = whosaid_in(&dir, &["index", "--corpus", "corpus", "--index", "corpus"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a whosaid index"),
        "{}",
        stderr(&out)
    );
    assert!(dir.join("corpus/001_f5eafe687d50122b.txt").exists());
}

#[test]
fn json_and_filters_from_the_command_line() {
    let dir = copy_seeds("cli-json");
    let out = run(
        &dir,
        &[
            "search",
            "home",
            "--speaker",
            "mr trump",
            "--kind",
            "direct",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(h["quote"]["speaker"], "Donald Trump");
        assert_eq!(h["quote"]["kind"], "direct");
        assert!(h["excerpt"]["start"].is_u64() && h["excerpt"]["end"].is_u64());
    }
    let bad = run(&dir, &["search", "x", "--kind", "shouted"]);
    assert!(!bad.status.success());
    let bad = run(&dir, &["search", "x", "--since", "yesterday"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
}

#[test]
fn queries_file_gives_one_json_line_per_query() {
    let dir = copy_seeds("cli-queries");
    let file = dir.join("queries.txt");
    std::fs::write(
        &file,
        "Syria troops\n\n\"strong and lasting footprint\"\ntitle:(a OR b\n\u{1F642}\n",
    )
    .unwrap();
    let out = run(
        &dir,
        &["search", "--queries", "queries.txt", "--limit", "3"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["query"], "Syria troops");
    assert!(lines[0]["hits"].as_array().unwrap().len() <= 3);
    assert!(lines.iter().all(|l| l.get("error").is_none()));

    let out = run(
        &dir,
        &[
            "search",
            "--queries",
            "queries.txt",
            "--speaker",
            "Nobody Atall",
        ],
    );
    assert!(out.status.success());
    let first: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert!(
        first["error"].as_str().unwrap().contains("no speaker"),
        "{first}"
    );
}

#[test]
fn check_speakers_and_sources_commands() {
    let dir = copy_seeds("cli-others");
    let out = run(&dir, &["check", "strong and lasting footprint"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Donald Trump"), "{}", stdout(&out));
    let out = run(&dir, &["check", "Trump said he will never leave Syria"]);
    assert!(
        stdout(&out).contains("Not found in the 3 articles indexed"),
        "{}",
        stdout(&out)
    );

    let out = run(&dir, &["speakers"]);
    assert!(stdout(&out).contains("Emmanuel Macron"), "{}", stdout(&out));
    let out = run(&dir, &["speakers", "Macrone"]);
    let text = stdout(&out);
    assert!(
        text.contains("Emmanuel Macron") && !text.contains("Donald Trump"),
        "{text}"
    );

    let out = run(&dir, &["sources"]);
    let text = stdout(&out);
    for part in ["Newstalk", "CGTN", "2018-04-24", "002_4f2d630725e56182"] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }

    let out = run(&dir, &["search", "Syria", "--speaker", "Makronn"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("did you mean Emmanuel Macron"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn hostile_command_line_queries_never_fail() {
    let dir = copy_seeds("cli-hostile");
    for q in crate::search::golden::HOSTILE {
        if q.contains('\0') {
            continue; // not representable as a process argument
        }
        let out = run(&dir, &["search", q]);
        assert!(out.status.success(), "{q:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
}

#[test]
fn ensure_builds_once_then_reports_current() {
    use whosaid::index::{ensure, BuildOptions, Freshness, IndexSpec, Need, Silent};
    let dir = copy_seeds("ensure");
    let spec = IndexSpec {
        corpus: dir.join("corpus"),
        dir: dir.join("index"),
        limits: whosaid::corpus::LoadLimits::default(),
        options: BuildOptions {
            writer_memory_bytes: 32 << 20,
            threads: 1,
        },
    };
    let extractor = whosaid::extract::Extractor::new(crate::search::helpers::knowledge());
    let (index, fresh) = ensure(&spec, &extractor, Need::Answers, &mut Silent).unwrap();
    match fresh {
        Freshness::Rebuilt {
            reason, summary, ..
        } => {
            assert!(reason.contains("no index"), "{reason}");
            assert_eq!(summary.articles, 3);
        }
        other => panic!("a missing index was not built: {other:?}"),
    }
    assert_eq!(index.manifest().articles, 3);
    drop(index);
    let (_, fresh) = ensure(&spec, &extractor, Need::Answers, &mut Silent).unwrap();
    assert!(matches!(fresh, Freshness::Current));
    // A different knowledge file makes the index stale.
    let other = whosaid::extract::Extractor::default();
    let (_, fresh) = ensure(&spec, &other, Need::Answers, &mut Silent).unwrap();
    assert!(matches!(fresh, Freshness::Rebuilt { .. }));
    // A broken manifest is rebuilt, not trusted.
    std::fs::write(dir.join("index/manifest.json"), "{ not json").unwrap();
    let (_, fresh) = ensure(&spec, &other, Need::Answers, &mut Silent).unwrap();
    assert!(matches!(fresh, Freshness::Rebuilt { .. }));
}

#[test]
fn leftovers_of_interrupted_builds_are_removed() {
    let dir = copy_seeds("cli-leftovers");
    let data = dir.join("data");
    // A process id that cannot be running (above the kernel's maximum).
    let stale = data.join(".index.building-4294967295");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("junk"), "x").unwrap();
    let out = run(&dir, &["index"]);
    assert!(out.status.success(), "{}", stderr(&out));
    if !Path::new("/proc/self").exists() {
        return; // liveness cannot be told here, so leftovers stay
    }
    assert!(!stale.exists());
    let names: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["index"], "{names:?}");
}

/// Issue 11: an index remembers the corpus it was built from. `--index DIR` alone opens it as
/// it is, from any directory; pointing it at another corpus is an error that says what to
/// pass, and nothing is rebuilt.
#[test]
fn issue_11_an_index_of_another_corpus_is_never_rebuilt_silently() {
    let dir = copy_seeds("cli-other-corpus");
    let built = run(&dir, &["index"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let manifest = || std::fs::read(dir.join("data/index/manifest.json")).unwrap();
    let before = manifest();

    // from another working directory, with the index alone
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let index = dir.join("data/index");
    let index = index.to_str().unwrap();
    let o = whosaid_in(&elsewhere, &["search", "--index", index, "Syria troops"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("Building"), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("We persuaded him to remain."),
        "{}",
        stdout(&o)
    );

    // the same index with another corpus
    let other = dir.join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(
        other.join("a.txt"),
        "Other\n\n\"Hello there,\" said Jane Doe.\n",
    )
    .unwrap();
    let o = whosaid_in(
        &dir,
        &[
            "search",
            "--corpus",
            "other",
            "--index",
            "data/index",
            "hello",
        ],
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("was built from the corpus"), "{err}");
    assert!(err.contains("pass --corpus"), "{err}");
    assert_eq!(manifest(), before, "nothing was rebuilt");

    // asked for, the rebuild happens
    let o = whosaid_in(
        &dir,
        &[
            "index",
            "--corpus",
            "other",
            "--index",
            "data/index",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(manifest(), before);
}

/// Issue 11: `--collection` keeps what is added apart: the base never shows it, the
/// collection shows it and the base, and `whosaid collections` counts both.
#[test]
fn issue_11_collections_on_the_command_line() {
    let dir = copy_seeds("cli-collections");
    std::fs::write(
        dir.join("story.txt"),
        "Ferry back\n\n\"The ferry sails again on Monday,\" said harbour master Ines Varga.\n",
    )
    .unwrap();
    let o = run(&dir, &["ingest", "story.txt", "--collection", "team-a"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("team-a/t-"), "{}", stdout(&o));

    let o = run(&dir, &["search", "\"ferry sails again\""]);
    assert!(
        !stdout(&o).contains("Ines Varga"),
        "the base sees nothing of it"
    );
    let o = run(
        &dir,
        &["search", "\"ferry sails again\"", "--collection", "team-a"],
    );
    assert!(stdout(&o).contains("Ines Varga"), "{}", stdout(&o));
    let o = run(&dir, &["check", "Syria troops", "--collection", "team-a"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&dir, &["speakers", "--collection", "team-a"]);
    assert!(stdout(&o).contains("Ines Varga") && stdout(&o).contains("Emmanuel Macron"));
    let o = run(&dir, &["speakers"]);
    assert!(!stdout(&o).contains("Ines Varga"), "{}", stdout(&o));
    let o = run(&dir, &["sources", "--collection", "team-a"]);
    assert!(stdout(&o).contains("Ferry back") && stdout(&o).contains("Newstalk"));

    let o = run(&dir, &["collections"]);
    let text = stdout(&o);
    assert!(text.contains("base"), "{text}");
    assert!(text.contains("team-a"), "{text}");
    let o = run(&dir, &["collections", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v[1]["name"], "team-a", "{v:#}");
    assert_eq!(v[1]["articles"], 1, "{v:#}");

    // a collection's full name never renames the base's speaker, even in a rebuild
    std::fs::write(
        dir.join("corpus/okafor.txt"),
        "Budget talks\n\n\"We need more time,\" Okafor said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("deal.txt"),
        "Deal near\n\n\"The deal is close,\" said Ngozi Okafor.\n",
    )
    .unwrap();
    let o = run(&dir, &["ingest", "deal.txt", "--collection", "team-a"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // a rebuild from the corpus keeps the collection apart
    let o = run(&dir, &["index", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&dir, &["search", "\"ferry sails again\""]);
    assert!(!stdout(&o).contains("Ines Varga"), "{}", stdout(&o));
    let o = run(&dir, &["speakers"]);
    assert!(!stdout(&o).contains("Ngozi"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Okafor"), "{}", stdout(&o));

    let o = run(&dir, &["search", "x", "--collection", "Bad Name"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not a collection name"),
        "{}",
        stderr(&o)
    );
}
