//! Extraction throughput over the BBC news corpus (`../shared/corpora/bbc-news.jsonl`).
//!
//! Run with `cargo bench --bench extract`. Skips with a message when the corpus is absent.
//! Also measures a pathological input (thousands of unbalanced quote marks in one paragraph)
//! at two sizes, so a loss of linear scaling shows as a ratio far above 4.

use criterion::{criterion_group, Criterion, Throughput};
use std::path::Path;
use whosaid::corpus::{load_paths, Article, LoadLimits};
use whosaid::extract::Extractor;

const BBC: &str = "../shared/corpora/bbc-news.jsonl";

fn bbc_articles() -> Option<Vec<Article>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BBC);
    if !path.exists() {
        eprintln!("skipping the BBC corpus benchmark: {BBC} is not here");
        return None;
    }
    let corpus = load_paths(&[path], LoadLimits::default());
    Some(corpus.articles)
}

fn bench_bbc(c: &mut Criterion) {
    let Some(articles) = bbc_articles() else {
        return;
    };
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let extractor = Extractor::default();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("bbc-news (2,225 articles, one core)", |b| {
        b.iter(|| extractor.extract_all(&articles).len())
    });
    group.finish();
}

fn pathological(n: usize) -> Article {
    let mut text = String::from("Headline\n\n");
    for i in 0..n {
        text.push_str(match i % 5 {
            0 => "He said \"yes ",
            1 => "and 'no' it’s ",
            2 => "« maybe ",
            3 => "“what, ",
            _ => "Mr Smith told reporters that the plan would work, ",
        });
    }
    Article::from_text("pathological", text)
}

fn bench_scaling(c: &mut Criterion) {
    let extractor = Extractor::default();
    let mut group = c.benchmark_group("extract-scaling");
    group.sample_size(10);
    for n in [2_000, 8_000] {
        let article = pathological(n);
        group.throughput(Throughput::Bytes(article.text.len() as u64));
        group.bench_function(format!("unbalanced marks x{n}"), |b| {
            b.iter(|| extractor.extract(&article).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_bbc, bench_scaling);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
