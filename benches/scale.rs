//! Indexing and search speed at scale; prints its figures (no criterion: one run each).
//!
//! `cargo bench --bench scale` indexes the BBC news corpus (`../shared/corpora/bbc-news.jsonl`)
//! and a scaled copy of it (its articles repeated under new ids up to about a million quotes,
//! generated under the target directory), then answers a mixed query set (topic words,
//! speaker-filtered, phrases) over the scaled index in a fresh process and reports latency
//! percentiles and that process's peak resident memory. Then the same scaled corpus split into
//! collections (the first copy the base, the rest spread over `WHOSAID_SCALE_COLLECTIONS`
//! collections, 100 by default, 0 to skip) is indexed as one index and answers the same
//! queries, each asked from a collection, so the cost of the collection filter is read in the
//! same run. Skips with a message when the corpus is absent. `WHOSAID_SCALE_QUOTES` sets
//! another target size.

use std::io::Write;
use std::path::Path;
use std::time::Instant;
use whosaid::corpus::{load_paths, LoadLimits};
use whosaid::extract::Extractor;
use whosaid::index::{rebuild, BuildOptions, IndexSpec, QuoteIndex, Silent};
use whosaid::search::{check_in, search, SearchRequest};

mod common;

use common::{knowledge, write_scaled};

const BBC: &str = "../shared/corpora/bbc-news.jsonl";
const ANSWER_ENV: &str = "WHOSAID_SCALE_ANSWER";
const QUERIES: usize = 3000;

