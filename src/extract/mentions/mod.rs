//! Speaker mentions: the noun phrase next to a reporting verb.
//!
//! A speaker is named ("French President Emmanuel Macron", "TransLink"), described ("the
//! mayor", "a spokesperson", "McCallum’s staff"), or a pronoun. These functions read the
//! phrase that ends right before a verb ("X said") or starts right after one ("said X"),
//! and split a name from the titles and roles written in front of it.

use super::cues;
use super::lexicon::*;
use super::tokens::Tok;
use super::Doc;
use std::ops::Range;

mod appositive;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MKind {
    /// A proper name; `name` is the part without titles.
    Name,
    /// A pronoun; the flag says which (`PRON_M`, `PRON_F`, …).
    Pronoun(u64),
    /// A description: "the mayor", "city staff".
    Nominal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub kind: MKind,
    /// Token range of the whole phrase.
    pub toks: Range<usize>,
    /// Token range of the name proper (for names), else of the whole phrase.
    pub name: Range<usize>,
}

impl Mention {
    pub fn start(&self, doc: &Doc) -> usize {
        doc.toks[self.name.start].start()
    }
    pub fn end(&self, doc: &Doc) -> usize {
        doc.toks[self.name.end - 1].end()
    }
}

const STOP_NAME: u64 = CLOSED | TIME | MONTH;

/// Can this token be part of a proper name?
pub fn name_word(t: &Tok) -> bool {
    // a lone capital ("-11 C") is no name; an initial keeps its period ("J.")
    t.is_word()
        && t.cap()
        && t.end() - t.start() > 1
        && (t.flags & STOP_NAME == 0 || t.flags & (TITLE | DEMONYM) != 0)
}

fn pronoun_subject(t: &Tok, doc: &Doc, i: usize) -> Option<u64> {
    if !t.is_word() || t.flags & PRONOUN == 0 {
        return None;
    }
    // "US" is a country, not "us"; "IT" is not "it"
    let w = doc.word(i);
    if w.len() > 1 && w.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    Some(t.flags & PRONOUN)
}

/// Splits a capitalized run `r` into titles/roles in front and the name proper.
pub fn split_name(doc: &Doc, r: Range<usize>) -> Option<Range<usize>> {
    let toks = &doc.toks;
    let mut k = r.end;
    while k > r.start {
        let t = &toks[k - 1];
        let word_ok = t.is_word()
            && ((t.cap() && t.flags & (TITLE | STOP_NAME) == 0)
                || (t.flags & NAME_PARTICLE != 0 && k < r.end && k - 1 > r.start)
                || (doc.word_eq(k - 1, "of")
                    && k < r.end
                    && k - 1 > r.start
                    && toks[k - 2].cap()
                    && toks[k - 2].flags & TITLE == 0));
        // "Vancouver's Bo Horvat": a possessive in front is not part of the name
        if !word_ok || t.poss() && k < r.end {
            break;
        }
        k -= 1;
    }
    // demonyms and the like in front ("French", "US") belong to the role, and so does a role
    // word capitalised only because it opens the sentence ("Economist Philip Cross", and
    // "Actress Lena Park": a word that is no given name, before a given name and a surname),
    // or a compound describing the person ("Oscar-winner", "Texas-based")
    while k < r.end
        && r.end - k > 1
        && toks[k].flags & ORG == 0
        && (toks[k].is(DEMONYM | PARTY)
            || toks[k].is(ROLE) && doc.is_sent_start(k)
            || descriptive_compound(doc.word(k))
            || doc.is_sent_start(k)
                && r.end - k >= 3
                && toks[k].flags & (GIVEN_M | GIVEN_F) == 0
                && toks[k + 1].flags & (GIVEN_M | GIVEN_F) != 0)
    {
        k += 1;
    }
    if k >= r.end {
        return None;
    }
    // "Secretary of State Mike Pompeo": the portfolio after a title is not the name
    if doc.word_eq(k, "of") || k >= r.start + 2 && doc.word_eq(k - 1, "of") && toks[k - 2].is(TITLE)
    {
        let n = r.end - k;
        if n > 2 {
            k = r.end - 2;
        } else if doc.word_eq(k, "of") {
            k = r.end - n.min(2);
        }
    }
    if doc.word_eq(k, "of") || toks[k].flags & NAME_PARTICLE != 0 && k + 1 == r.end {
        return None;
    }
    // a run of capitals longer than any name is a list or a heading (or no words at all);
    // taken as one name, it would be copied into every quote its pronouns attribute
    if r.end - k > MAX_NAME_WORDS || toks[r.end - 1].end() - toks[k].start() > MAX_NAME_BYTES {
        return None;
    }
    Some(k..r.end)
}

