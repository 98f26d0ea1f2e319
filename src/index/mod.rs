//! The on-disk search index of quotes: schema, building, freshness and opening.
//!
//! This is the only module that touches the index files. It turns a corpus into a tantivy
//! index (one document per quote, carrying its citation and context), records what the index
//! was built from in a manifest, and rebuilds it when the corpus, the knowledge file, the
//! extraction code or the schema changes. Querying lives in [`crate::search`], which works on
//! the opened [`QuoteIndex`] handle.

mod added;
pub mod articles;
mod build;
mod catalog;
pub mod corrections;
mod directory;
pub mod ingest;
mod logs;
mod manifest;
mod names;
mod open;
mod outcome;
mod record;
mod schema;
pub mod store;
mod verify;
mod writer;

pub use build::{build, BuildOptions, BuildSummary, Progress, Silent};
pub use catalog::{role_key, speaker_word_map, SourceEntry, SpeakerEntry};
pub use ingest::{
    ingest, ingest_with, IngestError, IngestReport, IngestedArticle, NotAdded, Replace,
};
pub use manifest::{corpus_fingerprint, Manifest, Stamp, INDEX_CODE, MANIFEST_FILE};
pub use open::{behind_reason, ensure, Freshness, Need};
pub use record::{
    date_code, kind_code, kind_from_code, name_key, salience, sentence_span, QuoteRecord,
    SourceInfo, HEADLINE_MAX, OUTLET_MAX, TOPIC_SALIENCE, URL_MAX,
};
pub use schema::{
    analyze, english_analyzer, plain_analyzer, CachedStemmer, Fields, WholeText, ENGLISH,
    SCHEMA_VERSION,
};
pub use verify::{verify, FileProblem, VerifyReport};

use crate::corpus::{load_paths, LoadLimits};
use crate::extract::Extractor;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

/// Collection views kept at once (each holds a merged copy of the base's speaker table, about
/// 2 MB at a million quotes).
const MAX_VIEWS: usize = 128;

/// The speakers side table.
pub const SPEAKERS_FILE: &str = "speakers.json";
/// The articles side table.
pub const SOURCES_FILE: &str = "sources.json";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("{path} is not empty and is not a whosaid index; refusing to replace it")]
    NotAnIndex { path: PathBuf },
    #[error("{path} is damaged ({message}); run `whosaid index` to rebuild it")]
    Corrupt { path: PathBuf, message: String },
    #[error(
        "the index in {path} is busy: another process is adding articles to it. Try again \
         when it has finished"
    )]
    Busy { path: PathBuf },
    #[error("no index in {path}; run `whosaid index` to build it")]
    Missing { path: PathBuf },
    #[error(
        "the index in {path} was built from the corpus {holds}, not {wanted}: pass --corpus \
         {holds} to use it, choose another --index for {wanted}, or rebuild it from {wanted} \
         with `whosaid index --force`"
    )]
    OtherCorpus {
        path: PathBuf,
        holds: String,
        wanted: String,
    },
    /// The index's directory cannot be written to: it still answers, but nothing can be
    /// added to it or rebuilt there.
    #[error(
        "the index in {path} is read-only ({reason}): searches answer from it as it is, but \
         nothing can be added to it or rebuilt there"
    )]
    ReadOnly { path: PathBuf, reason: String },
    #[error("no article could be loaded from {corpus} ({skipped} inputs skipped{first})")]
    NoArticles {
        corpus: PathBuf,
        skipped: usize,
        first: String,
    },
}

/// A collection and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CollectionEntry {
    pub name: String,
    pub articles: usize,
    pub quotes: usize,
}

/// An opened index, ready to search. Cheap to share between queries (and threads).
pub struct QuoteIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    manifest: Manifest,
    /// Every speaker entry, of every collection.
    all_speakers: Vec<SpeakerEntry>,
    /// What the base collection alone sees.
    base: Arc<View>,
    /// What each collection sees (the base and its own), made on first use.
    views: Mutex<HashMap<String, Arc<View>>>,
    /// The values of the collection field in the index (the base's among them).
    collections: std::collections::BTreeSet<String>,
    /// The collections with speakers of their own.
    speaking: std::collections::BTreeSet<String>,
}

/// The index as one collection sees it: the base's speakers and its own. Searches are
/// filtered the same way (see [`QuoteIndex::collection_filter`]).
#[derive(Debug)]
pub struct View {
    pub collection: Option<String>,
    speakers: Vec<SpeakerEntry>,
    /// Each word of a speaker's name keys → the speakers (positions in `speakers`) using it.
    speaker_words: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
}

impl View {
    fn new(all: &[SpeakerEntry], collection: Option<&str>) -> View {
        View {
            collection: collection.map(String::from),
            speakers: catalog::view_speakers(all, collection),
            speaker_words: std::sync::OnceLock::new(),
        }
    }

