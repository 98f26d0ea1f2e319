//! Issue 5: adding articles to a built index in place — searchable at once, written into
//! the corpus so a rebuild gives the same index, no duplicates, replacement under a known
//! id, speakers joined to the known ones, one writer at a time, and nothing lost when the
//! process is killed mid-way.

use crate::search::helpers::{copy_seeds, knowledge, stderr, stdout, whosaid_in};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;
use whosaid::corpus::{Article, Date, LoadLimits};
use whosaid::extract::Extractor;
use whosaid::index::{
    ingest, rebuild, stale_reason, BuildOptions, IndexSpec, IngestError, QuoteIndex, QuoteRecord,
    Silent,
};
use whosaid::search::{search, SearchRequest};

fn spec(root: &Path) -> IndexSpec {
    IndexSpec {
        corpus: root.join("corpus"),
        dir: root.join("index"),
        limits: LoadLimits::default(),
        options: BuildOptions {
            writer_memory_bytes: 32 << 20,
            threads: 1,
        },
    }
}

pub(crate) fn extractor() -> Extractor {
    Extractor::new(knowledge())
}

/// Seeds copied to a scratch directory and indexed.
pub(crate) fn seeded(name: &str) -> (std::path::PathBuf, IndexSpec) {
    let root = copy_seeds(name);
    let spec = spec(&root);
    rebuild(&spec, &extractor(), &mut Silent).expect("seeds index builds");
    (root, spec)
}

/// Every quote of an index: (article, start, end, speaker, kind).
pub(crate) fn all_quotes(dir: &Path) -> BTreeSet<(String, usize, usize, Option<String>, String)> {
    let index = QuoteIndex::open(dir).expect("index opens");
    let searcher = index.searcher();
    let docs = searcher
        .search(
            &tantivy::query::AllQuery,
            &tantivy::collector::DocSetCollector,
        )
        .expect("all documents");
    docs.into_iter()
        .map(|addr| {
            use tantivy::schema::Value;
            let doc: tantivy::TantivyDocument = searcher.doc(addr).expect("document");
            let json = doc
                .get_first(index.fields().record)
                .and_then(|v| v.as_str())
                .expect("record")
                .to_string();
            let r = QuoteRecord::from_stored(&json).expect("record parses");
            let q = r.quote;
            (
                q.article.to_string(),
                q.start,
                q.end,
                q.speaker.map(String::from),
                q.kind.to_string(),
            )
        })
        .collect()
}

/// A settings file in `root` for the command line: the corpus, index and knowledge the
/// tests use, so the command line sees the index as current.
pub(crate) fn config_file(root: &Path) {
    std::fs::write(
        root.join("whosaid.toml"),
        format!(
            "[corpus]\ndir = {:?}\n[extract]\nspeakers = {:?}\n[index]\ndir = {:?}\n\
             threads = 1\nwriter_memory_mb = 32\n",
            root.join("corpus"),
            crate::search::helpers::repo_path("config/speakers.toml"),
            root.join("index"),
        ),
    )
    .unwrap();
}

pub(crate) fn macron_article() -> Article {
    let mut a = Article::from_text(
        "macron_trade",
        "Macron warns on trade\n\nPARIS — The French president spoke on Monday.\n\n\
         \"Europe will not be intimidated by tariffs,\" Macron said.\n\n\
         \"We are ready to answer,\" he added.\n",
    );
    a.outlet = Some("Test Wire".into());
    a.published = Date::parse("2024-05-01");
    a
}

fn find(index: &QuoteIndex, words: &str) -> Vec<QuoteRecord> {
    let mut req = SearchRequest::new(words);
    req.limit = 50;
    search(index, &req)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.record)
        .collect()
}

