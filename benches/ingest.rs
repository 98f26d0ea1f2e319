//! What an ingest and a start cost as an index grows (issue 13); prints its figures.
//!
//! `cargo bench --bench ingest` builds two indexes from corpus directories: the BBC news corpus
//! (`../shared/corpora/bbc-news.jsonl`, about 16,000 quotes) and a scaled copy of it of about a
//! million quotes (`WHOSAID_INGEST_QUOTES` sets another size; the scale benchmark's copy is
//! reused when it is there). Then, in rounds, each index is put back as built and the same
//! 1,000 new articles are added to it by a fresh process, which reports its time and peak
//! memory: the medians and their ratio say whether an ingest's cost follows what it adds or the
//! index it adds to; the rounds alternate between the two indexes, so the machine's load weighs
//! on both alike. Last, the start of a command (the corpus check and opening the index) is
//! timed on two indexes of the BBC corpus, one with 5,000 articles added, in turn. Builds are
//! kept between runs. Skips with a message when the corpus is absent.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use whosaid::corpus::{load_paths, Article, LoadLimits};
use whosaid::extract::Extractor;
use whosaid::index::{ingest, rebuild, stale_reason, BuildOptions, IndexSpec, QuoteIndex, Silent};

mod common;

use common::{knowledge, write_scaled};

const BBC: &str = "../shared/corpora/bbc-news.jsonl";
const CHILD_ENV: &str = "WHOSAID_INGEST_CHILD";
const ROUNDS: usize = 5;
const ADDED: usize = 1_000;
const STARTS: usize = 40;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        add_in_this_process(root, Path::new(&dir));
        return;
    }
    let bbc = root.join(BBC);
    if !bbc.exists() {
        eprintln!("skipping the ingest benchmark: {BBC} is not here");
        return;
    }
    let work = root.join("target").join("bench-ingest");
    std::fs::create_dir_all(&work).expect("work dir");
    let extractor = Extractor::new(knowledge(root));
    let originals = load_paths(&[&bbc], LoadLimits::default()).articles;
    let quotes_per_copy = 16_000;
    let target: usize = std::env::var("WHOSAID_INGEST_QUOTES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let copies = target.div_ceil(quotes_per_copy).max(1);
    let scaled = root
        .join("target")
        .join("bench-scale")
        .join(format!("bbc-x{copies}.jsonl"));
    if !scaled.exists() {
        std::fs::create_dir_all(scaled.parent().expect("parent")).expect("dir");
        write_scaled(&originals, copies, 0, &scaled);
    }

    // Rounds alternate between the two indexes, so the machine's load weighs on both alike.
    let label_large = format!("bbc-x{copies}");
    let indexes: Vec<(&str, PathBuf, PathBuf)> = [("bbc", bbc.clone()), (&*label_large, scaled)]
        .into_iter()
        .map(|(label, corpus_file)| {
            let dir = work.join(label);
            let pristine = prepare(&dir, &corpus_file, &extractor);
            (label, dir, pristine)
        })
        .collect();
    let mut runs: Vec<(Vec<f64>, Vec<f64>, usize)> = vec![(Vec::new(), Vec::new(), 0); 2];
    for _ in 0..ROUNDS {
        for ((_, dir, pristine), (secs, peak, quotes)) in indexes.iter().zip(runs.iter_mut()) {
            reset(dir, pristine);
            let (s, kb, q) = add_in_another_process(dir);
            secs.push(s);
            peak.push(kb);
            *quotes = q;
        }
    }
    let mut medians = Vec::new();
    for ((label, _, pristine), (secs, peak, quotes)) in indexes.iter().zip(runs) {
        let index = QuoteIndex::open(pristine).expect("index opens");
        let (s, kb) = (median(secs), median(peak));
        println!(
            "ingest of {ADDED} articles into {label} ({} quotes): median {s:.2} s, peak {:.0} MB ({ROUNDS} rounds; {quotes} quotes added)",
            index.manifest().quotes,
            kb / 1024.0
        );
        medians.push((s, kb));
    }
    if let [(s_small, m_small), (s_large, m_large)] = medians[..] {
        println!(
            "  large / small: time {:.2}x, peak memory {:.2}x",
            s_large / s_small,
            m_large / m_small
        );
    }
    starts(&work.join("bbc"), &extractor);
}

fn spec(dir: &Path) -> IndexSpec {
    IndexSpec {
        corpus: dir.join("corpus"),
        dir: dir.join("index"),
        limits: LoadLimits::default(),
        options: BuildOptions::default(),
    }
}

/// Makes `dir/corpus` (holding `corpus_file`) and its index, once, and a copy of the index
/// as built: the copy's path.
fn prepare(dir: &Path, corpus_file: &Path, extractor: &Extractor) -> PathBuf {
    let spec = spec(dir);
    let pristine = dir.join("index-as-built");
    std::fs::create_dir_all(&spec.corpus).expect("corpus dir");
    let _ = std::fs::remove_dir_all(spec.corpus.join("ingested"));
    let linked = spec.corpus.join("articles.jsonl");
    if !linked.exists() {
        std::fs::hard_link(corpus_file, &linked)
            .or_else(|_| std::fs::copy(corpus_file, &linked).map(|_| ()))
            .expect("corpus file");
    }
    // kept from an earlier run while the corpus and the code that indexed it are the same
    let kept = IndexSpec {
        corpus: spec.corpus.clone(),
        dir: pristine.clone(),
        limits: spec.limits,
        options: spec.options,
    };
    if QuoteIndex::open(&pristine).is_ok() && stale_reason(&kept, extractor).ok() == Some(None) {
        return pristine;
    }
    let _ = std::fs::remove_dir_all(&pristine);
    let _ = std::fs::remove_dir_all(&spec.dir);
    let started = Instant::now();
    rebuild(&spec, extractor, &mut Silent).expect("index builds");
    println!(
        "built {} in {:.0} s",
        spec.dir.display(),
        started.elapsed().as_secs_f64()
    );
    copy_dir(&spec.dir, &pristine);
    pristine
}

