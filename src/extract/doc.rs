//! One article as every extraction stage reads it: paragraphs, paired quote marks, tokens,
//! sentences, and which paragraphs are page furniture rather than the article's prose.
//!
//! Web pages pasted into text keep their furniture: "Story continues below", photo captions
//! and credits, "READ MORE:" links, short section headings. None of it is prose, so no name
//! in it may become a speaker or an antecedent.
//!
//! Each thread keeps the tables of its last article (emptied) for its next one: allocating
//! and growing them anew for every article was a measurable share of the extraction's time.

use super::lexicon::Lexicon;
use super::marks::{self, QSpan};
use super::sentences;
use super::tokens::{self, Tok};
use crate::text::{paragraphs, Span};
use std::cell::Cell;
use std::mem::take;
use std::ops::Range;

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
    /// Paragraphs that are link labels ("READ MORE: …", "WATCH: …"), not article prose.
    pub label: Vec<bool>,
    /// Paragraphs that are page furniture (labels, captions, credits, short headings): no
    /// name in them is a speaker or an antecedent.
    pub furniture: Vec<bool>,
    /// Paragraphs that are a quotation set as a heading ("‘Lies and misinformation’"): the
    /// words are someone's only when the article quotes them again in its prose.
    pub pulled: Vec<bool>,
}

/// "READ MORE: …", "WATCH: …": an upper-case label and a colon open a link, not prose.
fn is_label(p: &str) -> bool {
    let Some(head) = memchr::memchr(b':', p.as_bytes()).and_then(|k| p.get(..k)) else {
        return false;
    };
    // "ANALYSIS: Some experts say …." is a section of prose; a link reads like a headline
    if p.trim_end().ends_with(['.', '"', '\u{201D}', '!', '?']) {
        return false;
    }
    head.len() >= 3
        && head.len() <= 24
        && head.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
        && head.chars().filter(char::is_ascii_uppercase).count() >= 3
}

/// "‘Life-changing and heartbreaking’" on a line of its own: a quotation with no sentence
/// punctuation and nothing around it is a section heading pulled from the text, not speech
/// reported where it stands.
fn is_quoted_heading(p: &str) -> bool {
    let t = p.trim();
    let opens = ['\'', '"', '\u{2018}', '\u{201C}'];
    let closes = ['\'', '"', '\u{2019}', '\u{201D}'];
    let Some(inner) = t
        .strip_prefix(opens)
        .and_then(|r| r.strip_suffix(closes))
        .map(str::trim)
    else {
        return false;
    };
    let words = inner.split_whitespace().count();
    !inner.is_empty()
        && words <= 12
        && !inner.contains(opens)
        && !inner.contains(['\u{2019}', '\u{201D}', '"'])
        && !inner.ends_with(['.', '!', '?', ',', ';', ':', '\u{2026}'])
}

/// Words that open or mark a photo caption or credit.
const CAPTION_MARKS: &[&str] = &[
    "(photo",
    "open this photo",
    "photo gallery",
    "via getty",
    "photo:",
    "photo by",
    "photograph:",
    "photos:",
    "image:",
    "(image",
    "credit:",
    "(credit",
    "file photo",
    "getty images",
    "(supplied",
    "(handout",
    "(contributed",
    "(submitted",
    "(courtesy",
    "courtesy of",
    "/reuters)",
    "/ap)",
    "(ap photo",
    "video:",
    "(video",
    "watch:",
    "click here",
    "sign up",
    "subscribe",
    "advertisement",
    "story continues",
    "continue reading",
    "related:",
    "related stories",
];

/// Does `t` hold one of the words every caption mark has? A cheap pass that spares most
/// paragraphs the search for each mark.
fn caption_anchor(t: &str) -> bool {
    let mut buf = [0u8; 16];
    // (split byte by byte: every byte of a non-ASCII character separates words, as the
    // character itself would)
    t.as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|w| (2..=13).contains(&w.len()))
        .any(|w| {
            let lw = &mut buf[..w.len()];
            lw.copy_from_slice(w);
            lw.make_ascii_lowercase();
            matches!(
                &*lw,
                b"photo"
                    | b"photos"
                    | b"photograph"
                    | b"image"
                    | b"credit"
                    | b"getty"
                    | b"supplied"
                    | b"handout"
                    | b"contributed"
                    | b"submitted"
                    | b"courtesy"
                    | b"reuters"
                    | b"ap"
                    | b"video"
                    | b"watch"
                    | b"click"
                    | b"sign"
                    | b"subscribe"
                    | b"advertisement"
                    | b"story"
                    | b"continue"
                    | b"related"
                    | b"gallery"
            )
        })
}

/// Is paragraph `p` (the `i`-th) page furniture rather than prose? `prev` is the paragraph
/// before it. The first paragraph is the headline, which is the article's own.
fn is_furniture(i: usize, p: &str, prev: Option<&str>, label: bool) -> bool {
    if label {
        return true;
    }
    let t = p.trim();
    // a headline in Title Case ("Impeach AG Lynch Now, Says Group"): its capitals mark no
    // names, so none of its runs may become a person (the first paragraph too)
    if title_case(t) {
        return true;
    }
    if i == 0 {
        return false;
    }
    // captions are short, or carry a parenthesis, a colon or a slash ("(Photo: …)")
    if t.len() < 400
        && (t.len() < 120 || memchr::memchr3(b'(', b':', b'/', t.as_bytes()).is_some())
        && caption_anchor(t)
    {
        let lower = t.to_ascii_lowercase();
        if CAPTION_MARKS.iter().any(|m| lower.contains(m)) {
            return true;
        }
    }
    // "Jane Doe / The Daily Ledger Flood waters …": a photographer's credit opens a caption
    let head = t.get(..t.len().min(60)).unwrap_or(t);
    // (the first " / ", found by its slash)
    let hb = head.as_bytes();
    let credit = memchr::memchr_iter(b'/', hb)
        .find(|&k| k > 0 && hb[k - 1] == b' ' && hb.get(k + 1) == Some(&b' '))
        .and_then(|k| head.get(..k - 1));
    if let Some(who) = credit {
        let words: Vec<&str> = who.split_whitespace().collect();
        if (1..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return true;
        }
    }
    // a short line that ends without a sentence's punctuation and holds no quotation: a
    // section heading, "Story Continues Below", an embedded post's signature — unless it
    // follows a quotation, where a name and a role on a line of their own are its credit
    let ends_open = !t.ends_with([
        '.', '!', '?', ':', ';', ',', '"', '\u{201D}', '\u{2019}', '\'', ')',
    ]);
    ends_open
        && t.split_whitespace().take(9).count() <= 8
        && !t.contains(['"', '\u{201C}', '\u{201D}'])
        && !prev.is_some_and(|q| q.trim_end().ends_with(['"', '\u{201D}']))
}

