//! The extractor's output: one [`Quote`] per quotation, with its speaker and citations.
//!
//! Its serde form is the line format of `whosaid extract --format jsonl`, which the
//! evaluation and the index read; fields may be added, never renamed.

use crate::text::Span;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One quotation: the words, who said them, and where they stand in the article.
///
/// Serialized, this is exactly one line of `whosaid extract --format jsonl`.
///
/// The short strings (the article's id, the speaker, the excerpts' words) are
/// [`CompactString`]s, kept inside the record up to 24 bytes: an extraction makes several for
/// every quote, and most would otherwise be an allocation each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Id of the article the quote comes from.
    pub article: CompactString,
    /// Byte offsets of the quoted words in the article text (quote marks excluded).
    pub start: usize,
    pub end: usize,
    /// The quoted words, verbatim: always `article.text[start..end]`.
    pub text: String,
    pub kind: QuoteKind,
    /// Canonical name of the speaker, or `None` when the article does not say.
    pub speaker: Option<CompactString>,
    /// The mention of the speaker the attribution rests on (a name, a pronoun, a title).
    pub mention: Option<Excerpt>,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: Option<Excerpt>,
    /// 0-based index of the paragraph holding the start of the quote.
    pub paragraph: usize,
    /// How the speaker was found: named at the cue, through a pronoun, a description, an
    /// earlier attribution the quote continues, or the knowledge file. `None` without a
    /// speaker.
    #[serde(default)]
    pub basis: Option<Basis>,
    /// How sure the attribution is, from its basis and the distance and agreement behind it.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// The name the attribution was resolved to, when it is not the mention itself: a
    /// pronoun's or a description's antecedent, the attribution a quote continues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<Excerpt>,
}

/// How a quote's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The name stands at the cue ("…," said Emmanuel Macron).
    Named,
    /// A pronoun at the cue, resolved to an earlier name ("He said:").
    Pronoun,
    /// A description at the cue ("the French leader said"), resolved through the roles the
    /// article gives, or kept as written ("a spokesperson").
    Description,
    /// No attribution of its own: the quote continues an earlier speaker.
    Continued,
    /// The optional knowledge file named the speaker.
    Knowledge,
    /// A team member corrected the speaker (see `whosaid correct`).
    Corrected,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Named => "named",
            Basis::Pronoun => "pronoun",
            Basis::Description => "description",
            Basis::Continued => "continued",
            Basis::Knowledge => "knowledge",
            Basis::Corrected => "corrected",
        }
    }
}

/// How sure an attribution is. Calibrated on the development sets (README, "Quality"):
/// `High` attributions are right at least 97% of the time there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Quote {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The quote's short stable id (see [`quote_id`]).
    pub fn id(&self) -> String {
        quote_id(&self.article, self.start, self.end)
    }

    /// A one-word direct quote `speaker` said, with nothing else found: for tests of what
    /// is done with speakers' names.
    #[cfg(test)]
    pub(crate) fn said_by(speaker: &str) -> Quote {
        Quote {
            article: "a".into(),
            start: 0,
            end: 1,
            text: "x".into(),
            kind: QuoteKind::Direct,
            speaker: Some(speaker.into()),
            mention: None,
            cue: None,
            paragraph: 0,
            basis: None,
            confidence: None,
            antecedent: None,
        }
    }
}

/// Letters of a quote id: digits and lower-case letters, without i, l, o and u, which read
/// as other characters.
const ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Characters in a quote id: 50 bits, so a million quotes share an id with odds of about
/// one in two thousand.
pub const ID_LEN: usize = 10;

/// A short id for the quote of `article` at `start..end`, stable across rebuilds: the same
/// article and offsets always give the same id. Teams cite it to correct an attribution.
pub fn quote_id(article: &str, start: usize, end: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let key = format!("{article}\u{1f}{start}\u{1f}{end}");
    for b in key.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // FNV's low bits mix poorly on short keys: a finalizer spreads every input bit
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    (0..ID_LEN)
        .map(|i| char::from(ID_ALPHABET[((hash >> (5 * i)) & 31) as usize]))
        .collect()
}

/// A quote id as a user typed it ("#7K2M…", with spaces around), in the form [`quote_id`]
/// gives; `None` when it cannot be one.
pub fn parse_quote_id(typed: &str) -> Option<String> {
    let id = typed.trim().trim_start_matches('#').to_ascii_lowercase();
    (id.len() == ID_LEN && id.bytes().all(|b| ID_ALPHABET.contains(&b))).then_some(id)
}

/// A stretch of article text with its offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    pub start: usize,
    pub end: usize,
    pub text: CompactString,
}

impl Excerpt {
    /// The excerpt of `text` at `span`; `None` when the span is not on character boundaries.
    pub fn of(text: &str, span: Span) -> Option<Excerpt> {
        span.slice(text).map(|t| Excerpt {
            start: span.start,
            end: span.end,
            text: CompactString::from(t),
        })
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The same excerpt, its offsets moved on by `by` bytes: from a window's text to its
    /// article's.
    pub(crate) fn shifted(mut self, by: usize) -> Excerpt {
        self.start += by;
        self.end += by;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Whole sentences in quote marks.
    Direct,
    /// A quoted fragment inside the reporter's own sentence.
    Partial,
    /// Reported speech: the content clause of "X said (that) …".
    Indirect,
    /// Reported speech that runs into quoted words.
    Mixed,
}

impl QuoteKind {
    pub const ALL: [QuoteKind; 4] = [
        QuoteKind::Direct,
        QuoteKind::Partial,
        QuoteKind::Indirect,
        QuoteKind::Mixed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

impl fmt::Display for QuoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for QuoteKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QuoteKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown quote kind {s:?} (direct, partial, indirect, mixed)"))
    }
}