/// Puts the index back as built and removes what earlier rounds added to the corpus.
fn reset(dir: &Path, pristine: &Path) {
    let spec = spec(dir);
    let _ = std::fs::remove_dir_all(spec.corpus.join("ingested"));
    let _ = std::fs::remove_dir_all(&spec.dir);
    copy_dir(pristine, &spec.dir);
    let extractor = Extractor::new(knowledge(Path::new(env!("CARGO_MANIFEST_DIR"))));
    assert_eq!(
        stale_reason(&spec, &extractor).expect("stamp"),
        None,
        "the index put back must be current"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_file() {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

/// The articles added: the first [`ADDED`] BBC articles, each with a line more, so each is new.
fn new_articles(root: &Path, n: usize) -> Vec<Article> {
    load_paths(&[root.join(BBC)], LoadLimits::default())
        .articles
        .into_iter()
        .cycle()
        .take(n)
        .enumerate()
        .map(|(i, a)| {
            let text = format!("{}\n\nUpdate {i}: the story was revised.\n", a.text);
            let mut new = Article::from_text("", text);
            new.id = whosaid::corpus::article_id(None, &new.text);
            new.title = a.title.clone();
            new.outlet = a.outlet.clone();
            new.published = a.published;
            new
        })
        .collect()
}

/// Runs [`add_in_this_process`] in a fresh process: (seconds, peak resident KB, quotes).
fn add_in_another_process(dir: &Path) -> (f64, f64, usize) {
    let out = std::process::Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD_ENV, dir)
        .output()
        .expect("run the ingesting process");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text
        .split_whitespace()
        .map(|f| f.parse::<f64>().unwrap_or(0.0));
    let secs = fields.next().unwrap_or(0.0);
    let kb = fields.next().unwrap_or(0.0);
    let quotes = fields.next().unwrap_or(0.0) as usize;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (secs, kb, quotes)
}

/// Adds the new articles to the index in `dir`; prints seconds, peak KB and quotes added.
fn add_in_this_process(root: &Path, dir: &Path) {
    let articles = new_articles(root, ADDED);
    let extractor = Extractor::new(knowledge(root));
    let started = Instant::now();
    let report = ingest(
        &spec(dir),
        &extractor,
        articles,
        &[],
        Duration::from_secs(60),
    )
    .expect("ingest");
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(report.articles.len(), ADDED, "every article is new");
    println!("{secs} {} {}", peak_kb(), report.quotes);
}

fn peak_kb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0.0)
}

/// The start of a command (checking the corpus against the index, opening it), with no
/// added article and with 5,000: two indexes of the same corpus, one of them with the 5,000
/// added, started in turn so the machine's load weighs on both alike.
fn starts(dir: &Path, extractor: &Extractor) {
    let plain = spec(dir);
    reset(dir, &dir.join("index-as-built"));
    let grown_dir = dir.with_file_name(format!(
        "{}-grown",
        dir.file_name()
            .map_or("index".into(), |n| n.to_string_lossy())
    ));
    let grown = spec(&grown_dir);
    let _ = std::fs::remove_dir_all(&grown_dir);
    std::fs::create_dir_all(&grown.corpus).expect("corpus dir");
    let corpus_file = plain.corpus.join("articles.jsonl");
    std::fs::hard_link(&corpus_file, grown.corpus.join("articles.jsonl"))
        .or_else(|_| std::fs::copy(&corpus_file, grown.corpus.join("articles.jsonl")).map(|_| ()))
        .expect("corpus file");
    rebuild(&grown, extractor, &mut Silent).expect("index builds");
    let added = 5_000;
    let small: Vec<Article> = (0..added)
        .map(|i| {
            Article::from_text(
                "",
                format!("Note {i}\n\n\"We met on day {i},\" said Ada Lind.\n"),
            )
        })
        .map(|mut a| {
            a.id = whosaid::corpus::article_id(None, &a.text);
            a
        })
        .collect();
    ingest(&grown, extractor, small, &[], Duration::from_secs(60)).expect("ingest");
    let start = |spec: &IndexSpec| {
        let t = Instant::now();
        let stale = stale_reason(spec, extractor).expect("stamp");
        let index = QuoteIndex::open(&spec.dir).expect("opens");
        assert!(stale.is_none() && index.manifest().quotes > 0);
        t.elapsed().as_secs_f64() * 1e3
    };
    let (mut none, mut with) = (Vec::new(), Vec::new());
    for _ in 0..STARTS {
        none.push(start(&plain));
        with.push(start(&grown));
    }
    let (none, with) = (median(none), median(with));
    println!(
        "start (corpus check + open): median {none:.2} ms with no added article, {with:.2} ms with {added} ({STARTS} starts each, in turn; {:.2}x)",
        with / none
    );
    let _ = std::fs::remove_dir_all(&grown_dir);
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