#[test]
fn issue_5_ingested_quotes_are_searchable_and_a_rebuild_gives_the_same_index() {
    let (root, spec) = seeded("ingest-rebuild");
    let before = all_quotes(&spec.dir);
    let report = ingest(
        &spec,
        &extractor(),
        vec![macron_article()],
        &[],
        Duration::from_secs(5),
    )
    .expect("ingest");
    assert_eq!(report.articles.len(), 1, "{report:?}");
    assert!(report.quotes >= 2, "{report:?}");
    // "Macron" in the new article is the Emmanuel Macron the index knows.
    assert_eq!(report.speakers, ["Emmanuel Macron"], "{report:?}");
    assert!(report.new_speakers.is_empty(), "{report:?}");

    let index = QuoteIndex::open(&spec.dir).expect("opens");
    let hits = find(&index, "tariffs intimidated");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].quote.speaker.as_deref(), Some("Emmanuel Macron"));
    assert_eq!(hits[0].source.outlet.as_deref(), Some("Test Wire"));
    let macron = index
        .speakers()
        .iter()
        .find(|s| s.name == "Emmanuel Macron")
        .expect("speaker");
    assert_eq!(macron.articles, 3);
    assert!(index
        .sources()
        .unwrap()
        .iter()
        .any(|s| s.info.id == "macron_trade"));

    // The manifest describes the corpus as it now is: no rebuild at the next start.
    assert_eq!(stale_reason(&spec, &extractor()).unwrap(), None);
    let after = all_quotes(&spec.dir);
    assert!(after.is_superset(&before));
    assert_eq!(after.len(), before.len() + report.quotes);

    // A rebuild from the corpus directory gives the same quotes and speakers.
    let again = IndexSpec {
        dir: root.join("rebuilt"),
        ..spec.clone()
    };
    rebuild(&again, &extractor(), &mut Silent).expect("rebuild");
    assert_eq!(all_quotes(&again.dir), after);
    let rebuilt = QuoteIndex::open(&again.dir).unwrap();
    let counts = |i: &QuoteIndex| {
        i.speakers()
            .iter()
            .map(|s| (s.name.clone(), s.quotes, s.articles))
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(counts(&rebuilt), counts(&index));
}

#[test]
fn issue_5_the_same_article_twice_adds_nothing_and_a_new_text_replaces_the_old() {
    let (root, spec) = seeded("ingest-duplicates");
    ingest(
        &spec,
        &extractor(),
        vec![macron_article()],
        &[],
        Duration::ZERO,
    )
    .expect("first");
    let count = all_quotes(&spec.dir).len();
    let seed_text = std::fs::read_to_string(root.join("corpus/001_f5eafe687d50122b.txt")).unwrap();

    let mut same_text = macron_article();
    same_text.id = "copy_of_macron".into();
    let mut changed = macron_article();
    changed.text = changed.text.replace(
        "Europe will not be intimidated by tariffs",
        "Europe will answer every tariff in kind",
    );
    let cases: Vec<(&str, Article, &str)> = vec![
        (
            "same id, same text",
            macron_article(),
            "already indexed with the same text",
        ),
        (
            "other id, same text",
            same_text,
            "same text as the indexed article macron_trade",
        ),
        (
            "a seed under another id",
            Article::from_text("seed_again", seed_text),
            "same text as the indexed article 001_f5eafe687d50122b",
        ),
    ];
    for (what, article, wanted) in cases {
        let r = ingest(&spec, &extractor(), vec![article], &[], Duration::ZERO).expect(what);
        assert!(r.articles.is_empty(), "{what}: {r:?}");
        assert_eq!(r.skipped.len(), 1, "{what}: {r:?}");
        assert!(r.skipped[0].contains(wanted), "{what}: {r:?}");
        assert_eq!(all_quotes(&spec.dir).len(), count, "{what}");
    }

    let r = ingest(
        &spec,
        &extractor(),
        vec![changed],
        &["macron_trade".to_string()],
        Duration::ZERO,
    )
    .expect("replace");
    assert_eq!(r.articles.len(), 1);
    assert!(r.articles[0].replaced, "{r:?}");
    let index = QuoteIndex::open(&spec.dir).unwrap();
    assert!(
        find(&index, "intimidated").is_empty(),
        "old quote still there"
    );
    assert_eq!(find(&index, "\"every tariff in kind\"").len(), 1);
    assert_eq!(all_quotes(&spec.dir).len(), count);
    let sources = index.sources().unwrap();
    assert_eq!(
        sources
            .iter()
            .filter(|s| s.info.id == "macron_trade")
            .count(),
        1
    );
    assert_eq!(stale_reason(&spec, &extractor()).unwrap(), None);

    // Replacing a seed article: the ingested copy wins in a rebuild too.
    let seed = whosaid::corpus::load_paths(&[root.join("corpus")], LoadLimits::default())
        .articles
        .into_iter()
        .find(|a| a.id == "002_4f2d630725e56182")
        .unwrap();
    let mut edited = seed.clone();
    edited
        .text
        .push_str("\n\n\"Zanzibar is the key,\" said Jane Doe.\n");
    let r = ingest(
        &spec,
        &extractor(),
        vec![edited],
        &["002_4f2d630725e56182".to_string()],
        Duration::ZERO,
    )
    .expect("replace seed");
    assert!(r.articles[0].replaced);
    let live = all_quotes(&spec.dir);
    assert!(live.iter().any(|q| q.3.as_deref() == Some("Jane Doe")));
    let again = IndexSpec {
        dir: root.join("rebuilt"),
        ..spec.clone()
    };
    rebuild(&again, &extractor(), &mut Silent).expect("rebuild");
    assert_eq!(all_quotes(&again.dir), live);
}

