//! The one writer of an index: tantivy's lock file, taken with a bounded wait, and never on a
//! directory a rebuild has just replaced. Ingests, corrections and the swap at the end of a
//! rebuild all go through here, so they take turns.

use crate::index::schema::{register_analyzers, Fields};
use crate::index::IndexError;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::directory::error::LockError;
use tantivy::indexer::IndexWriterOptions;
use tantivy::{Index, IndexWriter, TantivyError};

/// Name prefix of the marker a process waiting for the writer leaves in the index directory,
/// so a long ingest lets it in between two batches instead of taking the writer straight back.
const WANTED_PREFIX: &str = ".writer-wanted-";

/// A marker older than this is a dead waiter's and is ignored.
const WANTED_STALE: Duration = Duration::from_secs(120);

/// The marker of this process waiting for the writer of `dir`; removed when dropped.
struct Wanted(Option<PathBuf>);

impl Wanted {
    fn leave(dir: &Path) -> Wanted {
        let path = dir.join(format!("{WANTED_PREFIX}{}", std::process::id()));
        // on a read-only disk there is no marker, and no writer to wait for either
        Wanted(fs::write(&path, b"").ok().map(|()| path))
    }
}

impl Drop for Wanted {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = fs::remove_file(path);
        }
    }
}

/// Waits (at most `limit`) while another process is waiting for the writer of `dir`: called
/// by a writer between two batches, with the writer released.
pub(crate) fn let_waiting_writers_in(dir: &Path, limit: Duration) {
    let own = format!("{WANTED_PREFIX}{}", std::process::id());
    let someone_waits = || {
        fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(WANTED_PREFIX)
                && name != own
                && e.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age < WANTED_STALE)
        })
    };
    let started = Instant::now();
    while started.elapsed() < limit && someone_waits() {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Takes the index writer, waiting up to `wait` while another one holds it.
fn take_writer(
    index: &Index,
    dir: &Path,
    memory: usize,
    wait: Duration,
) -> Result<IndexWriter, IndexError> {
    let started = Instant::now();
    let mut wanted: Option<Wanted> = None;
    loop {
        let options = IndexWriterOptions::builder()
            .num_worker_threads(1)
            .memory_budget_per_thread(memory.clamp(15 << 20, 256 << 20))
            .build();
        match index.writer_with_options(options) {
            Ok(w) => return Ok(w),
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                if started.elapsed() >= wait {
                    return Err(IndexError::Busy {
                        path: dir.to_path_buf(),
                    });
                }
                if wanted.is_none() && !wait.is_zero() {
                    wanted = Some(Wanted::leave(dir));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TantivyError::LockFailure(LockError::IoError(e), _))
                if crate::index::directory::cannot_write(e.kind()) =>
            {
                return Err(IndexError::ReadOnly {
                    path: dir.to_path_buf(),
                    reason: e.to_string(),
                })
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The identity of a directory: a rebuild puts a new one in place under the same name.
fn identity(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(dir).ok().map(|m| m.ino())
    }
    #[cfg(not(unix))]
    {
        fs::metadata(dir).ok().map(|_| 0)
    }
}

/// Holds the writer lock of the index in `dir`, if there is an index there that opens, so a
/// build can replace it without pulling it from under an ingest.
pub(crate) fn hold_writer(dir: &Path, wait: Duration) -> Result<Option<IndexWriter>, IndexError> {
    let Ok(index) = Index::open_in_dir(dir) else {
        return Ok(None);
    };
    take_writer(&index, dir, 15 << 20, wait).map(Some)
}

/// Opens the index in `dir` and takes its writer, making sure the directory was not
/// replaced by a rebuild while the writer was awaited.
pub(crate) fn open_for_writing(
    dir: &Path,
    memory: usize,
    wait: Duration,
) -> Result<(Index, Fields, IndexWriter), IndexError> {
    let mut attempts = 0;
    loop {
        let before = identity(dir);
        let index = Index::open_in_dir(dir)?;
        register_analyzers(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(|e| IndexError::Corrupt {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        let writer = take_writer(&index, dir, memory, wait)?;
        attempts += 1;
        if identity(dir) == before || attempts >= 3 {
            return Ok((index, fields, writer));
        }
    }
}
