//! Articles straight from the web: a link in, the article as it will be indexed out.
//!
//! Research teams' sources are web pages, so a pasted link must become an article with its
//! body, headline, outlet, date, authors and address, ready for the same extraction as a file.
//! This is an edge of the data flow (like `corpus`): it does the network I/O and hands plain
//! [`Article`]s onwards. `url` makes a link the address an article is known by, `guard` says
//! which addresses may be fetched, `http` fetches within limits, `page` decodes the bytes and
//! finds the body, `paragraphs` lays it out as the project's text, `metadata` reads what the
//! page declares about itself.

mod complexity;
mod guard;
mod http;
mod metadata;
mod page;
mod paragraphs;
mod url;

pub use self::guard::{is_public, AddressPolicy};
pub use self::url::{canonical, parse_link};
pub use page::{article_from_html, decode_html};

use crate::corpus::{article_id, Article, Date};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

/// The `[fetch]` settings: the limits every fetch works within.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchSettings {
    /// Milliseconds a fetch may take, every redirect and the whole body included.
    pub timeout_ms: u64,
    /// Largest page read, in bytes, counted as they arrive.
    pub max_bytes: u64,
    /// Redirects followed (each one checked like the first address); at most 5.
    pub max_redirects: usize,
    /// Whether the bot may fetch from loopback, private and other non-public addresses
    /// (tests, self-hosted deployments). The command line always may.
    pub allow_private: bool,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            timeout_ms: 15_000,
            max_bytes: 5 << 20,
            max_redirects: 5,
            allow_private: false,
        }
    }
}

/// Most redirects any fetch follows.
pub const MAX_REDIRECTS: usize = 5;

impl FetchSettings {
    /// Checks the settings, saying what is wrong with the first bad one.
    pub fn check(&self) -> Result<(), String> {
        if !(100..=120_000).contains(&self.timeout_ms) {
            return Err("fetch.timeout_ms must be between 100 and 120000".into());
        }
        if !(1024..=(64 << 20)).contains(&self.max_bytes) {
            return Err("fetch.max_bytes must be between 1024 and 67108864".into());
        }
        if self.max_redirects > MAX_REDIRECTS {
            return Err(format!(
                "fetch.max_redirects must be at most {MAX_REDIRECTS}"
            ));
        }
        Ok(())
    }

    /// The addresses the bot may fetch from under these settings.
    pub fn bot_policy(&self) -> AddressPolicy {
        if self.allow_private {
            AddressPolicy::any()
        } else {
            AddressPolicy::public_only()
        }
    }
}

/// Why a link gave no article. Every message says what happened in words a user can act on;
/// the caller says that nothing was added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{url} is not a valid address ({reason})")]
    BadUrl { url: String, reason: String },
    #[error("only http and https links can be fetched, not {scheme}:")]
    Scheme { scheme: String },
    #[error(
        "{host} is at {addr}, a private, local or otherwise non-public address; only public \
         web pages are fetched"
    )]
    Refused { host: String, addr: IpAddr },
    #[error("cannot find {host} ({message})")]
    Resolve { host: String, message: String },
    #[error("the page redirects more than {limit} times")]
    TooManyRedirects { limit: usize },
    #[error("the server answered HTTP {status}")]
    Status { status: u16 },
    #[error("the page is over the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the page took longer than {ms} ms to arrive")]
    TimedOut { ms: u64 },
    #[error("the page could not be fetched ({message})")]
    Network { message: String },
    #[error("that link is {what}, not an article")]
    NotAnArticle { what: String },
}

/// An article fetched from the web, as `whosaid fetch --json` prints it and as it is indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WebArticle {
    /// The address fetched (as given).
    pub url: String,
    /// The address the article is known by: the page's own canonical link when it is on the
    /// same site, else the address the redirects ended at; no fragment, no tracking
    /// parameters. The article's id comes from it.
    pub canonical_url: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub authors: Vec<String>,
    /// The body: paragraphs separated by blank lines. Every offset cited refers to it.
    pub text: String,
    /// The page's language (a primary subtag such as `en`), when it declares one.
    pub language: Option<String>,
}

impl WebArticle {
    /// The article to index: its id and address are the canonical URL's.
    pub fn to_article(&self) -> Article {
        let mut article = Article::from_text(
            article_id(Some(&self.canonical_url), &self.text),
            self.text.clone(),
        );
        if !self.title.trim().is_empty() {
            article.title = self.title.clone();
        }
        article.outlet = self.outlet.clone();
        article.published = self.published;
        article.url = Some(self.canonical_url.clone());
        article.added_as = Some(self.canonical_url.clone());
        article
    }
}

/// A link or other outside text, cut for an error message.
pub(crate) fn shown(s: &str) -> String {
    const MAX: usize = 200;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Fetches the article at `link` within `settings`' limits, connecting only where `policy`
/// allows.
pub async fn fetch(
    link: &str,
    settings: &FetchSettings,
    policy: &AddressPolicy,
) -> Result<WebArticle, FetchError> {
    let url = parse_link(link)?;
    let got = http::get(url.clone(), settings, policy).await?;
    // Parsing is computation: off the async threads.
    tokio::task::spawn_blocking(move || page::article(&url, got))
        .await
        .map_err(|e| FetchError::Network {
            message: format!("reading the page stopped: {e}"),
        })?
}

/// [`fetch`] for callers outside an async runtime (the command line).
pub fn fetch_blocking(
    link: &str,
    settings: &FetchSettings,
    policy: &AddressPolicy,
) -> Result<WebArticle, FetchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| FetchError::Network {
            message: e.to_string(),
        })?;
    runtime.block_on(fetch(link, settings, policy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked() {
        let good = FetchSettings::default();
        assert_eq!(good.check(), Ok(()));
        let cases = [
            (
                "no time at all",
                FetchSettings {
                    timeout_ms: 0,
                    ..good.clone()
                },
                "fetch.timeout_ms",
            ),
            (
                "a tiny page",
                FetchSettings {
                    max_bytes: 10,
                    ..good.clone()
                },
                "fetch.max_bytes",
            ),
            (
                "endless redirects",
                FetchSettings {
                    max_redirects: 6,
                    ..good.clone()
                },
                "fetch.max_redirects",
            ),
        ];
        for (name, settings, want) in cases {
            let e = settings.check().unwrap_err();
            assert!(e.contains(want), "{name}: {e}");
        }
    }

    #[test]
    fn bad_fetch_settings_in_the_file_are_named() {
        let cases = [
            ("no time", "[fetch]\ntimeout_ms = 0", "fetch.timeout_ms"),
            (
                "too many redirects",
                "[fetch]\nmax_redirects = 9",
                "fetch.max_redirects",
            ),
            ("a negative size", "[fetch]\nmax_bytes = -1", "max_bytes"),
            (
                "a misspelt key",
                "[fetch]\nallow_privat = true",
                "allow_privat",
            ),
            (
                "a word for a number",
                "[fetch]\ntimeout_ms = \"soon\"",
                "timeout_ms",
            ),
        ];
        for (name, toml, want) in cases {
            let e = crate::config::Config::parse(toml).unwrap_err();
            assert!(e.contains(want), "{name}: {e}");
        }
        let c = crate::config::Config::parse("[fetch]\nallow_private = true").unwrap();
        assert!(c.fetch.allow_private);
        assert_eq!(c.fetch.bot_policy(), AddressPolicy::any());
    }

    #[test]
    fn private_addresses_are_off_by_default() {
        let settings = FetchSettings::default();
        assert!(!settings.allow_private);
        assert_eq!(settings.bot_policy(), AddressPolicy::public_only());
    }
}
