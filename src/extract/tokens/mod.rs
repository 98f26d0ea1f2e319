//! Tokens of the reporter's own words, with each quotation as one opaque token.
//!
//! Attribution reads the text around quotations ("…," she said), never inside them, so the
//! tokenizer skips quoted stretches and stands a single [`Kind::Quote`] token in their place.
//! Each word is classified once against the [`Lexicon`] while tokenizing.

use super::cues;
use super::lexicon::{self, Lexicon};
use super::marks::QSpan;
use super::packed;
use crate::text::{paragraph_of, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// Index into the article's quote list.
    Quote(u32),
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte offsets of the token in the text (see [`Tok::start`], [`Tok::end`]): 32 bits
    /// each, like the indices below, to keep the record small.
    start: u32,
    end: u32,
    /// Paragraph index (see [`Tok::para`]); narrower than `usize`, like the quote index, to
    /// keep the token record small: long articles read their tokens many times over.
    para: u32,
    /// The token's [`Kind`] (its two top bits, then the character or quote index in the low
    /// [`PAYLOAD_BITS`]) and whether it is capitalised ([`CAP_BIT`]) or possessive
    /// ([`POSS_BIT`]), in one word: see [`Tok::kind`], [`Tok::cap`], [`Tok::poss`].
    packed: u32,
    pub flags: u64,
}

/// Bits of [`Tok::packed`] holding a punctuation character or a quote index.
const PAYLOAD_BITS: u32 = 28;
const PAYLOAD: u32 = (1 << PAYLOAD_BITS) - 1;
/// First letter upper case.
const CAP_BIT: u32 = 1 << 28;
/// Ends in a possessive `'s` / `’s`.
const POSS_BIT: u32 = 1 << 29;
const KIND_BITS: u32 = 3 << 30;
/// In a word's payload (unused otherwise): the word is ASCII letters and digits only (see
/// [`Tok::alnum`]).
const ALNUM_BIT: u32 = 1;
const WORD: u32 = 0;
const PUNCT: u32 = 1 << 30;
const QUOTE: u32 = 2 << 30;

/// The extractor takes no article of this many bytes or more (512 MiB): a quote takes two
/// bytes at least, so a shorter article's quote indices fit in [`PAYLOAD_BITS`].
pub const MAX_ARTICLE_BYTES: usize = 2 << PAYLOAD_BITS;

impl Tok {
    fn new(start: usize, end: usize, kind: Kind, para: usize, flags: u64, cap: bool) -> Tok {
        let kind = match kind {
            Kind::Word => WORD,
            Kind::Punct(c) => PUNCT | (c as u32 & PAYLOAD),
            Kind::Quote(q) => QUOTE | q.min(PAYLOAD),
        };
        Tok {
            start: narrow(start),
            end: narrow(end),
            para: narrow(para),
            packed: kind | if cap { CAP_BIT } else { 0 },
            flags,
        }
    }
    pub fn kind(&self) -> Kind {
        let payload = self.packed & PAYLOAD;
        match self.packed & KIND_BITS {
            WORD => Kind::Word,
            PUNCT => Kind::Punct(char::from_u32(payload).unwrap_or('\u{fffd}')),
            _ => Kind::Quote(payload),
        }
    }
    /// First letter upper case.
    pub fn cap(&self) -> bool {
        self.packed & CAP_BIT != 0
    }
    /// Ends in a possessive `'s` / `’s`.
    pub fn poss(&self) -> bool {
        self.packed & POSS_BIT != 0
    }
    /// A word of ASCII letters and digits only, as most are: its text is its own key but
    /// for case, with no possessive, space or other character to read for.
    pub fn alnum(&self) -> bool {
        self.packed & (KIND_BITS | ALNUM_BIT) == WORD | ALNUM_BIT
    }
    pub fn is_word(&self) -> bool {
        self.packed & KIND_BITS == WORD
    }
    pub fn is(&self, flag: u64) -> bool {
        // (both tests made, without a branch between them: which way one goes is hard to guess)
        self.is_word() & (self.flags & flag != 0)
    }
    pub fn punct(&self) -> Option<char> {
        match self.kind() {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }
    pub fn quote(&self) -> Option<usize> {
        (self.packed & KIND_BITS == QUOTE).then_some((self.packed & PAYLOAD) as usize)
    }
    /// Byte offset of the token's first byte (of its opening mark, for a quote).
    pub fn start(&self) -> usize {
        self.start as usize
    }
    /// Byte offset just past the token (past its closing mark, for a quote).
    pub fn end(&self) -> usize {
        self.end as usize
    }
    /// Index of the paragraph the token is in.
    pub fn para(&self) -> usize {
        self.para as usize
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.packed & KIND_BITS == PUNCT && self.packed & PAYLOAD == c as u32
    }
}

/// An offset or index as stored in a token, or a token's or a sentence's index in a table of
/// them. Every one is at most the text's length, and [`tokenize`] takes no text of 4 GiB or
/// more (the extractor itself takes no article of 512 MiB or more), so it fits.
pub(super) fn narrow(i: usize) -> u32 {
    debug_assert!(u32::try_from(i).is_ok(), "{i} is beyond a token's offsets");
    i as u32
}

fn word_char(c: char) -> bool {
    if c.is_ascii() {
        ascii_word_byte(c as u8)
    } else {
        c.is_alphanumeric()
    }
}

/// Classes of a byte ([`BYTE_CLASS`]): ASCII white space.
const SPACE: u8 = 1;
/// An ASCII [`word_char`].
const WORD_BYTE: u8 = 2;
/// An ASCII [`joiner`].
const JOIN_BYTE: u8 = 4;
/// Not ASCII: part of a character of more than one byte.
const HIGH: u8 = 8;

/// The class of each byte, read once a byte: which bytes a token may go on over is told by
/// one lookup, not a chain of comparisons whose outcome the processor cannot guess.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            HIGH
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            SPACE
        } else if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'%' | b'@' | b'#') {
            WORD_BYTE
        } else if joiner(c as char) {
            JOIN_BYTE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The [`BYTE_CLASS`] of a byte.
fn class(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

/// [`word_char`] for an ASCII byte.
fn ascii_word_byte(b: u8) -> bool {
    class(b) == WORD_BYTE
}

const fn joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | '&' | '/' | ',' | ':')
}

