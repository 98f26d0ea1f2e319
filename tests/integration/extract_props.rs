//! Property tests: whatever the input, extraction does not panic and every span it returns is
//! on character boundaries and equal to the text it cites.

use crate::helpers::assert_quote_invariants;
use proptest::prelude::*;
use whosaid::corpus::Article;
use whosaid::extract::Extractor;

fn check(text: String) {
    let article = Article::from_text("prop", text);
    for q in Extractor::default().extract(&article) {
        assert_quote_invariants(&article, &q);
    }
}

/// Pieces news text is made of, with every kind of quote mark and apostrophe, so random
/// concatenations hit the scanner's edge cases far more often than random characters do.
fn newsy_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("'".to_string()),
        Just("\u{2018}".to_string()),
        Just("\u{2019}".to_string()),
        Just("\u{ab}".to_string()),
        Just("\u{bb}".to_string()),
        Just("\u{a0}".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(": ".to_string()),
        Just(" \u{2014} ".to_string()),
        Just(" said ".to_string()),
        Just(" told reporters that ".to_string()),
        Just(" according to ".to_string()),
        Just("He ".to_string()),
        Just("she ".to_string()),
        Just("Mr Smith".to_string()),
        Just("Prime Minister Jane Doe".to_string()),
        Just("the minister".to_string()),
        Just("Trump's".to_string()),
        Just("rock 'n' roll".to_string()),
        Just("é😀".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_gives_valid_spans(text in "\\PC{0,400}") {
        check(text);
    }

    #[test]
    fn arbitrary_unicode_with_controls_gives_valid_spans(text in any::<String>()) {
        check(text);
    }

    #[test]
    fn newsy_text_gives_valid_spans(pieces in prop::collection::vec(newsy_piece(), 0..120)) {
        check(pieces.concat());
    }
}

/// Pathological inputs must complete: thousands of quote marks and one enormous paragraph.
/// (Their speed is measured by `cargo bench --bench extract`, not asserted here.)
#[test]
fn thousands_of_quote_marks_and_huge_paragraphs_complete() {
    let cases = [
        "\"".repeat(20_000),
        "\u{201c}a ".repeat(10_000),
        "'x' ".repeat(10_000),
        format!("He said \"{}", "word ".repeat(100_000)),
        "Mr Smith said that ".repeat(5_000),
        "\u{ab}\u{bb}\u{2018}\u{2019}\u{201c}\u{201d}".repeat(5_000),
        format!("{}\n\n", "\"open paragraph with no close\n\n".repeat(2_000)),
    ];
    for text in cases {
        check(text);
    }
}
