//! The article table beside the index: which articles it holds, their citation and quote
//! count, in corpus order.
//!
//! A build writes the whole table (`sources.json`). An ingest or a correction only appends
//! the entries it adds or changes to a log (`sources.log`, one JSON entry a line; a later
//! entry for an article replaces the earlier one in its place), so adding 1,000 articles to
//! an index of 150,000 costs what the 1,000 cost, not a rewrite of the 150,000 (issue 13).
//! The next build folds the log into a new table. What a writer looks articles up by (their
//! place, collection and text) is kept apart, keyed, in the article store (`store.rs`).
//!
//! A line cut short by a killed process is skipped: the manifest, written after the log,
//! then no longer matches the corpus, and the index is rebuilt.

use crate::index::logs::{append_lines, fold_log};
use crate::index::{read_json, IndexError, SourceEntry, SOURCES_FILE};
use std::path::Path;

/// The log of entries added since the table was written.
pub const SOURCES_LOG: &str = "sources.log";

/// Every article of the index, in corpus order.
pub fn read_articles(dir: &Path) -> Result<Vec<SourceEntry>, IndexError> {
    let mut all: Vec<SourceEntry> = read_json(&dir.join(SOURCES_FILE))?;
    fold_log(dir, SOURCES_LOG, &mut all, |s| s.info.id.clone())?;
    Ok(all)
}

/// Appends `entries` to the log, durably.
pub fn append_articles(dir: &Path, entries: &[SourceEntry]) -> Result<(), IndexError> {
    append_lines(dir, SOURCES_LOG, entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::manifest::write_json;
    use crate::index::SourceInfo;
    use std::fs::OpenOptions;
    use std::io::Write;

    fn entry(id: &str, quotes: usize, collection: Option<&str>) -> SourceEntry {
        let mut article = crate::corpus::Article::from_text(id, "Headline\n\nText.");
        article.collection = collection.map(String::from);
        SourceEntry {
            info: SourceInfo::of(&article),
            quotes,
        }
    }

    /// Issue 13: an ingest appends; a later entry replaces the earlier one in its place.
    #[test]
    fn the_log_adds_to_the_table_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_json(
            &dir.path().join(SOURCES_FILE),
            &vec![entry("a", 1, None), entry("b", 2, None)],
        )
        .expect("table");
        append_articles(dir.path(), &[entry("c", 3, Some("club"))]).expect("log");
        append_articles(dir.path(), &[entry("a", 5, None)]).expect("log");
        // a line cut short at the end
        let mut log = OpenOptions::new()
            .append(true)
            .open(dir.path().join(SOURCES_LOG))
            .expect("log");
        log.write_all(b"{\"id\": \"d\", \"headl").expect("write");

        let all = read_articles(dir.path()).expect("read");
        let ids: Vec<(&str, usize)> = all.iter().map(|s| (s.info.id.as_str(), s.quotes)).collect();
        assert_eq!(ids, [("a", 5), ("b", 2), ("c", 3)]);
        assert_eq!(all[2].info.collection.as_deref(), Some("club"));
    }
}
