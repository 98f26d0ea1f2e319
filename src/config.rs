//! Settings from `config/whosaid.toml`, found from any directory.
//!
//! Settings only: secrets (the Discord token) come from the environment. Unknown keys are
//! errors, so a misspelt setting is reported instead of silently ignored. The file is looked
//! for in order: `--config`, `WHOSAID_CONFIG`, `./config/whosaid.toml`, then the user's config
//! directory (`$XDG_CONFIG_HOME/whosaid/whosaid.toml`, or `~/.config/whosaid/whosaid.toml`);
//! relative paths inside a settings file are read from the file's own directory. With no file
//! at all, the corpus is `./seeds` when there is one, else the seeds built into the binary,
//! installed under the user's data directory with the index beside them.

use crate::corpus::LoadLimits;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Where the settings are read from when no `--config` or `WHOSAID_CONFIG` is given and the
/// file is there.
pub const DEFAULT_CONFIG: &str = "config/whosaid.toml";

/// The environment variable naming a settings file.
pub const CONFIG_ENV: &str = "WHOSAID_CONFIG";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The corpus and knowledge file are the bundled ones, under the user's data directory.
    #[serde(skip)]
    pub bundled: bool,
    pub corpus: CorpusConfig,
    pub extract: ExtractConfig,
    pub index: IndexConfig,
    pub discord: DiscordConfig,
    pub search: SearchConfig,
    /// Limits and address policy for articles fetched from the web.
    pub fetch: crate::fetch::FetchSettings,
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

/// How the Discord bot talks to Discord and how its replies are laid out. The token and the
/// public key are secrets and come from the environment, never from here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordConfig {
    /// Base URL of Discord's REST API (`DISCORD_API_BASE` in the environment wins).
    pub api_base: String,
    /// Quotes shown on one page of a reply (1 to 10).
    pub page_size: usize,
    /// Milliseconds a command may work before the reply is deferred (Discord allows 3000).
    pub defer_after_ms: u64,
    /// Address `whosaid serve-http` listens on when `--listen` is not given.
    pub listen: String,
    /// Milliseconds a user waits between two searches (`/quotes`, `/whosaid`, `/speaker`,
    /// `/sources`); 0 turns the cooldown off.
    pub search_cooldown_ms: u64,
    /// Largest file `/ingest` downloads, in bytes (the corpus limits apply too).
    pub max_attachment_bytes: u64,
    /// Milliseconds an `/ingest` download may take.
    pub download_timeout_ms: u64,
    /// Milliseconds `/ingest` waits for another process adding articles to finish.
    pub ingest_wait_ms: u64,
    /// Recent search and check answers the bot keeps (0 keeps none).
    pub cache_entries: usize,
    /// Ids of the server roles whose members may use `/correct`, besides members with the
    /// Manage Server permission.
    pub correct_roles: Vec<u64>,
    /// Milliseconds a member waits between two `/ingest` or `/correct` in one server.
    pub ingest_cooldown_ms: u64,
    /// Milliseconds a member waits between two ◀ ▶ presses in one server.
    pub button_cooldown_ms: u64,
    /// Milliseconds between two autocomplete answers to one member in one server (requests
    /// in between get no choices).
    pub autocomplete_cooldown_ms: u64,
    /// Ids of the server roles whose members may use `/ingest`, besides members with the
    /// Manage Server permission.
    pub ingest_roles: Vec<u64>,
    /// Named collections shared by several servers: name → server ids. A server not listed
    /// has a collection of its own, `server-<id>`.
    pub collections: std::collections::BTreeMap<String, Vec<u64>>,
}

