//! Coreference: which person or body a name, a pronoun or a description points to.
//!
//! Built once per article from the article's own words: every capitalized name (with the
//! titles and roles written around it), the gender the article's pronouns give each person,
//! and whether a name behaves like an organisation. Pronouns resolve to the most recent
//! compatible subject; descriptions ("the French leader", "the mayor") resolve through the
//! roles the article attaches to names ("French President Emmanuel Macron").

use super::knowledge::Knowledge;
use super::lexicon::*;
use super::mentions::{name_word, split_name};
use super::Doc;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// The longest form of the name the article gives.
    pub name: String,
    name_len: usize,
    /// Lower-cased words of the titles and roles the article attaches to the name.
    pub roles: Vec<String>,
    /// Pronoun votes: positive male, negative female.
    pub gender: i32,
    /// Votes for an organisation ("it", "Department").
    pub org: i32,
    /// A person title or role was seen.
    pub person: bool,
}

impl Entity {
    fn compatible(&self, flag: u64) -> bool {
        if flag & PRON_M != 0 {
            self.gender >= 0 && self.is_person()
        } else if flag & PRON_F != 0 {
            self.gender <= 0 && self.is_person()
        } else if flag & PRON_IT != 0 {
            !self.is_person()
        } else {
            true
        }
    }
    pub fn is_person(&self) -> bool {
        self.person || self.gender != 0 || self.org <= 0 && self.name_len >= 2
    }
}

/// A name seen in the text, tied to an entity.
#[derive(Debug, Clone, Copy)]
pub struct NameRef {
    /// Token index of the name's first token.
    pub tok: usize,
    pub entity: usize,
    /// In subject position (starts the sentence or a clause).
    pub subject: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// Every name mention in text order.
    pub refs: Vec<NameRef>,
    by_key: HashMap<String, usize>,
}

/// Lower-cased key of a name: words joined by single spaces, possessive dropped.
pub fn key(s: &str) -> String {
    let s = s
        .trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .trim_end_matches(['\'', '\u{2019}']);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            out.extend(c.to_lowercase());
        }
    }
    out.replace('\u{2019}', "'")
}

/// Same-country words: "U.S.", "US", "American" all read "us".
pub fn demonym(w: &str) -> &str {
    match w.trim_end_matches('.') {
        "u.s" | "us" | "american" | "america" | "united" => "us",
        "uk" | "u.k" | "britain" | "british" | "english" => "uk",
        "french" | "france" => "france",
        "german" | "germany" => "germany",
        "canadian" | "canada" | "federal" => "canada",
        "chinese" | "china" => "china",
        "russian" | "russia" => "russia",
        "syrian" | "syria" => "syria",
        "iranian" | "iran" => "iran",
        "israeli" | "israel" => "israel",
        "japanese" | "japan" => "japan",
        "indian" | "india" => "india",
        "mexican" | "mexico" => "mexico",
        "irish" | "ireland" => "ireland",
        "australian" | "australia" => "australia",
        "turkish" | "turkey" => "turkey",
        "italian" | "italy" => "italy",
        "spanish" | "spain" => "spain",
        other => other,
    }
}

fn stem_match(head: &str, role: &str) -> bool {
    head == role
        || (head.len() >= 4 && role.starts_with(head))
        || (role.len() >= 4 && head.starts_with(role))
        || head.strip_suffix('s') == Some(role)
}

