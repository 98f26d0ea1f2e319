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

/// The pathological shapes of one long paragraph (issue 13), each a unit repeated, and how
/// many quotes one unit gives once the paragraph is under way: a quote and a pronoun, French
/// guillemets with a French cue (no quote found), and invented news prose.
const SHAPES: [(&str, usize); 3] = [
    ("\u{201c}It is over,\u{201d} she said. ", 1),
    ("\u{ab}Non\u{bb}, a dit M. Dupont. ", 0),
    (
        "The board met on Monday. \u{201c}We are ready,\u{201d} said Ana Ruiz, its chair. \
         She told staff that the plan was sound. \u{201c}It will work,\u{201d} she added. ",
        3,
    ),
];

/// Quotes extracted from `unit` repeated `reps` times as one paragraph after a headline,
/// each checked to cite its text verbatim.
fn shape_quotes(unit: &str, reps: usize) -> Vec<whosaid::extract::Quote> {
    let article = Article::from_text("shape", format!("Headline\n\n{}", unit.repeat(reps)));
    let quotes = Extractor::default().extract(&article);
    for q in &quotes {
        assert_quote_invariants(&article, q);
    }
    quotes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// However long the paragraph, each repetition of a shape gives the same quotes: the
    /// count grows linearly with the repetitions, every quote cites its own text, and each
    /// repetition's quote is attributed as the first one is.
    #[test]
    fn pathological_shapes_scale_linearly(shape in 0..SHAPES.len(), reps in 1usize..300) {
        let (unit, per_unit) = SHAPES[shape];
        let quotes = shape_quotes(unit, reps);
        prop_assert_eq!(quotes.len(), reps * per_unit);
        for (i, q) in quotes.iter().enumerate() {
            let first = &quotes[i % per_unit.max(1)];
            prop_assert_eq!(&q.text, &first.text);
            prop_assert_eq!(q.kind, first.kind);
            prop_assert_eq!(q.end - q.start, first.end - first.start);
            prop_assert_eq!(q.cue.as_ref().map(|c| &c.text), first.cue.as_ref().map(|c| &c.text));
        }
    }

    /// A shape repeated and interrupted by arbitrary news pieces still extracts without a
    /// panic and with verbatim spans.
    #[test]
    fn pathological_shapes_mixed_with_noise(
        shape in 0..SHAPES.len(),
        reps in 1usize..60,
        noise in prop::collection::vec(newsy_piece(), 0..20),
    ) {
        let (unit, _) = SHAPES[shape];
        let mut text = String::from("Headline\n\n");
        for i in 0..reps {
            text.push_str(unit);
            if let Some(piece) = noise.get(i) {
                text.push_str(piece);
            }
        }
        check(text);
    }
}

/// Issue 13: a paragraph longer than the extractor's window (64 KiB) is read window by
/// window; each repetition of a shape still gives the first one's quotes, speakers included.
#[test]
fn issue_13_pathological_shapes_beyond_a_window_read_as_within_one() {
    for (unit, per_unit) in SHAPES {
        let reps = 150_000 / unit.len();
        let quotes = shape_quotes(unit, reps);
        assert_eq!(quotes.len(), reps * per_unit, "{unit}");
        for (i, q) in quotes.iter().enumerate() {
            let first = &quotes[i % per_unit.max(1)];
            assert_eq!(
                (&q.text, q.kind, &q.speaker),
                (&first.text, first.kind, &first.speaker),
                "quote {i} of {unit}"
            );
        }
    }
}
