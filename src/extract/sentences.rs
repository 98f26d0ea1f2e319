//! Sentence boundaries over the reporter's tokens.
//!
//! Layout rules ("X said: …", "…, X said.") are sentence-bound. Quotations are single
//! tokens here, so a full stop inside quoted words never splits the reporter's sentence;
//! abbreviations keep their period in the word token ("Mr.", "U.S."), so they do not either.

use super::cues;
use super::lexicon;
use super::marks::QSpan;
use super::tokens::{Kind, Tok};
use std::ops::Range;

/// Splits `toks` into sentences (token index ranges); paragraphs always end a sentence.
/// `out` is emptied first (a table kept from an earlier article).
pub fn split(
    text: &str,
    toks: &[Tok],
    quotes: &[QSpan],
    mut out: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    out.clear();
    let mut start = 0;
    for (i, pair) in toks.windows(2).enumerate() {
        let (t, n) = (&pair[0], &pair[1]);
        // (a word, nearly every token, ends a sentence only with its paragraph)
        let boundary = n.para() != t.para()
            || !t.is_word()
                && match t.kind() {
                    Kind::Punct('.' | '!' | '?' | '\u{2026}') => {
                        starts_sentence(n) && n.quote().is_none_or(|q| quote_upper(text, quotes, q))
                    }
                    Kind::Quote(q) => {
                        let ends = quotes.get(q as usize).is_some_and(|q| {
                            text.get(q.start..q.end)
                                .and_then(|s| s.chars().next_back())
                                .is_some_and(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
                        });
                        // `"…." — Rosa Diaz` keeps its dash attribution
                        ends && (n.cap() || n.quote().is_some())
                            && !attribution_follows(toks, i + 1)
                    }
                    _ => false,
                };
        if boundary {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

fn quote_upper(text: &str, quotes: &[QSpan], q: usize) -> bool {
    quotes
        .get(q)
        .and_then(|q| text.get(q.start..q.end))
        .and_then(|s| s.chars().find(|c| c.is_alphanumeric()))
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

fn starts_sentence(n: &Tok) -> bool {
    match n.kind() {
        Kind::Quote(_) => true,
        Kind::Word => n.cap(),
        Kind::Punct(c) => matches!(
            c,
            '(' | '[' | '\u{2014}' | '\u{2013}' | '-' | '*' | '\u{2022}'
        ),
    }
}

/// `"…!" Smith said.`, `"…!" Smith said as he left.`: a short name and a reporting verb right
/// after a quote belong to it;
/// `"…." He added that …` opens a sentence of its own, reporting a clause.
fn attribution_follows(toks: &[Tok], from: usize) -> bool {
    for (k, t) in toks.iter().enumerate().skip(from).take(6) {
        if !t.is_word() {
            return false;
        }
        if t.flags & (cues::SAY | cues::TAIL) != 0 {
            // `"…." Cole says, "…"`: the verb introduces the next quote, a sentence of its own
            let leads = toks
                .get(k + 1)
                .is_some_and(|n| n.is_punct(',') || n.is_punct(':'))
                && toks.get(k + 2).is_some_and(|n| n.quote().is_some());
            if leads {
                return false;
            }
            // ("… said as he left": a subordinate clause timing the saying)
            return toks.get(k + 1).is_none_or(|n| {
                !n.is_word()
                    || n.flags & (lexicon::PREP | lexicon::TIME | lexicon::ADV) != 0
                    || n.flags & lexicon::SUBORD != 0 && n.flags & lexicon::OTHER_CLOSED == 0
            });
        }
    }
    false
}