fn main() {
    if let Ok(dir) = std::env::var(ANSWER_ENV) {
        answer(Path::new(&dir));
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bbc = root.join(BBC);
    if !bbc.exists() {
        eprintln!("skipping the scale benchmark: {BBC} is not here");
        return;
    }
    let work = root.join("target").join("bench-scale");
    std::fs::create_dir_all(&work).expect("work dir");
    let knowledge = knowledge(root);
    let extractor = Extractor::new(knowledge);
    let options = BuildOptions::default();

    // 1. The BBC corpus: load, extract and index.
    let (secs, quotes, articles) = build(&bbc, &work.join("bbc-index"), &extractor, options);
    println!("bbc-news: {articles} articles, {quotes} quotes: extraction + indexing {secs:.2} s");

    // 2. The scaled corpus.
    let target: usize = std::env::var("WHOSAID_SCALE_QUOTES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let copies = target.div_ceil(quotes.max(1));
    let scaled = work.join(format!("bbc-x{copies}.jsonl"));
    let originals = load_paths(&[&bbc], LoadLimits::default()).articles;
    if !scaled.exists() {
        write_scaled(&originals, copies, 0, &scaled);
    }
    let index_dir = work.join(format!("bbc-x{copies}-index"));
    let (secs, quotes, articles) = build(&scaled, &index_dir, &extractor, options);
    println!(
        "scaled x{copies}: {articles} articles, {quotes} quotes: extraction + indexing {secs:.1} s ({:.0} quotes/s)",
        quotes as f64 / secs
    );

    // 3. Answering, in a fresh process so its memory is its own (the query set is made here).
    let index = QuoteIndex::open(&index_dir).expect("open the scaled index");
    let set = work.join("queries.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&set).expect("query set"));
    for q in queries(&index) {
        serde_json::to_writer(&mut out, &q).expect("write");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let plain = queries(&index);
    drop(index);
    answer_in_another_process(&index_dir, &set);

    // 4. The same corpus in collections, one index, each query asked from a collection.
    let collections: usize = std::env::var("WHOSAID_SCALE_COLLECTIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    if collections == 0 {
        return;
    }
    let split = work.join(format!("bbc-x{copies}-c{collections}.jsonl"));
    if !split.exists() {
        write_scaled(&originals, copies, collections, &split);
    }
    let split_dir = work.join(format!("bbc-x{copies}-c{collections}-index"));
    let (secs, quotes, articles) = build(&split, &split_dir, &extractor, options);
    println!(
        "in {collections} collections and the base: {articles} articles, {quotes} quotes: extraction + indexing {secs:.1} s"
    );
    let set = work.join("queries-collections.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&set).expect("query set"));
    let mut rng = Lcg(7);
    for mut q in plain {
        q.collection = Some(format!("c{}", rng.next(collections)));
        serde_json::to_writer(&mut out, &q).expect("write");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    answer_in_another_process(&split_dir, &set);
}

/// Answers the query set `set` over the index in `dir` in a fresh process (so its memory is
/// its own) and prints what it reports.
fn answer_in_another_process(dir: &Path, set: &Path) {
    let out = std::process::Command::new(std::env::current_exe().expect("own path"))
        .env(ANSWER_ENV, dir)
        .env("WHOSAID_SCALE_QUERIES", set)
        .output()
        .expect("run the answering process");
    std::io::stdout().write_all(&out.stdout).ok();
    std::io::stderr().write_all(&out.stderr).ok();
}

/// Builds the index of `corpus` into `dir`: (seconds, quotes, articles).
fn build(
    corpus: &Path,
    dir: &Path,
    extractor: &Extractor,
    options: BuildOptions,
) -> (f64, usize, usize) {
    let spec = IndexSpec {
        corpus: corpus.to_path_buf(),
        dir: dir.to_path_buf(),
        limits: LoadLimits::default(),
        options,
    };
    let started = Instant::now();
    let summary = rebuild(&spec, extractor, &mut Silent).expect("index builds");
    (
        started.elapsed().as_secs_f64(),
        summary.quotes,
        summary.articles,
    )
}

/// A small deterministic generator (no dependency for this).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The mixed query set: a third topic words from headlines, a third the same with a speaker
/// filter, a third three-word phrases taken from quotes.
fn queries(index: &QuoteIndex) -> Vec<SearchRequest> {
    let sources = index.sources().expect("sources");
    let speakers: Vec<String> = index
        .speakers()
        .iter()
        .take(200)
        .map(|s| s.name.clone())
        .collect();
    let mut rng = Lcg(42);
    let mut out = Vec::with_capacity(QUERIES);
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(String::from)
            .collect()
    };
    while out.len() < QUERIES {
        let s = &sources[rng.next(sources.len())];
        let head = words(&s.info.headline);
        if head.len() < 2 {
            continue;
        }
        let a = &head[rng.next(head.len())];
        let b = &head[rng.next(head.len())];
        let mut req = match out.len() % 3 {
            0 => SearchRequest::new(format!("{a} {b}")),
            1 => {
                let mut r = SearchRequest::new(a.clone());
                r.speaker = Some(speakers[rng.next(speakers.len())].clone());
                r
            }
            _ => {
                let i = rng.next(head.len() - 1);
                let end = (i + 3).min(head.len());
                SearchRequest::new(format!("\"{}\"", head[i..end].join(" ")))
            }
        };
        req.limit = 10;
        out.push(req);
    }
    out
}

fn answer(dir: &Path) {
    let started = Instant::now();
    let index = QuoteIndex::open(dir).expect("open the scaled index");
    let open_ms = started.elapsed().as_secs_f64() * 1e3;
    let set = std::env::var("WHOSAID_SCALE_QUERIES").expect("query set");
    let reqs: Vec<SearchRequest> = std::fs::read_to_string(set)
        .expect("query set")
        .lines()
        .map(|l| serde_json::from_str(l).expect("query"))
        .collect();
    // Warm-up: one pass over a tenth of the set.
    for r in reqs.iter().take(QUERIES / 10) {
        let _ = search(&index, r);
    }
    let mut times: Vec<(f64, usize)> = Vec::with_capacity(reqs.len());
    let mut errors = 0;
    for (i, r) in reqs.iter().enumerate() {
        let t = Instant::now();
        if search(&index, r).is_err() {
            errors += 1;
        }
        times.push((t.elapsed().as_secs_f64() * 1e3, i % 3));
    }
    let pct = |mut v: Vec<f64>, p: f64| -> f64 {
        v.sort_by(f64::total_cmp);
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    };
    let all: Vec<f64> = times.iter().map(|t| t.0).collect();
    println!(
        "search over {} quotes, {} queries (mixed): p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms; {errors} errors; index opened in {open_ms:.0} ms",
        index.manifest().quotes,
        all.len(),
        pct(all.clone(), 0.5),
        pct(all.clone(), 0.9),
        pct(all.clone(), 0.99),
        pct(all, 1.0),
    );
    for (kind, name) in [(0, "topic"), (1, "speaker-filtered"), (2, "phrase")] {
        let v: Vec<f64> = times.iter().filter(|t| t.1 == kind).map(|t| t.0).collect();
        println!(
            "  {name}: p50 {:.3} ms, p99 {:.3} ms",
            pct(v.clone(), 0.5),
            pct(v, 0.99)
        );
    }
    fact_checks(&index, &reqs);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    for line in status.lines() {
        if ["VmHWM", "VmRSS", "RssAnon", "RssFile"]
            .iter()
            .any(|k| line.starts_with(k))
        {
            println!(
                "  answering process {}",
                line.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }
}

/// Common English words: checks made of them match nearly every quote's words and none
/// verbatim, the costliest kind of fact check.
const COMMON: &str = "the of and to in is that it was for on are with as be at by this have \
    from or had not but what all were when we there can an your which their said if do will \
    each about how up out them then";

/// Times fact checks over the index (issue 13): phrases of 17 and 38 common words (not
/// found), a quote's own words (verbatim), a claim naming a speaker, and a headline's words.
fn fact_checks(index: &QuoteIndex, reqs: &[SearchRequest]) {
    let common: Vec<&str> = COMMON.split_whitespace().collect();
    let mut phrases: Vec<(usize, String)> = Vec::new();
    for i in 0..100 {
        let rotate = |n: usize| -> String {
            (0..n)
                .map(|k| common[(i + k * 7) % common.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        phrases.push((0, rotate(17)));
        phrases.push((1, rotate(38)));
    }
    // verbatim: eight words of a quote the search finds
    for r in reqs.iter().take(300) {
        if let Some(hit) = search(index, r)
            .ok()
            .and_then(|h| h.hits.into_iter().next())
        {
            let words: Vec<&str> = hit.record.quote.text.split_whitespace().take(8).collect();
            if words.len() >= 4 {
                phrases.push((2, words.join(" ")));
                if let Some(speaker) = &hit.record.quote.speaker {
                    phrases.push((3, format!("did {speaker} say {}?", words[1..].join(" "))));
                }
            }
        }
        phrases.push((4, r.query.replace('"', "")));
    }
    for (_, p) in phrases.iter().take(20) {
        let _ = check_in(index, None, p, 3);
    }
    let mut times: Vec<(usize, f64)> = Vec::new();
    for (kind, p) in &phrases {
        let t = Instant::now();
        let _ = check_in(index, None, p, 3);
        times.push((*kind, t.elapsed().as_secs_f64() * 1e3));
    }
    let pct = |mut v: Vec<f64>, p: f64| -> f64 {
        v.sort_by(f64::total_cmp);
        v.get(((v.len().max(1) as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let all: Vec<f64> = times.iter().map(|t| t.1).collect();
    println!(
        "fact check over {} quotes, {} checks: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        index.manifest().quotes,
        all.len(),
        pct(all.clone(), 0.5),
        pct(all.clone(), 0.99),
        pct(all, 1.0)
    );
    for (kind, name) in [
        (0, "17 common words, not found"),
        (1, "38 common words, not found"),
        (2, "a quote's words, verbatim"),
        (3, "did SPEAKER say …"),
        (4, "a search's words"),
    ] {
        let v: Vec<f64> = times.iter().filter(|t| t.0 == kind).map(|t| t.1).collect();
        println!(
            "  {name} ({}): p50 {:.1} ms, p99 {:.1} ms",
            v.len(),
            pct(v.clone(), 0.5),
            pct(v, 0.99)
        );
    }
}
