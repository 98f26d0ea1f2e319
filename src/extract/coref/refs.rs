//! The name mentions of an article in text order, as coreference reads them.
//!
//! The mentions found while building [`Entities`] are one sorted list. Each speaker resolved
//! afterwards also becomes a mention (the most recent subject for later pronouns); those go
//! into a second list, since inserting each into the middle of the first would move every
//! later mention, once per quote, and make a long article quadratic. Readers see both lists
//! merged, in the order a single list with each speaker inserted before the mentions at its
//! token would have.

use super::{Entities, NameRef};

impl Entities {
    /// Records a speaker's mention at token `tok`, resolved to `entity`, as the subject of its
    /// sentence.
    pub fn add_speaker_ref(&mut self, tok: usize, entity: usize) {
        let pos = self.said.partition_point(|r| r.tok < tok);
        self.said.insert(
            pos,
            NameRef {
                tok,
                entity,
                subject: true,
                modifier: false,
            },
        );
    }

    /// Mentions before token `at`, nearest first.
    pub(super) fn refs_before(&self, at: usize) -> Before<'_> {
        Before {
            names: &self.refs[..self.refs.partition_point(|r| r.tok < at)],
            said: &self.said[..self.said.partition_point(|r| r.tok < at)],
        }
    }

    /// Mentions from token `at` on, in text order.
    pub(super) fn refs_from(&self, at: usize) -> From<'_> {
        From {
            names: &self.refs[self.refs.partition_point(|r| r.tok < at)..],
            said: &self.said[self.said.partition_point(|r| r.tok < at)..],
        }
    }
}

/// Mentions going back from a token: of two at one token, a speaker's comes last.
pub(super) struct Before<'a> {
    names: &'a [NameRef],
    said: &'a [NameRef],
}

impl<'a> Iterator for Before<'a> {
    type Item = &'a NameRef;

    fn next(&mut self) -> Option<&'a NameRef> {
        let from_names = match (self.names.last(), self.said.last()) {
            (Some(a), Some(b)) => a.tok >= b.tok,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let list = if from_names {
            &mut self.names
        } else {
            &mut self.said
        };
        let (last, rest) = list.split_last()?;
        *list = rest;
        Some(last)
    }
}

/// Mentions going forward from a token: of two at one token, a speaker's comes first.
pub(super) struct From<'a> {
    names: &'a [NameRef],
    said: &'a [NameRef],
}

impl<'a> Iterator for From<'a> {
    type Item = &'a NameRef;

    fn next(&mut self) -> Option<&'a NameRef> {
        let from_said = match (self.names.first(), self.said.first()) {
            (Some(a), Some(b)) => b.tok <= a.tok,
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (None, None) => return None,
        };
        let list = if from_said {
            &mut self.said
        } else {
            &mut self.names
        };
        let (first, rest) = list.split_first()?;
        *list = rest;
        Some(first)
    }
}
