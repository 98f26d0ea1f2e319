//! Loading articles from disk: plain-text files and JSONL feeds, with their metadata.
//!
//! This is the edge where untrusted files come in. Every problem with one file or one line is
//! recorded as a [`Skipped`] entry and loading goes on, so one bad article never costs the
//! others. Everything downstream works on [`Article`] values and never touches the disk.

mod article;
pub mod bundled;
mod corrections;
mod identity;
mod load;
mod sources;
mod upload;

pub use article::{Article, Date};
pub use corrections::{Correction, Corrections, CorrectionsError, Fix, CORRECTIONS_FILE};
pub use identity::{article_id, collection_name, name_hash, text_fingerprint, BASE_COLLECTION};
pub use load::{load_paths, stream_paths, Corpus, LoadLimits, SkipReason, Skipped, MAX_ID_BYTES};
pub use sources::{SourceMeta, Sources, SOURCES_FILE};
pub use upload::{parse_upload, UploadError, UploadMeta};

/// The directory, inside a corpus directory, that holds the articles added while the index
/// is in use (`whosaid ingest`, `/ingest`), one JSONL file each. Read after its siblings;
/// an article in it replaces an earlier one with the same id.
pub const INGEST_DIR: &str = "ingested";