/// Most words (name particles and "of" included) in the name of a person or a body.
const MAX_NAME_WORDS: usize = 10;
/// Most bytes in a name: a "word" of thousands of letters is no name either.
const MAX_NAME_BYTES: usize = 100;

/// "Oscar-winner", "Texas-based", "Harvard-educated": a hyphenated word whose second part is
/// lower-case describes a person; a name's parts are all capitalised ("Ocasio-Cortez").
fn descriptive_compound(w: &str) -> bool {
    w.split_once('-')
        .is_some_and(|(a, b)| !a.is_empty() && b.chars().next().is_some_and(char::is_lowercase))
}

fn is_speaker_head(t: &Tok) -> bool {
    t.is_word() && !t.cap() && t.flags & (ROLE | SOURCE) != 0 && t.flags & NOT_SPEAKER == 0
}

/// An agent noun ("defenders", "organizers", "residents", "economists") that heads a
/// speaker phrase right before a reporting verb.
fn agent_noun(doc: &Doc, i: usize) -> bool {
    let t = &doc.toks[i];
    let w = doc.word(i);
    t.is_word()
        && !t.cap()
        && w.len() > 4
        && t.flags & (CLOSED | NOT_SPEAKER | TIME | MONTH | cues::ANY | VERB) == 0
        && [
            "ers", "ors", "ists", "ians", "ants", "ents", "er", "or", "ist", "ian",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

/// Builds a mention from the phrase `a..b` (head at `b - 1`).
fn classify(doc: &Doc, a: usize, b: usize) -> Option<Mention> {
    let head = &doc.toks[b - 1];
    // "Critics say", "Proponents of the bill say": a group noun capitalised only because it
    // opens the sentence
    if b - a == 1
        && doc.is_sent_start(a)
        && head.flags & (ROLE | SOURCE) != 0
        && head.flags & (TITLE | NOT_SPEAKER) == 0
        && !head.poss()
    {
        return Some(Mention {
            kind: MKind::Nominal,
            toks: a..b,
            name: a..b,
        });
    }
    // "the Conservatives", "Democrats": a party's members, a group that speaks
    if head.cap() && head.is(PARTY) && doc.word(b - 1).ends_with('s') && !head.poss() {
        return Some(Mention {
            kind: MKind::Nominal,
            toks: a..b,
            name: a..b,
        });
    }
    if name_word(head) && !head.poss() {
        // a title alone ("the President") is a description
        if let Some(name) = split_name(doc, a..b) {
            return Some(Mention {
                kind: MKind::Name,
                toks: a..b,
                name,
            });
        }
        if head.flags & (TITLE | ROLE) != 0 {
            return Some(Mention {
                kind: MKind::Nominal,
                toks: a..b,
                name: a..b,
            });
        }
        return None;
    }
    // "The 26-year-old right wing said": a definite description opening the sentence
    let definite_subject = !head.cap()
        && head.is_word()
        && head.flags & (CLOSED | NOT_SPEAKER | TIME | MONTH | cues::ANY) == 0
        && b - a >= 2
        && doc.word(a).eq_ignore_ascii_case("the")
        && doc.is_sent_start(a);
    // "One attendee said", "Another delegate said": a counted description opening the
    // sentence
    let counted_subject = !head.cap()
        && head.is_word()
        && head.flags & (CLOSED | NOT_SPEAKER | TIME | MONTH | cues::ANY) == 0
        && b - a >= 2
        && (doc.toks[a].is(NUMBER) || doc.word(a).eq_ignore_ascii_case("another"))
        && doc.is_sent_start(a);
    if is_speaker_head(head)
        || definite_subject
        || counted_subject
        || agent_noun(doc, b - 1)
        || (head.cap() && head.flags & (TITLE | ROLE) != 0 && !head.poss())
    {
        return Some(Mention {
            kind: MKind::Nominal,
            toks: a..b,
            name: a..b,
        });
    }
    None
}

/// Words allowed inside a described speaker before its head ("the French leader", "Surrey
/// city staff", "Cisco System’s Talos cybersecurity unit").
fn modifier_ok(t: &Tok) -> bool {
    t.is_word() && t.flags & (cues::ANY | CLOSED | TIME | AUX | BE | VERB) == 0
        || t.is(DEMONYM)
        || (t.is_word() && t.cap() && t.flags & (TITLE | DEMONYM) != 0)
}

/// The speaker phrase ending right before token `hi` (skipping adverbs and auxiliaries),
/// not reaching before `lo`.
pub fn np_before(doc: &Doc, lo: usize, hi: usize) -> Option<Mention> {
    let toks = &doc.toks;
    let mut j = hi;
    // "X has also said", "X on Friday said"
    let mut skipped = 0;
    while j > lo && skipped < 4 {
        let t = &toks[j - 1];
        // "Sanders himself acknowledged"
        let reflexive = t.is(PRON_OBJ)
            && (doc.word(j - 1).ends_with("self") || doc.word(j - 1).ends_with("selves"));
        if t.is_word()
            && (t.flags & (AUX | ADV | NEG) != 0 && t.flags & PRONOUN == 0
                || reflexive
                || t.flags & (TIME | MONTH) != 0 && !t.cap()
                || t.flags & (TIME) != 0 && t.cap() && t.flags & PRONOUN == 0)
            && !(t.cap() && t.flags & (TIME | MONTH) == 0 && t.flags & (AUX | ADV | NEG) == 0)
        {
            j -= 1;
            skipped += 1;
            // "on Friday"
            if j > lo && toks[j - 1].is(PREP) && t.flags & TIME != 0 {
                j -= 1;
            }
            continue;
        }
        // "Hale at the time said", "Ruiz at that moment said"
        let when = ["time", "moment"].iter().any(|w| doc.word_is(t, w));
        if when && j >= lo + 3 && toks[j - 2].is(DET) && toks[j - 3].is(PREP) {
            j -= 3;
            skipped += 3;
            continue;
        }
        // "Lund in his opening speech called": a short phrase about the occasion between a
        // name and its verb
        let occasion = (j.saturating_sub(5).max(lo + 1)..j - 1).find(|&p| {
            toks[p].is(PREP)
                && !toks[p].cap()
                && toks[p + 1].is(DET | POSS)
                && name_word(&toks[p - 1])
                && toks[p + 1..j].iter().all(|u| u.is_word() && !u.cap())
        });
        if let Some(p) = occasion {
            j = p;
            skipped += 4;
            continue;
        }
        break;
    }
    if j <= lo {
        return None;
    }
    if let Some(m) = appositive::across(doc, lo, j) {
        return m;
    }
    let m = np_core(doc, lo, j)?;
    let m = appositive::past_home_state(doc, lo, m);
    Some(appositive::past_open_role(doc, lo, m))
}

pub(super) fn np_core(doc: &Doc, lo: usize, j: usize) -> Option<Mention> {
    let toks = &doc.toks;
    if j <= lo {
        return None;
    }
    let t = &toks[j - 1];
    if let Some(p) = pronoun_subject(t, doc, j - 1) {
        return Some(Mention {
            kind: MKind::Pronoun(p),
            toks: j - 1..j,
            name: j - 1..j,
        });
    }
    if !t.is_word() {
        return None;
    }
    if t.flags & CLOSED != 0 && t.flags & (TITLE | ROLE | SOURCE) == 0 {
        return None;
    }
    let mut a = j - 1;
    let mut n = 1;
    let name_head = name_word(t);
    while a > lo && n < 9 {
        let p = &toks[a - 1];
        if !p.is_word() {
            break;
        }
        if p.is(DET | POSS) && !(p.cap() && p.flags & DEMONYM != 0) {
            // "his allies", "the mayor"; but "US" is not "us"
            if p.flags & DET != 0 || p.flags & POSS != 0 {
                a -= 1;
            }
            break;
        }
        // "One attendee said", "Two officials said": a count opening the sentence
        if p.is(NUMBER) && !t.cap() && doc.is_sent_start(a - 1) {
            a -= 1;
            break;
        }
        let w = doc.word(a - 1);
        if (w == "of" || w == "for" || w == "at" || w == "de")
            && toks[a].cap()
            && a >= lo + 2
            && (toks[a - 2].cap() || toks[a - 2].is(DET))
        {
            a -= 1;
            n += 1;
            continue;
        }
        if p.poss() {
            a -= 1;
            n += 1;
            continue;
        }
        if name_head && p.cap() && name_word(p) || modifier_ok(p) {
            a -= 1;
            n += 1;
            continue;
        }
        break;
    }
    // "sources familiar with the negotiations said", "people close to the talks say"
    if a > lo + 2 {
        let w = doc.word(a - 1);
        let mut buf = [0; 32];
        let adj = ascii_lower(doc.word(a - 2), &mut buf);
        if matches!(w, "with" | "to" | "on")
            && matches!(adj, "familiar" | "close" | "knowledgeable" | "briefed")
        {
            if let Some(m) = np_core(doc, lo, a - 2) {
                if m.kind == MKind::Nominal || m.kind == MKind::Name {
                    return Some(Mention {
                        kind: MKind::Nominal,
                        toks: m.toks.start..j,
                        name: m.toks.start..j,
                    });
                }
            }
        }
    }
    // "A spokeswoman for Mayor Grant said": the spokeswoman speaks, for the mayor
    if a > lo + 1 && matches!(doc.word(a - 1), "for" | "of" | "to") && toks[a - 2].is(RELATION) {
        if let Some(m) = np_core(doc, lo, a - 1) {
            if m.kind == MKind::Nominal {
                return Some(Mention {
                    kind: MKind::Nominal,
                    toks: m.toks.start..j,
                    name: m.toks.start..j,
                });
            }
        }
    }
    // "Tim Guest with the Nova Scotia Health Authority said": the person speaks;
    // "Proponents of the new bill say": the described group does
    if a > lo + 1 {
        let w = doc.word(a - 1);
        if matches!(w, "with" | "of" | "from" | "at") {
            if let Some(m) = np_core(doc, lo, a - 1) {
                if m.kind == MKind::Name && m.name.len() >= 2 {
                    return Some(m);
                }
                // (a definite description opening the sentence is its subject: "The former
                // sergeant-at-arms of the House of Commons said")
                let definite_opening = doc.is_sent_start(m.toks.start)
                    && doc.word(m.toks.start).eq_ignore_ascii_case("the");
                // (but not a document: "records from December show")
                let document = super::documents::is_document(doc.word(m.toks.end - 1))
                    || doc.toks[m.toks.end - 1].flags & (ROLE | PRON_PL) == 0
                        && !doc.word(m.toks.end - 1).ends_with('s');
                if m.kind == MKind::Nominal
                    && !document
                    && (doc.toks[m.toks.end - 1].flags & (ROLE | SOURCE) != 0 || definite_opening)
                    && (definite_opening
                        || classify(doc, a, j).is_none_or(|n| n.kind != MKind::Name))
                {
                    return Some(Mention {
                        kind: MKind::Nominal,
                        toks: m.toks.start..j,
                        name: m.toks.start..j,
                    });
                }
            }
        }
    }
    classify(doc, a, j)
}

/// The speaker phrase starting at token `i` ("said Mr Macron", "according to police").
pub fn np_after(doc: &Doc, i: usize, hi: usize) -> Option<Mention> {
    let toks = &doc.toks;
    let t = toks.get(i)?;
    if i >= hi {
        return None;
    }
    if let Some(p) = pronoun_subject(t, doc, i) {
        return Some(Mention {
            kind: MKind::Pronoun(p),
            toks: i..i + 1,
            name: i..i + 1,
        });
    }
    let mut b = i;
    if t.is(DET | POSS) && !(t.cap() && t.flags & DEMONYM != 0) {
        b += 1;
    }
    let first = b;
    while b < hi && b - first < 12 {
        let u = &toks[b];
        if !u.is_word() && !u.is_punct(',') {
            break;
        }
        let w = doc.word(b);
        if (w == "of" || w == "for" || w == "at" || w == "de")
            && b > first
            && toks.get(b + 1).is_some_and(|n| n.cap() || n.is(DET))
            && toks[b - 1].cap()
        {
            // "said Stephen Vale of the University of Texas": a person's full name ends the
            // phrase; what follows "of" is where they work or live
            let personal = b >= first + 2
                && toks[first..b]
                    .iter()
                    .all(|t| name_word(t) && t.flags & TITLE == 0);
            if personal {
                break;
            }
            b += 1;
            continue;
        }
        if u.is(DET) && b > first && toks[b - 1].flags & PREP != 0 {
            b += 1;
            continue;
        }
        if b > i && !u.cap() && u.flags & SOURCE != 0 && u.flags & cues::ANY != 0 {
            // "the report said": a noun that is also a reporting verb ends the phrase
            b += 1;
            break;
        }
        // "Ada Brandt thanked Mayor Ivo Kess": a verb after a name ends the phrase
        let verb_after_name = !u.cap()
            && u.flags & ROLE == 0
            && (u.flags & (VERB | cues::ANY) != 0 || w.ends_with("ed"))
            && toks[first..b].iter().any(name_word);
        if verb_after_name {
            break;
        }
        if name_word(u) || modifier_ok(u) || u.poss() {
            b += 1;
            continue;
        }
        // "the lanky, bespectacled professor"
        if u.is_punct(',')
            && b > first
            && !toks[b - 1].cap()
            && toks[b - 1].flags & ROLE == 0
            && toks.get(b + 1).is_some_and(|n| modifier_ok(n) && !n.cap())
        {
            b += 1;
            continue;
        }
        // "oil and gas worker Mike Wipf"
        if w == "and" && b > first && !toks[b - 1].cap() && toks.get(b + 1).is_some_and(modifier_ok)
        {
            b += 1;
            continue;
        }
        // "Heart and Stroke senior manager Erin Kim": "and" inside an organisation's name
        if w == "and" && b > first && toks[b - 1].cap() && toks.get(b + 1).is_some_and(name_word) {
            b += 1;
            continue;
        }
        break;
    }
    // trim dangling "of"/"the"
    while b > first && (doc.word_eq(b - 1, "of") || toks[b - 1].is(DET | PREP)) {
        b -= 1;
    }
    if b <= first {
        return None;
    }
    // the phrase ends with its last name or speaker noun ("said Green afterwards")
    let mut end = b;
    while end > first && !(name_word(&toks[end - 1]) || is_speaker_head(&toks[end - 1])) {
        end -= 1;
    }
    if end <= first {
        end = b;
    }
    classify(doc, i, end)
}

/// The source after "according to": everything up to the next comma or the sentence end;
/// the last name in it is the speaker ("a study released Monday by Civic Action").
pub fn according_np(doc: &Doc, i: usize, hi: usize) -> Option<Mention> {
    let toks = &doc.toks;
    let mut e = i;
    while e < hi && e < i + 20 && toks[e].is_word() {
        e += 1;
    }
    while e > i && toks[e - 1].punct().is_some() {
        e -= 1;
    }
    if e <= i {
        return None;
    }
    if let Some(p) = pronoun_subject(&toks[i], doc, i) {
        return Some(Mention {
            kind: MKind::Pronoun(p),
            toks: i..i + 1,
            name: i..i + 1,
        });
    }
    // the last capitalized run
    let mut b = e;
    while b > i && !name_word(&toks[b - 1]) {
        b -= 1;
    }
    if b > i {
        let mut a = b - 1;
        while a > i
            && (name_word(&toks[a - 1])
                || doc.word_eq(a - 1, "of") && a - 1 > i && name_word(&toks[a - 2]))
        {
            a -= 1;
        }
        if let Some(name) = split_name(doc, a..b) {
            // a name that only qualifies the head ("the Civic Action study") keeps the head
            let head_after = b < e && is_speaker_head(&toks[e - 1]) && e - b <= 2;
            if !head_after {
                return Some(Mention {
                    kind: MKind::Name,
                    toks: i..e,
                    name,
                });
            }
        }
    }
    Some(Mention {
        kind: MKind::Nominal,
        toks: i..e,
        name: i..e,
    })
}
