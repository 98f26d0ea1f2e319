//! Long articles, read window by window.
//!
//! Every table the extractor builds over an article (its tokens, sentences, names and items)
//! is read by a dozen passes. For a news article those tables sit in the processor's cache;
//! for an article of megabytes they do not, and every pass goes out to memory, so a 4 MB
//! article took more than four times as long as a 1 MB one. An article longer than
//! [`WINDOW_BYTES`] is therefore cut into windows of about that size, each extracted on its
//! own, with the [`LEAD_BYTES`] before it read again for context (the name a pronoun stands
//! for, the speaker a quote inherits) but not reported again.
//!
//! A window ends at a paragraph break where it can, at a sentence's end where it cannot (one
//! long paragraph), at white space where there is neither, and never inside a quotation
//! while there is any other place to end. Every window reads the quote marks as the whole
//! article pairs them. No article in the development sets comes near a window's size (the
//! longest has 34 KB), and attribution is local: read in windows of 16 KiB, the GGT and
//! PolNeAR development sets score exactly as read whole, and in windows of 8 KiB GGT's
//! speaker names lose 0.4 points. What windows bound is the context a speaker is looked for
//! in, as a reader's would be.

use super::marks::QSpan;
use crate::text::{ceil_char_boundary, floor_char_boundary, Span};
use std::ops::Range;

/// Articles up to this many bytes are read whole; longer ones window by window.
pub(super) const WINDOW_BYTES: usize = 64 * 1024;

/// How much of the text before a window it reads again for context.
pub(super) const LEAD_BYTES: usize = 4 * 1024;

/// One window of an article: it reads `lead..end` and reports the quotes starting in
/// `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    pub lead: usize,
    pub start: usize,
    pub end: usize,
}

/// The windows of `text` (its paragraphs `paras`, its quoted spans `quotes`), each at most
/// `size` bytes besides its lead of at most `lead` bytes: consecutive, covering the text.
pub(super) fn windows(
    text: &str,
    paras: &[Span],
    quotes: &[QSpan],
    size: usize,
    lead: usize,
) -> Vec<Window> {
    let size = size.max(2);
    let quoted = Quoted::new(quotes);
    let places = Places {
        text,
        paras,
        quoted: &quoted,
    };
    let mut out = Vec::with_capacity(text.len() / size + 1);
    let mut start = 0;
    while start < text.len() {
        let end = if text.len() - start <= size {
            text.len()
        } else {
            let hi = floor_char_boundary(text, start + size);
            places
                .latest_break(start + size / 2, hi)
                .filter(|&c| c > start)
                .unwrap_or_else(|| {
                    if hi > start {
                        hi
                    } else {
                        ceil_char_boundary(text, start + 1)
                    }
                })
        };
        let lead_start = if start == 0 {
            0
        } else {
            places
                .latest_break(start.saturating_sub(lead), start.saturating_sub(lead / 2))
                .unwrap_or(start)
        };
        out.push(Window {
            lead: lead_start,
            start,
            end,
        });
        start = end;
    }
    out
}

/// The paragraphs of `paras` that meet `range`, clipped to it and counted from its start,
/// and the index of the first of them among `paras`.
pub(super) fn clip(paras: &[Span], range: Range<usize>) -> (Vec<Span>, usize) {
    let first = paras.partition_point(|p| p.end <= range.start);
    let local = paras[first..]
        .iter()
        .take_while(|p| p.start < range.end)
        .map(|p| {
            Span::new(
                p.start.max(range.start) - range.start,
                p.end.min(range.end) - range.start,
            )
        })
        .collect();
    (local, first)
}

/// The quoted spans of `quotes` that meet `range`, clipped to it and counted from its start,
/// their paragraphs counted from the article's `first`-th: a window reads the quote marks as
/// the whole article pairs them, wherever it starts. (A window starts inside a quotation only
/// when the quotation left it no other place, and then reads the rest of it as quoted too.)
pub(super) fn clip_quotes(quotes: &[QSpan], range: Range<usize>, first: usize) -> Vec<QSpan> {
    let mut from = quotes.partition_point(|q| q.open < range.start);
    if from > 0 && quotes[from - 1].end > range.start {
        from -= 1;
    }
    let at = |x: usize| x.clamp(range.start, range.end) - range.start;
    quotes[from..]
        .iter()
        .take_while(|q| q.open < range.end)
        .map(|q| {
            let cut_after = q.close > range.end;
            QSpan {
                open: at(q.open),
                start: at(q.start),
                end: at(q.end),
                close: at(q.close),
                para: q.para.saturating_sub(first),
                closed: q.closed && !cut_after,
                cont_prev: q.cont_prev && q.open >= range.start,
                cont_next: q.cont_next && !cut_after,
                ..*q
            }
        })
        .collect()
}

