//! Attributions without a reporting verb next to the quote: a colon after a clause about
//! someone (`X, the director, is more blunt: "…"`), a roundup line (`Jane Roe, Daily Ledger:
//! "…"`), "In her words," and "As X put it,", and a fragment in the predicate of a named
//! subject (`X thanked the crew for "…"`).

use super::attribute::{is_word, sentence_subject, skip_adverbs, Found};
use super::cues::{ANY, ING, SAY};
use super::lexicon::*;
use super::mentions::{np_after, np_before, MKind, Mention};
use super::Doc;

/// "In her words, "…"", "In Nora Quist's own words, "…"": the owner of the words speaks.
fn in_words(doc: &Doc, s: usize, q: usize) -> Option<Found> {
    let toks = &doc.toks;
    if !(s + 3 < q && is_word(doc, s, "in")) {
        return None;
    }
    let w = (s + 2..q.min(s + 7)).find(|&w| is_word(doc, w, "words"))?;
    let owner = if is_word(doc, w - 1, "own") {
        s + 1..w - 1
    } else {
        s + 1..w
    };
    if !toks.get(w + 1).is_some_and(|t| t.is_punct(',')) || owner.is_empty() {
        return None;
    }
    let kind = match ascii_lower(doc.word(owner.start), &mut [0; 32]) {
        "his" if owner.len() == 1 => MKind::Pronoun(PRON_M),
        "her" if owner.len() == 1 => MKind::Pronoun(PRON_F),
        "their" if owner.len() == 1 => MKind::Pronoun(PRON_PL),
        _ if toks[owner.end - 1].poss() && toks[owner.clone()].iter().all(|t| t.cap()) => {
            MKind::Name
        }
        _ => return None,
    };
    let mention = Mention {
        kind,
        toks: owner.clone(),
        name: owner,
    };
    Some(Found { mention, cue: None })
}

/// Quotes introduced without a reporting verb: `X, the director, is more blunt: "…"`,
/// `Jane Roe, Daily Ledger: "…"`, `In her words, "…"`, `As X put it, "…"`. `q` is the quote's
/// token; `lo` the start of the sentence holding what introduces it.
pub fn frame(doc: &Doc, lo: usize, q: usize) -> Option<Found> {
    let toks = &doc.toks;
    if q <= lo {
        return None;
    }
    // "In her words," / "In Smith's words," / "As Smith put it,"
    let mut s = lo;
    while s < q && toks[s].punct().is_some() {
        s += 1;
    }
    if let Some(f) = in_words(doc, s, q) {
        return Some(f);
    }
    if is_word(doc, s, "as") {
        let m = np_after(doc, s + 1, q)?;
        let v = m.toks.end;
        if is_word(doc, v, "put") && is_word(doc, v + 1, "it") {
            return Some(Found {
                mention: m,
                cue: Some(v),
            });
        }
    }
    // "X, the clinic's director, is more blunt:": the subject of the clause the colon ends
    let colon = q - 1;
    if !toks[colon].is_punct(':') {
        return None;
    }
    if let Some(f) = set_off_name(doc, lo, q) {
        return Some(f);
    }
    let m = sentence_subject(doc, lo, colon)?;
    // ("Two other entries made it:" is no speaker)
    speaker_like(doc, &m).then_some(Found {
        mention: m,
        cue: None,
    })
}

/// "Pollsters agree — Carl Bialik: “…”", "… — More from Jones: “…”": a name set off by a
/// dash (or after "more from" that follows one) right before the colon introducing the quote
/// at `q`; it wins over any verb in the heading before the dash.
pub fn set_off_name(doc: &Doc, lo: usize, q: usize) -> Option<Found> {
    let toks = &doc.toks;
    if q <= lo + 1 || !toks[q - 1].is_punct(':') {
        return None;
    }
    let m = np_before(doc, lo, q - 1)?;
    let s = m.toks.start;
    let is_dash = |i: usize| {
        toks[i]
            .punct()
            .is_some_and(|c| matches!(c, '\u{2014}' | '\u{2013}' | '-'))
    };
    let dash = s > lo && is_dash(s - 1);
    let more_from =
        s >= lo + 3 && is_word(doc, s - 1, "from") && is_word(doc, s - 2, "more") && is_dash(s - 3);
    (m.kind == MKind::Name && (dash && m.name.len() >= 2 || more_from)).then_some(Found {
        mention: m,
        cue: None,
    })
}

