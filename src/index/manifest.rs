//! The manifest written next to a finished index: what it was built from, so a command can
//! tell whether it is still current. It is written last, atomically, once the index has been
//! committed; an index without a manifest is incomplete and gets rebuilt.

use crate::index::schema::SCHEMA_VERSION;
use crate::index::IndexError;
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

pub const MANIFEST_FILE: &str = "manifest.json";

/// The code fingerprint compiled in by the build script.
pub const INDEX_CODE: &str = env!("WHOSAID_INDEX_CODE");

/// What an index depends on. Two equal stamps mean the same index would be built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub schema_version: u32,
    /// Fingerprint of the extraction and indexing code.
    pub code: String,
    /// The corpus the index was built from: its absolute path when it exists.
    pub corpus: String,
    /// Fingerprint of the corpus files: paths, sizes and modification times.
    pub corpus_fingerprint: String,
    /// Fingerprint of the knowledge about people used by the extractor.
    pub knowledge_fingerprint: String,
}

impl Stamp {
    /// The stamp of the current code, `corpus` as it is on disk now and the knowledge used.
    pub fn current(corpus: &Path, knowledge: &crate::extract::Knowledge) -> Stamp {
        Stamp {
            schema_version: SCHEMA_VERSION,
            code: INDEX_CODE.to_string(),
            corpus: corpus_name(corpus),
            corpus_fingerprint: format!("{:016x}", corpus_fingerprint(corpus)),
            knowledge_fingerprint: format!(
                "{:016x}",
                fnv1a(format!("{:?}", knowledge.speakers).as_bytes())
            ),
        }
    }

    /// Why an index with stamp `self` is stale for `wanted`, or `None` when it is current.
    /// An index of another corpus is not stale but someone else's: see
    /// [`Stamp::same_corpus`].
    pub fn stale_reason(&self, wanted: &Stamp) -> Option<String> {
        if self.schema_version != wanted.schema_version {
            Some(format!(
                "the index schema changed (version {} → {})",
                self.schema_version, wanted.schema_version
            ))
        } else if self.corpus_fingerprint != wanted.corpus_fingerprint {
            Some(format!("the files in {} changed", wanted.corpus))
        } else if self.knowledge_fingerprint != wanted.knowledge_fingerprint {
            Some("the speakers file changed".to_string())
        } else if self.code != wanted.code {
            Some("the extraction code changed".to_string())
        } else {
            None
        }
    }
}

impl Stamp {
    /// Whether the index was built from the corpus `wanted` names (the same directory or
    /// file, however the path is written).
    pub fn same_corpus(&self, wanted: &Stamp) -> bool {
        self.corpus == wanted.corpus
    }

    /// Why the index in `dir`, stamped `self`, is stale for `wanted` (`None`: current), or
    /// the error that it holds another corpus, which is never a reason to rebuild it.
    pub fn check(&self, dir: &Path, wanted: &Stamp) -> Result<Option<String>, IndexError> {
        if !self.same_corpus(wanted) {
            return Err(IndexError::OtherCorpus {
                path: dir.to_path_buf(),
                holds: self.corpus.clone(),
                wanted: wanted.corpus.clone(),
            });
        }
        Ok(self.stale_reason(wanted))
    }
}

/// How a stamp names a corpus: its absolute path when it exists, so the same corpus reached
/// from another directory is the same corpus.
pub fn corpus_name(corpus: &Path) -> String {
    fs::canonicalize(corpus)
        .unwrap_or_else(|_| corpus.to_path_buf())
        .display()
        .to_string()
}

/// The manifest of a built index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub stamp: Stamp,
    pub articles: usize,
    pub quotes: usize,
    pub speakers: usize,
    /// Inputs that were not indexed, and why.
    pub skipped: Vec<String>,
    /// Ids of the team's corrections whose quotes the engine no longer finds.
    #[serde(default)]
    pub vanished_corrections: Vec<String>,
}

impl Manifest {
    /// Reads the manifest of the index in `dir`; `Ok(None)` when there is none.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, IndexError> {
        let path = dir.join(MANIFEST_FILE);
        match fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| IndexError::Corrupt {
                    path,
                    message: e.to_string(),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(IndexError::Io { path, source }),
        }
    }

    /// Writes the manifest into `dir` atomically (a temporary file renamed into place).
    pub fn write(&self, dir: &Path) -> Result<(), IndexError> {
        let json = serde_json::to_string_pretty(self).map_err(|e| IndexError::Corrupt {
            path: dir.join(MANIFEST_FILE),
            message: e.to_string(),
        })?;
        write_atomic(&dir.join(MANIFEST_FILE), json.as_bytes())
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    write_durably(path, &path.with_extension("tmp"), bytes)
}

