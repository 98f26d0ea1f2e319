//! Quotes without an attribution of their own inheriting one from their context: the
//! paragraphs of one quotation, the same words quoted elsewhere, the quote or report before
//! or after them in their paragraph, or the last speaker before a paragraph that opens with
//! a quote. A separate pass after [`super::resolve`], and linear: every look back or ahead is
//! answered from an index built once.

use super::{lexicon, Basis, Confidence, Doc, Item, QuoteKind};
use hashbrown::HashTable;
use std::cell::Cell;
use std::hash::BuildHasher;

/// The quotes' words are the article's: their table's hash is seeded (see
/// [`lexicon::SeededWords`]).
type Fast = lexicon::SeededWords;

/// Quotes with no attribution of their own take one from their context: the quote they
/// continue, the quote or report before them in the paragraph, the one after it, or, for a
/// paragraph that is only a quote, the last speaker before it.
pub(super) fn inherit(doc: &Doc, items: &mut [Item]) {
    let mut t = Tables::take();
    // chains of paragraphs of one quotation share their speaker, wherever it is named
    let by_quote = &mut t.by_quote;
    by_quote.resize(doc.quotes.len(), None);
    for (i, it) in items.iter().enumerate() {
        if let Some(q) = it.quote {
            if let Some(x) = by_quote.get_mut(q) {
                *x = Some(i);
            }
        }
    }
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
    repeated_quotes(doc, items, &mut t);
    // Each search below is answered from running indexes, not by scanning the items again
    // from every quote, so the pass is linear however many quotes a paragraph holds. Items
    // before `i` are final when `i` is reached; items after it are as the steps above left them.
    // (Items come in text order, so paragraphs rarely go backwards, but nothing here needs
    // them not to.)
    // the first item after each, in the same run of its paragraph, with its own attribution
    let next_explicit = &mut t.next_explicit;
    next_explicit.resize(n, None);
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
    // (by paragraph index, grown as far as the items reach)
    let last_in_para = &mut t.last_in_para;
    let mut last_any: Option<usize> = None;
    for i in 0..n {
        let para = items[i].para;
        if items[i].speaker.is_none()
            && items[i].quote.is_some()
            && items[i].kind != QuoteKind::Partial
        {
            // same paragraph, before
            let prev = last_in_para.get(para).copied().flatten();
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
            if last_in_para.len() <= para {
                last_in_para.resize(para + 1, None);
            }
            last_in_para[para] = Some(i);
            last_any = Some(i);
        }
    }
    t.give_back();
}

/// The tables of [`inherit`], kept emptied by each thread for its next article.
#[derive(Default)]
struct Tables {
    /// The item of each quote.
    by_quote: Vec<Option<usize>>,
    /// The first item after each, in the same run of its paragraph, with its own attribution.
    next_explicit: Vec<Option<usize>>,
    /// The last item with a speaker, by paragraph.
    last_in_para: Vec<Option<usize>>,
    /// The words of the quotes [`repeated_quotes`] looks up.
    repeated: Repeated,
    /// Each quote looked up, and the entry of its words in the table.
    lookups: Vec<(usize, usize)>,
    /// The first item with a speaker to say the words of each entry.
    first: Vec<Option<usize>>,
}

thread_local! {
    static SPARE: Cell<Tables> = Cell::new(Tables::default());
}

/// Tables longer than this are freed rather than kept, so one long article leaves no large
/// tables behind.
const KEEP: usize = 1 << 14;

impl Tables {
    /// The thread's tables, emptied (new ones if it has none).
    fn take() -> Tables {
        SPARE.try_with(Cell::take).unwrap_or_default()
    }

    /// Hands the tables, emptied, to the thread's next article.
    fn give_back(mut self) {
        let lists = [
            self.by_quote.capacity(),
            self.next_explicit.capacity(),
            self.last_in_para.capacity(),
            self.lookups.capacity(),
            self.first.capacity(),
            self.repeated.table.capacity(),
            // (a key is a quote's words, of up to 400 bytes)
            self.repeated.keys.capacity() / 64,
        ];
        if lists.iter().any(|&n| n > KEEP) {
            return;
        }
        self.by_quote.clear();
        self.next_explicit.clear();
        self.last_in_para.clear();
        self.repeated.clear();
        self.lookups.clear();
        self.first.clear();
        // (no spare is kept while the thread is ending)
        let _ = SPARE.try_with(|s| s.set(self));
    }
}

