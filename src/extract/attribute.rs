//! Attribution layouts: which mention and verb a quotation hangs on.
//!
//! News prose attributes quotes in a handful of layouts: after the quote (`"…," X said`,
//! `"…," said X`, `"…" — X`), before it (`X said: "…"`, `X told Y "…"`, `X, the minister,
//! said "…"`, `…, saying: "…"`), or around a fragment (`X labelled the deal "insane"`,
//! `…, the White House has said`). Each function here reads one of them off the tokens of
//! a single sentence.

use super::cues::{self, ACCORDING, ANY, FRAG, ING, PAST, SAY, TAIL};
use super::lexicon::*;
use super::mentions::{according_np, np_after, np_before, MKind, Mention};
pub use super::subject::{past_dateline, sentence_subject};
use super::Doc;
use crate::extract::QuoteKind;

/// An attribution found for a stretch of text.
#[derive(Debug, Clone)]
pub struct Found {
    pub mention: Mention,
    /// Token index of the reporting verb (or of "according").
    pub cue: Option<usize>,
}

fn is_cue(doc: &Doc, i: usize, class: u64) -> bool {
    doc.toks.get(i).is_some_and(|t| {
        t.is_word()
            && t.flags & class != 0
            && (!t.cap() || doc.is_sent_start(i))
            && finite_base(doc, i)
            && !plural_noun(doc, i)
    })
}

/// "signed executive orders", "making racist remarks", "in somber comments", "50 member
/// states": an -s form after a modifier that itself follows a preposition, an article, a
/// participle or a number is a plural noun, not a verb.
pub(super) fn plural_noun(doc: &Doc, i: usize) -> bool {
    let toks = &doc.toks;
    let t = &toks[i];
    let w = doc.word(i);
    if t.flags & (cues::BASE | cues::PAST | ING) != 0 || !w.ends_with('s') || w == "says" || i < 2 {
        return false;
    }
    let m = &toks[i - 1];
    let before = &toks[i - 2];
    // ("the group warns": a body or a role after an article is the verb's subject)
    let subject = m.flags & (SOURCE | ROLE | ORG) != 0 && before.is(DET | POSS);
    m.is_word()
        && !m.cap()
        && !subject
        && m.flags & (CLOSED | cues::ANY) == 0
        && before.is_word()
        && (before.is(PREP | DET | POSS | VERB | NUMBER)
            || doc.word(i - 2).starts_with(|c: char| c.is_ascii_digit())
            || doc.word(i - 2).ends_with("ing")
            || doc.word(i - 2).ends_with("ed"))
}

/// A bare verb form ("say", "state", "report") reports only after a plural or pronoun
/// subject or an auxiliary; otherwise it is a noun ("a state senator").
pub fn finite_base(doc: &Doc, i: usize) -> bool {
    let toks = &doc.toks;
    let t = &toks[i];
    if t.flags & cues::BASE == 0 || t.flags & (cues::PAST | cues::ING) != 0 {
        return true;
    }
    let mut j = i;
    while j > 0 && toks[j - 1].is(ADV) {
        j -= 1;
    }
    if j == 0 {
        return false;
    }
    // "Critics, however, say": look past a parenthetical set off by commas
    if toks[j - 1].is_punct(',') {
        if let Some(k) = (j.saturating_sub(6)..j - 1)
            .rev()
            .find(|&k| toks[k].is_punct(','))
        {
            j = k;
            if j == 0 {
                return false;
            }
        }
    }
    let subject_like = |k: usize| {
        let p = &toks[k];
        p.is_word()
            && (p.flags & (PRON_PL | PRON_1 | PRON_YOU | AUX | NEG | SOURCE | ROLE) != 0
                || doc.word(k).ends_with('s') && !p.poss()
                || is_word(doc, k, "to"))
    };
    if subject_like(j - 1) {
        return true;
    }
    // "Proponents of the new bill say": the head before an "of" phrase (whose object ends
    // right before the verb)
    if toks[j - 1].is(PREP | DET | CONJ) || !toks[j - 1].is_word() {
        return false;
    }
    (j.saturating_sub(6)..j - 1)
        .rev()
        .find(|&k| matches!(doc.word(k), "of" | "for" | "at" | "with" | "from"))
        .is_some_and(|k| k > 0 && toks[k - 1].is_word() && subject_like(k - 1))
}

