//! Where a reported clause starts and ends: past the verb's addressee, "that" and
//! adverbials ("in a statement on Friday"); up to the sentence end, a semicolon, a colon
//! before a quote, or a participle taking over ("…, adding that").

use super::*;

/// Where the reported clause after the verb at `v` starts, if one does.
pub(super) fn clause_start(doc: &Doc, v: usize, hi: usize) -> Option<usize> {
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
        if t.is(ADV) && !t.cap() && t.flags & PRONOUN == 0 {
            k += 1;
            continue;
        }
        if t.is(PREP) && !is_word(doc, k, "that") {
            // "in a statement on Friday that …", "on “Morning Desk” that …" (a quoted title)
            let mut j = k + 1;
            while j < hi && j < k + 12 {
                let u = &toks[j];
                // "recalled of that first day": right after the preposition it is a determiner
                if is_word(doc, j, "that") && j > k + 1 {
                    return (j + 1 < hi).then_some(j + 1);
                }
                let title = u.quote().is_some_and(|q| {
                    doc.quotes
                        .get(q)
                        .and_then(|s| doc.text.get(s.start..s.end))
                        .is_some_and(crate::extract::title_like)
                });
                if u.quote().is_some() && !title || u.punct().is_some_and(|c| c != ',') {
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
    if starts_ignoring_case(doc.word(v), "add")
        && !(k > 0 && is_word(doc, k - 1, "that"))
        && t.flags & (PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1 | PRON_YOU) == 0
        && !is_word(doc, k, "there")
    {
        return None;
    }
    let starter = t.flags & (PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1 | PRON_YOU | DET | POSS)
        != 0
        || is_word(doc, k, "there")
        || t.cap() && t.flags & (PREP | SUBORD | CONJ) == 0
        || doc
            .word(k)
            .starts_with(|c: char| c.is_ascii_digit() || c == '$');
    // a bare noun ("police were …", "officials say …"), but not "said nothing"
    let plain_noun = !t.cap()
        && t.flags & (CLOSED | TIME | MONTH | cues::ANY | cues::TO) == 0
        && !matches!(
            ascii_lower(doc.word(k), &mut [0; 32]),
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
        );
    let bare_noun = plain_noun
        && toks.get(k + 1).is_some_and(|n| {
            n.is_word() && n.flags & PREP == 0
                // "caucuses “are such an unknown”": a quoted fragment carries the verb
                || n.quote().is_some_and(|qi| !quote_upper(doc, qi))
        });
    // "says parts of his plan are …": a bare noun with a phrase of its own, then the verb
    let noun_with_phrase = plain_noun && verb_after_phrase(doc, k + 1, hi);
    // "said if the talks fail, …", "said while most refugees …, …": a condition or a
    // concession opens the report when a subject follows it
    // ("when" and "once" more often time the saying: "tweeted when the debate ended")
    let condition = t.is(SUBORD)
        && ["if", "whether", "unless", "while", "although", "though"]
            .iter()
            .any(|w| doc.word(k).eq_ignore_ascii_case(w))
        && toks.get(k + 1).is_some_and(|n| {
            n.is_word()
                && (n.flags
                    & (PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1 | PRON_YOU | DET | POSS)
                    != 0
                    || n.cap() && n.flags & CLOSED == 0)
        });
    if !(starter || bare_noun || noun_with_phrase || condition)
        || is_word(doc, k, "what")
        || is_word(doc, k, "no")
    {
        return None;
    }
    Some(k)
}

/// Does a prepositional phrase start at `p` and end at a finite verb within a few words
/// ("of his plan are", "in the region have")? Nothing that opens another clause (a relative
/// or subordinate word, a conjunction, a reporting verb, punctuation) may stand in the phrase.
fn verb_after_phrase(doc: &Doc, p: usize, hi: usize) -> bool {
    let toks = &doc.toks;
    if !(p < hi && toks[p].is(PREP) && !is_word(doc, p, "to")) {
        return false;
    }
    for (i, t) in toks.iter().enumerate().take(hi.min(p + 9)).skip(p + 1) {
        if !t.is_word() || t.flags & (REL | SUBORD | CONJ | cues::ANY) != 0 && !t.cap() {
            return false;
        }
        if t.flags & (BE | AUX) != 0 && !t.cap() && i > p + 1 && !doc.word(i).starts_with('\'') {
            return true;
        }
    }
    false
}

/// Skips an addressee: "reporters", "The Canadian Press", "Surrey’s councillors", "his US
/// counterpart Donald Trump".
pub(super) fn skip_object(doc: &Doc, mut k: usize, hi: usize) -> usize {
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
        if t.flags & (PREP | CONJ | SUBORD | REL | AUX | BE) != 0 && !t.cap() {
            break;
        }
        if t.flags & (PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1) != 0 {
            break;
        }
        // "told Mr Trump their countries …": a determiner starts the clause, and so does a
        // name after a common noun ("warned lawmakers ISIS could …")
        if k > start && (t.is(DET | POSS) || t.cap() && !toks[k - 1].cap()) {
            break;
        }
        k += 1;
    }
    k
}

/// Where a clause starting at `c` ends: the sentence end, a semicolon, a colon before a
/// quote, or a participle taking over ("…, adding that").
pub(super) fn clause_end(doc: &Doc, c: usize, hi: usize) -> usize {
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
        // "…: she notes that …": a colon before another report ends the clause
        if t.is_punct(':') && report_follows(doc, k + 1, hi) {
            return k;
        }
        // "… and asking, …", "… and insisted that …": a coordinated reporting verb reports
        // something else
        if t.is(CONJ)
            && k > c
            && toks.get(k + 1).is_some_and(|n| {
                n.is_word()
                    && !n.cap()
                    && (n.flags & ING != 0 && n.flags & (SAY | cues::TAIL) != 0
                        || n.flags & (SAY | cues::FRAG) != 0
                            && n.flags & cues::BASE == 0
                            && n.flags & ING == 0)
            })
        {
            return k;
        }
        // "… but Chapman says …", "… but he also noted …": another report takes over
        if t.is(CONJ) && k > c && report_follows(doc, k + 1, hi) {
            return k;
        }
        if t.is_punct(',') || k > c && doc.comma_quote(k) {
            // the clause ends before a comma, or with a quote holding it
            let end = if t.is_punct(',') { k } else { k + 1 };
            if let Some(n) = toks.get(k + 1) {
                if n.is_word() && n.flags & SAY != 0 && n.flags & ING != 0 && !n.cap() {
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
pub(super) fn trim_end(doc: &Doc, a: usize, mut b: usize) -> usize {
    while b > a && doc.toks[b - 1].punct().is_some() {
        b -= 1;
    }
    b
}

/// Does the stretch hold something verb-like near its start? A reported clause has a finite
/// verb ("the company would close", "police were"); "an original story for the finale" or
/// "the move to The Man Out Front" is an object, not a clause.
pub(super) fn has_verb(doc: &Doc, r: Range<usize>) -> bool {
    let toks = &doc.toks;
    let end = r.end.min(r.start + 20);
    (r.start..end).any(|i| {
        let t = &toks[i];
        if t.quote().is_some() {
            return true;
        }
        if !t.is_word() || t.cap() {
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
pub(super) fn reports_within(doc: &Doc, r: Range<usize>) -> bool {
    r.into_iter().any(|i| {
        let t = &doc.toks[i];
        t.is_word()
            && t.flags & SAY != 0
            && !t.cap()
            && super::super::attribute::finite_base(doc, i)
    })
}

pub(super) fn words_in(doc: &Doc, r: Range<usize>) -> usize {
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

/// Does a reporting verb follow the noun phrase starting at `i` ("she notes", "Chapman
/// says"): another report beginning?
fn report_follows(doc: &Doc, i: usize, hi: usize) -> bool {
    np_after(doc, i, hi).is_some_and(|m| {
        let v = super::super::attribute::skip_adverbs(doc, m.toks.end, hi);
        doc.toks
            .get(v)
            .is_some_and(|n| n.is_word() && n.flags & SAY != 0 && !n.cap())
    })
}
