//! The words an article writes capitalised inside a sentence, asked about the words that
//! open one: a single capitalised word opening a sentence ("Roman said …") is taken for a
//! name only if the article also writes it capitalised elsewhere.
//!
//! Only words that open a sentence are ever asked about, and few do, so the table holds
//! only the capitalised words that may be one of them, told apart by a sieve of their
//! lengths and end bytes: most capitalised words inside sentences are never hashed.

use super::super::mentions::name_word;
use super::super::Doc;
use super::keys::trim_all;
use super::names::hash as hash_word;
use hashbrown::HashTable;

/// Bits of the sieve: [`SIEVE_WORDS`] words of 64.
const SIEVE_WORDS: usize = 16;

#[derive(Debug, Clone, Default)]
pub(super) struct CapitalisedInside {
    /// Token indices of the words written capitalised inside a sentence, one a word, of
    /// those the sieve lets through.
    table: HashTable<usize>,
    /// A bit for each word that opens a sentence (and for it without a possessive), by
    /// [`sieve_bit`]: a word whose bit is clear is never asked about.
    sieve: [u64; SIEVE_WORDS],
}

/// The sieve's bit for word `w` (its bytes): equal words have equal bits.
fn sieve_bit(w: &[u8]) -> usize {
    let (first, last) = (w.first().copied(), w.last().copied());
    let (first, last) = (
        usize::from(first.unwrap_or(0)),
        usize::from(last.unwrap_or(0)),
    );
    (w.len().wrapping_mul(37) ^ first.wrapping_mul(7) ^ last << 3) % (SIEVE_WORDS * 64)
}

/// Word `w` (opening a sentence) as it is asked about when it takes a possessive.
pub(super) fn without_possessives(w: &str) -> &str {
    trim_all(trim_all(w, "\u{2019}s"), "'s")
}

impl CapitalisedInside {
    fn mark(&mut self, w: &str) {
        let bit = sieve_bit(w.as_bytes());
        self.sieve[bit / 64] |= 1 << (bit % 64);
    }

    fn may_ask(&self, w: &[u8]) -> bool {
        let bit = sieve_bit(w);
        self.sieve[bit / 64] & 1 << (bit % 64) != 0
    }

    /// Fills the table with `doc`'s words (emptied first: a table kept from an earlier
    /// article).
    pub fn fill(&mut self, doc: &Doc) {
        self.clear();
        for s in &doc.sents {
            let w = doc.word(s.start);
            self.mark(w);
            self.mark(without_possessives(w));
        }
        let (toks, text) = (&doc.toks, doc.text.as_bytes());
        // (every name word is capitalised)
        for &i in &doc.capitalised {
            let i = i as usize;
            let Some(t) = toks.get(i) else {
                continue;
            };
            // (a word opening its sentence is not inside one; the sieve, on the token's
            // bytes, then turns most words away before any is hashed)
            if doc.sents.get(doc.sent_of(i)).is_none_or(|s| s.start == i)
                || !text
                    .get(t.start()..t.end())
                    .is_some_and(|w| self.may_ask(w))
            {
                continue;
            }
            if name_word(t) {
                let w = doc.word(i);
                let h = hash_word(w);
                if self.table.find(h, |&j| doc.word(j) == w).is_none() {
                    self.table.insert_unique(h, i, |&j| hash_word(doc.word(j)));
                }
            }
        }
    }

    /// Does `doc` write `w`, a word opening one of its sentences (or it without a
    /// possessive), capitalised inside a sentence?
    pub fn contains(&self, doc: &Doc, w: &str) -> bool {
        debug_assert!(self.may_ask(w.as_bytes()), "{w:?} opens no sentence");
        self.table
            .find(hash_word(w), |&j| doc.word(j) == w)
            .is_some()
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn clear(&mut self) {
        self.table.clear();
        self.sieve = [0; SIEVE_WORDS];
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::lexicon::Lexicon;
    use super::*;

    #[test]
    fn issue_13_words_opening_sentences_are_found_capitalised_inside_as_by_reading_all() {
        let cases = [
            (
                "a name written again inside",
                "Roman said it would rain. Later Roman left.",
                &[("Roman", true), ("Later", false)][..],
            ),
            (
                "a name only ever opening sentences",
                "Yuni said so. Yuni left.",
                &[("Yuni", false)],
            ),
            (
                "a possessive opening a sentence",
                "Marsh\u{2019}s campaign grew. Voters met Marsh on Monday.",
                &[
                    ("Marsh", true),
                    ("Marsh\u{2019}s", false),
                    ("Voters", false),
                ],
            ),
            (
                "a possessive inside",
                "Lind spoke. Everyone heard Lind's answer.",
                &[("Lind", false), ("Everyone", false)],
            ),
            (
                "a word in capitals inside a quotation is not read",
                "Ames spoke. \u{201C}Ames is here,\u{201D} she said.",
                &[("Ames", false)],
            ),
        ];
        let lex = Lexicon::new();
        for (name, text, asked) in cases {
            let doc = Doc::new(text, &lex);
            let mut inside = CapitalisedInside::default();
            inside.fill(&doc);
            for &(w, want) in asked {
                // every capitalised word inside a sentence, read one by one
                let read_all = doc.capitalised.iter().any(|&i| {
                    let i = i as usize;
                    name_word(&doc.toks[i]) && !doc.is_sent_start(i) && doc.word(i) == w
                });
                assert_eq!(read_all, want, "{name}: {w}");
                assert_eq!(inside.contains(&doc, w), want, "{name}: {w}");
            }
            // a table kept from this article starts the next empty
            inside.fill(&Doc::new("Nobody spoke.", &lex));
            assert_eq!(inside.len(), 0, "{name}");
        }
    }
}