#[test]
fn issue_5_a_second_writer_gets_a_clear_busy_message() {
    let (root, spec) = seeded("ingest-busy");
    let index = tantivy::Index::open_in_dir(&spec.dir).unwrap();
    let writer: tantivy::IndexWriter = index.writer(15 << 20).unwrap();
    let before = all_quotes(&spec.dir);
    let err = ingest(
        &spec,
        &extractor(),
        vec![macron_article()],
        &[],
        Duration::ZERO,
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::Busy { .. }), "{err}");
    assert!(err.to_string().contains("busy"), "{err}");
    assert_eq!(all_quotes(&spec.dir), before);

    // The command line says so too, and changes nothing.
    std::fs::write(root.join("new.txt"), macron_article().text).unwrap();
    config_file(&root);
    let o = whosaid_in(
        &root,
        &[
            "--config",
            "whosaid.toml",
            "ingest",
            "--wait",
            "0",
            "new.txt",
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("busy"), "{}", stderr(&o));
    drop(writer);
    assert_eq!(all_quotes(&spec.dir), before);
    assert!(!root.join("corpus/ingested").exists());
}

#[test]
fn issue_5_command_line_ingest_and_bad_files() {
    let root = copy_seeds("ingest-cli");
    let run = |args: &[&str]| {
        let mut all = vec!["ingest", "--corpus", "corpus", "--index", "index"];
        all.extend_from_slice(args);
        whosaid_in(&root, &all)
    };
    let build = whosaid_in(&root, &["index", "--corpus", "corpus", "--index", "index"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let manifest = || std::fs::read(root.join("index/manifest.json")).unwrap();
    let before = manifest();

    let bad: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", vec![], "is empty"),
        (
            "binary.txt",
            b"\x7fELF\x02\x01\x01\0\0\0".to_vec(),
            "binary",
        ),
        (
            "latin1.txt",
            b"Caf\xe9 \"ol\xe9,\" he said.".to_vec(),
            "not UTF-8",
        ),
        (
            "feed.jsonl",
            b"{\"id\":\"ok\",\"text\":\"\\\"Fine,\\\" she said.\"}\n{\"id\": broken\n".to_vec(),
            "line 2",
        ),
        ("notes.pdf", b"%PDF-1.4".to_vec(), "only .txt"),
    ];
    for (name, bytes, wanted) in &bad {
        std::fs::write(root.join(name), bytes).unwrap();
        let o = run(&[name]);
        assert!(!o.status.success(), "{name}");
        let err = stderr(&o);
        assert!(err.contains(wanted) && err.contains(name), "{name}: {err}");
        assert!(err.contains("nothing was added"), "{name}: {err}");
        assert_eq!(manifest(), before, "{name} changed the index");
        assert!(!root.join("corpus/ingested").exists(), "{name}");
    }

    std::fs::write(root.join("story.txt"), macron_article().text).unwrap();
    let o = run(&["story.txt", "--outlet", "Test Wire", "--date", "2024-05-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Added 1 article, 2 quotes, 1 speaker."),
        "{out}"
    );
    assert!(
        out.contains("(story.txt) — 2 quotes: “Macron warns on trade”"),
        "{out}"
    );
    let again = run(&["story.txt"]);
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("(story.txt): already indexed with the same text"),
        "{}",
        stdout(&again)
    );
    let found = whosaid_in(
        &root,
        &[
            "search", "--corpus", "corpus", "--index", "index", "tariffs",
        ],
    );
    assert!(!stderr(&found).contains("Building"), "{}", stderr(&found));
    assert!(stdout(&found).contains("Test Wire"), "{}", stdout(&found));
}

