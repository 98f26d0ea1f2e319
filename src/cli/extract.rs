//! `whosaid extract`: the quotes of articles, printed as they are found.
//!
//! A corpus can be far larger than memory, so articles are read and extracted one at a time
//! and their quotes spilled to a temporary file; only the speakers' full names are kept, to
//! make names consistent across the corpus (a lone "Okafor" is "Ngozi Okafor" when the corpus
//! knows one such person) once every article is read. The quotes are then read back, names
//! made consistent, and printed: memory does not grow with the number of articles (issue 13).

use super::{load_knowledge, ExtractArgs, Format};
use crate::config::Config;
use crate::corpus::stream_paths;
use crate::extract::{Extractor, FullNames, Quote};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

pub(super) fn extract(config: &Config, args: ExtractArgs) -> Result<()> {
    let knowledge = load_knowledge(config, args.speakers.as_deref(), args.no_speakers)?;
    let extractor = Extractor::new(knowledge);
    let default_paths;
    let paths = if args.paths.is_empty() {
        config.install_bundled()?;
        default_paths = [config.corpus.dir.clone()];
        &default_paths[..]
    } else {
        &args.paths[..]
    };

    // 1. Every article, extracted as it is read; its quotes spilled, its names noted.
    let spill = Spill::create()?;
    let mut out = BufWriter::new(File::create(&spill.0).context("cannot write a temporary file")?);
    // an article replaced by a later one (added while the index was in use) is left out: the
    // ids of replaced articles with their last version
    let mut version: HashMap<String, u32> = HashMap::new();
    let mut articles = 0usize;
    let mut failed: Option<std::io::Error> = None;
    let corpus = stream_paths(paths, config.load_limits(), &mut |article, replaces| {
        let v = if replaces {
            let v = version.entry(article.id.clone()).or_insert(0);
            *v += 1;
            *v
        } else {
            articles += 1;
            version.get(&article.id).copied().unwrap_or(0)
        };
        for q in extractor.extract(&article) {
            if failed.is_none() {
                let written = serde_json::to_writer(&mut out, &(v, &q))
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n"));
                failed = written.err();
            }
        }
    });
    if let Some(e) = failed {
        return Err(e).context("cannot write the quotes to a temporary file");
    }
    out.flush()
        .context("cannot write the quotes to a temporary file")?;
    drop(out);
    for w in &corpus.warnings {
        eprintln!("warning: {w}");
    }
    for s in &corpus.skipped {
        eprintln!("skipped: {s}");
    }
    if articles == 0 {
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
            "loaded {articles} articles; skipped {} inputs (see above)",
            corpus.skipped.len()
        );
    }

    // 2. The full names of the quotes kept, then 3. the quotes, names made consistent.
    let mut names = FullNames::default();
    spill.for_each(&version, |q| names.observe(&q))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut last_article: Option<String> = None;
    let mut printed: std::io::Result<()> = Ok(());
    spill.for_each(&version, |mut q| {
        extractor.unify_speaker(&names, &mut q);
        if printed.is_ok() {
            printed = match args.format {
                Format::Jsonl => serde_json::to_writer(&mut out, &q)
                    .map_err(std::io::Error::from)
                    .and_then(|()| out.write_all(b"\n")),
                Format::Text => write_text(&mut out, &q, &mut last_article),
            };
        }
    })?;
    printed?;
    out.flush()?;
    Ok(())
}

/// One quote in the text format, under a heading naming its article when it is the first of
/// its article.
fn write_text(out: &mut impl Write, q: &Quote, last: &mut Option<String>) -> std::io::Result<()> {
    if last.as_deref() != Some(q.article.as_str()) {
        if last.is_some() {
            writeln!(out)?;
        }
        writeln!(out, "== {}", q.article)?;
        *last = Some(q.article.to_string());
    }
    let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
    let cue = q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or("-");
    writeln!(out, "{speaker} [{}, {cue}] ¶{}", q.kind, q.paragraph + 1)?;
    writeln!(out, "    “{}”  (bytes {}..{})", q.text, q.start, q.end)
}

/// The temporary file the quotes wait in, removed when dropped.
struct Spill(PathBuf);

impl Spill {
    fn create() -> Result<Spill> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "whosaid-extract-{}-{nanos}.jsonl",
            std::process::id()
        ));
        File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create a temporary file in {}", dir(&path)))?;
        Ok(Spill(path))
    }

    /// Calls `f` with each spilled quote of the last version of its article, in order.
    fn for_each(&self, version: &HashMap<String, u32>, mut f: impl FnMut(Quote)) -> Result<()> {
        let file = File::open(&self.0).context("cannot read back a temporary file")?;
        for line in BufReader::new(file).lines() {
            let line = line.context("cannot read back a temporary file")?;
            let (v, q): (u32, Quote) =
                serde_json::from_str(&line).context("a temporary file was changed")?;
            if version.get(q.article.as_str()).copied().unwrap_or(0) == v {
                f(q);
            }
        }
        Ok(())
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

fn dir(path: &Path) -> String {
    path.parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}
