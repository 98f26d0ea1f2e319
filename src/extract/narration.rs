//! Narration the extractor did not take as a quote, read for the fact check.
//!
//! When a phrase is found in an article but in no quote, the answer must not claim more than
//! it knows: the words are the reporter's own only when nothing in their sentence reports
//! anyone. A sentence with a reporting verb ("said", "told", "urged", "according to") or with
//! quote marks around the words may hold speech the engine did not recognise, and the answer
//! then says so and shows the sentence.

use super::cues;
use super::doc::Doc;
use super::lexicon::Lexicon;
use std::ops::Range;
use std::sync::OnceLock;

/// Words that report speech: verbs of saying, telling, urging, naming, and "according to".
const REPORTING: u64 = cues::ANY | cues::OBJ | cues::TO | cues::ACCORDING;

/// The sentence around a stretch of narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrationSentence {
    /// Byte range of the sentence (or sentences, for a stretch running over several).
    pub span: Range<usize>,
    /// The sentence reports speech: a reporting verb sits in it, or quote marks hold the
    /// stretch.
    pub reports_speech: bool,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::new)
}

/// The sentence of `text` holding the bytes `at`, and whether it reports speech. `None` when
/// `at` is empty or outside the text's words.
pub fn sentence_at(text: &str, at: Range<usize>) -> Option<NarrationSentence> {
    if at.start >= at.end || at.end > text.len() {
        return None;
    }
    let doc = Doc::new(text, lexicon());
    let overlaps = |t: &super::tokens::Tok| t.start() < at.end && at.start < t.end();
    let first = doc.toks.iter().position(overlaps)?;
    let last = doc.toks.iter().rposition(overlaps)?;
    let (first_sent, last_sent) = (doc.try_sent_of(first)?, doc.try_sent_of(last)?);
    let toks = doc.sents.get(first_sent)?.start..doc.sents.get(last_sent)?.end;
    let span = doc.toks.get(toks.start)?.start()..doc.toks.get(toks.end.checked_sub(1)?)?.end();
    let in_quote_marks = doc.toks[first..=last].iter().any(|t| t.quote().is_some());
    let reports_speech = in_quote_marks || doc.toks[toks].iter().any(|t| t.is(REPORTING));
    Some(NarrationSentence {
        span,
        reports_speech,
    })
}

#[cfg(test)]
mod tests {
    use super::sentence_at;

    /// (name, text, the words looked for, the sentence expected, whether it reports speech)
    const CASES: &[(&str, &str, &str, &str, bool)] = &[
        (
            "the reporter's own words",
            "The bridge opened in 1932. It carries six lanes of traffic. Tolls rose last year.",
            "six lanes",
            "It carries six lanes of traffic.",
            false,
        ),
        (
            "a reporting verb in the sentence",
            "The mayor spoke on Monday. She said the bridge would close for repairs. Few objected.",
            "close for repairs",
            "She said the bridge would close for repairs.",
            true,
        ),
        (
            "according to",
            "According to the council, the road will reopen in May. Drivers are relieved.",
            "reopen in May",
            "According to the council, the road will reopen in May.",
            true,
        ),
        (
            "a request",
            "Residents urged the council to fix the lights before winter. Work starts soon.",
            "fix the lights",
            "Residents urged the council to fix the lights before winter.",
            true,
        ),
        (
            "words inside quote marks nobody is said to have said",
            "The plan, dubbed \u{201C}a bridge too far\u{201D} online, was dropped. It cost little.",
            "a bridge too far",
            "The plan, dubbed \u{201C}a bridge too far\u{201D} online, was dropped.",
            true,
        ),
        (
            "an abbreviation does not end the sentence",
            "Traffic was light. Mr. Lee drove the first car across at noon. Crowds cheered.",
            "first car across",
            "Mr. Lee drove the first car across at noon.",
            false,
        ),
    ];

    #[test]
    fn narration_sentences() {
        for (name, text, words, sentence, reports) in CASES {
            let start = text.find(words).expect(name);
            let got = sentence_at(text, start..start + words.len()).expect(name);
            assert_eq!(&text[got.span.clone()], *sentence, "{name}");
            assert_eq!(got.reports_speech, *reports, "{name}");
        }
    }

    #[test]
    fn nothing_outside_the_text() {
        assert_eq!(sentence_at("Short text.", 5..5), None);
        assert_eq!(sentence_at("Short text.", 3..400), None);
        assert_eq!(sentence_at("", 0..1), None);
    }
}
