//! Pronouns: who "he", "she" or "they" stands for. Each gendered pronoun first votes for the
//! gender of the name it follows (in text order, so a "she" already given to a woman is not
//! undone by a later "he"); then every pronoun resolves to the most recent compatible subject,
//! never to a name inside the words it reports, and only as a last resort to a name that is
//! not the subject of its own sentence.

use super::super::lexicon::*;
use super::super::{Confidence, Doc};
use super::{is_subject, Entities, Entity, NameRef};
use std::ops::Range;

impl Entities {
    /// Subject pronouns ("Still, he denied …") stand for their antecedent in later
    /// resolution: each becomes a subject mention of the entity it resolves to.
    pub(super) fn chain_pronouns(&mut self, doc: &Doc) {
        let names = std::mem::take(&mut self.refs);
        // (the mentions with the pronouns merged in go to the list the resolved speakers
        // will take, empty until then, and that one takes these)
        let mut out = std::mem::take(&mut self.said);
        out.clear();
        out.reserve(names.len());
        let mut next = 0;
        for &i in &doc.pronoun_like {
            let i = i as usize;
            let Some(t) = doc.toks.get(i) else {
                continue;
            };
            while let Some(&r) = names.get(next).filter(|r| r.tok <= i) {
                out.push(r);
                next += 1;
            }
            // (a word of the list: a pronoun, a possessive or an object form)
            if t.flags & (PRON_M | PRON_F) == 0 || !is_subject(doc, i) {
                continue;
            }
            self.refs = out;
            let e = self.antecedent(doc, i, |e| e.compatible(t.flags), None);
            out = std::mem::take(&mut self.refs);
            if let Some(e) = e {
                out.push(NameRef {
                    tok: i,
                    entity: e,
                    subject: true,
                    modifier: false,
                });
            }
        }
        out.extend_from_slice(names.get(next..).unwrap_or_default());
        self.refs = out;
        self.said = names;
        self.said.clear();
    }

    /// Each gendered pronoun votes for the nearest name before it.
    pub(super) fn vote_gender(&mut self, doc: &Doc) {
        for &i in &doc.pronoun_like {
            let i = i as usize;
            let w = doc.word(i);
            let is = |x: &str| w.eq_ignore_ascii_case(x);
            // subject pronouns weigh more than possessives and objects
            let vote: i32 = if is("he") {
                2
            } else if is("his") || is("him") || is("himself") {
                1
            } else if is("she") {
                -2
            } else if is("her") || is("hers") || is("herself") {
                -1
            } else if (is("it") || is("its")) && w != "IT" {
                0
            } else {
                continue;
            };
            // the nearest antecedent not already clearly of the other gender, in text order,
            // so "she" for a woman is not undone by a later "he" for the man before her
            let agrees = |e: &Entity| {
                !e.acronym()
                    && (vote == 0
                        || !e.org_name
                            && !e.thing_name
                            && (vote > 0 && e.gender > -2 || vote < 0 && e.gender < 2))
            };
            let Some(e) = self.antecedent(doc, i, agrees, None) else {
                continue;
            };
            if vote == 0 {
                self.list[e].org += 1;
            } else {
                self.list[e].gender += vote;
            }
        }
    }

    /// The antecedent of a pronoun at token `at`: going back sentence by sentence, a
    /// subject of the sentence before any other name in it.
    pub(super) fn antecedent(
        &self,
        doc: &Doc,
        at: usize,
        ok: impl Fn(&Entity) -> bool,
        avoid: Option<usize>,
    ) -> Option<usize> {
        self.antecedent_outside(doc, at, ok, avoid, 0..0)
    }

