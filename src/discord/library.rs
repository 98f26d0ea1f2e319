//! The bot's handle on the quote index: opened (or built) once, like the command line does
//! it, with the article list kept in memory so autocomplete never touches the disk. The
//! questions themselves go to [`crate::search`], the same functions the command line calls.
//! A [`Library`] is a snapshot: its index never changes, so recent answers are kept with it.
//! When articles are added (by `/ingest`, or by `whosaid ingest` in another process) the
//! index's manifest changes and the bot opens a new snapshot, with no answers kept yet
//! ([`Library::is_current`], [`Library::reopen`]).

use crate::config::Config;
use crate::extract::Extractor;
use crate::index::{
    self, BuildOptions, Freshness, IndexSpec, Manifest, QuoteIndex, SourceEntry, View,
};
use crate::search::{self, CheckResult, SearchError, SearchRequest, SearchResults};
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The opened quote index and what the bot keeps of it.
#[derive(Debug)]
pub struct Library {
    index: QuoteIndex,
    sources: Vec<SourceEntry>,
    /// Longest excerpt of a quote shown, in bytes (the `search.excerpt_bytes` setting).
    excerpt_bytes: usize,
    /// Recent answers: the index of a snapshot does not change, so an answer stays right.
    /// Paging re-asks the same search, and a channel often asks the same thing twice.
    searches: Recent<SearchResults>,
    checks: Recent<CheckResult>,
}

/// Kept answers by key, and the keys oldest first.
type Kept<V> = (HashMap<String, Arc<V>>, VecDeque<String>);

/// A bounded map of recent answers, oldest evicted first.
#[derive(Debug)]
struct Recent<V> {
    capacity: usize,
    inner: Mutex<Kept<V>>,
}

impl<V> Recent<V> {
    fn new(capacity: usize) -> Self {
        Recent {
            capacity,
            inner: Mutex::new((HashMap::new(), VecDeque::new())),
        }
    }

    fn get_or_try(
        &self,
        key: String,
        compute: impl FnOnce() -> Result<V, SearchError>,
    ) -> Result<Arc<V>, SearchError> {
        if self.capacity == 0 {
            return compute().map(Arc::new);
        }
        if let Ok(guard) = self.inner.lock() {
            if let Some(v) = guard.0.get(&key) {
                return Ok(v.clone());
            }
        }
        let value = Arc::new(compute()?);
        if let Ok(mut guard) = self.inner.lock() {
            let (map, order) = &mut *guard;
            if map.insert(key.clone(), value.clone()).is_none() {
                order.push_back(key);
            }
            while order.len() > self.capacity {
                if let Some(old) = order.pop_front() {
                    map.remove(&old);
                }
            }
        }
        Ok(value)
    }
}

/// Why the library could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    Knowledge(String),
    #[error("cannot install the bundled seeds: {0}")]
    Bundled(String),
    #[error("cannot open or build the index in {dir}: {source}")]
    Index {
        dir: PathBuf,
        source: index::IndexError,
    },
}

/// Where the configured index comes from and goes.
pub fn index_spec(config: &Config) -> IndexSpec {
    IndexSpec {
        corpus: config.corpus.dir.clone(),
        dir: config.index.dir.clone(),
        limits: config.load_limits(),
        options: BuildOptions {
            writer_memory_bytes: usize::try_from(config.index.writer_memory_mb)
                .unwrap_or(usize::MAX >> 20)
                .saturating_mul(1 << 20),
            threads: config.index.threads,
        },
    }
}

