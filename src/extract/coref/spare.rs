//! The tables an article's [`Entities`] fill, kept by each thread for its next article.
//!
//! Building the entities fills a dozen tables whose sizes grow with the article; allocating
//! and growing them afresh for every article cost more than the work done in them. Each
//! thread keeps them, emptied, so an article allocates only when it is larger than any
//! before it; tables past [`KEEP`] entries are freed instead, so one long article leaves
//! nothing large behind.

use super::entity::Roles;
use super::inside::CapitalisedInside;
use super::{Entities, Entity, NameRef};
use std::cell::Cell;
use std::ops::Range;

/// Tables holding more entries than this are freed rather than kept.
const KEEP: usize = 1 << 14;

/// A run of capitalised words while entities are built: the run, the name proper in it,
/// and whether it is in page furniture.
pub(super) type Pending = (Range<usize>, Range<usize>, bool);

/// What [`Entities`] keeps after it is built.
#[derive(Debug, Default)]
pub(super) struct Kept {
    pub list: Vec<Entity>,
    pub refs: Vec<NameRef>,
    pub said: Vec<NameRef>,
    pub seen_count: Vec<usize>,
    pub roles: Roles,
}

/// What only building the entities uses.
#[derive(Debug, Default)]
pub(super) struct Building {
    /// The words written capitalised inside a sentence.
    pub cap_inside: CapitalisedInside,
    pub pending: Vec<Pending>,
    /// Indices into `pending`.
    pub full: Vec<usize>,
    /// Where the full names of each length start in `full`, while it is ordered.
    starts: Vec<usize>,
    pub found: Vec<Option<usize>>,
}

thread_local! {
    static KEPT: Cell<Kept> = Cell::new(Kept::default());
    static BUILDING: Cell<Building> = Cell::new(Building::default());
}

impl Kept {
    /// The thread's tables, emptied (new ones if it has none).
    pub fn take() -> Kept {
        KEPT.try_with(Cell::take).unwrap_or_default()
    }
}

impl Building {
    /// The thread's tables, emptied (new ones if it has none).
    pub fn take() -> Building {
        BUILDING.try_with(Cell::take).unwrap_or_default()
    }

    /// Fills `full` with the full names among the pending runs (two words or more, outside
    /// page furniture), by index: longest first, and in text order among names of one
    /// length. A counting sort, two passes in text order: sorting the indices by their
    /// names' lengths read the runs in no order, and a long article's runs (megabytes of
    /// them) do not stay in the cache for that.
    pub fn order_full(&mut self) {
        let is_full = |p: &Pending| !p.2 && p.1.len() >= 2;
        // how many full names have each length, then where those of each length start
        let starts = &mut self.starts;
        starts.clear();
        for p in self.pending.iter().filter(|p| is_full(p)) {
            let len = p.1.len();
            if starts.len() <= len {
                starts.resize(len + 1, 0);
            }
            starts[len] += 1;
        }
        let mut at = 0;
        for slot in starts.iter_mut().rev() {
            let count = *slot;
            *slot = at;
            at += count;
        }
        self.full.clear();
        self.full.resize(at, 0);
        for (i, p) in self.pending.iter().enumerate().filter(|(_, p)| is_full(p)) {
            let slot = &mut starts[p.1.len()];
            self.full[*slot] = i;
            *slot += 1;
        }
    }

    /// Hands the tables, emptied, to the thread's next article (unless they are large).
    pub fn give_back(mut self) {
        if self.pending.len() > KEEP || self.cap_inside.len() > KEEP {
            return;
        }
        self.cap_inside.clear();
        self.pending.clear();
        self.full.clear();
        self.found.clear();
        // (no spare is kept while the thread is ending)
        let _ = BUILDING.try_with(|s| s.set(self));
    }
}

impl Entities {
    /// Hands this article's tables, emptied, to the thread's next article (unless they are
    /// large): call once the entities are no longer needed.
    pub fn recycle(mut self) {
        if self.list.len() > KEEP || self.refs.len() > KEEP || self.said.len() > KEEP {
            return;
        }
        let mut kept = Kept {
            list: std::mem::take(&mut self.list),
            refs: std::mem::take(&mut self.refs),
            said: std::mem::take(&mut self.said),
            seen_count: std::mem::take(&mut self.seen_count),
            roles: std::mem::take(&mut self.roles),
        };
        // (a role is one word, and a word may be as long as an article)
        if kept.roles.entries.len() > KEEP || kept.roles.text.capacity() > KEEP * 32 {
            return;
        }
        kept.list.clear();
        kept.refs.clear();
        kept.said.clear();
        kept.seen_count.clear();
        kept.roles.text.clear();
        kept.roles.entries.clear();
        let _ = KEPT.try_with(|s| s.set(kept));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_full_names_come_longest_first_in_text_order() {
        // (name length, in page furniture) of each pending run, in text order
        let cases: &[(&str, &[(usize, bool)])] = &[
            ("none", &[]),
            ("only single words", &[(1, false), (1, false)]),
            (
                "lengths mixed",
                &[
                    (2, false),
                    (3, false),
                    (1, false),
                    (2, false),
                    (4, false),
                    (3, false),
                ],
            ),
            (
                "furniture left out",
                &[(2, true), (3, false), (3, true), (2, false)],
            ),
            ("one length", &[(2, false), (2, false), (2, false)]),
            ("a long run", &[(2, false), (40, false), (2, false)]),
        ];
        for (name, runs) in cases {
            let mut b = Building::default();
            let mut at = 0;
            for &(len, furniture) in *runs {
                b.pending.push((at..at + len, at..at + len, furniture));
                at += len + 1;
            }
            b.order_full();
            // what a stable sort by length, longest first, gives
            let mut want: Vec<usize> = (0..runs.len())
                .filter(|&p| !runs[p].1 && runs[p].0 >= 2)
                .collect();
            want.sort_by_key(|&p| std::cmp::Reverse(runs[p].0));
            assert_eq!(b.full, want, "{name}");
        }
    }
}
