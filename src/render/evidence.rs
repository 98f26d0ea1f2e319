//! Why an answer names its speaker: the article's own words the attribution rests on, what
//! they were resolved to, and how sure the engine is — shown under every quote so a wrong
//! attribution is visible at a glance, and used to keep verdicts from overclaiming.

use crate::extract::{Basis, Confidence, Excerpt};
use crate::index::QuoteRecord;
use crate::search::{Claim, NarrationMatch};

/// The article's words the attribution rests on, verbatim: from the start of the mention (or
/// the cue) to the end of the other ("The French leader said", "said Jane Doe"). `None` for
/// a quote without an attribution of its own.
pub fn via_words(record: &QuoteRecord) -> Option<String> {
    let q = &record.quote;
    let parts: Vec<&Excerpt> = [q.mention.as_ref(), q.cue.as_ref()]
        .into_iter()
        .flatten()
        .collect();
    let start = parts.iter().map(|e| e.start).min()?;
    let end = parts.iter().map(|e| e.end).max()?;
    let ctx = &record.context;
    let joined = || {
        parts
            .iter()
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>()
            .join(" … ")
    };
    // the words between mention and cue, when short and in the stored paragraph
    if end - start <= 120 && start >= ctx.start && end <= ctx.end {
        if let Some(t) = ctx.text.get(start - ctx.start..end - ctx.start) {
            return Some(t.to_string());
        }
    }
    Some(joined())
}

/// Whether a verdict may rest on this attribution without a hedge.
pub fn confident(record: &QuoteRecord) -> bool {
    record.quote.confidence == Some(Confidence::High)
}

/// The confidence as shown: "low confidence" with a warning sign, "medium confidence", or
/// nothing for high.
pub fn level_words(record: &QuoteRecord) -> Option<&'static str> {
    match record.quote.confidence? {
        Confidence::High => None,
        Confidence::Medium => Some("medium confidence"),
        Confidence::Low => Some("\u{26A0} low confidence"),
    }
}

/// One line of evidence, e.g. `via “The French leader said” ¶4 · = Emmanuel Macron · medium
/// confidence`; `None` when the quote has no speaker.
pub fn evidence_line(record: &QuoteRecord) -> Option<String> {
    let q = &record.quote;
    q.speaker.as_ref()?;
    let mut parts = Vec::new();
    let para = q.paragraph + 1;
    match (q.basis, via_words(record)) {
        (Some(Basis::Corrected), _) => {
            parts.push(format!("corrected by a team member \u{00B6}{para}"));
        }
        (Some(Basis::Continued), _) | (_, None) => {
            let who = q
                .antecedent
                .as_ref()
                .map_or("the speaker before", |a| a.text.as_str());
            parts.push(format!(
                "no attribution of its own; continues {who} \u{00B6}{para}"
            ));
        }
        (basis, Some(words)) => {
            parts.push(format!("via \u{201C}{words}\u{201D} \u{00B6}{para}"));
            if let Some(a) = &q.antecedent {
                parts.push(format!("= {}", a.text));
            }
            if basis == Some(Basis::Knowledge) {
                parts.push("named by the speakers file".to_string());
            }
        }
    }
    if let Some(level) = level_words(record) {
        parts.push(level.to_string());
    }
    Some(parts.join(" \u{00B7} "))
}

/// The sentence holding the matched words, verbatim, cut to about `max` bytes around them.
pub fn sentence_around(record: &QuoteRecord, matched: (usize, usize), max: usize) -> String {
    let s = &record.sentence;
    let rel = matched.0.saturating_sub(s.start)..matched.1.saturating_sub(s.start);
    let cut = crate::search::text::cut(&s.text, max.max(rel.len() + 20), Some(rel.start));
    format!(
        "{}{}{}",
        if cut.cut_before { "\u{2026}" } else { "" },
        s.text.get(cut.start..cut.end).unwrap_or(&s.text),
        if cut.cut_after { "\u{2026}" } else { "" }
    )
}

