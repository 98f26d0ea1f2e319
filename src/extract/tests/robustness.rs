//! Hostile and random texts: extraction never panics, every quote is the article's own text
//! at its offsets, and many marks cost linear time.

use super::*;

#[test]
fn robustness() {
    let texts = [
        "",
        "\"",
        "\"\"\"\"",
        "\u{201C}",
        "'",
        "\u{2019}s",
        "He said",
        "said",
        "\"Unclosed",
        "a \u{201D} b \u{201C}",
        "\u{AB}\u{BB}",
        "\u{1F600}\"\u{1F600}\" said \u{1F600}.",
        "According to",
        "Mr.",
        ", said",
        "\u{2014} X",
        "\"A,\" said \"B,\" said \"C\"",
    ];
    let ex = Extractor::default();
    for t in texts {
        for quote in ex.extract(&Article::from_text("r", t)) {
            assert_eq!(t.get(quote.start..quote.end), Some(quote.text.as_str()));
        }
    }
}

/// Pseudo-random texts made of quote marks, apostrophes, names, verbs and multi-byte
/// characters never make the extractor panic or cut a character.
#[test]
fn robustness_random_texts() {
    let pieces = [
        "\"",
        "\u{201C}",
        "\u{201D}",
        "'",
        "\u{2018}",
        "\u{2019}",
        "\u{AB}",
        "\u{BB}",
        " ",
        " ",
        "\n\n",
        "\n",
        ".",
        ",",
        ":",
        "\u{2014}",
        "said",
        "told",
        "saying",
        "according",
        "to",
        "that",
        "He",
        "she",
        "they",
        "it",
        "Mr.",
        "Smith",
        "Ann Lee",
        "the",
        "mayor",
        "\u{E9}t\u{E9}",
        "\u{4E2D}",
        "\u{1F600}",
        "\u{A0}",
        "'s",
        "\u{2019}s",
        "90s",
        "French President",
        "Emmanuel Macron",
        "the French leader",
        "Ms.",
        "May",
        "saying:",
        "told reporters",
        "a spokesperson",
        "police",
        "\u{201E}",
        ";",
        "!",
        "?",
        "I",
        "we",
        "his",
        "her statement",
        "The",
        "But",
        "\u{2026}",
        "-",
        "\u{2013}",
        "warned",
        "added",
        "urged",
        "called",
        "familiar with",
        "n",
        "(",
        ")",
        "who",
        "and",
    ];
    let ex = Extractor::default();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 400) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed.is_multiple_of(3) {
                text.push(' ');
            }
        }
        for quote in ex.extract(&Article::from_text("r", text.as_str())) {
            assert_eq!(text.get(quote.start..quote.end), Some(quote.text.as_str()));
            assert!(quote.start <= quote.end);
        }
    }
}

/// Thousands of unbalanced marks in one paragraph: every quote found is still the text at
/// its offsets. (That the cost stays linear is measured, not asserted: `cargo bench --bench
/// extract`, group `extract-scaling`.)
#[test]
fn many_marks_keep_quotes_verbatim() {
    let unit = "\" ' \u{2018} \u{201C} he said the mayor \u{2019}s Smith told them, ";
    let text = format!("T\n\n{}", unit.repeat(8_000));
    let article = Article::from_text("p", text.as_str());
    for quote in Extractor::default().extract(&article) {
        assert_eq!(text.get(quote.start..quote.end), Some(quote.text.as_str()));
    }
}

/// What a quote copies of its article stays small whatever the article: a pronoun's quote
/// names its antecedent, so an antecedent of megabytes, copied into each of thousands of
/// quotes, once made a 400 KB article cost 2 GB (issue 13).
#[test]
fn issue_13_a_quote_copies_no_more_than_a_name_or_a_phrase_of_its_article() {
    let cases: &[(&str, String)] = &[
        (
            "a run of capitals",
            format!("{}arrived. ", "Abcd ".repeat(5_000)),
        ),
        (
            "a long noun phrase",
            format!("The {}tall woman arrived. ", "very ".repeat(5_000)),
        ),
        (
            "a long list",
            format!("{}and officials arrived. ", "Residents, ".repeat(5_000)),
        ),
        (
            "a long appositive",
            format!(
                "Jane Smith, {}a teacher, arrived. ",
                "a mother of two and ".repeat(2_000)
            ),
        ),
        (
            "a name of one long word",
            format!("John A{} arrived. ", "b".repeat(20_000)),
        ),
        (
            "a long hyphenated name",
            format!("John {}Smith arrived. ", "Smith-".repeat(3_000)),
        ),
        (
            "a description with a long word",
            format!("The a{} official arrived. ", "b".repeat(20_000)),
        ),
    ];
    let ex = Extractor::default();
    for (name, intro) in cases {
        let text = format!(
            "Title\n\n{intro}{}",
            "\u{201c}Yes,\u{201d} she said. ".repeat(500)
        );
        let quotes = ex.extract(&Article::from_text("r", text.as_str()));
        assert_eq!(quotes.len(), 500, "{name}");
        for q in &quotes {
            let copied = [
                q.speaker.as_deref().unwrap_or(""),
                q.mention.as_ref().map_or("", |m| m.text.as_str()),
                q.antecedent.as_ref().map_or("", |m| m.text.as_str()),
            ];
            for c in copied {
                assert!(c.len() <= 200, "{name}: {} bytes", c.len());
            }
        }
    }
}

