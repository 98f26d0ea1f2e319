//! Index build and search latency over the BBC news corpus
//! (`../shared/corpora/bbc-news.jsonl`, 2,225 articles).
//!
//! `cargo bench --bench index`. Skips with a message when the corpus is absent. The build
//! figure covers loading, extraction and indexing; the search figures are per query, over
//! topic words, a speaker filter and a phrase. The million-quote figures come from
//! `cargo bench --bench scale`.

use criterion::{criterion_group, Criterion};
use std::path::{Path, PathBuf};
use whosaid::corpus::LoadLimits;
use whosaid::extract::{Extractor, Knowledge};
use whosaid::index::{rebuild, BuildOptions, IndexSpec, QuoteIndex, Silent};
use whosaid::search::{check, search, SearchRequest};

const BBC: &str = "../shared/corpora/bbc-news.jsonl";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Option<PathBuf> {
    let path = root().join(BBC);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping the index benchmarks: {BBC} is not here");
        None
    }
}

fn extractor() -> Extractor {
    let knowledge = std::fs::read_to_string(root().join("config/speakers.toml"))
        .ok()
        .and_then(|t| Knowledge::parse(&t).ok())
        .unwrap_or_default();
    Extractor::new(knowledge)
}

fn spec(corpus: &Path, dir: &Path) -> IndexSpec {
    IndexSpec {
        corpus: corpus.to_path_buf(),
        dir: dir.to_path_buf(),
        limits: LoadLimits::default(),
        options: BuildOptions::default(),
    }
}

fn bench_build(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let extractor = extractor();
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = spec(&corpus, &dir.path().join("index"));
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("bbc-news: load + extract + index (2,225 articles)", |b| {
        b.iter(|| {
            rebuild(&spec, &extractor, &mut Silent)
                .expect("build")
                .quotes
        })
    });
    group.finish();
}

fn bench_search(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = spec(&corpus, &dir.path().join("index"));
    rebuild(&spec, &extractor(), &mut Silent).expect("build");
    let index = QuoteIndex::open(&spec.dir).expect("open");
    let speaker = index
        .speakers()
        .first()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let mut group = c.benchmark_group("search bbc-news");
    for (name, req) in [
        ("topic", SearchRequest::new("election campaign tax")),
        ("speaker-filtered", {
            let mut r = SearchRequest::new("election");
            r.speaker = Some(speaker.clone());
            r
        }),
        ("phrase", SearchRequest::new("\"prime minister\" election")),
        (
            "hostile",
            SearchRequest::new("quote:(a OR b) AND \"unclosed [1 TO 5] 🙂"),
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| search(&index, &req).expect("search").hits.len())
        });
    }
    group.bench_function("check", |b| {
        b.iter(|| {
            check(&index, "we are not going to raise taxes", 3)
                .expect("check")
                .matches
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_build, bench_search);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
