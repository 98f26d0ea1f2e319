//! Turning what a user typed into a tantivy query, without ever handing the text to a query
//! parser: the text is cut into words by the index's own analyzer and the query is assembled
//! from term and phrase queries. Quote marks make a phrase; everything else (colons, brackets,
//! `AND`, emoji, control characters) is just text.

use crate::index::{analyze, Fields};
use serde::Serialize;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

/// Most distinct words a query uses; the rest are ignored (and the caller told).
pub const MAX_WORDS: usize = 32;
/// Most phrases a query uses.
pub const MAX_PHRASES: usize = 4;
/// Most words in one phrase.
pub const MAX_PHRASE_WORDS: usize = 16;
/// Longest query text read, in bytes.
pub const MAX_QUERY_BYTES: usize = 16 * 1024;

/// A user query, analyzed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedQuery {
    /// Distinct analyzed words (stemmed, folded), phrase words included, in order of appearance.
    pub words: Vec<String>,
    /// Analyzed words of each quoted phrase of two words or more.
    pub phrases: Vec<Vec<String>>,
    /// Some of the text was left out (too many words or phrases, or too long).
    pub truncated: bool,
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

/// Analyzes `input`. Never fails: any text gives a (possibly empty) query.
pub fn parse(analyzer: &mut TextAnalyzer, input: &str) -> ParsedQuery {
    let clipped = crate::search::text::clip(input, MAX_QUERY_BYTES);
    let mut truncated = clipped.len() < input.len();
    let text: String = clipped
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let pieces: Vec<&str> = text.split(is_quote_mark).collect();
    // Pieces alternate outside/inside quote marks; an unclosed last quote is plain text.
    let closed = pieces.len() % 2 == 1;
    let mut q = ParsedQuery::default();
    for (i, piece) in pieces.iter().enumerate() {
        let in_phrase = i % 2 == 1 && (closed || i + 1 < pieces.len());
        let tokens = analyze(analyzer, piece);
        for t in &tokens {
            if q.words.contains(t) {
                continue;
            }
            if q.words.len() >= MAX_WORDS {
                truncated = true;
                break;
            }
            q.words.push(t.clone());
        }
        if in_phrase && tokens.len() >= 2 {
            if q.phrases.len() >= MAX_PHRASES {
                truncated = true;
                continue;
            }
            let mut tokens = tokens;
            if tokens.len() > MAX_PHRASE_WORDS {
                tokens.truncate(MAX_PHRASE_WORDS);
                truncated = true;
            }
            q.phrases.push(tokens);
        }
    }
    q.truncated = truncated;
    q
}

/// How much each field counts: the quote's own words first, then its surroundings.
#[derive(Debug, Clone, Copy)]
pub struct FieldWeights {
    pub quote: f32,
    pub sentence: f32,
    pub paragraph: f32,
    pub headline: f32,
    /// The headline of the quotes it is about.
    pub topic: f32,
    pub speaker: f32,
    /// The speaker's name, for a query word that names a speaker of the corpus ("Macron
    /// troops" is first about what Macron said of troops).
    pub named_speaker: f32,
}

impl Default for FieldWeights {
    fn default() -> Self {
        FieldWeights {
            quote: 1.0,
            sentence: 0.35,
            paragraph: 0.15,
            headline: 0.4,
            topic: 1.0,
            speaker: 0.5,
            named_speaker: 2.0,
        }
    }
}

impl FieldWeights {
    /// For the nearest quotes to a phrase being checked: the quote's own words and who said
    /// them, not what its article is about.
    pub fn own_words() -> FieldWeights {
        FieldWeights {
            quote: 1.0,
            sentence: 0.35,
            paragraph: 0.0,
            headline: 0.0,
            topic: 0.0,
            speaker: 0.5,
            // a name in a checked phrase is more often what was talked about than who spoke
            named_speaker: 0.5,
        }
    }

    /// For words around the quotes, not in them: the sentence and paragraph only.
    pub fn surroundings() -> FieldWeights {
        FieldWeights {
            quote: 0.0,
            sentence: 1.0,
            paragraph: 1.0,
            headline: 0.0,
            topic: 0.0,
            speaker: 0.0,
            named_speaker: 0.0,
        }
    }
}

fn term_query(field: Field, word: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    );
    if boost == 1.0 {
        Box::new(q)
    } else {
        Box::new(BoostQuery::new(Box::new(q), boost))
    }
}

