//! Building an index: extract the quotes of a corpus and write them, with their catalog and
//! manifest, into a fresh directory that then replaces the old index.

use crate::corpus::{Article, Corpus, Corrections};
use crate::extract::{Extractor, Quote};
use crate::index::catalog::CatalogBuilder;
use crate::index::corrections;
use crate::index::manifest::{write_json, Manifest, Stamp, MANIFEST_FILE};
use crate::index::record::{date_code, kind_code, name_key, Headline, QuoteRecord, TOPIC_SALIENCE};
use crate::index::schema::{english_analyzer, register_analyzers, schema, Fields};
use crate::index::store::ArticleStore;
use crate::index::{IndexError, SourceInfo, SOURCES_FILE, SPEAKERS_FILE};
use crate::text::paragraphs;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;
use tantivy::indexer::IndexWriterOptions;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument};

/// Writer settings.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Memory budget of the index writer, all threads together, in bytes.
    pub writer_memory_bytes: usize,
    /// Indexing threads; 0 means one per core, at most 4.
    pub threads: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            writer_memory_bytes: 256 << 20,
            threads: 0,
        }
    }
}

/// Told how a build advances, e.g. to draw a progress bar.
pub trait Progress {
    /// A build is about to be tried, for `reason` (it may still not run: another writer).
    fn rebuilding(&mut self, _reason: &str) {}
    /// The build starts on `articles` articles: extraction first.
    fn begin(&mut self, _articles: usize) {}
    /// `articles` more articles are done (extracted, then indexed).
    fn advance(&mut self, _articles: usize) {}
    /// Extraction is done; indexing starts over the same articles.
    fn indexing(&mut self) {}
    /// Writing is done; the index is being committed.
    fn committing(&mut self) {}
    fn finish(&mut self) {}
}

/// A build that reports nothing.
pub struct Silent;
impl Progress for Silent {}

/// What a build did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BuildSummary {
    pub dir: PathBuf,
    pub articles: usize,
    pub quotes: usize,
    pub speakers: usize,
    /// Inputs that were not indexed, and why.
    pub skipped: Vec<String>,
    /// Articles indexed with a problem worth knowing.
    pub warnings: Vec<String>,
    /// Quotes left out because their offsets did not fit the article text.
    pub rejected_quotes: usize,
    pub seconds: f64,
}

/// Articles extracted per batch: bounds memory on a large corpus.
const BATCH: usize = 256;

