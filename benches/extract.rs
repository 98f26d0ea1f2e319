//! Extraction throughput over the BBC news corpus (`../shared/corpora/bbc-news.jsonl`), and
//! how extraction scales on pathological articles.
//!
//! Run with `cargo bench --bench extract`. The corpus benchmark skips with a message when the
//! corpus is absent. The scaling cases build each shape as one paragraph of 1 MB and of 4 MB
//! and print the 4 MB / 1 MB time ratio: linear extraction gives about 4, a quadratic step
//! about 16. They also time each shape at 8 MB (beyond the article limit, which the extractor
//! itself does not enforce) and print the 8 MB / 4 MB ratio: about 2 once the working tables
//! no longer fit the cache at either size.

use criterion::{criterion_group, Criterion, Throughput};
use std::path::Path;
use std::time::{Duration, Instant};
use whosaid::corpus::{load_paths, Article, LoadLimits};
use whosaid::extract::Extractor;

const BBC: &str = "../shared/corpora/bbc-news.jsonl";
const MB: usize = 1_000_000;

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

/// `unit` repeated to `size` bytes, as one paragraph.
fn repeated(unit: &str, size: usize) -> String {
    unit.repeat(size.div_ceil(unit.len()))
}

/// Ordinary news prose as one paragraph of `size` bytes: invented sentences of every kind
/// the extractor reads (quotes with their speakers, reported speech, narration), cycled.
fn news(size: usize) -> String {
    const SENTENCES: [&str; 8] = [
        "The council voted on Tuesday to close the old bridge after engineers found cracks. ",
        "\u{201c}We had no choice,\u{201d} said Mayor Alma Reyes, who chairs the council. ",
        "Residents said they were worried about the longer drive to the hospital. ",
        "Ms Reyes told reporters that a new crossing would open within two years. ",
        "\u{201c}It will cost more than we hoped,\u{201d} she added, \u{201c}but it is safe.\u{201d} ",
        "The transport minister, Tom Okafor, called the decision \u{201c}sensible\u{201d}. ",
        "According to the agency, traffic on the road fell by a third last year. ",
        "Mr Okafor said the government would pay half of the cost. ",
    ];
    let mut text = String::with_capacity(size + 128);
    for s in SENTENCES.iter().cycle() {
        if text.len() >= size {
            break;
        }
        text.push_str(s);
    }
    text
}

/// Makes a shape's text to a given size in bytes.
type Make = fn(usize) -> String;

/// The pathological shapes, by name.
const SHAPES: [(&str, Make); 4] = [
    ("quote and pronoun", |n| {
        repeated("\u{201c}It is over,\u{201d} she said. ", n)
    }),
    ("guillemets, no quote found", |n| {
        repeated("\u{ab}Non\u{bb}, a dit M. Dupont. ", n)
    }),
    ("news prose", news),
    ("unbalanced marks", |n| {
        repeated(
            "He said \"yes and 'no' it\u{2019}s \u{ab} maybe \u{201c}what, Mr Smith told \
             reporters that the plan would work, ",
            n,
        )
    }),
];

/// Median times of `runs` extractions of each article, taken in turns (one of each, then
/// again), so that a change in the machine's load weighs on all alike.
fn median_times(extractor: &Extractor, articles: &[&Article], runs: usize) -> Vec<Duration> {
    let mut times = vec![Vec::with_capacity(runs); articles.len()];
    for _ in 0..runs {
        for (article, t) in articles.iter().zip(&mut times) {
            let start = Instant::now();
            std::hint::black_box(extractor.extract(article).len());
            t.push(start.elapsed());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            t[runs / 2]
        })
        .collect()
}

/// How many times to time each size of a shape: enough for its median to rest on a second
/// of 1 MB extractions (at least 9, at most 61), so that the other tenants' bursts of load on
/// a shared machine, which last longer than one extraction, weigh on few of the turns.
fn runs_for(extractor: &Extractor, small: &Article) -> usize {
    let start = Instant::now();
    std::hint::black_box(extractor.extract(small).len());
    let once = start.elapsed().as_secs_f64().max(1e-4);
    ((1.0 / once) as usize).clamp(9, 61)
}

fn bench_scaling(c: &mut Criterion) {
    let extractor = Extractor::default();
    let mut group = c.benchmark_group("extract-scaling");
    group.sample_size(10);
    let mut ratios = Vec::new();
    for (name, make) in SHAPES {
        let small = Article::from_text("shape-1mb", make(MB));
        let large = Article::from_text("shape-4mb", make(4 * MB));
        for (size, article) in [("1 MB", &small), ("4 MB", &large)] {
            group.throughput(Throughput::Bytes(article.text.len() as u64));
            group.bench_function(format!("{name}, one paragraph, {size}"), |b| {
                b.iter(|| extractor.extract(article).len())
            });
        }
        // the ratios from the sizes timed in turns, so machine load affects all; 8 MB, past
        // any article limit, shows how the time grows once the tables no longer fit the cache
        let larger = Article::from_text("shape-8mb", make(8 * MB));
        let times = median_times(
            &extractor,
            &[&small, &large, &larger],
            runs_for(&extractor, &small),
        );
        ratios.push((name, times));
    }
    group.finish();
    println!("\n4 MB / 1 MB extraction time (target at most 4.5), and 8 MB / 4 MB (linear: 2):");
    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    for (name, t) in ratios {
        let [one, four, eight] = [&t[0], &t[1], &t[2]].map(ms);
        println!(
            "  {name:<28} 1 MB {one:>8.1} ms  4 MB {four:>8.1} ms  8 MB {eight:>8.1} ms  \
             ratio {:.2}  8 MB / 4 MB {:.2}",
            four / one.max(1e-6),
            eight / four.max(1e-6)
        );
    }
}

criterion_group!(benches, bench_bbc, bench_scaling);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
