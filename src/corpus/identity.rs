//! Which article an added text is: the address it was published at, or else its text.
//!
//! A file's name says nothing about what it holds: two different stories are both called
//! `story.txt`, and anyone can name an upload like an article already indexed. So an article
//! added while the index is in use (`whosaid ingest`, `/ingest`) is identified by its URL when
//! it has one, otherwise by a cryptographic hash of its text: the same text is the same
//! article, a different text a different one. Replacing an article's text is asked for
//! explicitly, never inferred from a name.

use sha2::{Digest, Sha256};

/// Hex digits of the hash kept in an id: 80 bits, so two different texts share an id with
/// odds far below one in a billion even among billions of articles.
const ID_HEX: usize = 20;

/// The hex digest of `bytes`, cut to `n` digits.
fn digest(bytes: &[u8], n: usize) -> String {
    let hash = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in hash {
        out.push_str(&format!("{b:02x}"));
    }
    out.truncate(n);
    out
}

/// An address as an identity: surrounding spaces, a `#fragment` and a trailing `/` do not
/// make another article, nor does the case of the scheme and host.
fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let url = url.trim_end_matches('/');
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            format!(
                "{}://{}{path}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase()
            )
        }
        None => url.to_string(),
    }
}

/// The id of an added article: `u-…` from its URL when it has one, else `t-…` from its text.
pub fn article_id(url: Option<&str>, text: &str) -> String {
    match url.map(normalize_url).filter(|u| !u.is_empty()) {
        Some(u) => format!("u-{}", digest(u.as_bytes(), ID_HEX)),
        None => format!("t-{}", digest(text.trim().as_bytes(), ID_HEX)),
    }
}

/// Fingerprint of an article's text: equal texts (up to surrounding white space) are the
/// same article.
pub fn text_fingerprint(text: &str) -> String {
    digest(text.trim().as_bytes(), 32)
}

/// A short collision-resistant hash of `s`, for file names.
pub fn name_hash(s: &str) -> String {
    digest(s.as_bytes(), 16)
}

/// The name the base collection (the configured corpus) goes by.
pub const BASE_COLLECTION: &str = "base";

/// Longest collection name.
const MAX_COLLECTION: usize = 40;

/// A collection's name, checked: 1 to 40 lower-case letters, digits and dashes, starting with
/// a letter or digit, and not the base's name.
pub fn collection_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if name.is_empty() || name.len() > MAX_COLLECTION || !ok_chars || name.starts_with('-') {
        return Err(format!(
            "{name:?} is not a collection name: use 1 to {MAX_COLLECTION} lower-case letters, \
             digits and dashes"
        ));
    }
    if name == BASE_COLLECTION {
        return Err(format!(
            "\"{BASE_COLLECTION}\" is the shared collection, not one to add to by name"
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_address_else_from_the_text() {
        let cases = [
            (
                "the same text is the same article",
                None,
                "A story.",
                None,
                "A story.\n",
                true,
            ),
            (
                "another text is another article",
                None,
                "A story.",
                None,
                "A story!",
                false,
            ),
            (
                "the address wins over the text",
                Some("https://news.example/a"),
                "First text.",
                Some("https://news.example/a"),
                "Second text.",
                true,
            ),
            (
                "a fragment, a final slash and the host's case do not matter",
                Some("https://News.Example/a/#top"),
                "x",
                Some("https://news.example/a"),
                "y",
                true,
            ),
            (
                "the path's case does",
                Some("https://news.example/A"),
                "x",
                Some("https://news.example/a"),
                "x",
                false,
            ),
            (
                "a blank address is no address",
                Some("  "),
                "x",
                None,
                "x",
                true,
            ),
        ];
        for (name, url_a, text_a, url_b, text_b, same) in cases {
            let (a, b) = (article_id(url_a, text_a), article_id(url_b, text_b));
            assert_eq!(a == b, same, "{name}: {a} {b}");
        }
        assert!(article_id(None, "x").starts_with("t-"));
        assert!(article_id(Some("https://a.example"), "x").starts_with("u-"));
        assert_eq!(article_id(None, "x").len(), 2 + ID_HEX);
    }

    #[test]
    fn collection_names() {
        for good in ["team-a", "server-1234", "x"] {
            assert_eq!(collection_name(good).as_deref(), Ok(good));
        }
        for bad in ["", "Team", "a b", "-a", "base", "a/b", &"a".repeat(41)] {
            assert!(collection_name(bad).is_err(), "{bad}");
        }
    }
}
