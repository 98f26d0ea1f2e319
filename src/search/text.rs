//! Pure text helpers of the search side: words with offsets, edit distances, excerpt cutting.

use crate::index::plain_analyzer;
use crate::text::{ceil_char_boundary, floor_char_boundary};
use tantivy::tokenizer::TextAnalyzer;

/// A word of a text: its normalized form (lower case, accents folded) and its byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub norm: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text` with their offsets, through the analyzer `words_with` is given.
pub fn words_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Word {
            norm: t.text.clone(),
            start: t.offset_from,
            end: t.offset_to,
        });
    }
    out
}

/// The words of `text`: lower case, accents folded, not stemmed.
pub fn words(text: &str) -> Vec<Word> {
    words_with(&mut plain_analyzer(), text)
}

/// Levenshtein distance between two strings, in characters; gives up (returns `limit + 1`)
/// once the distance is sure to exceed `limit`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
            row_min = row_min.min(cur[j]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A piece of a text cut for display: `text[start..end]`, and whether words were left out
/// before or after it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cut {
    pub start: usize,
    pub end: usize,
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Cuts `text` to at most about `max` bytes at word boundaries, keeping byte `focus` (when
/// given) in view. The result is a range of `text` itself: nothing is altered or added; the
/// caller marks the cuts (with "…").
pub fn cut(text: &str, max: usize, focus: Option<usize>) -> Cut {
    let trimmed_start = text.len() - text.trim_start().len();
    let trimmed_end = text.trim_end().len().max(trimmed_start);
    if trimmed_end - trimmed_start <= max {
        return Cut {
            start: trimmed_start,
            end: trimmed_end,
            cut_before: false,
            cut_after: false,
        };
    }
    let focus = focus
        .unwrap_or(trimmed_start)
        .clamp(trimmed_start, trimmed_end);
    // Start at the beginning when the focus is in view from there; else put the focus a
    // quarter of the way in, unless that runs past the end.
    let mut start = if focus + max / 8 < trimmed_start + max {
        trimmed_start
    } else {
        focus.saturating_sub(max / 4).max(trimmed_start)
    };
    if start + max > trimmed_end {
        start = trimmed_end.saturating_sub(max).max(trimmed_start);
    }
    let mut end = (start + max).min(trimmed_end);
    // Move the start forward to the beginning of a word.
    if start > trimmed_start {
        start = next_word_start(text, start).unwrap_or(start);
    }
    // Move the end back to the end of a word.
    if end < trimmed_end {
        end = prev_word_end(text, end, start).unwrap_or(end);
    }
    let start = ceil_char_boundary(text, start);
    let end = floor_char_boundary(text, end).max(start);
    Cut {
        start,
        end,
        cut_before: start > trimmed_start,
        cut_after: end < trimmed_end,
    }
}

/// The first byte at or after `at` that starts a word (follows white space).
fn next_word_start(text: &str, at: usize) -> Option<usize> {
    let i = ceil_char_boundary(text, at);
    if i > 0
        && text[..i].ends_with(char::is_whitespace)
        && !text[i..].starts_with(char::is_whitespace)
    {
        return Some(i);
    }
    let rest = &text[i..];
    let ws = rest.find(char::is_whitespace)?;
    let after = &rest[ws..];
    let skip = after.len() - after.trim_start().len();
    Some(i + ws + skip)
}

/// The last byte at or before `at` that ends a word (precedes white space), after `min`.
fn prev_word_end(text: &str, at: usize, min: usize) -> Option<usize> {
    let i = floor_char_boundary(text, at);
    if i <= min || !text.is_char_boundary(min) {
        return None;
    }
    if text[i..].starts_with(char::is_whitespace) && !text[..i].ends_with(char::is_whitespace) {
        return Some(i);
    }
    let head = &text[min..i];
    let ws = head.rfind(char::is_whitespace)?;
    let end = head[..ws].trim_end().len();
    (end > 0).then_some(min + end)
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub fn clip(text: &str, max: usize) -> &str {
    &text[..floor_char_boundary(text, max)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_keep_offsets() {
        let t = "We’ve convinced HIM, Élysée!";
        let w = words(t);
        let norms: Vec<&str> = w.iter().map(|w| w.norm.as_str()).collect();
        assert_eq!(norms, ["we", "ve", "convinced", "him", "elysee"]);
        assert_eq!(&t[w[4].start..w[4].end], "Élysée");
    }

    #[test]
    fn edit_distance_counts_and_gives_up() {
        assert_eq!(edit_distance("macrone", "macron", 2), 1);
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("a", "abcdef", 2), 3);
    }

    #[test]
    fn short_text_is_not_cut() {
        let c = cut("  hello world ", 50, None);
        assert_eq!(
            (c.start, c.end, c.cut_before, c.cut_after),
            (2, 13, false, false)
        );
    }

    #[test]
    fn long_text_is_cut_at_word_boundaries_around_focus() {
        let t = "one two three four five six seven eight nine ten eleven twelve";
        let focus = t.find("eight").unwrap();
        let c = cut(t, 20, Some(focus));
        let piece = &t[c.start..c.end];
        assert!(piece.contains("eight"), "{piece}");
        assert!(piece.len() <= 20, "{piece}");
        assert!(c.cut_before && c.cut_after);
        assert!(
            t[..c.start].ends_with(' ') && t[c.end..].starts_with(' '),
            "{piece}"
        );
    }

    #[test]
    fn clip_keeps_whole_characters() {
        assert_eq!(clip("abc", 10), "abc");
        assert_eq!(clip("abc", 2), "ab");
        assert_eq!(clip("é", 1), "");
        assert_eq!(clip("aé", 2), "a");
        assert_eq!(clip("🙂x", 4), "🙂");
    }

    #[test]
    fn cut_never_splits_characters() {
        let t = "ééééé ééééé ééééé ééééé ééééé ééééé";
        for max in 1..t.len() {
            for focus in [None, Some(7), Some(30)] {
                let c = cut(t, max, focus);
                assert!(t.get(c.start..c.end).is_some());
            }
        }
    }
}
