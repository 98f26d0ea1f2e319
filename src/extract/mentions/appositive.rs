//! The speaker phrase before a verb when something stands between them: a party tag
//! ("Sen. Ada Morrow (D-Maine) said"), an appositive ("X, the foreign minister, said") or a
//! relative clause ("X, who advised the mayor on the state budget, said").
//!
//! The phrase is read right to left, comma by comma, back to the name that opens the chain.
//! Words inside the appositive that look like reporting verbs ("a creative writing
//! professor", "secretary of state", "who advised the mayor") do not end the chain; a
//! finite report of the reporter's own clause does.

use super::{name_word, np_core, MKind, Mention};
use crate::extract::attribute::finite_base;
use crate::extract::cues;
use crate::extract::lexicon::*;
use crate::extract::Doc;

/// The phrase before `j` read across a party tag or an appositive chain: `Some(found)` when
/// `j` follows a parenthesis or a comma (`Some(None)`: nothing speaks there), `None` when
/// the phrase is a plain one for [`np_core`].
pub(super) fn across(doc: &Doc, lo: usize, j: usize) -> Option<Option<Mention>> {
    let toks = &doc.toks;
    // "Rep. Ada Morrow (D-Maine) said", "Gov. Ed Lutz (R-Ohio), said": a short parenthesis
    // after the name (a party and state) is not part of the phrase
    {
        let mut k = j;
        if k > lo + 1 && toks[k - 1].is_punct(',') && toks[k - 2].is_punct(')') {
            k -= 1;
        }
        if let Some(o) = tag_open(doc, lo, k) {
            if let Some(m) = np_core(doc, lo, o) {
                return Some(Some(m));
            }
        }
    }
    let t = &toks[j - 1];
    if !(t.is_punct(',') || t.is_punct(')')) {
        return None;
    }
    let open = if t.is_punct(',') { ',' } else { '(' };
    // "X, the foreign minister, said" / "X (the minister) said"
    let mut k = j - 1;
    let floor = lo.max((j - 1).saturating_sub(45));
    // candidates before each comma, right to left; a place in the chain ("in Exeter,
    // Ohio,") is not the speaker, the phrase opening it is
    let mut fallback: Option<Mention> = None;
    let mut leftmost: Option<Mention> = None;
    while k > floor {
        k -= 1;
        let u = &toks[k];
        if u.is_punct(';') {
            break;
        }
        if u.is_punct(open) {
            // "the director of operations for EHS, Jeff Fraser, says": the name between
            // the commas is the speaker ("Lee's father, Joseph, says": a relative may be
            // named by a given name alone)
            if open == ',' {
                let relative = k > lo && toks[k - 1].is(RELATION) && !toks[k - 1].cap();
                if let Some(m) = np_core(doc, k + 1, j - 1) {
                    if m.kind == MKind::Name
                        && m.toks.start == k + 1
                        && (m.name.len() >= 2 || relative)
                        && fallback.is_none()
                    {
                        return Some(Some(m));
                    }
                }
            }
            // "Rep. Ada Morrow (D-Maine), chair of the panel, said": the name before its tag
            let end = tag_open(doc, lo, k).unwrap_or(k);
            if let Some(m) = np_core(doc, lo, end) {
                // a name opening the sentence wins over one inside the appositive
                if m.toks.start == lo || doc.is_sent_start(m.toks.start) {
                    return Some(Some(m));
                }
                let after_prep = m.toks.start > lo && toks[m.toks.start - 1].is(PREP);
                // ("On Tuesday, Donald Tusk, …": a day before the comma is no place)
                let place = m.toks.start > lo + 1
                    && toks[m.toks.start - 1].is_punct(',')
                    && toks[m.toks.start - 2].cap()
                    && toks[m.toks.start - 2].flags & (TIME | MONTH) == 0;
                if !after_prep && !place && m.kind != MKind::Pronoun(0) {
                    leftmost = Some(m.clone());
                }
                if fallback.is_none() {
                    fallback = Some(m);
                }
            }
        }
        if reports_here(doc, lo, k) {
            break;
        }
    }
    Some(leftmost.or(fallback))
}

