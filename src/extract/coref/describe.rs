//! Descriptions: which person or body "the French leader", "the agency" or "the 26-year-old
//! forward" stands for, through the roles the article writes around names, and the optional
//! knowledge file.

use super::super::knowledge::Knowledge;
use super::super::lexicon::*;
use super::super::Doc;
use super::{
    demonym, key, key_compact, key_into, key_word_into, stem_match, Entities, GENERIC_BODIES,
};
use compact_str::CompactString;
use std::ops::Range;

impl Entities {
    /// A definite description the roles do not resolve ("the 26-year-old forward", "the
    /// city"): a person description stands for the person in focus, a body's for the most
    /// recent organisation named with that word ("the City of Surrey").
    pub fn definite(&self, doc: &Doc, np: Range<usize>, at: usize) -> Option<usize> {
        let toks = &doc.toks;
        if !doc.word(np.start).eq_ignore_ascii_case("the") || np.len() < 2 {
            return None;
        }
        let head = &toks[np.end - 1];
        let hw = key_compact(doc.word(np.end - 1));
        // ("sergeant-at-arms" is headed by its first part)
        let plural = hw.split('-').next().unwrap_or(&hw).ends_with('s');
        if plural && head.flags & ROLE == 0 || head.flags & NOT_SPEAKER != 0 {
            return None;
        }
        let org_head = head.flags & (SOURCE | ORG) != 0 && head.flags & ROLE == 0;
        // "a justice official … the justice official said": an anonymous source the
        // article introduced as such, not a named person
        // (only the nouns journalism uses for unnamed sources)
        let anonymous = matches!(
            hw.as_str(),
            "official"
                | "spokesperson"
                | "spokesman"
                | "spokeswoman"
                | "source"
                | "insider"
                | "person"
                | "aide"
                | "staffer"
                | "employee"
                | "witness"
                | "resident"
                | "officer"
                | "member"
                | "representative"
                | "diplomat"
                | "analyst"
        );
        // (each word keyed into one buffer, not a string of its own)
        let mut word = String::new();
        let introduced = anonymous
            && (np.start.saturating_sub(600)..np.start).any(|i| {
                toks[i].is_word()
                    && {
                        key_word_into(doc, i, &mut word);
                        word == hw
                    }
                    && (i.saturating_sub(4)..i).any(|j| {
                        let w = doc.word(j);
                        // not "Schuh, a professor" nor "Schuh is a professor": those name them
                        (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
                            && j > 0
                            && !toks[j - 1].is_punct(',')
                            && !toks[j - 1].is(BE)
                    })
            });
        if introduced {
            return None;
        }
        // "the father", "the widow": a relative is nobody named unless the roles say so
        if head.flags & RELATION != 0 && head.flags & (SOURCE | ORG) == 0 {
            return None;
        }
        if !org_head {
            // ("the officials said": a group is not one person in focus)
            if plural {
                return None;
            }
            return self.antecedent(doc, at, |e| e.is_person(), None);
        }
        let recent = || self.refs_before(at).take(80);
        let mut name = String::new();
        let named_with_head = recent()
            .find(|r| {
                let e = &self.list[r.entity];
                !e.is_person() && {
                    key_into(e.name(doc.text), &mut name);
                    name.split(' ').any(|w| w == hw)
                }
            })
            .map(|r| r.entity);
        if named_with_head.is_some() || !GENERIC_BODIES.contains(&hw.as_str()) {
            return named_with_head;
        }
        // "TransLink … the agency said": a generic noun for a body stands for the last one
        // named, when the text shows it is one (an acronym, a body's word in its name, "it")
        let para = toks.get(at)?.para();
        recent()
            .take_while(|r| toks[r.tok].para() + 3 >= para)
            .find(|r| {
                let e = &self.list[r.entity];
                !r.modifier && (e.acronym() || e.org_name || e.org > 0) && e.gender == 0
            })
            .map(|r| r.entity)
    }

    /// The entity a description such as "the French leader" stands for, through the roles
    /// the article gives names; `at` prefers the most recent one.
    pub fn resolve_nominal(&self, doc: &Doc, np: Range<usize>, at: usize) -> Option<usize> {
        let toks = &doc.toks;
        let mut head: Option<CompactString> = None;
        let mut mods: Vec<CompactString> = Vec::new();
        for i in np.clone().rev() {
            let t = &toks[i];
            if !t.is_word() || t.flags & (DET | POSS) != 0 && !(t.cap() && t.flags & DEMONYM != 0) {
                continue;
            }
            // (only the head and the capitalised modifiers are keyed)
            if head.is_none() {
                head = Some(key_compact(doc.word(i)));
            } else if t.cap() || t.flags & DEMONYM != 0 {
                mods.push(demonym(&key_compact(doc.word(i))).into());
            }
        }
        let head = head?;
        let person_head = toks[np.end - 1].flags & (ROLE | TITLE) != 0;
        if !person_head {
            return None;
        }
        let leader = toks[np.end - 1].flags & LEADER != 0;
        let matches = |e: usize| {
            let head_ok = self.roles_of(e).any(|r| stem_match(&head, r))
                || (leader
                    && head == "leader"
                    && self.roles_of(e).any(|r| {
                        matches!(
                            r,
                            "president" | "premier" | "prime" | "chancellor" | "king" | "queen"
                        )
                    }));
            head_ok
                && mods.iter().all(|m| {
                    self.roles_of(e).any(|r| {
                        demonym(r) == m.as_str() || r.split('-').any(|p| demonym(p) == m.as_str())
                    })
                })
        };
        for r in self.refs_before(at).take(150) {
            if matches(r.entity) {
                return Some(r.entity);
            }
        }
        self.refs_from(at)
            .take(150)
            .find(|r| matches(r.entity))
            .map(|r| r.entity)
    }
}

/// Resolves a description through the optional knowledge file ("the Syrian leader").
pub fn known_role(knowledge: &Knowledge, phrase: &str) -> Option<String> {
    // (no knowledge file, or one without roles: nothing to key)
    if knowledge.speakers.iter().all(|s| s.roles.is_empty()) {
        return None;
    }
    let p = key(phrase);
    let p = p
        .strip_prefix("the ")
        .or_else(|| p.strip_prefix("a "))
        .unwrap_or(&p);
    let mut role = String::new();
    knowledge
        .speakers
        .iter()
        .find(|s| {
            s.roles.iter().any(|r| {
                key_into(r, &mut role);
                role == p
            })
        })
        .map(|s| s.name.clone())
}

/// The knowledge file's canonical name for a name or alias.
pub fn known_name(knowledge: &Knowledge, name: &str) -> Option<String> {
    knowledge.name_of(name).map(str::to_string)
}
