//! What the index stores per quote, and how it is derived from an article and its quote.
//!
//! Everything here is pure: the record carries enough of the article (headline, outlet, date,
//! the sentence and paragraph around the quote) that a hit can be cited and given context
//! without reopening the corpus.

use crate::corpus::{Article, Date};
use crate::extract::{Basis, Confidence, Excerpt, Quote, QuoteKind};
use crate::text::{floor_char_boundary, paragraph_of, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use tantivy::tokenizer::TextAnalyzer;

/// One indexed quote with its citation and context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The quote's short stable id (see [`crate::extract::quote_id`]); not stored, derived.
    #[serde(default)]
    pub id: String,
    /// The quote as extracted; `quote.text` is the article text at `quote.start..quote.end`.
    pub quote: Quote,
    /// Where the quote was published.
    pub source: SourceInfo,
    /// The sentence holding the quote, verbatim, with its offsets in the article.
    pub sentence: Excerpt,
    /// The paragraph (or paragraphs, for a quote running over several) holding the quote.
    pub context: Excerpt,
}

/// Citation data of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub id: String,
    pub headline: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The outlet and date were inferred from the article's text, not given by the publisher.
    pub metadata_inferred: bool,
    /// The collection the article belongs to; `None` for the base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
}

/// Longest headline a quote carries, in bytes. Every quote stores its article's headline,
/// so a "headline" of megabytes (a text file whose first line is the whole story) would be
/// copied into each of its quotes; a longer one is cut at a word, with "…".
pub const HEADLINE_MAX: usize = 300;
/// Longest outlet name a quote carries, cut like the headline.
pub const OUTLET_MAX: usize = 100;
/// Longest address a quote carries; a longer one is left out rather than cut, since a cut
/// address leads nowhere.
pub const URL_MAX: usize = 2_048;

/// `s` cut to at most `max` bytes (`max` at least a few words) at white space, with "…";
/// reads no further into `s` than `max`, so cutting a long text costs what a short one does.
fn cut_at_word(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let head = &s[..floor_char_boundary(s, max.saturating_sub('\u{2026}'.len_utf8()))];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i >= head.len() / 2 => &head[..i],
        _ => head,
    };
    format!("{}\u{2026}", head.trim_end())
}

impl SourceInfo {
    /// The citation data of `article`, its headline and outlet cut to [`HEADLINE_MAX`] and
    /// [`OUTLET_MAX`] bytes and an address longer than [`URL_MAX`] left out.
    pub fn of(article: &Article) -> SourceInfo {
        SourceInfo {
            id: article.id.clone(),
            headline: cut_at_word(&article.title, HEADLINE_MAX),
            outlet: article
                .outlet
                .as_deref()
                .map(|o| cut_at_word(o, OUTLET_MAX)),
            url: article.url.clone().filter(|u| u.len() <= URL_MAX),
            published: article.published,
            metadata_inferred: article.metadata_inferred,
            collection: article.collection.clone(),
        }
    }
}

impl QuoteRecord {
    /// Builds the record of `quote`, a quote of `article`, given the article's paragraphs.
    /// `None` when the quote's offsets do not fit the article text.
    pub fn new(article: &Article, paragraphs: &[Span], quote: &Quote) -> Option<QuoteRecord> {
        let text = article.text.as_str();
        let span = Span::new(quote.start, quote.end.max(quote.start));
        if span.slice(text)? != quote.text {
            return None;
        }
        let context = context_span(text, paragraphs, span);
        let sentence = sentence_span(text, context, span);
        Some(QuoteRecord {
            id: quote.id(),
            quote: quote.clone(),
            source: SourceInfo::of(article),
            sentence: Excerpt::of(text, sentence)?,
            context: Excerpt::of(text, context)?,
        })
    }
}

/// The stored form of a record: the quote and sentence texts are not repeated, since they are
/// slices of the paragraph text, which is.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    article: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    kind: QuoteKind,
    speaker: Option<std::borrow::Cow<'a, str>>,
    mention: Option<Excerpt>,
    cue: Option<Excerpt>,
    paragraph: usize,
    #[serde(default)]
    basis: Option<Basis>,
    #[serde(default)]
    confidence: Option<Confidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    antecedent: Option<Excerpt>,
    source: SourceInfo,
    sentence: (usize, usize),
    context: Excerpt,
}

