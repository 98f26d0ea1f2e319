//! Where a phrase stands in one text: the pure word matching behind the fact check.
//!
//! Words are compared lower case with accents folded, punctuation ignored. A verbatim match is
//! the phrase's words, in order, with nothing between them; a close match is the stretch of a
//! quote that needs the fewest word edits to become the phrase, when few enough are needed.
//! Either way the span returned is in the quote's own text, so what is shown is what the
//! article says.

use crate::search::text::{words, Word};
use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer};

/// Least similarity (1 − edits / phrase words) of a close match.
pub const CLOSE_THRESHOLD: f32 = 0.6;

/// Cost of an extra word in the text, inside the matched stretch.
const INSERTION: f32 = 0.5;

/// Where a phrase stands in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseSpan {
    /// Byte range in the text searched.
    pub start: usize,
    pub end: usize,
    /// 1 for a verbatim match; lower the more words differ.
    pub similarity: f32,
    pub verbatim: bool,
}

/// The phrase words (normalized) of `phrase`.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    words(phrase).into_iter().map(|w| w.norm).collect()
}

/// Finds `phrase` (normalized words, see [`phrase_words`]) in `text`: the verbatim match if
/// there is one, else the closest stretch if it is similar enough.
pub fn find_phrase(phrase: &[String], text: &str) -> Option<PhraseSpan> {
    let tw = words(text);
    if let Some(span) = verbatim_in(phrase, &tw) {
        return Some(span);
    }
    if phrase.len() < 2 {
        return None;
    }
    closest(phrase, &tw).filter(|s| s.similarity >= CLOSE_THRESHOLD)
}

/// Finds `phrase` in `text` word for word only.
pub fn find_verbatim(phrase: &[String], text: &str) -> Option<PhraseSpan> {
    verbatim_in(phrase, &words(text))
}

fn verbatim_in(phrase: &[String], tw: &[Word]) -> Option<PhraseSpan> {
    if phrase.is_empty() {
        return None;
    }
    let i = tw
        .windows(phrase.len())
        .position(|w| w.iter().zip(phrase).all(|(a, b)| &a.norm == b))?;
    Some(PhraseSpan {
        start: tw[i].start,
        end: tw[i + phrase.len() - 1].end,
        similarity: 1.0,
        verbatim: true,
    })
}

fn stem(word: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(crate::index::WholeText)
        .filter(Stemmer::new(Language::English))
        .build();
    let mut stream = analyzer.token_stream(word);
    let mut out = word.to_string();
    if stream.advance() {
        out = stream.token().text.clone();
    }
    out
}

/// Cost of putting text word `b` where the phrase has `a`: 0 if equal, ½ for another form of
/// the same word ("convinced"/"convince"), 1 otherwise.
fn substitution(a: &str, b: &str, stems: (&str, &str)) -> f32 {
    if a == b {
        0.0
    } else if stems.0 == stems.1 {
        0.5
    } else {
        1.0
    }
}

/// One cell of the alignment: edits so far, words matched so far, first text word.
#[derive(Debug, Clone, Copy)]
struct Cell {
    cost: f32,
    matched: u32,
    start: usize,
}

impl Cell {
    /// Fewer edits first; on a tie, more matched words (a fuller stretch).
    fn better(self, other: Cell) -> bool {
        self.cost < other.cost || (self.cost == other.cost && self.matched > other.matched)
    }
}

/// The stretch of `text` words closest to `phrase` (approximate substring match over words).
fn closest(phrase: &[String], text: &[Word]) -> Option<PhraseSpan> {
    if text.is_empty() {
        return None;
    }
    let n = phrase.len();
    let pstem: Vec<String> = phrase.iter().map(|w| stem(w)).collect();
    let tstem: Vec<String> = text.iter().map(|w| stem(&w.norm)).collect();
    // Row i, column j: the best alignment of phrase[..i] ending just before text word j.
    // Row 0 costs nothing anywhere: a match may start at any word.
    let m = text.len();
    let mut prev: Vec<Cell> = (0..=m)
        .map(|j| Cell {
            cost: 0.0,
            matched: 0,
            start: j,
        })
        .collect();
    for i in 1..=n {
        let mut row = vec![
            Cell {
                cost: i as f32,
                matched: 0,
                start: 0,
            };
            m + 1
        ];
        for j in 1..=m {
            let c = substitution(
                &phrase[i - 1],
                &text[j - 1].norm,
                (&pstem[i - 1], &tstem[j - 1]),
            );
            let sub = Cell {
                cost: prev[j - 1].cost + c,
                matched: prev[j - 1].matched + u32::from(c < 1.0),
                start: prev[j - 1].start,
            };
            // A phrase word missing from the text.
            let del = Cell {
                cost: prev[j].cost + 1.0,
                ..prev[j]
            };
            // An extra word in the text: costs less than a missing or different one, since
            // the phrase's words are all there.
            let ins = Cell {
                cost: row[j - 1].cost + INSERTION,
                ..row[j - 1]
            };
            let mut best = sub;
            if del.better(best) {
                best = del;
            }
            if ins.better(best) {
                best = ins;
            }
            row[j] = best;
        }
        prev = row;
    }
    let (end, best) =
        (1..=m)
            .map(|j| (j, prev[j]))
            .fold(None::<(usize, Cell)>, |acc, (j, c)| match acc {
                Some((_, b)) if !c.better(b) => acc,
                _ => Some((j, c)),
            })?;
    if best.matched == 0 {
        return None;
    }
    let mut first = best.start.min(end - 1);
    let mut last = end - 1;
    // Trim stretch ends that match no phrase word.
    while first < last && !pstem.contains(&tstem[first]) {
        first += 1;
    }
    while last > first && !pstem.contains(&tstem[last]) {
        last -= 1;
    }
    Some(PhraseSpan {
        start: text[first].start,
        end: text[last].end,
        similarity: (1.0 - best.cost / n as f32).max(0.0),
        verbatim: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(phrase: &str, text: &str) -> Option<(String, f32, bool)> {
        find_phrase(&phrase_words(phrase), text)
            .map(|s| (text[s.start..s.end].to_string(), s.similarity, s.verbatim))
    }

    const MACRON: &str =
        "I assure you, we have convinced him that it is necessary to stay for the long-term.";

    #[test]
    fn verbatim_ignores_case_and_punctuation() {
        assert_eq!(
            find("WE HAVE convinced him", MACRON),
            Some(("we have convinced him".into(), 1.0, true))
        );
        assert_eq!(
            find("you we have", MACRON),
            Some(("you, we have".into(), 1.0, true))
        );
    }

    #[test]
    fn close_matches_show_the_text() {
        let (text, sim, verbatim) = find("we convinced him", MACRON).unwrap();
        assert_eq!(text, "we have convinced him");
        assert!(
            sim > find("we convinced him", "We persuaded him to remain.")
                .unwrap()
                .1
        );
        assert!(!verbatim && (CLOSE_THRESHOLD..1.0).contains(&sim), "{sim}");
        let (text, _, _) = find("we have convince him that", MACRON).unwrap();
        assert_eq!(text, "we have convinced him that");
    }

    #[test]
    fn different_claims_are_not_close() {
        assert_eq!(find("Trump said he will never leave Syria", MACRON), None);
        assert_eq!(
            find(
                "Trump said he will never leave Syria",
                "The US mission has not changed - the President has been clear that he wants US forces to come home as quickly as possible."
            ),
            None
        );
        assert_eq!(find("stay", "we stayed"), None);
        assert_eq!(find("", MACRON), None);
    }
}
