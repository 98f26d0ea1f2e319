//! Loading articles: every kind of bad input is reported with its place and reason, and
//! never costs the other articles.

use std::fs;
use std::path::Path;
use tempfile::TempDir;
use whosaid::corpus::{load_paths, Corpus, LoadLimits, SkipReason, MAX_ID_BYTES};

/// Writes `files` (relative path → bytes) into a fresh directory.
fn corpus_dir(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, bytes).expect("write");
    }
    dir
}

fn load(dir: &Path) -> Corpus {
    load_paths(&[dir], LoadLimits::default())
}

fn ids(c: &Corpus) -> Vec<&str> {
    c.articles.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn seeds_load_with_their_metadata() {
    let c = load(&crate::helpers::repo_path("seeds"));
    assert!(c.skipped.is_empty(), "{:?}", c.skipped);
    assert_eq!(
        ids(&c),
        [
            "000_36f1dbe5610932b2",
            "001_f5eafe687d50122b",
            "002_4f2d630725e56182"
        ]
    );
    let a = &c.articles[1];
    assert_eq!(a.title, "Macron urges Trump to keep US troops in Syria");
    assert_eq!(a.outlet.as_deref(), Some("Newstalk"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2018-04-24")
    );
    assert!(a.metadata_inferred);
    assert_eq!(a.url, None, "no URL is invented");
    assert_eq!(c.articles[2].outlet.as_deref(), Some("CGTN"));
    let raw = fs::read_to_string(crate::helpers::repo_path("seeds/000_36f1dbe5610932b2.txt"))
        .expect("seed");
    assert_eq!(
        c.articles[0].text, raw,
        "the article text is the whole file"
    );
}

/// Each case: files in a directory, the ids that must load, and the reasons that must be
/// reported for what did not.
struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
    loaded: &'static [&'static str],
    skipped: &'static [fn(&SkipReason) -> bool],
}

const GOOD: &[u8] = b"Headline\n\nBody said \"hi\".";

#[test]
fn bad_inputs_are_reported_and_lose_nothing_else() {
    let cases = [
        Case {
            name: "not UTF-8",
            files: &[("a.txt", GOOD), ("b.txt", b"Head\n\n\xff\xfe bad")],
            loaded: &["a"],
            skipped: &[|r| matches!(r, SkipReason::NotUtf8 { offset: 6 })],
        },
        Case {
            name: "empty file",
            files: &[("a.txt", GOOD), ("e.txt", b" \n\n \t\n")],
            loaded: &["a"],
            skipped: &[|r| matches!(r, SkipReason::Empty)],
        },
        Case {
            name: "malformed JSONL line",
            files: &[(
                "feed.jsonl",
                b"{\"id\":\"j1\",\"text\":\"One.\"}\n{\"id\":\"j2\",\"text\":\n{\"id\":\"j3\",\"text\":\"Three.\"}\n",
            )],
            loaded: &["j1", "j3"],
            skipped: &[|r| matches!(r, SkipReason::MalformedJson(_))],
        },
        Case {
            name: "JSONL line without text or id",
            files: &[(
                "feed.jsonl",
                b"{\"id\":\"j1\"}\n{\"text\":\"x\"}\n{\"id\":7,\"text\":\"Number id.\"}\n",
            )],
            loaded: &["7"],
            skipped: &[
                |r| matches!(r, SkipReason::MalformedJson(m) if m.contains("text")),
                |r| matches!(r, SkipReason::MalformedJson(m) if m.contains("id")),
            ],
        },
        Case {
            name: "duplicate id across files",
            files: &[
                ("a.txt", GOOD),
                ("feed.jsonl", b"{\"id\":\"a\",\"text\":\"Other.\"}\n{\"id\":\"b\",\"text\":\"B.\"}\n"),
            ],
            loaded: &["a", "b"],
            skipped: &[|r| matches!(r, SkipReason::DuplicateId { id, .. } if id == "a")],
        },
        Case {
            name: "non-UTF-8 JSONL line",
            files: &[("feed.jsonl", b"{\"id\":\"x\",\"text\":\"\xc3\x28\"}\n{\"id\":\"y\",\"text\":\"Y.\"}\n")],
            loaded: &["y"],
            skipped: &[|r| matches!(r, SkipReason::NotUtf8 { .. })],
        },
        Case {
            name: "bad sources.toml",
            files: &[("a.txt", GOOD), ("sources.toml", b"[articles.a]\noutlet = 3\n")],
            loaded: &["a"],
            skipped: &[|r| matches!(r, SkipReason::BadSources { .. })],
        },
        Case {
            name: "nested directories, hidden files and other files",
            files: &[
                ("x/y/deep.txt", GOOD),
                (".hidden/h.txt", GOOD),
                (".h.txt", GOOD),
                ("notes.md", b"# not an article"),
                ("UPPER.TXT", GOOD),
            ],
            loaded: &["UPPER", "deep"],
            skipped: &[],
        },
    ];
    for case in cases {
        let dir = corpus_dir(case.files);
        let c = load(dir.path());
        assert_eq!(ids(&c), case.loaded, "{}: loaded", case.name);
        assert_eq!(
            c.skipped.len(),
            case.skipped.len(),
            "{}: {:?}",
            case.name,
            c.skipped
        );
        for (want, got) in case.skipped.iter().zip(&c.skipped) {
            assert!(
                want(&got.reason),
                "{}: unexpected reason {:?}",
                case.name,
                got
            );
        }
    }
}