impl Entities {
    pub fn build(doc: &Doc) -> Entities {
        let mut ents = Entities::default();
        let toks = &doc.toks;
        let n = toks.len();
        // single capitalized words opening a sentence are names only if the article also
        // writes them capitalized elsewhere
        let mut cap_inside: HashMap<String, usize> = HashMap::new();
        for (i, t) in toks.iter().enumerate() {
            if name_word(t)
                && doc.sent_of[i] < doc.sents.len()
                && doc.sents[doc.sent_of[i]].start != i
            {
                *cap_inside.entry(key(doc.word(i))).or_insert(0) += 1;
            }
        }
        let mut i = 0;
        let mut pending: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        while i < n {
            if !(name_word(&toks[i]) || toks[i].is(TITLE) && toks[i].cap) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i + 1;
            while b < n && toks[b].para == toks[a].para {
                let t = &toks[b];
                if name_word(t) && !toks[b - 1].poss {
                    b += 1;
                } else if t.is_word()
                    && (t.flags & NAME_PARTICLE != 0 || doc.word(b) == "of")
                    && toks.get(b + 1).is_some_and(name_word)
                    && !toks[b - 1].poss
                {
                    b += 1;
                } else {
                    break;
                }
            }
            i = b;
            let Some(name) = split_name(doc, a..b) else {
                continue;
            };
            let sent_start = doc.sents.get(doc.sent_of[a]).is_some_and(|s| s.start == a);
            if name.len() == 1 && sent_start && a == name.start {
                let k = key(doc.word(name.start));
                if !cap_inside.contains_key(&k) {
                    continue;
                }
            }
            if toks[name.start..name.end].iter().all(|t| t.is(DEMONYM)) {
                continue;
            }
            pending.push((a..b, name));
        }
        // full names first, so a lone surname can join them
        for (run, name) in &pending {
            if name.len() >= 2 {
                ents.entity_for(doc, name.clone(), run.clone());
            }
        }
        for (run, name) in pending {
            let e = ents.entity_for(doc, name.clone(), run.clone());
            let subject = is_subject(doc, run.start);
            ents.refs.push(NameRef {
                tok: name.start,
                entity: e,
                subject,
            });
            ents.add_roles(doc, e, run.clone(), name.clone());
        }
        ents.refs.sort_by_key(|r| r.tok);
        ents.vote_gender(doc);
        ents
    }

    fn entity_for(&mut self, doc: &Doc, name: Range<usize>, _run: Range<usize>) -> usize {
        let text = doc.span_text(name.clone());
        let k = key(text);
        if let Some(&e) = self.by_key.get(&k) {
            return e;
        }
        if name.len() == 1 {
            // a surname alone joins the one full name ending with it
            let mut found = None;
            let mut count = 0;
            for (fk, &e) in &self.by_key {
                let words: Vec<&str> = fk.split(' ').collect();
                if words.len() >= 2 && (words.last() == Some(&k.as_str())) {
                    if found != Some(e) {
                        count += 1;
                    }
                    found = Some(e);
                }
            }
            if count == 1 {
                if let Some(e) = found {
                    self.by_key.insert(k, e);
                    return e;
                }
            }
        }
        let e = self.list.len();
        self.list.push(Entity {
            name: text
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
                .to_string(),
            name_len: name.len(),
            ..Entity::default()
        });
        self.by_key.insert(k, e);
        e
    }