/// `Moore thanked him for “stepping up”`, `Hollande denounced the remarks as “hurtful”`: a
/// fragment in the predicate of a clause whose subject is a person or a body is that
/// subject's words, even when the verb is not one of reporting. Only the main clause's own
/// predicate counts: no relative or subordinate clause, other quote or reporting verb may
/// stand between the verb and the fragment.
pub fn stance(doc: &Doc, lo: usize, q: usize) -> Option<Found> {
    let toks = &doc.toks;
    if q <= lo + 1 {
        return None;
    }
    let m = sentence_subject(doc, lo, q)?;
    // (a pronoun's sentence about what someone does is too weak a sign)
    if !speaker_like(doc, &m) || m.toks.end >= q || matches!(m.kind, MKind::Pronoun(_)) {
        return None;
    }
    // the subject ends before the first verb ("The mayor signed executive orders …" is not
    // about "the mayor signed executive")
    let first_verb = (m.toks.start + 1..m.toks.end).any(|i| {
        let u = &toks[i];
        u.is_word() && !u.cap() && (u.flags & (VERB | ANY) != 0 || doc.word(i).ends_with("ed"))
    });
    if first_verb {
        return None;
    }
    let mut v = skip_adverbs(doc, m.toks.end, q);
    // "is questioning", "are mulling": a progressive form
    if toks.get(v).is_some_and(|t| t.is(BE))
        && toks
            .get(v + 1)
            .is_some_and(|n| n.flags & ING != 0 || doc.word(v + 1).ends_with("ing"))
    {
        v += 1;
    }
    let t = toks.get(v)?;
    let w = doc.word(v);
    let verb = t.is_word()
        && !t.cap()
        && t.flags & (PREP | DET | CONJ | SUBORD | REL | POSS | PRONOUN | BE | NEG) == 0
        && (t.flags & (VERB | ANY) != 0
            || w.ends_with("ed")
            || w.ends_with('s')
            || w.ends_with("ing") && toks[v - 1].is(BE));
    if !verb || q - v > 16 {
        return None;
    }
    // ("worried that …", "is questioning whether …": the verb's own complement clause may
    // open the predicate; a noun spelled like a reporting verb, "his promise of", is no report)
    let complement = v + 1 < q
        && ["that", "whether", "if"]
            .iter()
            .any(|w| doc.word(v + 1).eq_ignore_ascii_case(w));
    let first = if complement { v + 2 } else { v + 1 };
    let clean = (first..q).all(|i| {
        let u = &toks[i];
        let noun = toks[i - 1].is(DET | POSS);
        let report = u.flags & SAY != 0 && !u.cap() && !noun;
        !(report || u.is(REL | SUBORD) || u.quote().is_some() || u.is_punct(';') || u.is_punct(':'))
    });
    clean.then_some(Found {
        mention: m,
        cue: Some(v),
    })
}

/// Can this phrase be a speaker: a name (not a number), he, she or they, or a description
/// headed by a role or a source ("the mayor", "officials")?
fn speaker_like(doc: &Doc, m: &Mention) -> bool {
    match m.kind {
        MKind::Name => !doc.toks[m.name.clone()].iter().any(|t| t.is(NUMBER)),
        MKind::Pronoun(f) => f & (PRON_M | PRON_F | PRON_PL) != 0,
        MKind::Nominal => doc.toks[m.toks.end - 1].flags & (ROLE | SOURCE) != 0,
    }
}

/// Nouns for what someone says: "her slogan", "the senator's “…” pledge".
const SPEECH_NOUNS: &[&str] = &[
    "slogan",
    "motto",
    "catchphrase",
    "mantra",
    "refrain",
    "promise",
    "pledge",
    "vow",
    "claim",
    "comment",
    "comments",
    "remark",
    "remarks",
    "assertion",
    "accusation",
    "warning",
    "quip",
    "line",
    "dictum",
    "message",
    "words",
];

pub fn speech_noun(doc: &Doc, i: usize) -> bool {
    doc.toks
        .get(i)
        .is_some_and(|t| t.is_word() && !t.cap() && SPEECH_NOUNS.iter().any(|n| doc.word_is(t, n)))
}

/// The owner's name ending in a possessive at `p` ("Moss's", "Rita Moss's"), or "his" /
/// "her" / "their".
fn owner_at(doc: &Doc, lo: usize, p: usize) -> Option<Mention> {
    let toks = &doc.toks;
    let t = toks.get(p)?;
    let kind = match ascii_lower(doc.word(p), &mut [0; 32]) {
        "his" => MKind::Pronoun(PRON_M),
        "her" => MKind::Pronoun(PRON_F),
        "their" => MKind::Pronoun(PRON_PL),
        _ if t.poss() && super::mentions::name_word(t) => MKind::Name,
        _ => return None,
    };
    let mut a = p;
    if kind == MKind::Name {
        while a > lo && a + 4 > p && super::mentions::name_word(&toks[a - 1]) && !toks[a - 1].poss()
        {
            a -= 1;
        }
    }
    Some(Mention {
        kind,
        toks: a..p + 1,
        name: a..p + 1,
    })
}

/// `Moss's “no new tolls …” pledge`, `Her campaign motto is “Roads first.”`,
/// `Lane's refrain was that Ortiz “would promise anything”`: words a possessive owner's
/// speech noun names are the owner's. The noun stands right after the quote, or up to a
/// dozen words before it with no other quote, report or punctuation between.
pub fn owned_words(doc: &Doc, lo: usize, q: usize) -> Option<Found> {
    let toks = &doc.toks;
    if q > lo && speech_noun(doc, q + 1) {
        if let Some(m) = owner_at(doc, lo, q - 1) {
            return Some(Found {
                mention: m,
                cue: None,
            });
        }
    }
    let floor = lo.max(q.saturating_sub(12));
    let mut n = q;
    while n > floor {
        n -= 1;
        let t = &toks[n];
        if !t.is_word() || t.flags & SAY != 0 && !t.cap() {
            return None;
        }
        if speech_noun(doc, n) {
            // the owner before the noun, past a few modifiers ("her campaign slogan")
            let owner = (n.saturating_sub(4).max(lo)..n)
                .rev()
                .take_while(|&p| toks[p].is_word())
                .find_map(|p| owner_at(doc, lo, p));
            return owner.map(|m| Found {
                mention: m,
                cue: Some(n),
            });
        }
    }
    None
}