/// Tokenizes `text`, standing one token for each quote in `quotes` (sorted by offset), into
/// `out` (emptied first: a table kept from an earlier article).
pub fn tokenize(
    text: &str,
    paras: &[Span],
    quotes: &[QSpan],
    lex: &Lexicon,
    mut out: Vec<Tok>,
) -> Vec<Tok> {
    out.clear();
    // (a token's offsets and indices, at most the text's length, are 32-bit numbers)
    if u32::try_from(text.len()).is_err() {
        return out;
    }
    out.reserve(text.len() / 5);
    let mut pos = 0;
    for (qi, q) in quotes.iter().enumerate() {
        if q.open >= pos {
            words::<true>(text, pos, q.open, paras, lex, &mut out);
        }
        out.push(Tok::new(
            q.open,
            q.close,
            Kind::Quote(narrow(qi)),
            q.para,
            0,
            false,
        ));
        pos = pos.max(q.close);
    }
    words::<true>(text, pos, text.len(), paras, lex, &mut out);
    out
}

/// "Ms. May", "Theresa May": a capitalized closed-class word after a title or a first name
/// (the token before it, `prev`, as already read) is a name.
fn name_after(prev: &Tok, t: &mut Tok) {
    if t.is_word()
        && t.cap()
        && t.flags & lexicon::CLOSED != 0
        && prev.is_word()
        && prev.cap()
        && prev.para == t.para
        && (prev.flags & lexicon::TITLE != 0 && prev.end() + 1 >= t.start()
            || prev.flags & (lexicon::CLOSED | lexicon::TITLE | lexicon::TIME | lexicon::MONTH)
                == 0
                && t.flags & lexicon::AUX != 0)
    {
        t.flags &= !(lexicon::CLOSED | lexicon::TIME | lexicon::MONTH);
    }
}

/// "shot back", "fired back": the verb before the "back" just read (a word with the
/// lexicon's flag, of any case) attributes a reply.
#[cold]
fn mark_retort(text: &str, out: &mut [Tok]) {
    if let [.., verb, back] = out {
        if text.get(back.start()..back.end()) == Some("back")
            && verb.is_word()
            && !verb.cap()
            && text
                .get(verb.start()..verb.end())
                .is_some_and(cues::retorts)
        {
            verb.flags |= cues::TAIL;
        }
    }
}

/// Whether a word of letters and digits ends before byte `b`: white space, or an ASCII mark
/// that joins nothing to it (a `.` may end an abbreviation, which keeps it).
fn ends_plain_word(b: u8) -> bool {
    let c = class(b);
    c == SPACE || c == 0 && b != b'.'
}

