//! Quote-mark scanning: where the quoted words of an article are.
//!
//! Quote marks are ambiguous: a straight `"` both opens and closes, `’` is far more often
//! an apostrophe (it’s, Trump’s, the ’90s) than a closing single quote, and news text has
//! unbalanced marks. This module pairs marks paragraph by paragraph, so a stray mark never
//! swallows the rest of an article, while a quotation that runs over several paragraphs
//! (each opening with a mark, only the last closing) is kept as a chain of pieces.
//! The scan is linear: single quotes look ahead a bounded distance for their closer.

use crate::text::{floor_char_boundary, Span};

/// One quoted stretch inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words (marks and surrounding space excluded).
    pub start: usize,
    pub end: usize,
    /// Byte offset just past the closing mark, or `end` when the quote is left open.
    pub close: usize,
    pub para: usize,
    /// Quoted in single marks (‘…’ or '…').
    pub single: bool,
    /// A closing mark was found.
    pub closed: bool,
    /// This piece continues the quote of the previous paragraph.
    pub cont_prev: bool,
    /// The quote continues in the next paragraph.
    pub cont_next: bool,
}

/// How far (bytes) a single opening mark looks for its closer.
const SINGLE_LOOKAHEAD: usize = 1500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fam {
    Double,
    Guillemet,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// Trims white space (including no-break spaces) off both ends of `start..end`.
fn trim(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    if let Some(s) = text.get(start..end) {
        let t = s.trim_start_matches(is_space);
        start = end - t.len();
        let t2 = t.trim_end_matches(is_space);
        end = start + t2.len();
    }
    (start, end)
}

/// Is the single mark at `i` (of byte length `len`) an apostrophe inside or before a word
/// rather than an opening quote? Looks at what follows it.
fn apostrophe_ahead(rest: &str) -> bool {
    let mut cs = rest.chars();
    let a = cs.next();
    let b = cs.next();
    let c = cs.next();
    match (a, b, c) {
        // '90s, ’70s, '08
        (Some(d), _, _) if d.is_ascii_digit() => {
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            digits.len() <= 2
        }
        // 'n' (rock 'n' roll)
        (Some('n' | 'N'), Some('\'' | '\u{2019}'), _) => true,
        _ => {
            let w: String = rest
                .chars()
                .take_while(|c| c.is_alphabetic())
                .take(6)
                .collect::<String>()
                .to_ascii_lowercase();
            matches!(
                w.as_str(),
                "em" | "til" | "cause" | "tis" | "twas" | "n" | "round" | "bout" | "s"
            )
        }
    }
}

/// Finds the closing single mark for an opener whose content starts at `from`.
/// `Err((offset, double))` says where the search stopped without a closer, and whether it
/// stopped at a double mark (then no opener before that offset can close either).
fn single_closer(text: &str, from: usize, limit: usize) -> Result<usize, (usize, bool)> {
    let Some(hay) = text.get(from..limit) else {
        return Err((limit, false));
    };
    let mut prev: Option<char> = None;
    let mut it = hay.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '"' || c == '\u{201C}' || c == '\u{201D}' {
            // a double mark inside: not a single-quoted fragment we can trust
            return Err((from + i, true));
        }
        if (c == '\'' || c == '\u{2019}') && i > 0 {
            let next = it.peek().map(|&(_, n)| n);
            let prev_ok = prev.is_some_and(|p| !is_space(p));
            let next_ok = next.is_none_or(|n| !n.is_alphanumeric());
            if prev_ok && next_ok {
                // "the boys’ hats": a plural possessive, not a closer
                let possessive = prev == Some('s') && {
                    let after = &hay[i + c.len_utf8()..];
                    let mut a = after.chars();
                    a.next().is_some_and(is_space) && a.next().is_some_and(|x| x.is_lowercase())
                };
                if !possessive {
                    return Ok(from + i);
                }
            }
        }
        prev = Some(c);
    }
    Err((limit, false))
}

/// Finds the bytes that may start a quote mark: `"`, `'`, or the lead byte of ‘ ’ “ ” „ (E2)
/// or « » (C2). Prose is mostly letters, so the search runs with `memchr`, many bytes at a
/// time. Each search's answer is remembered until the scan passes it, so no byte is searched
/// twice: a paragraph of « » and no other mark would otherwise be searched to its end for
/// `"`, `'` and E2 from every guillemet, a cost growing with the square of its length.
struct QuoteLike<'b> {
    bytes: &'b [u8],
    /// The first C2 byte at or after `c2_from` (`bytes.len()` for none).
    c2: Found,
    /// The first `"`, `'` or E2 byte at or after its `from`.
    other: Found,
    /// Bytes searched so far, for the test that no byte is searched twice.
    #[cfg(test)]
    searched: usize,
}