    fn add_roles(&mut self, doc: &Doc, e: usize, run: Range<usize>, name: Range<usize>) {
        let toks = &doc.toks;
        let mut roles: Vec<String> = Vec::new();
        let mut person = false;
        let mut gender = 0;
        // titles and roles in the run, and lower-case descriptors right before it
        let mut a = run.start;
        let mut taken = 0;
        while a > 0 && taken < 4 {
            let t = &toks[a - 1];
            if t.is_word()
                && !t.cap
                && t.flags & (CLOSED | TIME) == 0
                && !t.poss
                && t.para == toks[run.start].para
            {
                a -= 1;
                taken += 1;
            } else {
                break;
            }
        }
        for i in a..name.start {
            if toks[i].is_word() {
                roles.push(key(doc.word(i)));
                person |= toks[i].flags & (TITLE | ROLE) != 0;
                if toks[i].flags & FEMALE != 0 {
                    gender -= 3;
                }
                if toks[i].flags & MALE != 0 {
                    gender += 3;
                }
            }
        }
        // an appositive: "Kevin Haley, director of …, said"
        if toks.get(name.end).is_some_and(|t| t.is_punct(',')) {
            let mut j = name.end + 1;
            let mut words = Vec::new();
            while j < toks.len() && j < name.end + 12 {
                let t = &toks[j];
                if !t.is_word() || t.flags & super::cues::ANY != 0 && !t.cap {
                    break;
                }
                words.push(j);
                j += 1;
            }
            let closes = toks
                .get(j)
                .is_some_and(|t| t.is_punct(',') || t.is_punct('.'));
            let role_like = words.iter().any(|&w| toks[w].flags & (ROLE | TITLE) != 0);
            if closes && role_like && !words.iter().any(|&w| toks[w].flags & (PRONOUN | BE) != 0) {
                for &w in &words {
                    roles.push(key(doc.word(w)));
                    if toks[w].flags & FEMALE != 0 {
                        gender -= 3;
                    }
                    if toks[w].flags & MALE != 0 {
                        gender += 3;
                    }
                }
                person = true;
            }
        }
        let org = toks[name.clone()].iter().any(|t| t.flags & ORG != 0);
        let ent = &mut self.list[e];
        for r in roles {
            if !ent.roles.contains(&r) {
                ent.roles.push(r);
            }
        }
        ent.person |= person;
        ent.gender += gender;
        if org {
            ent.org += 2;
        }
        if name.len() > ent.name_len {
            ent.name = doc
                .span_text(name.clone())
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
                .to_string();
            ent.name_len = name.len();
        }
    }

    /// Each gendered pronoun votes for the nearest name before it.
    fn vote_gender(&mut self, doc: &Doc) {
        let mut r = 0;
        let mut last: Option<(usize, usize)> = None; // (entity, paragraph)
        for (i, t) in doc.toks.iter().enumerate() {
            while r < self.refs.len() && self.refs[r].tok <= i {
                last = Some((self.refs[r].entity, doc.toks[self.refs[r].tok].para));
                r += 1;
            }
            if !t.is_word() {
                continue;
            }
            let Some((e, p)) = last else { continue };
            if t.para > p + 1 {
                continue;
            }
            let w = doc.word(i);
            let lw = w.to_ascii_lowercase();
            match lw.as_str() {
                "he" | "his" | "him" | "himself" => self.list[e].gender += 1,
                "she" | "her" | "hers" | "herself" => self.list[e].gender -= 1,
                "it" | "its" if !(w.len() > 1 && w == "IT") => self.list[e].org += 1,
                _ => {}
            }
        }
    }

    /// The entity a name mention (token range of the name proper) belongs to.
    pub fn of_name(&self, doc: &Doc, name: Range<usize>) -> Option<usize> {
        let k = key(doc.span_text(name.clone()));
        if let Some(&e) = self.by_key.get(&k) {
            return Some(e);
        }
        // "McCallum" inside a longer run
        let last = key(doc.word(name.end - 1));
        self.by_key.get(&last).copied()
    }

    /// The most recent entity before token `at` a pronoun with `flag` can stand for.
    pub fn resolve_pronoun(
        &self,
        doc: &Doc,
        at: usize,
        flag: u64,
        avoid: Option<usize>,
    ) -> Option<usize> {
        let end = self.refs.partition_point(|r| r.tok < at);
        let para = doc.toks.get(at)?.para;
        let window = |r: &NameRef| doc.toks[r.tok].para + 4 >= para;
        // subjects first, then any name
        for subject_only in [true, false] {
            for r in self.refs[..end].iter().rev() {
                if !window(r) {
                    break;
                }
                if subject_only && !r.subject {
                    continue;
                }
                if Some(r.entity) == avoid {
                    continue;
                }
                if self.list[r.entity].compatible(flag) {
                    return Some(r.entity);
                }
            }
        }
        None
    }