impl QuoteRecord {
    /// The record as stored in the index (compact JSON).
    pub fn to_stored(&self) -> String {
        let q = &self.quote;
        let stored = Stored {
            article: q.article.as_str().into(),
            start: q.start,
            end: q.end,
            kind: q.kind,
            speaker: q.speaker.as_deref().map(Into::into),
            mention: q.mention.clone(),
            cue: q.cue.clone(),
            paragraph: q.paragraph,
            basis: q.basis,
            confidence: q.confidence,
            antecedent: q.antecedent.clone(),
            source: self.source.clone(),
            sentence: (self.sentence.start, self.sentence.end),
            context: self.context.clone(),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Reads a record written by [`QuoteRecord::to_stored`].
    pub fn from_stored(json: &str) -> Result<QuoteRecord, String> {
        let s: Stored = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let slice = |start: usize, end: usize| -> Result<String, String> {
            let rel = start
                .checked_sub(s.context.start)
                .zip(end.checked_sub(s.context.start));
            rel.and_then(|(a, b)| s.context.text.get(a..b))
                .map(String::from)
                .ok_or_else(|| format!("offsets {start}..{end} outside their paragraph"))
        };
        let quote = Quote {
            article: s.article.as_ref().into(),
            start: s.start,
            end: s.end,
            text: slice(s.start, s.end)?,
            kind: s.kind,
            speaker: s.speaker.as_deref().map(Into::into),
            mention: s.mention.clone(),
            cue: s.cue.clone(),
            paragraph: s.paragraph,
            basis: s.basis,
            confidence: s.confidence,
            antecedent: s.antecedent.clone(),
        };
        let sentence = Excerpt {
            start: s.sentence.0,
            end: s.sentence.1,
            text: slice(s.sentence.0, s.sentence.1)?.into(),
        };
        Ok(QuoteRecord {
            id: quote.id(),
            quote,
            source: s.source,
            sentence,
            context: s.context,
        })
    }
}

/// A number for each kind, kept in a fast field for ranking.
pub fn kind_code(kind: QuoteKind) -> u64 {
    match kind {
        QuoteKind::Direct => 0,
        QuoteKind::Partial => 1,
        QuoteKind::Indirect => 2,
        QuoteKind::Mixed => 3,
    }
}

/// The kind of a [`kind_code`].
pub fn kind_from_code(code: u64) -> QuoteKind {
    match code {
        1 => QuoteKind::Partial,
        2 => QuoteKind::Indirect,
        3 => QuoteKind::Mixed,
        _ => QuoteKind::Direct,
    }
}

/// A date as the `YYYYMMDD` number stored in the index; 0 when unknown.
pub fn date_code(date: Option<Date>) -> u64 {
    date.map_or(0, |d| {
        u64::from(d.year) * 10_000 + u64::from(d.month) * 100 + u64::from(d.day)
    })
}

/// Most bytes of context kept on each side of a quote. A news paragraph is shorter, so the
/// context is nearly always the whole paragraph; a paragraph of megabytes (a transcript, a
/// text with no blank lines) keeps a window around each quote instead, so what is stored,
/// and the work of finding the quote's sentence, stay in proportion to the quote and not to
/// the paragraph (issue 13).
pub const CONTEXT_WINDOW: usize = 1_000;

/// The span of the paragraphs holding `quote`, at most [`CONTEXT_WINDOW`] bytes on each side
/// of it (cut at white space); the quote itself when no paragraph holds it.
fn context_span(text: &str, paragraphs: &[Span], quote: Span) -> Span {
    if paragraphs.is_empty() {
        return quote;
    }
    let first = paragraphs[paragraph_of(paragraphs, quote.start)];
    let last = paragraphs[paragraph_of(paragraphs, quote.end.saturating_sub(1))];
    let mut start = first.start.min(quote.start);
    let mut end = last.end.max(quote.end).min(text.len().max(quote.end));
    if quote.start - start > CONTEXT_WINDOW {
        // forward from the window's edge to the next white space, never past the quote
        let edge = floor_char_boundary(text, quote.start - CONTEXT_WINDOW);
        start = text[edge..quote.start]
            .find(char::is_whitespace)
            .map_or(quote.start, |i| edge + i + 1);
    }
    if end - quote.end > CONTEXT_WINDOW {
        let edge = floor_char_boundary(text, quote.end + CONTEXT_WINDOW);
        end = text[quote.end..edge]
            .rfind(char::is_whitespace)
            .map_or(quote.end, |i| quote.end + i);
    }
    Span::new(start, end)
}

const CLOSERS: [char; 6] = ['"', '\'', '\u{201D}', '\u{2019}', ')', ']'];

/// The sentence holding `quote`, inside `within` (its paragraph). A quote that ends its
/// sentence ends the span (with its closing mark); otherwise the sentence runs to the next
/// sentence end. The start is just after the previous sentence end.
pub fn sentence_span(text: &str, within: Span, quote: Span) -> Span {
    let para = match within.slice(text) {
        Some(p) => p,
        None => return quote,
    };
    let rel_start = quote.start.saturating_sub(within.start).min(para.len());
    let rel_end = quote.end.saturating_sub(within.start).min(para.len());
    let (Some(before), Some(after)) = (para.get(..rel_start), para.get(rel_end..)) else {
        return quote;
    };
    // Start: after the last sentence end before the quote.
    let mut start = 0;
    for (i, c) in before.char_indices().rev() {
        if c.is_whitespace() && i > 0 && ends_sentence(before, i) {
            start = i + c.len_utf8();
            break;
        }
    }
    let start = start + (before[start..].len() - before[start..].trim_start().len());
    // End.
    let quoted = &para[rel_start..rel_end];
    let end = if quoted.trim_end().ends_with(['.', '!', '?', '\u{2026}']) {
        rel_end + after.len() - after.trim_start_matches(CLOSERS).len()
    } else {
        let mut end = para.len();
        for (i, c) in after.char_indices() {
            if matches!(c, '.' | '!' | '?' | '\u{2026}') {
                let rest = &after[i + c.len_utf8()..];
                let closed = rest.trim_start_matches(CLOSERS);
                if closed.is_empty() || closed.starts_with(char::is_whitespace) {
                    let cand = rel_end + i + c.len_utf8() + (rest.len() - closed.len());
                    if !is_abbreviation(&para[..rel_end + i]) {
                        end = cand;
                        break;
                    }
                }
            }
        }
        end
    };
    Span::new(within.start + start, within.start + end.max(rel_end))
}

/// Whether the text before the white space at `ws` ends a sentence.
fn ends_sentence(before: &str, ws: usize) -> bool {
    let head = before[..ws].trim_end_matches(CLOSERS);
    let Some(last) = head.chars().last() else {
        return false;
    };
    matches!(last, '.' | '!' | '?' | '\u{2026}') && !is_abbreviation(&head[..head.len() - 1])
}

/// Whether `head` (text up to a full stop) ends with an abbreviation such as "Mr" or "U.S".
fn is_abbreviation(head: &str) -> bool {
    let word = head
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201C}')
        .next()
        .unwrap_or("");
    const ABBREVIATIONS: [&str; 14] = [
        "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Prof", "No", "vs",
    ];
    ABBREVIATIONS.contains(&word)
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || (word.contains('.') && word.len() <= 5)
}

/// Common English words that say nothing about a topic (compared lower case; an acronym in
/// capitals such as "US" is not one of them).
const STOPWORDS: [&str; 50] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "in", "into", "is", "it", "its", "of", "on", "or", "our", "s", "said",
    "say", "says", "she", "so", "that", "the", "their", "them", "they", "this", "to", "us", "was",
    "we", "were", "will", "with", "would", "you", "not", "who",
];