/// Each thread keeps an article's tables for its next one (issue 13): whatever came before,
/// an article reads the same as it does on a thread of its own, the tables of a long one
/// (freed, not kept) included.
#[test]
fn issue_13_an_article_reads_the_same_after_any_other() {
    let articles = [
        "Mayor Alma Reyes, who chairs the council, spoke on Tuesday. \u{201c}We had no \
         choice,\u{201d} she said. The transport minister, Tom Okafor, called it \
         \u{201c}sensible\u{201d}. Mr Okafor said the government would pay half.",
        "\u{201c}It will cost more,\u{201d} said Dr. Lena Park of the Water Board. Park, a \
         hydrologist, told reporters that the dam was safe. He disagreed, Okafor said.",
        // (more name mentions than a thread keeps tables for)
        &"Chief Sam Ortiz met Mayor Reyes. \u{201c}It is over,\u{201d} he added. ".repeat(6_000),
        "Residents said they were worried. \u{201c}No,\u{201d} Reyes said.",
        // (quotes that inherit a speaker: said again with one, continuing a paragraph, and
        // opening the next)
        "\u{201c}Prices will fall by the summer\u{201d}\n\n\u{201c}Prices will fall by the \
         summer,\u{201d} said Minister Ana Silva. \u{201c}We are ready.\u{201d}\n\n\
         \u{201c}The banks agree.\u{201d}",
    ];
    let ex = Extractor::default();
    let alone: Vec<Vec<Quote>> = articles
        .iter()
        .map(|text| {
            let article = Article::from_text("a", *text);
            let ex = ex.clone();
            std::thread::spawn(move || ex.extract(&article))
                .join()
                .expect("extraction on a thread of its own")
        })
        .collect();
    // in every order, twice over
    for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]] {
        for _ in 0..2 {
            for &k in &order {
                let got = ex.extract(&Article::from_text("a", articles[k]));
                assert_eq!(got, alone[k], "article {k} in order {order:?}");
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Issue 13: reported speech searches a sentence's end for a closing attribution ("…,
    /// Jane Roe said.") only when a verb of speech or a dash stands in reach. No sentence
    /// passed over may hold one the search would have found.
    #[test]
    fn issue_13_a_sentence_passed_over_has_no_closing_attribution(
        words in proptest::collection::vec(0usize..WORDS.len(), 1..60),
        cut in 0usize..60,
    ) {
        let text: String = words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
        let lex = lexicon::Lexicon::new();
        let doc = doc::Doc::new(&text, &lex);
        for s in &doc.sents {
            // (the search may stop short of the sentence's end, before a later clause)
            for hi in [s.end, s.start + cut.min(s.len())] {
                if attribute::may_close_with_speech(&doc, s.start, hi) {
                    continue;
                }
                let found = attribute::sentence_tail(&doc, s.start, hi);
                let speech = found.as_ref().is_some_and(|(_, f)| {
                    f.cue.is_none_or(|v| {
                        doc.toks[v].flags & (cues::SAY | cues::TAIL | cues::ACCORDING) != 0
                    })
                });
                proptest::prop_assert!(!speech, "{text:?} {s:?} up to {hi}: {found:?}");
            }
        }
    }
}

/// Words and marks of attributions, shuffled into sentences by the test above.
const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "reporters",
    "according",
    "to",
    "fired",
    "back",
    "added",
    "asked",
    "Jane",
    "Roe",
    "Mr.",
    "Park",
    "the",
    "minister",
    "a",
    "spokesman",
    "for",
    "police",
    "he",
    "she",
    "they",
    "it",
    "was",
    "quoted",
    "as",
    "saying",
    "called",
    "plan",
    "\u{201C}crazy\u{201D}",
    ",",
    ",",
    ",",
    ".",
    "\u{2014}",
    "\u{2013}",
    "-",
    "(",
    ")",
    "\u{201C}We",
    "won.\u{201D}",
    "on",
    "Tuesday",
    "in",
    "Paris",
    "that",
    "would",
    "rise",
    "noting",
    "wrote",
    "in",
    "statement",
];

/// `extract_into` appends an article's quotes to what the list already holds (issue 13: a
/// corpus's quotes go straight into one list), the same quotes `extract` gives, long
/// articles read window by window included.
#[test]
fn issue_13_quotes_extracted_into_a_list_follow_what_it_holds() {
    let texts = [
        "\u{201c}We had no choice,\u{201d} said Mayor Alma Reyes.".to_string(),
        "Nothing quoted here.".to_string(),
        "Chief Sam Ortiz met Mayor Reyes. \u{201c}It is over,\u{201d} he added. ".repeat(3_000),
    ];
    let ex = Extractor::default();
    let mut all = Vec::new();
    let mut expected = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let article = Article::from_text(format!("a{i}"), text.as_str());
        let before = all.len();
        ex.extract_into(&article, &mut all);
        let alone = ex.extract(&article);
        assert_eq!(all[before..], alone[..], "article {i}");
        expected.extend(alone);
    }
    assert_eq!(all, expected);
    assert!(
        all.len() > 3_000,
        "the long article is read whole: {}",
        all.len()
    );
}
