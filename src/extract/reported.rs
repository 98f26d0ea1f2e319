//! Reported speech: the content clause of "X said (that) …" and "…, X said", and the
//! infinitive of a request ("X urged Y to …").
//!
//! An indirect quotation has no marks, so its extent comes from syntax: the clause after a
//! reporting verb (past its addressee, "that" and adverbials such as "in a statement on
//! Friday"), up to the end of the sentence or the next participle ("…, adding that");
//! or the clause before a closing attribution. Quoted fragments inside the clause make it
//! "mixed"; a fragment set off at its end (", "especially …"") or in single marks stays a
//! partial quote of its own.

use super::attribute::{not_a_report, sentence_tail, subject_of, tail, Found};
use super::cues::{self, ACCORDING, ING, OBJ, SAY};
use super::lexicon::*;
use super::mentions::{according_np, np_after, MKind};
use super::Doc;
use crate::extract::QuoteKind;
use std::ops::Range;

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
    doc.toks.get(i).is_some_and(|t| t.is_word()) && doc.word(i).eq_ignore_ascii_case(w)
}

fn quote_upper(doc: &Doc, qi: usize) -> bool {
    doc.quotes
        .get(qi)
        .and_then(|q| doc.text.get(q.start..q.end))
        .and_then(|s| s.chars().find(|c| c.is_alphanumeric()))
        .is_some_and(|c| c.is_uppercase())
}

/// Where the reported clause after the verb at `v` starts, if one does.
fn clause_start(doc: &Doc, v: usize, hi: usize) -> Option<usize> {
    let toks = &doc.toks;
    let verb = &toks[v];
    let mut k = v + 1;
    if k < hi && is_word(doc, k, "out") {
        k += 1;
    }
    // the addressee: "told reporters", "warned Iran", "told Mr Trump,"
    if verb.flags & OBJ != 0 && k < hi {
        let t = &toks[k];
        if t.is(PRON_OBJ) || is_word(doc, k, "her") {
            k += 1;
        } else if !is_word(doc, k, "that") && t.flags & PRON_M == 0 && t.flags & PRON_F == 0 {
            k = skip_object(doc, k, hi);
        }
    }
    let mut rounds = 0;
    while k < hi && rounds < 4 {
        rounds += 1;
        let t = &toks[k];
        if t.is_punct(',') {
            k += 1;
            continue;
        }
        if t.is_word() && t.flags & (TIME | MONTH) != 0 && !is_word(doc, k, "this") {
            k += 1;
            continue;
        }
        if t.is(ADV) && !t.cap && t.flags & PRONOUN == 0 {
            k += 1;
            continue;
        }
        if t.is(PREP) && !is_word(doc, k, "that") {
            // "in a statement on Friday that …"
            let mut j = k + 1;
            while j < hi && j < k + 12 {
                let u = &toks[j];
                // "recalled of that first day": right after the preposition it is a determiner
                if is_word(doc, j, "that") && j > k + 1 {
                    return (j + 1 < hi).then_some(j + 1);
                }
                if u.quote().is_some() || u.punct().is_some_and(|c| c != ',') {
                    break;
                }
                j += 1;
            }
            // "by text message the weather …", "in an interview, …": skip the phrase
            let mut j = k + 1;
            if j < hi && toks[j].is(DET | POSS) {
                j += 1;
            }
            let body = j;
            while j < hi
                && j < body + 4
                && toks[j].is_word()
                && toks[j].flags & (CLOSED | cues::ANY) == 0
            {
                j += 1;
            }
            if j == body {
                return None;
            }
            k = j;
            continue;
        }
        break;
    }
    if k >= hi {
        return None;
    }
    if is_word(doc, k, "that") {
        return (k + 1 < hi).then_some(k + 1);
    }
    let t = &toks[k];
    if let Some(qi) = t.quote() {
        // `said "We …"` is a direct quote; `said "very pleased" …` starts a mixed clause
        return (!quote_upper(doc, qi)).then_some(k);
    }
    if !t.is_word() {
        return None;
    }
    // "added 0.4 per cent", "added three goals": "add" reports only a clause proper
    if doc.word(v).to_ascii_lowercase().starts_with("add")
        && !(k > 0 && is_word(doc, k - 1, "that"))
        && t.flags & (PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1 | PRON_YOU) == 0
        && !is_word(doc, k, "there")
    {
        return None;
    }
    let starter = t.flags & (PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1 | PRON_YOU | DET | POSS)
        != 0
        || is_word(doc, k, "there")
        || t.cap && t.flags & (PREP | SUBORD | CONJ) == 0
        || doc
            .word(k)
            .starts_with(|c: char| c.is_ascii_digit() || c == '$');
    // a bare noun ("police were …", "officials say …"), but not "said nothing"
    let bare_noun = !t.cap
        && t.flags & (CLOSED | TIME | MONTH | cues::ANY | cues::TO) == 0
        && !matches!(
            doc.word(k).to_ascii_lowercase().as_str(),
            "nothing"
                | "something"
                | "anything"
                | "goodbye"
                | "hello"
                | "yes"
                | "thanks"
                | "sorry"
                | "more"
                | "little"
                | "much"
                | "less"
                | "enough"
                | "otherwise"
                | "grace"
                | "farewell"
        )
        && toks.get(k + 1).is_some_and(|n| {
            n.is_word() && n.flags & PREP == 0
                // "caucuses “are such an unknown”": a quoted fragment carries the verb
                || n.quote().is_some_and(|qi| !quote_upper(doc, qi))
        });
    if !(starter || bare_noun) || is_word(doc, k, "what") || is_word(doc, k, "no") {
        return None;
    }
    Some(k)
}