impl DiscordConfig {
    /// The collection of the server `guild` (`None` in direct messages: the base alone).
    pub fn collection_of(&self, guild: Option<u64>) -> Option<String> {
        let guild = guild?;
        let named = self
            .collections
            .iter()
            .find(|(_, servers)| servers.contains(&guild))
            .map(|(name, _)| name.clone());
        Some(named.unwrap_or_else(|| format!("server-{guild}")))
    }
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            api_base: DEFAULT_DISCORD_API.to_string(),
            page_size: 5,
            defer_after_ms: 2000,
            listen: "127.0.0.1:8080".to_string(),
            search_cooldown_ms: 2000,
            max_attachment_bytes: 8 << 20,
            download_timeout_ms: 10_000,
            ingest_wait_ms: 5_000,
            cache_entries: 1024,
            correct_roles: Vec::new(),
            ingest_cooldown_ms: 5_000,
            button_cooldown_ms: 250,
            autocomplete_cooldown_ms: 100,
            ingest_roles: Vec::new(),
            collections: std::collections::BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Results per page when no `--limit` is given.
    pub limit: usize,
    /// Longest quote excerpt shown, in bytes; longer quotes are cut at word boundaries.
    pub excerpt_bytes: usize,
}

/// Discord's own REST API.
pub const DEFAULT_DISCORD_API: &str = "https://discord.com";

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

/// A user directory: `$<env>` when set and absolute, else `$HOME/<fallback>`.
fn user_dir(env: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(env)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .map(|h| h.join(fallback))
        })
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
    #[error("cannot read the speakers file {path}: {source}")]
    ReadSpeakers {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("bad speakers file {path}: {message}")]
    Speakers { path: PathBuf, message: String },
}