pub(super) fn is_word(doc: &Doc, i: usize, w: &str) -> bool {
    doc.word_eq_ignore_case(i, w)
}

/// Skips adverbs, auxiliaries and time words after a subject ("X has also said").
pub fn skip_adverbs(doc: &Doc, mut k: usize, hi: usize) -> usize {
    let mut n = 0;
    while k < hi && n < 4 {
        let t = &doc.toks[k];
        if t.is_word() && (t.flags & (AUX | ADV | NEG | TIME) != 0) && t.flags & PRONOUN == 0 {
            k += 1;
            n += 1;
        } else if t.is(PREP) && doc.toks.get(k + 1).is_some_and(|n| n.is(TIME)) {
            k += 2;
            n += 2;
        } else {
            break;
        }
    }
    k
}

/// Was the verb at `v` passive or an infinitive ("was told", "declined to say")?
pub fn not_a_report(doc: &Doc, lo: usize, v: usize) -> bool {
    let t = &doc.toks[v];
    let mut j = v;
    while j > lo && doc.toks[j - 1].is(ADV | NEG) {
        j -= 1;
    }
    if j > lo {
        let p = &doc.toks[j - 1];
        if p.is(BE) && t.flags & PAST != 0 {
            return true;
        }
        if is_word(doc, j - 1, "to") && t.flags & cues::BASE != 0 {
            return true;
        }
    }
    false
}

/// Attribution right after position `i` (a quote's end or a comma): `, X said`,
/// `, said X`, `— X`, `, according to X`.
pub fn tail(doc: &Doc, i: usize, hi: usize) -> Option<Found> {
    let toks = &doc.toks;
    let mut k = i;
    while k < hi && toks[k].is_punct(',') {
        k += 1;
    }
    if k >= hi {
        return None;
    }
    if toks[k]
        .punct()
        .is_some_and(|c| matches!(c, '\u{2014}' | '\u{2013}' | '-'))
    {
        let m = np_after(doc, k + 1, hi)?;
        let e = m.toks.end;
        if (e >= hi || toks[e].punct().is_some())
            && (m.kind == MKind::Name || m.kind == MKind::Nominal)
        {
            return Some(Found {
                mention: m,
                cue: None,
            });
        }
        return None;
    }
    if toks[k].is(ACCORDING) && is_word(doc, k + 1, "to") {
        let m = according_np(doc, k + 2, hi)?;
        return Some(Found {
            mention: m,
            cue: Some(k),
        });
    }
    if is_cue(doc, k, ANY) && toks[k].flags & ING == 0 {
        if let Some(m) = np_after(doc, k + 1, hi) {
            // "said he" inverts a subject pronoun; "explained it" has an object
            let subject_pronoun = match m.kind {
                MKind::Pronoun(f) => f & (PRON_M | PRON_F | PRON_PL | PRON_1) != 0,
                _ => true,
            };
            if subject_pronoun {
                return Some(Found {
                    mention: appositive_name(doc, m, hi),
                    cue: Some(k),
                });
            }
        }
    }
    let m = np_after(doc, k, hi)?;
    let mut e = m.toks.end;
    // a party tag after the name: "Sen. Ada Morrow (D-Maine) said"
    if e < hi && toks[e].is_punct('(') {
        if let Some(c) = (e + 1..hi.min(e + 7)).find(|&c| toks[c].is_punct(')')) {
            e = c + 1;
            if e < hi && toks[e].is_punct(',') {
                e += 1;
            }
        }
    }
    // an appositive between the name and the verb
    if e < hi && toks[e].is_punct(',') {
        let mut j = e + 1;
        while j < hi && j < e + 16 && !toks[j].is_punct(',') && toks[j].quote().is_none() {
            j += 1;
        }
        if j < hi && toks[j].is_punct(',') && is_cue(doc, skip_adverbs(doc, j + 1, hi), ANY) {
            e = j + 1;
        }
    }
    let v = skip_adverbs(doc, e, hi);
    // "he was quoted as saying"
    if v + 3 < hi
        && toks[v].is(BE)
        && is_word(doc, v + 1, "quoted")
        && is_word(doc, v + 2, "as")
        && is_cue(doc, v + 3, ANY)
    {
        return Some(Found {
            mention: m,
            cue: Some(v + 3),
        });
    }
    if is_cue(doc, v, ANY) && toks[v].flags & ING == 0 && !not_a_report(doc, k, v) {
        return Some(Found {
            mention: m,
            cue: Some(v),
        });
    }
    None
}