/// Whether the paragraph holding a quote names any of the speakers a question claims (by
/// their last name): a hedged answer says so, so the user knows where to look.
pub fn claimed_named_nearby(claim: &Claim, record: &QuoteRecord) -> bool {
    claim.speakers.iter().any(|name| {
        name.split_whitespace()
            .next_back()
            .is_some_and(|last| record.context.text.contains(last))
    })
}

/// What words found outside every quote are: the reporter's own, or narration that may hold
/// a quote the engine did not recognise (a reporting verb or quote marks in the sentence).
pub fn narration_label(m: &NarrationMatch) -> &'static str {
    if m.reporters_own {
        "the reporter's own words"
    } else {
        "in the article's narration; not recognised as a quote"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::extract::{Extractor, Knowledge};
    use crate::text::paragraphs;

    /// The evidence line of the quote whose words start with `quote`, in an invented article.
    fn line(extractor: &Extractor, body: &str, quote: &str) -> Option<String> {
        let text = format!("Headline\n\n{body}");
        let article = Article::from_text("t", &text);
        let paras = paragraphs(&article.text);
        let q = extractor
            .extract(&article)
            .into_iter()
            .find(|q| q.text.starts_with(quote))?;
        evidence_line(&QuoteRecord::new(&article, &paras, &q)?)
    }

    /// One golden line per basis, with the level it earns (high shows no level).
    #[test]
    fn the_evidence_line_of_each_basis() {
        let plain = Extractor::default();
        let cases = [
            (
                "named at the cue, high",
                "\u{201C}We will stay,\u{201D} said Jane Doe.",
                "We will stay",
                "via \u{201C}said Jane Doe\u{201D} \u{00B6}2",
            ),
            (
                "a pronoun with a rival, low",
                "Jane Doe met Mary Lane on Monday. \u{201C}We will stay,\u{201D} she said.",
                "We will stay",
                "via \u{201C}she said\u{201D} \u{00B6}2 \u{00B7} = Jane Doe \u{00B7} \u{26A0} low confidence",
            ),
            (
                "a description resolved through roles, medium",
                "French President Emile Marchand arrived. The French leader said the talks went well.",
                "the talks went well",
                "via \u{201C}The French leader said\u{201D} \u{00B6}2 \u{00B7} = Emile Marchand \u{00B7} medium confidence",
            ),
            (
                "a continued quote, medium",
                "\u{201C}We will stay,\u{201D} said Jane Doe. \u{201C}We have no choice at all.\u{201D}",
                "We have no choice",
                "no attribution of its own; continues Jane Doe \u{00B6}2 \u{00B7} medium confidence",
            ),
        ];
        for (name, body, quote, want) in cases {
            assert_eq!(line(&plain, body, quote).as_deref(), Some(want), "{name}");
        }
        let knowing = Extractor::new(
            Knowledge::parse(
                "[[speaker]]\nname = \"Omar Farid\"\nroles = [\"Ruritanian leader\"]\n",
            )
            .unwrap_or_default(),
        );
        assert_eq!(
            line(
                &knowing,
                "The Ruritanian leader said the border would stay closed.",
                "the border"
            )
            .as_deref(),
            Some("via \u{201C}The Ruritanian leader said\u{201D} \u{00B6}2 \u{00B7} named by the speakers file"),
            "the knowledge file"
        );
        assert_eq!(
            line(
                &plain,
                "\u{201C}Nobody knows what comes next for the town.\u{201D}",
                "Nobody"
            ),
            None,
            "no speaker, no evidence"
        );
    }

    #[test]
    fn a_corrected_quote_says_so() {
        let text = "Headline\n\nJane Doe met Mary Lane. \u{201C}We will stay,\u{201D} she said.";
        let article = Article::from_text("t", text);
        let paras = paragraphs(&article.text);
        let mut q = Extractor::default()
            .extract(&article)
            .into_iter()
            .next()
            .expect("a quote");
        q.speaker = Some("Mary Lane".into());
        q.basis = Some(Basis::Corrected);
        q.confidence = Some(Confidence::High);
        let record = QuoteRecord::new(&article, &paras, &q).expect("a record");
        assert_eq!(
            evidence_line(&record).as_deref(),
            Some("corrected by a team member \u{00B6}2")
        );
        assert!(confident(&record));
    }
}
