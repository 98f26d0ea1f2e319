//! The team's corrections in the index: applied to every build and ingest, and recorded one
//! at a time on the live index without a rebuild.
//!
//! The corrections themselves live in the corpus (see [`crate::corpus::Corrections`]): the
//! index only ever shows their effect, so a rebuild gives the same answers. A correction whose
//! quote the engine no longer finds (the article changed, or the extractor did) is kept in the
//! file and listed in the manifest as vanished, never silently dropped.

use crate::corpus::{Correction, Corrections, CorrectionsError, Fix};
use crate::extract::{Basis, Confidence, Extractor, Quote};
use crate::index::catalog::{log_speaker_changes, read_speakers, records_where, recount_speakers};
use crate::index::ingest::IngestError;
use crate::index::manifest::{Manifest, Stamp};
use crate::index::record::{name_key, Headline, QuoteRecord};
use crate::index::schema::english_analyzer;
use crate::index::writer::open_for_writing;
use crate::index::{build::document, IndexError, IndexSpec, SourceEntry, SpeakerEntry};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use std::time::Duration;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Applies the corrections to `quotes`, the quotes the engine found in the articles
/// `articles`: a speaker correction names the speaker (basis `corrected`, high confidence), a
/// not-a-quote correction takes the quote out. Returns the ids of the corrections of those
/// articles that match no quote (vanished), in id order.
pub fn apply(
    quotes: &mut Vec<Quote>,
    corrections: &Corrections,
    articles: &HashSet<&str>,
) -> Vec<String> {
    if corrections.is_empty() {
        return Vec::new();
    }
    let effective = corrections.effective();
    let mut matched: HashSet<String> = HashSet::new();
    quotes.retain_mut(|q| {
        let id = q.id();
        let Some(c) = effective.get(id.as_str()) else {
            return true;
        };
        matched.insert(id);
        match &c.fix {
            Fix::Speaker(name) => {
                correct_speaker(q, name);
                true
            }
            Fix::NotAQuote => false,
        }
    });
    effective
        .iter()
        .filter(|(id, c)| articles.contains(c.article.as_str()) && !matched.contains(**id))
        .map(|(id, _)| id.to_string())
        .collect()
}

fn correct_speaker(q: &mut Quote, name: &str) {
    q.speaker = Some(name.into());
    q.basis = Some(Basis::Corrected);
    q.confidence = Some(Confidence::High);
    q.antecedent = None;
}

/// What `whosaid correct` asks.
#[derive(Debug, Clone)]
pub struct CorrectRequest {
    /// The quote's id.
    pub id: String,
    pub fix: Fix,
    /// Who asks (a Discord user, a name given on the command line).
    pub by: String,
    /// When set, only a quote of this collection may be corrected (a server corrects its own
    /// articles' quotes, never the shared base's).
    pub within: Option<String>,
}

/// What a correction did.
#[derive(Debug, Clone, Serialize)]
pub struct Corrected {
    pub correction: Correction,
    /// The quote as it was indexed before.
    pub before: QuoteRecord,
    /// Set when the index was behind its corpus and was rebuilt (with the correction).
    pub rebuilt: Option<String>,
}

/// Records a correction in the corpus and applies it to the index of `spec`, under the
/// writer lock (waiting up to `wait` for another writer).
pub fn correct(
    spec: &IndexSpec,
    extractor: &Extractor,
    req: CorrectRequest,
    wait: Duration,
) -> Result<Corrected, IngestError> {
    if !spec.corpus.is_dir() {
        return Err(IngestError::Corrections(CorrectionsError::NotADirectory {
            path: spec.corpus.clone(),
        }));
    }
    let dir = spec.dir.as_path();
    let missing = || IndexError::Missing {
        path: dir.to_path_buf(),
    };
    let (index, fields, mut writer) =
        open_for_writing(dir, spec.options.writer_memory_bytes, wait)?;
    // Everything below runs under the writer lock.
    let manifest = Manifest::read(dir)?.ok_or_else(missing)?;
    let wanted = Stamp::current(&spec.corpus, extractor.knowledge());
    let stale = manifest.stamp.check(dir, &wanted)?;
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let id_term = Term::from_field_text(fields.quote_id, &req.id);
    let addr = searcher
        .search(
            &TermQuery::new(id_term.clone(), IndexRecordOption::Basic),
            &DocSetCollector,
        )?
        .into_iter()
        .next()
        .ok_or_else(|| IngestError::NoSuchQuote { id: req.id.clone() })?;
    let before = records_where(&searcher, &fields, id_term.clone())?
        .into_iter()
        .next()
        .filter(|r| req.within.is_none() || r.source.collection == req.within)
        .ok_or_else(|| IngestError::NoSuchQuote { id: req.id.clone() })?;
    let seq = searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .u64("seq")?
        .first(addr.doc_id)
        .unwrap_or(u64::MAX);

    let q = &before.quote;
    let correction = Correction {
        id: req.id.clone(),
        article: q.article.to_string(),
        start: q.start,
        end: q.end,
        words: first_words(&q.text, 80),
        fix: req.fix.clone(),
        by: req.by,
        at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    Corrections::append(&spec.corpus, &correction).map_err(IngestError::Corrections)?;

    if let Some(reason) = stale {
        // The index is behind its corpus: the rebuild applies every correction, this one too.
        drop(writer);
        crate::index::rebuild(spec, extractor, &mut crate::index::Silent)?;
        return Ok(Corrected {
            correction,
            before,
            rebuilt: Some(reason),
        });
    }

    let mut affected = BTreeSet::new();
    if let Some(s) = &q.speaker {
        affected.insert(name_key(s));
    }
    writer.delete_term(id_term);
    if let Fix::Speaker(name) = &req.fix {
        let mut record = before.clone();
        correct_speaker(&mut record.quote, name);
        affected.insert(name_key(name));
        let mut analyzer = english_analyzer();
        let headline = Headline::new(&mut analyzer, &record.source.headline);
        writer.add_document(document(&fields, &mut analyzer, &headline, &record, seq)?)?;
    }
    writer.commit()?;
    reader.reload()?;
    let after = reader.searcher();

    let mut speakers: Vec<SpeakerEntry> = read_speakers(dir)?;
    let listed = speakers.clone();
    recount_speakers(
        &after,
        &fields,
        &affected,
        extractor.knowledge(),
        &mut speakers,
    )?;
    log_speaker_changes(dir, &listed, &speakers)?;
    if req.fix == Fix::NotAQuote {
        let sources = crate::index::articles::read_articles(dir)?;
        if let Some(s) = sources.into_iter().find(|s| s.info.id == q.article) {
            let quotes = s.quotes.saturating_sub(1);
            crate::index::articles::append_articles(dir, &[SourceEntry { quotes, ..s }])?;
        }
    }

    // The manifest, last: stamped with the corpus as it now is, corrections file included.
    let mut manifest = Manifest::read(dir)?.ok_or_else(missing)?;
    manifest.stamp = Stamp::current(&spec.corpus, extractor.knowledge());
    manifest.quotes = usize::try_from(after.num_docs()).unwrap_or(usize::MAX);
    manifest.speakers = speakers.len();
    manifest.write(dir)?;
    writer.wait_merging_threads()?;
    Ok(Corrected {
        correction,
        before,
        rebuilt: None,
    })
}

/// The start of `text`, at most `max` bytes, cut at a word.
fn first_words(text: &str, max: usize) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.len() <= max {
        return words;
    }
    let end = crate::text::floor_char_boundary(&words, max);
    let cut = words[..end].rfind(' ').unwrap_or(end);
    format!("{}\u{2026}", &words[..cut])
}

