//! `whosaid check`: who said this phrase.

use crate::search::helpers::{article, seeds};
use whosaid::search::{check, Verdict};

struct Case {
    phrase: &'static str,
    verdict: Verdict,
    speaker: Option<&'static str>,
    outlet: Option<&'static str>,
    date: Option<&'static str>,
    /// The words the first match shows (the article's, not the user's).
    matched: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        phrase: "strong and lasting footprint",
        verdict: Verdict::Verbatim,
        speaker: Some("Donald Trump"),
        outlet: Some("Newstalk"),
        date: Some("2018-04-24"),
        matched: Some("strong and lasting footprint"),
    },
    Case {
        phrase: "we have convinced him",
        verdict: Verdict::Verbatim,
        speaker: Some("Emmanuel Macron"),
        outlet: Some("Newstalk"),
        date: Some("2018-04-16"),
        matched: Some("we have convinced him"),
    },
    Case {
        phrase: "  STRONG, and lasting   footprint!! ",
        verdict: Verdict::Verbatim,
        speaker: Some("Donald Trump"),
        outlet: None,
        date: None,
        matched: Some("strong and lasting footprint"),
    },
    Case {
        phrase: "we convinced him",
        verdict: Verdict::Close,
        speaker: Some("Emmanuel Macron"),
        outlet: None,
        date: None,
        matched: Some("we have convinced him"),
    },
    Case {
        phrase: "we want to leave a strong lasting footprint",
        verdict: Verdict::Close,
        speaker: Some("Donald Trump"),
        outlet: None,
        date: None,
        matched: Some("we want to leave a strong and lasting footprint"),
    },
    Case {
        phrase: "Trump said he will never leave Syria",
        verdict: Verdict::NotFound,
        speaker: None,
        outlet: None,
        date: None,
        matched: None,
    },
    Case {
        phrase: "the caliphate will return",
        verdict: Verdict::NotFound,
        speaker: None,
        outlet: None,
        date: None,
        matched: None,
    },
    Case {
        phrase: "🙂",
        verdict: Verdict::NotFound,
        speaker: None,
        outlet: None,
        date: None,
        matched: None,
    },
];

#[test]
fn golden_checks() {
    for c in CASES {
        let r = check(seeds(), c.phrase, 3).unwrap_or_else(|e| panic!("{}: {e}", c.phrase));
        assert_eq!(r.verdict, c.verdict, "{}: {:#?}", c.phrase, r.matches);
        assert_eq!(r.articles, 3);
        let Some(first) = r.matches.first() else {
            assert!(c.speaker.is_none(), "{}: no match", c.phrase);
            continue;
        };
        assert_eq!(
            first.record.quote.speaker.as_deref(),
            c.speaker,
            "{}",
            c.phrase
        );
        if let Some(outlet) = c.outlet {
            assert_eq!(first.record.source.outlet.as_deref(), Some(outlet));
        }
        if let Some(date) = c.date {
            assert_eq!(
                first
                    .record
                    .source
                    .published
                    .map(|d| d.to_string())
                    .as_deref(),
                Some(date)
            );
        }
        if let Some(m) = c.matched {
            assert_eq!(first.matched.text.to_lowercase(), m, "{}", c.phrase);
        }
    }
}

#[test]
fn not_found_names_the_corpus_size_and_the_nearest_quotes() {
    let r = check(seeds(), "Trump said he will never leave Syria", 3).unwrap();
    assert!(r.matches.is_empty());
    assert!(!r.nearest.is_empty() && r.nearest.len() <= 3);
    let text = whosaid::render::check_result(&r);
    assert!(
        text.contains("Not found in the 3 articles indexed"),
        "{text}"
    );
    assert!(text.contains("Nearest quotes"), "{text}");
}

/// A fact check that finds nothing offers the quotes closest in their own words, whatever
/// their kind, not the ones whose article is about the same subject.
#[test]
fn nearest_quotes_are_the_closest_in_their_own_words() {
    let r = check(seeds(), "he convinced Trump to stay in Syria", 3).unwrap();
    assert_eq!(r.verdict, Verdict::NotFound);
    let nearest: Vec<_> = r
        .nearest
        .iter()
        .take(2)
        .map(|h| {
            (
                h.record.quote.speaker.as_deref(),
                h.record.quote.text.as_str(),
            )
        })
        .collect();
    assert!(
        nearest.contains(&(
            Some("Emmanuel Macron"),
            "he had persuaded President Trump to keep US troops on the ground in Syria"
        )),
        "{nearest:#?}"
    );
    assert!(
        nearest
            .iter()
            .any(|(s, t)| *s == Some("Emmanuel Macron") && t.contains("we have convinced him")),
        "{nearest:#?}"
    );
}

