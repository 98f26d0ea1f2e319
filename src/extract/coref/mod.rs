//! Coreference: which person or body a name, a pronoun or a description points to.
//!
//! Built once per article from the article's own words: every capitalized name (with the
//! titles and roles written around it), the gender the article's pronouns give each person,
//! and whether a name behaves like an organisation. Pronouns resolve to the most recent
//! compatible subject; descriptions ("the French leader", "the mayor") resolve through the
//! roles the article attaches to names ("French President Emmanuel Macron").

use super::lexicon::*;
use super::mentions::{name_word, split_name};
use super::Doc;
use std::ops::Range;

mod antecedent;
mod chains;
mod describe;
mod entity;
mod inside;
mod keys;
mod names;
mod refs;
mod spare;
mod syntax;

pub use describe::{known_name, known_role};
pub use entity::Entity;
use entity::{name_span, Roles};
use inside::without_possessives;
pub use keys::key;
use keys::{key_compact, key_into, key_word_into};
use names::{hash as hash_word, Names, Scratch};
use spare::{Building, Kept};
use syntax::{after_prep, descriptor_word, is_subject, qualifies_name};

/// Nouns that stand for a body without naming it: "the agency", "the firm".
const GENERIC_BODIES: &[&str] = &[
    "agency",
    "firm",
    "company",
    "group",
    "organization",
    "organisation",
    "union",
    "ministry",
    "department",
    "institute",
    "association",
    "charity",
    "network",
    "broadcaster",
    "publisher",
    "bank",
    "regulator",
];