/// A correction and whether it holds in the index.
#[derive(Debug, Clone, Serialize)]
pub struct Reviewed {
    #[serde(flatten)]
    pub correction: Correction,
    /// The engine no longer finds the quote: the correction applies to nothing.
    pub vanished: bool,
    /// Earlier corrections of the same quote this one overrides.
    pub overrides: usize,
}

/// The corrections of the corpus of `spec` that hold (the latest for each quote), oldest
/// first, with whether the last build found their quotes.
pub fn review(spec: &IndexSpec) -> Result<(Vec<Reviewed>, Vec<String>), IngestError> {
    let corrections = Corrections::read(&spec.corpus).map_err(IngestError::Corrections)?;
    let vanished: HashSet<String> = Manifest::read(&spec.dir)?
        .map(|m| m.vanished_corrections.into_iter().collect())
        .unwrap_or_default();
    let effective = corrections.effective();
    let mut out: Vec<Reviewed> = Vec::new();
    for (i, c) in corrections.log.iter().enumerate() {
        if effective
            .get(c.id.as_str())
            .is_some_and(|e| std::ptr::eq(*e, c))
        {
            let overrides = corrections.log[..i].iter().filter(|e| e.id == c.id).count();
            out.push(Reviewed {
                correction: c.clone(),
                vanished: vanished.contains(&c.id),
                overrides,
            });
        }
    }
    Ok((out, corrections.unreadable))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{quote_id, QuoteKind};

    fn quote(article: &str, start: usize, speaker: Option<&str>) -> Quote {
        Quote {
            article: article.into(),
            start,
            end: start + 10,
            text: "0123456789".into(),
            kind: QuoteKind::Direct,
            speaker: speaker.map(Into::into),
            mention: None,
            cue: None,
            paragraph: 0,
            basis: speaker.map(|_| Basis::Pronoun),
            confidence: speaker.map(|_| Confidence::Low),
            antecedent: None,
        }
    }

    fn correction(article: &str, start: usize, fix: Fix) -> Correction {
        Correction {
            id: quote_id(article, start, start + 10),
            article: article.into(),
            start,
            end: start + 10,
            words: String::new(),
            fix,
            by: "test".into(),
            at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn corrections_name_speakers_drop_non_quotes_and_report_the_vanished() {
        let corrections = Corrections {
            log: vec![
                correction("a", 0, Fix::Speaker("Dana Fold".into())),
                correction("a", 20, Fix::NotAQuote),
                // the article changed: nothing stands at 40 any more
                correction("a", 40, Fix::NotAQuote),
                // another article, not in this batch
                correction("b", 0, Fix::NotAQuote),
            ],
            unreadable: Vec::new(),
        };
        let mut quotes = vec![
            quote("a", 0, Some("Rosa Imbert")),
            quote("a", 20, None),
            quote("a", 60, Some("Rosa Imbert")),
        ];
        let vanished = apply(&mut quotes, &corrections, &HashSet::from(["a"]));
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].speaker.as_deref(), Some("Dana Fold"));
        assert_eq!(quotes[0].basis, Some(Basis::Corrected));
        assert_eq!(quotes[0].confidence, Some(Confidence::High));
        assert_eq!(quotes[1].start, 60);
        assert_eq!(quotes[1].basis, Some(Basis::Pronoun));
        assert_eq!(vanished, vec![quote_id("a", 40, 50)]);
    }

    #[test]
    fn first_words_cut_at_a_word() {
        assert_eq!(first_words("a  b\nc", 80), "a b c");
        assert_eq!(first_words("alpha beta gamma", 12), "alpha beta\u{2026}");
        assert_eq!(first_words("\u{e9}\u{e9}\u{e9}\u{e9}", 3), "\u{e9}\u{2026}");
    }
}