/// The scoring part of a search: every word in every field (a flat disjunction, which tantivy
/// can prune), plus every phrase required in the quote's own words. `None` for an empty query.
///
/// `headline_boost` gives, per word, the factor its headline match is scaled by (see
/// [`crate::search::rank::headline_boost`]); `names_speaker` tells the words that name a
/// speaker. A field of weight 0 is left out.
pub fn text_query(
    fields: &Fields,
    q: &ParsedQuery,
    w: FieldWeights,
    headline_boost: &dyn Fn(Field, &str) -> f32,
    names_speaker: &dyn Fn(&str) -> bool,
) -> Option<Box<dyn Query>> {
    if q.words.is_empty() {
        return None;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in &q.words {
        for (field, boost) in [
            (fields.quote, w.quote),
            (fields.sentence, w.sentence),
            (fields.paragraph, w.paragraph),
            (
                fields.headline,
                w.headline * headline_boost(fields.headline, word),
            ),
            (fields.topic, w.topic * headline_boost(fields.topic, word)),
            (
                fields.speaker_words,
                if names_speaker(word) {
                    w.named_speaker
                } else {
                    w.speaker
                },
            ),
        ] {
            if boost > 0.0 {
                clauses.push((Occur::Should, term_query(field, word, boost)));
            }
        }
    }
    for phrase in &q.phrases {
        let terms = phrase
            .iter()
            .map(|t| Term::from_field_text(fields.quote, t))
            .collect();
        clauses.push((Occur::Must, Box::new(PhraseQuery::new(terms))));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Words of a quote-only query (used to find candidates for a phrase check).
pub fn quote_words_query(fields: &Fields, q: &ParsedQuery) -> Option<Box<dyn Query>> {
    if q.words.is_empty() {
        return None;
    }
    let clauses = q
        .words
        .iter()
        .map(|w| (Occur::Should, term_query(fields.quote, w, 1.0)))
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// The words of `text` as one phrase in the quote field (`None` under two words).
pub fn quote_phrase_query(fields: &Fields, words: &[String]) -> Option<Box<dyn Query>> {
    if words.len() < 2 {
        return None;
    }
    let terms = words
        .iter()
        .take(MAX_PHRASE_WORDS * 4)
        .map(|t| Term::from_field_text(fields.quote, t))
        .collect();
    Some(Box::new(PhraseQuery::new(terms)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::english_analyzer;

    fn p(s: &str) -> ParsedQuery {
        parse(&mut english_analyzer(), s)
    }

    #[test]
    fn words_are_stemmed_and_deduplicated() {
        let q = p("Syria troops TROOPS");
        assert_eq!(q.words, ["syria", "troop"]);
        assert!(q.phrases.is_empty());
    }

    #[test]
    fn quoted_text_is_a_phrase() {
        let q = p("footprint \u{201C}strong and lasting\u{201D} x");
        assert_eq!(q.phrases, [vec!["strong", "and", "last"]]);
        assert_eq!(q.words, ["footprint", "strong", "and", "last", "x"]);
    }

    #[test]
    fn unbalanced_quote_is_plain_text() {
        let q = p("\"strong and lasting");
        assert!(q.phrases.is_empty());
        assert_eq!(q.words, ["strong", "and", "last"]);
        let q = p("\"a b\" \"c d");
        assert_eq!(q.phrases, [vec!["a", "b"]]);
    }

    #[test]
    fn syntax_is_just_text() {
        for s in [
            "title:(a OR b) AND -c^2",
            "[1 TO 5]",
            "a:b:c",
            "*",
            "\\",
            "~2",
        ] {
            let q = p(s);
            assert!(
                q.words.iter().all(|w| w.chars().all(char::is_alphanumeric)),
                "{s}: {q:?}"
            );
        }
        assert!(p("🙂 \u{7} \u{0}").is_empty());
    }

    #[test]
    fn long_input_is_capped() {
        let long: String = (0..5000).map(|i| format!("w{i} ")).collect();
        let q = p(&long);
        assert_eq!(q.words.len(), MAX_WORDS);
        assert!(q.truncated);
        let many: String = (0..20).map(|i| format!("\"a{i} b{i}\" ")).collect();
        assert_eq!(p(&many).phrases.len(), MAX_PHRASES);
    }
}
