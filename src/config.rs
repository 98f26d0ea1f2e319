//! Settings from `config/whosaid.toml`.
//!
//! Settings only: secrets (the Discord token) come from the environment. Unknown keys are
//! errors, so a misspelt setting is reported instead of silently ignored.

use crate::corpus::LoadLimits;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Where the settings are read from when no `--config` is given.
pub const DEFAULT_CONFIG: &str = "config/whosaid.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub corpus: CorpusConfig,
    pub extract: ExtractConfig,
    pub index: IndexConfig,
    pub search: SearchConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CorpusConfig {
    /// Directory (or file) the index is built from.
    pub dir: PathBuf,
    /// Largest article accepted, in bytes.
    pub max_article_bytes: u64,
    /// Largest JSONL file accepted, in bytes.
    pub max_file_bytes: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExtractConfig {
    /// Optional knowledge about people (aliases, roles). A missing file is not an error.
    pub speakers: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexConfig {
    /// Directory of the search index.
    pub dir: PathBuf,
    /// Memory the index writer may use while building, in megabytes (at least 15 per thread).
    pub writer_memory_mb: u64,
    /// Indexing threads; 0 means one per core (at most 4).
    pub threads: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Results per page when no `--limit` is given.
    pub limit: usize,
    /// Longest quote excerpt shown, in bytes; longer quotes are cut at word boundaries.
    pub excerpt_bytes: usize,
}

impl Default for CorpusConfig {
    fn default() -> Self {
        let limits = LoadLimits::default();
        CorpusConfig {
            dir: PathBuf::from("seeds"),
            max_article_bytes: limits.max_article_bytes,
            max_file_bytes: limits.max_file_bytes,
        }
    }
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            speakers: Some(PathBuf::from("config/speakers.toml")),
        }
    }
}

impl Default for IndexConfig {
    fn default() -> Self {
        IndexConfig {
            dir: PathBuf::from("data/index"),
            writer_memory_mb: 256,
            threads: 0,
        }
    }
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            limit: 10,
            excerpt_bytes: 320,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("bad setting in {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// Reads the settings from `path`, or from [`DEFAULT_CONFIG`] when it exists, or falls back
    /// to the defaults. An explicitly named file must exist.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from(DEFAULT_CONFIG), false),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                Config::parse(&text).map_err(|message| ConfigError::Invalid { path, message })
            }
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Config::default())
            }
            Err(source) => Err(ConfigError::Read { path, source }),
        }
    }

    /// Parses and checks a settings document.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if config.corpus.max_article_bytes == 0 {
            return Err("corpus.max_article_bytes must be more than 0".into());
        }
        if config.corpus.max_file_bytes == 0 {
            return Err("corpus.max_file_bytes must be more than 0".into());
        }
        if config.index.writer_memory_mb < 15 {
            return Err("index.writer_memory_mb must be at least 15".into());
        }
        if config.search.limit == 0 || config.search.limit > 1000 {
            return Err("search.limit must be between 1 and 1000".into());
        }
        if config.search.excerpt_bytes < 40 {
            return Err("search.excerpt_bytes must be at least 40".into());
        }
        Ok(config)
    }

    pub fn load_limits(&self) -> LoadLimits {
        LoadLimits {
            max_article_bytes: self.corpus.max_article_bytes,
            max_file_bytes: self.corpus.max_file_bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_document_gives_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.corpus.dir, PathBuf::from("seeds"));
        assert_eq!(c.index.dir, PathBuf::from("data/index"));
    }

    #[test]
    fn misspelt_key_is_reported() {
        let err = Config::parse("[corpus]\ndirr = \"x\"\n").unwrap_err();
        assert!(err.contains("dirr"), "{err}");
    }

    #[test]
    fn wrong_type_is_reported() {
        let err = Config::parse("[corpus]\nmax_article_bytes = \"big\"\n").unwrap_err();
        assert!(err.contains("max_article_bytes"), "{err}");
    }

    #[test]
    fn zero_limit_is_rejected() {
        assert!(Config::parse("[corpus]\nmax_article_bytes = 0\n").is_err());
    }

    #[test]
    fn shipped_config_parses() {
        let text = include_str!("../config/whosaid.toml");
        Config::parse(text).unwrap();
    }
}
