//! An entity of the article (a person or a body) and what the article says of it: the
//! span of its longest name, the words of the roles attached to it, and the pronoun and
//! organisation votes that decide whether it may be "he", "she" or "it".
//!
//! Every name mention of an article goes through an entity, so its name is a span of the
//! text and its roles are words stored back to back for all the article's entities, not
//! strings of their own.

use super::super::lexicon::*;
use super::super::Doc;
use super::chains::{Chain, Chains};
use super::keys::trim_all;
use super::Entities;
use crate::text::Span;
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct Entity {
    /// Where the article gives the longest form of the name (see [`Entity::name`]).
    name: Span,
    pub(super) name_len: usize,
    /// The name has no lower-case letter ("NATO", "TROUT BROOK").
    shouted: bool,
    /// The name has at least two letters.
    letters: bool,
    /// The lower-cased words of the titles and roles the article attaches to the name (see
    /// [`Entities::roles_of`]).
    pub(super) roles: Chain,
    /// Pronoun votes: positive male, negative female.
    pub gender: i32,
    /// Votes for an organisation ("it", "Department").
    pub org: i32,
    /// A person title or role was seen.
    pub person: bool,
    /// The name itself has an organisation word ("Studio", "Department").
    pub(super) org_name: bool,
    /// The name is a thing's or a place's: "Kilo of Powder", "Bay of Fundy" (an "of" inside a
    /// name without a person's title).
    pub(super) thing_name: bool,
}

impl Entity {
    pub(super) fn new(text: &str, span: Span, words: usize) -> Entity {
        let mut e = Entity::default();
        e.set_name(text, span, words);
        e
    }

    /// The name the article gives, of `words` words, at `span` of its `text`.
    pub(super) fn set_name(&mut self, text: &str, span: Span, words: usize) {
        let name = span.slice(text).unwrap_or("");
        self.name = span;
        self.name_len = words;
        // (read as bytes when ASCII, as nearly every name is: the same answers, sooner)
        if name.is_ascii() {
            let b = name.as_bytes();
            self.shouted = !b.iter().any(u8::is_ascii_lowercase);
            self.letters = b
                .iter()
                .filter(|c| c.is_ascii_alphabetic())
                .nth(1)
                .is_some();
        } else {
            self.shouted = !name.chars().any(char::is_lowercase);
            self.letters = name.chars().filter(|c| c.is_alphabetic()).nth(1).is_some();
        }
    }

    /// The longest form of the name the article (`text`) gives.
    pub fn name<'t>(&self, text: &'t str) -> &'t str {
        self.name.slice(text).unwrap_or("")
    }

    pub(super) fn compatible(&self, flag: u64) -> bool {
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
    /// A person needs a person's signal: a title or role, a given name, a he or she that
    /// refers to it, or a name of two words, not in capitals, that nothing marks as a body or
    /// a thing.
    /// Countries, parties, groups and things never take "he" or "she".
    pub fn is_person(&self) -> bool {
        if self.acronym() {
            return false;
        }
        if self.org_name || self.thing_name {
            return self.person;
        }
        // ("TROUT BROOK, N.B. —", "IOWA POLLS": a run in capitals is a dateline or a heading
        // unless something marks it as a person)
        self.person || self.gender != 0 || self.org <= 0 && self.name_len >= 2 && !self.shouted
    }
    /// A person, or a body named as one ("the Ministry of Health" is a thing's name, but
    /// "Acme Corp." and "NATO" are bodies): who may be said to use a quoted word.
    pub fn may_speak(&self) -> bool {
        self.is_person() || self.org_name && !self.thing_name || self.acronym()
    }

    /// A one-word name in capitals ("RCMP", "NATO", "CTV") names a body, not a person.
    pub(super) fn acronym(&self) -> bool {
        self.name_len == 1 && self.letters && self.shouted
    }
}

/// At most this many roles are kept for an entity: names repeated thousands of times stay
/// cheap to match.
const MAX_ROLES: usize = 24;

/// The roles of all an article's entities, their words back to back in one string, each
/// entity's a chain of their spans.
#[derive(Debug, Clone, Default)]
pub(super) struct Roles {
    pub(super) text: String,
    pub(super) entries: Chains<Span>,
}

/// Where the name of tokens `name` is, without its possessive ("Smith's" is "Smith").
pub(super) fn name_span(doc: &Doc, name: Range<usize>) -> Span {
    let text = doc.span_text(name.clone());
    let bare = trim_all(trim_all(text, "'s"), "\u{2019}s");
    let start = doc.toks.get(name.start).map_or(0, |t| t.start());
    Span::new(start, start + bare.len())
}

impl Entities {
    /// The lower-cased words of the titles and roles the article attaches to entity `e`.
    pub fn roles_of(&self, e: usize) -> impl Iterator<Item = &str> + '_ {
        let chain = self.list.get(e).map(|e| e.roles).unwrap_or_default();
        self.roles
            .entries
            .iter(chain)
            .filter_map(|span| span.slice(&self.roles.text))
    }

    /// Adds a role (a lower-cased word) to entity `e`, unless it has it or has
    /// [`MAX_ROLES`].
    pub(super) fn add_role(&mut self, e: usize, role: &str) {
        let Some(count) = self.list.get(e).map(|e| e.roles.len()) else {
            return;
        };
        if count >= MAX_ROLES || self.roles_of(e).any(|r| r == role) {
            return;
        }
        let roles = &mut self.roles;
        let start = roles.text.len();
        roles.text.push_str(role);
        let span = Span::new(start, roles.text.len());
        roles.entries.push(&mut self.list[e].roles, span);
    }
}
