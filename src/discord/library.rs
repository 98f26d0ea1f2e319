//! The bot's one door into the quote library: open (or build) the index once, then answer
//! the questions the commands ask — topic search, fact check, one speaker's quotes, the
//! speaker and source lists. Everything here is blocking; the handler runs it off the async
//! threads.

use crate::config::Config;
use crate::corpus::{Article, Date};
use crate::extract::{Extractor, Quote, QuoteKind};
use std::collections::BTreeMap;

/// A quote with what is needed to cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub quote: Quote,
    pub source: Source,
}

/// Citation data of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub headline: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
}

/// One page of results and how many there are in all.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub hits: Vec<Found>,
    pub total: usize,
}

/// What a topic search asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteQuery {
    pub text: String,
    pub speaker: Option<String>,
    pub source: Option<String>,
    pub kind: Option<QuoteKind>,
}

/// The answer of a fact check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Said word for word: the quotes that contain the phrase.
    Verbatim(Vec<Found>),
    /// Not word for word; the nearest quotes, best first.
    Close(Vec<Found>),
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerRow {
    pub name: String,
    pub quotes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    pub source: Source,
    pub quotes: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("the quote library failed: {0}")]
    Backend(String),
}

/// The opened quote library.
#[derive(Debug)]
pub struct Library {
    found: Vec<Found>,
    sources: Vec<SourceRow>,
    speakers: Vec<SpeakerRow>,
}

impl Library {
    /// Opens the configured index, building it first when needed.
    pub fn open_or_build(config: &Config) -> anyhow::Result<Library> {
        let knowledge = crate::cli::load_knowledge(config, None, false)?;
        let corpus = crate::corpus::load_paths(
            std::slice::from_ref(&config.corpus.dir),
            config.load_limits(),
        );
        if corpus.articles.is_empty() {
            anyhow::bail!(
                "no article could be loaded from {}",
                config.corpus.dir.display()
            );
        }
        Ok(Library::from_articles(
            &corpus.articles,
            &Extractor::new(knowledge),
        ))
    }

    /// A library over the given articles.
    pub fn from_articles(articles: &[Article], extractor: &Extractor) -> Library {
        let mut found = Vec::new();
        let mut sources = Vec::new();
        let mut speakers: BTreeMap<String, usize> = BTreeMap::new();
        for a in articles {
            let source = Source {
                id: a.id.clone(),
                headline: a.title.clone(),
                outlet: a.outlet.clone(),
                url: a.url.clone(),
                published: a.published,
            };
            let quotes = extractor.extract(a);
            sources.push(SourceRow {
                source: source.clone(),
                quotes: quotes.len(),
            });
            for q in quotes {
                if let Some(s) = &q.speaker {
                    *speakers.entry(s.clone()).or_default() += 1;
                }
                found.push(Found {
                    quote: q,
                    source: source.clone(),
                });
            }
        }
        let mut speakers: Vec<SpeakerRow> = speakers
            .into_iter()
            .map(|(name, quotes)| SpeakerRow { name, quotes })
            .collect();
        speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.name.cmp(&b.name)));
        Library {
            found,
            sources,
            speakers,
        }
    }

    /// Quotes about a topic, best first.
    pub fn search(
        &self,
        query: &QuoteQuery,
        offset: usize,
        limit: usize,
    ) -> Result<Page, LibraryError> {
        let terms = words(&query.text);
        let mut scored: Vec<(usize, &Found)> = self
            .found
            .iter()
            .filter(|f| query.kind.is_none_or(|k| f.quote.kind == k))
            .filter(|f| {
                query.speaker.as_deref().is_none_or(|s| {
                    f.quote
                        .speaker
                        .as_deref()
                        .is_some_and(|n| contains_ci(n, s))
                })
            })
            .filter(|f| {
                query.source.as_deref().is_none_or(|s| {
                    f.source.id == s
                        || f.source
                            .outlet
                            .as_deref()
                            .is_some_and(|o| contains_ci(o, s))
                })
            })
            .filter_map(|f| {
                let w = words(&f.quote.text);
                let score = terms.iter().filter(|t| w.contains(t)).count();
                (terms.is_empty() || score > 0).then_some((score, f))
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        Ok(page(scored.into_iter().map(|(_, f)| f), offset, limit))
    }

    /// Was `phrase` said, word for word or nearly?
    pub fn check(&self, phrase: &str, limit: usize) -> Result<Verdict, LibraryError> {
        let wanted = words(phrase);
        if wanted.is_empty() {
            return Ok(Verdict::NotFound);
        }
        let verbatim: Vec<Found> = self
            .found
            .iter()
            .filter(|f| {
                words(&f.quote.text)
                    .windows(wanted.len())
                    .any(|w| w == wanted)
            })
            .take(limit)
            .cloned()
            .collect();
        if !verbatim.is_empty() {
            return Ok(Verdict::Verbatim(verbatim));
        }
        let mut close: Vec<(usize, &Found)> = self
            .found
            .iter()
            .map(|f| {
                let w = words(&f.quote.text);
                (wanted.iter().filter(|t| w.contains(t)).count(), f)
            })
            .filter(|(n, _)| *n * 10 >= wanted.len() * 6)
            .collect();
        close.sort_by_key(|s| std::cmp::Reverse(s.0));
        if close.is_empty() {
            return Ok(Verdict::NotFound);
        }
        Ok(Verdict::Close(
            close
                .into_iter()
                .take(limit)
                .map(|(_, f)| f.clone())
                .collect(),
        ))
    }

    /// What one person said, oldest first.
    pub fn speaker(&self, name: &str, offset: usize, limit: usize) -> Result<Page, LibraryError> {
        let mut hits: Vec<&Found> = self
            .found
            .iter()
            .filter(|f| {
                f.quote
                    .speaker
                    .as_deref()
                    .is_some_and(|n| contains_ci(n, name))
            })
            .collect();
        hits.sort_by_key(|f| (f.source.published, f.source.id.clone(), f.quote.start));
        Ok(page(hits.into_iter(), offset, limit))
    }

    /// Everyone quoted, most quoted first.
    pub fn speakers(&self) -> Result<Vec<SpeakerRow>, LibraryError> {
        Ok(self.speakers.clone())
    }

    /// The indexed articles.
    pub fn sources(&self) -> Result<Vec<SourceRow>, LibraryError> {
        Ok(self.sources.clone())
    }
}

fn page<'a>(hits: impl Iterator<Item = &'a Found>, offset: usize, limit: usize) -> Page {
    let all: Vec<&Found> = hits.collect();
    Page {
        total: all.len(),
        hits: all.into_iter().skip(offset).take(limit).cloned().collect(),
    }
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.trim().to_lowercase())
}