fn content_words(analyzer: &mut TextAnalyzer, text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        let surface = text.get(t.offset_from..t.offset_to).unwrap_or("");
        let acronym = surface.len() > 1 && surface.chars().all(|c| c.is_uppercase());
        let stop = !acronym && STOPWORDS.contains(&surface.to_lowercase().as_str());
        if !stop && !t.text.chars().all(|c| c.is_ascii_digit()) {
            out.insert(t.text.clone());
        }
    }
    out
}

/// How much of the headline a quote echoes: the share of the headline's content words (stemmed)
/// that the quote uses, 0 to 1. The quote a headline is written about scores high, which lets
/// a topical query that matches the headline find it even when it does not repeat the topic.
pub fn salience(analyzer: &mut TextAnalyzer, headline: &str, quote: &str) -> f64 {
    Headline::new(analyzer, headline).salience(analyzer, quote)
}

/// A headline's content words, analyzed once for all the quotes of its article.
pub struct Headline(HashSet<String>);

impl Headline {
    pub fn new(analyzer: &mut TextAnalyzer, headline: &str) -> Headline {
        Headline(content_words(analyzer, headline))
    }

    /// See [`salience`].
    pub fn salience(&self, analyzer: &mut TextAnalyzer, quote: &str) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        let quote = content_words(analyzer, quote);
        let shared = self.0.iter().filter(|w| quote.contains(*w)).count();
        shared as f64 / self.0.len() as f64
    }
}

