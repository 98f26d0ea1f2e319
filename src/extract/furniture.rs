//! Page furniture: the parts of a web page pasted into an article that are not its prose.
//!
//! "Story continues below", photo captions and credits, "READ MORE:" links, short section
//! headings and quotations set as headings: no name in them may become a speaker or an
//! antecedent, so [`super::doc::Doc`] marks their paragraphs with the tests below.

use super::packed;

/// "READ MORE: …", "WATCH: …": an upper-case label and a colon open a link, not prose.
pub(super) fn is_label(p: &str) -> bool {
    // (a label's colon comes within its first 25 bytes: the rest of a paragraph is not read)
    let b = p.as_bytes();
    let Some(head) = memchr::memchr(b':', &b[..b.len().min(25)]).and_then(|k| p.get(..k)) else {
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
pub(super) fn is_quoted_heading(p: &str) -> bool {
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
    // (counted as far as the limit)
    let words = inner.split_whitespace().take(13).count();
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
    // (split byte by byte: every byte of a non-ASCII character separates words, as the
    // character itself would; a word's letters are read eight at a time)
    let b = t.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let len = packed::letter_run(b, i);
        if b.get(i..i + len).is_some_and(anchor_word) {
            return true;
        }
        i += len;
    }
    false
}

/// The words of [`CAPTION_MARKS`] of eight letters or fewer, as [`packed::lower8`] keys.
const SHORT: [u64; 18] = [
    key8(b"photo"),
    key8(b"photos"),
    key8(b"image"),
    key8(b"credit"),
    key8(b"getty"),
    key8(b"supplied"),
    key8(b"handout"),
    key8(b"courtesy"),
    key8(b"reuters"),
    key8(b"ap"),
    key8(b"video"),
    key8(b"watch"),
    key8(b"click"),
    key8(b"sign"),
    key8(b"story"),
    key8(b"continue"),
    key8(b"related"),
    key8(b"gallery"),
];

/// The longer ones, as [`packed::lower16`] keys.
const LONG: [u128; 5] = [
    key16(b"photograph"),
    key16(b"contributed"),
    key16(b"submitted"),
    key16(b"subscribe"),
    key16(b"advertisement"),
];

/// The first letters of the words of [`SHORT`] and [`LONG`], bit 0 for `a`: most words of a
/// paragraph start with none of them and are not keyed at all.
const FIRST_LETTERS: u32 = {
    let mut mask = 0;
    let mut i = 0;
    while i < SHORT.len() {
        mask |= 1 << ((SHORT[i] & 0xff) as u8 - b'a');
        i += 1;
    }
    let mut i = 0;
    while i < LONG.len() {
        mask |= 1 << ((LONG[i] & 0xff) as u8 - b'a');
        i += 1;
    }
    mask
};

/// Is `w` (ASCII letters) one of the words of [`CAPTION_MARKS`], in any case? Compared as
/// packed keys (see [`packed`]): no copy, no string comparison.
fn anchor_word(w: &[u8]) -> bool {
    let Some(&first) = w.first() else {
        return false;
    };
    let letter = (first | 0x20).wrapping_sub(b'a');
    if letter >= 26 || FIRST_LETTERS & 1 << letter == 0 {
        return false;
    }
    match w.len() {
        2..=8 => packed::lower8(w).is_some_and(|k| SHORT.contains(&k)),
        9..=13 => packed::lower16(w).is_some_and(|k| LONG.contains(&k)),
        _ => false,
    }
}

/// The [`packed::pack8`] key of a word of at most eight bytes, at compile time.
const fn key8(w: &[u8]) -> u64 {
    match packed::pack8(w) {
        Some(k) => k,
        None => panic!("a caption word of more than eight bytes"),
    }
}

/// The [`packed::pack16`] key of a word of nine to fifteen bytes, at compile time.
const fn key16(w: &[u8]) -> u128 {
    match packed::pack16(w) {
        Some(k) => k,
        None => panic!("a caption word of fewer than nine or more than fifteen bytes"),
    }
}

/// Is paragraph `p` (the `i`-th) page furniture rather than prose? `prev` is the paragraph
/// before it. The first paragraph is the headline, which is the article's own.
pub(super) fn is_furniture(i: usize, p: &str, prev: Option<&str>, label: bool) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_labels_are_read_from_their_first_bytes() {
        let cases = [
            (
                "a link label",
                "READ MORE: Council votes on new budget",
                true,
            ),
            (
                "a label of 24 bytes",
                "WATCH THE FULL INTERVIEW: Mayor speaks",
                true,
            ),
            (
                "a head of 25 bytes",
                "WATCH THE FULL INTERVIEWS: Mayor speaks",
                false,
            ),
            ("a head too short", "AB: Council votes", false),
            (
                "prose ending its sentence",
                "ANALYSIS: Some experts say it will pass.",
                false,
            ),
            ("a head in lower case", "Read more: Council votes", false),
            (
                "a colon far into a paragraph",
                "THE COUNCIL VOTED ON THE NEW BUDGET PLAN late on Tuesday: it passed",
                false,
            ),
            ("no colon", "READ MORE", false),
            ("empty", "", false),
            ("a colon first", ": READ MORE", false),
            (
                "non-ASCII before the colon",
                "R\u{c9}SUM\u{c9} \u{c9}DITION: plan",
                false,
            ),
        ];
        for (name, p, want) in cases {
            assert_eq!(is_label(p), want, "{name}");
        }
    }

    #[test]
    fn issue_13_caption_words_are_found_by_their_packed_keys_in_any_case() {
        let words = [
            "photo",
            "photos",
            "photograph",
            "image",
            "credit",
            "getty",
            "supplied",
            "handout",
            "contributed",
            "submitted",
            "courtesy",
            "reuters",
            "ap",
            "video",
            "watch",
            "click",
            "sign",
            "subscribe",
            "advertisement",
            "story",
            "continue",
            "related",
            "gallery",
        ];
        for w in words {
            assert!(anchor_word(w.as_bytes()), "{w}");
            assert!(anchor_word(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        for w in [
            "a",
            "phot",
            "photographs",
            "signs",
            "apt",
            "getty1",
            "advertisements",
            "the",
            "zebra",
            "",
        ] {
            assert!(!anchor_word(w.as_bytes()), "{w}");
        }
        let cases = [
            (
                "a credit after a slash",
                "Flood waters rose (Jane Doe/Reuters)",
                true,
            ),
            (
                "a word inside a longer one",
                "A photographer's signature",
                false,
            ),
            ("split by a digit", "photo1", true),
            ("split by a non-ASCII letter", "caf\u{e9}photo", true),
            (
                "prose",
                "The council met on Tuesday to close the bridge.",
                false,
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(caption_anchor(text), want, "{name}");
        }
    }

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
