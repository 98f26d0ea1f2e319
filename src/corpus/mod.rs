//! Loading articles from disk: plain-text files and JSONL feeds, with their metadata.
//!
//! This is the edge where untrusted files come in. Every problem with one file or one line is
//! recorded as a [`Skipped`] entry and loading goes on, so one bad article never costs the
//! others. Everything downstream works on [`Article`] values and never touches the disk.

mod article;
mod load;
mod sources;

pub use article::{Article, Date};
pub use load::{load_paths, Corpus, LoadLimits, SkipReason, Skipped};
pub use sources::{SourceMeta, Sources, SOURCES_FILE};