/// "says Lee's partner, Omar Haddad": a name set off after a description is the speaker.
fn appositive_name(doc: &Doc, m: Mention, hi: usize) -> Mention {
    let toks = &doc.toks;
    let e = m.toks.end;
    if m.kind != MKind::Nominal || e + 1 >= hi || !toks[e].is_punct(',') {
        return m;
    }
    match np_after(doc, e + 1, hi) {
        Some(n)
            if n.kind == MKind::Name
                && n.name.len() >= 2
                && (n.toks.end >= hi || toks[n.toks.end].punct().is_some()) =>
        {
            n
        }
        _ => m,
    }
}

/// The speaker of the nearest finite reporting verb before `v` in the sentence: the
/// subject a participle ("…, adding that") or a coordinated verb shares.
pub fn prior_speaker(doc: &Doc, lo: usize, v: usize) -> Option<Found> {
    let mut u = v;
    let lo = lo.max(v.saturating_sub(40));
    while u > lo {
        u -= 1;
        // "with the mayor posting that … and asking": the earlier participle's own subject
        if is_cue(doc, u, SAY | TAIL) && doc.toks[u].flags & ING != 0 {
            let mut j = u;
            while j > lo && doc.toks[j - 1].is(ADV) {
                j -= 1;
            }
            if let Some(m) = with_subject(doc, lo, j) {
                return Some(Found {
                    mention: m,
                    cue: Some(u),
                });
            }
        }
        if is_cue(doc, u, SAY | TAIL) && doc.toks[u].flags & ING == 0 {
            if let Some(m) = np_before(doc, lo, u) {
                return Some(Found {
                    mention: m,
                    cue: Some(u),
                });
            }
            if let Some(m) = np_after(doc, u + 1, v) {
                return Some(Found {
                    mention: m,
                    cue: Some(u),
                });
            }
        }
    }
    sentence_subject(doc, lo, v).map(|m| Found {
        mention: m,
        cue: None,
    })
}

/// "with Mayor Ross (reportedly) tweeting", "with the union asking": the phrase between
/// "with" and a participle starting at `j` is the participle's own subject.
fn with_subject(doc: &Doc, lo: usize, j: usize) -> Option<Mention> {
    let m = np_before(doc, lo, j)?;
    let s = m.toks.start;
    (m.toks.end == j
        && s > lo
        && is_word(doc, s - 1, "with")
        && !matches!(m.kind, MKind::Pronoun(_)))
    .then_some(m)
}

/// The subject of the reporting verb at `v`.
pub fn subject_of(doc: &Doc, lo: usize, v: usize) -> Option<Mention> {
    let toks = &doc.toks;
    let t = &toks[v];
    let mut j = v;
    while j > lo && toks[j - 1].is(ADV | AUX | NEG) {
        j -= 1;
    }
    let after_link = j == lo
        || toks[j - 1].is_punct(',')
        || doc.comma_quote(j - 1)
        || toks[j - 1].is(CONJ)
        || toks[j - 1]
            .punct()
            .is_some_and(|c| matches!(c, '\u{2014}' | '\u{2013}'));
    if t.flags & ING != 0 {
        // "…, with Mayor Ross tweeting that …": the name a "with" phrase gives the participle
        if let Some(m) = with_subject(doc, lo, j) {
            return Some(m);
        }
        // "his allies are arguing …": a progressive form has its own subject
        if j > lo && toks[j - 1].is(BE) {
            let mut k = j - 1;
            while k > lo && toks[k - 1].is(ADV | AUX | NEG | BE) {
                k -= 1;
            }
            return np_before(doc, lo, k);
        }
        // "…, saying" / "issued a statement saying": the subject of the main clause
        if after_link || j > lo && super::documents::is_document(doc.word(j - 1)) {
            return prior_speaker(doc, lo, v).map(|f| f.mention);
        }
        return None;
    }
    // "the general in charge, who warned …": a relative clause reports for its antecedent
    if j > lo && (is_word(doc, j - 1, "who") || is_word(doc, j - 1, "which")) {
        let k = if j >= lo + 2 && toks[j - 2].is_punct(',') {
            j - 2
        } else {
            j - 1
        };
        return np_before(doc, lo, k);
    }
    if let Some(m) = np_before(doc, lo, v) {
        // "what they said was": not a report
        if m.toks.start > lo && is_word(doc, m.toks.start - 1, "what") {
            return None;
        }
        return Some(m);
    }
    if j > lo && toks[j - 1].is(CONJ) {
        return prior_speaker(doc, lo, v).map(|f| f.mention);
    }
    None
}

