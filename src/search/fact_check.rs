//! The fact check behind `whosaid check` and `/whosaid`: was a phrase said, by whom, and where
//! the words stand when no quote holds them.
//!
//! [`phrase`](super::phrase) does the word matching inside one text; this module picks the
//! candidate quotes from the index, reads a question that names a speaker ("did Macron say
//! …?"), orders the matches and, when nothing matches, finds the words in the articles' own
//! narration.

use super::text::clip;
use super::{
    claim, load, phrase, query, rank, search_ranked, speaker, term_filter, Hit, Ranking,
    SearchError, SearchRequest,
};
use crate::extract::{narration, Excerpt, QuoteKind};
use crate::index::{english_analyzer, QuoteIndex, QuoteRecord, SourceInfo};
use query::FieldWeights;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher, Term};

/// How a phrase stands in the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Someone is quoted saying these words.
    Verbatim,
    /// Quotes hold nearly these words.
    Close,
    /// No quote holds these words.
    NotFound,
}

/// A quote holding (nearly) the phrase checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseMatch {
    pub verbatim: bool,
    /// 1 for a verbatim match; lower the more words differ.
    pub similarity: f32,
    /// The matching words as the article has them, with their offsets in the article.
    pub matched: Excerpt,
    #[serde(flatten)]
    pub record: QuoteRecord,
}

/// The answer to `whosaid check`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub phrase: String,
    /// Who the question says spoke, when it names a speaker of the corpus ("did Macron say
    /// …?"); the verdict is then about `claim.phrase`.
    pub claim: Option<Claim>,
    pub verdict: Verdict,
    /// Verbatim matches first, then close ones, most similar first.
    pub matches: Vec<PhraseMatch>,
    /// When nothing matches: the quotes nearest the phrase's words.
    pub nearest: Vec<Hit>,
    /// When no quote holds the words: where an article has them verbatim in its own
    /// narration, outside any quote (read in the paragraphs that hold a quote).
    pub narration: Vec<NarrationMatch>,
    /// Articles in the index.
    pub articles: usize,
    pub notes: Vec<String>,
}

/// Words an article holds outside its quotes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NarrationMatch {
    /// The matching words as the article has them, with their offsets in the article.
    pub matched: Excerpt,
    /// The sentence holding them, verbatim, with its offsets in the article.
    pub sentence: Excerpt,
    /// The reporter's own words: no quote the engine found touches the sentence and nothing
    /// in it reports speech. Otherwise the sentence may hold a quote the engine did not
    /// recognise, and the answer must say so rather than call the words the reporter's.
    pub reporters_own: bool,
    /// 0-based paragraph of the match.
    pub paragraph: usize,
    pub source: SourceInfo,
}

/// Most narration matches reported.
const NARRATION_MATCHES: usize = 5;

/// A question read as "did SPEAKER say PHRASE?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// The name as the question gives it; `None` for "who said …?".
    pub name: Option<String>,
    /// The speakers of the corpus the name stands for (canonical names).
    pub speakers: Vec<String>,
    /// The words checked.
    pub phrase: String,
}

impl Claim {
    /// Whether `record` is a quote of the claimed speaker (always, for "who said").
    pub fn is_by(&self, record: &QuoteRecord) -> bool {
        self.name.is_none()
            || record
                .quote
                .speaker
                .as_deref()
                .is_some_and(|s| self.speakers.iter().any(|n| n == s))
    }
}

/// Quotes read per phrase check.
const CHECK_CANDIDATES: usize = 100;
/// Most matches reported.
const CHECK_MATCHES: usize = 10;

/// Checks whether the corpus quotes someone saying `phrase`. A question naming a speaker of
/// the corpus ("did Macron say …?", "Trump said …", "Coveney: …") is checked for its words,
/// the claimed speaker's quotes first; so is "who said …?".
pub fn check(index: &QuoteIndex, phrase: &str, nearest: usize) -> Result<CheckResult, SearchError> {
    check_in(index, None, phrase, nearest)
}

