//! Adding articles to a built index while it is in use, without a rebuild.
//!
//! Research teams add articles as stories break, from the command line or from the Discord
//! bot, and both must leave the index whole whatever happens. An ingest therefore works in
//! a fixed order, each step atomic on its own, so a process killed at any moment leaves an
//! index that opens and holds every quote committed before:
//!
//! 1. the article is written into the corpus (`ingested/` under the corpus directory, a
//!    temporary file renamed into place), so a rebuild from the corpus gives the same index;
//! 2. its old quotes (same id) are deleted and the new ones added in one tantivy commit;
//! 3. the catalog (speakers, articles, text fingerprints) is rewritten, each file renamed
//!    into place;
//! 4. the manifest is rewritten last, stamped with the corpus as it now is.
//!
//! A process stopped between 1 and 4 leaves a manifest whose corpus fingerprint no longer
//! matches the corpus: the index still opens with everything committed before, and the next
//! start (or ingest) rebuilds it from the corpus, which holds every article written.
//!
//! Only one writer may work on an index: tantivy's lock file. An ingest takes the writer for
//! each batch of articles and releases it after, so the bot and the command line take turns;
//! one that waits longer than it was allowed gets [`IngestError::Busy`] and changes nothing.
//! A rebuild takes the writer too before it puts a new index in place.

use crate::corpus::{load_paths, text_fingerprint, Article, Corrections};
use crate::extract::{Extractor, Quote};
use crate::index::added::{classify, write_corpus_file};
use crate::index::catalog::{records_where, recount_speakers};
use crate::index::corrections;
use crate::index::manifest::{write_json, Manifest, Stamp};
use crate::index::names::join_speakers;
use crate::index::record::{name_key, Headline, QuoteRecord, SourceInfo};
use crate::index::schema::{english_analyzer, Fields};
use crate::index::writer::open_for_writing;
use crate::index::{
    build::document, read_json, IndexError, IndexSpec, SourceEntry, SpeakerEntry, SOURCES_FILE,
    SPEAKERS_FILE,
};
use crate::text::paragraphs;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tantivy::{Index, IndexWriter, TantivyError, Term};

/// The text fingerprints side table: article id → fingerprint of its text. It is a cache:
/// when missing (after a rebuild) it is computed again from the corpus.
pub const TEXTS_FILE: &str = "texts.json";

/// Articles written, extracted and committed together. A large ingest is committed batch by
/// batch, so a stop loses at most the batch under way.
const BATCH: usize = 256;

/// How long an ingest waits for another writer to finish before it gives up.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Another writer held the index for longer than the wait allowed.
    #[error(
        "the index in {path} is busy: another process is adding articles to it. Try again \
         when it has finished"
    )]
    Busy { path: PathBuf },
    #[error(
        "articles can only be added to a corpus directory, and {path} is not one (set \
         `corpus.dir` to a directory)"
    )]
    CorpusNotADirectory { path: PathBuf },
    #[error(
        "no quote has the id {id} in this index; ids are shown under each quote (`whosaid \
         corrections` lists the corrected ones)"
    )]
    NoSuchQuote { id: String },
    #[error(transparent)]
    Corrections(crate::corpus::CorrectionsError),
    #[error(transparent)]
    Index(IndexError),
}

impl From<IndexError> for IngestError {
    fn from(e: IndexError) -> Self {
        match e {
            IndexError::Busy { path } => IngestError::Busy { path },
            e => IngestError::Index(e),
        }
    }
}

impl From<TantivyError> for IngestError {
    fn from(e: TantivyError) -> Self {
        IngestError::Index(IndexError::Tantivy(e))
    }
}

/// An article that was added or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestedArticle {
    pub id: String,
    /// The name it came in under (file name, a feed line's own id), for display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_as: Option<String>,
    pub headline: String,
    pub quotes: usize,
    /// An article with this id was indexed before, with another text; its quotes are gone.
    pub replaced: bool,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    pub articles: Vec<IngestedArticle>,
    /// Quotes added.
    pub quotes: usize,
    /// Speakers of the added quotes, most quoted first.
    pub speakers: Vec<String>,
    /// Those of them the index did not know before.
    pub new_speakers: Vec<String>,
    /// Articles not added, and why.
    pub skipped: Vec<String>,
    /// The index was rebuilt from the corpus instead, for this reason.
    pub rebuilt: Option<String>,
}

