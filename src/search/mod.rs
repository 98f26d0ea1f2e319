//! Answering questions from the index: what was said about a topic, what a person said, and
//! who said a phrase.
//!
//! Searches take an opened [`QuoteIndex`] and return plain result values ([`SearchResults`],
//! [`CheckResult`]) that the command line and the Discord bot both render. Nothing here reads
//! files: query building, ranking, phrase checking and excerpt cutting are text logic over
//! what the index returns, and user text never reaches a query parser.

pub mod claim;
mod fact_check;
pub mod phrase;
pub mod query;
pub mod rank;
pub mod speaker;
pub mod text;

use crate::corpus::Date;
use crate::extract::QuoteKind;
use crate::index::{
    date_code, english_analyzer, kind_from_code, Fields, QuoteIndex, QuoteRecord, View,
};
use query::{FieldWeights, ParsedQuery};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

pub use fact_check::{check, check_in, CheckResult, Claim, NarrationMatch, PhraseMatch, Verdict};
pub use phrase::CLOSE_THRESHOLD;
use text::clip;
pub use text::Cut;

/// Most results a page may hold.
pub const MAX_LIMIT: usize = 1000;
/// Deepest result reachable through pages (page × limit).
pub const MAX_RESULTS: usize = 10_000;

/// What to look for.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
pub struct SearchRequest {
    /// The user's text: words, and phrases in quote marks.
    pub query: String,
    /// Only quotes by this person (any name form; typos tolerated).
    pub speaker: Option<String>,
    /// Only quotes from this article id or outlet.
    pub source: Option<String>,
    pub kind: Option<QuoteKind>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Results per page (1 to [`MAX_LIMIT`]).
    pub limit: usize,
    /// 1-based page number.
    pub page: usize,
    /// Longest excerpt of a quote, in bytes.
    pub excerpt_bytes: usize,
    /// The collection asking: its quotes and the base's are searched (`None`: the base's).
    #[serde(default)]
    pub collection: Option<String>,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            page: 1,
            excerpt_bytes: 320,
            ..SearchRequest::default()
        }
    }
}

/// Errors a user can cause with a search; every one says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("no speaker in the index matches {name:?}{}", did_you_mean(.suggestions))]
    UnknownSpeaker {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("no article id or outlet in the index matches {0:?} (see `whosaid sources`)")]
    UnknownSource(String),
    #[error("--since {since} is after --until {until}")]
    EmptyDateRange { since: Date, until: Date },
    #[error("--limit must be between 1 and {MAX_LIMIT}")]
    BadLimit,
    #[error("--page must be at least 1, and only the first {MAX_RESULTS} results can be paged to")]
    BadPage,
    #[error("the index could not answer: {0}")]
    Index(String),
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        " (see `whosaid speakers`)".into()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Index(e.to_string())
    }
}

/// One result: a quote with its citation and the excerpt to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank over all pages.
    pub rank: usize,
    pub score: f32,
    #[serde(flatten)]
    pub record: QuoteRecord,
    /// The part of the quote to show, verbatim, with its offsets in the article.
    pub excerpt: Snippet,
}

/// A verbatim piece of an article: `text` is the article text at `start..end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Words of the quote were left out before / after the piece.
    pub cut_before: bool,
    pub cut_after: bool,
}

impl Snippet {
    /// The piece of the quote of `record` at `cut` (offsets relative to the quote).
    fn of(record: &QuoteRecord, cut: &Cut) -> Snippet {
        let q = &record.quote;
        Snippet {
            start: q.start + cut.start,
            end: q.start + cut.end,
            text: q.text[cut.start..cut.end].to_string(),
            cut_before: cut.cut_before,
            cut_after: cut.cut_after,
        }
    }
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// The words searched for (analyzed) and the phrases required.
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
    /// The speakers the speaker filter resolved to.
    pub speakers: Vec<String>,
    pub page: usize,
    pub limit: usize,
    pub hits: Vec<Hit>,
    /// More results follow on the next page.
    pub has_more: bool,
    /// Things the user should know (words ignored, nothing searchable).
    pub notes: Vec<String>,
}

