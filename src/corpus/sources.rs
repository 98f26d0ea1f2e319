//! `sources.toml`: publisher metadata for the `.txt` articles of a directory.
//!
//! A plain-text file carries only its words; the outlet, date and address that a citation
//! needs sit beside it, keyed by article id:
//!
//! ```toml
//! [articles."000_36f1dbe5610932b2"]
//! outlet = "Newstalk"
//! published = "2018-04-16"
//! inferred = true   # read off the article's own text, not given by the publisher
//! ```

use super::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The file name looked for in every directory the loader reads.
pub const SOURCES_FILE: &str = "sources.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    #[serde(default)]
    pub articles: BTreeMap<String, SourceMeta>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The metadata was inferred from the article's text.
    #[serde(default)]
    pub inferred: bool,
    /// Free text: how the metadata was established.
    pub note: Option<String>,
}

impl Sources {
    pub fn parse(text: &str) -> Result<Sources, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}