/// Skips an addressee: "reporters", "The Canadian Press", "Surrey’s councillors", "his US
/// counterpart Donald Trump".
fn skip_object(doc: &Doc, mut k: usize, hi: usize) -> usize {
    let toks = &doc.toks;
    let start = k;
    if k < hi && toks[k].is(DET | POSS) {
        k += 1;
    }
    while k < hi && k < start + 8 {
        let t = &toks[k];
        // NBC's "Today" show: a quoted title inside the addressee
        if let Some(q) = t.quote() {
            let title = doc
                .quotes
                .get(q)
                .and_then(|s| doc.text.get(s.start..s.end))
                .is_some_and(|s| s.split_whitespace().count() <= 4 && quote_upper(doc, q));
            if title && k > start && toks.get(k + 1).is_some_and(|n| n.is_word()) {
                k += 1;
                continue;
            }
            break;
        }
        if !t.is_word() || is_word(doc, k, "that") {
            break;
        }
        if t.flags & (PREP | CONJ | SUBORD | REL | AUX | BE) != 0 && !t.cap {
            break;
        }
        if t.flags & (PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1) != 0 {
            break;
        }
        // "told Mr Trump their countries …": a determiner starts the clause, and so does a
        // name after a common noun ("warned lawmakers ISIS could …")
        if k > start && (t.is(DET | POSS) || t.cap && !toks[k - 1].cap) {
            break;
        }
        k += 1;
    }
    k
}

/// Where a clause starting at `c` ends: the sentence end, a semicolon, a colon before a
/// quote, or a participle taking over ("…, adding that").
fn clause_end(doc: &Doc, c: usize, hi: usize) -> usize {
    let toks = &doc.toks;
    let mut k = c;
    while k < hi {
        let t = &toks[k];
        if t.is_punct(';') {
            return k;
        }
        if t.is_punct(':') && toks.get(k + 1).is_some_and(|n| n.quote().is_some()) {
            return k;
        }
        // "… but Chapman says …": another report takes over
        if t.is(CONJ) && k > c {
            if let Some(m) = np_after(doc, k + 1, hi) {
                let v = m.toks.end;
                if toks
                    .get(v)
                    .is_some_and(|n| n.is_word() && n.flags & SAY != 0 && !n.cap)
                {
                    return k;
                }
            }
        }
        if t.is_punct(',') || k > c && doc.comma_quote(k) {
            // the clause ends before a comma, or with a quote holding it
            let end = if t.is_punct(',') { k } else { k + 1 };
            if let Some(n) = toks.get(k + 1) {
                if n.is_word() && n.flags & SAY != 0 && n.flags & ING != 0 && !n.cap {
                    return end;
                }
            }
            // "…, he said, …"
            if k + 1 < hi && tail(doc, k + 1, hi).is_some() {
                return end;
            }
        }
        k += 1;
    }
    hi
}