/// Attribution by a verb before the quote in its sentence: `X said: "…"`, `X told Y "…"`,
/// `…, saying "…"`, `X labelled it "…"`, `according to X, "…"`.
pub fn lead(doc: &Doc, lo: usize, q: usize) -> Option<Found> {
    let toks = &doc.toks;
    let floor = lo.max(q.saturating_sub(40));
    let mut v = q;
    while v > floor {
        v -= 1;
        let t = &toks[v];
        if t.quote().is_some() {
            // an earlier quote in the sentence carries its own attribution
            continue;
        }
        if t.is(ACCORDING) && is_word(doc, v + 1, "to") {
            let m = according_np(doc, v + 2, q)?;
            return Some(Found {
                mention: m,
                cue: Some(v),
            });
        }
        if is_cue(doc, v, SAY | FRAG | TAIL) {
            if not_a_report(doc, lo, v) {
                continue;
            }
            if let Some(m) = subject_of(doc, lo, v) {
                return Some(Found {
                    mention: m,
                    cue: Some(v),
                });
            }
            // "Said Dorothy Poynter, who grew up nearby, “…”": a verb opening the sentence
            // puts its speaker after it
            if v == lo && toks[v].flags & (cues::BASE | ING) == 0 {
                if let Some(m) = np_after(doc, v + 1, q) {
                    if m.kind == MKind::Name {
                        return Some(Found {
                            mention: appositive_name(doc, m, q),
                            cue: Some(v),
                        });
                    }
                }
            }
        }
    }
    None
}

/// The tokens [`sentence_tail`] searches in `lo..hi`: up to the sentence's final marks, and
/// far enough back for "…, said X, a professor in the school of … at … University.".
fn tail_window(doc: &Doc, lo: usize, hi: usize) -> (usize, usize) {
    let toks = &doc.toks;
    let mut end = hi;
    while end > lo && toks[end - 1].punct().is_some() {
        end -= 1;
    }
    (lo.max(end.saturating_sub(28)), end)
}

/// Could [`sentence_tail`] over `lo..hi` find an attribution that reports speech: one
/// whose verb says, retorts or is "according", or a name set off by a dash? Only then is the
/// search worth making; most sentences of an article have neither in reach, and this asks
/// one question of each token where the search parses a phrase at every comma.
///
/// The window is the one [`sentence_tail`] searches, and the token just past it, where a
/// verb after the speaker may stand.
pub fn may_close_with_speech(doc: &Doc, lo: usize, hi: usize) -> bool {
    let toks = &doc.toks;
    let (floor, end) = tail_window(doc, lo, hi);
    toks.get(floor..=end.min(toks.len().saturating_sub(1)))
        .unwrap_or(&[])
        .iter()
        .any(|t| {
            t.flags & (SAY | TAIL | ACCORDING) != 0
                || t.punct()
                    .is_some_and(|c| matches!(c, '\u{2014}' | '\u{2013}' | '-'))
        })
}

