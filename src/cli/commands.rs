//! The index and search subcommands: `index`, `search`, `check`, `speakers`, `sources`.

use super::{
    load_knowledge, CheckArgs, CollectionsArgs, IndexArgs, IndexLocation, SearchArgs, SourcesArgs,
    SpeakersArgs,
};
use crate::config::Config;
use crate::extract::Extractor;
use crate::index::{self, BuildOptions, Freshness, IndexSpec, Need, Progress, QuoteIndex};
use crate::render;
use crate::search::{self, SearchRequest};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// Corpora at least this large get a progress bar.
const PROGRESS_MIN_ARTICLES: usize = 500;

/// Largest `--queries` file read, in bytes.
const MAX_QUERIES_BYTES: u64 = 64 << 20;

/// Where the index comes from and lives. `--index DIR` alone opens that index with the
/// corpus it was built from (its manifest says which); otherwise the corpus is `--corpus` or
/// the configured one.
pub(super) fn spec(config: &Config, location: &IndexLocation) -> IndexSpec {
    let dir = location
        .index
        .clone()
        .unwrap_or_else(|| config.index.dir.clone());
    let built_from = || {
        location.index.as_ref()?;
        let manifest = index::Manifest::read(&dir).ok()??;
        Some(PathBuf::from(manifest.stamp.corpus))
    };
    IndexSpec {
        corpus: location
            .corpus
            .clone()
            .or_else(built_from)
            .unwrap_or_else(|| {
                // the configured corpus; the bundled seeds are installed on first use
                if let Err(e) = config.install_bundled() {
                    eprintln!("warning: {e}");
                }
                config.corpus.dir.clone()
            }),
        dir,
        limits: config.load_limits(),
        options: BuildOptions {
            writer_memory_bytes: usize::try_from(config.index.writer_memory_mb)
                .unwrap_or(usize::MAX / (1 << 20))
                .saturating_mul(1 << 20),
            threads: config.index.threads,
        },
    }
}

/// A progress bar on standard error for large corpora, and the line that says a build starts
/// (said only once it does: a reader that finds a writer at work builds nothing).
struct Bar<'a> {
    bar: Option<ProgressBar>,
    line: Option<String>,
    spec: &'a IndexSpec,
}

impl Progress for Bar<'_> {
    fn rebuilding(&mut self, reason: &str) {
        self.line = Some(format!(
            "Building the index of {} in {}: {reason}.",
            self.spec.corpus.display(),
            self.spec.dir.display()
        ));
    }
    fn begin(&mut self, articles: usize) {
        if let Some(line) = self.line.take() {
            eprintln!("{line}");
        }
        if articles >= PROGRESS_MIN_ARTICLES {
            let bar = ProgressBar::new(articles as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} articles ({eta})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message("extracting");
            self.bar = Some(bar);
        }
    }
    fn advance(&mut self, articles: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(articles as u64);
        }
    }
    fn indexing(&mut self) {
        if let Some(bar) = &self.bar {
            bar.set_position(0);
            bar.set_message("indexing");
        }
    }
    fn committing(&mut self) {
        if let Some(bar) = &self.bar {
            bar.set_message("committing");
        }
    }
    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// Opens the index for what the command `need`s, building it first when it is missing,
/// stale or damaged, and says so on stderr.
pub(super) fn open(config: &Config, location: &IndexLocation, need: Need) -> Result<QuoteIndex> {
    let spec = spec(config, location);
    let extractor = Extractor::new(load_knowledge(config, None, false)?);
    let mut bar = Bar {
        bar: None,
        line: None,
        spec: &spec,
    };
    let (index, freshness) =
        index::ensure(&spec, &extractor, need, &mut bar).with_context(|| {
            let verb = if need == Need::Answers {
                "open"
            } else {
                "build"
            };
            format!("cannot {verb} the index in {}", spec.dir.display())
        })?;
    match freshness {
        Freshness::Current => {}
        Freshness::Rebuilt {
            reason,
            summary,
            damaged,
        } => {
            if damaged {
                eprintln!("warning: {reason}; it was rebuilt from the corpus.");
            }
            eprint!("{}", render::build_summary(&summary));
        }
        // reads never stop: a reader answers from what the index last committed
        Freshness::Behind { reason } => eprintln!(
            "warning: the index in {} is behind ({reason}); answering from what it last \
             committed.",
            spec.dir.display()
        ),
    }
    Ok(index)
}

pub(super) fn index(config: &Config, args: IndexArgs) -> Result<()> {
    if args.verify {
        return verify(config, &args.location);
    }
    let need = if args.force {
        Need::Rebuilt
    } else {
        Need::Current
    };
    let index = open(config, &args.location, need)?;
    print!("{}", render::index_status(index.manifest()));
    Ok(())
}

