//! A link as typed or pasted, made into the one address an article is known by.
//!
//! The same story is shared with a `#fragment`, with `utm_*` campaign tags and with the click
//! ids of social networks; none of them makes another article. Canonicalising the address
//! before it becomes the article's id means a link pasted twice is "already indexed", however
//! it was decorated.

use super::FetchError;
use reqwest::Url;

/// Query parameters that only track who clicked where (besides every `utm_*`).
const TRACKING: [&str; 16] = [
    "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
];

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING.contains(&name.as_str())
}

/// Parses a link given by a user: an absolute `http` or `https` address with a host, no user
/// name or password in it.
pub fn parse_link(link: &str) -> Result<Url, FetchError> {
    let link = link.trim();
    let bad = |reason: &str| FetchError::BadUrl {
        url: super::shown(link),
        reason: reason.to_string(),
    };
    let url = Url::parse(link).map_err(|e| bad(&e.to_string()))?;
    check_scheme(&url)?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "addresses with a user name or password are not fetched",
        ));
    }
    Ok(url)
}

/// Only `http` and `https` are fetched (also where a redirect points).
pub fn check_scheme(url: &Url) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        other => Err(FetchError::Scheme {
            scheme: other.to_string(),
        }),
    }
}

/// The address without its fragment and tracking parameters; the other parameters keep their
/// order. Scheme and host are already lower case and a default port is already gone (the
/// URL parser sees to both).
pub fn canonical(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_fragment(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    url
}

/// The host without a leading `www.`: two addresses with the same site are one publisher's.
pub fn site(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_addresses() {
        let cases = [
            (
                "a fragment goes",
                "https://news.example/a/story#comments",
                "https://news.example/a/story",
            ),
            (
                "campaign tags go, other parameters stay in order",
                "https://news.example/story?id=7&utm_source=x&UTM_Medium=y&page=2",
                "https://news.example/story?id=7&page=2",
            ),
            (
                "click ids go, and with them the empty query",
                "https://news.example/story?fbclid=abc&gclid=def",
                "https://news.example/story",
            ),
            (
                "scheme and host case, default port",
                "HTTPS://News.Example:443/Story",
                "https://news.example/Story",
            ),
            (
                "an address without decoration is unchanged",
                "http://news.example/2024/05/story.html?id=3",
                "http://news.example/2024/05/story.html?id=3",
            ),
        ];
        for (name, given, want) in cases {
            let url = parse_link(given).unwrap();
            assert_eq!(canonical(&url).as_str(), want, "{name}");
        }
    }

    #[test]
    fn links_that_are_not_fetched() {
        let cases = [
            ("not an address", "news story", "not a valid"),
            ("relative", "/story", "not a valid"),
            ("a file", "file:///etc/passwd", "only http"),
            ("ftp", "ftp://news.example/story", "only http"),
            ("javascript", "javascript:alert(1)", "only http"),
            ("credentials", "https://user:pw@news.example/", "user name"),
        ];
        for (name, link, want) in cases {
            let e = parse_link(link).unwrap_err().to_string();
            assert!(e.contains(want), "{name}: {e}");
        }
    }
}