/// A search's answer: the first match at or after `from`.
#[derive(Clone, Copy)]
struct Found {
    from: usize,
    at: usize,
}

impl Found {
    const NONE: Found = Found {
        from: usize::MAX,
        at: 0,
    };

    /// Whether the answer holds for a search from `i`: it started at or before `i` and its
    /// match is not behind `i`.
    fn holds_at(self, i: usize) -> bool {
        self.from <= i && self.at >= i
    }
}

impl<'b> QuoteLike<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        QuoteLike {
            bytes,
            c2: Found::NONE,
            other: Found::NONE,
            #[cfg(test)]
            searched: 0,
        }
    }

    /// The offset of the first quote-like byte from `i` on; `bytes.len()` when there is none.
    fn next(&mut self, i: usize) -> usize {
        let Some(rest) = self.bytes.get(i..) else {
            return self.bytes.len();
        };
        let len = self.bytes.len();
        if !self.c2.holds_at(i) {
            let at = memchr::memchr(0xC2, rest).map_or(len, |k| i + k);
            self.c2 = Found { from: i, at };
            self.count(at - i);
        }
        if !self.other.holds_at(i) {
            let at = memchr::memchr3(b'"', b'\'', 0xE2, rest).map_or(len, |k| i + k);
            self.other = Found { from: i, at };
            self.count(at - i);
        }
        self.c2.at.min(self.other.at)
    }

    #[cfg(test)]
    fn count(&mut self, n: usize) {
        self.searched += n;
    }

    #[cfg(not(test))]
    fn count(&mut self, _: usize) {}
}

/// Scans the quote marks of `text`, paragraph by paragraph.
pub fn scan(text: &str, paras: &[Span]) -> Vec<QSpan> {
    scan_into(text, paras, Vec::new())
}