/// [`check`] as `collection` sees the index: its quotes and the base's (`None`: the base's).
pub fn check_in(
    index: &QuoteIndex,
    collection: Option<&str>,
    phrase: &str,
    nearest: usize,
) -> Result<CheckResult, SearchError> {
    let scope = Scope { index, collection };
    let articles = index.manifest().articles;
    let mut notes = Vec::new();
    let clipped = clip(phrase, query::MAX_QUERY_BYTES);
    if clipped.len() < phrase.len() {
        notes.push("the phrase was shortened".into());
    }
    let mut result = CheckResult {
        phrase: phrase.to_string(),
        claim: None,
        verdict: Verdict::NotFound,
        matches: Vec::new(),
        nearest: Vec::new(),
        narration: Vec::new(),
        articles,
        notes,
    };
    let whole = phrase_words_capped(clipped, &mut result.notes);
    if whole.is_empty() {
        result.notes.push("the phrase has no words to check".into());
        return Ok(result);
    }
    let mut matches = phrase_matches(&scope, &whole)?;
    let mut wanted = whole;
    let verbatim = matches.first().is_some_and(|m| m.verbatim);
    if let Some(claim) = claim::split(clipped).filter(|_| !verbatim) {
        let speakers: Vec<String> = match claim.speaker {
            Some(name) => {
                let view = index.view(collection);
                speaker::resolve(name, view.speakers(), view.speaker_words())
                    .iter()
                    .map(|s| s.name.clone())
                    .collect()
            }
            None => Vec::new(),
        };
        if claim.speaker.is_none() || !speakers.is_empty() {
            let mut ignored = Vec::new();
            wanted = phrase_words_capped(claim.phrase, &mut ignored);
            matches = phrase_matches(&scope, &wanted)?;
            result.claim = Some(Claim {
                name: claim.speaker.map(String::from),
                speakers,
                phrase: claim.phrase.to_string(),
            });
        }
    }
    if let Some(claim) = &result.claim {
        // verbatim matches first, the claimed speaker's first among them; the sort is stable
        matches.sort_by_key(|m| (!m.verbatim, !claim.is_by(&m.record)));
    }
    matches.truncate(CHECK_MATCHES);
    result.verdict = match matches.first() {
        Some(m) if m.verbatim => Verdict::Verbatim,
        Some(_) => Verdict::Close,
        None => Verdict::NotFound,
    };
    result.matches = matches;
    if result.verdict == Verdict::NotFound && nearest > 0 {
        let mut req = SearchRequest::new(wanted.join(" "));
        req.limit = nearest.min(50);
        req.collection = collection.map(String::from);
        if let Some(name) = result.claim.as_ref().and_then(|c| c.name.clone()) {
            // the claimed speaker's nearest quotes
            req.speaker = Some(name);
        }
        result.nearest = search_ranked(index, &req, Ranking::own_words())?.hits;
    }
    if result.verdict == Verdict::NotFound {
        result.narration = narration_matches(&scope, &wanted)?;
    }
    Ok(result)
}

/// The index as one collection sees it.
struct Scope<'a> {
    index: &'a QuoteIndex,
    collection: Option<&'a str>,
}

impl Scope<'_> {
    /// `q`, kept to what the collection may see.
    fn visible(&self, q: Box<dyn Query>) -> Box<dyn Query> {
        let Some(filter) = self.index.collection_filter(self.collection) else {
            return q;
        };
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))),
        ]))
    }
}

