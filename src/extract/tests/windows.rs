//! Long articles read window by window (issue 13): a window finds what the whole article
//! read at once finds, and cites the article's own text.

use super::*;
use crate::text::{paragraph_of, paragraphs};

/// Paragraphs that each name their speakers, so that reading any stretch of them with a
/// few sentences before it attributes them as reading the whole does.
const PARAGRAPHS: [&str; 6] = [
    "The council voted on Tuesday to close the old bridge after engineers found cracks.",
    "“We had no choice,” said Mayor Alma Reyes, who chairs the council. She added that the \
     repairs would take a year.",
    "Residents said they were worried about the longer drive to the hospital.",
    "The transport minister, Tom Okafor, said the government would pay half of the cost. \
     “It is money well spent,” he said.",
    "“The river is rising,” warned Dr Ines Moreau, a hydrologist. “We are not ready.”",
    "According to the agency, traffic on the road fell by a third last year.",
];

fn long_article(paragraphs: usize) -> Article {
    let text: Vec<&str> = PARAGRAPHS
        .iter()
        .cycle()
        .take(paragraphs)
        .copied()
        .collect();
    Article::from_text("long", text.join("\n\n"))
}

/// What a quote says, where, and who said it.
fn summary(q: &Quote) -> (usize, usize, QuoteKind, Option<String>, usize) {
    (
        q.start,
        q.end,
        q.kind,
        q.speaker.as_deref().map(str::to_string),
        q.paragraph,
    )
}

#[test]
fn issue_13_a_long_article_read_in_windows_finds_what_it_finds_read_whole() {
    let ex = Extractor::default();
    let article = long_article(60);
    let whole = ex.extract_in_windows(&article, usize::MAX, 0);
    assert!(whole.len() >= 60, "{}", whole.len());
    for (size, lead) in [(1024, 512), (700, 300), (4096, 1024)] {
        let windowed = ex.extract_in_windows(&article, size, lead);
        let got: Vec<_> = windowed.iter().map(summary).collect();
        let want: Vec<_> = whole.iter().map(summary).collect();
        assert_eq!(got, want, "windows of {size} bytes, {lead} before");
    }
}

#[test]
fn issue_13_a_pronoun_at_a_windows_start_finds_its_name_in_the_lead() {
    let ex = Extractor::default();
    let filler = "The weather was fine all week. ".repeat(40);
    let text =
        format!("{filler}Dr Ines Moreau spoke at the hearing. “We are not ready,” she said.");
    let article = Article::from_text("lead", text.as_str());
    let start = text.find("“We").unwrap_or(0);
    let windows = window::windows(
        &text,
        &paragraphs(&text),
        &marks::scan(&text, &paragraphs(&text)),
        start,
        256,
    );
    // (the quote opens the second window; the sentence naming her is only in its lead)
    assert!(windows.iter().any(|w| w.start == start), "{windows:?}");
    let speaker = |lead: usize| {
        let quotes = ex.extract_in_windows(&article, start, lead);
        let q = quotes
            .iter()
            .find(|q| q.text.starts_with("We are not ready"));
        q.and_then(|q| q.speaker.clone())
    };
    assert_eq!(speaker(256).as_deref(), Some("Ines Moreau"));
    // (without the lead, nobody is named before "she")
    assert_eq!(speaker(0), None);
}

#[test]
fn issue_13_every_quote_of_a_windowed_article_cites_its_own_text() {
    let ex = Extractor::default();
    let unbalanced = "He said \"yes and 'no' it\u{2019}s \u{ab} maybe \u{201c}what, Mr Smith told \
                      reporters that the plan would work, "
        .repeat(200);
    let texts = [long_article(90).text, unbalanced];
    for text in &texts {
        let article = Article::from_text("cite", text.as_str());
        let paras = paragraphs(text);
        let quotes = ex.extract_in_windows(&article, 2048, 512);
        assert!(!quotes.is_empty());
        let mut last = None;
        for q in &quotes {
            assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
            for e in [&q.mention, &q.cue, &q.antecedent].into_iter().flatten() {
                assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()));
            }
            assert_eq!(q.paragraph, paragraph_of(&paras, q.start));
            // (in text order, each once)
            assert!(last < Some((q.start, q.end)), "{last:?} then {}", q.start);
            last = Some((q.start, q.end));
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any text read in tiny windows: no panic, and every quote, mention and cue is the
    /// article's own text at its offsets, in text order.
    #[test]
    fn issue_13_any_text_read_in_tiny_windows_cites_its_own_text(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "“", "”", "\"", "'", "’", "«", "»", " said ", " she ", " Ann Lee ", "Mr Roe",
                ". ", ", ", "\n\n", "\n", "é", "told reporters that ", "according to ",
                "It is over", " the plan would work",
            ]),
            0..200,
        ),
        size in 8usize..400,
        lead in 0usize..200,
    ) {
        let text: String = pieces.concat();
        let article = Article::from_text("p", text.as_str());
        let mut last = None;
        for q in Extractor::default().extract_in_windows(&article, size, lead) {
            proptest::prop_assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
            for e in [&q.mention, &q.cue, &q.antecedent].into_iter().flatten() {
                proptest::prop_assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()));
            }
            proptest::prop_assert!(last <= Some(q.start));
            last = Some(q.start);
        }
    }
}