/// Builds the index of `corpus` into `dir`, replacing what is there. The new index is written
/// beside it and moved into place only once it is complete, so a reader never sees half an
/// index and a failed build leaves the old one intact.
pub fn build(
    corpus: &Corpus,
    extractor: &Extractor,
    stamp: Stamp,
    dir: &Path,
    options: BuildOptions,
    progress: &mut dyn Progress,
    live: Option<IndexWriter>,
) -> Result<BuildSummary, IndexError> {
    let started = Instant::now();
    check_replaceable(dir)?;
    remove_abandoned(dir);
    let staging = staging_dir(dir, "building");
    remove_dir(&staging)?;
    fs::create_dir_all(&staging).map_err(|source| IndexError::Io {
        path: staging.clone(),
        source,
    })?;
    let result = write_index(corpus, extractor, stamp, &staging, options, progress);
    let mut summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    // `live`, the writer of the index being replaced, has been held since before the corpus
    // was read: no ingest wrote meanwhile, and none starts before the new index is in place.
    swap_into_place(&staging, dir)?;
    drop(live);
    summary.dir = dir.to_path_buf();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn write_index(
    corpus: &Corpus,
    extractor: &Extractor,
    stamp: Stamp,
    dir: &Path,
    options: BuildOptions,
    progress: &mut dyn Progress,
) -> Result<BuildSummary, IndexError> {
    let index = Index::create_in_dir(dir, schema())?;
    register_analyzers(&index);
    let fields = Fields::from_schema(&index.schema())?;
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        n => n.min(8),
    };
    let min_per_thread = 15 << 20;
    let threads = threads.min((options.writer_memory_bytes / min_per_thread).max(1));
    let per_thread = (options.writer_memory_bytes / threads).clamp(min_per_thread, 4000 << 20);
    let mut writer: IndexWriter = index.writer_with_options(
        IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(per_thread)
            .build(),
    )?;

    progress.begin(corpus.articles.len());
    let workers = threads.clamp(1, 4);
    let batches: Vec<&[Article]> = corpus.articles.chunks(BATCH).collect();
    // 1. Extraction, article by article on worker threads; then speaker names are made
    //    consistent across the whole corpus, as `Extractor::extract_all` would.
    let extracted = extract_parallel(&batches, extractor, workers, progress);
    let counts: Vec<usize> = extracted.iter().map(Vec::len).collect();
    let mut all: Vec<Quote> = extracted.into_iter().flatten().collect();
    unify_by_collection(extractor, corpus, &mut all);
    // 2. The team's corrections, quote by quote (a not-a-quote correction takes one out).
    let ids: HashSet<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    let mut per_batch: Vec<Vec<Quote>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
    let mut all = all.into_iter();
    for (batch, n) in per_batch.iter_mut().zip(counts) {
        batch.extend(all.by_ref().take(n));
    }
    let mut vanished = Vec::new();
    for (batch, articles) in per_batch.iter_mut().zip(&batches) {
        let ids: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        vanished.extend(corrections::apply(batch, &corpus.corrections, &ids));
    }
    // a correction of an article no longer in the corpus has vanished too
    vanished.extend(
        corpus
            .corrections
            .effective()
            .iter()
            .filter(|(_, c)| !ids.contains(c.article.as_str()))
            .map(|(id, _)| id.to_string()),
    );
    vanished.sort();

    // 3. Documents, prepared on worker threads and written in corpus order.
    progress.indexing();
    let mut catalog = CatalogBuilder::default();
    let mut quotes = 0;
    let mut rejected = 0;
    let (tx, rx) = mpsc::sync_channel::<(usize, Prepared)>(workers * 2);
    let per_batch = &per_batch;
    std::thread::scope(|scope| -> Result<(), IndexError> {
        for w in 0..workers {
            let tx = tx.clone();
            let batches = &batches;
            let fields = &fields;
            scope.spawn(move || {
                let mut analyzer = english_analyzer();
                for (i, batch) in batches.iter().enumerate().skip(w).step_by(workers) {
                    let prepared = prepare(batch, &per_batch[i], i * BATCH, fields, &mut analyzer);
                    if tx.send((i, prepared)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, prepared) in rx.iter() {
            pending.insert(i, prepared);
            while let Some(p) = pending.remove(&next) {
                next += 1;
                let prepared = p?;
                rejected += prepared.rejected;
                for (record, doc) in prepared.docs {
                    writer.add_document(doc)?;
                    catalog.add_quote(&record);
                    quotes += 1;
                }
                for (info, count) in prepared.sources {
                    catalog.add_article(info, count);
                }
                progress.advance(prepared.articles);
            }
        }
        Ok(())
    })?;
    for known in &extractor.knowledge().speakers {
        catalog.add_known(known);
    }
    progress.committing();
    writer.commit()?;
    writer.wait_merging_threads()?;

    let (speakers, sources) = catalog.finish();
    write_json(&dir.join(SPEAKERS_FILE), &speakers)?;
    write_json(&dir.join(SOURCES_FILE), &sources)?;
    // what an ingest needs to tell a new article from one indexed, looked up by key, so it
    // never reads the whole table or corpus again (issue 13)
    let prints: HashMap<&str, String> = corpus
        .articles
        .iter()
        .map(|a| (a.id.as_str(), crate::corpus::text_fingerprint(&a.text)))
        .collect();
    ArticleStore::create(
        dir,
        sources.iter().map(|s| {
            let id = s.info.id.as_str();
            let print = prints.get(id).map_or("", String::as_str);
            (id, s.info.collection.as_deref(), print)
        }),
    )?;
    let skipped: Vec<String> = corpus.skipped.iter().map(|s| s.to_string()).collect();
    let manifest = Manifest {
        stamp,
        articles: corpus.articles.len(),
        quotes,
        speakers: speakers.len(),
        skipped: skipped.clone(),
        vanished_corrections: vanished.clone(),
    };
    manifest.write(dir)?;
    progress.finish();
    Ok(BuildSummary {
        dir: dir.to_path_buf(),
        articles: corpus.articles.len(),
        quotes,
        speakers: speakers.len(),
        skipped,
        warnings: corpus
            .warnings
            .iter()
            .map(|s| s.to_string())
            .chain(
                vanished
                    .iter()
                    .map(|id| vanished_warning(&corpus.corrections, id)),
            )
            .collect(),
        rejected_quotes: rejected,
        seconds: 0.0,
    })
}

/// Makes speaker names consistent as each collection sees them: across the base, then within
/// each collection with the base's names as known ones ("Macron" in a server's article joins
/// the base's Emmanuel Macron), so one server's articles never rename a speaker for the base
/// or for another server.
fn unify_by_collection(extractor: &Extractor, corpus: &Corpus, quotes: &mut [Quote]) {
    let of_article: HashMap<&str, Option<&str>> = corpus
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.collection.as_deref()))
        .collect();
    let mut groups: std::collections::BTreeMap<Option<&str>, Vec<usize>> = Default::default();
    for (i, q) in quotes.iter().enumerate() {
        let c = of_article.get(q.article.as_str()).copied().flatten();
        groups.entry(c).or_default().push(i);
    }
    let mut base_names: Vec<String> = Vec::new();
    for (collection, at) in groups {
        let mut group: Vec<Quote> = at.iter().map(|&i| quotes[i].clone()).collect();
        extractor.unify_speakers(&mut group);
        match collection {
            None => {
                let names: HashSet<&str> =
                    group.iter().filter_map(|q| q.speaker.as_deref()).collect();
                base_names = names.into_iter().map(str::to_string).collect();
                base_names.sort();
            }
            Some(_) => crate::index::names::join_speakers(&mut group, &base_names),
        }
        for (&i, q) in at.iter().zip(group) {
            quotes[i] = q;
        }
    }
}

/// The warning for a correction whose quote the engine no longer finds.
pub(crate) fn vanished_warning(corrections: &Corrections, id: &str) -> String {
    let effective = corrections.effective();
    let what = effective.get(id).map_or(String::new(), |c| {
        format!(" (article {}, \u{201C}{}\u{201D})", c.article, c.words)
    });
    format!(
        "the correction of quote {id}{what} matches no quote any more; it is kept in the \
         corrections file"
    )
}

/// The documents of one batch of articles, ready for the writer.
struct PreparedBatch {
    docs: Vec<(QuoteRecord, TantivyDocument)>,
    sources: Vec<(SourceInfo, usize)>,
    articles: usize,
    rejected: usize,
}

type Prepared = Result<PreparedBatch, IndexError>;

/// Builds the documents of a batch of articles from their quotes (whose `text` was dropped
/// after extraction and is restored from the article). `first` is the corpus position of the
/// batch's first article (it orders quotes that rank equally).
fn prepare(
    batch: &[Article],
    quotes: &[Quote],
    first: usize,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
) -> Prepared {
    let mut by_article: HashMap<&str, Vec<&Quote>> = HashMap::new();
    for q in quotes {
        by_article.entry(q.article.as_str()).or_default().push(q);
    }
    let mut out = PreparedBatch {
        docs: Vec::new(),
        sources: Vec::with_capacity(batch.len()),
        articles: batch.len(),
        rejected: 0,
    };
    for (n, article) in batch.iter().enumerate() {
        let article_quotes = by_article.remove(article.id.as_str()).unwrap_or_default();
        let paras = paragraphs(&article.text);
        let source = SourceInfo::of(article);
        let headline = Headline::new(analyzer, &source.headline);
        let mut kept = 0;
        for (k, q) in article_quotes.into_iter().enumerate() {
            let mut q = q.clone();
            q.text = match article.text.get(q.start..q.end) {
                Some(t) => t.to_string(),
                None => {
                    out.rejected += 1;
                    continue;
                }
            };
            let Some(record) = QuoteRecord::new(article, &paras, &q) else {
                out.rejected += 1;
                continue;
            };
            let seq = ((first + n) as u64) << 24 | (k as u64).min((1 << 24) - 1);
            let doc = document(fields, analyzer, &headline, &record, seq)?;
            out.docs.push((record, doc));
            kept += 1;
        }
        out.sources.push((source, kept));
    }
    Ok(out)
}

/// The index document of a quote. Everything it holds comes from the record, so a stored
/// record can be indexed again (a correction) without its article.
pub(crate) fn document(
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    headline: &Headline,
    record: &QuoteRecord,
    seq: u64,
) -> Result<TantivyDocument, IndexError> {
    let q = &record.quote;
    let source = &record.source;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.quote, &q.text);
    let (before, after) = around(&record.sentence, q.start, q.end);
    doc.add_text(fields.sentence, before);
    doc.add_text(fields.sentence, after);
    let (before, after) = around(&record.context, record.sentence.start, record.sentence.end);
    doc.add_text(fields.paragraph, before);
    doc.add_text(fields.paragraph, after);
    doc.add_text(fields.headline, &source.headline);
    let salience = headline.salience(analyzer, &q.text);
    if salience >= TOPIC_SALIENCE {
        doc.add_text(fields.topic, &source.headline);
    }
    doc.add_f64(fields.salience, salience);
    if let Some(speaker) = &q.speaker {
        doc.add_text(fields.speaker_words, speaker);
        doc.add_text(fields.speaker, name_key(speaker));
    }
    doc.add_text(fields.article, &source.id);
    doc.add_text(fields.quote_id, &record.id);
    doc.add_text(
        fields.collection,
        crate::index::schema::collection_term(source.collection.as_deref()),
    );
    if let Some(outlet) = &source.outlet {
        doc.add_text(fields.outlet, outlet.to_lowercase());
    }
    doc.add_text(fields.kind, q.kind.as_str());
    doc.add_u64(fields.kind_code, kind_code(q.kind));
    doc.add_u64(fields.published, date_code(source.published));
    doc.add_u64(fields.seq, seq);
    doc.add_text(fields.record, record.to_stored());
    Ok(doc)
}

/// Extracts every batch's quotes on `workers` threads, article by article, in corpus order.
/// The quoted text is dropped (it is the article text at the quote's offsets) to keep the
/// quotes of a large corpus small until they are indexed.
fn extract_parallel(
    batches: &[&[Article]],
    extractor: &Extractor,
    workers: usize,
    progress: &mut dyn Progress,
) -> Vec<Vec<Quote>> {
    let mut out: Vec<Vec<Quote>> = vec![Vec::new(); batches.len()];
    let (tx, rx) = mpsc::sync_channel::<(usize, Vec<Quote>)>(workers * 2);
    std::thread::scope(|scope| {
        for w in 0..workers {
            let tx = tx.clone();
            scope.spawn(move || {
                for (i, batch) in batches.iter().enumerate().skip(w).step_by(workers) {
                    let quotes = batch
                        .iter()
                        .flat_map(|a| extractor.extract(a))
                        .map(|mut q| {
                            q.text = String::new();
                            q
                        })
                        .collect();
                    if tx.send((i, quotes)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, quotes) in rx {
            progress.advance(batches[i].len());
            out[i] = quotes;
        }
    });
    out
}

/// The text of `outer` before and after the span `start..end` inside it.
fn around(outer: &crate::extract::Excerpt, start: usize, end: usize) -> (&str, &str) {
    let text = outer.text.as_str();
    let a = start.saturating_sub(outer.start).min(text.len());
    let b = end.saturating_sub(outer.start).clamp(a, text.len());
    (text.get(..a).unwrap_or(""), text.get(b..).unwrap_or(""))
}

/// A sibling of `dir` for a build or a swap.
fn staging_dir(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    dir.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// Removes what builds interrupted for good (their process is gone) left beside `dir`. Only
/// where a process's liveness can be told (`/proc`); elsewhere leftovers stay.
pub(crate) fn remove_abandoned(dir: &Path) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let name = name.to_string_lossy();
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".building-", ".old-"].iter().find_map(|what| {
            file.strip_prefix(&format!(".{name}{what}"))
                .and_then(|p| p.parse::<u32>().ok())
        });
        if let Some(pid) = pid {
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Refuses to replace a directory that holds something other than an index.
fn check_replaceable(dir: &Path) -> Result<(), IndexError> {
    match fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(IndexError::Io {
            path: dir.to_path_buf(),
            source,
        }),
        Ok(mut entries) => {
            let empty = entries.next().is_none();
            let is_index = dir.join(MANIFEST_FILE).exists() || dir.join("meta.json").exists();
            if empty || is_index {
                Ok(())
            } else {
                Err(IndexError::NotAnIndex {
                    path: dir.to_path_buf(),
                })
            }
        }
    }
}

fn remove_dir(dir: &Path) -> Result<(), IndexError> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(IndexError::Io {
            path: dir.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Moves the finished index in `staging` to `dir`, removing the index that was there.
fn swap_into_place(staging: &Path, dir: &Path) -> Result<(), IndexError> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|source| IndexError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let old = staging_dir(dir, "old");
    let had_old = dir.exists();
    if had_old {
        remove_dir(&old)?;
        fs::rename(dir, &old).map_err(|source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    fs::rename(staging, dir).map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    // the swap itself must survive a power loss
    crate::index::manifest::sync_dir(dir.parent()).map_err(|source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    if had_old {
        remove_dir(&old)?;
    }
    Ok(())
}
