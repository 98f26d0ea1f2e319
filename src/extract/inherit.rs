//! Quotes without an attribution of their own inheriting one from their context: the
//! paragraphs of one quotation, the same words quoted elsewhere, the quote or report before
//! or after them in their paragraph, or the last speaker before a paragraph that opens with
//! a quote. A separate pass after [`super::resolve`], and linear: every look back or ahead is
//! answered from an index built once.

use super::{lexicon, Basis, Confidence, Doc, Item, QuoteKind};
use hashbrown::{HashMap, HashTable};
use std::hash::BuildHasher;

/// The quotes' words are the article's: their table's hash is seeded (see
/// [`lexicon::SeededWords`]).
type Fast = lexicon::SeededWords;

/// Quotes with no attribution of their own take one from their context: the quote they
/// continue, the quote or report before them in the paragraph, the one after it, or, for a
/// paragraph that is only a quote, the last speaker before it.
pub(super) fn inherit(doc: &Doc, items: &mut [Item]) {
    // chains of paragraphs of one quotation share their speaker, wherever it is named
    let by_quote: Vec<Option<usize>> = {
        let mut v = vec![None; doc.quotes.len()];
        for (i, it) in items.iter().enumerate() {
            if let Some(q) = it.quote {
                if let Some(x) = v.get_mut(q) {
                    *x = Some(i);
                }
            }
        }
        v
    };
    for _ in 0..2 {
        for q in 0..doc.quotes.len() {
            if !doc.quotes[q].cont_next {
                continue;
            }
            let (Some(a), Some(b)) = (by_quote[q], by_quote.get(q + 1).copied().flatten()) else {
                continue;
            };
            if items[a].speaker.is_some() && items[b].speaker.is_none() {
                continue_from(items, b, a, Confidence::High);
            } else if items[b].speaker.is_some() && items[a].speaker.is_none() {
                continue_from(items, a, b, Confidence::High);
            }
        }
    }
    let n = items.len();
    // a quote repeated elsewhere (a subheading) has the speaker it has there
    // (no table is built where every quote has a speaker or is too long to look up)
    if items
        .iter()
        .any(|it| it.speaker.is_none() && it.span.len() < 400)
    {
        repeated_quotes(doc, items);
    }
    // Each search below is answered from running indexes, not by scanning the items again
    // from every quote, so the pass is linear however many quotes a paragraph holds. Items
    // before `i` are final when `i` is reached; items after it are as the steps above left them.
    // (Items come in text order, so paragraphs rarely go backwards, but nothing here needs
    // them not to.)
    // the first item after each, in the same run of its paragraph, with its own attribution
    let mut next_explicit: Vec<Option<usize>> = vec![None; n];
    for i in (0..n.saturating_sub(1)).rev() {
        let j = i + 1;
        if items[j].para == items[i].para {
            next_explicit[i] = if items[j].speaker.is_some() && items[j].explicit {
                Some(j)
            } else {
                next_explicit[j]
            };
        }
    }
    // the last item with a speaker, in each paragraph and overall
    let mut last_in_para: HashMap<usize, usize, Fast> = HashMap::default();
    let mut last_any: Option<usize> = None;
    for i in 0..n {
        let para = items[i].para;
        if items[i].speaker.is_none()
            && items[i].quote.is_some()
            && items[i].kind != QuoteKind::Partial
        {
            // same paragraph, before
            let prev = last_in_para.get(&para).copied();
            // same paragraph, after, with its own attribution
            let next = next_explicit[i];
            // a paragraph that opens with the quote continues the previous speaker
            let opens_para = items[i]
                .quote
                .and_then(|q| doc.quotes.get(q))
                .is_some_and(|q| doc.paras.get(q.para).is_some_and(|p| p.start + 3 >= q.open));
            // (a heading pulled from the text takes no speaker from the prose before it)
            let pulled = doc.pulled.get(para).copied().unwrap_or(false);
            let floating = if opens_para && !pulled {
                last_any.filter(|&j| items[j].para + 2 >= para)
            } else {
                None
            };
            // within its paragraph a quote continues a speaker fairly surely; one opening a
            // new paragraph may as well be someone the reporter named in passing
            if let Some(j) = prev.or(next) {
                continue_from(items, i, j, Confidence::Medium);
            } else if let Some(j) = floating {
                continue_from(items, i, j, Confidence::Low);
            }
        }
        if items[i].speaker.is_some() {
            last_in_para.insert(para, i);
            last_any = Some(i);
        }
    }
}

/// Quotes with no speaker take the speaker of the first item that said the same words
/// (at least eight bytes of them, compared lower-cased).
fn repeated_quotes(doc: &Doc, items: &mut [Item]) {
    // (sized once for the words it may file: each item's span and its own quote's, plus the
    // longest look-up)
    let filed = items
        .iter()
        .filter(|it| it.speaker.is_some() && it.span.len() < 400);
    let mut said = Repeated::with_capacity(
        filed.clone().map(|it| 2 * it.span.len()).sum::<usize>() + 400,
        2 * filed.count(),
    );
    for (j, it) in items.iter().enumerate() {
        if it.speaker.is_some() && it.span.len() < 400 {
            if let Some(t) = doc.text.get(it.span.range()) {
                said.insert(t, j);
            }
            // (a fragment reported with its object or predicate is repeated by its own words)
            let own = it.quote.and_then(|q| doc.quotes.get(q));
            if let Some(t) = own.and_then(|q| doc.text.get(q.start..q.end)) {
                said.insert(t, j);
            }
        }
    }
    for i in 0..items.len() {
        if items[i].speaker.is_some() || items[i].span.len() >= 400 {
            continue;
        }
        let Some(t) = doc.text.get(items[i].span.range()) else {
            continue;
        };
        if let Some(j) = said.get(t, 8) {
            continue_from(items, i, j, Confidence::Medium);
        }
    }
}