/// Where the articles hold `wanted` verbatim outside their quotes: in the sentence or
/// paragraph around a quote, which the index keeps with each quote.
fn narration_matches(
    scope: &Scope<'_>,
    wanted: &[String],
) -> Result<Vec<NarrationMatch>, SearchError> {
    let index = scope.index;
    if wanted.len() < 2 {
        return Ok(Vec::new());
    }
    let searcher = index.searcher();
    let fields = index.fields();
    let mut analyzer = english_analyzer();
    let mut parsed = query::parse(&mut analyzer, &wanted.join(" "));
    parsed.words = scored(&searcher, fields.paragraph, &parsed.words);
    let weights = FieldWeights::surroundings();
    let Some(q) = query::text_query(fields, &parsed, weights, &|_, _| 1.0, &|_| false) else {
        return Ok(Vec::new());
    };
    let q = scope.visible(q);
    let top = searcher.search(&*q, &TopDocs::with_limit(CHECK_CANDIDATES).order_by_score())?;
    let mut seen = HashSet::new();
    let mut quoted = HashMap::new();
    let mut out = Vec::new();
    for (_, addr) in top {
        let record = load(&searcher, fields, addr)?;
        let context = &record.context;
        let Some(span) = phrase::find_verbatim(wanted, &context.text) else {
            continue;
        };
        let (start, end) = (context.start + span.start, context.start + span.end);
        let quote = &record.quote;
        if start < quote.end && quote.start < end {
            continue;
        }
        if !seen.insert((quote.article.clone(), start)) {
            continue;
        }
        let breaks = paragraph_breaks(&context.text[..span.start]);
        let read = narration::sentence_at(&context.text, span.start..span.end);
        let sentence_span = read
            .as_ref()
            .map_or(span.start..span.end, |r| r.span.clone());
        let sentence = Excerpt {
            start: context.start + sentence_span.start,
            end: context.start + sentence_span.end,
            text: context.text[sentence_span].into(),
        };
        let reports_speech = read.is_none_or(|r| r.reports_speech);
        let reporters_own = !reports_speech
            && !article_quotes_touch(index, &mut quoted, &quote.article, &sentence)?;
        out.push(NarrationMatch {
            matched: Excerpt {
                start,
                end,
                text: context.text[span.start..span.end].into(),
            },
            sentence,
            reporters_own,
            paragraph: context_paragraph(&record) + breaks,
            source: record.source.clone(),
        });
        if out.len() == NARRATION_MATCHES {
            break;
        }
    }
    Ok(out)
}

/// Most quotes of one article read to tell whether any touches a sentence.
const ARTICLE_QUOTES: usize = 2000;

/// Whether a quote the engine found in `article` (its words, its speaker's mention or its
/// reporting verb) lies in `sentence`. The article's quote spans are read once and kept in
/// `quoted`.
fn article_quotes_touch(
    index: &QuoteIndex,
    quoted: &mut HashMap<String, Vec<(usize, usize)>>,
    article: &str,
    sentence: &Excerpt,
) -> Result<bool, SearchError> {
    if !quoted.contains_key(article) {
        let searcher = index.searcher();
        let fields = index.fields();
        let q = term_filter(fields.article, article);
        let top = searcher.search(&*q, &TopDocs::with_limit(ARTICLE_QUOTES).order_by_score())?;
        let mut spans = Vec::new();
        for (_, addr) in top {
            let q = load(&searcher, fields, addr)?.quote;
            spans.push((q.start, q.end));
            spans.extend(q.mention.iter().chain(&q.cue).map(|e| (e.start, e.end)));
        }
        quoted.insert(article.to_string(), spans);
    }
    Ok(quoted.get(article).is_some_and(|spans| {
        spans
            .iter()
            .any(|&(s, e)| s < sentence.end && sentence.start < e)
    }))
}

/// The paragraph a record's context starts in: the quote's, less the paragraph breaks
/// between the context's start and the quote.
fn context_paragraph(record: &QuoteRecord) -> usize {
    let q = &record.quote;
    let before = q
        .start
        .checked_sub(record.context.start)
        .and_then(|n| record.context.text.get(..n))
        .map_or(0, paragraph_breaks);
    q.paragraph.saturating_sub(before)
}

/// Blank-line paragraph breaks in `text`.
fn paragraph_breaks(text: &str) -> usize {
    let mut breaks = 0;
    let mut newlines = 0;
    for c in text.chars() {
        match c {
            '\n' => newlines += 1,
            c if c.is_whitespace() => {}
            _ => {
                if newlines >= 2 {
                    breaks += 1;
                }
                newlines = 0;
            }
        }
    }
    breaks + usize::from(newlines >= 2)
}

