//! The article store: what a writer must know of each indexed article — its place in the
//! article table, its collection and the fingerprint of its text — kept in a small embedded
//! database (`articles.redb`, redb) beside the index, keyed by article id and by fingerprint.
//!
//! An ingest tells new articles from known ones (the same id, the same text under another
//! id) and gives a new one the next place. Reading the whole article table and every text
//! fingerprint for that cost each batch time and memory in proportion to the index (30 MB of
//! JSON at a million quotes); a keyed look-up costs what the batch adds (issue 13).
//!
//! Only writers open the store. A build writes it whole; an ingest changes it in one
//! transaction per batch ([`StoreBatch`]), committed with the batch's catalog, before the
//! manifest. Readers never open it, so a read-only index still answers; `whosaid index
//! --verify` reads it through.

use crate::index::IndexError;
use redb::{
    Database, MultimapTableDefinition, ReadableDatabase, ReadableMultimapTable, ReadableTable,
    ReadableTableMetadata, TableDefinition, WriteTransaction,
};
use std::path::{Path, PathBuf};

/// The store's file in the index directory.
pub const STORE_FILE: &str = "articles.redb";

/// Article id → (place in the article table, collection, text fingerprint).
const ARTICLES: TableDefinition<&str, (u64, Option<&str>, &str)> = TableDefinition::new("articles");

/// Text fingerprint → the ids of the articles with that text.
const BY_TEXT: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new("by_text");

/// Pages kept in memory: an ingest touches a few pages per article it adds.
const CACHE_BYTES: usize = 16 << 20;

/// What the store knows of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// Its place in the article table, which orders its quotes among equal ranks.
    pub position: usize,
    /// The collection that added it; `None` for the base corpus.
    pub collection: Option<String>,
    /// The fingerprint of its text.
    pub fingerprint: String,
}

/// One article as the store records it: (id, collection, text fingerprint).
pub type StoreEntry<'a> = (&'a str, Option<&'a str>, &'a str);

/// The store of an index, opened for writing.
pub struct ArticleStore {
    path: PathBuf,
    db: Database,
}

impl ArticleStore {
    /// Writes a new store in `dir` holding `articles` in table order, in place of any there.
    pub fn create<'a>(
        dir: &Path,
        articles: impl IntoIterator<Item = StoreEntry<'a>>,
    ) -> Result<(), IndexError> {
        let path = dir.join(STORE_FILE);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(IndexError::Io { path, source }),
        }
        let db = Database::builder()
            .set_cache_size(CACHE_BYTES)
            .create(&path)
            .map_err(|e| store_error(&path, e))?;
        let fail = |e: redb::Error| store_error(&path, e);
        let txn = db.begin_write().map_err(|e| fail(e.into()))?;
        {
            // a build's ids are distinct: each takes the next place
            let mut table = txn.open_table(ARTICLES).map_err(|e| fail(e.into()))?;
            let mut by_text = txn
                .open_multimap_table(BY_TEXT)
                .map_err(|e| fail(e.into()))?;
            for (position, (id, collection, fingerprint)) in articles.into_iter().enumerate() {
                table
                    .insert(id, (position as u64, collection, fingerprint))
                    .map_err(|e| fail(e.into()))?;
                by_text
                    .insert(fingerprint, id)
                    .map_err(|e| fail(e.into()))?;
            }
        }
        txn.commit().map_err(|e| fail(e.into()))
    }

    /// Opens the store in `dir`; `None` when there is none (an index built before it existed).
    pub fn open(dir: &Path) -> Result<Option<ArticleStore>, IndexError> {
        let path = dir.join(STORE_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let db = Database::builder()
            .set_cache_size(CACHE_BYTES)
            .open(&path)
            .map_err(|e| store_error(&path, e))?;
        Ok(Some(ArticleStore { path, db }))
    }

    /// Starts the changes of one batch: nothing is kept until [`StoreBatch::commit`].
    pub fn begin(&self) -> Result<StoreBatch, IndexError> {
        let txn = self
            .db
            .begin_write()
            .map_err(|e| store_error(&self.path, e))?;
        Ok(StoreBatch {
            path: self.path.clone(),
            txn,
        })
    }
}

/// The changes of one batch, seen by its own look-ups, kept when committed and dropped
/// otherwise.
pub struct StoreBatch {
    path: PathBuf,
    txn: WriteTransaction,
}

impl StoreBatch {
    fn fail<E: Into<redb::Error>>(&self) -> impl Fn(E) -> IndexError + '_ {
        move |e| store_error(&self.path, e)
    }

    /// What the store knows of `id`.
    pub fn get(&self, id: &str) -> Result<Option<Known>, IndexError> {
        let table = self.txn.open_table(ARTICLES).map_err(self.fail())?;
        let found = table.get(id).map_err(self.fail())?;
        Ok(found.map(|guard| {
            let (position, collection, fingerprint) = guard.value();
            Known {
                position: usize::try_from(position).unwrap_or(usize::MAX),
                collection: collection.map(str::to_string),
                fingerprint: fingerprint.to_string(),
            }
        }))
    }

    /// The ids of the articles whose text has this fingerprint.
    pub fn ids_with_text(&self, fingerprint: &str) -> Result<Vec<String>, IndexError> {
        let table = self.txn.open_multimap_table(BY_TEXT).map_err(self.fail())?;
        let mut ids = Vec::new();
        for id in table.get(fingerprint).map_err(self.fail())? {
            ids.push(id.map_err(self.fail())?.value().to_string());
        }
        Ok(ids)
    }

    /// How many articles the store holds: the place the next new one takes.
    pub fn articles(&self) -> Result<usize, IndexError> {
        let table = self.txn.open_table(ARTICLES).map_err(self.fail())?;
        let n = table.len().map_err(self.fail())?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// Records `id` with its collection and text: a known id keeps its place, a new one takes
    /// the next. Returns the place.
    pub fn put(
        &mut self,
        id: &str,
        collection: Option<&str>,
        fingerprint: &str,
    ) -> Result<usize, IndexError> {
        let known = self.get(id)?;
        let position = match &known {
            Some(k) => k.position,
            None => self.articles()?,
        };
        {
            let mut by_text = self.txn.open_multimap_table(BY_TEXT).map_err(self.fail())?;
            if let Some(k) = &known {
                by_text
                    .remove(k.fingerprint.as_str(), id)
                    .map_err(self.fail())?;
            }
            by_text.insert(fingerprint, id).map_err(self.fail())?;
        }
        let mut table = self.txn.open_table(ARTICLES).map_err(self.fail())?;
        table
            .insert(id, (position as u64, collection, fingerprint))
            .map_err(self.fail())?;
        Ok(position)
    }

    /// Keeps the batch's changes, durably.
    pub fn commit(self) -> Result<(), IndexError> {
        let path = self.path;
        self.txn.commit().map_err(|e| store_error(&path, e))
    }
}