/// Least [`salience`] for a quote to carry its article's headline as its own topic: the quote
/// uses at least a quarter of the headline's content words, so the headline is about it.
pub const TOPIC_SALIENCE: f64 = 0.25;

/// The key a speaker name is filtered by: its words, lower case, accents folded, one space
/// apart ("Emmanuel  Macron" → "emmanuel macron").
pub fn name_key(name: &str) -> String {
    thread_local! {
        static ANALYZER: std::cell::RefCell<TextAnalyzer> =
            std::cell::RefCell::new(crate::index::schema::plain_analyzer());
    }
    ANALYZER.with(|a| {
        let mut out = String::with_capacity(name.len());
        let mut a = a.borrow_mut();
        let mut stream = a.token_stream(name);
        while stream.advance() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&stream.token().text);
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_long_metadata_is_cut_at_a_word_reading_no_further_than_the_limit() {
        let cases: &[(&str, &str, usize, &str)] = &[
            ("short stays whole", "Bridge closed", 300, "Bridge closed"),
            (
                "cut at the last word that fits",
                "one two three four",
                12,
                "one two\u{2026}",
            ),
            (
                "no space: cut inside the word",
                "abcdefghijklmnop",
                10,
                "abcdefg\u{2026}",
            ),
            (
                "a character is never split",
                "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
                8,
                "\u{e9}\u{e9}\u{2026}",
            ),
        ];
        for &(name, text, max, want) in cases {
            let got = cut_at_word(text, max);
            assert_eq!(got, want, "{name}");
            assert!(got.len() <= max, "{name}: {} bytes", got.len());
        }
    }

    #[test]
    fn issue_13_a_quote_carries_a_bounded_headline_outlet_and_address() {
        // a text whose first line is the whole story: its "headline" is megabytes long
        let line = "\u{201c}It is over,\u{201d} she said. ".repeat(20_000);
        let mut article = Article::from_text("one-line", line.clone());
        article.outlet = Some("The Daily ".repeat(50));
        article.url = Some(format!("https://example.org/{}", "a".repeat(URL_MAX)));
        let info = SourceInfo::of(&article);
        assert!(
            info.headline.len() <= HEADLINE_MAX,
            "{}",
            info.headline.len()
        );
        let kept = info.headline.trim_end_matches('\u{2026}');
        assert!(line.starts_with(kept) && info.headline.ends_with('\u{2026}'));
        assert!(info
            .outlet
            .as_deref()
            .is_some_and(|o| o.len() <= OUTLET_MAX));
        assert_eq!(info.url, None);
        article.url = Some("https://example.org/a".into());
        assert_eq!(
            SourceInfo::of(&article).url.as_deref(),
            Some("https://example.org/a")
        );
    }
    use crate::index::schema::english_analyzer;
    use crate::text::paragraphs;

    fn sentence_of(text: &str, quoted: &str) -> String {
        let start = text.find(quoted).unwrap();
        let q = Span::new(start, start + quoted.len());
        let paras = paragraphs(text);
        let ctx = context_span(text, &paras, q);
        text[sentence_span(text, ctx, q).range()].to_string()
    }

    /// Issue 13: a paragraph of any length keeps a bounded window of context around each
    /// quote, cut at white space; an ordinary paragraph is kept whole.
    #[test]
    fn context_is_the_paragraph_or_a_window_around_the_quote() {
        let short = "Intro.\n\nThe mayor spoke. \"We will stay,\" she said on Monday.\n\nEnd.";
        let q = short.find("\"We").unwrap();
        let quote = Span::new(q, q + "\"We will stay,\"".len());
        let ctx = context_span(short, &paragraphs(short), quote);
        assert_eq!(
            &short[ctx.range()],
            "The mayor spoke. \"We will stay,\" she said on Monday."
        );

        let filler = "Éloïse walked on the long road to town. ".repeat(200);
        let long = format!("{filler}\"We will stay,\" she said. {filler}");
        let q = long.find("\"We").unwrap();
        let quote = Span::new(q, q + "\"We will stay,\"".len());
        let ctx = context_span(&long, &paragraphs(&long), quote);
        assert!(ctx.start <= quote.start && quote.end <= ctx.end);
        assert!(quote.start - ctx.start <= CONTEXT_WINDOW, "{ctx:?}");
        assert!(ctx.end - quote.end <= CONTEXT_WINDOW, "{ctx:?}");
        assert!(quote.start - ctx.start > CONTEXT_WINDOW / 2, "{ctx:?}");
        let text = &long[ctx.range()];
        assert!(!text.starts_with(char::is_whitespace), "{text}");
        assert!(long[..ctx.start].ends_with(' '), "cut at white space");
        assert!(long[ctx.end..].starts_with(' '), "cut at white space");
        let sentence = sentence_span(&long, ctx, quote);
        assert_eq!(&long[sentence.range()], "\"We will stay,\" she said.");
    }

    #[test]
    fn sentence_runs_to_the_attribution() {
        let t = "Intro. \"History is calling us,\" said Mr. Macron. Then more.";
        assert_eq!(
            sentence_of(t, "History is calling us,"),
            "\"History is calling us,\" said Mr. Macron."
        );
    }

    #[test]
    fn sentence_starts_after_previous_sentence() {
        let t = "First one here. The U.S. leader said: \"We persuaded him.\" Next.";
        assert_eq!(
            sentence_of(t, "We persuaded him."),
            "The U.S. leader said: \"We persuaded him.\""
        );
    }

    #[test]
    fn quote_spanning_paragraphs_gets_both() {
        let t = "A.\n\nHe said: \"One.\n\n\"Two.\"\n\nEnd.";
        let start = t.find("One").unwrap();
        let end = t.find("Two.").unwrap() + 4;
        let q = Span::new(start, end);
        let ctx = context_span(t, &paragraphs(t), q);
        assert_eq!(&t[ctx.range()], "He said: \"One.\n\n\"Two.\"");
    }

    #[test]
    fn salience_counts_headline_words_in_quote() {
        let mut a = english_analyzer();
        let h = "White House says Trump still wants US troops home from Syria";
        let s = salience(
            &mut a,
            h,
            "he wants US forces to come home as quickly as possible",
        );
        assert!(s > 0.2, "{s}");
        assert_eq!(salience(&mut a, h, "We are determined to crush ISIS"), 0.0);
        assert_eq!(salience(&mut a, "", "anything"), 0.0);
    }

    #[test]
    fn stored_form_round_trips() {
        let text = "Headline\n\nIntro. \"We will stay,\" said Ms Doe. More.\n";
        let article = Article::from_text("a1", text);
        let start = text.find("We will").unwrap();
        let q = Quote {
            article: "a1".into(),
            start,
            end: start + "We will stay,".len(),
            text: "We will stay,".into(),
            kind: QuoteKind::Direct,
            speaker: Some("Jane Doe".into()),
            mention: None,
            cue: None,
            paragraph: 1,
            basis: Some(Basis::Named),
            confidence: Some(Confidence::High),
            antecedent: None,
        };
        let r = QuoteRecord::new(&article, &crate::text::paragraphs(text), &q).unwrap();
        assert_eq!(r.sentence.text, "\"We will stay,\" said Ms Doe.");
        assert_eq!(QuoteRecord::from_stored(&r.to_stored()).unwrap(), r);
        assert!(QuoteRecord::from_stored("{}").is_err());
    }

    #[test]
    fn name_keys_fold_case_and_accents() {
        assert_eq!(name_key("  Emmanuel  MACRÓN "), "emmanuel macron");
        assert_eq!(name_key("Bashar al-Assad"), "bashar al assad");
    }

    #[test]
    fn codes_round_trip() {
        for k in QuoteKind::ALL {
            assert_eq!(kind_from_code(kind_code(k)), k);
        }
        assert_eq!(date_code(Date::parse("2018-04-24")), 20180424);
        assert_eq!(date_code(None), 0);
    }
}