/// "Will Ortiz, a mechanic, said": an auxiliary spelled like a given name, capitalised and
/// followed by a name, is the name, outside questions ("Will Ortiz run again?").
fn given_name_words(toks: &mut [Tok], sents: &[Range<usize>]) {
    use super::lexicon::{AUX, CLOSED, GIVEN_F, GIVEN_M};
    for s in sents {
        let question = s
            .end
            .checked_sub(1)
            .and_then(|l| toks.get(l))
            .is_some_and(|t| t.punct() == Some('?'));
        if question {
            continue;
        }
        for i in s.clone() {
            let t = &toks[i];
            if !(t.cap() && t.is(AUX) && t.flags & (GIVEN_M | GIVEN_F) != 0) {
                continue;
            }
            let name_follows = toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && n.cap() && n.flags & CLOSED == 0);
            if name_follows {
                toks[i].flags &= !CLOSED;
            }
        }
    }
}

/// Four to twenty words, nearly all capitalised: a headline or a section title.
fn title_case(t: &str) -> bool {
    if t.len() > 300 {
        return false;
    }
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "and"
                | "or"
                | "but"
                | "by"
                | "with"
                | "from"
                | "as"
                | "vs"
                | "vs."
        )
    };
    let (mut words, mut caps, mut content) = (0usize, 0usize, 0usize);
    for w in t.split_whitespace() {
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if words > 20 {
            return false;
        }
        if !small(w) {
            content += 1;
        }
        let first = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next();
        if first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            caps += 1;
        } else if !small(w) {
            // a lower-case content word: prose, not a title
            return false;
        }
    }
    words >= 4 && content >= 3 && caps >= content && caps * 10 >= words * 7
}

/// The tables of one article's [`Doc`], kept by each thread for its next article: a thread
/// allocates them again only for an article longer than any before it.
#[derive(Default)]
struct Tables {
    toks: Vec<Tok>,
    sents: Vec<Range<usize>>,
    sent_of: Vec<u32>,
    quote_tok: Vec<usize>,
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
        let spare = SPARE.try_with(Cell::take).unwrap_or_default();
        let paras = paragraphs(text);
        let quotes = marks::scan(text, &paras);
        let mut toks = tokens::tokenize(text, &paras, &quotes, lex, spare.toks);
        let sents = sentences::split(text, &toks, &quotes, spare.sents);
        given_name_words(&mut toks, &sents);
        let mut sent_of = spare.sent_of;
        sent_of.clear();
        sent_of.resize(toks.len(), 0);
        for (si, s) in sents.iter().enumerate() {
            let si = u32::try_from(si).unwrap_or(u32::MAX);
            for x in &mut sent_of[s.clone()] {
                *x = si;
            }
        }
        let mut quote_tok = spare.quote_tok;
        quote_tok.clear();
        quote_tok.resize(quotes.len(), 0);
        for (i, t) in toks.iter().enumerate() {
            if let Some(q) = t.quote() {
                if let Some(x) = quote_tok.get_mut(q) {
                    *x = i;
                }
            }
        }
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
                    .is_some_and(|s| is_furniture(i, s, prev, label[i]))
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
        // (the lengths first: most tokens are not the word, and slicing the text checks
        // character boundaries)
        t.end() - t.start() == w.len() && self.text.get(t.start()..t.end()) == Some(w)
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
            toks: take(&mut self.toks),
            sents: take(&mut self.sents),
            sent_of: take(&mut self.sent_of),
            quote_tok: take(&mut self.quote_tok),
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

    #[test]
    fn issue_13_a_credit_opens_a_caption_wherever_its_slash_stands() {
        // the credit is found by its slash, not by a search for " / " through the paragraph
        let cases = [
            (
                "a credit and its outlet",
                "Jane Doe / The Daily Ledger Flood waters cover the road near the river",
                true,
            ),
            (
                "a lone photographer's name",
                "Okafor / Flood waters cover the road near the river on Sunday morning",
                true,
            ),
            (
                "a slash between words, not spaced",
                "Jane Doe/The Daily Ledger Flood waters cover the road near the river.",
                false,
            ),
            (
                "prose before the slash",
                "Prices rose by 3 / 4 of a point in trade on Monday, the bank said.",
                false,
            ),
            (
                "a spaced slash past the first sixty bytes",
                "Flood waters covered the road near the river on Sunday, and Jane Doe / The Daily Ledger said so.",
                false,
            ),
            (
                "a slash at the very start",
                "/ The Daily Ledger Flood waters cover the road near the river today.",
                false,
            ),
        ];
        for (name, p, want) in cases {
            assert_eq!(
                is_furniture(1, p, Some("Earlier text."), false),
                want,
                "{name}"
            );
        }
    }
}