/// `…, the White House has said.`: an attribution closing the sentence after a comma or a
/// quote. Returns the token the attribution follows and what it says.
pub fn sentence_tail(doc: &Doc, lo: usize, hi: usize) -> Option<(usize, Found)> {
    let toks = &doc.toks;
    let (floor, end) = tail_window(doc, lo, hi);
    // a quote right before the attribution wins over a comma inside the speaker phrase
    // ("…," the lanky, bespectacled professor said)
    let quote_first = (floor..end).rev().find(|&c| toks[c].quote().is_some());
    let candidates = quote_first
        .into_iter()
        .chain((floor..end).rev().filter(|&c| Some(c) != quote_first));
    for c in candidates {
        let t = &toks[c];
        if !(t.is_punct(',') || t.quote().is_some() || t.punct().is_some_and(|p| p == '\u{2014}')) {
            continue;
        }
        let from = if t.punct() == Some('\u{2014}') {
            c
        } else {
            c + 1
        };
        if let Some(f) = tail(doc, from, end) {
            // nothing but a few adverbial words may follow the verb
            let after = f
                .cue
                .map_or(f.mention.toks.end, |v| v.max(f.mention.toks.end - 1) + 1);
            let rest = &toks[after.min(end)..end];
            // "…, Hollande said Tuesday in Paris, noting …": a participle after a comma starts
            // a report of its own; the attribution ends before it
            let rest = match rest
                .windows(2)
                .position(|w| w[0].is_punct(',') && w[1].flags & ING != 0 && w[1].flags & SAY != 0)
            {
                Some(p) => &rest[..p],
                None => rest,
            };
            // "…, they tweet it out": the verb's object is what it reports, not the clause
            let object = f.cue.is_some_and(|v| v >= f.mention.toks.end)
                && rest.first().is_some_and(|r| {
                    r.is(PRON_IT | PRON_OBJ) && !doc.word(after).eq_ignore_ascii_case("one")
                });
            if object {
                continue;
            }
            // "…, says Erin Kim, who is leading the project …": an appositive or relative
            // clause after the speaker may run long
            let after_name = rest.first().is_some_and(|r| r.is_punct(','))
                && f.cue.is_some_and(|v| v < f.mention.toks.start);
            if (rest.len() <= 10 || after_name)
                && !rest
                    .iter()
                    .take(10)
                    .any(|r| r.flags & SAY != 0 && !r.cap() || r.quote().is_some() && !after_name)
            {
                return Some((c, f));
            }
        }
    }
    // "… that have educational elements said Mr Owen.": a closing "said NAME" without its
    // comma
    let from = lo.max(end.saturating_sub(8));
    for v in from..end {
        // ("… told Reuters." names the addressee, not the speaker)
        if v < lo + 4
            || !is_cue(doc, v, SAY)
            || toks[v].flags & (ING | cues::OBJ) != 0
            || !toks[v - 1].is_word()
        {
            continue;
        }
        if let Some(m) = np_after(doc, v + 1, end) {
            if m.kind == MKind::Name && m.toks.end == end {
                return Some((
                    v,
                    Found {
                        mention: m,
                        cue: Some(v),
                    },
                ));
            }
        }
    }
    None
}

/// Direct (whole sentences) or partial (a fragment inside the reporter's sentence)?
pub fn kind_of(doc: &Doc, qi: usize, lo: usize, hi: usize, tail_found: bool) -> QuoteKind {
    let toks = &doc.toks;
    let q = doc.quote_tok[qi];
    let Some(qs) = doc.quotes.get(qi) else {
        return QuoteKind::Partial;
    };
    let content = doc.text.get(qs.start..qs.end).unwrap_or("");
    let first_upper = content
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let before_ok = q == lo
        || toks[q - 1].is_punct(':')
        || toks[q - 1].quote().is_some()
        || (first_upper
            && (toks[q - 1].is_punct(',')
                || toks[q - 1].flags & (SAY | TAIL) != 0
                || toks[q - 1].is_punct('\u{2014}')));
    let after_ok = q + 1 >= hi
        || tail_found
        || toks[q + 1].quote().is_some()
        || toks[q + 1]
            .punct()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '\u{2014}' | ')'));
    // a sentence opening with a capitalized quotation is direct whatever follows it
    let opens = q == lo && first_upper;
    // (three words are enough to tell: the rest of a long quote is not counted)
    let long = || content.split_whitespace().take(3).count() >= 3;
    if before_ok && (after_ok || opens) && (first_upper || q == lo) && (opens || long()) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}