/// The plain word at `bytes[i..]`, as its length and its lexicon flags: one to fifteen ASCII
/// letters and digits, read eight at a time, then the end, white space, or a mark that joins
/// nothing to it (a comma or a colon joins digits only). A period ends it too, unless the word
/// is an abbreviation that keeps it ("Mr.", "J.") or a word character follows ("U.S", "3.5").
/// `None` for anything else, which [`words`] reads byte by byte.
#[inline]
fn plain_word(bytes: &[u8], i: usize, lex: &Lexicon) -> Option<(usize, u64)> {
    let (len, key) = packed::alnum_run8(bytes, i)?;
    let (len, flags) = match len {
        0 => return None,
        8 => match packed::alnum_run8(bytes, i + 8)? {
            (8, _) => return None,
            (0, _) => (8, lex.flags_of_key8(key)),
            (more, rest) => {
                let len = 8 + more;
                let key16 = u128::from(key) | u128::from(rest) << 64 | (len as u128) << 120;
                (len, lex.flags_of_key16(key16))
            }
        },
        _ => (len, lex.flags_of_key8(key)),
    };
    match bytes.get(i + len) {
        None => Some((len, flags)),
        Some(b'.') => {
            let joins = bytes
                .get(i + len + 1)
                .is_some_and(|&b| class(b) & (WORD_BYTE | HIGH) != 0);
            let abbreviation =
                flags & lexicon::ABBREV != 0 || len == 1 && bytes[i].is_ascii_uppercase();
            (!joins && !abbreviation).then_some((len, flags))
        }
        Some(b',' | b':') => (!joins_digits(bytes, i + len)).then_some((len, flags)),
        Some(&b) => ends_plain_word(b).then_some((len, flags)),
    }
}

/// Whether the comma or colon at `bytes[at]` joins digits ("1,000", "10:30"), the only words
/// either joins.
fn joins_digits(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at.wrapping_sub(1))
        .is_some_and(u8::is_ascii_digit)
        && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// "Smith angrily said", "Cruz gingerly said": a lower-case word ending in "ly" that the
/// lexicon does not hold is a manner adverb; `flags` otherwise. (The rare "ly" is tested
/// first: it decides the branch.)
#[inline]
fn manner_adverb(w: &str, flags: u64, cap: bool) -> u64 {
    if w.ends_with("ly") && flags == 0 && !cap && lexicon::ly_adverb(w) {
        lexicon::ADV
    } else {
        flags
    }
}

/// Appends the word token `tok`, read from `text`, to the tokens before it.
#[inline]
fn push_word(text: &str, mut tok: Tok, out: &mut Vec<Tok>) {
    if let Some(prev) = out.last() {
        name_after(prev, &mut tok);
    }
    let retort = tok.flags & lexicon::BACK != 0;
    out.push(tok);
    if retort {
        mark_retort(text, out);
    }
}

/// The paragraph of each token, as the tokens are read in order of their offsets.
struct ParaCursor<'a> {
    paras: &'a [Span],
    /// The paragraph of the last token read.
    para: usize,
    /// Where the paragraph after it starts (`usize::MAX` after the last).
    next_start: usize,
}

impl<'a> ParaCursor<'a> {
    fn new(paras: &'a [Span], from: usize) -> ParaCursor<'a> {
        let mut cursor = ParaCursor {
            paras,
            para: paragraph_of(paras, from),
            next_start: 0,
        };
        cursor.next_start = cursor.start_after(cursor.para);
        cursor
    }

    fn start_after(&self, para: usize) -> usize {
        self.paras.get(para + 1).map_or(usize::MAX, |p| p.start)
    }

    /// The paragraph of a token starting at byte `start`, at or after the last one's.
    #[inline]
    fn of(&mut self, start: usize) -> usize {
        while self.next_start <= start {
            self.para += 1;
            self.next_start = self.start_after(self.para);
        }
        self.para
    }
}

/// Tokenizes `text[from..to]` into `out`; with `PLAIN`, plain words are read by
/// [`plain_word`] (the tests read every word byte by byte too, and compare).
fn words<const PLAIN: bool>(
    text: &str,
    from: usize,
    to: usize,
    paras: &[Span],
    lex: &Lexicon,
    out: &mut Vec<Tok>,
) {
    let Some(seg) = text.get(from..to) else {
        return;
    };
    let bytes = seg.as_bytes();
    let mut paras = ParaCursor::new(paras, from);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let byte_class = class(b);
        // (ASCII white space, the commonest byte between tokens, without decoding)
        if byte_class == SPACE {
            i += 1;
            continue;
        }
        // a plain word (nearly every word): letters and digits read and keyed eight at a time
        if PLAIN && byte_class == WORD_BYTE {
            if let Some((len, mut flags)) = plain_word(bytes, i, lex) {
                let start = from + i;
                let para = paras.of(start);
                let cap = b.is_ascii_uppercase();
                // (the rare "ly" read from the bytes first, before the word is sliced)
                if len > 5 && bytes.get(i + len - 2..i + len) == Some(b"ly") {
                    if let Some(w) = seg.get(i..i + len) {
                        flags = manner_adverb(w, flags, cap);
                    }
                }
                let mut tok = Tok::new(start, start + len, Kind::Word, para, flags, cap);
                tok.packed |= ALNUM_BIT;
                push_word(text, tok, out);
                i += len;
                continue;
            }
        }
        match other_token(text, seg, from, i, &mut paras, lex, out) {
            Some(next) => i = next,
            None => break,
        }
    }
}