/// Where the party tag closing right before `k` opens ("Morrow (D-Maine)"): a parenthesis
/// of a few capitalized words after a name.
fn tag_open(doc: &Doc, lo: usize, k: usize) -> Option<usize> {
    let toks = &doc.toks;
    if !(k > lo + 1 && toks[k - 1].is_punct(')')) {
        return None;
    }
    let o = (k.saturating_sub(7).max(lo)..k - 1)
        .rev()
        .find(|&o| toks[o].is_punct('('))?;
    let inner = &toks[o + 1..k - 1];
    let tag = !inner.is_empty()
        && inner.len() <= 5
        && inner
            .iter()
            .all(|t| t.cap() || t.punct().is_some() || t.is_word() && doc.word_is(t, "of"))
        && o > lo
        && name_word(&toks[o - 1]);
    tag.then_some(o)
}

/// Does the word at `k` report in the reporter's own clause, ending the speaker phrase?
/// Not a bare form used as a noun ("secretary of state"), an -ing form ("a creative writing
/// professor", "X, noting the size of the crowd, said"), nor a verb of a relative clause
/// inside the appositive ("an oncologist who advised the mayor").
fn reports_here(doc: &Doc, lo: usize, k: usize) -> bool {
    let toks = &doc.toks;
    let u = &toks[k];
    if u.flags & cues::SAY == 0 || u.cap() {
        return false;
    }
    if !finite_base(doc, k) {
        return false;
    }
    // ("a creative writing professor"; ", noting the crowd's size,": a participle in the
    // appositive is no finite report either)
    let participle = u.flags & cues::ING != 0 && k > lo && toks[k - 1].flags & (AUX | BE) == 0;
    let relative = (k.saturating_sub(4).max(lo)..k)
        .rev()
        .take_while(|&i| !toks[i].is_punct(','))
        .any(|i| toks[i].is_word() && doc.word_is(&toks[i], "who"));
    !(participle || relative)
}

/// "Stacy Baker of Columbia, South Carolina says": the state closing a hometown is not the
/// speaker; the name the "of"/"from" phrase follows is.
pub(super) fn past_home_state(doc: &Doc, lo: usize, m: Mention) -> Mention {
    let toks = &doc.toks;
    let s = m.toks.start;
    if m.kind != MKind::Name || s < lo + 4 || !toks[s - 1].is_punct(',') || !toks[s - 2].cap() {
        return m;
    }
    let prep = (s.saturating_sub(6).max(lo + 1)..s - 2)
        .rev()
        .find(|&i| toks[i].is_word() && ["of", "from"].iter().any(|w| doc.word_is(&toks[i], w)));
    let place_words = |p: usize| toks[p + 1..s - 1].iter().all(name_word);
    match prep {
        Some(p) if place_words(p) => match np_core(doc, lo, p) {
            Some(n) if n.kind == MKind::Name => n,
            _ => m,
        },
        _ => m,
    }
}

/// "Ana Toms, president and CEO of Harbour Bank said": an appositive its writer never closed
/// names the person's role and body; the name before its comma speaks, not the body.
pub(super) fn past_open_role(doc: &Doc, lo: usize, m: Mention) -> Mention {
    let toks = &doc.toks;
    let s = m.toks.start;
    let floor = lo.max(s.saturating_sub(10));
    let Some(comma) = (floor..s).rev().find(|&i| toks[i].punct().is_some()) else {
        return m;
    };
    if !toks[comma].is_punct(',') || comma <= lo {
        return m;
    }
    let phrase = &toks[comma + 1..m.toks.end];
    let role = phrase.iter().any(|t| t.is(ROLE | TITLE))
        && phrase
            .iter()
            .any(|t| t.is_word() && ["of", "at", "for"].iter().any(|w| doc.word_is(t, w)));
    if !role {
        return m;
    }
    match np_core(doc, lo, comma) {
        Some(n) if n.kind == MKind::Name && n.name.len() >= 2 => n,
        _ => m,
    }
}
