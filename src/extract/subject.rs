//! The subject of a sentence: the phrase a speaker is read from when no verb sits next to
//! the quote. Opening phrases ("Speaking in Bristol, Maine, …", "Asked about it, …", an aside
//! set off by dashes) and datelines ("WASHINGTON —", "Lyon (AFP) –") come before it.

use super::cues::ING;
use super::lexicon::*;
use super::mentions::{np_after, MKind, Mention};
use super::Doc;

/// The subject of a sentence: its first noun phrase after any opening phrase
/// ("During the talks, the American President …").
pub fn sentence_subject(doc: &Doc, lo: usize, hi: usize) -> Option<Mention> {
    let toks = &doc.toks;
    let mut s = lo;
    while s < hi && toks[s].punct().is_some() {
        s += 1;
    }
    if s >= hi {
        return None;
    }
    s = past_dateline(doc, s, hi);
    let t = &toks[s];
    // "Speaking to reporters, …", "Hours later, …", "Shortly after, …", "Reached by phone,
    // …": an opening phrase, whatever its first word's class
    let w = doc.word(s);
    let time_noun = matches!(
        ascii_lower(w, &mut [0; 32]),
        "hours" | "days" | "weeks" | "months" | "years" | "minutes" | "moments" | "decades"
    );
    let opening_word = t.is_word()
        && !t.poss()
        && (w.ends_with("ing") || w.ends_with("ly") || w.ends_with("ed") || time_noun)
        && toks.get(s + 1).is_some_and(|n| !n.cap() || n.is_punct(','));
    let opener = t.is(PREP | SUBORD | ADV | CONJ | TIME)
        || t.flags & ING != 0
        || t.quote().is_some()
        || opening_word;
    if opener {
        let dash = |i: usize| {
            toks[i]
                .punct()
                .is_some_and(|c| matches!(c, '\u{2014}' | '\u{2015}' | '\u{2013}'))
        };
        let mut j = s;
        while j < hi && j < s + 25 && !toks[j].is_punct(',') && !dash(j) {
            j += 1;
        }
        if j < hi && toks[j].is_punct(',') {
            s = j + 1;
        } else if j < hi && dash(j) {
            // "Quick to blame the council ― as so often ― Moss cast …": an
            // opening phrase set off by dashes
            let second = (j + 1..hi.min(j + 25)).find(|&i| dash(i));
            s = second.unwrap_or(j) + 1;
        } else if t.is(CONJ) {
            s += 1;
        }
    }
    let m = np_after(doc, s, hi)?;
    // "Speaking in Bristol, Maine, Moss …": the state of the opener's place
    let e = m.toks.end;
    let place = opener
        && s >= 2
        && toks[s - 1].is_punct(',')
        && toks[s - 2].cap()
        && m.kind == MKind::Name
        && m.toks.len() <= 3
        && e + 1 < hi
        && toks[e].is_punct(',');
    if place {
        if let Some(n) = np_after(doc, e + 1, hi) {
            return Some(n);
        }
    }
    Some(m)
}

/// Past a dateline opening a paragraph ("WASHINGTON —", "KAPALUA, Hawaii –", "PARIS (AFP) —"):
/// the place in capitals, and whatever follows it up to the dash.
pub fn past_dateline(doc: &Doc, s: usize, hi: usize) -> usize {
    let toks = &doc.toks;
    let t = &toks[s];
    let caps = |i: usize| {
        let w = doc.word(i);
        toks[i].is_word()
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !w.chars().any(char::is_lowercase)
    };
    let para_start = doc
        .paras
        .get(t.para())
        .is_some_and(|p| p.start + 1 >= t.start());
    // (nearly every word is inside its paragraph: nothing more is read for it)
    if !para_start {
        return s;
    }
    // "Lyon (AFP) —": a place in any case before a news agency's tag in capitals
    let agency = |i: usize| {
        toks.get(i).is_some_and(|p| p.is_punct('('))
            && toks.get(i + 1).is_some_and(|_| caps(i + 1))
            && toks.get(i + 2).is_some_and(|p| p.is_punct(')'))
    };
    let tagged =
        t.cap() && (agency(s + 1) || toks.get(s + 1).is_some_and(|n| n.cap()) && agency(s + 2));
    if !(caps(s) || tagged) {
        return s;
    }
    let dash = (s + 1..hi.min(s + 10)).find(|&i| {
        toks[i]
            .punct()
            .is_some_and(|c| matches!(c, '\u{2014}' | '\u{2013}'))
    });
    match dash {
        Some(d) if d + 1 < hi => d + 1,
        _ => s,
    }
}
