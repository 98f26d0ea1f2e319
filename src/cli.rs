//! The command line: argument definitions and one function per subcommand.
//!
//! `main.rs` only parses and calls [`run`]; everything here returns errors instead of
//! exiting, so the commands can be driven from tests.

use crate::config::Config;
use crate::corpus::{load_paths, Corpus};
use crate::extract::{Extractor, Knowledge, Quote};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Find who said what in news articles, with citations."
)]
pub struct Cli {
    /// Settings file (default: config/whosaid.toml when present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the quotes found in articles (.txt files, .jsonl feeds, directories).
    Extract(ExtractArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Knowledge file about people (default: the `extract.speakers` setting).
    #[arg(long, value_name = "FILE", conflicts_with = "no_speakers")]
    pub speakers: Option<PathBuf>,
    /// Use no knowledge file about people.
    #[arg(long)]
    pub no_speakers: bool,
    /// Articles to read (default: the configured corpus).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object a quote a line.
    Jsonl,
    /// For people: speaker, kind, quote and where it stands.
    Text,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Extract(args) => extract(&config, args),
    }
}

/// Loads the knowledge file: an explicitly named one must exist and parse; the configured
/// default may be absent.
pub fn load_knowledge(config: &Config, explicit: Option<&Path>, none: bool) -> Result<Knowledge> {
    if none {
        return Ok(Knowledge::default());
    }
    let (path, required) = match (explicit, &config.extract.speakers) {
        (Some(p), _) => (p.to_path_buf(), true),
        (None, Some(p)) => (p.clone(), false),
        (None, None) => return Ok(Knowledge::default()),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Knowledge::parse(&text)
            .map_err(|e| anyhow::anyhow!("bad speakers file {}: {e}", path.display())),
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(Knowledge::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read speakers file {}", path.display())),
    }
}

/// Loads articles and reports what was skipped on standard error.
pub fn load_reporting(config: &Config, paths: &[PathBuf]) -> Result<Corpus> {
    let default_paths;
    let paths = if paths.is_empty() {
        default_paths = [config.corpus.dir.clone()];
        &default_paths[..]
    } else {
        paths
    };
    let corpus = load_paths(paths, config.load_limits());
    for w in &corpus.warnings {
        eprintln!("warning: {w}");
    }
    for s in &corpus.skipped {
        eprintln!("skipped: {s}");
    }
    if corpus.articles.is_empty() {
        anyhow::bail!(
            "no article could be loaded from {} ({} skipped)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            corpus.skipped.len()
        );
    }
    if !corpus.skipped.is_empty() {
        eprintln!(
            "loaded {} articles; skipped {} inputs (see above)",
            corpus.articles.len(),
            corpus.skipped.len()
        );
    }
    Ok(corpus)
}

fn extract(config: &Config, args: ExtractArgs) -> Result<()> {
    let knowledge = load_knowledge(config, args.speakers.as_deref(), args.no_speakers)?;
    let corpus = load_reporting(config, &args.paths)?;
    let quotes = Extractor::new(knowledge).extract_all(&corpus.articles);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Jsonl => {
            for q in &quotes {
                serde_json::to_writer(&mut out, q)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Text => write_text(&mut out, &quotes)?,
    }
    out.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, quotes: &[Quote]) -> std::io::Result<()> {
    let mut last_article: Option<&str> = None;
    for q in quotes {
        if last_article != Some(q.article.as_str()) {
            if last_article.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "== {}", q.article)?;
            last_article = Some(&q.article);
        }
        let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
        let cue = q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or("-");
        writeln!(out, "{speaker} [{}, {cue}] ¶{}", q.kind, q.paragraph + 1)?;
        writeln!(out, "    “{}”  (bytes {}..{})", q.text, q.start, q.end)?;
    }
    Ok(())
}
