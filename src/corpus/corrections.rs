//! The team's corrections to the engine's attributions, kept beside the articles they fix.
//!
//! A correction names a quote by its stable id (article and offsets, see
//! [`crate::extract::quote_id`]) and says who really spoke, or that the words are not a
//! quote. Corrections are part of the corpus: the file lives in the corpus directory, so a
//! rebuild from the corpus applies them again, and they survive `whosaid index --force`.
//!
//! The file is a log, one JSON object a line, only ever appended to: the history of who
//! changed what stays readable, and for one quote the latest line wins. A line that does not
//! parse is reported and left in place, never dropped.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The corrections file, in the corpus directory.
pub const CORRECTIONS_FILE: &str = "corrections.jsonl";

/// Longest corrections file read (64 MB: hundreds of thousands of corrections).
const MAX_FILE_BYTES: u64 = 64 << 20;

/// What a correction changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// The words are this person's.
    Speaker(String),
    /// The words are not a quote (a title, a slogan, the reporter's own): they leave the index.
    NotAQuote,
}

/// One correction, as a line of the corrections file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The quote's id.
    pub id: String,
    /// Where the quote stands, so a correction whose quote is gone can still say what it was.
    pub article: String,
    pub start: usize,
    pub end: usize,
    /// The first words of the quote, for people reading the file.
    pub words: String,
    pub fix: Fix,
    /// Who made it: a Discord user, or the name given on the command line.
    pub by: String,
    /// When, in RFC 3339 (UTC).
    pub at: String,
}

/// The corrections of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    /// Every correction in file order; for one id the last one holds.
    pub log: Vec<Correction>,
    /// Lines that could not be read, as "line N: why".
    pub unreadable: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    #[error("cannot read the corrections file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot record the correction in {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the corrections file {path} is larger than {limit} bytes")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("corrections are kept in a corpus directory, and {path} is not one")]
    NotADirectory { path: PathBuf },
}

impl Corrections {
    /// The corrections file of the corpus at `corpus`.
    pub fn path(corpus: &Path) -> PathBuf {
        corpus.join(CORRECTIONS_FILE)
    }

    /// Reads the corrections of the corpus at `corpus`: none when it is not a directory or
    /// has no corrections file.
    pub fn read(corpus: &Path) -> Result<Corrections, CorrectionsError> {
        let path = Corrections::path(corpus);
        if !corpus.is_dir() {
            return Ok(Corrections::default());
        }
        let read_error = |source| CorrectionsError::Read {
            path: path.clone(),
            source,
        };
        let size = match fs::metadata(&path) {
            Ok(m) => m.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Corrections::default()),
            Err(e) => return Err(read_error(e)),
        };
        if size > MAX_FILE_BYTES {
            return Err(CorrectionsError::TooLarge {
                path,
                limit: MAX_FILE_BYTES,
            });
        }
        let bytes = fs::read(&path).map_err(read_error)?;
        Ok(Corrections::parse(&String::from_utf8_lossy(&bytes)))
    }

    /// Reads a corrections log.
    pub fn parse(text: &str) -> Corrections {
        let mut out = Corrections::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Correction>(line) {
                Ok(c) => out.log.push(c),
                Err(e) => out.unreadable.push(format!("line {}: {e}", i + 1)),
            }
        }
        out
    }

    /// The correction that holds for each quote id.
    pub fn effective(&self) -> BTreeMap<&str, &Correction> {
        self.log.iter().map(|c| (c.id.as_str(), c)).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.log.is_empty()
    }

    /// Appends `correction` to the corrections file of `corpus`, flushed to disk before it
    /// returns.
    pub fn append(corpus: &Path, correction: &Correction) -> Result<(), CorrectionsError> {
        if !corpus.is_dir() {
            return Err(CorrectionsError::NotADirectory {
                path: corpus.to_path_buf(),
            });
        }
        let path = Corrections::path(corpus);
        let write_error = |source| CorrectionsError::Write {
            path: path.clone(),
            source,
        };
        let mut line =
            serde_json::to_string(correction).map_err(|e| write_error(std::io::Error::other(e)))?;
        line.push('\n');
        let mut file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(write_error)?;
        // a line left unfinished by an earlier crash must not swallow this one
        let len = file.metadata().map_err(write_error)?.len();
        if len > 0 && !ends_with_newline(&path, len) {
            line.insert(0, '\n');
        }
        file.write_all(line.as_bytes()).map_err(write_error)?;
        file.sync_all().map_err(write_error)
    }
}

fn ends_with_newline(path: &Path, len: u64) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = fs::File::open(path) else {
        return true;
    };
    let mut last = [0u8; 1];
    f.seek(SeekFrom::Start(len - 1)).is_ok() && f.read_exact(&mut last).is_ok() && last[0] == b'\n'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn correction(id: &str, fix: Fix) -> Correction {
        Correction {
            id: id.into(),
            article: "harbour".into(),
            start: 1,
            end: 20,
            words: "The channel will be open".into(),
            fix,
            by: "cli:ana".into(),
            at: "2026-01-02T03:04:05Z".into(),
        }
    }

    #[test]
    fn the_latest_correction_of_a_quote_holds() {
        let dir = tempfile::tempdir().unwrap();
        let first = correction("aaaaaaaaaa", Fix::Speaker("Ines Varga".into()));
        let second = correction("aaaaaaaaaa", Fix::NotAQuote);
        let other = correction("bbbbbbbbbb", Fix::Speaker("Dana Fold".into()));
        for c in [&first, &other, &second] {
            Corrections::append(dir.path(), c).unwrap();
        }
        let read = Corrections::read(dir.path()).unwrap();
        assert_eq!(read.log.len(), 3);
        let effective = read.effective();
        assert_eq!(effective["aaaaaaaaaa"].fix, Fix::NotAQuote);
        assert_eq!(effective["bbbbbbbbbb"], &other);
    }

    #[test]
    fn a_bad_line_is_reported_and_the_rest_kept() {
        let dir = tempfile::tempdir().unwrap();
        // an unfinished line, as a crash mid-write would leave it
        fs::write(Corrections::path(dir.path()), "{\"id\":\"aaa").unwrap();
        let c = correction("bbbbbbbbbb", Fix::NotAQuote);
        Corrections::append(dir.path(), &c).unwrap();
        let read = Corrections::read(dir.path()).unwrap();
        assert_eq!(read.log, vec![c]);
        assert_eq!(read.unreadable.len(), 1);
        assert!(read.unreadable[0].starts_with("line 1:"), "{read:?}");
    }

    #[test]
    fn no_file_no_corrections_and_a_file_corpus_takes_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Corrections::read(dir.path()).unwrap().is_empty());
        let file = dir.path().join("feed.jsonl");
        fs::write(&file, "").unwrap();
        assert!(Corrections::read(&file).unwrap().is_empty());
        let c = correction("bbbbbbbbbb", Fix::NotAQuote);
        assert!(matches!(
            Corrections::append(&file, &c),
            Err(CorrectionsError::NotADirectory { .. })
        ));
    }
}