    /// The entity a description such as "the French leader" stands for, through the roles
    /// the article gives names; `at` prefers the most recent one.
    pub fn resolve_nominal(&self, doc: &Doc, np: Range<usize>, at: usize) -> Option<usize> {
        let toks = &doc.toks;
        let mut head: Option<String> = None;
        let mut mods: Vec<String> = Vec::new();
        for i in np.clone().rev() {
            let t = &toks[i];
            if !t.is_word() || t.flags & (DET | POSS) != 0 && !(t.cap && t.flags & DEMONYM != 0) {
                continue;
            }
            let k = key(doc.word(i));
            if head.is_none() {
                head = Some(k);
            } else if t.cap || t.flags & DEMONYM != 0 {
                mods.push(demonym(&k).to_string());
            }
        }
        let head = head?;
        let person_head = toks[np.end - 1].flags & (ROLE | TITLE) != 0;
        if !person_head {
            return None;
        }
        let leader = toks[np.end - 1].flags & LEADER != 0;
        let matches = |e: &Entity| {
            let head_ok = e.roles.iter().any(|r| stem_match(&head, r))
                || (leader
                    && head == "leader"
                    && e.roles.iter().any(|r| {
                        matches!(
                            r.as_str(),
                            "president" | "premier" | "prime" | "chancellor" | "king" | "queen"
                        )
                    }));
            head_ok
                && mods.iter().all(|m| {
                    e.roles.iter().any(|r| {
                        demonym(r) == m.as_str() || r.split('-').any(|p| demonym(p) == m.as_str())
                    })
                })
        };
        let end = self.refs.partition_point(|r| r.tok < at);
        for r in self.refs[..end].iter().rev() {
            if matches(&self.list[r.entity]) {
                return Some(r.entity);
            }
        }
        self.refs[end..]
            .iter()
            .find(|r| matches(&self.list[r.entity]))
            .map(|r| r.entity)
    }
}

/// Resolves a description through the optional knowledge file ("the Syrian leader").
pub fn known_role(knowledge: &Knowledge, phrase: &str) -> Option<String> {
    let p = key(phrase);
    let p = p
        .strip_prefix("the ")
        .or_else(|| p.strip_prefix("a "))
        .unwrap_or(&p)
        .to_string();
    knowledge
        .speakers
        .iter()
        .find(|s| s.roles.iter().any(|r| key(r) == p))
        .map(|s| s.name.clone())
}

/// The knowledge file's canonical name for a name or alias.
pub fn known_name(knowledge: &Knowledge, name: &str) -> Option<String> {
    let k = key(name);
    knowledge
        .speakers
        .iter()
        .find(|s| key(&s.name) == k || s.aliases.iter().any(|a| key(a) == k))
        .map(|s| s.name.clone())
}

/// Does the name starting at token `a` stand in subject position?
fn is_subject(doc: &Doc, a: usize) -> bool {
    let toks = &doc.toks;
    let s = doc.sent_of[a];
    if doc.sents.get(s).is_some_and(|r| r.start == a) {
        return true;
    }
    if a == 0 {
        return true;
    }
    // skip titles/role words in front
    let mut j = a;
    while j > 0
        && toks[j - 1].is_word()
        && (toks[j - 1].cap || toks[j - 1].flags & (ROLE | TITLE | DEMONYM) != 0)
        && toks[j - 1].flags & (PREP | CONJ | SUBORD) == 0
    {
        j -= 1;
    }
    if j == 0 || doc.sents.get(s).is_some_and(|r| r.start == j) {
        return true;
    }
    let p = &toks[j - 1];
    p.quote().is_some()
        || p.is_punct(',')
        || p.is_punct(':')
        || p.is(CONJ | SUBORD | REL)
        || p.is(DET) && j >= 1 && (j == 1 || doc.sents.get(s).is_some_and(|r| r.start == j - 1))
}
