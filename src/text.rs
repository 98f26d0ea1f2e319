//! Byte spans and the paragraph layout of an article's text.
//!
//! Every stage cites text by byte offsets into the article, so the span type and the one
//! definition of "paragraph" live here, shared by extraction, indexing and rendering.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into an article's text.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `None` when it is out of range or not on character
    /// boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.range())
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// The paragraphs of an article: maximal runs of text separated by blank lines, trimmed of
/// surrounding white space. A text with no blank line at all but several lines is read as
/// one paragraph a line (common in feeds that drop the empty lines).
pub fn paragraphs(text: &str) -> Vec<Span> {
    paragraphs_into(text, Vec::new())
}

/// [`paragraphs`], into `out` (emptied first: a list kept from an earlier text).
pub fn paragraphs_into(text: &str, mut out: Vec<Span>) -> Vec<Span> {
    out.clear();
    let has_blank_line = {
        let mut blank = false;
        let mut seen_content = false;
        for (line, ended) in lines(text) {
            if line.trim().is_empty() {
                // (a blank line ends a paragraph only if another line follows it)
                if seen_content && ended {
                    blank = true;
                    break;
                }
            } else {
                seen_content = true;
            }
        }
        blank
    };
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut next_line = 0;
    for (line, ended) in lines(text) {
        let line_start = next_line;
        next_line += line.len() + usize::from(ended);
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let content_start = line_start + lead;
        let content_end = content_start + content.len();
        if start.is_some() && !has_blank_line {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
        }
        if start.is_none() {
            start = Some(content_start);
        }
        last_end = content_end;
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

/// The lines of `text` without their `\n`, each with whether a `\n` ended it (the last
/// line, after the last `\n`, may be empty). The line breaks are found with `memchr`, many
/// bytes at a time: every article is split into lines before anything else reads it.
fn lines(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'\n', r.as_bytes()) {
            Some(nl) => {
                // ('\n' is a character of its own: both slices fall on character bounds)
                rest = r.get(nl + 1..);
                Some((r.get(..nl).unwrap_or(""), true))
            }
            None => {
                rest = None;
                Some((r, false))
            }
        }
    })
}

/// Index of the paragraph that contains byte `offset` (the last one starting at or before it).
pub fn paragraph_of(paragraphs: &[Span], offset: usize) -> usize {
    match paragraphs.binary_search_by(|p| p.start.cmp(&offset)) {
        Ok(i) => i,
        Err(0) => 0,
        Err(i) => i - 1,
    }
}

/// The char boundary at or before `at` in `text` (`at` past the end: the end). What
/// `str::floor_char_boundary` does from Rust 1.91, above this crate's `rust-version`.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at` in `text` (`at` past the end: the end).
pub fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_boundaries_round_down_and_up_inside_a_character() {
        let text = "a\u{e9}\u{201c}b"; // 1 + 2 + 3 + 1 bytes
        let cases = [
            (0, 0, 0),
            (1, 1, 1),
            (2, 1, 3),
            (4, 3, 6),
            (5, 3, 6),
            (9, 7, 7),
        ];
        for (at, floor, ceil) in cases {
            assert_eq!(floor_char_boundary(text, at), floor, "floor of {at}");
            assert_eq!(ceil_char_boundary(text, at), ceil, "ceil of {at}");
        }
    }

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s.range()]).collect()
    }

    /// The paragraph split as it was written before its lines were found with `memchr`
    /// (issue 13), the reference the property test below holds it to.
    fn paragraphs_by_split(text: &str) -> Vec<Span> {
        let has_blank_line = {
            let mut lines = text.split('\n').peekable();
            let mut seen_content = false;
            let mut blank = false;
            while let Some(line) = lines.next() {
                if line.trim().is_empty() {
                    if seen_content && lines.peek().is_some() {
                        blank = true;
                        break;
                    }
                } else {
                    seen_content = true;
                }
            }
            blank
        };
        let (mut out, mut start, mut last_end, mut offset) = (Vec::new(), None, 0, 0);
        for line in text.split_inclusive('\n') {
            let line_start = offset;
            offset += line.len();
            let content = line.trim();
            if content.is_empty() {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, last_end));
                }
                continue;
            }
            let content_start = line_start + line.len() - line.trim_start().len();
            if !has_blank_line {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, last_end));
                }
            }
            start.get_or_insert(content_start);
            last_end = content_start + content.len();
        }
        if let Some(s) = start {
            out.push(Span::new(s, last_end));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn issue_13_paragraphs_split_as_before_their_lines_were_found_with_memchr(
            text in "[a\u{e9} \t\r\n\u{a0}\u{2028}]{0,40}"
        ) {
            proptest::prop_assert_eq!(paragraphs(&text), paragraphs_by_split(&text));
        }
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let t = "Headline\n\nFirst para\ncontinues.\n\n  \n Second.\n";
        assert_eq!(
            texts(t, &paragraphs(t)),
            ["Headline", "First para\ncontinues.", "Second."]
        );
    }

    #[test]
    fn paragraphs_fall_back_to_lines_without_blank_lines() {
        let t = "One.\nTwo.\r\nThree.";
        assert_eq!(texts(t, &paragraphs(t)), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn paragraph_of_finds_containing_paragraph() {
        let t = "A\n\nBB\n\nCCC";
        let ps = paragraphs(t);
        assert_eq!(paragraph_of(&ps, 0), 0);
        assert_eq!(paragraph_of(&ps, 4), 1);
        assert_eq!(paragraph_of(&ps, t.len()), 2);
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\n\t").is_empty());
    }
}