/// The character at byte `i` of `seg` and its length; ASCII without decoding.
fn char_at(seg: &str, i: usize) -> Option<(char, usize)> {
    let b = *seg.as_bytes().get(i)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        seg.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
    }
}

/// Reads the token at byte `i` of `seg` (`text[from..to]`) byte by byte, as [`words`] does
/// for all but plain words: white space beyond ASCII, a word with other characters or
/// joiners ("Blair's", "so-called", "U.S."), a mark. Appends it to `out` and returns the byte
/// of `seg` after it; `None` at a byte that starts no character. Kept out of the loop of
/// [`words`], which plain words take nearly always.
#[inline(never)]
fn other_token(
    text: &str,
    seg: &str,
    from: usize,
    i: usize,
    paras: &mut ParaCursor,
    lex: &Lexicon,
    out: &mut Vec<Tok>,
) -> Option<usize> {
    let bytes = seg.as_bytes();
    let byte_class = class(*bytes.get(i)?);
    let (c, clen) = char_at(seg, i)?;
    // (white space beyond ASCII, a no-break space among it, separates tokens; the loop of
    // `words` has passed over ASCII's)
    if byte_class == HIGH && (c.is_whitespace() || c == '\u{a0}') {
        return Some(i + clen);
    }
    let start = from + i;
    let para = paras.of(start);
    if !(byte_class == WORD_BYTE || byte_class == HIGH && word_char(c)) {
        out.push(Tok::new(
            start,
            start + c.len_utf8(),
            Kind::Punct(c),
            para,
            0,
            false,
        ));
        return Some(i + clen);
    }
    let mut buf = [0u8; 40];
    let mut end = i + clen;
    // (whether a '.' or a '/' was taken in)
    let (mut dotted, mut slashed) = (false, false);
    // extend over word characters and joiners followed by word characters
    loop {
        // (a run of ASCII word characters, byte by byte, before anything else)
        while bytes.get(end).copied().is_some_and(ascii_word_byte) {
            end += 1;
        }
        // (a space or an ASCII mark that joins nothing, the commonest end, at once)
        if bytes
            .get(end)
            .is_none_or(|&b| class(b) & (JOIN_BYTE | HIGH) == 0)
        {
            break;
        }
        match char_at(seg, end) {
            Some((n, nlen)) if word_char(n) => end += nlen,
            Some((j, jlen)) if joiner(j) => {
                let after = char_at(seg, end + jlen).map(|(a, _)| a);
                let ok = match j {
                    // 1,000 and 10:30 only between digits
                    ',' | ':' => joins_digits(bytes, end),
                    _ => after.is_some_and(word_char),
                };
                if ok {
                    end += jlen;
                    dotted |= j == '.';
                    slashed |= j == '/';
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    // abbreviations keep their period: "Mr.", "U.S.", "J."
    if bytes.get(end) == Some(&b'.') {
        let single_letter = end == i + clen && c.is_uppercase();
        let dotted = dotted && end - i <= 8;
        if single_letter
            || dotted
            || seg
                .get(i..end)
                .is_some_and(|w| lex.flags_of_word(w, &mut buf) & lexicon::ABBREV != 0)
        {
            end += 1;
        }
    }
    let w = seg.get(i..end)?;
    let poss =
        w.as_bytes().last() == Some(&b's') && (w.ends_with("'s") || w.ends_with("\u{2019}s"));
    let base = if poss {
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .unwrap_or(w)
    } else {
        w
    };
    let flags = lex.flags_of_word(w, &mut buf)
        | if poss {
            // "McCallum's staff"; "he's", "that's" are contractions of the pronoun
            lex.flags_of_word(base, &mut buf)
                & (lexicon::SOURCE | lexicon::PRONOUN | lexicon::DET | lexicon::REL)
        } else {
            0
        };
    let cap = c.is_uppercase();
    let flags = manner_adverb(w, flags, cap);
    // "Instagram/Darian", "Boissinot/The": credits and paths are not names
    let flags = if slashed {
        flags | lexicon::OTHER_CLOSED
    } else {
        flags
    };
    let mut tok = Tok::new(start, from + end, Kind::Word, para, flags, cap);
    if poss {
        tok.packed |= POSS_BIT;
    }
    if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
        tok.packed |= ALNUM_BIT;
    }
    push_word(text, tok, out);
    Some(end)
}

#[cfg(test)]
mod tests;