/// How a search ranks its hits.
#[derive(Debug, Clone, Copy)]
struct Ranking {
    weights: FieldWeights,
    /// Quotes that echo their article's headline rank higher (see [`rank::final_score`]).
    salience: bool,
    /// Direct quotes rank above reported speech (see [`rank::kind_weight`]).
    kinds: bool,
}

impl Ranking {
    /// A topic search: a quote's own words first, its article's subject too.
    fn topic() -> Ranking {
        Ranking {
            weights: FieldWeights::default(),
            salience: true,
            kinds: true,
        }
    }
    /// The nearest quotes to a phrase: their own words and their speaker.
    fn own_words() -> Ranking {
        Ranking {
            weights: FieldWeights::own_words(),
            salience: false,
            kinds: false,
        }
    }
}

/// Answers a search.
pub fn search(index: &QuoteIndex, req: &SearchRequest) -> Result<SearchResults, SearchError> {
    search_ranked(index, req, Ranking::topic())
}

/// The analyzed forms of the words of `query` that are words of a speaker's name.
fn speaker_name_words(view: &View, query: &str) -> HashSet<String> {
    let names = view.speaker_words();
    if names.is_empty() {
        return HashSet::new();
    }
    let mut plain = crate::index::plain_analyzer();
    let mut english = english_analyzer();
    crate::index::analyze(&mut plain, clip(query, query::MAX_QUERY_BYTES))
        .into_iter()
        .take(query::MAX_WORDS * 4)
        .filter(|w| w.chars().count() >= 3 && names.contains_key(w))
        .flat_map(|w| crate::index::analyze(&mut english, &w))
        .collect()
}

fn search_ranked(
    index: &QuoteIndex,
    req: &SearchRequest,
    ranking: Ranking,
) -> Result<SearchResults, SearchError> {
    if req.limit == 0 || req.limit > MAX_LIMIT {
        return Err(SearchError::BadLimit);
    }
    if req.page == 0 || req.page.saturating_mul(req.limit) > MAX_RESULTS {
        return Err(SearchError::BadPage);
    }
    let searcher = index.searcher();
    let fields = index.fields();
    let parsed = query::parse(&mut english_analyzer(), &req.query);
    let mut notes = Vec::new();
    if parsed.truncated {
        notes.push(format!(
            "the query was shortened to its first {} words and {} phrases",
            query::MAX_WORDS,
            query::MAX_PHRASES
        ));
    }
    let (filters, speakers) = filters(index, &searcher, req)?;
    let n = searcher.num_docs();
    let df = |field, word: &str| {
        searcher
            .doc_freq(&Term::from_field_text(field, word))
            .unwrap_or(0)
    };
    // Very common words are not scored when the query has others, and a long query scores
    // only its rarest words.
    let mut parsed = parsed;
    parsed.words = rank::scored_words(n, &parsed.words, |w| {
        df(fields.paragraph, w).max(df(fields.quote, w))
    });
    let boost = |field, word: &str| -> f32 {
        let df = |f| df(f, word);
        // Headline words count with their rarity in paragraphs; topic words, which stand for
        // the quote's own, with their rarity in quotes.
        let text = if field == fields.topic {
            fields.quote
        } else {
            fields.paragraph
        };
        rank::headline_boost(n, df(text), df(field))
    };
    let view = index.view(req.collection.as_deref());
    let named = speaker_name_words(&view, &req.query);
    let text = query::text_query(fields, &parsed, ranking.weights, &boost, &|w| {
        named.contains(w)
    });
    if text.is_none() && filters.is_empty() {
        notes.push("the query has no words to search for".into());
        return Ok(results(req, &parsed, speakers, Vec::new(), false, notes));
    }
    let q: Box<dyn Query> = match text {
        Some(t) if filters.is_empty() => t,
        Some(t) => {
            let mut clauses = vec![(Occur::Must, t)];
            for f in filters {
                let f: Box<dyn Query> = Box::new(ConstScoreQuery::new(f, 0.0));
                clauses.push((Occur::Must, f));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        // Filters alone: every match scores 1, so kind and salience decide the order.
        None => {
            let clauses = filters.into_iter().map(|f| (Occur::Must, f)).collect();
            Box::new(ConstScoreQuery::new(
                Box::new(BooleanQuery::new(clauses)),
                1.0,
            ))
        }
    };
    // only what the asking collection may see: the base's quotes and its own
    let q: Box<dyn Query> = match index.collection_filter(req.collection.as_deref()) {
        None => q,
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))),
        ])),
    };
    let plan = Plan {
        parsed: &parsed,
        query: q,
        ranking,
    };
    run(index, &searcher, req, plan, speakers, notes)
}