impl IngestReport {
    fn merge(&mut self, other: IngestReport) {
        self.articles.extend(other.articles);
        self.quotes += other.quotes;
        for s in other.speakers {
            if !self.speakers.contains(&s) {
                self.speakers.push(s);
            }
        }
        for s in other.new_speakers {
            if !self.new_speakers.contains(&s) {
                self.new_speakers.push(s);
            }
        }
        self.skipped.extend(other.skipped);
        if self.rebuilt.is_none() {
            self.rebuilt = other.rebuilt;
        }
    }
}

/// Adds `articles` to the index of `spec` and to its corpus directory. Articles already
/// indexed (same id and text, or the same text under another id) are skipped and listed.
/// An article with a known id and a new text replaces the old one only when its id is in
/// `replace`: replacing is asked for, never inferred (issue 11); otherwise it is skipped and
/// the report says how to ask. `wait` bounds the wait for another writer.
pub fn ingest(
    spec: &IndexSpec,
    extractor: &Extractor,
    articles: Vec<Article>,
    replace: &[String],
    wait: Duration,
) -> Result<IngestReport, IngestError> {
    ingest_with(spec, extractor, articles, Replace::Only(replace), wait)
}

/// Which indexed articles an ingest may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace<'a> {
    /// Only these ids, each of which must be indexed: a replacement asked for (issue 11).
    Only(&'a [String]),
    /// Any article of the adding collection with the same id. The address is the identity of
    /// an article fetched from the web, so a new text at the same address is an update of
    /// that article (issue 14).
    SameId,
}

/// [`ingest`], saying which articles may be replaced.
pub fn ingest_with(
    spec: &IndexSpec,
    extractor: &Extractor,
    articles: Vec<Article>,
    replace: Replace<'_>,
    wait: Duration,
) -> Result<IngestReport, IngestError> {
    if !spec.corpus.is_dir() {
        return Err(IngestError::CorpusNotADirectory {
            path: spec.corpus.clone(),
        });
    }
    let dir = spec.dir.as_path();
    if Manifest::read(dir)?.is_none() {
        return Err(IndexError::Missing {
            path: dir.to_path_buf(),
        }
        .into());
    }
    // An article sent twice in one ingest: the later copy wins.
    let mut last: HashMap<String, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        last.insert(a.id.clone(), i);
    }
    let articles: Vec<Article> = articles
        .into_iter()
        .enumerate()
        .filter(|(i, a)| last.get(&a.id) == Some(i))
        .map(|(_, a)| a)
        .collect();
    let mut report = IngestReport::default();
    // The writer is taken batch by batch, so another process adding articles (the bot while
    // the command line adds a large feed) gets its turn between two batches.
    for chunk in articles.chunks(BATCH) {
        let part = ingest_batch(spec, extractor, chunk, replace, wait)?;
        report.merge(part);
    }
    Ok(report)
}

/// Adds one batch under the writer lock.
fn ingest_batch(
    spec: &IndexSpec,
    extractor: &Extractor,
    chunk: &[Article],
    replace: Replace<'_>,
    wait: Duration,
) -> Result<IngestReport, IngestError> {
    let dir = spec.dir.as_path();
    let (index, fields, writer) = open_for_writing(dir, spec.options.writer_memory_bytes, wait)?;
    crate::index::added::remove_stray_temporaries(&spec.corpus, dir);
    // Everything below runs under the writer lock.
    let manifest = Manifest::read(dir)?.ok_or_else(|| IndexError::Missing {
        path: dir.to_path_buf(),
    })?;
    let wanted = Stamp::current(&spec.corpus, extractor.knowledge());
    let stale = manifest.stamp.check(dir, &wanted)?;
    let mut texts = known_texts(spec, dir, stale.is_some())?;

    // which collection each indexed article belongs to: a duplicate is looked for only among
    // the articles the adding collection sees
    let owners: HashMap<String, Option<String>> =
        read_json::<Vec<SourceEntry>>(&dir.join(SOURCES_FILE))
            .unwrap_or_default()
            .into_iter()
            .map(|s| (s.info.id, s.info.collection))
            .collect();
    let mut report = IngestReport::default();
    let fresh = classify(chunk.to_vec(), &mut texts, &owners, replace, &mut report);
    if fresh.is_empty() {
        return Ok(report);
    }
    if let Some(reason) = stale {
        // The index is behind its corpus (edited by hand, or an earlier ingest stopped): write
        // the articles and rebuild everything from the corpus.
        drop(writer);
        for (article, _) in &fresh {
            write_corpus_file(&spec.corpus, article)?;
        }
        crate::index::rebuild(spec, extractor, &mut crate::index::Silent)?;
        let sources: Vec<SourceEntry> = read_json(&dir.join(SOURCES_FILE))?;
        let counts: HashMap<&str, usize> = sources
            .iter()
            .map(|s| (s.info.id.as_str(), s.quotes))
            .collect();
        for (article, replaced) in &fresh {
            report.articles.push(IngestedArticle {
                id: article.id.clone(),
                added_as: article.added_as.clone(),
                headline: article.title.clone(),
                quotes: counts.get(article.id.as_str()).copied().unwrap_or(0),
                replaced: *replaced,
            });
        }
        report.quotes = report.articles.iter().map(|a| a.quotes).sum();
        report.rebuilt = Some(reason);
        write_texts(dir, &texts)?;
        return Ok(report);
    }

    let mut session = Session {
        spec,
        extractor,
        index: &index,
        fields,
        writer,
        texts,
    };
    let part = session.add_batch(&fresh)?;
    report.merge(part);
    session.writer.wait_merging_threads()?;
    Ok(report)
}

