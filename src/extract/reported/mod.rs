//! Reported speech: the content clause of "X said (that) …" and "…, X said", and the
//! infinitive of a request ("X urged Y to …").
//!
//! An indirect quotation has no marks, so its extent comes from syntax: the clause after a
//! reporting verb (past its addressee, "that" and adverbials such as "in a statement on
//! Friday"), up to the end of the sentence or the next participle ("…, adding that");
//! or the clause before a closing attribution. Quoted fragments inside the clause make it
//! "mixed"; a fragment set off at its end (", "especially …"") or in single marks stays a
//! partial quote of its own.

use super::attribute::{
    may_close_with_speech, not_a_report, sentence_tail, subject_of, tail, Found,
};
use super::cues::{self, ACCORDING, ING, OBJ, SAY};
use super::lexicon::*;
use super::mentions::{according_np, np_after, MKind};
use super::Doc;
use crate::extract::QuoteKind;
use std::ops::Range;

mod clause;
mod requests;

use clause::{clause_end, clause_start, has_verb, reports_within, trim_end, words_in};
use requests::requests;

/// One reported-speech clause.
#[derive(Debug, Clone)]
pub struct Reported {
    /// Token range of the content.
    pub toks: Range<usize>,
    pub kind: QuoteKind,
    pub found: Found,
    /// Quotes inside the clause that it stands for (not reported separately).
    pub consumed: Vec<usize>,
}

fn is_word(doc: &Doc, i: usize, w: &str) -> bool {
    doc.word_eq_ignore_case(i, w)
}

