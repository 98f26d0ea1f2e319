//! Append-only logs beside the index, one JSON value a line: how an ingest or a correction
//! records what it changed in a side table (the articles, the speakers) without rewriting the
//! whole table, so its cost follows what it changes, not the size of the index (issue 13).
//! The next build writes whole tables and no logs.
//!
//! Each append is flushed to disk. A last line cut short by a killed process is skipped when
//! the log is read: the manifest, written after the logs, then no longer matches the corpus,
//! and the index is rebuilt.

use crate::index::manifest::sync_dir;
use crate::index::IndexError;
use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

/// Appends `items` to the log `name`, one JSON value a line, flushed to disk.
pub(crate) fn append_lines<T: serde::Serialize>(
    dir: &Path,
    name: &str,
    items: &[T],
) -> Result<(), IndexError> {
    if items.is_empty() {
        return Ok(());
    }
    let path = dir.join(name);
    let io = |source| IndexError::Io {
        path: path.clone(),
        source,
    };
    let mut lines = Vec::new();
    for e in items {
        serde_json::to_writer(&mut lines, e).map_err(|e| IndexError::Corrupt {
            path: path.clone(),
            message: e.to_string(),
        })?;
        lines.push(b'\n');
    }
    let new = !path.exists();
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    file.write_all(&lines).map_err(io)?;
    file.sync_all().map_err(io)?;
    if new {
        sync_dir(Some(dir)).map_err(io)?;
    }
    Ok(())
}

/// Calls `f` with each whole entry of the log `name`, in order.
pub(crate) fn for_each_logged<T: serde::de::DeserializeOwned>(
    dir: &Path,
    name: &str,
    mut f: impl FnMut(T),
) -> Result<(), IndexError> {
    let path = dir.join(name);
    let file = match fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(IndexError::Io { path, source }),
    };
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|source| IndexError::Io {
            path: path.clone(),
            source,
        })?;
        // a line cut short by a killed writer is skipped (see the module's note)
        if let Ok(entry) = serde_json::from_str(&line) {
            f(entry);
        }
    }
    Ok(())
}

/// Folds the log `name` into `table`: an entry replaces the one of the same key in its
/// place, an entry of a new key is added at the end. Says whether the log held any entry.
pub(crate) fn fold_log<T, K>(
    dir: &Path,
    name: &str,
    table: &mut Vec<T>,
    key: impl Fn(&T) -> K,
) -> Result<bool, IndexError>
where
    T: serde::de::DeserializeOwned,
    K: std::hash::Hash + Eq,
{
    // built at the first entry: most reads find no log
    let mut at: Option<HashMap<K, usize>> = None;
    for_each_logged(dir, name, |entry: T| {
        let at =
            at.get_or_insert_with(|| table.iter().enumerate().map(|(i, e)| (key(e), i)).collect());
        match at.get(&key(&entry)) {
            Some(&i) => table[i] = entry,
            None => {
                at.insert(key(&entry), table.len());
                table.push(entry);
            }
        }
    })?;
    Ok(at.is_some())
}
