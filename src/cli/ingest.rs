//! `whosaid ingest PATH...`: adds articles to the index a running bot uses, as `/ingest`
//! does. Every file is checked first; if one is refused, nothing is added. Links instead of
//! paths are fetched (see [`super::fetch`]) and added the same way.

use super::{load_knowledge, IndexLocation};
use crate::config::Config;
use crate::corpus::{parse_upload, Article, Date, UploadMeta};
use crate::extract::Extractor;
use crate::index;
use crate::render;
use anyhow::{Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Articles to add: .txt files (one article each), .jsonl feeds, or directories of them;
    /// or links to web pages (http, https), each fetched and added as one article.
    #[arg(required = true, value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
    /// Outlet of the .txt articles.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Publication date of the .txt articles (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub date: Option<Date>,
    /// Address of the .txt article.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Replace the text of the indexed article ID with the one article given.
    #[arg(long, value_name = "ID")]
    pub replace: Option<String>,
    /// Seconds to wait for another process adding articles to finish.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub wait: u64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// The files named, directories read recursively (hidden entries left out, name order).
fn files(path: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    if depth > 32 {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, depth + 1, out)?;
        } else if matches!(extension(&p).as_deref(), Some("txt" | "jsonl")) {
            out.push(p);
        }
    }
    Ok(())
}

fn read_capped(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The arguments that are links rather than paths.
fn links(args: &IngestArgs) -> Vec<String> {
    args.paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| super::fetch::is_link(p))
        .collect()
}

/// The articles at the links given (none when paths are given): fetched, all problems
/// reported together.
fn fetched(config: &Config, args: &IngestArgs) -> Result<Option<(Vec<Article>, Vec<String>)>> {
    let links = links(args);
    if links.is_empty() {
        return Ok(None);
    }
    if links.len() != args.paths.len() {
        anyhow::bail!(
            "give one `whosaid ingest` either links or files, not both; nothing was added"
        );
    }
    if args.outlet.is_some() || args.date.is_some() || args.url.is_some() || args.replace.is_some()
    {
        anyhow::bail!(
            "--outlet, --date, --url and --replace go with a .txt file: a fetched page carries \
             its own facts, and a new text at the same address updates its article; nothing \
             was added"
        );
    }
    Ok(Some(super::fetch::fetch_all(config, &links)))
}

/// Reads and checks every file, or fetches every link; all problems are reported together.
fn load(config: &Config, args: &IngestArgs) -> Result<Vec<Article>> {
    if let Some((articles, problems)) = fetched(config, args)? {
        return checked(articles, problems, args);
    }
    let mut paths = Vec::new();
    for p in &args.paths {
        files(p, 0, &mut paths)?;
    }
    let meta = UploadMeta {
        outlet: args.outlet.clone(),
        published: args.date,
        url: args.url.clone(),
    };
    let limits = config.load_limits();
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for path in &paths {
        let name = path.display().to_string();
        let jsonl = extension(path).as_deref() == Some("jsonl");
        let file_meta = if jsonl {
            UploadMeta::default()
        } else {
            meta.clone()
        };
        let limit = limits.max_file_bytes.max(limits.max_article_bytes);
        match read_capped(path, limit) {
            Ok(bytes) => match parse_upload(&name, &bytes, &file_meta, limits) {
                Ok(a) => articles.extend(a),
                Err(e) => problems.push(e.to_string()),
            },
            Err(e) => problems.push(format!("{name}: cannot read: {e}")),
        }
    }
    checked(articles, problems, args)
}

/// The articles to add, into the collection asked for, unless there were problems.
fn checked(
    articles: Vec<Article>,
    problems: Vec<String>,
    args: &IngestArgs,
) -> Result<Vec<Article>> {
    if !problems.is_empty() {
        anyhow::bail!(
            "nothing was added; fix these and run again:\n  {}",
            problems.join("\n  ")
        );
    }
    if articles.is_empty() {
        anyhow::bail!("no .txt or .jsonl file found in the paths given; nothing was added");
    }
    // into the collection asked for (the base when none is)
    let collection = args.location.collection.as_deref();
    let mut articles: Vec<Article> = articles
        .into_iter()
        .map(|a| a.in_collection(collection))
        .collect();
    if let Some(id) = &args.replace {
        // The one article given takes the place of article `id`, under its id.
        if articles.len() != 1 {
            anyhow::bail!(
                "--replace {id} takes exactly one article, and the paths hold {}; nothing was \
                 added",
                articles.len()
            );
        }
        for a in &mut articles {
            a.id = id.clone();
        }
    }
    Ok(articles)
}

pub(super) fn ingest(config: &Config, args: IngestArgs) -> Result<()> {
    let articles = load(config, &args)?;
    let spec = super::commands::spec(config, &args.location);
    // Builds the index first when there is none yet.
    drop(super::commands::open(
        config,
        &args.location,
        crate::index::Need::Answers,
    )?);
    let extractor = Extractor::new(load_knowledge(config, None, false)?);
    // a fetched article's address is its identity: a new text there updates it (issue 14)
    let replace = if !links(&args).is_empty() {
        index::Replace::SameId
    } else {
        index::Replace::Only(args.replace.as_slice())
    };
    let result = index::ingest_with(
        &spec,
        &extractor,
        articles,
        replace,
        Duration::from_secs(args.wait.min(3600)),
    );
    match result {
        Ok(report) => super::emit(args.json, &report, render::ingest::text),
        // stopped midway (a full disk): say exactly what was added and what was not
        Err(index::IngestError::Stopped {
            added,
            not_added,
            cause,
            catalog_behind,
        }) => {
            let why = format!("{cause}");
            if args.json {
                let out = serde_json::json!({
                    "stopped": why,
                    "added": added,
                    "not_added": not_added,
                    "catalog_behind": catalog_behind,
                });
                println!("{out}");
            } else {
                print!(
                    "{}",
                    render::ingest::stopped(&why, &added, &not_added, usize::MAX)
                );
            }
            anyhow::bail!(
                "adding to {} stopped after {} of {} articles: {why}",
                spec.dir.display(),
                added.articles.len(),
                added.articles.len() + not_added.len()
            )
        }
        Err(e) => Err(anyhow::Error::new(e)).with_context(|| {
            format!(
                "cannot add the articles to {}; nothing was added",
                spec.dir.display()
            )
        }),
    }
}