/// The fingerprints of the indexed texts: the side table when it is there and the index is
/// current, else computed from the corpus.
fn known_texts(
    spec: &IndexSpec,
    dir: &Path,
    stale: bool,
) -> Result<BTreeMap<String, String>, IndexError> {
    if !stale {
        if let Ok(t) = read_json::<BTreeMap<String, String>>(&dir.join(TEXTS_FILE)) {
            return Ok(t);
        }
    }
    let corpus = load_paths(std::slice::from_ref(&spec.corpus), spec.limits);
    Ok(corpus
        .articles
        .iter()
        .map(|a| (a.id.clone(), text_fingerprint(&a.text)))
        .collect())
}

fn write_texts(dir: &Path, texts: &BTreeMap<String, String>) -> Result<(), IndexError> {
    write_json(&dir.join(TEXTS_FILE), texts)
}

struct Session<'a> {
    spec: &'a IndexSpec,
    extractor: &'a Extractor,
    index: &'a Index,
    fields: Fields,
    writer: IndexWriter,
    texts: BTreeMap<String, String>,
}

impl Session<'_> {
    /// A searcher on what is committed now.
    fn searcher(&self) -> Result<tantivy::Searcher, IngestError> {
        let reader: tantivy::IndexReader = self
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        Ok(reader.searcher())
    }

    fn add_batch(&mut self, batch: &[(Article, bool)]) -> Result<IngestReport, IngestError> {
        let dir = self.spec.dir.as_path();
        let mut speakers: Vec<SpeakerEntry> = read_json(&dir.join(SPEAKERS_FILE))?;
        let mut sources: Vec<SourceEntry> = read_json(&dir.join(SOURCES_FILE))?;
        // speakers the adding collection already saw: only those are not new to it
        let known: BTreeSet<String> = speakers
            .iter()
            .filter(|s| {
                s.collection.is_none()
                    || batch
                        .iter()
                        .any(|(a, _)| a.collection.as_ref() == s.collection.as_ref())
            })
            .map(|s| s.key.clone())
            .collect();

        // Speakers whose catalog entry changes: those of replaced quotes and of new ones.
        let mut affected: BTreeSet<String> = BTreeSet::new();
        let before = self.searcher()?;
        for (article, replaced) in batch {
            if *replaced {
                let term = Term::from_field_text(self.fields.article, &article.id);
                for r in records_where(&before, &self.fields, term)? {
                    if let Some(s) = &r.quote.speaker {
                        affected.insert(name_key(s));
                    }
                }
            }
        }

        let articles: Vec<Article> = batch.iter().map(|(a, _)| a.clone()).collect();
        let mut quotes = self.extractor.extract_all(&articles);
        // new quotes take the names their collection's view already uses
        let collections: BTreeSet<Option<String>> =
            articles.iter().map(|a| a.collection.clone()).collect();
        let mut joined = Vec::with_capacity(quotes.len());
        for c in &collections {
            let names: Vec<String> = crate::index::catalog::view_speakers(&speakers, c.as_deref())
                .into_iter()
                .map(|s| s.name)
                .collect();
            let ids: HashSet<&str> = articles
                .iter()
                .filter(|a| a.collection == *c)
                .map(|a| a.id.as_str())
                .collect();
            let (mut mine, rest): (Vec<Quote>, Vec<Quote>) = quotes
                .into_iter()
                .partition(|q| ids.contains(q.article.as_str()));
            join_speakers(&mut mine, &names);
            joined.extend(mine);
            quotes = rest;
        }
        joined.extend(quotes);
        let mut quotes = joined;
        let corrections = Corrections::read(&self.spec.corpus).map_err(IngestError::Corrections)?;
        let ids: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        let vanished = corrections::apply(&mut quotes, &corrections, &ids);

        // 1. The corpus.
        for article in &articles {
            write_corpus_file(&self.spec.corpus, article)?;
        }
        // 2. The quotes, old ones out and new ones in, in one commit.
        let mut by_article: HashMap<&str, Vec<&Quote>> = HashMap::new();
        for q in &quotes {
            by_article.entry(q.article.as_str()).or_default().push(q);
        }
        let mut analyzer = english_analyzer();
        let mut report = IngestReport::default();
        let mut spoke: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for (article, replaced) in batch {
            self.writer
                .delete_term(Term::from_field_text(self.fields.article, &article.id));
            let paras = paragraphs(&article.text);
            let mut kept = 0;
            // The article's place in the corpus orders its quotes among equal ranks, as in a
            // build: a replaced article keeps its place, a new one comes last.
            let place = sources
                .iter()
                .position(|s| s.info.id == article.id)
                .unwrap_or(sources.len());
            let headline = Headline::new(&mut analyzer, &article.title);
            let quotes = by_article.remove(article.id.as_str()).unwrap_or_default();
            for (k, q) in quotes.into_iter().enumerate() {
                let Some(record) = QuoteRecord::new(article, &paras, q) else {
                    continue;
                };
                let seq = (place as u64) << 24 | (k as u64).min((1 << 24) - 1);
                let doc = document(&self.fields, &mut analyzer, &headline, &record, seq)?;
                self.writer.add_document(doc)?;
                if let Some(s) = &q.speaker {
                    let key = name_key(s);
                    if !key.is_empty() {
                        affected.insert(key.clone());
                        spoke.entry(key).or_insert_with(|| (s.clone(), 0)).1 += 1;
                    }
                }
                kept += 1;
            }
            report.articles.push(IngestedArticle {
                id: article.id.clone(),
                added_as: article.added_as.clone(),
                headline: article.title.clone(),
                quotes: kept,
                replaced: *replaced,
            });
            report.quotes += kept;
            let entry = SourceEntry {
                info: SourceInfo::of(article),
                quotes: kept,
            };
            match sources.iter_mut().find(|s| s.info.id == article.id) {
                Some(old) => *old = entry,
                None => sources.push(entry),
            }
        }
        self.writer.commit()?;

        // 3. The catalog: the entries of the affected speakers, counted again from the index.
        let after = self.searcher()?;
        recount_speakers(
            &after,
            &self.fields,
            &affected,
            self.extractor.knowledge(),
            &mut speakers,
        )?;
        write_json(&dir.join(SPEAKERS_FILE), &speakers)?;
        write_json(&dir.join(SOURCES_FILE), &sources)?;
        write_texts(dir, &self.texts)?;

        // 4. The manifest, last.
        let mut manifest = Manifest::read(dir)?.ok_or_else(|| IndexError::Missing {
            path: dir.to_path_buf(),
        })?;
        manifest.stamp = Stamp::current(&self.spec.corpus, self.extractor.knowledge());
        manifest.articles = sources.len();
        manifest.quotes = usize::try_from(after.num_docs()).unwrap_or(usize::MAX);
        manifest.speakers = speakers.len();
        let effective = corrections.effective();
        manifest.vanished_corrections.retain(|id| {
            effective
                .get(id.as_str())
                .is_none_or(|c| !ids.contains(c.article.as_str()))
        });
        manifest.vanished_corrections.extend(vanished);
        manifest.vanished_corrections.sort();
        manifest.vanished_corrections.dedup();
        manifest.write(dir)?;

        let mut spoke: Vec<(String, String, usize)> =
            spoke.into_iter().map(|(k, (n, c))| (k, n, c)).collect();
        spoke.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        for (key, name, _) in spoke {
            if !known.contains(&key) {
                report.new_speakers.push(name.clone());
            }
            report.speakers.push(name);
        }
        Ok(report)
    }
}
