//! Table-driven tests of the extractor, one named case per pattern, grouped by theme.
//!
//! Each case is an article text and what must be found in it: a quoted or reported stretch
//! (by its exact words), its kind and its speaker. Texts are written for these tests.

use super::*;

mod chains;
mod evidence;
mod layouts;
mod robustness;
mod unseen;
mod windows;

/// What one quote of a case must look like.
struct Expect {
    /// The quote's text must equal this (marks excluded).
    text: &'static str,
    kind: Option<QuoteKind>,
    /// `Some("")` means no speaker.
    speaker: Option<&'static str>,
}

struct Case<'a> {
    name: &'static str,
    text: &'static str,
    expect: &'a [Expect],
    /// Words that must not be found as a quote of their own.
    absent: &'a [&'static str],
}

const fn q(text: &'static str, kind: QuoteKind, speaker: &'static str) -> Expect {
    Expect {
        text,
        kind: Some(kind),
        speaker: Some(speaker),
    }
}

const fn q_any(text: &'static str, speaker: &'static str) -> Expect {
    Expect {
        text,
        kind: None,
        speaker: Some(speaker),
    }
}

const fn span(text: &'static str) -> Expect {
    Expect {
        text,
        kind: None,
        speaker: None,
    }
}

use QuoteKind::{Direct, Indirect, Mixed, Partial};

fn run(text: &str) -> Vec<Quote> {
    Extractor::default().extract(&Article::from_text("t", text))
}

fn check(cases: &[Case<'_>]) {
    let mut failures = Vec::new();
    for c in cases {
        let text = format!("Headline\n\n{}", c.text);
        let quotes = run(&text);
        for e in c.expect {
            let found = quotes.iter().find(|q| {
                q.text.trim_end_matches([',', '.']) == e.text.trim_end_matches([',', '.'])
            });
            let Some(found) = found else {
                failures.push(format!(
                    "{}: no quote {:?}; got {:?}",
                    c.name,
                    e.text,
                    quotes.iter().map(|q| &q.text).collect::<Vec<_>>()
                ));
                continue;
            };
            if let Some(k) = e.kind {
                if found.kind != k {
                    failures.push(format!(
                        "{}: {:?} is {:?}, not {:?}",
                        c.name, e.text, found.kind, k
                    ));
                }
            }
            if let Some(s) = e.speaker {
                let got = found.speaker.as_deref().unwrap_or("");
                if got != s {
                    failures.push(format!(
                        "{}: {:?} said by {:?}, not {:?}",
                        c.name, e.text, got, s
                    ));
                }
            }
        }
        for a in c.absent {
            if quotes
                .iter()
                .any(|q| q.text.trim_end_matches([',', '.']) == *a)
            {
                failures.push(format!("{}: {:?} must not be a quote", c.name, a));
            }
        }
        for quote in &quotes {
            assert_eq!(
                text.get(quote.start..quote.end),
                Some(quote.text.as_str()),
                "{}",
                c.name
            );
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