/// Writes `bytes` to `tmp`, flushes it to disk, renames it to `path` and flushes the
/// directory, so that once this returns the file survives a power loss whole or not at all.
pub(crate) fn write_durably(path: &Path, tmp: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    write_flushed(path, tmp, bytes)?;
    sync_dir(path.parent()).map_err(|source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// [`write_durably`] but for the directory: the caller flushes it once after writing many
/// files there ([`sync_dir`]), and until then a power loss may lose the new name.
pub(crate) fn write_flushed(path: &Path, tmp: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    use std::io::Write;
    let io = |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = fs::File::create(tmp).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    fs::rename(tmp, path).map_err(io)
}

/// Flushes a directory's entries (a rename into it) to disk. A no-op where directories
/// cannot be opened for that.
pub(crate) fn sync_dir(dir: Option<&Path>) -> std::io::Result<()> {
    let dir = match dir {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

/// Writes `value` as JSON to `path` atomically.
pub(crate) fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), IndexError> {
    let json = serde_json::to_vec(value).map_err(|e| IndexError::Corrupt {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    write_atomic(path, &json)
}

/// 64-bit FNV-1a: a stable hash (the standard library's may change between releases).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Fingerprint of the files under `corpus`: their paths, sizes and modification times, in the
/// order the loader reads them (hidden entries skipped). A missing corpus has a fingerprint too.
/// An index directory inside the corpus (one with a `meta.json`) is not part of it, so building
/// an index there does not change the fingerprint.
///
/// The articles added while the index is in use (`ingested/`, one file each, thousands of
/// them) count by their directory's own size and modification time, which every file
/// written, renamed or removed there changes: every command checks the fingerprint at start,
/// and it must not cost a look at every added article (issue 13).
pub fn corpus_fingerprint(corpus: &Path) -> u64 {
    let mut files = Vec::new();
    collect(corpus, 0, &mut files);
    files.sort();
    let mut desc = Vec::new();
    for path in files {
        let (size, mtime) = match fs::metadata(&path) {
            Ok(m) => (
                m.len(),
                m.modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos()),
            ),
            Err(_) => (0, 0),
        };
        let rel = path.strip_prefix(corpus).unwrap_or(&path);
        desc.extend_from_slice(rel.to_string_lossy().as_bytes());
        desc.extend_from_slice(format!("\0{size}\0{mtime}\n").as_bytes());
    }
    fnv1a(&desc)
}

fn collect(path: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 32 {
        return;
    }
    if path.is_dir() {
        if path.join("meta.json").exists() {
            return;
        }
        if depth == 1
            && path
                .file_name()
                .is_some_and(|n| n == crate::corpus::INGEST_DIR)
        {
            out.push(path.to_path_buf());
            return;
        }
        if let Ok(rd) = fs::read_dir(path) {
            for entry in rd.flatten() {
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if !hidden {
                    collect(&entry.path(), depth + 1, out);
                }
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The speakers file read twice is the same knowledge: its lookup table must not make
    /// every start look like a change (which would rebuild the index each time).
    #[test]
    fn the_same_speakers_file_has_the_same_fingerprint() {
        let text = "[[speaker]]\nname = \"Omar Farid\"\naliases = [\"Farid\", \"O. Farid\", \"Mr Farid\"]\n";
        let dir = tempfile::tempdir().unwrap();
        let a = crate::extract::Knowledge::parse(text).unwrap();
        let b = crate::extract::Knowledge::parse(text).unwrap();
        assert_eq!(
            Stamp::current(dir.path(), &a).knowledge_fingerprint,
            Stamp::current(dir.path(), &b).knowledge_fingerprint
        );
    }

    #[test]
    fn durable_writes_leave_the_whole_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("side.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["side.json"]);
    }

    #[test]
    fn fingerprint_changes_with_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = corpus_fingerprint(dir.path());
        fs::write(dir.path().join("a.txt"), "one").unwrap();
        let b = corpus_fingerprint(dir.path());
        assert_ne!(a, b);
        fs::write(dir.path().join("a.txt"), "three").unwrap();
        assert_ne!(b, corpus_fingerprint(dir.path()));
        fs::write(dir.path().join(".hidden"), "x").unwrap();
        let c = corpus_fingerprint(dir.path());
        fs::write(dir.path().join(".hidden"), "xy").unwrap();
        assert_eq!(c, corpus_fingerprint(dir.path()));
        let index = dir.path().join("index");
        fs::create_dir(&index).unwrap();
        fs::write(index.join("meta.json"), "{}").unwrap();
        fs::write(index.join("segment.idx"), "x").unwrap();
        assert_eq!(c, corpus_fingerprint(dir.path()));
    }

    /// Issue 13: added articles count by their directory, which any change to them touches.
    #[test]
    fn added_articles_count_by_their_directory() {
        let dir = tempfile::tempdir().unwrap();
        let added = dir.path().join(crate::corpus::INGEST_DIR);
        fs::create_dir(&added).unwrap();
        let empty = corpus_fingerprint(dir.path());
        let wait = || std::thread::sleep(std::time::Duration::from_millis(20));
        wait();
        fs::write(added.join("a.jsonl"), "{}").unwrap();
        let one = corpus_fingerprint(dir.path());
        assert_ne!(empty, one, "a file added");
        wait();
        fs::rename(added.join("a.jsonl"), added.join("b.jsonl")).unwrap();
        let renamed = corpus_fingerprint(dir.path());
        assert_ne!(one, renamed, "a file renamed into place");
        wait();
        fs::remove_file(added.join("b.jsonl")).unwrap();
        assert_ne!(renamed, corpus_fingerprint(dir.path()), "a file removed");
    }

    #[test]
    fn stale_reason_names_the_change() {
        let k = crate::extract::Knowledge::default();
        let dir = tempfile::tempdir().unwrap();
        let s = Stamp::current(dir.path(), &k);
        assert_eq!(s.stale_reason(&s), None);
        let mut t = s.clone();
        t.schema_version += 1;
        assert!(s.stale_reason(&t).unwrap().contains("schema"));
        let mut t = s.clone();
        t.corpus_fingerprint = "0".into();
        assert!(s.stale_reason(&t).unwrap().contains("changed"));
    }
}
