//! The token record, and plain words read at once against the same text read byte by byte.

use super::*;

#[test]
fn a_token_gives_back_what_it_was_made_of() {
    let cases = [
        ("a word", Kind::Word, true),
        ("a lower-case word", Kind::Word, false),
        ("a comma", Kind::Punct(','), false),
        ("a curly mark", Kind::Punct('\u{201c}'), false),
        ("the last character", Kind::Punct('\u{10ffff}'), false),
        ("the first quote", Kind::Quote(0), false),
        ("the last quote index", Kind::Quote(PAYLOAD), false),
    ];
    for (name, kind, cap) in cases {
        let t = Tok::new(3, 9, kind, 7, lexicon::TITLE, cap);
        assert_eq!(t.kind(), kind, "{name}");
        assert_eq!((t.cap(), t.poss()), (cap, false), "{name}");
        assert_eq!((t.start(), t.end(), t.para()), (3, 9, 7), "{name}");
        assert_eq!(t.is_word(), kind == Kind::Word, "{name}");
        assert_eq!(t.is(lexicon::TITLE), kind == Kind::Word, "{name}");
    }
    let t = Tok::new(0, 1, Kind::Punct('.'), 0, 0, false);
    assert!(t.is_punct('.') && !t.is_punct(',') && t.quote().is_none());
    assert_eq!(Tok::new(0, 1, Kind::Quote(5), 0, 0, false).quote(), Some(5));
}

/// Every token of `text`, as (start, end, kind, paragraph, flags, capitalised,
/// possessive, letters and digits only), read with plain words taken eight bytes at once,
/// or byte by byte.
#[allow(clippy::type_complexity)]
fn read(text: &str, plain: bool) -> Vec<(usize, usize, Kind, usize, u64, bool, bool, bool)> {
    let lex = Lexicon::default();
    let paras = crate::text::paragraphs(text);
    let mut out = Vec::new();
    if plain {
        words::<true>(text, 0, text.len(), &paras, &lex, &mut out);
    } else {
        words::<false>(text, 0, text.len(), &paras, &lex, &mut out);
    }
    out.iter()
        .map(|t| {
            let (start, end, para) = (t.start(), t.end(), t.para());
            (
                start,
                end,
                t.kind(),
                para,
                t.flags,
                t.cap(),
                t.poss(),
                t.alnum(),
            )
        })
        .collect()
}

#[test]
fn plain_words_read_at_once_as_byte_by_byte() {
    let cases = [
        ("short words", "He said it was over."),
        (
            "a word of eight letters",
            "Thursday night, officials confirmed",
        ),
        (
            "words of nine to fifteen",
            "Spokeswoman Parliamentary representatives",
        ),
        (
            "a word of sixteen and more",
            "internationalisation counterrevolutionaries",
        ),
        (
            "an abbreviation keeps its period",
            "Mr. Smith and Gov. Jones met Dr. J. Doe",
        ),
        ("a sentence's last word", "It is over. They left."),
        (
            "dotted and decimal",
            "the U.S. rate was 3.5 per cent in Jan. 2019",
        ),
        (
            "digits joined by a comma or colon",
            "1,000 people at 10:30, 2019: many",
        ),
        (
            "possessives and contractions",
            "Smith's staff said he's done, that's it",
        ),
        (
            "hyphens and slashes",
            "a well-known Instagram/Darian credit",
        ),
        ("non-ASCII", "Éric Zemmour’s café naïve, Dvořák said"),
        ("manner adverbs", "she angrily said, Smith gingerly replied"),
        ("a retort", "He shot back that it was false"),
        ("names after titles", "Ms. May and Theresa May said"),
        (
            "marks around words",
            "(AFP) — \"Yes\" ; no! why? #tag @user $5 50%",
        ),
        ("the text's last bytes", "end"),
        (
            "white space of every kind",
            "a\tb\r\nc\u{a0}d\u{2003}e\n\nnext paragraph",
        ),
    ];
    for (name, text) in cases {
        assert_eq!(read(text, true), read(text, false), "{name}");
    }
}

proptest::proptest! {
    #[test]
    fn any_text_reads_the_same_with_plain_words_at_once(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Z", "said", "Thursday", "Spokeswoman", "9", "10", "ly", " ", "  ",
                "\n", "\n\n", ".", ",", ":", "'", "\u{2019}", "-", "/", "&", "_", "$",
                "Mr", "U", "S", "\u{e9}", "\u{a0}", "\"", "(", "s", "back", "shot",
            ]),
            0..40,
        )
    ) {
        let text: String = parts.concat();
        proptest::prop_assert_eq!(read(&text, true), read(&text, false));
    }
}

#[test]
fn a_token_record_stays_small() {
    // every stage reads the token table, often more than once: on a long article its
    // size decides how much of it the cache holds
    assert!(std::mem::size_of::<Tok>() <= 24);
}

#[test]
fn issue_13_words_of_ascii_letters_and_digits_are_marked_so() {
    let cases = [
        ("a plain word", "Lovelace", true),
        ("digits", "1843", true),
        ("a word longer than fifteen", "Counterrevolutionaries", true),
        ("a possessive", "Blair's", false),
        ("an abbreviation", "U.S.", false),
        ("a hyphen", "co-chair", false),
        ("non-ASCII", "Ren\u{e9}e", false),
        ("a symbol", "user_name", false),
    ];
    for (name, word, want) in cases {
        for plain in [true, false] {
            let toks = read(&format!("{word} spoke"), plain);
            assert_eq!(toks.first().map(|t| t.7), Some(want), "{name}");
        }
    }
}