/// The stretches of text inside quotations: each quoted span from its opening mark to its
/// closing one, a quote continued over paragraphs as one stretch. Sorted, not overlapping.
struct Quoted(Vec<(usize, usize)>);

impl Quoted {
    fn new(quotes: &[QSpan]) -> Quoted {
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(quotes.len());
        let mut continued = false;
        for q in quotes {
            let close = q.close.max(q.open);
            match spans.last_mut() {
                // (the next piece of a quote continued over paragraphs, or a span that
                // overlaps the last)
                Some(last) if continued || q.open < last.1 => last.1 = last.1.max(close),
                _ => spans.push((q.open, close)),
            }
            continued = q.cont_next;
        }
        Quoted(spans)
    }

    /// The opening of the quotation that `at` falls strictly inside, if any.
    fn around(&self, at: usize) -> Option<usize> {
        let i = self.0.partition_point(|&(open, _)| open < at);
        let &(open, close) = self.0.get(i.checked_sub(1)?)?;
        (close > at).then_some(open)
    }
}

/// Where a window may end in a text.
struct Places<'a> {
    text: &'a str,
    paras: &'a [Span],
    quoted: &'a Quoted,
}

impl Places<'_> {
    /// The latest place in `lo + 1..=hi` to end a window at, outside every quotation: a
    /// paragraph's start, else a sentence's, else the end of white space.
    fn latest_break(&self, lo: usize, hi: usize) -> Option<usize> {
        if hi <= lo {
            return None;
        }
        self.latest_paragraph(lo, hi)
            .or_else(|| self.latest_byte(lo, hi, sentence_start))
            .or_else(|| self.latest_byte(lo, hi, |b, at| b[at - 1].is_ascii_whitespace()))
    }

    fn latest_paragraph(&self, lo: usize, hi: usize) -> Option<usize> {
        let below = self.paras.partition_point(|p| p.start <= hi);
        self.paras[..below]
            .iter()
            .rev()
            .map(|p| p.start)
            .take_while(|&s| s > lo)
            .find(|&s| self.quoted.around(s).is_none())
    }

    /// The latest `at` in `lo + 1..=hi` that `is_place` accepts, outside every quotation
    /// (a quotation is stepped over whole, so each byte is looked at once).
    fn latest_byte(
        &self,
        lo: usize,
        hi: usize,
        is_place: impl Fn(&[u8], usize) -> bool,
    ) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut at = hi.min(b.len());
        while at > lo {
            if is_place(b, at) {
                match self.quoted.around(at) {
                    None if self.text.is_char_boundary(at) => return Some(at),
                    Some(open) if open < at => {
                        at = open;
                        continue;
                    }
                    _ => {}
                }
            }
            at -= 1;
        }
        None
    }
}

