//! One article as every extraction stage reads it: paragraphs, paired quote marks, tokens,
//! sentences, and which paragraphs are page furniture rather than the article's prose.
//!
//! Web pages pasted into text keep their furniture: "Story continues below", photo captions
//! and credits, "READ MORE:" links, short section headings. None of it is prose, so no name
//! in it may become a speaker or an antecedent; [`super::furniture`] tells those paragraphs.
//!
//! Each thread keeps the tables of its last article (emptied) for its next one: allocating
//! and growing them anew for every article was a measurable share of the extraction's time.

use super::furniture::{is_furniture, is_label, is_quoted_heading};
use super::lexicon::{Lexicon, POSS, PRON_F, PRON_IT, PRON_M, PRON_OBJ, ROLE, TITLE};
use super::marks::{self, QSpan};
use super::sentences;
use super::tokens::{self, Tok};
use crate::text::{paragraphs_into, Span};
use std::cell::Cell;
use std::mem::take;
use std::ops::Range;

/// The flags of the words listed in [`Doc::pronoun_like`]: personal pronouns of a person or
/// a thing, possessives and object forms.
pub const PRONOUN_LIKE: u64 = PRON_M | PRON_F | POSS | PRON_OBJ | PRON_IT;

/// One article, tokenized: what every stage reads.
pub struct Doc<'a> {
    pub text: &'a str,
    pub paras: Vec<Span>,
    pub quotes: Vec<QSpan>,
    pub toks: Vec<Tok>,
    pub sents: Vec<Range<usize>>,
    /// Sentence index of each token (see [`Doc::sent_of`]), 32 bits like the token's fields.
    sent_of: Vec<u32>,
    /// Token index of each quote.
    pub quote_tok: Vec<usize>,
    /// Tokens of the pronouns, possessives and object forms (see [`PRONOUN_LIKE`]), in text
    /// order: the passes that look only at them read this, not the whole token table.
    pub pronoun_like: Vec<u32>,
    /// Tokens of the words with a [`ROLE`](super::lexicon::ROLE) or a
    /// [`TITLE`](super::lexicon::TITLE) flag, in text order.
    pub role_words: Vec<u32>,
    /// Tokens of the capitalised words, in text order: where names may start.
    pub capitalised: Vec<u32>,
    /// Paragraphs that are link labels ("READ MORE: …", "WATCH: …"), not article prose.
    pub label: Vec<bool>,
    /// Paragraphs that are page furniture (labels, captions, credits, short headings): no
    /// name in them is a speaker or an antecedent.
    pub furniture: Vec<bool>,
    /// Paragraphs that are a quotation set as a heading ("‘Lies and misinformation’"): the
    /// words are someone's only when the article quotes them again in its prose.
    pub pulled: Vec<bool>,
}

/// "Will Ortiz, a mechanic, said": an auxiliary spelled like a given name, capitalised and
/// followed by a name, is the name, outside questions ("Will Ortiz run again?").
fn given_name_words(toks: &mut [Tok], sents: &[Range<usize>], sent_of: &[u32]) {
    use super::lexicon::{AUX, CLOSED, GIVEN_F, GIVEN_M};
    for i in 0..toks.len() {
        let t = &toks[i];
        // (the rare given name first: it decides the branch)
        if !(t.flags & (GIVEN_M | GIVEN_F) != 0 && t.is(AUX) && t.cap()) {
            continue;
        }
        let question = sent_of
            .get(i)
            .and_then(|&s| sents.get(s as usize))
            .and_then(|s| s.end.checked_sub(1))
            .and_then(|l| toks.get(l))
            .is_some_and(|t| t.punct() == Some('?'));
        let name_follows = toks
            .get(i + 1)
            .is_some_and(|n| n.is_word() && n.cap() && n.flags & CLOSED == 0);
        if name_follows && !question {
            toks[i].flags &= !CLOSED;
        }
    }
}

/// The tables of one article's [`Doc`], kept by each thread for its next article: a thread
/// allocates them again only for an article longer than any before it.
#[derive(Default)]
struct Tables {
    paras: Vec<Span>,
    quotes: Vec<QSpan>,
    toks: Vec<Tok>,
    sents: Vec<Range<usize>>,
    sent_of: Vec<u32>,
    quote_tok: Vec<usize>,
    pronoun_like: Vec<u32>,
    role_words: Vec<u32>,
    capitalised: Vec<u32>,
    label: Vec<bool>,
    pulled: Vec<bool>,
    furniture: Vec<bool>,
}

/// Tables of more tokens than this (a few megabytes) are freed rather than kept, so one long
/// article leaves no large tables behind.
const KEEP_TOKENS: usize = 1 << 16;