impl Config {
    /// Reads the settings from `path`, or from [`DEFAULT_CONFIG`] when it exists, or falls back
    /// to the defaults. An explicitly named file must exist.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let named = path
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os(CONFIG_ENV).map(PathBuf::from));
        if let Some(path) = named {
            return Config::from_file(&path);
        }
        let found = std::iter::once(PathBuf::from(DEFAULT_CONFIG))
            .chain(user_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join("whosaid/whosaid.toml")))
            .find(|p| p.is_file());
        match found {
            Some(path) => Config::from_file(&path),
            None => Ok(Config::without_a_file()),
        }
    }

    /// Reads the settings file at `path`; its relative paths are read from its directory.
    fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut config = Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let resolve = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        resolve(&mut config.corpus.dir);
        resolve(&mut config.index.dir);
        if let Some(s) = config.extract.speakers.as_mut() {
            resolve(s);
        }
        Ok(config)
    }

    /// The settings when no file is found: `./seeds` when it is there (a clone of the
    /// repository), else the bundled seeds under the user's data directory (installed there
    /// by [`Config::install_bundled`] when first used).
    fn without_a_file() -> Config {
        let mut config = Config::default();
        if config.corpus.dir.is_dir() {
            return config;
        }
        if let Some(data) = user_dir("XDG_DATA_HOME", ".local/share").map(|d| d.join("whosaid")) {
            config.corpus.dir = data.join("seeds");
            config.extract.speakers = Some(data.join("speakers.toml"));
            config.index.dir = data.join("index");
            config.bundled = true;
        }
        config
    }

    /// Installs the bundled seeds and knowledge file where these settings expect them, when
    /// they are the settings of no file (see [`Config::load`]) and the files are not there
    /// yet. Called by whatever is about to read the configured corpus.
    pub fn install_bundled(&self) -> Result<(), ConfigError> {
        if !self.bundled {
            return Ok(());
        }
        let speakers = self
            .extract
            .speakers
            .clone()
            .unwrap_or_else(|| self.corpus.dir.join("speakers.toml"));
        crate::corpus::bundled::install(&self.corpus.dir, &speakers).map_err(|source| {
            ConfigError::Read {
                path: self.corpus.dir.clone(),
                source,
            }
        })
    }

    /// Loads the knowledge about people: the file named by `explicit`, which must exist and
    /// parse, or else the configured one, which may be absent. `none` asks for no knowledge.
    pub fn knowledge(
        &self,
        explicit: Option<&Path>,
        none: bool,
    ) -> Result<crate::extract::Knowledge, ConfigError> {
        use crate::extract::Knowledge;
        if none {
            return Ok(Knowledge::default());
        }
        let (path, required) = match (explicit, &self.extract.speakers) {
            (Some(p), _) => (p.to_path_buf(), true),
            (None, Some(p)) => (p.clone(), false),
            (None, None) => return Ok(Knowledge::default()),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                Knowledge::parse(&text).map_err(|message| ConfigError::Speakers { path, message })
            }
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Knowledge::default())
            }
            Err(source) => Err(ConfigError::ReadSpeakers { path, source }),
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
        if !(1..=10).contains(&config.discord.page_size) {
            return Err("discord.page_size must be between 1 and 10".into());
        }
        if config.discord.cache_entries > 1_000_000 {
            return Err("discord.cache_entries must be at most 1000000".into());
        }
        if !(1..=2500).contains(&config.discord.defer_after_ms) {
            return Err("discord.defer_after_ms must be between 1 and 2500".into());
        }
        for (name, ms) in [
            ("search_cooldown_ms", config.discord.search_cooldown_ms),
            ("ingest_cooldown_ms", config.discord.ingest_cooldown_ms),
            ("button_cooldown_ms", config.discord.button_cooldown_ms),
            (
                "autocomplete_cooldown_ms",
                config.discord.autocomplete_cooldown_ms,
            ),
        ] {
            if ms > 600_000 {
                return Err(format!(
                    "discord.{name} must be at most 600000 (ten minutes)"
                ));
            }
        }
        if config.discord.max_attachment_bytes == 0 {
            return Err("discord.max_attachment_bytes must be more than 0".into());
        }
        if !(1..=120_000).contains(&config.discord.download_timeout_ms) {
            return Err("discord.download_timeout_ms must be between 1 and 120000".into());
        }
        if config.discord.ingest_wait_ms > 60_000 {
            return Err("discord.ingest_wait_ms must be at most 60000".into());
        }
        check_api_base(&config.discord.api_base).map_err(|e| format!("discord.api_base: {e}"))?;
        let mut seen = std::collections::HashMap::new();
        for (name, servers) in &config.discord.collections {
            crate::corpus::collection_name(name)
                .map_err(|e| format!("discord.collections: {e}"))?;
            for server in servers {
                if let Some(other) = seen.insert(*server, name) {
                    return Err(format!(
                        "discord.collections: server {server} is in both {other} and {name}"
                    ));
                }
            }
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
        config.fetch.check()?;
        Ok(config)
    }

    /// The Discord REST base URL: `DISCORD_API_BASE` when set, else the `discord.api_base`
    /// setting.
    pub fn discord_api_base(&self) -> Result<String, String> {
        match std::env::var("DISCORD_API_BASE") {
            Ok(v) if !v.trim().is_empty() => {
                let v = v.trim().trim_end_matches('/').to_string();
                check_api_base(&v).map_err(|e| format!("DISCORD_API_BASE: {e}"))?;
                Ok(v)
            }
            _ => Ok(self.discord.api_base.trim_end_matches('/').to_string()),
        }
    }

    pub fn load_limits(&self) -> LoadLimits {
        LoadLimits {
            max_article_bytes: self.corpus.max_article_bytes,
            max_file_bytes: self.corpus.max_file_bytes,
        }
    }
}

/// A REST base is an `http://` or `https://` URL with a host and no path.
fn check_api_base(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("{url:?} must start with https:// or http://"))?;
    let host = rest.trim_end_matches('/');
    if host.is_empty() || host.contains('/') || host.contains(char::is_whitespace) {
        return Err(format!(
            "{url:?} must be a bare origin such as https://discord.com"
        ));
    }
    Ok(())
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
    fn discord_settings_are_checked() {
        let c = Config::parse("[discord]\napi_base = \"http://127.0.0.1:9\"\n").unwrap();
        assert_eq!(c.discord.api_base, "http://127.0.0.1:9");
        for bad in [
            "[discord]\npage_size = 0\n",
            "[discord]\npage_size = 11\n",
            "[discord]\ndefer_after_ms = 5000\n",
            "[discord]\napi_base = \"discord.com\"\n",
            "[discord]\napi_base = \"https://discord.com/api\"\n",
            "[discord]\ntoken = \"x\"\n",
        ] {
            assert!(Config::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shipped_config_parses() {
        let text = include_str!("../config/whosaid.toml");
        Config::parse(text).unwrap();
    }
}