/// Does a sentence start at byte `at` of `b`: white space before it, and before that the
/// end of a sentence (`.`, `?`, `!`, perhaps closed by a quote mark)? (`at` > 0.)
fn sentence_start(b: &[u8], at: usize) -> bool {
    if !b[at - 1].is_ascii_whitespace() || b.get(at).is_none_or(u8::is_ascii_whitespace) {
        return false;
    }
    let end_mark = |i: usize| matches!(b.get(i), Some(b'.' | b'?' | b'!'));
    let Some(k) = at.checked_sub(2) else {
        return false;
    };
    if end_mark(k) {
        return true;
    }
    // `."` and `.”` (”, ’ and » end in these bytes in UTF-8)
    match b[k] {
        b'"' | b'\'' => k > 0 && end_mark(k - 1),
        0x9d | 0x99 | 0xbb => k >= 3 && end_mark(k - 3),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::marks;
    use crate::text::paragraphs;
    use proptest::prelude::*;

    /// The windows of `text` with the extractor's own paragraphs and quote marks.
    fn windows_of(text: &str, size: usize, lead: usize) -> Vec<Window> {
        let paras = paragraphs(text);
        let quotes = marks::scan(text, &paras);
        windows(text, &paras, &quotes, size, lead)
    }

    /// Where the first window ends, and the text the second one reads again as its lead.
    struct Cut {
        name: &'static str,
        text: &'static str,
        size: usize,
        /// The second window starts with this text.
        starts: &'static str,
    }

    #[test]
    fn issue_13_a_window_ends_at_the_best_place_before_its_size() {
        let cases = [
            Cut {
                name: "at a paragraph break",
                text: "One two three. Four five.\n\nSix seven eight. Nine ten eleven twelve.",
                size: 50,
                starts: "Six seven",
            },
            Cut {
                name: "the latest paragraph break in reach",
                text: "One.\n\nTwo three four.\n\nFive six seven.\n\nEight nine ten eleven.",
                size: 39,
                starts: "Five six",
            },
            Cut {
                name: "at a sentence's end in one long paragraph",
                text: "One two three. Four five six. Seven eight nine ten eleven.",
                size: 29,
                starts: "Four five",
            },
            Cut {
                name: "after a sentence closed by a quote mark",
                text: "He said “it is over.” She left at once, and nobody stayed on.",
                size: 40,
                starts: "She left",
            },
            Cut {
                name: "not at a sentence's end inside a quotation",
                text:
                    "Ann left the hall early. Tom said: “We won. We won it all. We did.” The crowd.",
                size: 66,
                starts: "“We won. We won it all.",
            },
            Cut {
                name: "not at a paragraph break inside a quotation over paragraphs",
                text: "Ann said: “The rain came.\n\n“Then the river rose,” she said.\n\nAll went.",
                size: 56,
                starts: "she said.",
            },
            Cut {
                name: "at white space where no sentence ends",
                text: "one two three four five six seven eight nine ten eleven twelve",
                size: 40,
                starts: "nine ten",
            },
        ];
        let mut failures = Vec::new();
        for c in &cases {
            let w = windows_of(c.text, c.size, 16);
            let got = w.get(1).and_then(|w| c.text.get(w.start..));
            if !got.is_some_and(|g| g.starts_with(c.starts)) {
                failures.push(format!("{}: second window {got:?} ({w:?})", c.name));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn issue_13_a_window_reads_the_sentences_before_it_again() {
        let text = "Ann Lee runs the mill. She was asked about it. \
                    “We will stay,” she said. Tom Roe runs the bank.";
        let w = windows_of(text, 80, 50);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(&text[w[1].start..], "Tom Roe runs the bank.");
        assert_eq!(&text[w[1].lead..w[1].start], "“We will stay,” she said. ");
    }

    #[test]
    fn issue_13_a_text_with_no_place_to_end_is_cut_on_a_character() {
        let text = "é".repeat(40);
        for w in windows_of(&text, 9, 4) {
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            assert!(w.end - w.start <= 9 && w.end > w.start, "{w:?}");
        }
    }

    #[test]
    fn issue_13_a_short_text_is_one_window() {
        let text = "“Yes,” she said.";
        assert_eq!(
            windows_of(text, 64, 16),
            [Window {
                lead: 0,
                start: 0,
                end: text.len()
            }]
        );
    }

    #[test]
    fn issue_13_clipped_paragraphs_and_quotes_are_the_windows_own() {
        let text = "Tom said “yes.”\n\nAnn said “no.”\n\nBo said “maybe.”";
        let paras = paragraphs(text);
        let quotes = marks::scan(text, &paras);
        let range = 21..text.len() - 5;
        let (local, first) = clip(&paras, range.clone());
        assert_eq!(first, 1);
        let slice = &text[range.clone()];
        let words: Vec<&str> = local.iter().filter_map(|p| p.slice(slice)).collect();
        assert_eq!(words, ["Ann said “no.”", "Bo said “mayb"]);
        let marks = clip_quotes(&quotes, range, first);
        let quoted: Vec<(&str, usize, bool)> = marks
            .iter()
            .map(|q| (&slice[q.start..q.end], q.para, q.closed))
            .collect();
        assert_eq!(quoted, [("no.", 0, true), ("mayb", 1, false)]);
        // (a window that starts inside a quotation reads the rest of it as quoted)
        let inside = text.find("aybe").unwrap_or(0)..text.len();
        let (_, first) = clip(&paras, inside.clone());
        let marks = clip_quotes(&quotes, inside.clone(), first);
        let slice = &text[inside];
        let quoted: Vec<&str> = marks.iter().map(|q| &slice[q.start..q.end]).collect();
        assert_eq!((quoted, first), (vec!["aybe."], 2));
    }

    proptest! {
        #[test]
        fn issue_13_windows_cover_the_text_in_order(
            text in "([a-zé“”\"'.!? \n]{0,12}){0,40}",
            size in 4usize..64,
            lead in 0usize..32,
        ) {
            let w = windows_of(&text, size, lead);
            let mut at = 0;
            for x in &w {
                prop_assert_eq!(x.start, at);
                prop_assert!(x.end > x.start && x.end - x.start <= size.max(4));
                prop_assert!(x.lead <= x.start && x.start - x.lead <= lead);
                for b in [x.lead, x.start, x.end] {
                    prop_assert!(text.is_char_boundary(b));
                }
                at = x.end;
            }
            prop_assert_eq!(at, text.len());
        }
    }
}
