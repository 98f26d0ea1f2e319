//! The article's names by key, and its full names by their first and last words: the two
//! lookups every name mention goes through while [`super::Entities`] is built.
//!
//! Every key and word is stored once, back to back in one string, and the tables hold
//! offsets into it; each thread keeps the tables from one article to the next (emptied), so
//! an article allocates nothing for its names unless it has more than any before it. The full
//! names filed under a word are a chain through one list rather than a vector of their own.

use super::super::lexicon::SeededWords;
use super::chains::{Chain, Chains};
use hashbrown::HashTable;
use std::cell::Cell;
use std::hash::BuildHasher;

/// At most this many full names are filed under one word.
const PER_WORD: usize = 16;

/// Tables holding more names than this are freed rather than kept for the next article.
const KEEP_NAMES: usize = 1 << 14;

#[derive(Debug, Clone, Default)]
pub(super) struct Names {
    tables: Tables,
}

/// A key or word stored in [`Tables::text`]: its offset and length.
#[derive(Debug, Clone, Copy)]
struct Stored {
    start: usize,
    len: usize,
}

/// The tables of [`Names`], without the hand-over of a drop (what the thread keeps).
#[derive(Debug, Clone, Default)]
struct Tables {
    /// The bytes of every key and word the tables hold, back to back.
    text: String,
    /// The entity of each name's key.
    by_key: HashTable<(Stored, usize)>,
    /// The chain of full names filed under each word.
    by_word: HashTable<(Stored, Chain)>,
    /// The full names filed: (entity, the word is the name's last).
    filed: Chains<(usize, bool)>,
    /// Strings a caller keys names into before looking them up (see [`Names::scratch`]).
    scratch: Scratch,
}

/// Buffers for keys being built, kept with the tables so that no article allocates its own.
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    /// A name's key.
    pub key: String,
    /// A word's key.
    pub word: String,
    /// An entity's name, keyed.
    pub name: String,
}

thread_local! {
    static SPARE: Cell<Tables> = Cell::new(Tables::default());
}

/// The hash of a key or word in the tables of names (and of the other tables of words
/// [`super::Entities::build`] keeps): seeded, since the words are the article's (see
/// [`SeededWords`]).
pub(super) fn hash(s: &str) -> u64 {
    SeededWords::default().hash_one(s)
}

/// The key or word `s` of the tables' `text`.
fn stored(text: &str, s: Stored) -> &str {
    text.get(s.start..s.start + s.len).unwrap_or("")
}

impl Tables {
    fn store(&mut self, s: &str) -> Stored {
        let start = self.text.len();
        self.text.push_str(s);
        Stored {
            start,
            len: s.len(),
        }
    }
}

impl Names {
    /// Empty tables (a thread's, kept from its last article, when it has some).
    pub fn new() -> Names {
        Names {
            tables: SPARE.try_with(Cell::take).unwrap_or_default(),
        }
    }

    /// Buffers to key names into, taken out (give them back with [`Names::restore`]).
    pub fn scratch(&mut self) -> Scratch {
        std::mem::take(&mut self.tables.scratch)
    }

    /// Gives back the buffers of [`Names::scratch`].
    pub fn restore(&mut self, scratch: Scratch) {
        self.tables.scratch = scratch;
    }

    /// The entity of a name's key.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.get_hashed(hash(key), key)
    }

    /// [`Names::get`] for a key whose [`hash`] is `h`.
    pub fn get_hashed(&self, h: u64, key: &str) -> Option<usize> {
        let t = &self.tables;
        t.by_key
            .find(h, |&(s, _)| stored(&t.text, s) == key)
            .map(|&(_, e)| e)
    }

    /// Maps a key (first seen), whose [`hash`] is `h`, to an entity.
    pub fn insert_hashed(&mut self, h: u64, key: &str, entity: usize) {
        let t = &mut self.tables;
        let text = &t.text;
        if let Some(found) = t.by_key.find_mut(h, |&(s, _)| stored(text, s) == key) {
            found.1 = entity;
            return;
        }
        let s = t.store(key);
        let text = &t.text;
        t.by_key
            .insert_unique(h, (s, entity), |&(s, _)| hash(stored(text, s)));
    }

    /// The full names filed under a word's key, whose [`hash`] is `h`, in the order filed:
    /// (entity, the word is the name's last).
    pub fn filed_under_hashed<'a>(
        &'a self,
        h: u64,
        word: &str,
    ) -> impl Iterator<Item = (usize, bool)> + 'a {
        let t = &self.tables;
        let chain = t
            .by_word
            .find(h, |&(s, _)| stored(&t.text, s) == word)
            .map(|&(_, chain)| chain)
            .unwrap_or_default();
        t.filed.iter(chain)
    }

    /// Files a full name under one of its words (keyed).
    pub fn file(&mut self, word: &str, entity: usize, last: bool) {
        self.file_hashed(hash(word), word, entity, last);
    }

    /// [`Names::file`] under a word whose [`hash`] is `h`.
    pub fn file_hashed(&mut self, h: u64, word: &str, entity: usize, last: bool) {
        let t = &mut self.tables;
        let text = &t.text;
        match t.by_word.find_mut(h, |&(s, _)| stored(text, s) == word) {
            Some((_, chain)) => {
                if chain.len() < PER_WORD {
                    t.filed.push(chain, (entity, last));
                }
            }
            None => {
                let mut chain = Chain::default();
                t.filed.push(&mut chain, (entity, last));
                let s = t.store(word);
                let text = &t.text;
                t.by_word
                    .insert_unique(h, (s, chain), |&(s, _)| hash(stored(text, s)));
            }
        }
    }
}

impl Drop for Names {
    /// Hands the emptied tables to the thread's next article.
    fn drop(&mut self) {
        let t = &mut self.tables;
        let unused = t.by_key.capacity() == 0;
        if unused
            || t.by_key.len() > KEEP_NAMES
            || t.filed.len() > KEEP_NAMES
            || t.text.capacity() > KEEP_NAMES * 32
        {
            return;
        }
        let mut kept = std::mem::take(t);
        kept.text.clear();
        kept.by_key.clear();
        kept.by_word.clear();
        kept.filed.clear();
        // (no spare is kept while the thread is ending)
        let _ = SPARE.try_with(|s| s.set(kept));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_read_back_in_the_order_filed_at_most_sixteen_a_word() {
        let mut names = Names::new();
        for e in 0..20 {
            names.file("smith", e, e % 2 == 0);
            names.file("jones", 100 + e, true);
        }
        let filed = |names: &Names, w: &str| names.filed_under_hashed(hash(w), w).count();
        let smith: Vec<(usize, bool)> = names.filed_under_hashed(hash("smith"), "smith").collect();
        assert_eq!(smith.len(), PER_WORD);
        assert_eq!(smith[..3], [(0, true), (1, false), (2, true)]);
        let jones = names.filed_under_hashed(hash("jones"), "jones").nth(15);
        assert_eq!(jones, Some((115, true)));
        assert_eq!(filed(&names, "brown"), 0);
        names.insert_hashed(hash("john smith"), "john smith", 3);
        assert_eq!(names.get("john smith"), Some(3));
        drop(names);
        // the thread's next tables start empty
        let next = Names::new();
        assert_eq!(next.get("john smith"), None);
        assert_eq!(filed(&next, "smith"), 0);
    }
}
