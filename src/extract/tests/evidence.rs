//! Evidence and confidence (issue 10): each basis an attribution can rest on, the level it
//! earns, and the name it was resolved to, on invented texts.

use super::*;

/// What the evidence of one quote must be.
struct Want {
    name: &'static str,
    text: &'static str,
    /// The quote, by its exact words.
    quote: &'static str,
    speaker: &'static str,
    basis: Basis,
    confidence: Confidence,
    /// The antecedent's text, when the attribution has one.
    antecedent: Option<&'static str>,
}

fn check_evidence(ex: &Extractor, cases: &[Want]) {
    let mut failures = Vec::new();
    for c in cases {
        let text = format!("Headline\n\n{}", c.text);
        let quotes = ex.extract(&Article::from_text("t", &text));
        let Some(q) = quotes
            .iter()
            .find(|q| q.text.trim_end_matches([',', '.']) == c.quote.trim_end_matches([',', '.']))
        else {
            failures.push(format!("{}: no quote {:?} in {quotes:?}", c.name, c.quote));
            continue;
        };
        let got = (
            q.speaker.as_deref(),
            q.basis,
            q.confidence,
            q.antecedent.as_ref().map(|a| a.text.as_str()),
        );
        let want = (
            Some(c.speaker),
            Some(c.basis),
            Some(c.confidence),
            c.antecedent,
        );
        if got != want {
            failures.push(format!("{}: got {got:?}, want {want:?}", c.name));
        }
        if let Some(a) = &q.antecedent {
            assert_eq!(
                text.get(a.start..a.end),
                Some(a.text.as_str()),
                "{}",
                c.name
            );
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn each_basis_and_its_level() {
    use Basis::*;
    use Confidence::*;
    check_evidence(
        &Extractor::default(),
        &[
            Want {
                name: "a name at the cue",
                text: "\u{201C}We will stay,\u{201D} said Jane Doe.",
                quote: "We will stay,",
                speaker: "Jane Doe",
                basis: Named,
                confidence: High,
                antecedent: None,
            },
            Want {
                name: "a pronoun right after an agreeing antecedent with no rival",
                text: "Jane Doe arrived on Monday. \u{201C}We will stay,\u{201D} she said.",
                quote: "We will stay,",
                speaker: "Jane Doe",
                basis: Pronoun,
                confidence: High,
                antecedent: Some("Jane Doe"),
            },
            Want {
                name: "a pronoun a paragraph after its antecedent",
                text: "Jane Doe arrived on Monday. The roads were closed. Schools shut early.\n\n\u{201C}We will stay,\u{201D} she said.",
                quote: "We will stay,",
                speaker: "Jane Doe",
                basis: Pronoun,
                confidence: Medium,
                antecedent: Some("Jane Doe"),
            },
            Want {
                name: "a pronoun with a rival of the same gender",
                text: "Jane Doe met Mary Lane on Monday. \u{201C}We will stay,\u{201D} she said.",
                quote: "We will stay,",
                speaker: "Jane Doe",
                basis: Pronoun,
                confidence: Low,
                antecedent: Some("Jane Doe"),
            },
            Want {
                name: "a description resolved through the roles the article gives",
                text: "French President Emile Marchand arrived. The French leader said the talks went well.",
                quote: "the talks went well",
                speaker: "Emile Marchand",
                basis: Description,
                confidence: Medium,
                antecedent: Some("Emile Marchand"),
            },
            Want {
                name: "an indefinite description as written",
                text: "A spokesperson said the plan is on track.",
                quote: "the plan is on track",
                speaker: "A spokesperson",
                basis: Description,
                confidence: Medium,
                antecedent: None,
            },
            Want {
                name: "a definite description nobody is named for",
                text: "The judge said the case was closed for good.",
                quote: "the case was closed for good",
                speaker: "judge",
                basis: Description,
                confidence: Low,
                antecedent: None,
            },
            Want {
                name: "a quote continuing a named speaker in its paragraph",
                text: "\u{201C}We will stay,\u{201D} said Jane Doe. \u{201C}We have no choice at all.\u{201D}",
                quote: "We have no choice at all.",
                speaker: "Jane Doe",
                basis: Continued,
                confidence: Medium,
                antecedent: Some("Jane Doe"),
            },
            Want {
                name: "a pulled quote said again, with its speaker, further on",
                text: "The council closed the old bridge on Tuesday.\n\n\u{201C}We had no choice but to close it\u{201D}\n\nEngineers found cracks in two of its piers last month.\n\n\u{201C}We had no choice but to close it,\u{201D} said Mayor Alma Reyes.",
                quote: "We had no choice but to close it",
                speaker: "Alma Reyes",
                basis: Continued,
                confidence: Medium,
                antecedent: Some("Alma Reyes"),
            },
            Want {
                name: "a quote opening a paragraph after a named speaker",
                text: "\u{201C}We will stay,\u{201D} said Jane Doe.\n\n\u{201C}We have no choice at all.\u{201D}",
                quote: "We have no choice at all.",
                speaker: "Jane Doe",
                basis: Continued,
                confidence: Low,
                antecedent: Some("Jane Doe"),
            },
            Want {
                name: "a fragment in a named subject's predicate",
                text: "Mayor Ann Reyes signed executive orders \u{201C}to speed up permits.\u{201D}",
                quote: "to speed up permits.",
                speaker: "Ann Reyes",
                basis: Named,
                confidence: Medium,
                antecedent: None,
            },
        ],
    );
}

#[test]
fn the_knowledge_file_is_a_basis_of_its_own() {
    let k = Knowledge::parse(
        "[[speaker]]\nname = \"Omar Farid\"\naliases = [\"Farid\"]\nroles = [\"Ruritanian leader\"]\n",
    )
    .unwrap_or_default();
    check_evidence(
        &Extractor::new(k),
        &[Want {
            name: "a role only the knowledge file explains",
            text: "The Ruritanian leader said the border would stay closed.",
            quote: "the border would stay closed",
            speaker: "Omar Farid",
            basis: Basis::Knowledge,
            confidence: Confidence::High,
            antecedent: None,
        }],
    );
}

#[test]
fn quotes_without_a_speaker_carry_no_evidence() {
    let quotes = run("Headline\n\n\u{201C}Nobody knows what comes next for the town.\u{201D}");
    assert!(quotes
        .iter()
        .all(|q| q.basis.is_none() && q.confidence.is_none() && q.antecedent.is_none()));
}