    /// [`Entities::antecedent`], ignoring the names in tokens `skip` (the words a pronoun's
    /// own attribution reports: in "Macharia hid under desks, he said", he is not Macharia).
    /// A name in the pronoun's own sentence that is not its subject ("Unlike Al Mnajer, he
    /// …", "Asked what he would tell Mayor Tory, he said") is a last resort.
    fn antecedent_outside(
        &self,
        doc: &Doc,
        at: usize,
        ok: impl Fn(&Entity) -> bool,
        avoid: Option<usize>,
        skip: Range<usize>,
    ) -> Option<usize> {
        let para = doc.toks.get(at)?.para();
        let own = doc.try_sent_of(at);
        let mut best_other: Option<usize> = None;
        let mut own_other: Option<usize> = None;
        let mut cur_sent = usize::MAX;
        for (n, r) in self.refs_before(at).enumerate() {
            if n > 60 || doc.toks[r.tok].para() + 4 < para {
                break;
            }
            if skip.contains(&r.tok) {
                continue;
            }
            let s = doc.sent_of(r.tok);
            if s != cur_sent {
                if best_other.is_some() {
                    return best_other;
                }
                cur_sent = s;
            }
            if Some(r.entity) == avoid || !self.eligible(r) || !ok(&self.list[r.entity]) {
                continue;
            }
            if r.subject {
                return Some(r.entity);
            }
            let possessive = doc.toks.get(r.tok).is_some_and(|t| t.poss())
                || doc.toks.get(r.tok + 1).is_some_and(|t| t.poss() && t.cap());
            if possessive {
                continue;
            }
            if Some(s) == own {
                own_other = own_other.or(Some(r.entity));
            } else if best_other.is_none() {
                best_other = Some(r.entity);
            }
        }
        best_other.or(own_other)
    }

    /// Can this mention be the antecedent of a pronoun?
    fn eligible(&self, r: &NameRef) -> bool {
        let e = &self.list[r.entity];
        !r.modifier && (r.subject || e.person || e.gender.abs() >= 2)
    }

    /// [`Entities::resolve_pronoun`] for a pronoun attributing the words in tokens `skip`.
    pub fn resolve_pronoun_outside(
        &self,
        doc: &Doc,
        at: usize,
        flag: u64,
        skip: Range<usize>,
    ) -> Option<usize> {
        self.antecedent_outside(doc, at, |e| e.compatible(flag), None, skip)
    }

    /// The most recent entity before token `at` a pronoun with `flag` can stand for.
    pub fn resolve_pronoun(
        &self,
        doc: &Doc,
        at: usize,
        flag: u64,
        avoid: Option<usize>,
    ) -> Option<usize> {
        self.antecedent(doc, at, |e| e.compatible(flag), avoid)
    }

    /// The last mention of entity `e` by name (not by a pronoun) before token `at`, outside
    /// tokens `skip`.
    pub fn last_name_ref(
        &self,
        doc: &Doc,
        e: usize,
        at: usize,
        skip: &Range<usize>,
    ) -> Option<usize> {
        let named = || {
            self.refs_before(at)
                .take(200)
                .filter(|r| r.entity == e && !skip.contains(&r.tok))
                .map(|r| r.tok)
                .filter(|&t| super::name_word(&doc.toks[t]))
        };
        // the most recent mention by the full name, else by any form of it
        let full = |t: &usize| doc.toks.get(t + 1).is_some_and(super::name_word);
        named().find(full).or_else(|| named().next())
    }

    /// How sure the resolution of a "he"/"she" at `at` to entity `e` is: high when the
    /// entity was mentioned (by name or by an already resolved pronoun) in the same or the
    /// previous sentence (even across a paragraph break: `Trump said …` ¶ `He said: "…"`),
    /// agrees in gender, and no other person the pronoun
    /// could stand for is named since; medium when it is at most a paragraph back without a
    /// rival; low otherwise.
    pub fn pronoun_confidence(
        &self,
        doc: &Doc,
        e: usize,
        at: usize,
        flag: u64,
        skip: &Range<usize>,
    ) -> Confidence {
        // (the mentions in reach, read again rather than gathered into a list for each
        // pronoun)
        let recent = || {
            self.refs_before(at)
                .take(60)
                .filter(|r| !skip.contains(&r.tok))
        };
        let Some(ante) = recent().find(|r| r.entity == e).map(|r| r.tok) else {
            return Confidence::Low;
        };
        let sent_gap = doc.sent_of(at).saturating_sub(doc.sent_of(ante));
        let para_gap = doc.toks[at].para().saturating_sub(doc.toks[ante].para());
        let g = self.list[e].gender;
        let agrees = if flag & PRON_M != 0 { g >= 2 } else { g <= -2 };
        let ante_sent = doc.sent_of(ante);
        let rival = recent().any(|r| {
            r.entity != e
                && doc.sent_of(r.tok) >= ante_sent
                && self.list[r.entity].compatible(flag)
                && self.list[r.entity].is_person()
        });
        if sent_gap <= 1 && para_gap <= 1 && agrees && !rival {
            Confidence::High
        } else if para_gap <= 1 && !rival {
            Confidence::Medium
        } else {
            Confidence::Low
        }
    }
}
