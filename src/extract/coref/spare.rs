//! The tables an article's [`Entities`] fill, kept by each thread for its next article.
//!
//! Building the entities fills a dozen tables whose sizes grow with the article; allocating
//! and growing them afresh for every article cost more than the work done in them. Each
//! thread keeps them, emptied, so an article allocates only when it is larger than any
//! before it; tables past [`KEEP`] entries are freed instead, so one long article leaves
//! nothing large behind.

use super::entity::Roles;
use super::{Entities, Entity, NameRef};
use hashbrown::HashTable;
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
    /// Token indices of the words written capitalised inside a sentence, one a word.
    pub cap_inside: HashTable<usize>,
    pub pending: Vec<Pending>,
    /// Indices into `pending`.
    pub full: Vec<usize>,
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