thread_local! {
    static SPARE: Cell<Tables> = Cell::new(Tables::default());
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, lex: &Lexicon) -> Doc<'a> {
        let mut spare = SPARE.try_with(Cell::take).unwrap_or_default();
        let paras = paragraphs_into(text, take(&mut spare.paras));
        let quotes = marks::scan_into(text, &paras, take(&mut spare.quotes));
        Doc::with_tables(text, paras, quotes, 0, lex, spare)
    }

    /// A window of an article (see [`super::window`]): `paras` and `quotes` are the
    /// article's paragraphs and quoted spans clipped to `text`, the first paragraph the
    /// article's `first`-th.
    pub fn with_parts(
        text: &'a str,
        paras: Vec<Span>,
        quotes: Vec<QSpan>,
        first: usize,
        lex: &Lexicon,
    ) -> Doc<'a> {
        let spare = SPARE.try_with(Cell::take).unwrap_or_default();
        Doc::with_tables(text, paras, quotes, first, lex, spare)
    }

    /// [`Doc::with_parts`], its other tables built in `spare`'s.
    fn with_tables(
        text: &'a str,
        paras: Vec<Span>,
        quotes: Vec<QSpan>,
        first: usize,
        lex: &Lexicon,
        spare: Tables,
    ) -> Doc<'a> {
        let mut toks = tokens::tokenize(text, &paras, &quotes, lex, spare.toks);
        let sents = sentences::split(text, &toks, &quotes, spare.sents);
        let mut sent_of = spare.sent_of;
        sent_of.clear();
        sent_of.resize(toks.len(), 0);
        for (si, s) in sents.iter().enumerate() {
            let si = tokens::narrow(si);
            for x in &mut sent_of[s.clone()] {
                *x = si;
            }
        }
        given_name_words(&mut toks, &sents, &sent_of);
        let mut quote_tok = spare.quote_tok;
        quote_tok.clear();
        quote_tok.resize(quotes.len(), 0);
        let (mut pronoun_like, mut role_words) = (spare.pronoun_like, spare.role_words);
        let mut capitalised = spare.capitalised;
        // (the flags are final here: the tokenizer's and the given names' corrections made)
        // Each list is written at its length and grows by one where the token belongs to it:
        // no branch on which lists a token joins, which the processor could not guess.
        let n = toks.len();
        for list in [&mut pronoun_like, &mut role_words, &mut capitalised] {
            list.clear();
            list.resize(n, 0);
        }
        let (mut pronouns, mut roles, mut caps) = (0, 0, 0);
        for (i, t) in toks.iter().enumerate() {
            if let Some(q) = t.quote() {
                if let Some(x) = quote_tok.get_mut(q) {
                    *x = i;
                }
            }
            let at = tokens::narrow(i);
            // (each count is at most `i`, below the lists' length `n`)
            pronoun_like[pronouns] = at;
            pronouns += usize::from(t.is(PRONOUN_LIKE));
            role_words[roles] = at;
            roles += usize::from(t.is(ROLE | TITLE));
            capitalised[caps] = at;
            caps += usize::from(t.cap());
        }
        pronoun_like.truncate(pronouns);
        role_words.truncate(roles);
        capitalised.truncate(caps);
        let mut label = spare.label;
        label.clear();
        label.extend(paras.iter().map(|p| p.slice(text).is_some_and(is_label)));
        let mut pulled = spare.pulled;
        pulled.clear();
        pulled.extend(
            paras
                .iter()
                .map(|p| p.slice(text).is_some_and(is_quoted_heading)),
        );
        let mut furniture = spare.furniture;
        furniture.clear();
        furniture.extend(paras.iter().enumerate().map(|(i, p)| {
            let prev = i.checked_sub(1).and_then(|j| paras[j].slice(text));
            pulled[i]
                || p.slice(text)
                    .is_some_and(|s| is_furniture(first + i, s, prev, label[i]))
        }));
        Doc {
            label,
            furniture,
            pulled,
            text,
            paras,
            quotes,
            toks,
            sents,
            sent_of,
            quote_tok,
            pronoun_like,
            role_words,
            capitalised,
        }
    }

    /// Sentence index of token `i` (which must exist).
    pub fn sent_of(&self, i: usize) -> usize {
        self.sent_of[i] as usize
    }

    /// Sentence index of token `i`, if there is one.
    pub fn try_sent_of(&self, i: usize) -> Option<usize> {
        self.sent_of.get(i).map(|&s| s as usize)
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start()..t.end()))
            .unwrap_or("")
    }

    /// Text from the start of token `r.start` to the end of token `r.end - 1`.
    pub fn span_text(&self, r: Range<usize>) -> &'a str {
        if r.is_empty() {
            return "";
        }
        match (self.toks.get(r.start), self.toks.get(r.end - 1)) {
            (Some(a), Some(b)) => self.text.get(a.start()..b.end()).unwrap_or(""),
            _ => "",
        }
    }

    /// Is token `i` a quotation whose words end with a comma (`“…,” adding that`)? Such a
    /// quote closes a clause the way a comma does.
    pub fn comma_quote(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .and_then(|t| t.quote())
            .and_then(|q| self.quotes.get(q))
            .and_then(|q| self.text.get(q.start..q.end))
            .is_some_and(|w| w.trim_end().ends_with(','))
    }

    /// Is token `t` (of this document) the word `w`?
    pub fn word_is(&self, t: &Tok, w: &str) -> bool {
        // (the lengths first: most tokens are not the word; then the bytes, whose slice
        // needs no character boundaries checked)
        t.end() - t.start() == w.len()
            && self.text.as_bytes().get(t.start()..t.end()) == Some(w.as_bytes())
    }

    /// Is token `i` the word `w`, as written?
    pub fn word_eq(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| self.word_is(t, w))
    }

    /// Is token `i` a word that is `w` but for ASCII case?
    pub fn word_eq_ignore_case(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.is_word()
                && t.end() - t.start() == w.len()
                && self
                    .text
                    .get(t.start()..t.end())
                    .is_some_and(|x| x.eq_ignore_ascii_case(w))
        })
    }

    pub fn is_sent_start(&self, i: usize) -> bool {
        self.try_sent_of(i)
            .and_then(|s| self.sents.get(s))
            .is_some_and(|s| s.start == i)
    }

    /// Byte span of tokens `r`, quote tokens counting with their marks.
    pub fn bytes(&self, r: Range<usize>) -> Span {
        let a = &self.toks[r.start];
        let b = &self.toks[r.end - 1];
        Span::new(a.start(), b.end())
    }
}