/// A name seen in the text, tied to an entity.
#[derive(Debug, Clone, Copy)]
pub struct NameRef {
    /// Token index of the name's first token.
    pub tok: usize,
    pub entity: usize,
    /// In subject position (starts the sentence or a clause).
    pub subject: bool,
    /// Qualifies a following name ("Toronto" in "Toronto retiree Doug Purdy").
    pub modifier: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// Every name mention in text order (see [`refs`] for how it is read).
    refs: Vec<NameRef>,
    /// The mentions of speakers resolved after building, in text order.
    said: Vec<NameRef>,
    /// Entities by the keys of their names, full names by their first and last word.
    names: Names,
    /// How often each entity was named so far, while building.
    seen_count: Vec<usize>,
    /// The entities' roles.
    roles: Roles,
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

/// Does key `full` end with the words of key `tail`, after a space ("fouzia al hashish"
/// ends with "al hashish")?
fn ends_with_words(full: &str, tail: &str) -> bool {
    full.len() > tail.len()
        && full.ends_with(tail)
        && full.as_bytes()[full.len() - tail.len() - 1] == b' '
}

fn stem_match(head: &str, role: &str) -> bool {
    head == role
        || (head.len() >= 4 && role.starts_with(head))
        || (role.len() >= 4 && head.starts_with(role))
        || head.strip_suffix('s') == Some(role)
}

impl Entities {
    pub fn build(doc: &Doc) -> Entities {
        let kept = Kept::take();
        let mut ents = Entities {
            names: Names::new(),
            list: kept.list,
            refs: kept.refs,
            said: kept.said,
            seen_count: kept.seen_count,
            roles: kept.roles,
        };
        let mut building = Building::take();
        let toks = &doc.toks;
        let n = toks.len();
        // single capitalized words opening a sentence are names only if the article also
        // writes them capitalised elsewhere
        building.cap_inside.fill(doc);
        let cap_inside = &building.cap_inside;
        let capitalised_inside = |w: &str| cap_inside.contains(doc, w);
        let mut i = 0;
        // (the run, the name proper, in page furniture)
        let pending = &mut building.pending;
        // (a run opens on a capitalised word: the next one at or after `i`, read from the
        // list of them, which `next_cap` walks)
        let mut next_cap = 0;
        while i < n {
            while doc
                .capitalised
                .get(next_cap)
                .is_some_and(|&c| (c as usize) < i)
            {
                next_cap += 1;
            }
            let Some(&c) = doc.capitalised.get(next_cap) else {
                break;
            };
            i = c as usize;
            if !(name_word(&toks[i]) || toks[i].is(TITLE) && toks[i].cap()) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i + 1;
            while b < n && toks[b].para() == toks[a].para() {
                let t = &toks[b];
                let joins = t.is_word()
                    && (t.flags & NAME_PARTICLE != 0 || doc.word_eq(b, "of"))
                    && toks.get(b + 1).is_some_and(name_word);
                if (name_word(t) || joins) && !toks[b - 1].poss() {
                    b += 1;
                } else {
                    break;
                }
            }
            i = b;
            // "Part of Ian Poulter's …": a word capitalised only because it opens the
            // sentence, and its "of", are not part of the name
            // (likewise when what follows "of" is a person's name: a given name, or a full
            // name taking a possessive)
            let after_of = toks[a + 1..b]
                .iter()
                .position(|t| t.is_word() && doc.word_is(t, "of"));
            let a = match after_of.map(|o| a + 2 + o) {
                Some(c)
                    if c + 1 < b
                        && !toks[a].is(TITLE)
                        && (doc.is_sent_start(a) && !capitalised_inside(doc.word(a))
                            || toks[c].is(GIVEN_M | GIVEN_F)
                            || toks[b - 1].poss()) =>
                {
                    c
                }
                _ => a,
            };
            let Some(name) = split_name(doc, a..b) else {
                continue;
            };
            // "TROUT BROOK, N.B. —", "Lyon (AFP) —": a dateline's place names nobody
            if super::attribute::past_dateline(doc, a, n) > b {
                continue;
            }
            // a caption's "French President Emmanuel Macron" still tells the person's roles,
            // but no name in page furniture is ever an antecedent
            let furniture = doc.furniture.get(toks[a].para()).copied().unwrap_or(false);
            if furniture && (name.start == a || name.len() < 2) {
                continue;
            }
            let sent_start = doc.sents.get(doc.sent_of(a)).is_some_and(|s| s.start == a);
            if name.len() == 1 && sent_start && a == name.start {
                // "Yuni, a resident of …" / "Roman said …" introduce a name
                let appositive = toks.get(b).is_some_and(|t| t.is_punct(','))
                    && matches!(doc.word(b + 1), "a" | "an");
                let reports = toks
                    .get(b)
                    .is_some_and(|t| t.flags & super::cues::SAY != 0 && !t.cap());
                // ("Marsh’s campaign …" opening a sentence is the Marsh named inside one)
                let bare = without_possessives(doc.word(name.start));
                if !capitalised_inside(bare) && !appositive && !reports {
                    continue;
                }
            }
            if toks[name.start..name.end]
                .iter()
                .all(|t| t.is(DEMONYM | PARTY))
            {
                continue;
            }
            pending.push((a..b, name, furniture));
        }
        // full names first, longest first, so a surname ("Holt", "Al Hashish") can join
        // the full name ending with it; each keeps the entity found then (its key maps to it
        // from then on)
        building.order_full();
        let pending = &building.pending;
        let full = &building.full;
        let found = &mut building.found;
        found.resize(pending.len(), None);
        for &p in full.iter() {
            found[p] = Some(ents.entity_for(doc, pending[p].1.clone()));
        }
        for ((run, name, _), &found) in pending.iter().zip(found.iter()).filter(|(p, _)| !p.2) {
            let e = match found {
                Some(e) => e,
                None => ents.entity_for(doc, name.clone()),
            };
            if ents.seen_count.len() < ents.list.len() {
                ents.seen_count.resize(ents.list.len(), 0);
            }
            ents.seen_count[e] += 1;
            let subject = is_subject(doc, run.start);
            let prep = after_prep(doc, run.start);
            let modifier = qualifies_name(doc, run.end);
            ents.refs.push(NameRef {
                tok: name.start,
                entity: e,
                // "China's role": a possessor is not the subject
                subject: subject && !prep && !modifier && !toks[name.end - 1].poss(),
                modifier,
            });
            ents.add_roles(doc, e, run.clone(), name.clone());
        }
        // a caption may tell the roles of a person the prose names; it names nobody new
        for (run, name, _) in pending.iter().filter(|p| p.2) {
            if let Some(e) = ents.names.get(&key(doc.span_text(name.clone()))) {
                ents.add_roles(doc, e, run.clone(), name.clone());
            }
        }
        building.give_back();
        ents.refs.sort_by_key(|r| r.tok);
        ents.vote_gender(doc);
        ents.add_nominal_refs(doc);
        ents.chain_pronouns(doc);
        ents
    }

