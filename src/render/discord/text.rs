//! Text for Discord: escaping markdown and mentions, cutting at word boundaries within
//! limits, and bolding query words, always as a verbatim prefix of the source text.

use super::*;

// ---------------------------------------------------------------------------------------------
// Text: escaping, cutting, highlighting.

/// Characters Discord may read as markdown, a mention, an emoji or a link.
pub(crate) fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '<' | '[' | ']' | '@'
    )
}

/// Characters that are markdown only at the start of a line (headers, lists).
pub(crate) fn needs_escape_at_line_start(c: char) -> bool {
    matches!(c, '#' | '-' | '+')
}

/// `s` as Discord should show it: every markdown character backslash-escaped.
pub fn escape_markdown(s: &str) -> String {
    escape_from(s, true)
}

/// Escapes `s`, which starts a line when `line_start`.
pub(crate) fn escape_from(s: &str, mut line_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) || (line_start && needs_escape_at_line_start(c)) {
            out.push('\\');
        }
        out.push(c);
        if c == '\n' {
            line_start = true;
        } else if !c.is_whitespace() {
            line_start = false;
        }
    }
    out
}

/// Number of characters, as Discord counts them for its limits.
pub fn len(s: &str) -> usize {
    s.chars().count()
}

/// Plain text (no markdown) cut to `max` characters at a word boundary, with "…".
pub fn cut(s: &str, max: usize) -> String {
    if len(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let keep: String = s.chars().take(max - 1).collect();
    let at_word = match keep.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((i, _)) if i > 0 => keep[..i].trim_end().to_string(),
        _ => keep,
    };
    format!("{at_word}…")
}

/// Byte ranges of `text` holding query words: the words whose analyzed form (the search's own
/// analyzer, so "troop" finds "troops") is one of `words`.
pub fn word_ranges(text: &str, words: &[String]) -> Vec<Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut analyzer = crate::index::english_analyzer();
    crate::search::text::words_with(&mut analyzer, text)
        .into_iter()
        .filter(|w| words.contains(&w.norm))
        .map(|w| w.start..w.end)
        .collect()
}

/// A whitespace-separated word rendered: escaped, and its letters and digits bold when it
/// overlaps one of `bold` (byte ranges relative to the word).
pub(crate) fn render_word(word: &str, bold: bool, line_start: bool) -> String {
    let start = word.find(|c: char| c.is_alphanumeric());
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8());
    match (start, end) {
        (Some(s), Some(e)) if s < e && bold => format!(
            "{}**{}**{}",
            escape_from(&word[..s], line_start),
            escape_from(&word[s..e], line_start && s == 0),
            escape_from(&word[e..], false)
        ),
        _ => escape_from(word, line_start),
    }
}

/// Source text rendered for Discord within `max` characters: escaped, the words overlapping
/// `bold` (byte ranges of `text`) in bold, whitespace kept as written, cut at a word boundary
/// with "…" when too long. A single word longer than the budget is cut inside the word.
pub fn render_text(text: &str, bold: &[Range<usize>], max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let base = text.len() - text.trim_start().len();
    let mut rest = text.trim();
    let mut offset = base;
    while !rest.is_empty() {
        let ws_len = rest.len() - rest.trim_start().len();
        let (ws, after) = rest.split_at(ws_len);
        let word_len = after.find(char::is_whitespace).unwrap_or(after.len());
        let (word, tail) = after.split_at(word_len);
        let word_at = offset + ws_len;
        let is_bold = bold
            .iter()
            .any(|r| r.start < word_at + word_len && word_at < r.end);
        let line_start = out.is_empty() || ws.contains('\n');
        let piece = format!("{ws}{}", render_word(word, is_bold, line_start));
        let piece_len = len(&piece);
        let last = tail.trim().is_empty();
        let room = if last { max } else { max.saturating_sub(1) };
        if used + piece_len > room {
            if out.is_empty() {
                // One enormous word: cut it, escape-aware, character by character.
                let mut cut_word = String::new();
                for (i, c) in word.chars().enumerate() {
                    let esc = needs_escape(c) || (i == 0 && needs_escape_at_line_start(c));
                    let add = if esc { 2 } else { 1 };
                    if len(&cut_word) + add + 1 > max {
                        break;
                    }
                    if esc {
                        cut_word.push('\\');
                    }
                    cut_word.push(c);
                }
                return format!("{cut_word}…");
            }
            out.push('…');
            return out;
        }
        out.push_str(&piece);
        used += piece_len;
        offset = word_at + word_len;
        rest = tail;
    }
    out
}