#[test]
fn issue_5_ingest_needs_a_corpus_directory_and_a_built_index() {
    let root = copy_seeds("ingest-refusals");
    let feed = root.join("feed.jsonl");
    std::fs::write(
        &feed,
        "{\"id\":\"a\",\"text\":\"\\\"Hi,\\\" said Ann Lee.\"}\n",
    )
    .unwrap();
    let cases = [
        (
            IndexSpec {
                corpus: feed.clone(),
                ..spec(&root)
            },
            "not one",
        ),
        (spec(&root), "no index"),
    ];
    for (spec, wanted) in cases {
        let err = ingest(
            &spec,
            &extractor(),
            vec![macron_article()],
            &[],
            Duration::ZERO,
        )
        .unwrap_err();
        assert!(err.to_string().contains(wanted), "{err}");
        assert!(!root.join("corpus/ingested").exists(), "{err}");
    }
}

/// Issue 11: an added article is identified by its address or its text, never by its file
/// name, and replacing one is asked for by id.
#[test]
fn issue_11_file_names_are_not_identities() {
    let root = copy_seeds("ingest-identity");
    let run = |args: &[&str]| {
        let mut all = vec!["ingest", "--corpus", "corpus", "--index", "index"];
        all.extend_from_slice(args);
        whosaid_in(&root, &all)
    };
    let story = |dir: &str, text: &str| {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        std::fs::write(root.join(dir).join("story.txt"), text).unwrap();
        format!("{dir}/story.txt")
    };
    let ferry = story(
        "a",
        "Ferry back\n\n\"The ferry sails again on Monday,\" said harbour master Ines Varga.\n",
    );
    let school = story(
        "b",
        "School opens\n\n\"The school opens in spring,\" said headteacher Tomas Ruud.\n",
    );
    // Two different stories with one file name: both stay.
    assert!(run(&[&ferry]).status.success());
    let o = run(&[&school]);
    assert!(stdout(&o).starts_with("Added 1 article"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("replacing"), "{}", stdout(&o));
    let index = QuoteIndex::open(&root.join("index")).unwrap();
    assert_eq!(find(&index, "\"ferry sails\"").len(), 1);
    assert_eq!(find(&index, "\"school opens\"").len(), 1);
    drop(index);

    // The same text again, under any name: already indexed.
    std::fs::copy(root.join(&ferry), root.join("copy.txt")).unwrap();
    let o = run(&["copy.txt"]);
    assert!(
        stdout(&o).contains("already indexed with the same text"),
        "{}",
        stdout(&o)
    );

    // A file named like a seed article is a new article; the seed is untouched.
    let seed = "001_f5eafe687d50122b";
    let before = all_quotes(&root.join("index"));
    std::fs::write(
        root.join(format!("{seed}.txt")),
        "Forged\n\n\"The strikes were a mistake,\" said Emmanuel Macron.\n",
    )
    .unwrap();
    let o = run(&[&format!("{seed}.txt")]);
    assert!(stdout(&o).starts_with("Added 1 article"), "{}", stdout(&o));
    let after = all_quotes(&root.join("index"));
    assert!(after.is_superset(&before), "no seed quote may change");
    assert_eq!(after.len(), before.len() + 1);

    // The same address with a new text is refused unless replacing is asked for.
    let url = "https://news.example/ferry";
    let edited = story(
        "c",
        "Ferry back\n\n\"The ferry sails again on Tuesday,\" said harbour master Ines Varga.\n",
    );
    let first = story(
        "d",
        "Ferry back\n\n\"The ferry will sail at dawn,\" said harbour master Ines Varga.\n",
    );
    assert!(run(&[&first, "--url", url]).status.success());
    let o = run(&[&edited, "--url", url]);
    assert!(stdout(&o).contains("--replace"), "{}", stdout(&o));
    let id = whosaid::corpus::article_id(Some(url), "");
    let o = run(&[&edited, "--url", url, "--replace", &id]);
    assert!(
        stdout(&o).contains("1 replacing an earlier text"),
        "{}",
        stdout(&o)
    );
    let index = QuoteIndex::open(&root.join("index")).unwrap();
    assert!(find(&index, "\"sail at dawn\"").is_empty());
    assert_eq!(find(&index, "\"sails again on Tuesday\"").len(), 1);
    drop(index);
    // Replacing needs an article that is there.
    let other = story(
        "e",
        "Bridge shut\n\n\"The bridge stays shut,\" said engineer Ola Berg.\n",
    );
    let o = run(&[&other, "--replace", "t-0000"]);
    assert!(
        stdout(&o).contains("no article with this id is indexed"),
        "{}",
        stdout(&o)
    );
}