/// The quotes said by someone, by their words as [`push_key`] writes them, each kept once in
/// one buffer: the table answers "was this said before, and by whom?" without a string of
/// its own for every quote.
#[derive(Default)]
struct Repeated {
    /// Every key, back to back, then the key being looked up.
    keys: Vec<u8>,
    /// (offset and length in `keys`, the item that said it): the first item of each key.
    table: HashTable<(usize, usize, usize)>,
    hasher: Fast,
}

impl Repeated {
    /// A table for keys of about `bytes` bytes in all, `keys` of them.
    fn with_capacity(bytes: usize, keys: usize) -> Repeated {
        Repeated {
            keys: Vec::with_capacity(bytes),
            table: HashTable::with_capacity(keys),
            hasher: Fast::default(),
        }
    }

    fn key(&self, (start, len, _): (usize, usize, usize)) -> &[u8] {
        self.keys.get(start..start + len).unwrap_or_default()
    }

    /// Appends the key of the words `t` to `keys` and looks it up: where the key starts, its
    /// hash, and the item filed under it.
    fn push_and_find(&mut self, t: &str) -> (usize, u64, Option<usize>) {
        let start = self.keys.len();
        push_key(t, &mut self.keys);
        let key = &self.keys[start..];
        let hash = self.hasher.hash_one(key);
        let found = self.table.find(hash, |&e| self.key(e) == key);
        (start, hash, found.map(|&(_, _, j)| j))
    }

    /// Files the words `t` under item `j`, unless an item said them before.
    fn insert(&mut self, t: &str, j: usize) {
        let (start, hash, found) = self.push_and_find(t);
        if found.is_some() {
            self.keys.truncate(start);
            return;
        }
        let len = self.keys.len() - start;
        let Repeated {
            keys,
            table,
            hasher,
        } = self;
        table.insert_unique(hash, (start, len, j), |&(s, l, _)| {
            hasher.hash_one(keys.get(s..s + l).unwrap_or_default())
        });
    }

    /// The item that said the words `t` before, if their key has `min_len` bytes at least.
    fn get(&mut self, t: &str, min_len: usize) -> Option<usize> {
        let (start, _, found) = self.push_and_find(t);
        let long_enough = self.keys.len() - start >= min_len;
        self.keys.truncate(start);
        found.filter(|_| long_enough)
    }
}

/// Appends the words of `s` as repeated quotes are compared to `out`: lower-cased, without
/// the marks and spaces around them (the bytes of what `to_lowercase` gives).
fn push_key(s: &str, out: &mut Vec<u8>) {
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    if s.is_ascii() {
        let start = out.len();
        out.extend_from_slice(s.as_bytes());
        out[start..].make_ascii_lowercase();
    } else {
        out.extend_from_slice(s.to_lowercase().as_bytes());
    }
}

/// Item `i` takes the speaker of item `j`, as a continuation: at most as sure as `j`, and at
/// most `cap`; its evidence is what `j`'s attribution rests on.
fn continue_from(items: &mut [Item], i: usize, j: usize, cap: Confidence) {
    let (speaker, entity) = (items[j].speaker.clone(), items[j].entity);
    let confidence = items[j].confidence.map(|c| c.min(cap)).unwrap_or(cap);
    let antecedent = items[j].antecedent.or_else(|| {
        items[j]
            .found
            .as_ref()
            .filter(|_| items[j].explicit)
            .map(|f| f.mention.name.start)
    });
    let it = &mut items[i];
    it.speaker = speaker;
    it.entity = entity;
    it.basis = Some(Basis::Continued);
    it.confidence = Some(confidence);
    it.antecedent = antecedent;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The key as it was first written: a string of its own per quote.
    fn owned_key(s: &str) -> String {
        s.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    }

    #[test]
    fn issue_13_repeated_quotes_key_as_to_lowercase_did() {
        let cases = [
            (
                "ASCII with marks around",
                "\u{201c}We Had No Choice,\u{201d}",
            ),
            ("accented capitals", "\u{c9}COLE \u{c0} PARIS"),
            (
                "a final sigma",
                "\u{39f}\u{394}\u{3a5}\u{3a3}\u{3a3}\u{395}\u{3a5}\u{3a3}",
            ),
            ("a dotted capital I", "\u{130}stanbul"),
            ("nothing but marks", "\u{2014}!?"),
            ("empty", ""),
        ];
        for (name, s) in cases {
            let mut out = b"kept ".to_vec();
            push_key(s, &mut out);
            assert_eq!(out, format!("kept {}", owned_key(s)).as_bytes(), "{name}");
        }
    }

    #[test]
    fn issue_13_a_repeated_quote_is_found_under_its_first_speaker() {
        let mut said = Repeated::default();
        said.insert("\u{201c}We had no choice,\u{201d}", 3);
        said.insert("we had no CHOICE", 5);
        said.insert("It will cost more", 7);
        assert_eq!(said.get("We Had No Choice.", 8), Some(3));
        assert_eq!(said.get("it will cost more", 8), Some(7));
        assert_eq!(said.get("it will cost more", 40), None);
        assert_eq!(said.get("nobody said this", 8), None);
        // (a look-up leaves nothing behind)
        assert_eq!(said.keys, b"we had no choiceit will cost more");
    }

    proptest! {
        #[test]
        fn issue_13_any_text_keys_as_to_lowercase_did(s in "\\PC{0,40}") {
            let mut out = Vec::new();
            push_key(&s, &mut out);
            prop_assert_eq!(out, owned_key(&s).into_bytes());
        }
    }
}
