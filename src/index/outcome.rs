//! What an ingest did, or why it stopped: the report of the articles added, replaced and
//! skipped, and the errors, among them an ingest stopped midway (a full disk) that says
//! exactly which articles were added and which were not.

use crate::corpus::Article;
use crate::index::IndexError;
use serde::Serialize;
use std::collections::HashSet;
use std::path::PathBuf;
use tantivy::TantivyError;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Another writer held the index for longer than the wait allowed.
    #[error(
        "the index in {path} is busy: another process is adding articles to it. Try again \
         when it has finished"
    )]
    Busy { path: PathBuf },
    #[error(
        "articles can only be added to a corpus directory, and {path} is not one (set \
         `corpus.dir` to a directory)"
    )]
    CorpusNotADirectory { path: PathBuf },
    #[error(
        "no quote has the id {id} in this index; ids are shown under each quote (`whosaid \
         corrections` lists the corrected ones)"
    )]
    NoSuchQuote { id: String },
    /// An error stopped an ingest after some of its articles were added (a full disk): the
    /// report says exactly which were added; `not_added` lists the rest, of which nothing is
    /// kept, in the index or in the corpus.
    #[error(
        "{cause}. {} article(s) were added before it and {} were not{}",
        .added.articles.len(),
        .not_added.len(),
        if *.catalog_behind {
            "; the quotes added are searchable, and the index's speaker and article lists \
             catch up at its next rebuild"
        } else {
            ""
        }
    )]
    Stopped {
        added: Box<IngestReport>,
        /// The articles not added: their ids and headlines.
        not_added: Vec<NotAdded>,
        cause: Box<IngestError>,
        /// The last articles' quotes were committed but the catalog could not be written.
        catalog_behind: bool,
    },
    #[error(transparent)]
    Corrections(crate::corpus::CorrectionsError),
    #[error(transparent)]
    Index(IndexError),
}

impl From<IndexError> for IngestError {
    fn from(e: IndexError) -> Self {
        match e {
            IndexError::Busy { path } => IngestError::Busy { path },
            e => IngestError::Index(e),
        }
    }
}

impl From<TantivyError> for IngestError {
    fn from(e: TantivyError) -> Self {
        IngestError::Index(IndexError::Tantivy(e))
    }
}

/// An article that was added or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestedArticle {
    pub id: String,
    /// The name it came in under (file name, a feed line's own id), for display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_as: Option<String>,
    pub headline: String,
    pub quotes: usize,
    /// An article with this id was indexed before, with another text; its quotes are gone.
    pub replaced: bool,
}

/// An article an ingest stopped before adding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotAdded {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_as: Option<String>,
    pub headline: String,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    pub articles: Vec<IngestedArticle>,
    /// Quotes added.
    pub quotes: usize,
    /// Speakers of the added quotes, most quoted first.
    pub speakers: Vec<String>,
    /// Those of them the index did not know before.
    pub new_speakers: Vec<String>,
    /// Articles not added, and why.
    pub skipped: Vec<String>,
    /// The index was rebuilt from the corpus instead, for this reason.
    pub rebuilt: Option<String>,
}

impl IngestReport {
    pub(crate) fn merge(&mut self, other: IngestReport) {
        self.articles.extend(other.articles);
        self.quotes += other.quotes;
        extend_unique(&mut self.speakers, other.speakers);
        extend_unique(&mut self.new_speakers, other.new_speakers);
        self.skipped.extend(other.skipped);
        if self.rebuilt.is_none() {
            self.rebuilt = other.rebuilt;
        }
    }
}

/// Appends to `list` the names of `more` it does not hold yet, in their order: looked up in
/// a set, since an article can name thousands of speakers (searching the list for each made
/// an ingest cost the square of their number).
fn extend_unique(list: &mut Vec<String>, more: Vec<String>) {
    let mut known: std::collections::HashSet<String> = list.iter().cloned().collect();
    for s in more {
        if known.insert(s.clone()) {
            list.push(s);
        }
    }
}

/// The error of an ingest that `cause` stopped after `report`, with `rest` not done. An
/// ingest that added nothing fails with the cause alone.
pub(crate) fn stopped(
    mut report: IngestReport,
    rest: &[&[Article]],
    cause: IngestError,
) -> IngestError {
    let (cause, catalog_behind) = match cause {
        IngestError::Stopped {
            added,
            cause,
            catalog_behind,
            ..
        } => {
            report.merge(*added);
            (*cause, catalog_behind)
        }
        e => (e, false),
    };
    if report.articles.is_empty() {
        return cause;
    }
    let added: HashSet<&str> = report.articles.iter().map(|a| a.id.as_str()).collect();
    let not_added = rest
        .iter()
        .flat_map(|batch| batch.iter())
        .filter(|a| !added.contains(a.id.as_str()))
        .map(|a| NotAdded {
            id: a.id.clone(),
            added_as: a.added_as.clone(),
            headline: a.title.clone(),
        })
        .collect();
    IngestError::Stopped {
        added: Box::new(report),
        not_added,
        cause: Box::new(cause),
        catalog_behind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_merging_reports_keeps_each_speaker_once_in_first_seen_order() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut report = IngestReport {
            speakers: names(&["Ann Lee", "Bo Park"]),
            new_speakers: names(&["Bo Park"]),
            ..IngestReport::default()
        };
        report.merge(IngestReport {
            speakers: names(&["Cy Diaz", "Ann Lee", "Cy Diaz", "Di Wu"]),
            new_speakers: names(&["Cy Diaz", "Bo Park"]),
            ..IngestReport::default()
        });
        assert_eq!(report.speakers, ["Ann Lee", "Bo Park", "Cy Diaz", "Di Wu"]);
        assert_eq!(report.new_speakers, ["Bo Park", "Cy Diaz"]);
    }
}
