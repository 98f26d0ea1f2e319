//! Documents that speak for their authors: "the report said", "according to the study",
//! "a statement read". A document's words are its author's, and the author is named with it
//! ("the Civic Action study", "a post by Jo Marsh") or in a sentence before about the same
//! kind of document.

use super::coref::{self, Entities};
use super::mentions::MKind;
use super::{attribute, lexicon, Doc};

/// The author of a document a description names ("the Civic Action study", "the report",
/// "A statement"): a name qualifying it in the phrase; else the subject of the last sentence,
/// within two paragraphs, that mentions the same kind of document ("Philip Cross wrote in a
/// recent report … the report said"); else, for a first mention ("A statement said"), the
/// subject of the sentence before, when it names a person or a body.
pub(super) fn document_author(
    doc: &Doc,
    ents: &Entities,
    m: &super::mentions::Mention,
) -> Option<usize> {
    let toks = &doc.toks;
    let head = m.toks.end - 1;
    if let Some(i) = (m.toks.start..head).find(|&i| super::mentions::name_word(&toks[i])) {
        let mut j = i;
        while j < head && super::mentions::name_word(&toks[j]) {
            j += 1;
        }
        return ents.of_name(doc, i..j);
    }
    let hw = coref::key(doc.word(head));
    let stem = hw.trim_end_matches('s');
    let s0 = doc.try_sent_of(m.toks.start)?;
    let para = toks[m.toks.start].para();
    let subject_entity = |si: usize| {
        let r = doc.sents.get(si)?.clone();
        let sm = attribute::sentence_subject(doc, r.start, r.end)?;
        match sm.kind {
            MKind::Name => ents.of_name(doc, sm.name.clone()),
            MKind::Pronoun(f) if f & (lexicon::PRON_M | lexicon::PRON_F) != 0 => {
                ents.resolve_pronoun(doc, sm.toks.start, f, None)
            }
            _ => None,
        }
    };
    for si in (s0.saturating_sub(8)..s0).rev() {
        let r = doc.sents[si].clone();
        if r.is_empty() || toks[r.start].para() + 2 < para {
            break;
        }
        let mention = r.clone().take(200).find(|&i| {
            toks[i].is_word() && doc.word(i).trim_end_matches('s').eq_ignore_ascii_case(stem)
        });
        if let Some(d) = mention {
            // "the Civic Action study", "a post by Jo Marsh": the author named with it
            if let Some(e) = named_author(doc, ents, d, r.end) {
                return Some(e);
            }
            // "…,” Philip Cross wrote in a recent report": who wrote it
            if let Some(e) = writer(doc, ents, r.start, d) {
                return Some(e);
            }
            if let Some(e) = subject_entity(si) {
                return Some(e);
            }
        }
    }
    let indefinite = matches!(doc.word(m.toks.start), "A" | "An" | "a" | "an");
    if indefinite && s0 > 0 && toks[doc.sents[s0 - 1].start].para() + 1 >= para {
        return subject_entity(s0 - 1);
    }
    None
}

/// The author named with the document word at `d`: a name right before it ("the Civic
/// Action study") or after "by" ("a post by Jo Marsh").
fn named_author(doc: &Doc, ents: &Entities, d: usize, hi: usize) -> Option<usize> {
    let toks = &doc.toks;
    let name = super::mentions::name_word;
    let mut a = d;
    while a > 0 && d - a < 6 && name(&toks[a - 1]) {
        a -= 1;
    }
    if a < d {
        if let Some(e) = ents.of_name(doc, a..d) {
            return Some(e);
        }
    }
    let b = d + 1;
    if b + 1 < hi && attribute::is_word(doc, b, "by") && name(&toks[b + 1]) {
        let mut e = b + 1;
        while e < hi && e < b + 7 && name(&toks[e]) {
            e += 1;
        }
        return ents.of_name(doc, b + 1..e);
    }
    None
}

/// `X wrote in a recent report`, `X said in a statement`: the subject of a reporting verb
/// that the phrase holding the document word at `d` follows.
fn writer(doc: &Doc, ents: &Entities, lo: usize, d: usize) -> Option<usize> {
    let toks = &doc.toks;
    let prep = (d.saturating_sub(5).max(lo)..d)
        .rev()
        .find(|&i| attribute::is_word(doc, i, "in"))?;
    let v = prep.checked_sub(1).filter(|&v| v >= lo)?;
    if toks[v].flags & super::cues::SAY == 0 || toks[v].cap() {
        return None;
    }
    let m = super::mentions::np_before(doc, lo, v)?;
    match m.kind {
        MKind::Name => ents.of_name(doc, m.name),
        _ => None,
    }
}

/// Nouns for what a person writes or issues ("her statement read").
pub(crate) fn is_document(w: &str) -> bool {
    matches!(
        lexicon::ascii_lower(w, &mut [0; 32]),
        "statement"
            | "letter"
            | "post"
            | "tweet"
            | "email"
            | "e-mail"
            | "release"
            | "memo"
            | "note"
            | "blog"
            | "message"
            | "website"
            | "account"
            | "column"
            | "book"
            | "decision"
            | "ruling"
            | "affidavit"
            | "filing"
            | "testimony"
            | "speech"
            | "remarks"
            | "report"
            | "op-ed"
            | "essay"
            | "memoir"
            | "submission"
            | "records"
            | "documents"
            | "data"
            | "figures"
            | "statistics"
            | "estimates"
            | "findings"
            | "study"
            | "survey"
            | "poll"
            | "analysis"
            | "review"
            | "audit"
    )
}