/// Reads the whole store in `dir` through without changing it (it may be on a read-only
/// disk): the number of articles it holds, or why it cannot be read.
pub fn check(dir: &Path) -> Result<usize, String> {
    let path = dir.join(STORE_FILE);
    let db = match Database::builder().open_read_only(&path) {
        Ok(db) => db,
        Err(redb::DatabaseError::DatabaseAlreadyOpen) => {
            return Err(
                "in use by an ingest now, so not read; verify again when it has finished".into(),
            )
        }
        Err(e) => return Err(format!("damaged: {e}")),
    };
    let txn = db.begin_read().map_err(|e| e.to_string())?;
    let articles = txn.open_table(ARTICLES).map_err(|e| e.to_string())?;
    let by_text = txn
        .open_multimap_table(BY_TEXT)
        .map_err(|e| e.to_string())?;
    let mut count = 0;
    for entry in articles.iter().map_err(|e| e.to_string())? {
        let (id, value) = entry.map_err(|e| e.to_string())?;
        let (_, _, fingerprint) = value.value();
        let listed = by_text
            .get(fingerprint)
            .map_err(|e| e.to_string())?
            .any(|i| i.is_ok_and(|i| i.value() == id.value()));
        if !listed {
            return Err(format!(
                "the article {} is missing from the fingerprint table",
                id.value()
            ));
        }
        count += 1;
    }
    Ok(count)
}

/// A store error as an index error: I/O (a full disk) as such, anything else as damage.
fn store_error<E: Into<redb::Error>>(path: &Path, e: E) -> IndexError {
    match e.into() {
        redb::Error::Io(source) => IndexError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => IndexError::Corrupt {
            path: path.to_path_buf(),
            message: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with(dir: &Path, articles: &[StoreEntry<'_>]) -> ArticleStore {
        ArticleStore::create(dir, articles.iter().copied()).expect("create");
        ArticleStore::open(dir).expect("open").expect("there")
    }

    #[test]
    fn a_built_store_knows_each_article_by_id_and_by_text() {
        let dir = tempfile::tempdir().expect("dir");
        let store = store_with(
            dir.path(),
            &[
                ("a", None, "t1"),
                ("b", Some("lab"), "t2"),
                ("c", None, "t1"),
            ],
        );
        let batch = store.begin().expect("begin");
        assert_eq!(batch.articles().expect("count"), 3);
        assert_eq!(
            batch.get("b").expect("get"),
            Some(Known {
                position: 1,
                collection: Some("lab".into()),
                fingerprint: "t2".into()
            })
        );
        assert_eq!(batch.get("z").expect("get"), None);
        assert_eq!(batch.ids_with_text("t1").expect("ids"), ["a", "c"]);
        // verify does not read the store while a writer has it, and says so
        let busy = check(dir.path()).expect_err("the writer has it");
        assert!(busy.contains("in use by an ingest"), "{busy}");
        drop(batch);
        drop(store);
        assert_eq!(check(dir.path()), Ok(3));
    }

    #[test]
    fn a_new_article_takes_the_next_place_and_a_replaced_one_keeps_its_own() {
        let dir = tempfile::tempdir().expect("dir");
        let store = store_with(dir.path(), &[("a", None, "t1"), ("b", None, "t2")]);
        let mut batch = store.begin().expect("begin");
        assert_eq!(batch.put("new", Some("lab"), "t3").expect("put"), 2);
        assert_eq!(batch.put("a", None, "t9").expect("put"), 0);
        assert!(batch.ids_with_text("t1").expect("ids").is_empty());
        assert_eq!(batch.ids_with_text("t9").expect("ids"), ["a"]);
        batch.commit().expect("commit");
        drop(store);
        assert_eq!(check(dir.path()), Ok(3));
    }

    #[test]
    fn an_uncommitted_batch_leaves_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let store = store_with(dir.path(), &[("a", None, "t1")]);
        let mut batch = store.begin().expect("begin");
        batch.put("b", None, "t2").expect("put");
        drop(batch);
        let batch = store.begin().expect("begin");
        assert_eq!(batch.articles().expect("count"), 1);
        assert_eq!(batch.get("b").expect("get"), None);
    }

    #[test]
    fn a_missing_store_is_none_and_a_damaged_one_an_error() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(ArticleStore::open(dir.path()).expect("open").is_none());
        std::fs::write(dir.path().join(STORE_FILE), b"not a database at all").expect("write");
        assert!(ArticleStore::open(dir.path()).is_err());
        assert!(check(dir.path()).is_err());
    }
}