/// The words of a phrase to check, at most 64 (with a note when cut).
fn phrase_words_capped(phrase: &str, notes: &mut Vec<String>) -> Vec<String> {
    let mut wanted = phrase::phrase_words(phrase);
    if wanted.len() > 64 {
        wanted.truncate(64);
        notes.push("only the first 64 words of the phrase were checked".into());
    }
    wanted
}

/// The quotes holding `wanted` verbatim or nearly, most similar first.
fn phrase_matches(scope: &Scope<'_>, wanted: &[String]) -> Result<Vec<PhraseMatch>, SearchError> {
    let index = scope.index;
    let searcher = index.searcher();
    let fields = index.fields();
    // Candidates: quotes holding the phrase (stemmed), then quotes sharing its words.
    let mut analyzer = english_analyzer();
    let stemmed = query::parse(&mut analyzer, &format!("\"{}\"", wanted.join(" ")));
    let mut addrs: Vec<DocAddress> = Vec::new();
    let all_stems: Vec<String> = crate::index::analyze(&mut analyzer, &wanted.join(" "));
    if let Some(q) = query::quote_phrase_query(fields, &all_stems) {
        let q = scope.visible(q);
        let top = searcher.search(&*q, &TopDocs::with_limit(CHECK_CANDIDATES).order_by_score())?;
        addrs.extend(top.into_iter().map(|(_, a)| a));
    }
    // candidates for a close match: quotes sharing the phrase's rarest words
    let mut stemmed = stemmed;
    stemmed.words = scored(&searcher, fields.quote, &stemmed.words);
    if let Some(q) = query::quote_words_query(fields, &stemmed) {
        let q = scope.visible(q);
        let top = searcher.search(&*q, &TopDocs::with_limit(CHECK_CANDIDATES).order_by_score())?;
        for (_, a) in top {
            if !addrs.contains(&a) {
                addrs.push(a);
            }
        }
    }
    let mut seen = HashSet::new();
    let mut matches = Vec::new();
    for addr in addrs {
        let record = load(&searcher, fields, addr)?;
        let Some(span) = phrase::find_phrase(wanted, &record.quote.text) else {
            continue;
        };
        let q = &record.quote;
        let key = (q.article.clone(), q.start + span.start);
        if !seen.insert(key) {
            continue;
        }
        let matched = Excerpt {
            start: q.start + span.start,
            end: q.start + span.end,
            text: q.text[span.start..span.end].into(),
        };
        matches.push(PhraseMatch {
            verbatim: span.verbatim,
            similarity: span.similarity,
            matched,
            record,
        });
    }
    matches.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(kind_rank(a.record.quote.kind).cmp(&kind_rank(b.record.quote.kind)))
            .then(a.record.source.published.cmp(&b.record.source.published))
            .then(a.matched.start.cmp(&b.matched.start))
    });
    Ok(matches)
}

/// The words of a candidate query worth its cost (see [`rank::scored_words`]), by their
/// frequency in `field`.
fn scored(searcher: &Searcher, field: Field, words: &[String]) -> Vec<String> {
    rank::scored_words(searcher.num_docs(), words, |w| {
        searcher
            .doc_freq(&Term::from_field_text(field, w))
            .unwrap_or(0)
    })
}

/// Direct quotes before partial ones before reported speech.
fn kind_rank(kind: QuoteKind) -> u8 {
    match kind {
        QuoteKind::Direct => 0,
        QuoteKind::Mixed => 1,
        QuoteKind::Partial => 2,
        QuoteKind::Indirect => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::paragraph_breaks;

    #[test]
    fn paragraph_breaks_are_blank_lines() {
        let cases = [
            ("one paragraph", "a b c", 0),
            ("a line break is not a paragraph break", "a\nb", 0),
            ("a blank line is", "a\n\nb", 1),
            ("spaces on the blank line", "a\n  \n b", 1),
            ("windows line ends", "a\r\n\r\nb", 1),
            ("several blank lines are one break", "a\n\n\n\nb", 1),
            ("a break at the end counts", "a\n\n", 1),
            ("two breaks", "a\n\nb\n\nc", 2),
        ];
        for (name, text, want) in cases {
            assert_eq!(paragraph_breaks(text), want, "{name}");
        }
    }
}
