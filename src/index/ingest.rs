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
//! 3. the catalog: the changed speaker and article entries appended to their logs, and the
//!    batch's articles committed to the article store;
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

use crate::corpus::{Article, Corrections};
use crate::extract::{Extractor, Quote};
use crate::index::added::{classify, CorpusWrite};
use crate::index::articles::append_articles;
use crate::index::catalog::{
    add_speakers, log_speaker_changes, read_speakers, records_where, recount_speakers,
    CatalogBuilder,
};
use crate::index::corrections;
use crate::index::manifest::{Manifest, Stamp};
use crate::index::names::join_speakers;
use crate::index::outcome::stopped;
pub use crate::index::outcome::{IngestError, IngestReport, IngestedArticle, NotAdded};
use crate::index::record::{name_key, Headline, QuoteRecord, SourceInfo};
use crate::index::schema::{english_analyzer, Fields};
use crate::index::store::{ArticleStore, StoreBatch, STORE_FILE};
use crate::index::writer::open_for_writing;
use crate::index::{build::document, IndexError, IndexSpec, SourceEntry, SpeakerEntry};
use crate::text::paragraphs;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::Duration;
use tantivy::{Index, IndexWriter, Term};

/// Articles written, extracted and committed together. A large ingest is committed batch by
/// batch, so a stop loses at most the batch under way.
const BATCH: usize = 256;

/// How long an ingest waits for another writer to finish before it gives up.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

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
    let batches: Vec<&[Article]> = articles.chunks(BATCH).collect();
    for (i, batch) in batches.iter().enumerate() {
        if i > 0 {
            // a rebuild or another ingest waiting for the writer goes first
            crate::index::writer::let_waiting_writers_in(&spec.dir, wait);
        }
        match ingest_batch(spec, extractor, batch, replace, wait) {
            Ok(part) => report.merge(part),
            Err(e) => return Err(stopped(report, &batches[i..], e)),
        }
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
    // Extraction, the costly part, runs before the writer is taken: another writer waits only
    // for the indexing (issue 13). An article found already indexed below is dropped.
    let mut extracted: HashMap<String, Vec<Quote>> = chunk
        .iter()
        .map(|a| (a.id.clone(), extractor.extract(a)))
        .collect();
    let mut report = IngestReport::default();
    let (mut index, mut fields, mut writer) =
        open_for_writing(dir, spec.options.writer_memory_bytes, wait)?;
    crate::index::added::remove_stray_temporaries(&spec.corpus, dir);
    // Everything below runs under the writer lock.
    let manifest = Manifest::read(dir)?.ok_or_else(|| IndexError::Missing {
        path: dir.to_path_buf(),
    })?;
    let wanted = Stamp::current(&spec.corpus, extractor.knowledge());
    let mut behind = manifest.stamp.check(dir, &wanted)?;
    if behind.is_none() && !dir.join(STORE_FILE).is_file() {
        behind = Some(format!("its article store ({STORE_FILE}) is missing"));
    }
    if let Some(reason) = behind {
        // The index is behind its corpus (edited by hand, or an earlier ingest stopped): it
        // is rebuilt from the corpus first, then the batch is added as to any index.
        drop(writer);
        drop(index);
        crate::index::rebuild(spec, extractor, &mut crate::index::Silent)?;
        report.rebuilt = Some(reason);
        (index, fields, writer) = open_for_writing(dir, spec.options.writer_memory_bytes, wait)?;
    }
    let store = ArticleStore::open(dir)?.ok_or_else(|| IndexError::Corrupt {
        path: dir.join(STORE_FILE),
        message: "the article store is missing".into(),
    })?;
    // The batch's changes to the store are seen by its own look-ups, so an article sent twice
    // under two ids is added once; they are kept only when the batch's catalog is written.
    let mut known = store.begin()?;
    let fresh = classify(chunk.to_vec(), &mut known, replace, &mut report)?;
    if fresh.is_empty() {
        return Ok(report);
    }
    let mut session = Session {
        spec,
        extractor,
        index: &index,
        fields,
        writer,
    };
    let mut quotes: Vec<Quote> = fresh
        .iter()
        .flat_map(|(a, _)| extracted.remove(&a.id).unwrap_or_default())
        .collect();
    extractor.unify_speakers(&mut quotes);
    let mut part = session.add_batch(&fresh, quotes, known)?;
    part.rebuilt = report.rebuilt.take();
    report.merge(part);
    session.writer.wait_merging_threads()?;
    Ok(report)
}

