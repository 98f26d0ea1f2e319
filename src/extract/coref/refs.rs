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
    pub(super) fn refs_before(&self, at: usize) -> Merged<'_> {
        Merged {
            names: &self.refs[..self.refs.partition_point(|r| r.tok < at)],
            said: &self.said[..self.said.partition_point(|r| r.tok < at)],
            forward: false,
        }
    }

    /// Mentions from token `at` on, in text order.
    pub(super) fn refs_from(&self, at: usize) -> Merged<'_> {
        Merged {
            names: &self.refs[self.refs.partition_point(|r| r.tok < at)..],
            said: &self.said[self.said.partition_point(|r| r.tok < at)..],
            forward: true,
        }
    }
}

/// The two lists merged, read forward from their start or backward from their end. Of two
/// mentions at one token the speaker's comes first in text order.
pub(super) struct Merged<'a> {
    names: &'a [NameRef],
    said: &'a [NameRef],
    forward: bool,
}

impl<'a> Iterator for Merged<'a> {
    type Item = &'a NameRef;

    fn next(&mut self) -> Option<&'a NameRef> {
        let forward = self.forward;
        let end = |l: &'a [NameRef]| if forward { l.first() } else { l.last() };
        let from_said = match (end(self.names), end(self.said)) {
            (Some(a), Some(b)) if forward => b.tok <= a.tok,
            (Some(a), Some(b)) => b.tok > a.tok,
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (None, None) => return None,
        };
        let list = if from_said {
            &mut self.said
        } else {
            &mut self.names
        };
        let (next, rest) = if forward {
            list.split_first()?
        } else {
            list.split_last()?
        };
        *list = rest;
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Entities, NameRef};

    fn mention(tok: usize, entity: usize, subject: bool) -> NameRef {
        NameRef {
            tok,
            entity,
            subject,
            modifier: false,
        }
    }

    #[test]
    fn two_lists_read_as_one_with_each_speaker_inserted() {
        let mut ents = Entities {
            refs: [1, 3, 3, 7, 9]
                .iter()
                .enumerate()
                .map(|(e, &t)| mention(t, e, false))
                .collect(),
            ..Entities::default()
        };
        let mut one = ents.refs.clone();
        for (k, &t) in [3, 0, 9, 3, 12, 5].iter().enumerate() {
            ents.add_speaker_ref(t, 100 + k);
            let pos = one.partition_point(|x| x.tok < t);
            one.insert(pos, mention(t, 100 + k, true));
        }
        for at in 0..14 {
            let end = one.partition_point(|x| x.tok < at);
            let before: Vec<usize> = one[..end].iter().rev().map(|x| x.entity).collect();
            let from: Vec<usize> = one[end..].iter().map(|x| x.entity).collect();
            let got: Vec<usize> = ents.refs_before(at).map(|x| x.entity).collect();
            assert_eq!(got, before, "before {at}");
            let got: Vec<usize> = ents.refs_from(at).map(|x| x.entity).collect();
            assert_eq!(got, from, "from {at}");
        }
    }
}
