//! Where a name stands in its sentence: a subject, an object of a preposition, a modifier of
//! another name. Antecedents are chosen by these positions.

use super::super::cues;
use super::super::lexicon::*;
use super::super::mentions::name_word;
use super::super::Doc;

/// Does the name starting at token `a` stand in subject position: opening its sentence
/// (after titles, an article, or an opening phrase and its comma), or opening a clause
/// after a conjunction or a quote?
pub(super) fn is_subject(doc: &Doc, a: usize) -> bool {
    let toks = &doc.toks;
    let s = doc.sent_of(a);
    let Some(sent) = doc.sents.get(s) else {
        return false;
    };
    let mut j = a;
    while j > sent.start
        && a - j < 10
        && toks[j - 1].is_word()
        && (toks[j - 1].cap() || toks[j - 1].flags & (ROLE | TITLE | DEMONYM) != 0)
        && toks[j - 1].flags & (PREP | CONJ | SUBORD) == 0
    {
        j -= 1;
    }
    if j > sent.start && toks[j - 1].is(DET) {
        j -= 1;
    }
    if j == sent.start {
        return true;
    }
    let p = &toks[j - 1];
    if p.is(CONJ) && j >= 2 && name_word(&toks[j - 2]) {
        return false;
    }
    // "games such as Civilisation": an example, not a subject
    if doc.word(j - 1).eq_ignore_ascii_case("as")
        && j >= 2
        && doc.word(j - 2).eq_ignore_ascii_case("such")
    {
        return false;
    }
    // a name right before a reporting verb is its subject
    let mut k = a;
    while k < toks.len() && (name_word(&toks[k]) || toks[k].flags & NAME_PARTICLE != 0) {
        k += 1;
    }
    while k < toks.len() && toks[k].is(AUX | ADV) {
        k += 1;
    }
    if toks
        .get(k)
        .is_some_and(|t| t.is_word() && !t.cap() && t.flags & (cues::SAY | cues::TAIL) != 0)
    {
        return true;
    }
    if p.quote().is_some() {
        return true;
    }
    // "and X" opens a clause only when a verb follows ("and Ross agreed"), not inside a
    // phrase ("talks between the mayor and Governor Ross.")
    if p.is(CONJ | SUBORD) {
        return toks.get(k).is_some_and(|t| {
            t.is_word() && !t.cap() && t.flags & (PREP | DET | CONJ | SUBORD | REL | POSS) == 0
        });
    }
    // "“…,” said Dale Fisher": the subject of an inverted reporting verb
    if p.is_word()
        && !p.cap()
        && p.flags & cues::SAY != 0
        && p.flags & cues::OBJ == 0
        && j >= 2
        && (toks[j - 2].quote().is_some()
            || toks[j - 2].is_punct(',') && j >= 3 && toks[j - 3].quote().is_some())
    {
        return true;
    }
    if p.is_punct(',') {
        if j >= 2 && toks[j - 2].quote().is_some() {
            return true;
        }
        // the first comma of a sentence opening with a phrase: "During the talks, X …"
        let first = &toks[sent.start];
        let fw = doc.word(sent.start);
        let opener = first.is(PREP | SUBORD | ADV | TIME)
            || first.flags & cues::ING != 0
            || fw.ends_with("ed")
            || fw.ends_with("ing")
            || !name_word(first) && first.quote().is_none() && !first.is(DET);
        let first_comma = toks[sent.start..j - 1].iter().all(|t| !t.is_punct(','));
        return opener && first_comma;
    }
    false
}

/// A lower-case noun that can describe a person before their name ("retiree",
/// "accountant"), as opposed to a verb ("hopes", "told", "wanted").
pub(super) fn descriptor_word(doc: &Doc, i: usize) -> bool {
    let t = &doc.toks[i];
    // (the token's marks first: the text is read only for the few words they let through)
    if !t.is_word() || t.cap() || t.flags & (CLOSED | TIME | VERB | cues::ANY | cues::TO) != 0 {
        return false;
    }
    let w = doc.word(i).as_bytes();
    !t.poss() && !w.ends_with(b"ed") && !w.ends_with(b"ing") && !w.ends_with(b"s")
}

/// Does a name ending at `b` qualify a name after it ("Toronto retiree Doug Purdy")?
pub(super) fn qualifies_name(doc: &Doc, b: usize) -> bool {
    let toks = &doc.toks;
    let mut j = b;
    while j < toks.len() && j < b + 3 && descriptor_word(doc, j) {
        j += 1;
    }
    // only a single word qualifies ("Toronto retiree"); a full name before a word and
    // another name is a subject and its verb ("Anna Berg met Paul Kroll")
    let single = b >= 2 && !name_word(&toks[b - 2]) || b == 1;
    single && j > b && toks.get(j).is_some_and(name_word)
}

/// Is the name at `a` the object of a preposition ("in Antigonish", "with Green")?
pub(super) fn after_prep(doc: &Doc, a: usize) -> bool {
    let toks = &doc.toks;
    let mut j = a;
    while j > 0
        && a - j < 10
        && toks[j - 1].is_word()
        && (toks[j - 1].cap() || toks[j - 1].is(DET))
        && toks[j - 1].flags & PREP == 0
    {
        j -= 1;
    }
    if j >= 2 && toks[j - 1].is(CONJ) && name_word(&toks[j - 2]) {
        let mut k = j - 2;
        while k > 0 && name_word(&toks[k - 1]) {
            k -= 1;
        }
        return k > 0 && toks[k - 1].is(PREP);
    }
    j > 0
        && (toks[j - 1].is(PREP)
            || toks[j - 1].is_punct(',') && j >= 2 && toks[j - 2].cap() && toks[j - 2].is_word())
}
