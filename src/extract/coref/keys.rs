//! Keys of names: the lower-cased, possessive-free form under which the article's names,
//! the knowledge file's names and descriptions' words are compared. Kept apart because every
//! name seen is keyed, so the keying is written once, allocation-free where it can be.

use super::super::packed::single_spaced_ascii;
use super::super::tokens::Tok;
use super::super::Doc;
use compact_str::CompactString;

/// Lower-cased key of a name: words joined by single spaces, possessive dropped.
pub fn key(s: &str) -> String {
    let mut out = String::new();
    key_into(s, &mut out);
    out
}

/// [`key`] as a [`CompactString`]: a key of up to 24 bytes (most words, many names) without
/// an allocation.
pub(super) fn key_compact(s: &str) -> CompactString {
    let bare = without_possessive(s);
    if single_spaced_ascii(bare.as_bytes()) {
        let mut k = CompactString::from(bare);
        k.make_ascii_lowercase();
        return k;
    }
    key(s).into()
}

/// `s` without a possessive `'s` or `’s`, or the bare apostrophes of a plural's.
fn without_possessive(s: &str) -> &str {
    // (most names end in none of `s`, `'` or `’`, whose last byte is 0x99: nothing to strip)
    match s.as_bytes().last() {
        Some(b's' | b'\'' | 0x99) => s
            .strip_suffix("'s")
            .or_else(|| s.strip_suffix("\u{2019}s"))
            .unwrap_or(s)
            .trim_end_matches(['\'', '\u{2019}']),
        _ => s,
    }
}

/// [`key`] written into `out` (emptied first), for a lookup that needs no string of its own.
pub(super) fn key_into(s: &str, out: &mut String) {
    out.clear();
    let s = without_possessive(s);
    // the common case, a plain ASCII name with single spaces, read in one pass
    if single_spaced_ascii(s.as_bytes()) {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    out.reserve(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.push_str(w);
            let n = out.len();
            out[n - w.len()..].make_ascii_lowercase();
        } else {
            for c in w.chars() {
                if c == '\u{2019}' {
                    out.push('\'');
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
}

/// [`key_into`] for word `i` of `doc`: a word of ASCII letters and digits only (most words,
/// see [`Tok::alnum`]) is keyed by its lower case alone, nothing to look for in it.
pub(super) fn key_word_into(doc: &Doc, i: usize, out: &mut String) {
    let w = doc.word(i);
    if doc.toks.get(i).is_some_and(Tok::alnum) {
        out.clear();
        out.push_str(w);
        out.make_ascii_lowercase();
    } else {
        key_into(w, out);
    }
}

/// `s` without every repetition of `suffix` at its end (what `trim_end_matches` does with a
/// string, without building a searcher for each call).
pub(super) fn trim_all<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::super::lexicon::Lexicon;
    use super::*;

    #[test]
    fn issue_13_a_word_keys_from_its_token_as_from_its_text() {
        let cases = [
            (
                "plain words",
                "Ada Lovelace met the ENGINEERS of 1843 on Tuesday.",
            ),
            (
                "possessives",
                "Blair's aides and the Joneses' house, Blair\u{2019}s too.",
            ),
            (
                "joined words",
                "The U.S. co-chair, well-known in Sao Paulo, spoke at 10:30.",
            ),
            (
                "non-ASCII",
                "\u{c9}lise D\u{2019}Amour and Ren\u{e9}e M\u{fc}ller said so.",
            ),
            (
                "long words",
                "Internationalisation Counterrevolutionaries Supercalifragilistic",
            ),
            ("symbols", "He paid $5 and 20% to user_name @handle #tag."),
        ];
        let lex = Lexicon::new();
        let mut buf = String::from("left over");
        for (name, text) in cases {
            let doc = Doc::new(text, &lex);
            for i in 0..doc.toks.len() {
                if !doc.toks[i].is_word() {
                    continue;
                }
                key_word_into(&doc, i, &mut buf);
                assert_eq!(buf, key(doc.word(i)), "{name}: {}", doc.word(i));
            }
        }
    }

    #[test]
    fn names_key_to_one_lower_case_form() {
        let cases = [
            ("plain", "Ada Lovelace", "ada lovelace"),
            ("possessive", "Ada Lovelace's", "ada lovelace"),
            ("curly possessive", "Ada Lovelace\u{2019}s", "ada lovelace"),
            ("plural possessive", "the Joneses'", "the joneses"),
            ("curly apostrophes", "Jones\u{2019}\u{2019}", "jones"),
            ("a name ending in s", "Ross", "ross"),
            ("white space", " Ada \t Lovelace\n", "ada lovelace"),
            (
                "non-ASCII",
                "\u{c9}lise D\u{2019}Amour",
                "\u{e9}lise d'amour",
            ),
            ("empty", "", ""),
            (
                "longer than a compact string holds",
                "Maria Fernanda Espinosa Garc\u{e9}s's",
                "maria fernanda espinosa garc\u{e9}s",
            ),
            (
                "plain and long",
                "The Director General Of Public Prosecutions",
                "the director general of public prosecutions",
            ),
        ];
        let mut buf = String::from("left over");
        for (name, text, want) in cases {
            key_into(text, &mut buf);
            assert_eq!(buf, want, "{name}");
            assert_eq!(key(text), want, "{name}");
            assert_eq!(key_compact(text), want, "{name}");
        }
    }
}
