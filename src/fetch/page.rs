//! From a page's bytes to the article: the content type, the character set, the body text and
//! whether there is an article at all.
//!
//! The body is found by the `trafilatura` crate (a port of trafilatura, the best of the
//! extractors measured on real news pages, see the README); this module decodes what it
//! reads, has what the extractor keeps laid out as the project's text ([`super::paragraphs`])
//! and drops the two things that are no part of the article: the headline repeated at the top
//! and short paragraphs that are one of the page's links. A page whose body is too short, made
//! of its own links, or a sign-in form is no article and gives a [`FetchError::NotAnArticle`].

use super::complexity;
use super::http::Page;
use super::metadata::{self, squash, Declared};
use super::url::{canonical, site};
use super::{FetchError, WebArticle};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use reqwest::Url;
use scraper::Html;
use std::collections::HashSet;

/// Fewest words an article's body has (two characters of a script written without spaces,
/// Chinese or Japanese, count as one word).
pub const MIN_WORDS: usize = 40;

/// Bytes at the start of a page searched for a `<meta charset>`.
const PRESCAN: usize = 4096;

/// Refuses, from its declared type, a response that is no web page; a missing type is
/// judged from the bytes later.
pub(super) fn check_content_type(content_type: Option<&str>) -> Result<(), FetchError> {
    let Some(ct) = content_type else {
        return Ok(());
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let what = match mime.as_str() {
        "" | "text/html" | "application/xhtml+xml" => return Ok(()),
        "application/pdf" => "a PDF document".to_string(),
        m if m.starts_with("image/") => "an image".to_string(),
        m if m.starts_with("video/") => "a video".to_string(),
        m if m.starts_with("audio/") => "a sound file".to_string(),
        m => format!("a {} file", super::shown(m)),
    };
    Err(FetchError::NotAnArticle { what })
}

/// What the first bytes of a body say it is, when it is plainly no web page.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 6] = [
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "an image"),
        (b"\xff\xd8\xff", "an image"),
        (b"GIF8", "an image"),
        (b"PK\x03\x04", "an archive"),
        (b"\x1f\x8b", "a compressed file"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// The encoding a `<meta charset>` or `<meta http-equiv=Content-Type>` near the top names.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta").map(|i| i + from) {
        let end = find(&lower[i..], b">").map_or(lower.len(), |e| i + e);
        let tag = &lower[i..end];
        if let Some(c) = find(tag, b"charset=") {
            let value: Vec<u8> = tag[c + 8..]
                .iter()
                .copied()
                .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
                .take_while(|b| !matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .collect();
            if let Some(e) = Encoding::for_label(&value) {
                return Some(e);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a page: a byte order mark first, then the charset the HTTP header declares, then a
/// `<meta charset>` near the top, else UTF-8 when the bytes are UTF-8 and windows-1252 when
/// not (what browsers assume). Bytes that are valid UTF-8 with non-ASCII characters in them
/// are read as UTF-8 whatever was declared: a wrong declaration is common, and reading UTF-8
/// as a legacy encoding is exactly mojibake.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    let utf8 = std::str::from_utf8(bytes).is_ok();
    if utf8 && !bytes.is_ascii() {
        return UTF_8.decode_without_bom_handling(bytes).0.into_owned();
    }
    let declared = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]));
    let encoding = match declared {
        // a page cannot declare itself UTF-16 from inside: that is UTF-8 (HTML's rule)
        Some(e) => e.output_encoding(),
        None if utf8 => UTF_8,
        None => WINDOWS_1252,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The article in a fetched page.
pub(super) fn article(requested: &Url, page: Page) -> Result<WebArticle, FetchError> {
    if let Some(what) = sniff(&page.bytes) {
        return Err(FetchError::NotAnArticle { what: what.into() });
    }
    let html = decode_html(&page.bytes, page.content_type.as_deref());
    article_from_html(requested, &page.url, &html)
}

/// The article in the page `html`, fetched as `requested` and found at `fetched` (after
/// redirects).
pub fn article_from_html(
    requested: &Url,
    fetched: &Url,
    html: &str,
) -> Result<WebArticle, FetchError> {
    let too_complex = |t: complexity::TooComplex| FetchError::NotAnArticle { what: t.what() };
    if let Some(t) = complexity::by_tags(html) {
        return Err(too_complex(t));
    }
    let doc = Html::parse_document(html);
    if let Some(t) = complexity::by_tree(&doc) {
        return Err(too_complex(t));
    }
    let declared = metadata::read(&doc);
    drop(doc);
    let paragraphs = body(html, fetched);
    refuse_non_article(&paragraphs.join("\n\n"), &declared)?;
    let canonical_url = declared
        .canonical
        .as_deref()
        .and_then(|c| fetched.join(c).ok())
        .filter(|c| matches!(c.scheme(), "http" | "https") && site(c) == site(fetched))
        .unwrap_or_else(|| fetched.clone());
    let canonical_url = canonical(&canonical_url);
    let outlet = declared.outlet.clone().or_else(|| {
        let host = site(fetched);
        (!host.is_empty()).then_some(host)
    });
    let title = declared
        .title
        .as_deref()
        .map(|t| headline(t, outlet.as_deref()))
        .unwrap_or_default();
    let text = tidy(paragraphs, &title, &declared.link_texts).join("\n\n");
    Ok(WebArticle {
        url: requested.to_string(),
        canonical_url: canonical_url.to_string(),
        title,
        outlet,
        published: declared.published,
        authors: declared.authors,
        text,
        language: declared.language,
    })
}

/// The paragraphs of the page's body (see [`super::paragraphs`]).
fn body(html: &str, url: &Url) -> Vec<String> {
    let options = trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorRecall)
        .with_max_tree_size(complexity::MAX_ELEMENTS)
        .with_url(url.clone());
    let Ok(result) = trafilatura::extract(html, &options) else {
        return Vec::new();
    };
    super::paragraphs::paragraphs(&result.content_html)
}

/// Most words of a paragraph that is one of the page's links and so no part of the body.
const LINK_WORDS: usize = 12;

/// The body without what is not the article's own text: the headline repeated at its top, and
/// short paragraphs that are one of the page's links ("Read more", a related story).
fn tidy(paragraphs: Vec<String>, title: &str, links: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.into_iter().enumerate() {
        let headline = i < 2 && !title.is_empty() && p.eq_ignore_ascii_case(title);
        let link = links.contains(&p) && p.split_whitespace().count() <= LINK_WORDS;
        if !headline && !link {
            out.push(p);
        }
    }
    out
}

/// A headline without the outlet's name the `<title>` often ends with ("Story | Outlet").
fn headline(title: &str, outlet: Option<&str>) -> String {
    let title = squash(title);
    let Some(outlet) = outlet else {
        return title;
    };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(outlet.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// Refuses a page with no article in it: a sign-in form, a body made mostly of the page's own
/// link texts (a home page, a section front), or too short a text.
fn refuse_non_article(text: &str, declared: &Declared) -> Result<(), FetchError> {
    let words = text.split_whitespace().count();
    let linked: usize = text
        .split("\n\n")
        .filter(|p| declared.link_texts.contains(*p))
        .map(|p| p.split_whitespace().count())
        .sum();
    let what = if declared.password_form && words < 4 * MIN_WORDS {
        "a sign-in page"
    } else if words > 0 && linked * 2 > words {
        "a page of links (a home page or a section front)"
    } else if words + text.chars().filter(|&c| c >= '\u{2e80}').count() / 2 < MIN_WORDS {
        "a page without an article's text (a home page, a list or a sign-in page)"
    } else {
        return Ok(());
    };
    Err(FetchError::NotAnArticle { what: what.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        let cases: [(&str, &[u8], Option<&str>, &str); 8] = [
            ("UTF-8, undeclared", "café".as_bytes(), None, "café"),
            ("windows-1252 from the header", b"caf\xe9", Some("text/html; charset=windows-1252"), "café"),
            ("ISO-8859-1 is read as windows-1252", b"\x93caf\xe9\x94", Some("text/html; charset=ISO-8859-1"), "“café”"),
            ("undeclared legacy bytes are windows-1252", b"caf\xe9", None, "café"),
            ("a meta charset", b"<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b</p>", None, "<meta charset=\"shift_jis\"><p>日本</p>"),
            ("an http-equiv meta", b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">caf\xe9", None, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">café"),
            ("UTF-8 declared as Latin-1 stays UTF-8", "café".as_bytes(), Some("text/html; charset=iso-8859-1"), "café"),
            ("a byte order mark wins", b"\xef\xbb\xbfcaf\xc3\xa9", Some("text/html; charset=windows-1252"), "café"),
        ];
        for (name, bytes, ct, want) in cases {
            assert_eq!(decode_html(bytes, ct), want, "{name}");
        }
    }

    #[test]
    fn content_types() {
        let cases = [
            ("html", Some("text/html; charset=utf-8"), None),
            ("xhtml", Some("application/xhtml+xml"), None),
            ("none said", None, None),
            ("pdf", Some("application/pdf"), Some("a PDF document")),
            ("image", Some("image/png"), Some("an image")),
            (
                "json",
                Some("application/json"),
                Some("a application/json file"),
            ),
        ];
        for (name, ct, want) in cases {
            let got = check_content_type(ct).err().map(|e| match e {
                FetchError::NotAnArticle { what } => what,
                e => e.to_string(),
            });
            assert_eq!(got.as_deref(), want, "{name}");
        }
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("a PDF document"));
        assert_eq!(sniff(b"<!doctype html>"), None);
    }

    #[test]
    fn the_body_keeps_the_articles_own_text() {
        let links: HashSet<String> = ["Read more about the ferry", "Weather"]
            .into_iter()
            .map(String::from)
            .collect();
        let long_link = "A linked paragraph long enough to be the article's own words, as \
                         some sites link a whole sentence";
        let cases: [(&str, &[&str], &[&str]); 4] = [
            (
                "the headline at the top goes",
                &["Ferry route approved", "Body."],
                &["Body."],
            ),
            (
                "the headline further down stays",
                &["Intro.", "More.", "Ferry route approved"],
                &["Intro.", "More.", "Ferry route approved"],
            ),
            (
                "a short paragraph that is a link goes",
                &["Body.", "Read more about the ferry", "Weather"],
                &["Body."],
            ),
            ("a long one stays", &[long_link], &[long_link]),
        ];
        let mut links = links;
        links.insert(long_link.to_string());
        for (name, given, want) in cases {
            let given = given.iter().map(|p| p.to_string()).collect();
            assert_eq!(tidy(given, "Ferry Route Approved", &links), want, "{name}");
        }
    }

    #[test]
    fn headlines_lose_the_outlet() {
        let cases = [
            (
                "Storm closes port | The Harbour Post",
                Some("The Harbour Post"),
                "Storm closes port",
            ),
            (
                "Storm closes port - harbour post",
                Some("Harbour Post"),
                "Storm closes port",
            ),
            (
                "Storm - the port closes",
                Some("Harbour Post"),
                "Storm - the port closes",
            ),
            ("Storm closes port", None, "Storm closes port"),
        ];
        for (title, outlet, want) in cases {
            assert_eq!(headline(title, outlet), want, "{title}");
        }
    }
}
