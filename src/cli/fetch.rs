//! `whosaid fetch URL`: the article at a link as it would be indexed, and the fetching that
//! `whosaid ingest URL...` shares. The command line is run by the operator, so it may fetch
//! from any address (the bot only from public ones unless its settings say otherwise).

use crate::config::Config;
use crate::corpus::Article;
use crate::fetch::{fetch_blocking, AddressPolicy, WebArticle};
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// The article's address (http or https).
    pub url: String,
    /// Print the article as JSON: url, canonical_url, title, outlet, published, authors,
    /// text, language.
    #[arg(long)]
    pub json: bool,
}

/// Whether a command-line argument is a link rather than a path.
pub(super) fn is_link(arg: &str) -> bool {
    let lower = arg.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `link` within the `[fetch]` limits, from any address.
fn get(config: &Config, link: &str) -> Result<WebArticle, crate::fetch::FetchError> {
    fetch_blocking(link, &config.fetch, &AddressPolicy::any())
}

/// The articles at `links`, each fetched in turn; every failure is named, with its link.
pub(super) fn fetch_all(config: &Config, links: &[String]) -> (Vec<Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for link in links {
        match get(config, link) {
            Ok(a) => articles.push(a.to_article()),
            Err(e) => problems.push(format!("{}: {e}", crate::fetch::shown(link))),
        }
    }
    (articles, problems)
}

/// The article as text: its facts, a blank line, then its body.
fn text(a: &WebArticle) -> String {
    let mut out = format!("{}\n", a.title);
    let facts = [
        ("outlet", a.outlet.clone()),
        ("published", a.published.map(|d| d.to_string())),
        (
            "authors",
            (!a.authors.is_empty()).then(|| a.authors.join(", ")),
        ),
        ("url", Some(a.canonical_url.clone())),
        ("language", a.language.clone()),
    ];
    for (name, value) in facts {
        if let Some(v) = value {
            out.push_str(&format!("{name}: {v}\n"));
        }
    }
    out.push('\n');
    out.push_str(&a.text);
    out.push('\n');
    out
}

pub(super) fn fetch(config: &Config, args: FetchArgs) -> Result<()> {
    let article = get(config, &args.url)?;
    super::emit(args.json, &article, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_told_from_paths() {
        let cases = [
            ("https", "https://news.example/story", true),
            ("http, upper case", "HTTP://news.example/story", true),
            ("a file", "story.txt", false),
            ("a directory named like a scheme", "http/story.txt", false),
            ("another scheme", "ftp://news.example/story", false),
        ];
        for (name, arg, link) in cases {
            assert_eq!(is_link(arg), link, "{name}");
        }
    }
}