    /// Every speaker this view sees, most quoted first.
    pub fn speakers(&self) -> &[SpeakerEntry] {
        &self.speakers
    }

    /// Each word of the speakers' name keys, with the speakers (positions in
    /// [`View::speakers`]) whose names use it. Built on first use.
    pub fn speaker_words(&self) -> &HashMap<String, Vec<usize>> {
        self.speaker_words
            .get_or_init(|| catalog::speaker_word_map(&self.speakers))
    }
}

impl std::fmt::Debug for QuoteIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuoteIndex")
            .field("dir", &self.dir)
            .field("quotes", &self.manifest.quotes)
            .finish()
    }
}

impl QuoteIndex {
    /// Opens the complete index in `dir` (one with a manifest).
    pub fn open(dir: &Path) -> Result<QuoteIndex, IndexError> {
        let manifest = Manifest::read(dir)?.ok_or_else(|| IndexError::Missing {
            path: dir.to_path_buf(),
        })?;
        let directory =
            directory::AnsweringDirectory::open(dir).map_err(|e| IndexError::Corrupt {
                path: dir.to_path_buf(),
                message: e.to_string(),
            })?;
        let index = Index::open(directory)?;
        schema::register_analyzers(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(|e| IndexError::Corrupt {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let all_speakers: Vec<SpeakerEntry> = catalog::read_speakers(dir)?;
        let base = Arc::new(View::new(&all_speakers, None));
        let collections = field_values(&reader.searcher(), fields.collection)?;
        let speaking = all_speakers
            .iter()
            .filter_map(|s| s.collection.clone())
            .collect();
        Ok(QuoteIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            manifest,
            all_speakers,
            base,
            views: Mutex::new(HashMap::new()),
            collections,
            speaking,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The speakers of the base collection, most quoted first.
    pub fn speakers(&self) -> &[SpeakerEntry] {
        self.base.speakers()
    }

    /// The speaker-word map of the base collection (see [`View::speaker_words`]).
    pub fn speaker_words(&self) -> &HashMap<String, Vec<usize>> {
        self.base.speaker_words()
    }

    /// The index as `collection` sees it (`None`: the base alone).
    pub fn view(&self, collection: Option<&str>) -> Arc<View> {
        let Some(name) = collection else {
            return self.base.clone();
        };
        // a collection that quotes nobody sees the base's speakers as they are
        if !self.speaking.contains(name) {
            return self.base.clone();
        }
        let mut views = self.views.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = views.get(name) {
            return v.clone();
        }
        if views.len() >= MAX_VIEWS {
            // a view is a merged copy of the speaker table: keep memory bounded
            if let Some(old) = views.keys().next().cloned() {
                views.remove(&old);
            }
        }
        let view = Arc::new(View::new(&self.all_speakers, Some(name)));
        views.insert(name.to_string(), view.clone());
        view
    }

    /// The query that keeps what `collection` may see: the base's quotes and its own; `None`
    /// when that is every quote of the index (an index without collections), so queries keep
    /// their fastest form.
    pub fn collection_filter(
        &self,
        collection: Option<&str>,
    ) -> Option<Box<dyn tantivy::query::Query>> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let values: Vec<&str> = std::iter::once(schema::BASE_TERM)
            .chain(collection)
            .collect();
        if self
            .collections
            .iter()
            .all(|c| values.contains(&c.as_str()))
        {
            return None;
        }
        let terms: Vec<tantivy::Term> = values
            .iter()
            .map(|v| tantivy::Term::from_field_text(self.fields.collection, v))
            .collect();
        let clauses = terms
            .into_iter()
            .map(|t| {
                let q: Box<dyn tantivy::query::Query> =
                    Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Every indexed article of every collection, in corpus order.
    pub fn sources(&self) -> Result<Vec<SourceEntry>, IndexError> {
        articles::read_articles(&self.dir)
    }

    /// The articles `collection` sees: the base's and its own, in corpus order.
    pub fn sources_in(&self, collection: Option<&str>) -> Result<Vec<SourceEntry>, IndexError> {
        let mut all = self.sources()?;
        all.retain(|s| s.info.collection.is_none() || s.info.collection.as_deref() == collection);
        Ok(all)
    }

    /// The collections the index holds, with their article and quote counts, the base first.
    pub fn collections(&self) -> Result<Vec<CollectionEntry>, IndexError> {
        let mut counts: std::collections::BTreeMap<Option<String>, (usize, usize)> =
            std::collections::BTreeMap::new();
        counts.insert(None, (0, 0));
        for s in self.sources()? {
            let c = counts.entry(s.info.collection).or_default();
            c.0 += 1;
            c.1 += s.quotes;
        }
        Ok(counts
            .into_iter()
            .map(|(c, (articles, quotes))| CollectionEntry {
                name: c.unwrap_or_else(|| crate::corpus::BASE_COLLECTION.to_string()),
                articles,
                quotes,
            })
            .collect())
    }

    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }
}

/// Every value a raw-text field takes in the index (from each segment's term dictionary; a
/// value whose documents were all deleted may remain, which only costs a filter).
fn field_values(
    searcher: &Searcher,
    field: tantivy::schema::Field,
) -> Result<std::collections::BTreeSet<String>, IndexError> {
    let mut out = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(|e| IndexError::Tantivy(e.into()))?;
        while stream.advance() {
            out.insert(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    Ok(out)
}

pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, IndexError> {
    let bytes = fs::read(path).map_err(|source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|e| IndexError::Corrupt {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Where the index comes from and where it goes.
#[derive(Debug, Clone)]
pub struct IndexSpec {
    pub corpus: PathBuf,
    pub dir: PathBuf,
    pub limits: LoadLimits,
    pub options: BuildOptions,
}

/// Why the index in `spec.dir` must be rebuilt, or `None` when it is current. An index built
/// from another corpus is an error, never a reason to rebuild it from this one.
pub fn stale_reason(spec: &IndexSpec, extractor: &Extractor) -> Result<Option<String>, IndexError> {
    let wanted = Stamp::current(&spec.corpus, extractor.knowledge());
    Ok(match Manifest::read(&spec.dir) {
        Ok(Some(m)) => m.stamp.check(&spec.dir, &wanted)?,
        Ok(None) if spec.dir.exists() => Some("the index is incomplete".into()),
        Ok(None) => Some("there is no index yet".into()),
        Err(IndexError::Corrupt { .. }) => Some("the index manifest is damaged".into()),
        Err(e) => return Err(e),
    })
}

/// Loads the corpus of `spec` and builds its index.
pub fn rebuild(
    spec: &IndexSpec,
    extractor: &Extractor,
    progress: &mut dyn Progress,
) -> Result<BuildSummary, IndexError> {
    rebuild_waiting(spec, extractor, progress, ingest::DEFAULT_WAIT)
}

/// [`rebuild`], waiting at most `wait` for a writer (an ingest, a correction, another
/// rebuild) to finish; [`IndexError::Busy`] when it does not. The writer is held from before
/// the corpus is read until the new index is in place, so a rebuild never reads a corpus an
/// ingest is writing to, and never puts back an index that misses what an ingest added.
pub fn rebuild_waiting(
    spec: &IndexSpec,
    extractor: &Extractor,
    progress: &mut dyn Progress,
    wait: std::time::Duration,
) -> Result<BuildSummary, IndexError> {
    let live = writer::hold_writer(&spec.dir, wait)?;
    build_held(spec, extractor, progress, live)
}

/// [`rebuild_waiting`] when the index is still stale once the writer is held: the reason,
/// and what the build did; `None` when it is current by then. A reader that found the index
/// behind its corpus while an ingest was finishing would otherwise rebuild what the ingest
/// had just brought up to date.
pub fn rebuild_if_stale(
    spec: &IndexSpec,
    extractor: &Extractor,
    progress: &mut dyn Progress,
    wait: std::time::Duration,
) -> Result<Option<(String, BuildSummary)>, IndexError> {
    let live = writer::hold_writer(&spec.dir, wait)?;
    let Some(reason) = stale_reason(spec, extractor)? else {
        return Ok(None);
    };
    progress.rebuilding(&reason);
    let summary = build_held(spec, extractor, progress, live)?;
    Ok(Some((reason, summary)))
}

/// Loads the corpus of `spec` and builds its index, the writer held (`live`).
fn build_held(
    spec: &IndexSpec,
    extractor: &Extractor,
    progress: &mut dyn Progress,
    live: Option<tantivy::IndexWriter>,
) -> Result<BuildSummary, IndexError> {
    if live.is_some() {
        added::remove_stray_temporaries(&spec.corpus, &spec.dir);
    }
    // The stamp is taken before reading, so a corpus edited during the build shows as stale.
    let stamp = Stamp::current(&spec.corpus, extractor.knowledge());
    let corpus = load_paths(std::slice::from_ref(&spec.corpus), spec.limits);
    if corpus.articles.is_empty() {
        return Err(IndexError::NoArticles {
            corpus: spec.corpus.clone(),
            skipped: corpus.skipped.len(),
            first: corpus
                .skipped
                .first()
                .map(|s| format!("; first: {s}"))
                .unwrap_or_default(),
        });
    }
    build(
        &corpus,
        extractor,
        stamp,
        &spec.dir,
        spec.options,
        progress,
        live,
    )
}

/// Removes what builds killed for good (their process is gone) left beside the index of
/// `spec`; run at every start.
pub fn remove_leftovers(spec: &IndexSpec) {
    build::remove_abandoned(&spec.dir);
}