/// Quotes with no speaker take the speaker of the first item that said the same words
/// (at least eight bytes of them, compared lower-cased).
///
/// The quotes looked up are few (most have a speaker by now), so their words are the table;
/// each item with a speaker is then looked up in it, in order, and only where the length of
/// its words is one of the table's: an ASCII text's key is exactly as long as the text
/// without the marks around it, so most are passed over without being keyed.
fn repeated_quotes(doc: &Doc, items: &mut [Item], t: &mut Tables) {
    let wanted = |it: &Item| it.speaker.is_none() && it.span.len() < 400;
    let bytes: usize = items
        .iter()
        .filter(|it| wanted(it))
        .map(|it| it.span.len())
        .sum();
    // (no table where every quote has a speaker or is too long to look up)
    if bytes == 0 {
        return;
    }
    let Tables {
        repeated: table,
        lookups,
        first,
        ..
    } = t;
    table.reserve(bytes + 400, items.len());
    for (i, it) in items.iter().enumerate() {
        if wanted(it) {
            if let Some(e) = doc
                .text
                .get(it.span.range())
                .and_then(|t| table.entry(t, 8))
            {
                lookups.push((i, e));
            }
        }
    }
    if lookups.is_empty() {
        return;
    }
    // the first item with a speaker to say the words of each entry, by its span or by the
    // words of its own quote (a fragment reported with its object or predicate)
    first.resize(table.len(), None);
    for (j, it) in items.iter().enumerate() {
        if it.speaker.is_none() || it.span.len() >= 400 {
            continue;
        }
        let own = it.quote.and_then(|q| doc.quotes.get(q));
        let texts = [
            doc.text.get(it.span.range()),
            own.and_then(|q| doc.text.get(q.start..q.end)),
        ];
        for t in texts.into_iter().flatten() {
            if let Some(e) = table.find(t) {
                first[e].get_or_insert(j);
            }
        }
    }
    for &(i, e) in lookups.iter() {
        if let Some(j) = first[e] {
            continue_from(items, i, j, Confidence::Medium);
        }
    }
}

/// Words of quotes by their key as [`push_key`] writes them, each kept once in one buffer
/// and numbered in the order filed: the table answers "are these words among those?"
/// without a string of its own for every quote.
#[derive(Default)]
struct Repeated {
    /// Every key, back to back, then the key being looked up.
    keys: Vec<u8>,
    /// (offset and length in `keys`, entry number) of each key.
    table: HashTable<(usize, usize, usize)>,
    /// Whether a key of each length is filed (by length).
    lens: Vec<bool>,
    hasher: Fast,
}

impl Repeated {
    /// Room for keys of about `bytes` bytes in all, `keys` of them.
    fn reserve(&mut self, bytes: usize, keys: usize) {
        self.keys.reserve(bytes);
        let Repeated {
            keys: all,
            table,
            hasher,
            ..
        } = self;
        table.reserve(keys, |&(s, l, _)| {
            hasher.hash_one(all.get(s..s + l).unwrap_or_default())
        });
    }

    /// Files no key.
    fn clear(&mut self) {
        self.keys.clear();
        self.table.clear();
        self.lens.clear();
    }

    /// The number of keys filed.
    fn len(&self) -> usize {
        self.table.len()
    }

    fn key(&self, (start, len, _): (usize, usize, usize)) -> &[u8] {
        self.keys.get(start..start + len).unwrap_or_default()
    }

    /// Appends the key of the words `t` to `keys` and looks it up: where the key starts, its
    /// hash, and the entry filed under it.
    fn push_and_find(&mut self, t: &str) -> (usize, u64, Option<usize>) {
        let start = self.keys.len();
        push_key(t, &mut self.keys);
        let key = &self.keys[start..];
        let hash = self.hasher.hash_one(key);
        let found = self.table.find(hash, |&e| self.key(e) == key);
        (start, hash, found.map(|&(_, _, e)| e))
    }

    /// The entry of the words `t`, filed now unless they were before; `None` for words whose
    /// key has fewer than `min_len` bytes.
    fn entry(&mut self, t: &str, min_len: usize) -> Option<usize> {
        let (start, hash, found) = self.push_and_find(t);
        let len = self.keys.len() - start;
        if found.is_some() || len < min_len {
            self.keys.truncate(start);
            return found.filter(|_| len >= min_len);
        }
        let e = self.table.len();
        let Repeated {
            keys,
            table,
            lens,
            hasher,
        } = self;
        table.insert_unique(hash, (start, len, e), |&(s, l, _)| {
            hasher.hash_one(keys.get(s..s + l).unwrap_or_default())
        });
        if lens.len() <= len {
            lens.resize(len + 1, false);
        }
        lens[len] = true;
        Some(e)
    }

    /// The entry of the words `t`, if filed. (Words whose key cannot be as long as any filed
    /// are not keyed.)
    fn find(&mut self, t: &str) -> Option<usize> {
        let bare = trim_to_words(t);
        if bare.is_ascii() && !self.lens.get(bare.len()).copied().unwrap_or(false) {
            return None;
        }
        let (start, _, found) = self.push_and_find(t);
        self.keys.truncate(start);
        found
    }
}

/// `s` without the marks and spaces around its words: what [`push_key`] lower-cases.
fn trim_to_words(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Appends the words of `s` as repeated quotes are compared to `out`: lower-cased, without
/// the marks and spaces around them (the bytes of what `to_lowercase` gives).
fn push_key(s: &str, out: &mut Vec<u8>) {
    let s = trim_to_words(s);
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
    fn issue_13_words_quoted_again_are_found_under_their_first_entry() {
        let mut said = Repeated::default();
        assert_eq!(said.entry("\u{201c}We had no choice,\u{201d}", 8), Some(0));
        assert_eq!(said.entry("we had no CHOICE", 8), Some(0));
        assert_eq!(said.entry("It will cost more", 8), Some(1));
        assert_eq!(said.entry("Too short", 10), None);
        assert_eq!(said.len(), 2);
        assert_eq!(said.find("We Had No Choice."), Some(0));
        assert_eq!(said.find("it will cost more"), Some(1));
        assert_eq!(said.find("nobody said this"), None);
        assert_eq!(said.find("\u{c9}COLE \u{c0} PARIS!"), None);
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