/// Questions naming a speaker of the corpus are checked for their words, and the answer says
/// whether that speaker said them.
#[test]
fn questions_are_answered_about_the_speaker_they_name() {
    struct Claimed {
        question: &'static str,
        speakers: &'static [&'static str],
        phrase: &'static str,
        verdict: Verdict,
        /// Speaker of the first match (or of every nearest quote, when not found).
        first: Option<&'static str>,
    }
    let cases = [
        Claimed {
            question: "did Macron really say he convinced Trump to stay in Syria?",
            speakers: &["Emmanuel Macron"],
            phrase: "he convinced Trump to stay in Syria",
            verdict: Verdict::NotFound,
            first: Some("Emmanuel Macron"),
        },
        Claimed {
            question: "Did Sanders say \u{201C}we have convinced him\u{201D}?",
            speakers: &["Sarah Sanders"],
            phrase: "we have convinced him",
            verdict: Verdict::Verbatim,
            first: Some("Emmanuel Macron"),
        },
        Claimed {
            question: "did the French leader say we persuaded him to remain?",
            speakers: &["Emmanuel Macron"],
            phrase: "we persuaded him to remain",
            verdict: Verdict::Verbatim,
            first: Some("Emmanuel Macron"),
        },
        Claimed {
            question: "Coveney: sick to their stomach",
            speakers: &["Simon Coveney"],
            phrase: "sick to their stomach",
            verdict: Verdict::Verbatim,
            first: Some("Simon Coveney"),
        },
        Claimed {
            question: "who said 'we want to come home'?",
            speakers: &[],
            phrase: "we want to come home",
            verdict: Verdict::Verbatim,
            first: Some("Donald Trump"),
        },
        Claimed {
            question: "Trump said he will never leave Syria",
            speakers: &["Donald Trump"],
            phrase: "he will never leave Syria",
            verdict: Verdict::NotFound,
            first: Some("Donald Trump"),
        },
    ];
    for c in cases {
        let r = check(seeds(), c.question, 5).unwrap();
        let claim = r
            .claim
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no claim", c.question));
        assert_eq!(claim.speakers, c.speakers, "{}", c.question);
        assert_eq!(claim.phrase, c.phrase, "{}", c.question);
        assert_eq!(r.verdict, c.verdict, "{}", c.question);
        if c.verdict == Verdict::NotFound {
            assert!(!r.nearest.is_empty(), "{}", c.question);
            for h in &r.nearest {
                assert_eq!(h.record.quote.speaker.as_deref(), c.first, "{}", c.question);
            }
        } else {
            let first = &r.matches[0].record;
            assert_eq!(first.quote.speaker.as_deref(), c.first, "{}", c.question);
        }
    }
    // the words are someone else's, but continue a quote without an attribution of their
    // own: the answer points at them instead of a verdict (issue 10)
    let r = check(seeds(), "did Sanders say we have convinced him", 3).unwrap();
    let text = whosaid::render::check_result(&r);
    assert!(!text.contains("Found verbatim, but not from"), "{text}");
    assert!(text.contains("attributed to Emmanuel Macron"), "{text}");
    assert!(
        text.contains("Sarah Sanders is not named in that paragraph"),
        "{text}"
    );
}

/// A name that is nobody in the corpus is just words of the phrase, and text that is quoted
/// verbatim is answered as it is, even when it reads like a question.
#[test]
fn only_known_speakers_make_a_claim() {
    let r = check(seeds(), "Obama said we have convinced him", 3).unwrap();
    assert!(r.claim.is_none(), "{:?}", r.claim);
    let r = check(seeds(), "we have convinced him", 3).unwrap();
    assert!(r.claim.is_none());
    assert_eq!(r.verdict, Verdict::Verbatim);
}

/// Words no quote holds but an article's plain narration does are shown as the reporter's own,
/// verbatim at their offsets, with the paragraph they stand in.
#[test]
fn words_of_the_narration_are_shown_as_nobodys_quote() {
    let r = check(
        seeds(),
        "did Pompeo say Trump is withdrawing U.S. troops from Syria?",
        3,
    )
    .unwrap();
    assert_eq!(r.verdict, Verdict::NotFound);
    let first = r.narration.first().expect("a narration match");
    assert_eq!(
        first.matched.text,
        "Trump is withdrawing U.S. troops from Syria"
    );
    assert_eq!(first.source.id, "002_4f2d630725e56182");
    assert_eq!(first.paragraph, 4);
    for m in &r.narration {
        let text = &article(&m.source.id).text;
        assert_eq!(
            text.get(m.matched.start..m.matched.end),
            Some(m.matched.text.as_str())
        );
        let before = &text[..m.matched.start];
        let paragraph = before.split("\n\n").count() - 1;
        assert_eq!(m.paragraph, paragraph, "{m:?}");
    }
    let text = whosaid::render::check_result(&r);
    assert!(text.contains("the reporter's own words"), "{text}");
    assert!(
        text.contains("\u{00B6}5, article 002_4f2d630725e56182"),
        "{text}"
    );
    // a phrase someone is quoted saying has no narration to show
    let r = check(seeds(), "we have convinced him", 3).unwrap();
    assert!(r.narration.is_empty());
}

#[test]
fn verbatim_answer_cites_speaker_outlet_and_date() {
    let r = check(seeds(), "strong and lasting footprint", 3).unwrap();
    let text = whosaid::render::check_result(&r);
    for part in [
        "Donald Trump",
        "Newstalk",
        "24 April 2018",
        "001_f5eafe687d50122b",
    ] {
        assert!(text.contains(part), "{part} missing from:\n{text}");
    }
}

#[test]
fn hostile_phrases_do_not_fail() {
    for phrase in crate::search::golden::HOSTILE {
        check(seeds(), phrase, 3).unwrap_or_else(|e| panic!("{phrase:?}: {e}"));
    }
    check(seeds(), &"word ".repeat(5000), 3).unwrap();
}