/// Trims trailing punctuation tokens off `a..b`.
fn trim_end(doc: &Doc, a: usize, mut b: usize) -> usize {
    while b > a && doc.toks[b - 1].punct().is_some() {
        b -= 1;
    }
    b
}

/// Does the stretch hold something verb-like near its start? A reported clause has a finite
/// verb ("the company would close", "police were"); "an original story for the finale" or
/// "the move to The Man Out Front" is an object, not a clause.
fn has_verb(doc: &Doc, r: Range<usize>) -> bool {
    let toks = &doc.toks;
    let end = r.end.min(r.start + 20);
    (r.start..end).any(|i| {
        let t = &toks[i];
        if t.quote().is_some() {
            return true;
        }
        if !t.is_word() || t.cap {
            return false;
        }
        let w = doc.word(i);
        // contractions hold a verb: "he's", "there's", "aren't", "they'll"
        let contraction = [
            "'s",
            "\u{2019}s",
            "'re",
            "\u{2019}re",
            "n't",
            "n\u{2019}t",
            "'ll",
            "\u{2019}ll",
            "'ve",
            "\u{2019}ve",
            "'d",
            "\u{2019}d",
        ]
        .iter()
        .any(|s| w.ends_with(s))
            && (t.flags & (PRONOUN | DET | REL) != 0
                || !w.ends_with('s')
                || ["there", "here", "what", "who", "where"].iter().any(|p| {
                    w.len() > p.len() && w.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
                }));
        t.flags & (AUX | BE | NEG | VERB | cues::ANY) != 0
            || contraction
            || w.ends_with("ed")
            || w.ends_with('s')
                && !w.ends_with("ss")
                && i > r.start
                && toks[i - 1].is_word()
                && toks[i - 1].flags & (DET | POSS | PREP) == 0
                && !doc.word(i - 1).starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Does a reporting verb (not a noun spelled like one: "each charge") stand in `r`?
fn reports_within(doc: &Doc, r: Range<usize>) -> bool {
    r.into_iter().any(|i| {
        let t = &doc.toks[i];
        t.is_word() && t.flags & SAY != 0 && !t.cap && super::attribute::finite_base(doc, i)
    })
}

fn words_in(doc: &Doc, r: Range<usize>) -> usize {
    doc.toks[r]
        .iter()
        .map(|t| {
            if t.is_word() {
                1
            } else if let Some(q) = t.quote() {
                doc.quotes
                    .get(q)
                    .and_then(|q| doc.text.get(q.start..q.end))
                    .map_or(0, |s| s.split_whitespace().count())
            } else {
                0
            }
        })
        .sum()
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

/// Requests: "X urged Y to …", "X called on Y to …", "X asked Y, a former judge, not to …".
/// The content is the infinitive clause, from its "to" (or "not"). Returns whether one was
/// found. A clause holding a quotation is left to the quotation's own attribution
/// ("urged leaders "to clarify …"").
fn requests(doc: &Doc, lo: usize, hi: usize, out: &mut Vec<Reported>) -> bool {
    let toks = &doc.toks;
    for v in lo..hi {
        let t = &toks[v];
        if !(t.is_word() && t.flags & cues::TO != 0 && (!t.cap || v == lo))
            || !super::attribute::finite_base(doc, v)
            || not_a_report(doc, lo, v)
        {
            continue;
        }
        let mut k = v + 1;
        if doc.word(v).to_ascii_lowercase().starts_with("call") {
            // "called on Ottawa to …"; "called it …" names, "called for …" asks for a thing
            if !(is_word(doc, k, "on") || is_word(doc, k, "upon")) {
                continue;
            }
            k += 1;
        }
        let Some(c) = request_clause(doc, k, hi) else {
            continue;
        };
        let Some(m) = subject_of(doc, lo, v) else {
            continue;
        };
        let e = clause_end(doc, c, hi);
        if toks[c..e].iter().any(|t| t.quote().is_some()) {
            continue;
        }
        let n = out.len();
        let found = Found {
            mention: m,
            cue: Some(v),
        };
        make(doc, c, e, found, false, out);
        if out.len() > n {
            return true;
        }
    }
    false
}

/// Past the addressee starting at `k` ("his US counterpart Donald Trump", "Sinclair, a
/// former judge who chaired the commission,"), where the infinitive clause starts: at "to"
/// or "not to", followed by a verb.
fn request_clause(doc: &Doc, k: usize, hi: usize) -> Option<usize> {
    let toks = &doc.toks;
    // the addressee is a noun phrase: not "asked for …", "warned that …", "told of …"
    let first = toks.get(k).filter(|_| k < hi)?;
    if !first.is_word() || first.is(PREP | SUBORD | CONJ) || is_word(doc, k, "that") {
        return None;
    }
    // "urged delaying the vote", "advise leaving pets to a neighbour": a gerund is what is
    // urged, not who is; a "to" after it is a preposition
    if !first.cap && first.flags & CLOSED == 0 && doc.word(k).ends_with("ing") {
        return None;
    }
    // outside an appositive set off by commas, the addressee is a plain noun phrase ("the bid
    // team", "members of the council"); inside one, anything ("a judge who chaired …")
    let mut appositive = false;
    let mut j = k + 1;
    while j < hi && j < k + 25 {
        let t = &toks[j];
        if t.quote().is_some() || t.punct().is_some_and(|c| c != ',' && c != '-') {
            return None;
        }
        if t.is_punct(',') {
            appositive = !appositive;
        } else if is_word(doc, j, "to") && !appositive {
            let not = toks[j - 1].is(NEG);
            let verb = toks
                .get(j + 1)
                .is_some_and(|n| n.is_word() && !n.cap && n.flags & (CLOSED | TIME | MONTH) == 0);
            return verb.then_some(if not { j - 1 } else { j });
        } else if !appositive
            && (t.flags & (SUBORD | REL | AUX | BE | SAY) != 0
                || t.is(PREP) && !is_word(doc, j, "of")
                || ["that", "how", "what", "why", "whether", "where", "when"]
                    .iter()
                    .any(|w| is_word(doc, j, w)))
            && !t.cap
            && !(t.is(NEG) && is_word(doc, j + 1, "to"))
        {
            return None;
        }
        j += 1;
    }
    None
}

/// The reported-speech clauses of the sentence `lo..hi`.
pub fn find(doc: &Doc, lo: usize, hi: usize, out: &mut Vec<Reported>) {
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
        if !(t.is_word() && t.flags & SAY != 0 && (!t.cap || v == lo))
            || v < covered_until
            || !super::attribute::finite_base(doc, v)
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
            let first = &toks[lo];
            let opener = first.is(PREP | SUBORD | ADV | CONJ) || first.flags & ING != 0;
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
            let first = &toks[lo];
            let fw = doc.word(lo);
            let opener = first.is(PREP | SUBORD | ADV | CONJ)
                || first.flags & ING != 0
                || fw.ends_with("ed") && !first.cap;
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
    if out.len() > before {
        return;
    }
    // "CLAUSE, X said." / "CLAUSE, according to X."
    if let Some((c, f)) = sentence_tail(doc, lo, hi) {
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