    /// Descriptions in subject position that the article's roles resolve ("the American
    /// President also informed …") count as mentions of their entity.
    fn add_nominal_refs(&mut self, doc: &Doc) {
        let toks = &doc.toks;
        let mut add = Vec::new();
        for &i in &doc.role_words {
            let i = i as usize;
            // (a word of the list, one with a role or a title, unless a name follows it)
            if toks.get(i + 1).is_some_and(name_word) {
                continue;
            }
            let mut a = i;
            while a > 0
                && i - a < 4
                && toks[a - 1].is_word()
                && !toks[a - 1].is(DET | POSS)
                && (toks[a - 1].cap() || toks[a - 1].flags & DEMONYM != 0)
            {
                a -= 1;
            }
            if a == 0 || !doc.word(a - 1).eq_ignore_ascii_case("the") {
                continue;
            }
            let det = a - 1;
            if !is_subject(doc, det) {
                continue;
            }
            if let Some(e) = self.resolve_nominal(doc, det..i + 1, det) {
                add.push(NameRef {
                    tok: det,
                    entity: e,
                    subject: true,
                    modifier: false,
                });
            }
        }
        self.refs.extend(add);
        self.refs.sort_by_key(|r| r.tok);
    }

    fn entity_for(&mut self, doc: &Doc, name: Range<usize>) -> usize {
        let mut scratch = self.names.scratch();
        let e = self.entity_keyed(doc, name, &mut scratch);
        self.names.restore(scratch);
        e
    }

    /// [`Entities::entity_for`], keying names into `scratch`.
    fn entity_keyed(&mut self, doc: &Doc, name: Range<usize>, scratch: &mut Scratch) -> usize {
        let text = doc.span_text(name.clone());
        let Scratch {
            key: k,
            word,
            name: keyed_name,
        } = scratch;
        if name.len() == 1 {
            key_word_into(doc, name.start, k);
        } else {
            key_into(text, k);
        }
        let h = hash_word(k);
        if let Some(e) = self.names.get_hashed(h, k) {
            return e;
        }
        // (the hash of the last word's key in `word`)
        let mut last_hash = 0;
        if name.len() >= 2 {
            // "Al Hashish" is the end of "Fouzia Al Hashish"
            // (`word` holds the last word's key until the name is filed under it, below)
            key_word_into(doc, name.end - 1, word);
            last_hash = hash_word(word);
            let mut longer = None;
            for (e, is_last) in self.names.filed_under_hashed(last_hash, word) {
                if is_last {
                    key_into(self.list[e].name(doc.text), keyed_name);
                    if ends_with_words(keyed_name, k) {
                        longer = Some(e);
                        break;
                    }
                }
            }
            if let Some(e) = longer {
                self.names.insert_hashed(h, k, e);
                return e;
            }
        }
        if name.len() == 1 {
            // a surname alone joins the full name ending with it ("Kim" for "Kim Jong-un"
            // too, where the family name comes first); among several, a surname match, then
            // a person's name, then the most mentioned so far, then the first named
            let mut best: Option<(usize, (bool, bool, usize, usize))> = None;
            for (e, last) in self.names.filed_under_hashed(h, k) {
                let score = (
                    last,
                    !self.list[e].org_name,
                    self.seen_count.get(e).copied().unwrap_or(0),
                    usize::MAX - e,
                );
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((e, score));
                }
            }
            if let Some((e, _)) = best {
                return e;
            }
        }
        let e = self.list.len();
        if name.len() >= 2 {
            self.names.file_hashed(last_hash, word, e, true);
            key_word_into(doc, name.start, word);
            self.names.file(word, e, false);
        }
        let org_name = doc.toks[name.clone()].iter().any(|t| t.flags & ORG != 0);
        let thing_name = (name.start..name.end).any(|i| matches!(doc.word(i), "of" | "for"))
            && !doc.toks[name.clone()].iter().any(|t| t.is(TITLE));
        let mut entity = Entity::new(doc.text, name_span(doc, name.clone()), name.len());
        entity.org_name = org_name;
        entity.thing_name = thing_name;
        self.list.push(entity);
        self.names.insert_hashed(h, k, e);
        e
    }