/// [`scan`], into `out` (emptied first: a list kept from an earlier article).
pub fn scan_into(text: &str, paras: &[Span], mut out: Vec<QSpan>) -> Vec<QSpan> {
    out.clear();
    // an unclosed double quote at the end of the previous paragraph
    let mut carry: Option<usize> = None;
    // the previous paragraph ended inside a double quote
    let mut prev_unclosed = false;
    for (pi, p) in paras.iter().enumerate() {
        let Some(ptext) = text.get(p.range()) else {
            continue;
        };
        let carried = carry.take();
        let carried_unclosed = std::mem::take(&mut prev_unclosed);
        let mut single_failed: Option<(usize, bool)> = None;
        let mut seen_mark = false;
        // (family, mark offset, content start, continues previous)
        let mut open: Option<(Fam, usize, usize, bool)> = None;
        let mut skip_until = 0usize;
        let bytes = ptext.as_bytes();
        let mut quote_like = QuoteLike::new(bytes);
        let mut li = 0;
        while li < bytes.len() {
            // only quote-like characters matter: '"', '\'', and the lead bytes of
            // ‘ ’ “ ” „ (E2) and « » (C2)
            li = quote_like.next(li);
            if li >= bytes.len() {
                break;
            }
            // (an apostrophe after a letter or a digit, as in "Blair's", the commonest mark,
            // neither opens nor closes anything: passed over before any character is read)
            if li > 0 && bytes[li - 1].is_ascii_alphanumeric() {
                let apostrophe = match &bytes[li..] {
                    [b'\'', ..] => 1,
                    [0xE2, 0x80, 0x99, ..] => 3,
                    _ => 0,
                };
                if apostrophe > 0 {
                    li += apostrophe;
                    continue;
                }
            }
            let Some(c) = ptext.get(li..).and_then(|t| t.chars().next()) else {
                break;
            };
            let clen = c.len_utf8();
            if !matches!(
                c,
                '"' | '\''
                    | '\u{2018}'
                    | '\u{2019}'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{201E}'
                    | '\u{AB}'
                    | '\u{BB}'
            ) {
                li += clen;
                continue;
            }
            let i = p.start + li;
            let prev = ptext.get(..li).and_then(|t| t.chars().next_back());
            let next = ptext.get(li + clen..).and_then(|t| t.chars().next());
            let at_first = li == 0;
            li += clen;
            if i < skip_until {
                continue;
            }
            let prev_space = prev.is_none_or(|x| {
                is_space(x) || matches!(x, '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '/')
            });
            let next_space = next.is_none_or(is_space);
            match c {
                '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{AB}' | '\u{BB}' => {
                    let fam = if c == '\u{AB}' || c == '\u{BB}' {
                        Fam::Guillemet
                    } else {
                        Fam::Double
                    };
                    let opener_shape = match c {
                        '\u{201C}' | '\u{201E}' | '\u{AB}' => true,
                        '\u{201D}' | '\u{BB}' => prev_space && !next_space && open.is_none(),
                        _ => !next_space && (prev_space || open.is_none()),
                    };
                    let closer_shape = match c {
                        '\u{201D}' | '\u{BB}' => true,
                        '"' => !prev_space || next_space,
                        _ => false,
                    };
                    // a quotation broken by a paragraph break without a new opening mark:
                    // the first closer of the paragraph ends it
                    if open.is_none()
                        && carried_unclosed
                        && closer_shape
                        && !opener_shape
                        && !seen_mark
                    {
                        let (s, _) = trim(text, p.start, i);
                        if let Some(last) = out.last_mut() {
                            last.cont_next = true;
                        }
                        push(
                            &mut out,
                            text,
                            s,
                            s,
                            i,
                            i + c.len_utf8(),
                            pi,
                            false,
                            true,
                            true,
                        );
                        seen_mark = true;
                        continue;
                    }
                    seen_mark = true;
                    match open {
                        Some((f, o, s, cont)) if f == fam && (closer_shape || !opener_shape) => {
                            push(
                                &mut out,
                                text,
                                o,
                                s,
                                i,
                                i + c.len_utf8(),
                                pi,
                                false,
                                true,
                                cont,
                            );
                            open = None;
                        }
                        Some((f, o, s, cont)) if f == fam && opener_shape && prev_space => {
                            // a new quote opens before the last one closed: end that one
                            // where the new one begins
                            push(&mut out, text, o, s, i, i, pi, false, false, cont);
                            let cont_new = false;
                            open = Some((fam, i, i + c.len_utf8(), cont_new));
                        }
                        Some(_) => {}
                        None if opener_shape => {
                            let cont = at_first && carried.is_some();
                            open = Some((fam, i, i + c.len_utf8(), cont));
                        }
                        None => {}
                    }
                }
                '\'' | '\u{2018}' | '\u{2019}' if open.is_none() => {
                    let content_start = i + c.len_utf8();
                    let rest = text.get(content_start..p.end).unwrap_or("");
                    let opener = (c == '\u{2018}' || prev_space || prev.is_some_and(|x| x == '"'))
                        && next.is_some_and(|n| n.is_alphanumeric() || n == '\u{2026}')
                        && !apostrophe_ahead(rest);
                    if opener {
                        let limit = floor_char_boundary(
                            text,
                            (content_start + SINGLE_LOOKAHEAD).min(p.end),
                        );
                        // a stretch already searched in vain is not searched again, so
                        // thousands of openers stay linear
                        let (from, hopeless) = match single_failed {
                            Some((until, true)) if content_start < until => (content_start, true),
                            Some((until, false)) if content_start < until => (until, false),
                            _ => (content_start, false),
                        };
                        let found = if hopeless || from >= limit {
                            Err((limit, false))
                        } else {
                            single_closer(text, from, limit)
                        };
                        if let Err(stop) = found {
                            if !hopeless {
                                single_failed = Some(stop);
                            }
                        }
                        if let Ok(close) = found {
                            let inner = text.get(content_start..close).unwrap_or("");
                            // 'n' and other one-letter insertions are not quotations
                            if inner.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                                let cl = text.get(close..).and_then(|s| s.chars().next());
                                let cl_len = cl.map_or(1, char::len_utf8);
                                push(
                                    &mut out,
                                    text,
                                    i,
                                    content_start,
                                    close,
                                    close + cl_len,
                                    pi,
                                    true,
                                    true,
                                    false,
                                );
                                skip_until = close + cl_len;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some((fam, o, s, cont)) = open {
            prev_unclosed = fam == Fam::Double;
            let before = out.len();
            push(&mut out, text, o, s, p.end, p.end, pi, false, false, cont);
            // continues when the next paragraph opens with a double mark
            if out.len() > before {
                if let Some(np) = paras.get(pi + 1) {
                    let starts_with_mark = text
                        .get(np.range())
                        .and_then(|t| t.chars().next())
                        .is_some_and(|c| matches!(c, '"' | '\u{201C}' | '\u{AB}' | '\u{201E}'));
                    if starts_with_mark {
                        if let Some(last) = out.last_mut() {
                            last.cont_next = true;
                        }
                        carry = Some(out.len() - 1);
                    }
                }
            }
        }
    }
    // a piece marked as continuing must follow one that continues
    for i in 0..out.len() {
        if out[i].cont_prev && (i == 0 || !out[i - 1].cont_next) {
            out[i].cont_prev = false;
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<QSpan>,
    text: &str,
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    para: usize,
    single: bool,
    closed: bool,
    cont_prev: bool,
) {
    let (s, e) = trim(text, start, end);
    if e <= s {
        return;
    }
    // nothing but punctuation inside: not a quotation
    if !text
        .get(s..e)
        .is_some_and(|t| t.chars().any(char::is_alphanumeric))
    {
        return;
    }
    out.push(QSpan {
        open,
        start: s,
        end: e,
        close: close.max(e),
        para,
        single,
        closed,
        cont_prev,
        cont_next: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_no_byte_is_searched_twice_for_a_mark() {
        // « » and no other mark: each search for the other marks used to run to the
        // paragraph's end from every guillemet
        let cases = [
            (
                "guillemets only",
                "\u{ab}Non\u{bb}, a dit M. Dupont. ".repeat(2000),
            ),
            ("double marks only", "\"No,\" he said. ".repeat(2000)),
            (
                "curly marks only",
                "\u{201c}No,\u{201d} he said. ".repeat(2000),
            ),
            (
                "a mix",
                "\u{ab}Oui\u{bb} \"yes\" it\u{2019}s \u{a0}fine ".repeat(2000),
            ),
        ];
        for (name, text) in cases {
            let b = text.as_bytes();
            let mut finder = QuoteLike::new(b);
            let mut i = 0;
            while i < b.len() {
                i = finder.next(i) + 1;
            }
            // (two searches, each over the text once at most)
            assert!(
                finder.searched <= 2 * b.len(),
                "{name}: {} bytes searched of {}",
                finder.searched,
                b.len()
            );
        }
    }

    #[test]
    fn issue_13_apostrophes_after_letters_open_and_close_nothing() {
        // (the quoted words of each quotation found)
        let cases: &[(&str, &str, &[&str])] = &[
            ("a possessive", "Blair's plan was approved.", &[]),
            (
                "a curly possessive",
                "Blair\u{2019}s plan was approved.",
                &[],
            ),
            (
                "a possessive inside single marks",
                "He called it 'Blair's plan' on Monday.",
                &["Blair's plan"],
            ),
            (
                "a curly possessive inside curly single marks",
                "He called it \u{2018}Blair\u{2019}s plan\u{2019} on Monday.",
                &["Blair\u{2019}s plan"],
            ),
            (
                "contractions inside double marks",
                "\"It's over, and we can't stop,\" she said.",
                &["It's over, and we can't stop,"],
            ),
            (
                "single marks closing after a letter",
                "They sang 'we shall overcome' at the rally's end.",
                &["we shall overcome"],
            ),
            ("an apostrophe at the paragraph's end", "the workers'", &[]),
            ("a year cut short", "the class of '99 met again", &[]),
        ];
        for (name, text, want) in cases {
            let paras = crate::text::paragraphs(text);
            let found: Vec<&str> = scan(text, &paras)
                .iter()
                .map(|q| &text[q.start..q.end])
                .collect();
            assert_eq!(found, *want, "{name}");
        }
    }

    #[test]
    fn the_next_mark_is_found_wherever_it_stands() {
        let naive = |b: &[u8], i: usize| {
            (i..b.len())
                .find(|&k| matches!(b[k], b'"' | b'\'' | 0xE2 | 0xC2))
                .unwrap_or(b.len())
        };
        let texts = [
            "",
            "plain prose with no mark at all, long enough for several chunks",
            "He said \"yes\" and left",
            "it\u{2019}s \u{201c}quoted\u{201d} \u{ab}cit\u{e9}\u{bb}",
            "caf\u{e9} na\u{ef}ve r\u{e9}sum\u{e9} \u{e9}l\u{e8}ve, then 'a mark' much later on",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
            "#$%&#$%&#$%& none of these is a mark",
            "'",
            "1234567\"",
            "\u{ab} non-breaking\u{a0}spaces \u{bb} and \u{2014} dashes \u{a0}\u{2026}",
        ];
        for t in texts {
            let b = t.as_bytes();
            // one finder walked forward (its remembered « » position reused), one walked
            // back, and a fresh one at every offset
            let (mut forward, mut back) = (QuoteLike::new(b), QuoteLike::new(b));
            for i in 0..=b.len() {
                let want = naive(b, i);
                assert_eq!(forward.next(i), want, "{t:?} forward to {i}");
                assert_eq!(QuoteLike::new(b).next(i), want, "{t:?} from {i}");
                let j = b.len() - i;
                assert_eq!(back.next(j), naive(b, j), "{t:?} back to {j}");
            }
        }
    }
}