fn results(
    req: &SearchRequest,
    parsed: &ParsedQuery,
    speakers: Vec<String>,
    hits: Vec<Hit>,
    has_more: bool,
    notes: Vec<String>,
) -> SearchResults {
    SearchResults {
        query: req.query.clone(),
        words: parsed.words.clone(),
        phrases: parsed.phrases.clone(),
        speakers,
        page: req.page,
        limit: req.limit,
        hits,
        has_more,
        notes,
    }
}

/// A search ready to run: the analyzed query, the tantivy query made of it and the ranking.
struct Plan<'a> {
    parsed: &'a ParsedQuery,
    query: Box<dyn Query>,
    ranking: Ranking,
}

fn run(
    index: &QuoteIndex,
    searcher: &Searcher,
    req: &SearchRequest,
    plan: Plan<'_>,
    speakers: Vec<String>,
    notes: Vec<String>,
) -> Result<SearchResults, SearchError> {
    let Plan {
        parsed,
        query: q,
        ranking,
    } = plan;
    let fields = index.fields();
    let first = (req.page - 1) * req.limit;
    let wanted = first + req.limit + 1;
    let candidates = rank::candidates_for(wanted);
    let top = searcher.search(&*q, &TopDocs::with_limit(candidates).order_by_score())?;
    let mut ranked = rerank(searcher, top, ranking)?;
    // Ranking ties go to the earlier quote.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut seen = HashSet::new();
    let mut hits = Vec::new();
    let mut has_more = false;
    let mut analyzer = english_analyzer();
    for (score, _, addr) in ranked {
        let record = load(searcher, fields, addr)?;
        // One hit per distinct quote of an article (headlines often repeat a quote).
        let key = (
            record.quote.article.clone(),
            record.quote.text.to_lowercase(),
        );
        if !seen.insert(key) {
            continue;
        }
        if seen.len() <= first {
            continue;
        }
        if hits.len() == req.limit {
            has_more = true;
            break;
        }
        let focus = first_match(&mut analyzer, &record.quote.text, &parsed.words);
        let cut = text::cut(&record.quote.text, req.excerpt_bytes.max(40), focus);
        let excerpt = Snippet::of(&record, &cut);
        hits.push(Hit {
            rank: first + hits.len() + 1,
            score,
            record,
            excerpt,
        });
    }
    Ok(results(req, parsed, speakers, hits, has_more, notes))
}

/// Fast-field columns of one segment that ranking reads.
struct RankColumns {
    kind: tantivy::columnar::Column<u64>,
    salience: tantivy::columnar::Column<f64>,
    seq: tantivy::columnar::Column<u64>,
}

