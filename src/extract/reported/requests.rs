//! Requests are reported speech too: "X urged Y to …", "X called on Y to …", "X asked Y, a
//! former judge, not to …". The content is the infinitive clause.

use super::*;

/// Requests: "X urged Y to …", "X called on Y to …", "X asked Y, a former judge, not to …".
/// The content is the infinitive clause, from its "to" (or "not"). Returns whether one was
/// found. A clause holding a quotation is left to the quotation's own attribution
/// ("urged leaders "to clarify …"").
pub(super) fn requests(doc: &Doc, lo: usize, hi: usize, out: &mut Vec<Reported>) -> bool {
    let toks = &doc.toks;
    for v in lo..hi {
        let t = &toks[v];
        if !(t.is_word() && t.flags & cues::TO != 0 && (!t.cap() || v == lo))
            || !super::super::attribute::finite_base(doc, v)
            || not_a_report(doc, lo, v)
        {
            continue;
        }
        let mut k = v + 1;
        if super::starts_ignoring_case(doc.word(v), "call") {
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
    if !first.cap() && first.flags & CLOSED == 0 && doc.word(k).ends_with("ing") {
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
                .is_some_and(|n| n.is_word() && !n.cap() && n.flags & (CLOSED | TIME | MONTH) == 0);
            return verb.then_some(if not { j - 1 } else { j });
        } else if !appositive
            && (t.flags & (SUBORD | REL | AUX | BE | SAY) != 0
                || t.is(PREP) && !is_word(doc, j, "of")
                || ["that", "how", "what", "why", "whether", "where", "when"]
                    .iter()
                    .any(|w| is_word(doc, j, w)))
            && !t.cap()
            && !(t.is(NEG) && is_word(doc, j + 1, "to"))
        {
            return None;
        }
        j += 1;
    }
    None
}
