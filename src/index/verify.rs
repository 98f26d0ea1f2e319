//! `whosaid index --verify`: is every file of an index what was written?
//!
//! A damaged file does not always stop the index from opening: a flipped byte in the middle
//! of a posting list or a column is read as other numbers, and searches go on answering,
//! wrongly. Every file tantivy writes ends with a checksum of its contents; this module reads
//! each file of the index through to its end and compares, finds files the index lists but
//! that are gone, and reads the side tables (speakers, articles, the article store) and the
//! manifest through. It only reads: the index is used as it is, on a read-only disk too.

use crate::index::articles::SOURCES_LOG;
use crate::index::catalog::SPEAKERS_LOG;
use crate::index::manifest::{Manifest, MANIFEST_FILE};
use crate::index::store::{self, STORE_FILE};
use crate::index::{IndexError, SourceEntry, SpeakerEntry, SOURCES_FILE, SPEAKERS_FILE};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tantivy::Index;

/// What is wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    /// The file, relative to the index directory.
    pub file: PathBuf,
    pub problem: String,
}

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Files read through and found sound.
    pub sound: usize,
    pub problems: Vec<FileProblem>,
}

impl VerifyReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, file: impl Into<PathBuf>, problem: impl Into<String>) {
        self.problems.push(FileProblem {
            file: file.into(),
            problem: problem.into(),
        });
    }
}

/// Checks every file of the index in `dir` against its checksum, and the side tables and
/// manifest by reading them through. Only a missing index is an error; everything else
/// found wrong is in the report.
pub fn verify(dir: &Path) -> Result<VerifyReport, IndexError> {
    let mut report = VerifyReport::default();
    let mut articles = None;
    match Manifest::read(dir) {
        Ok(Some(m)) => {
            articles = Some(m.articles);
            report.sound += 1;
        }
        Ok(None) if dir.is_dir() => {
            report.problem(MANIFEST_FILE, "missing: the index is incomplete")
        }
        Ok(None) => {
            return Err(IndexError::Missing {
                path: dir.to_path_buf(),
            })
        }
        Err(e) => report.problem(MANIFEST_FILE, e.to_string()),
    }
    side_table::<Vec<SpeakerEntry>>(dir, SPEAKERS_FILE, true, &mut report);
    side_table::<Vec<SourceEntry>>(dir, SOURCES_FILE, true, &mut report);
    side_log::<SourceEntry>(dir, SOURCES_LOG, &mut report);
    side_log::<SpeakerEntry>(dir, SPEAKERS_LOG, &mut report);
    article_store(dir, articles, &mut report);
    segment_files(dir, &mut report);
    report.problems.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(report)
}

/// Reads the side table `name` through as a `T`.
fn side_table<T: serde::de::DeserializeOwned>(
    dir: &Path,
    name: &str,
    required: bool,
    report: &mut VerifyReport,
) {
    let path = dir.join(name);
    if !path.exists() {
        if required {
            report.problem(name, "missing");
        }
        return;
    }
    match crate::index::read_json::<T>(&path) {
        Ok(_) => report.sound += 1,
        Err(e) => report.problem(name, e.to_string()),
    }
}

/// Reads the article store through; it must hold as many articles as the manifest says.
fn article_store(dir: &Path, articles: Option<usize>, report: &mut VerifyReport) {
    if !dir.join(STORE_FILE).exists() {
        report.problem(STORE_FILE, "missing");
        return;
    }
    match store::check(dir) {
        Ok(n) if articles.is_some_and(|m| m != n) => report.problem(
            STORE_FILE,
            format!(
                "holds {n} articles where the manifest counts {}",
                articles.unwrap_or(0)
            ),
        ),
        Ok(_) => report.sound += 1,
        Err(problem) => report.problem(STORE_FILE, problem),
    }
}

/// Reads the log `name` through: every line but a last one cut short must be a `T`.
fn side_log<T: serde::de::DeserializeOwned>(dir: &Path, name: &str, report: &mut VerifyReport) {
    let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    let bad: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| serde_json::from_str::<T>(l).is_err() && *i + 1 < lines.len())
        .map(|(i, _)| i + 1)
        .collect();
    match bad.first() {
        None => report.sound += 1,
        Some(first) => report.problem(
            name,
            format!("{} damaged line(s), the first line {first}", bad.len()),
        ),
    }
}

/// Checks the files tantivy lists for the index: each must be there and match its checksum.
fn segment_files(dir: &Path, report: &mut VerifyReport) {
    let index = match Index::open_in_dir(dir) {
        Ok(index) => index,
        Err(e) => {
            report.problem("meta.json", format!("the index does not open: {e}"));
            return;
        }
    };
    let directory = index.directory();
    let mut files: Vec<PathBuf> = directory.list_managed_files().into_iter().collect();
    files.sort();
    for file in files {
        // the lists of files and segments are JSON without a checksum footer; their
        // contents were read when the index opened
        if file.extension().is_some_and(|e| e == "json") {
            continue;
        }
        if !dir.join(&file).exists() {
            report.problem(file, "missing");
            continue;
        }
        match directory.validate_checksum(&file) {
            Ok(true) => report.sound += 1,
            Ok(false) => report.problem(file, "damaged: its contents do not match its checksum"),
            Err(e) => report.problem(file, format!("cannot be read: {e}")),
        }
    }
    // opened as for answering (which works on a read-only disk too), once the files are sound
    if !report.is_sound() {
        return;
    }
    if let Err(e) = crate::index::QuoteIndex::open(dir) {
        report.problem(
            "meta.json",
            format!("the index does not open for searching: {e}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_without_an_index_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gone = dir.path().join("none");
        assert!(matches!(verify(&gone), Err(IndexError::Missing { .. })));
    }

    #[test]
    fn an_empty_directory_is_reported_incomplete() {
        let dir = tempfile::tempdir().expect("temp dir");
        let report = verify(dir.path()).expect("a report");
        assert!(!report.is_sound());
        let files: Vec<String> = report
            .problems
            .iter()
            .map(|p| p.file.display().to_string())
            .collect();
        assert!(files.contains(&SPEAKERS_FILE.to_string()), "{files:?}");
        assert!(files.contains(&"meta.json".to_string()), "{files:?}");
    }
}