/// `whosaid index --verify`: reports on every file, fails when one is wrong.
fn verify(config: &Config, location: &IndexLocation) -> Result<()> {
    let dir = spec(config, location).dir;
    let report = index::verify(&dir)?;
    print!("{}", render::verify_report(&dir, &report));
    if report.is_sound() {
        Ok(())
    } else {
        anyhow::bail!(
            "the index in {} is damaged; `whosaid index --force` rebuilds it from the corpus",
            dir.display()
        )
    }
}

fn request(config: &Config, args: &SearchArgs, query: &str) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        speaker: args.speaker.clone(),
        source: args.source.clone(),
        kind: args.kind,
        since: args.since,
        until: args.until,
        limit: args.limit.unwrap_or(config.search.limit),
        page: args.page,
        excerpt_bytes: config.search.excerpt_bytes,
        collection: args.location.collection.clone(),
    }
}

pub(super) fn search(config: &Config, args: SearchArgs) -> Result<()> {
    let index = open(config, &args.location, Need::Answers)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(path) = &args.queries {
        let lines = read_queries(path)?;
        for line in lines {
            let query = line.trim();
            if query.is_empty() {
                continue;
            }
            let value = match search::search(&index, &request(config, &args, query)) {
                Ok(results) => serde_json::to_value(&results)?,
                Err(e) => serde_json::json!({ "query": query, "error": e.to_string() }),
            };
            serde_json::to_writer(&mut out, &value)?;
            out.write_all(b"\n")?;
        }
    } else {
        let query = args.query.as_deref().unwrap_or_default();
        let results = search::search(&index, &request(config, &args, query))?;
        if args.json {
            serde_json::to_writer_pretty(&mut out, &results)?;
            out.write_all(b"\n")?;
        } else {
            out.write_all(render::search_results(&results).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The lines of a queries file ("-" is standard input); invalid UTF-8 is replaced.
fn read_queries(path: &PathBuf) -> Result<Vec<String>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take_bytes(MAX_QUERIES_BYTES, &mut bytes)
            .context("cannot read queries from standard input")?;
    } else {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("cannot read queries file {}", path.display()))?;
        if meta.len() > MAX_QUERIES_BYTES {
            anyhow::bail!(
                "queries file {} is {} bytes, over the limit of {MAX_QUERIES_BYTES}",
                path.display(),
                meta.len()
            );
        }
        bytes = std::fs::read(path)
            .with_context(|| format!("cannot read queries file {}", path.display()))?;
    }
    Ok(String::from_utf8_lossy(&bytes)
        .lines()
        .map(String::from)
        .collect())
}

trait TakeBytes {
    fn take_bytes(&mut self, limit: u64, buf: &mut Vec<u8>) -> std::io::Result<usize>;
}

impl<R: BufRead> TakeBytes for R {
    fn take_bytes(&mut self, limit: u64, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        std::io::Read::read_to_end(&mut std::io::Read::take(self, limit), buf)
    }
}

pub(super) fn check(config: &Config, args: CheckArgs) -> Result<()> {
    let index = open(config, &args.location, Need::Answers)?;
    let collection = args.location.collection.as_deref();
    let result = search::check_in(&index, collection, &args.phrase, args.nearest.min(50))?;
    super::emit(args.json, &result, render::check_result)
}

pub(super) fn speakers(config: &Config, args: SpeakersArgs) -> Result<()> {
    let index = open(config, &args.location, Need::Answers)?;
    let view = index.view(args.location.collection.as_deref());
    let all = view.speakers();
    let list: Vec<_> = match args.query.as_deref() {
        Some(q) => search::speaker::resolve(q, all, view.speaker_words()),
        None => all.iter().collect(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    if list.is_empty() {
        if let Some(q) = &args.query {
            let hints = search::speaker::suggestions(q, all, view.speaker_words(), 5);
            if hints.is_empty() {
                println!("No speaker matches {q:?}.");
            } else {
                println!(
                    "No speaker matches {q:?}; did you mean {}?",
                    hints.join(", ")
                );
            }
            return Ok(());
        }
    }
    print!("{}", render::speakers(&list));
    Ok(())
}

pub(super) fn sources(config: &Config, args: SourcesArgs) -> Result<()> {
    let index = open(config, &args.location, Need::Answers)?;
    let list = index.sources_in(args.location.collection.as_deref())?;
    super::emit(args.json, &list, |l| render::sources(l))
}

pub(super) fn collections(config: &Config, args: CollectionsArgs) -> Result<()> {
    let index = open(config, &args.location, Need::Answers)?;
    let list = index.collections()?;
    super::emit(args.json, &list, |l| render::collections(l))
}