impl Drop for Doc<'_> {
    /// Hands the tables to the thread's next article.
    fn drop(&mut self) {
        if self.toks.capacity() == 0 || self.toks.capacity() > KEEP_TOKENS {
            return;
        }
        let tables = Tables {
            paras: take(&mut self.paras),
            quotes: take(&mut self.quotes),
            toks: take(&mut self.toks),
            sents: take(&mut self.sents),
            sent_of: take(&mut self.sent_of),
            quote_tok: take(&mut self.quote_tok),
            pronoun_like: take(&mut self.pronoun_like),
            role_words: take(&mut self.role_words),
            capitalised: take(&mut self.capitalised),
            label: take(&mut self.label),
            pulled: take(&mut self.pulled),
            furniture: take(&mut self.furniture),
        };
        // (no spare is kept while the thread is ending)
        let _ = SPARE.try_with(|s| s.set(tables));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token whose flags (or capital) a list stands for, in text order.
    fn by_scan(doc: &Doc, wanted: impl Fn(&Tok) -> bool) -> Vec<u32> {
        (0..doc.toks.len())
            .filter(|&i| wanted(&doc.toks[i]))
            .map(|i| i as u32)
            .collect()
    }

    #[test]
    fn issue_13_the_word_lists_hold_what_a_scan_of_the_tokens_finds() {
        let lex = Lexicon::new();
        let cases = [
            (
                "pronouns, roles and names",
                "Mayor Alma Reyes said her council would vote. \u{201c}It is over,\u{201d} she \
                 told him. The minister, Tom Okafor, called its plan sensible.",
            ),
            (
                "an auxiliary spelled like a given name",
                "Will Ortiz said he would run. Will he win? May Chen thinks so.",
            ),
            (
                "possessives and object forms",
                "The president\u{2019}s aide gave them his notes; hers were lost.",
            ),
            ("nothing at all", ""),
        ];
        for (name, text) in cases {
            let doc = Doc::new(text, &lex);
            assert_eq!(
                doc.pronoun_like,
                by_scan(&doc, |t| t.is(PRONOUN_LIKE)),
                "{name}"
            );
            assert_eq!(
                doc.role_words,
                by_scan(&doc, |t| t.is(ROLE | TITLE)),
                "{name}"
            );
            assert_eq!(doc.capitalised, by_scan(&doc, Tok::cap), "{name}");
        }
        // the lists are not empty where they should not be
        let doc = Doc::new(cases[0].1, &lex);
        assert!(doc.pronoun_like.len() >= 4 && doc.role_words.len() >= 2);
        assert_eq!(
            doc.capitalised.len(),
            6,
            "Mayor Alma Reyes, The, Tom Okafor"
        );
    }
}