    fn add_roles(&mut self, doc: &Doc, e: usize, run: Range<usize>, name: Range<usize>) {
        let toks = &doc.toks;
        // (each word of a role is keyed into this and stored as it is found)
        let mut scratch = self.names.scratch();
        let mut person = false;
        let mut gender = 0;
        // titles and roles in the run, and lower-case descriptors right before it
        let mut a = run.start;
        let mut taken = 0;
        while a > 0 && taken < 4 {
            if descriptor_word(doc, a - 1) && toks[a - 1].para() == toks[run.start].para() {
                a -= 1;
                taken += 1;
            } else {
                break;
            }
        }
        let after_full_name = a >= 2 && name_word(&toks[a - 1]) && name_word(&toks[a - 2]);
        let before_ok = !after_full_name
            && (a == 0
                || toks[a - 1].cap()
                || toks[a - 1].is(DET | POSS)
                || toks[a - 1].punct().is_some());
        let descriptor = a < run.start
            && (before_ok || toks[a..run.start].iter().any(|t| t.flags & ROLE != 0))
            && !(a..name.start).any(|i| toks[i].flags & (ORG | SOURCE) != 0);
        person |= descriptor;
        // a given name at the start of a full name: its usual gender, as a prior (not in a
        // body's name: "Adam Smith International")
        let body_word = toks[name.clone()].iter().any(|t| t.flags & ORG != 0);
        if name.len() >= 2 && !toks[name.start].poss() && !body_word {
            let first = toks[name.start].flags;
            if first & GIVEN_M != 0 && first & GIVEN_F == 0 {
                gender += 3;
                person = true;
            } else if first & GIVEN_F != 0 && first & GIVEN_M == 0 {
                gender -= 3;
                person = true;
            }
        }
        for (i, t) in toks.iter().enumerate().take(name.start).skip(a) {
            if t.is_word() {
                self.add_role_word(doc, e, i, &mut scratch.word);
                person |= t.flags & (TITLE | ROLE) != 0;
                if t.flags & FEMALE != 0 {
                    gender -= 3;
                }
                if t.flags & MALE != 0 {
                    gender += 3;
                }
            }
        }
        // a name set off after a relative: "Lind's father, Joseph, says" (so "his father"
        // is Joseph later)
        let set_off = run.start >= 2
            && toks[run.start - 1].is_punct(',')
            && toks[run.start - 2].is(RELATION)
            && !toks[run.start - 2].cap()
            && toks.get(run.end).is_some_and(|t| t.is_punct(','));
        if set_off {
            self.add_role_word(doc, e, run.start - 2, &mut scratch.word);
            person = true;
        }
        // an appositive: "Kevin Haley, director of …, said"
        if toks.get(name.end).is_some_and(|t| t.is_punct(',')) {
            let mut j = name.end + 1;
            // (at most eleven)
            let mut words = [0; 12];
            let mut count = 0;
            while j < toks.len() && j < name.end + 12 {
                let t = &toks[j];
                if !t.is_word() || t.flags & super::cues::ANY != 0 && !t.cap() {
                    break;
                }
                // "a friend of the Tory leader": the roles after a relation belong to
                // someone else
                if j > name.end + 1
                    && matches!(doc.word(j), "of" | "for" | "to" | "with")
                    && toks[j - 1].is(RELATION)
                {
                    break;
                }
                words[count] = j;
                count += 1;
                j += 1;
            }
            let closes = toks
                .get(j)
                .is_some_and(|t| t.is_punct(',') || t.is_punct('.'));
            let words = &words[..count];
            let role_like = words.iter().any(|&w| toks[w].flags & (ROLE | TITLE) != 0);
            if closes && role_like && !words.iter().any(|&w| toks[w].flags & (PRONOUN | BE) != 0) {
                for &w in words {
                    self.add_role_word(doc, e, w, &mut scratch.word);
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
        let org = toks[name.clone()].iter().enumerate().any(|(o, t)| {
            let w = doc.word(name.start + o);
            t.flags & ORG != 0
                || w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
        });
        self.names.restore(scratch);
        let ent = &mut self.list[e];
        ent.person |= person;
        ent.gender += gender;
        if org {
            ent.org += 2;
        }
        if name.len() > ent.name_len {
            ent.set_name(doc.text, name_span(doc, name.clone()), name.len());
        }
    }

    /// Adds word `i` of the text, keyed into `buf`, to the roles of entity `e`.
    fn add_role_word(&mut self, doc: &Doc, e: usize, i: usize, buf: &mut String) {
        key_word_into(doc, i, buf);
        self.add_role(e, buf);
    }

    /// The entity a name mention (token range of the name proper) belongs to.
    pub fn of_name(&self, doc: &Doc, name: Range<usize>) -> Option<usize> {
        // the mention itself, when it was collected
        if let Some(r) = self
            .refs_from(name.start)
            .next()
            .filter(|r| r.tok == name.start)
        {
            return Some(r.entity);
        }
        let k = key_compact(doc.span_text(name.clone()));
        if let Some(e) = self.names.get(&k) {
            return Some(e);
        }
        // "McCallum" inside a longer run
        let last = key_compact(doc.word(name.end - 1));
        self.names.get(&last)
    }
}