#[test]
fn skip_messages_name_the_file_and_line() {
    let dir = corpus_dir(&[("feed.jsonl", b"{\"id\":\"1\",\"text\":\"x\"}\nnot json\n")]);
    let c = load(dir.path());
    let msg = c.skipped[0].to_string();
    assert!(msg.contains("feed.jsonl:2: malformed JSON"), "{msg}");
}

#[test]
fn issue_13_an_id_longer_than_the_limit_is_refused_by_name() {
    // every quote carries its article's id: an id of megabytes would be copied into each
    let long = "x".repeat(MAX_ID_BYTES + 1);
    let longest = "y".repeat(MAX_ID_BYTES);
    let feed = format!(
        "{{\"id\":\"{long}\",\"text\":\"Long.\"}}\n{{\"id\":\"{longest}\",\"text\":\"Kept.\"}}\n"
    );
    let dir = corpus_dir(&[("feed.jsonl", feed.as_bytes())]);
    let c = load(dir.path());
    assert_eq!(ids(&c), [longest.as_str()]);
    let msg = c.skipped[0].to_string();
    assert!(
        msg.contains("feed.jsonl:1") && msg.contains("longer than 256 bytes"),
        "{msg}"
    );
}

#[test]
fn oversized_files_and_lines_are_skipped_with_their_size() {
    let big = "word ".repeat(300);
    let feed =
        format!("{{\"id\":\"big\",\"text\":\"{big}\"}}\n{{\"id\":\"tiny\",\"text\":\"ok\"}}\n");
    let dir = corpus_dir(&[
        ("big.txt", big.as_bytes()),
        ("feed.jsonl", feed.as_bytes()),
        ("small.txt", b"fine"),
    ]);
    let limits = LoadLimits {
        max_article_bytes: 1000,
        max_file_bytes: 1 << 20,
    };
    let c = load_paths(&[dir.path()], limits);
    assert_eq!(ids(&c), ["tiny", "small"]);
    let reasons: Vec<String> = c.skipped.iter().map(|s| s.to_string()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("big.txt: 1500 bytes, over the limit of 1000"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("feed.jsonl:1: ") && reasons[1].contains("over the limit"),
        "{reasons:?}"
    );
}

#[test]
fn missing_path_and_unsupported_file_are_reported() {
    let dir = corpus_dir(&[("doc.pdf", b"%PDF")]);
    let c = load_paths(
        &[dir.path().join("nope"), dir.path().join("doc.pdf")],
        LoadLimits::default(),
    );
    assert!(c.articles.is_empty());
    assert!(matches!(c.skipped[0].reason, SkipReason::NotFound));
    assert!(matches!(c.skipped[1].reason, SkipReason::UnsupportedFile));
}

#[test]
fn jsonl_metadata_is_read_and_bad_dates_warn_without_losing_the_article() {
    let dir = corpus_dir(&[(
        "feed.jsonl",
        "{\"id\":\"m\",\"text\":\"T.\",\"title\":\"Head\",\"outlet\":\"Paper\",\"url\":\"https://example.org/m\",\"published\":\"2019-02-06T10:00:00Z\"}\n{\"id\":\"n\",\"text\":\"N.\",\"published\":\"last Tuesday\"}\n".as_bytes(),
    )]);
    let c = load(dir.path());
    assert_eq!(ids(&c), ["m", "n"]);
    let m = &c.articles[0];
    assert_eq!(
        (m.title.as_str(), m.outlet.as_deref()),
        ("Head", Some("Paper"))
    );
    assert_eq!(
        m.published.map(|d| d.long()).as_deref(),
        Some("6 February 2019")
    );
    assert!(c.skipped.is_empty());
    assert!(matches!(&c.warnings[0].reason, SkipReason::BadDate(d) if d == "last Tuesday"));
}

/// Issue 13: a streamed corpus hands over the same articles as a loaded one, one at a time,
/// and says which replace one handed over before.
#[test]
fn a_streamed_corpus_gives_the_articles_of_a_loaded_one() {
    let dir = corpus_dir(&[
        ("a.txt", b"First\n\n\"We will stay,\" said Ada Lind.\n"),
        ("b.jsonl", b"{\"id\": \"b1\", \"text\": \"Second\\n\\nText.\"}\n{\"id\": \"b2\", \"text\": \"Third\\n\\nText.\"}\n"),
        (
            "ingested/b1-x.jsonl",
            b"{\"id\": \"b1\", \"text\": \"Second, again\\n\\nNew text.\"}\n",
        ),
    ]);
    let loaded = load(dir.path());
    let mut streamed: Vec<(String, String, bool)> = Vec::new();
    let rest = whosaid::corpus::stream_paths(&[dir.path()], LoadLimits::default(), &mut |a, r| {
        streamed.push((a.id.clone(), first_line(&a.text), r))
    });
    assert!(rest.articles.is_empty());
    assert_eq!(rest.warnings.len(), loaded.warnings.len());
    // the loaded corpus keeps the last version only; the stream hands over both, in order
    let kept: Vec<(String, String)> = loaded
        .articles
        .iter()
        .map(|a| (a.id.clone(), first_line(&a.text)))
        .collect();
    assert_eq!(
        streamed,
        [
            ("a".into(), "First".into(), false),
            ("b1".into(), "Second".into(), false),
            ("b2".into(), "Third".into(), false),
            ("b1".into(), "Second, again".into(), true),
        ]
    );
    assert_eq!(
        kept,
        [
            ("a".to_string(), "First".to_string()),
            ("b2".into(), "Third".into()),
            ("b1".into(), "Second, again".into())
        ]
    );
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}