/// Applies [`rank::final_score`] to BM25 candidates; also returns each one's corpus position,
/// which orders equal scores.
fn rerank(
    searcher: &Searcher,
    top: Vec<(f32, DocAddress)>,
    ranking: Ranking,
) -> Result<Vec<(f32, u64, DocAddress)>, SearchError> {
    let mut out = Vec::with_capacity(top.len());
    let mut columns: Vec<Option<RankColumns>> = Vec::new();
    columns.resize_with(searcher.segment_readers().len(), || None);
    for (score, addr) in top {
        let seg = addr.segment_ord as usize;
        let Some(slot) = columns.get_mut(seg) else {
            continue;
        };
        if slot.is_none() {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            *slot = Some(RankColumns {
                kind: ff.u64("kind_code")?,
                salience: ff.f64("salience")?,
                seq: ff.u64("seq")?,
            });
        }
        let Some(cols) = slot.as_ref() else {
            continue;
        };
        let kind = kind_from_code(cols.kind.first(addr.doc_id).unwrap_or(0));
        let kind = ranking.kinds.then_some(kind);
        let sal = if ranking.salience {
            cols.salience.first(addr.doc_id).unwrap_or(0.0)
        } else {
            0.0
        };
        let seq = cols.seq.first(addr.doc_id).unwrap_or(u64::MAX);
        out.push((rank::final_score(score, kind, sal), seq, addr));
    }
    Ok(out)
}

fn load(
    searcher: &Searcher,
    fields: &Fields,
    addr: DocAddress,
) -> Result<QuoteRecord, SearchError> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let json = doc
        .get_first(fields.record)
        .and_then(|v| v.as_str())
        .ok_or_else(|| SearchError::Index("a quote document has no record".into()))?;
    QuoteRecord::from_stored(json).map_err(|e| SearchError::Index(format!("bad quote record: {e}")))
}

/// Offset of the first query word in `text`, to centre the excerpt on.
fn first_match(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    text: &str,
    words: &[String],
) -> Option<usize> {
    text::words_with(analyzer, text)
        .into_iter()
        .find(|w| words.contains(&w.norm))
        .map(|w| w.start)
}

pub(super) fn term_filter(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Filter queries, and the speaker names they resolved to.
type Filters = (Vec<Box<dyn Query>>, Vec<String>);

/// The filters of a request, and the speakers the speaker filter resolved to.
fn filters(
    index: &QuoteIndex,
    searcher: &Searcher,
    req: &SearchRequest,
) -> Result<Filters, SearchError> {
    let fields = index.fields();
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let mut speakers = Vec::new();
    if let Some(name) = req.speaker.as_deref() {
        let view = index.view(req.collection.as_deref());
        let (known, words) = (view.speakers(), view.speaker_words());
        let found = speaker::resolve(name, known, words);
        if found.is_empty() {
            return Err(SearchError::UnknownSpeaker {
                name: name.to_string(),
                suggestions: speaker::suggestions(name, known, words, 3),
            });
        }
        let clauses = found
            .iter()
            .map(|s| (Occur::Should, term_filter(fields.speaker, &s.key)))
            .collect();
        speakers = found.iter().map(|s| s.name.clone()).collect();
        out.push(Box::new(BooleanQuery::new(clauses)));
    }
    if let Some(source) = req.source.as_deref() {
        let id = Term::from_field_text(fields.article, source.trim());
        let outlet = Term::from_field_text(fields.outlet, &source.trim().to_lowercase());
        if searcher.doc_freq(&id)? > 0 {
            out.push(term_filter(fields.article, source.trim()));
        } else if searcher.doc_freq(&outlet)? > 0 {
            out.push(term_filter(fields.outlet, &source.trim().to_lowercase()));
        } else {
            return Err(SearchError::UnknownSource(source.to_string()));
        }
    }
    if let Some(kind) = req.kind {
        out.push(term_filter(fields.kind, kind.as_str()));
    }
    if let (Some(since), Some(until)) = (req.since, req.until) {
        if since > until {
            return Err(SearchError::EmptyDateRange { since, until });
        }
    }
    if req.since.is_some() || req.until.is_some() {
        // Unknown dates are stored as 0 and never fall in a range.
        let lower = date_code(req.since).max(1);
        let upper = match req.until {
            Some(d) => Bound::Included(Term::from_field_u64(fields.published, date_code(Some(d)))),
            None => Bound::Unbounded,
        };
        out.push(Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_u64(fields.published, lower)),
            upper,
        )));
    }
    Ok((out, speakers))
}
