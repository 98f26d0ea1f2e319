//! The article's names by key, and its full names by their first and last words: the two
//! lookups every name mention goes through while [`super::Entities`] is built.
//!
//! Each thread keeps its tables from one article to the next (emptied), so an article grows
//! them only past the size of any before it; the full names filed under a word are a chain
//! through one list rather than a vector of their own.

use super::super::lexicon::WordHasher;
use std::cell::Cell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

type Fast = BuildHasherDefault<WordHasher>;

/// At most this many full names are filed under one word.
const PER_WORD: usize = 16;

/// No entry: the end of a chain.
const END: usize = usize::MAX;

/// Tables holding more names than this are freed rather than kept for the next article.
const KEEP_NAMES: usize = 1 << 14;

#[derive(Debug, Clone, Default)]
pub(super) struct Names {
    tables: Tables,
}

/// The tables of [`Names`], without the hand-over of a drop (what the thread keeps).
#[derive(Debug, Clone, Default)]
struct Tables {
    by_key: HashMap<String, usize, Fast>,
    /// First and last entry, and count, of the chain of full names filed under a word.
    by_word: HashMap<String, (usize, usize, usize), Fast>,
    /// Chained entries: (entity, the word is the name's last, next entry).
    filed: Vec<(usize, bool, usize)>,
}

thread_local! {
    static SPARE: Cell<Tables> = Cell::new(Tables::default());
}

impl Names {
    /// Empty tables (a thread's, kept from its last article, when it has some).
    pub fn new() -> Names {
        Names {
            tables: SPARE.try_with(Cell::take).unwrap_or_default(),
        }
    }

    /// The entity of a name's key.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.tables.by_key.get(key).copied()
    }

    /// Maps a key (first seen) to an entity.
    pub fn insert(&mut self, key: String, entity: usize) {
        self.tables.by_key.insert(key, entity);
    }

    /// The full names filed under a word's key, in the order filed: (entity, the word is
    /// the name's last).
    pub fn filed_under<'a>(&'a self, word: &str) -> impl Iterator<Item = (usize, bool)> + 'a {
        let t = &self.tables;
        let mut next = t.by_word.get(word).map_or(END, |&(first, _, _)| first);
        std::iter::from_fn(move || {
            let &(entity, last, after) = t.filed.get(next)?;
            next = after;
            Some((entity, last))
        })
    }

    /// Files a full name under one of its words (keyed).
    pub fn file(&mut self, word: &str, entity: usize, last: bool) {
        let t = &mut self.tables;
        let at = t.filed.len();
        match t.by_word.get_mut(word) {
            Some((_, tail, count)) => {
                if *count >= PER_WORD {
                    return;
                }
                if let Some(prev) = t.filed.get_mut(*tail) {
                    prev.2 = at;
                }
                *tail = at;
                *count += 1;
            }
            None => {
                t.by_word.insert(word.to_string(), (at, at, 1));
            }
        }
        t.filed.push((entity, last, END));
    }
}

impl Drop for Names {
    /// Hands the emptied tables to the thread's next article.
    fn drop(&mut self) {
        let t = &mut self.tables;
        let unused = t.by_key.capacity() == 0;
        if unused || t.by_key.len() > KEEP_NAMES || t.filed.len() > KEEP_NAMES {
            return;
        }
        let mut kept = std::mem::take(t);
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
        let smith: Vec<(usize, bool)> = names.filed_under("smith").collect();
        assert_eq!(smith.len(), PER_WORD);
        assert_eq!(smith[..3], [(0, true), (1, false), (2, true)]);
        assert_eq!(names.filed_under("jones").nth(15), Some((115, true)));
        assert_eq!(names.filed_under("brown").count(), 0);
        names.insert("john smith".to_string(), 3);
        assert_eq!(names.get("john smith"), Some(3));
        drop(names);
        // the thread's next tables start empty
        let next = Names::new();
        assert_eq!(next.get("john smith"), None);
        assert_eq!(next.filed_under("smith").count(), 0);
    }
}
