//! Attributions that live in the page's layout rather than in a sentence: a quote opening
//! the paragraph after one that ends with a colon, a credit line under a pull quote, the
//! second half of a split quote.

use super::attribute::{self, Found};
use super::frames;
use super::mentions::{np_after, MKind};
use super::Doc;

/// `Councillor Ada Brandt had a blunt answer for critics:` ¶ `“Come and see.”`: a quote that
/// opens its paragraph right after a colon takes the subject of the clause the colon ends.
pub fn after_colon_paragraph(doc: &Doc, q: usize) -> Option<Found> {
    let toks = &doc.toks;
    if q == 0 || !toks[q - 1].is_punct(':') || toks[q - 1].para() == toks[q].para() {
        return None;
    }
    let prev = doc.sents.get(doc.try_sent_of(q - 1)?)?;
    frames::frame(doc, prev.start, q)
}

/// `“Nobody here wants a strike.”` ¶ `Gail Perkins, union steward`: a paragraph that is only
/// a quotation, followed by a short line that opens with a full name and ends without a
/// sentence's punctuation, is credited to that name.
pub fn credit_line(doc: &Doc, qi: usize) -> Option<Found> {
    let toks = &doc.toks;
    let q = *doc.quote_tok.get(qi)?;
    let para = toks[q].para();
    // the quote is all its paragraph holds, but for punctuation
    let before = toks[..q].iter().rev().take_while(|t| t.para() == para);
    let after = toks[q + 1..].iter().take_while(|t| t.para() == para);
    if !before.chain(after).all(|t| t.punct().is_some()) {
        return None;
    }
    let start = q + toks[q..].iter().position(|t| t.para() != para)?;
    let next = toks[start].para();
    let end = start
        + toks[start..]
            .iter()
            .take_while(|t| t.para() == next)
            .count();
    let line = doc.paras.get(next)?.slice(doc.text)?.trim();
    let words = line.split_whitespace().count();
    if words > 10 || line.ends_with(['.', '!', '?', '"', '\u{201D}']) {
        return None;
    }
    let m = np_after(doc, start, end)?;
    let closes = m.toks.end >= end || toks[m.toks.end].is_punct(',');
    (m.kind == MKind::Name && m.name.len() >= 2 && closes).then_some(Found {
        mention: m,
        cue: None,
    })
}

/// The first half of a split quote and its attribution, when the quote at `q` follows
/// `“…,” said X,` in its sentence.
pub fn split_half(doc: &Doc, q: usize, lo: usize) -> Option<(Found, usize)> {
    let toks = &doc.toks;
    if q < lo + 3 || !toks[q - 1].is_punct(',') {
        return None;
    }
    let q1 = (lo..q - 1)
        .rev()
        .take(10)
        .find(|&i| toks[i].quote().is_some())?;
    let first = toks[q1].quote()?;
    let f = attribute::tail(doc, q1 + 1, q - 1)?;
    let last = f
        .cue
        .map_or(f.mention.toks.end, |v| v.max(f.mention.toks.end - 1) + 1);
    (last + 1 >= q - 1).then_some((f, first))
}