struct Session<'a> {
    spec: &'a IndexSpec,
    extractor: &'a Extractor,
    index: &'a Index,
    fields: Fields,
    writer: IndexWriter,
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

    /// Adds the articles of `batch` with their `quotes` (extracted, speakers made consistent
    /// within the batch); `store` holds the batch's articles, kept with its catalog.
    fn add_batch(
        &mut self,
        batch: &[(Article, bool)],
        mut quotes: Vec<Quote>,
        store: StoreBatch,
    ) -> Result<IngestReport, IngestError> {
        let dir = self.spec.dir.as_path();
        let speakers: Vec<SpeakerEntry> = read_speakers(dir)?;
        let mut sources: Vec<SourceEntry> = Vec::with_capacity(batch.len());
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

        // Speakers of replaced quotes: their entries are counted again from the index. The
        // speakers of new quotes only are added to (`fresh`).
        let mut affected: BTreeSet<String> = BTreeSet::new();
        let mut fresh = CatalogBuilder::default();
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

        // 1. The corpus, then 2. the quotes, old ones out and new ones in, in one commit. When
        // either fails (a full disk), the batch's corpus files are undone and nothing of it
        // is kept.
        let mut written = CorpusWrite::default();
        let mut spoke: BTreeMap<String, (String, usize)> = BTreeMap::new();
        let committed = (|| {
            for article in &articles {
                written.write(&self.spec.corpus, article)?;
            }
            written.flush(&self.spec.corpus)?;
            let report =
                self.add_quotes(batch, quotes, &store, &mut sources, &mut fresh, &mut spoke)?;
            self.writer.commit()?;
            Ok::<IngestReport, IngestError>(report)
        })();
        let mut report = match committed {
            Ok(report) => report,
            Err(e) => {
                // nothing of the batch stays: not its quotes, not their files, not its corpus files
                let _ = self.writer.rollback();
                let _ = self.writer.garbage_collect_files().wait();
                written.undo();
                return Err(e);
            }
        };
        written.keep();

        // 3. and 4.: an error from here on leaves the batch's quotes committed and in the
        // corpus (added), with the catalog behind until the next rebuild.
        for person in &self.extractor.knowledge().speakers {
            fresh.add_known(person);
        }
        let (fresh, _) = fresh.finish();
        let speakers = (speakers, fresh);
        self.catalog(speakers, store, &sources, &affected, &corrections, vanished)
            .map_err(|e| IngestError::Stopped {
                added: Box::new(report.clone()),
                not_added: Vec::new(),
                cause: Box::new(e),
                catalog_behind: true,
            })?;

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

    /// Replaces the quotes of each article of `batch` with its new `quotes` in the writer
    /// (uncommitted), and gives its new entry in the article table to `sources`.
    fn add_quotes(
        &mut self,
        batch: &[(Article, bool)],
        quotes: Vec<Quote>,
        store: &StoreBatch,
        sources: &mut Vec<SourceEntry>,
        fresh: &mut CatalogBuilder,
        spoke: &mut BTreeMap<String, (String, usize)>,
    ) -> Result<IngestReport, IngestError> {
        let mut report = IngestReport::default();
        let mut by_article: HashMap<&str, Vec<&Quote>> = HashMap::new();
        for q in &quotes {
            by_article.entry(q.article.as_str()).or_default().push(q);
        }
        let mut analyzer = english_analyzer();
        for (article, replaced) in batch {
            self.writer
                .delete_term(Term::from_field_text(self.fields.article, &article.id));
            let paras = paragraphs(&article.text);
            let mut kept = 0;
            // The article's place in the corpus orders its quotes among equal ranks, as in a
            // build: a replaced article keeps its place, a new one comes last.
            let place = match store.get(&article.id)? {
                Some(known) => known.position,
                None => store.articles()?,
            };
            let source = SourceInfo::of(article);
            let headline = Headline::new(&mut analyzer, &source.headline);
            let quotes = by_article.remove(article.id.as_str()).unwrap_or_default();
            for (k, q) in quotes.into_iter().enumerate() {
                let Some(record) = QuoteRecord::new(article, &paras, q) else {
                    continue;
                };
                let seq = (place as u64) << 24 | (k as u64).min((1 << 24) - 1);
                let doc = document(&self.fields, &mut analyzer, &headline, &record, seq)?;
                self.writer.add_document(doc)?;
                fresh.add_quote(&record);
                if let Some(s) = &q.speaker {
                    let key = name_key(s);
                    if !key.is_empty() {
                        spoke.entry(key).or_insert_with(|| (s.to_string(), 0)).1 += 1;
                    }
                }
                kept += 1;
            }
            report.articles.push(IngestedArticle {
                id: article.id.clone(),
                added_as: article.added_as.clone(),
                headline: source.headline.clone(),
                quotes: kept,
                replaced: *replaced,
            });
            report.quotes += kept;
            let entry = SourceEntry {
                info: source,
                quotes: kept,
            };
            sources.push(entry);
        }
        Ok(report)
    }

    /// Writes the catalog (step 3: the speakers of replaced quotes, `affected`, counted again
    /// from the index, those of new ones added to, the articles and their texts), then the
    /// manifest (step 4), last.
    fn catalog(
        &self,
        (mut speakers, fresh): (Vec<SpeakerEntry>, Vec<SpeakerEntry>),
        store: StoreBatch,
        sources: &[SourceEntry],
        affected: &BTreeSet<String>,
        corrections: &Corrections,
        vanished: Vec<String>,
    ) -> Result<(), IngestError> {
        let dir = self.spec.dir.as_path();
        let ids: HashSet<&str> = sources.iter().map(|s| s.info.id.as_str()).collect();
        let after = self.searcher()?;
        let before = speakers.clone();
        if !affected.is_empty() {
            recount_speakers(
                &after,
                &self.fields,
                affected,
                self.extractor.knowledge(),
                &mut speakers,
            )?;
        }
        add_speakers(&mut speakers, fresh, affected);
        log_speaker_changes(dir, &before, &speakers)?;
        append_articles(dir, sources)?;
        let articles = store.articles()?;
        store.commit()?;

        // 4. The manifest, last.
        let mut manifest = Manifest::read(dir)?.ok_or_else(|| IndexError::Missing {
            path: dir.to_path_buf(),
        })?;
        manifest.stamp = Stamp::current(&self.spec.corpus, self.extractor.knowledge());
        manifest.articles = articles;
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
        Ok(())
    }
}