/// Does `word` start with `prefix` (lower case), but for ASCII case?
fn starts_ignoring_case(word: &str, prefix: &str) -> bool {
    word.as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn quote_upper(doc: &Doc, qi: usize) -> bool {
    doc.quotes
        .get(qi)
        .and_then(|q| doc.text.get(q.start..q.end))
        .and_then(|s| s.chars().find(|c| c.is_alphanumeric()))
        .is_some_and(|c| c.is_uppercase())
}

/// Could [`find`] find anything in the sentence `lo..hi`? Every report it finds rests on a
/// verb of speech, a question or a request, on "according", or on a name set off by a dash
/// at the sentence's end (see [`may_close_with_speech`], which also reads the token just
/// past the sentence): a sentence with none of them, most of an article's, is passed over
/// with one look at each token instead of a search for each kind of report.
fn may_report(doc: &Doc, lo: usize, hi: usize) -> bool {
    let toks = &doc.toks;
    toks.get(lo..(hi + 1).min(toks.len()))
        .unwrap_or(&[])
        .iter()
        .any(|t| {
            // (the dashes compared as tokens are stored, without reading their characters)
            t.flags & (SAY | cues::TAIL | ACCORDING | cues::TO) != 0
                || t.is_punct('\u{2014}')
                || t.is_punct('\u{2013}')
                || t.is_punct('-')
        })
}

/// Builds the clause item for `a..b`, splitting off fragments that stand on their own.
fn make(doc: &Doc, a: usize, b: usize, found: Found, lead: bool, out: &mut Vec<Reported>) {
    make_min(doc, a, b, found, lead, 3, out);
}

/// [`make`] with the least number of words a clause may have.
fn make_min(
    doc: &Doc,
    a: usize,
    b: usize,
    found: Found,
    lead: bool,
    min_words: usize,
    out: &mut Vec<Reported>,
) {
    let toks = &doc.toks;
    let mut b = trim_end(doc, a, b);
    if b <= a {
        return;
    }
    // ', "especially …"' closing the clause is a partial quote of its own
    if lead && b - a >= 3 {
        if let Some(qi) = toks[b - 1].quote() {
            if toks[b - 2].is_punct(',') && !quote_upper(doc, qi) {
                b = trim_end(doc, a, b - 2);
            }
        }
    }
    if words_in(doc, a..b) < min_words {
        return;
    }
    let quotes: Vec<(usize, usize)> = (a..b)
        .filter_map(|i| toks[i].quote().map(|q| (i, q)))
        .collect();
    let single = quotes
        .iter()
        .any(|&(_, q)| doc.quotes.get(q).is_some_and(|s| s.single));
    if single && lead {
        // keep the longest stretch between fragments as the reported clause
        let mut best: Option<(usize, usize)> = None;
        let mut s = a;
        for i in a..=b {
            if i == b || toks[i].quote().is_some() {
                let e = trim_end(doc, s, i);
                let mut s2 = s;
                while s2 < e && toks[s2].punct().is_some() {
                    s2 += 1;
                }
                if e > s2 && best.is_none_or(|(x, y)| words_in(doc, s2..e) > words_in(doc, x..y)) {
                    best = Some((s2, e));
                }
                s = i + 1;
            }
        }
        if let Some((x, y)) = best {
            // "… ordered leaders to 'wrap up …'": the fragment completes the stretch
            let dangling = toks[y - 1].is(PREP) && toks.get(y).is_some_and(|t| t.quote().is_some());
            if words_in(doc, x..y) >= 3 && !dangling {
                out.push(Reported {
                    toks: x..y,
                    kind: QuoteKind::Indirect,
                    found,
                    consumed: Vec::new(),
                });
            }
        }
        return;
    }
    let consumed: Vec<usize> = quotes.iter().map(|&(_, q)| q).collect();
    // a clause that is one quote is a direct quote, attributed elsewhere
    if consumed.len() == 1 && b - a == 1 {
        return;
    }
    out.push(Reported {
        toks: a..b,
        kind: if consumed.is_empty() {
            QuoteKind::Indirect
        } else {
            QuoteKind::Mixed
        },
        found,
        consumed,
    });
}

/// Where the predicate holding a quoted fragment ends: the fragment at token `q` is reported
/// with the rest of its clause (`bemoaned a climate in which people "hate each other"
/// because they differ`), up to the clause's end or the next quote, whichever comes first.
pub fn predicate_end(doc: &Doc, q: usize, hi: usize) -> usize {
    let e = clause_end(doc, q, hi);
    let e = (q + 1..e)
        .find(|&i| {
            let t = &doc.toks[i];
            t.quote().is_some()
                || t.punct().is_some_and(|c| matches!(c, ':' | '(' | '\u{2014}' | '\u{2013}'))
                // "… and said the city must act": another report takes over
                || t.is(CONJ) && doc.toks.get(i + 1).is_some_and(|n| n.flags & SAY != 0 && !n.cap())
        })
        .unwrap_or(e);
    let mut e = trim_end(doc, q + 1, e);
    // (a phrase cut short by the next quote leaves no dangling "by" or "the")
    while e > q + 1 && doc.toks[e - 1].is(PREP | DET | POSS | CONJ) {
        e = trim_end(doc, q + 1, e - 1);
    }
    e
}

/// Does the sentence at `lo` open with a phrase rather than a clause: a preposition, a
/// subordinator, an adverb, a conjunction, a participle ("Speaking to reporters, …",
/// "Asked whether …, X said")?
fn opening_phrase(doc: &Doc, lo: usize) -> bool {
    let toks = &doc.toks;
    let first = &toks[lo];
    let fw = doc.word(lo);
    // (a participle capitalised only because it opens the sentence, before a lower-case word)
    let participle = fw.ends_with("ed")
        && (!first.cap()
            || fw.len() > 4 && toks.get(lo + 1).is_some_and(|n| n.is_word() && !n.cap()));
    first.is(PREP | SUBORD | ADV | CONJ) || first.flags & ING != 0 || participle
}

/// The reported-speech clauses of the sentence `lo..hi`.
pub fn find(doc: &Doc, lo: usize, hi: usize, out: &mut Vec<Reported>) {
    if may_report(doc, lo, hi) {
        search(doc, lo, hi, out);
    }
}

/// [`find`] in a sentence that [`may_report`].
fn search(doc: &Doc, lo: usize, hi: usize, out: &mut Vec<Reported>) {
    let toks = &doc.toks;
    let before = out.len();
    let mut covered_until = lo;
    // "According to X, CLAUSE"
    if toks[lo].is(ACCORDING) && is_word(doc, lo + 1, "to") {
        if let Some(m) = according_np(doc, lo + 2, hi) {
            let mut c = m.toks.end;
            while c < hi && !toks[c].is_punct(',') && c < m.toks.end + 12 {
                c += 1;
            }
            if c < hi {
                let found = Found {
                    mention: m,
                    cue: Some(lo),
                };
                let e = clause_end(doc, c + 1, hi);
                make(doc, c + 1, e, found, true, out);
                covered_until = e;
            }
        }
    }
    // "Shelter residents, according to the findings, are fearful …"
    for v in lo + 1..hi {
        if !(toks[v].is(ACCORDING) && is_word(doc, v + 1, "to") && toks[v - 1].is_punct(',')) {
            continue;
        }
        let Some(m) = according_np(doc, v + 2, hi) else {
            break;
        };
        let comma = m.toks.end;
        if comma >= hi || !toks[comma].is_punct(',') || v - 1 <= lo {
            break;
        }
        let found = Found {
            mention: m,
            cue: Some(v),
        };
        if toks[lo].flags & (PREP | SUBORD | CONJ) == 0 {
            make_min(doc, lo, v - 1, found.clone(), false, 1, out);
        }
        let e = clause_end(doc, comma + 1, hi);
        if has_verb(doc, comma + 1..e) {
            make(doc, comma + 1, e, found, false, out);
        }
        return;
    }
    let mut v = lo;
    while v < hi {
        let t = &toks[v];
        // "X asked the minister if …": a question asked of someone reports a clause too
        let asks = t.flags & OBJ != 0 && t.flags & cues::TAIL != 0 && t.flags & SAY == 0;
        if !(t.is_word() && (t.flags & SAY != 0 || asks) && (!t.cap() || v == lo))
            || v < covered_until
            || !super::attribute::finite_base(doc, v)
            // "in somber comments", "making racist remarks": a plural noun, not a verb
            || super::attribute::plural_noun(doc, v)
        {
            v += 1;
            continue;
        }
        if not_a_report(doc, lo, v) {
            v += 1;
            continue;
        }
        // "…, said Sutopo Purwo Nugroho, a spokesman …" closes the sentence: not a lead
        if v > lo && (toks[v - 1].is_punct(',') || toks[v - 1].quote().is_some()) {
            if let Some(n) = np_after(doc, v + 1, hi) {
                let e = n.toks.end;
                if n.kind == MKind::Name && (e >= hi || toks[e].punct().is_some()) {
                    v += 1;
                    continue;
                }
            }
        }
        let Some(m) = subject_of(doc, lo, v) else {
            v += 1;
            continue;
        };
        // "The death toll rose, officials said, as rescuers searched …" / "Police, Sinclair
        // says, have no policies …": a parenthetical attribution reports both sides
        let ms = m.toks.start;
        let mut after_verb = v + 1;
        while after_verb < hi && toks[after_verb].is(TIME | ADV) {
            after_verb += 1;
        }
        if ms > lo
            && toks[ms - 1].is_punct(',')
            && after_verb < hi
            && toks[after_verb].is_punct(',')
            && lo >= covered_until
        {
            let opener = opening_phrase(doc, lo);
            let reports_inside = reports_within(doc, lo..ms - 1);
            let found = Found {
                mention: m.clone(),
                cue: Some(v),
            };
            if !opener && !reports_inside {
                make_min(doc, lo, ms - 1, found.clone(), false, 1, out);
            }
            let mut c = after_verb + 1;
            // "…, Morton said, adding that …": the clause is what the participle reports
            if c < hi && toks[c].flags & ING != 0 && toks[c].flags & SAY != 0 {
                c = clause_start(doc, c, hi).unwrap_or(c);
            }
            let e = clause_end(doc, c, hi);
            if c < e && has_verb(doc, c..e) {
                make(doc, c, e, found, false, out);
            }
            covered_until = e.max(c);
            v = covered_until.max(v + 1);
            continue;
        }
        let Some(c) = clause_start(doc, v, hi) else {
            v += 1;
            continue;
        };
        let question = ["if", "whether"]
            .iter()
            .any(|w| doc.word(c).eq_ignore_ascii_case(w));
        if asks && !question {
            v += 1;
            continue;
        }
        // `"…," X told reporters`: the verb attributes the quote; only "that" opens a clause.
        // (A quoted title inside an opening phrase — `On "Meet the Press," X said …` — does
        // not: the quote must open the sentence.)
        let opens = |i: usize| {
            toks[lo..i].iter().all(|t| t.punct().is_some())
                || !toks[i]
                    .quote()
                    .and_then(|q| doc.quotes.get(q))
                    .and_then(|q| doc.text.get(q.start..q.end))
                    .is_some_and(super::title_like)
        };
        let after_quote = (m.toks.start > lo
            && (toks[m.toks.start - 1].quote().is_some() && opens(m.toks.start - 1)
                || toks[m.toks.start - 1].is_punct(',')
                    && m.toks.start >= lo + 2
                    && toks[m.toks.start - 2].quote().is_some()
                    && opens(m.toks.start - 2)))
            || (v > lo && toks[v - 1].quote().is_some())
            || (v > lo + 1 && toks[v - 1].is_punct(',') && toks[v - 2].quote().is_some());
        if after_quote && !(c > 0 && is_word(doc, c - 1, "that")) {
            v += 1;
            continue;
        }
        // "Meeting the costs can be almost impossible, she said, especially …": the words
        // before a parenthetical attribution are reported too
        let ms = m.toks.start;
        if ms > lo + 2 && toks[ms - 1].is_punct(',') && c > 0 && toks[c - 1].is_punct(',') {
            let opener = opening_phrase(doc, lo);
            let reports_inside = reports_within(doc, lo..ms - 1);
            if !opener && !reports_inside && lo >= covered_until {
                make(
                    doc,
                    lo,
                    ms - 1,
                    Found {
                        mention: m.clone(),
                        cue: Some(v),
                    },
                    false,
                    out,
                );
            }
        }
        if !has_verb(doc, c..hi) {
            v += 1;
            continue;
        }
        let e = clause_end(doc, c, hi);
        if !has_verb(doc, c..e) {
            v += 1;
            continue;
        }
        make(
            doc,
            c,
            e,
            Found {
                mention: m,
                cue: Some(v),
            },
            true,
            out,
        );
        covered_until = e;
        v = e.max(v + 1);
    }
    // the clauses found report only what follows their verbs; before the first of them
    // ("…, Hollande said Tuesday, noting that …") a closing attribution may still stand
    let reach = match out[before..]
        .iter()
        .map(|r| r.found.cue.unwrap_or(r.toks.start).min(r.toks.start))
        .min()
    {
        None => hi,
        Some(v) if v > lo && doc.toks[v].flags & ING != 0 => v,
        Some(_) => return,
    };
    // "CLAUSE, X said." / "CLAUSE, according to X." (only a verb of speech or a dash can
    // make the attribution one, so a sentence with neither near its end is not searched)
    let closing = may_close_with_speech(doc, lo, reach)
        .then(|| sentence_tail(doc, lo, reach))
        .flatten();
    if let Some((c, f)) = closing {
        let end = if toks[c].quote().is_some() { c + 1 } else { c };
        // the attribution must report speech ("…, he criticized X" does not), and what it
        // closes must be more than an opening phrase ("At the same time, he …")
        let speech = f
            .cue
            .is_none_or(|v| toks[v].flags & (SAY | cues::TAIL | ACCORDING) != 0);
        let phrase_only = toks[lo].is(PREP | SUBORD | ADV | CONJ)
            && !toks[lo..end].iter().any(|t| t.is_punct(','))
            && words_in(doc, lo..end) <= 6;
        if speech
            && !phrase_only
            && end > lo
            && has_verb(doc, lo..end)
            && !(end - lo == 1 && toks[lo].quote().is_some())
        {
            // a quote opening the sentence and closing before the attribution is direct
            let starts_quote = toks[lo].quote().is_some() && end - lo <= 2;
            if !starts_quote {
                make(doc, lo, end, f, false, out);
            }
        }
    }
    if out.len() == before {
        requests(doc, lo, hi, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::Lexicon;

    #[test]
    fn verb_prefixes_match_in_any_case() {
        let cases = [
            ("lower case", "added", "add", true),
            ("capitalised", "Called", "call", true),
            ("the prefix alone", "ADD", "add", true),
            ("another verb", "said", "add", false),
            ("shorter than the prefix", "ad", "add", false),
            ("non-ASCII after the prefix", "call\u{e9}d", "call", true),
            ("non-ASCII inside the prefix", "c\u{e0}ll", "call", false),
        ];
        for (name, word, prefix, want) in cases {
            assert_eq!(starts_ignoring_case(word, prefix), want, "{name}");
        }
    }

    /// Sentences the search passes over must be ones it would find nothing in: for each
    /// text, every sentence is searched in full and compared with what [`find`] gives.
    #[test]
    fn sentences_passed_over_hold_no_report() {
        // (name, text, whether a report is found: a quote's own attribution is not one)
        let cases = [
            (
                "narration",
                "The council met on Tuesday. Traffic fell by a third.",
                false,
            ),
            (
                "a verb of speech",
                "The mayor said the bridge would close. It closed.",
                true,
            ),
            (
                "a closing attribution",
                "The bridge will close, the mayor told reporters.",
                true,
            ),
            (
                "a request",
                "The union urged members to stay at home on Friday.",
                true,
            ),
            (
                "according to",
                "According to the agency, traffic fell by a third.",
                true,
            ),
            (
                "a question",
                "She asked the minister whether the road would reopen.",
                true,
            ),
            (
                "a dash",
                "\u{201c}We had no choice.\u{201d} \u{2014} Alma Reyes, the mayor",
                false,
            ),
            (
                "the next sentence's verb",
                "The bridge is old\n\nSaid the mayor: no.",
                false,
            ),
            (
                "a quote",
                "\u{201c}It is over,\u{201d} she said. Then she left.",
                false,
            ),
        ];
        let lex = Lexicon::new();
        // the reports found in every sentence of `text`, checking each passed over
        let reports = |name: &str, text: &str| {
            let doc = Doc::new(text, &lex);
            let mut reported = 0;
            for s in &doc.sents {
                let (mut all, mut gated) = (Vec::new(), Vec::new());
                search(&doc, s.start, s.end, &mut all);
                find(&doc, s.start, s.end, &mut gated);
                assert_eq!(
                    all.len(),
                    gated.len(),
                    "{name}: {:?}",
                    doc.span_text(s.clone())
                );
                if !may_report(&doc, s.start, s.end) {
                    assert!(all.is_empty(), "{name}");
                }
                reported += gated.len();
            }
            reported
        };
        for (name, text, expect_some) in cases {
            let reported = reports(name, text);
            assert_eq!(reported > 0, expect_some, "{name}: {reported} reports");
        }
        // and the bundled articles, sentence by sentence
        for (name, text) in crate::corpus::bundled::SEEDS
            .iter()
            .filter(|s| s.0.ends_with(".txt"))
        {
            assert!(reports(name, text) > 0, "{name}");
        }
    }
}