impl Library {
    /// Opens the configured index, building it first when it is missing or stale.
    pub fn open_or_build(config: &Config) -> Result<Library, OpenError> {
        config
            .install_bundled()
            .map_err(|e| OpenError::Bundled(e.to_string()))?;
        let spec = index_spec(config);
        let knowledge = config
            .knowledge(None, false)
            .map_err(|e| OpenError::Knowledge(format!("{e:#}")))?;
        let extractor = Extractor::new(knowledge);
        let index_error = |source| OpenError::Index {
            dir: spec.dir.clone(),
            source,
        };
        let (index, freshness) =
            index::ensure(&spec, &extractor, index::Need::Answers, &mut index::Silent)
                .map_err(index_error)?;
        if let Freshness::Behind { reason } = &freshness {
            tracing::warn!(
                "answering from the index in {} as last committed: it is behind ({reason})",
                spec.dir.display()
            );
        }
        if let Freshness::Rebuilt {
            reason,
            summary,
            damaged,
        } = &freshness
        {
            // A damaged index is rebuilt from the corpus rather than stopping the bot, but
            // the operator should hear of it.
            let damaged = *damaged || ["incomplete", "damaged"].iter().any(|w| reason.contains(w));
            if damaged {
                tracing::warn!(
                    articles = summary.articles,
                    quotes = summary.quotes,
                    "rebuilt the index in {} from the corpus: {reason}",
                    spec.dir.display()
                );
            } else {
                tracing::info!(
                    articles = summary.articles,
                    quotes = summary.quotes,
                    "built the index in {}: {reason}",
                    spec.dir.display()
                );
            }
            for skipped in &summary.skipped {
                tracing::warn!("corpus input skipped: {skipped}");
            }
        }
        Library::new(index, config).map_err(index_error)
    }

    /// Whether the index on disk is still the one this snapshot was opened on (its manifest
    /// is rewritten last by every build and ingest).
    pub fn is_current(&self) -> bool {
        matches!(Manifest::read(self.index.dir()), Ok(Some(m)) if m == *self.index.manifest())
    }

    /// A new snapshot of the same index, as it is on disk now.
    pub fn reopen(&self) -> anyhow::Result<Library> {
        use anyhow::Context as _;
        let index = QuoteIndex::open(self.index.dir()).with_context(|| {
            format!("cannot reopen the index in {}", self.index.dir().display())
        })?;
        let sources = index
            .sources()
            .context("cannot read the index's article list")?;
        Ok(Library {
            index,
            sources,
            excerpt_bytes: self.excerpt_bytes,
            searches: Recent::new(self.searches.capacity),
            checks: Recent::new(self.checks.capacity),
        })
    }

    /// Wraps an index that is already open.
    pub fn new(index: QuoteIndex, config: &Config) -> Result<Library, index::IndexError> {
        let sources = index.sources()?;
        Ok(Library {
            index,
            sources,
            excerpt_bytes: config.search.excerpt_bytes,
            searches: Recent::new(config.discord.cache_entries),
            checks: Recent::new(config.discord.cache_entries),
        })
    }

    /// [`search::search`], answered from the recent answers when it was asked before.
    pub fn search(&self, req: &SearchRequest) -> Result<Arc<SearchResults>, SearchError> {
        self.searches
            .get_or_try(format!("{req:?}"), || search::search(&self.index, req))
    }

    /// [`search::check_in`] for `collection`, answered from the recent answers when it was
    /// asked before (in the same collection).
    pub fn check(
        &self,
        collection: Option<&str>,
        phrase: &str,
        nearest: usize,
    ) -> Result<Arc<CheckResult>, SearchError> {
        let key = format!("{}|{nearest}|{phrase}", collection.unwrap_or(""));
        self.checks.get_or_try(key, || {
            search::check_in(&self.index, collection, phrase, nearest)
        })
    }

    pub fn index(&self) -> &QuoteIndex {
        &self.index
    }

    /// The index as `collection` sees it: everyone quoted there and in the base.
    pub fn view(&self, collection: Option<&str>) -> Arc<View> {
        self.index.view(collection)
    }

    /// The articles `collection` sees: the base's and its own.
    pub fn sources(&self, collection: Option<&str>) -> Vec<&SourceEntry> {
        self.sources
            .iter()
            .filter(|s| s.info.collection.is_none() || s.info.collection.as_deref() == collection)
            .collect()
    }

    pub fn excerpt_bytes(&self) -> usize {
        self.excerpt_bytes
    }
}
