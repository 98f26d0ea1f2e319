//! What a page declares about itself: headline, outlet, date, authors, canonical address and
//! language.
//!
//! Publishers state these facts for search engines and social networks, so the page's own
//! declarations are read first, in order of precision: JSON-LD (`NewsArticle`, `Article`,
//! `BlogPosting`…), then OpenGraph and `article:*` meta tags, then the `<title>` (the outlet
//! then falls back to the address's host, see [`super::page`]). Nothing is guessed from the
//! body text.

use crate::corpus::Date;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::HashSet;

/// What the page says about itself; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Declared {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub authors: Vec<String>,
    /// The canonical address the page names (`<link rel=canonical>`, `og:url`, JSON-LD
    /// `url`), as written: maybe relative, maybe another site's.
    pub canonical: Option<String>,
    pub language: Option<String>,
    /// The page asks for a password (a sign-in form).
    pub password_form: bool,
    /// The texts of the page's links, normalised: a body made of them is a list of links.
    pub link_texts: HashSet<String>,
}

/// Deepest JSON-LD nesting looked into.
const MAX_DEPTH: usize = 6;

/// Most JSON-LD objects examined on one page.
const MAX_NODES: usize = 2000;

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn select<'a>(doc: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    selector(s).map_or_else(Vec::new, |sel| doc.select(&sel).collect())
}

/// White space runs made one space, trimmed.
pub(super) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nonempty(s: &str) -> Option<String> {
    let s = squash(s);
    (!s.is_empty()).then_some(s)
}

/// Reads the declarations of a parsed page.
pub(super) fn read(doc: &Html) -> Declared {
    let mut d = Declared::default();
    json_ld(doc, &mut d);
    meta_tags(doc, &mut d);
    if d.title.is_none() {
        d.title = select(doc, "title")
            .first()
            .and_then(|t| nonempty(&t.text().collect::<String>()));
    }
    if let Some(lang) = select(doc, "html")
        .first()
        .and_then(|h| h.value().attr("lang"))
        .and_then(language)
    {
        d.language = Some(lang);
    }
    d.password_form = select(doc, "input").iter().any(|i| {
        i.value()
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("password"))
    });
    d.link_texts = select(doc, "a")
        .iter()
        .filter_map(|a| nonempty(&a.text().collect::<String>()))
        .collect();
    d
}

/// The JSON-LD article node's facts.
fn json_ld(doc: &Html, d: &mut Declared) {
    for script in select(doc, "script") {
        let is_ld = script
            .value()
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut nodes = Vec::new();
        collect_nodes(&value, 0, &mut nodes);
        if let Some(node) = nodes.into_iter().find(|n| is_article(n)) {
            d.title = str_of(node.get("headline")).or_else(|| str_of(node.get("name")));
            d.published = str_of(node.get("datePublished")).and_then(|s| date(&s));
            d.authors = names(node.get("author"));
            d.outlet = names(node.get("publisher")).into_iter().next();
            d.canonical = str_of(node.get("url")).or_else(|| match node.get("mainEntityOfPage") {
                Some(Value::Object(o)) => str_of(o.get("@id")),
                other => str_of(other),
            });
            d.language = str_of(node.get("inLanguage")).and_then(|l| language(&l));
            return;
        }
    }
}

/// Every object of a JSON-LD document (arrays and `@graph` opened), to a bounded depth and
/// count.
fn collect_nodes<'a>(v: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    if depth > MAX_DEPTH || out.len() >= MAX_NODES {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                collect_nodes(item, depth + 1, out);
            }
        }
        Value::Object(o) => {
            out.push(v);
            if let Some(graph) = o.get("@graph") {
                collect_nodes(graph, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Whether a JSON-LD node is an article of some kind (`NewsArticle`, `ReportageNewsArticle`,
/// `BlogPosting`, `Report`…).
fn is_article(node: &Value) -> bool {
    let kind = |t: &str| t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report";
    match node.get("@type") {
        Some(Value::String(t)) => kind(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(kind),
        _ => false,
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => nonempty(s),
        Value::Array(items) => items.iter().find_map(|i| str_of(Some(i))),
        _ => None,
    }
}

/// Names of people or organisations: a string, an object with a `name`, or a list of them.
/// Addresses (a profile page given as an author) are no names.
/// Most authors a page is taken to declare: a byline names a few, and a page with thousands
/// of author tags (each compared with those before it) would cost the square of their number.
const MAX_AUTHORS: usize = 20;

fn names(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: Option<String>| {
        if let Some(name) = s.and_then(|s| person(&s)) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    };
    match v {
        Some(Value::Array(items)) => {
            for item in items.iter().take(MAX_AUTHORS) {
                add(name_of(item));
            }
        }
        Some(item) => add(name_of(item)),
        None => {}
    }
    out
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => nonempty(s),
        Value::Object(o) => str_of(o.get("name")),
        _ => None,
    }
}

/// A name as shown: no leading "By", no address.
fn person(s: &str) -> Option<String> {
    let s = squash(s);
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .unwrap_or(&s)
        .trim();
    let address = s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/');
    (!s.is_empty() && !address).then(|| s.to_string())
}

/// OpenGraph, `article:*` and the usual `name=` meta tags, and `<link rel=canonical>`: each
/// fills only what JSON-LD left empty.
fn meta_tags(doc: &Html, d: &mut Declared) {
    let mut title = None;
    let mut outlet = None;
    let mut published = None;
    let mut authors = Vec::new();
    let mut canonical = None;
    let mut locale = None;
    for m in select(doc, "meta") {
        let el = m.value();
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .map(|k| k.trim().to_ascii_lowercase());
        let (Some(key), Some(content)) = (key, el.attr("content").and_then(nonempty)) else {
            continue;
        };
        match key.as_str() {
            "og:title" => title = title.or(Some(content)),
            "og:site_name" => outlet = outlet.or(Some(content)),
            "og:url" => canonical = canonical.or(Some(content)),
            "og:locale" => locale = locale.or_else(|| language(&content)),
            "article:published_time"
            | "og:article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "dc.date.issued" => {
                published = published.or_else(|| date(&content));
            }
            "article:author" | "og:article:author" | "author" => {
                if let Some(name) = person(&content).filter(|_| authors.len() < MAX_AUTHORS) {
                    if !authors.contains(&name) {
                        authors.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    let link_canonical = select(doc, "link").into_iter().find_map(|l| {
        let rel = l.value().attr("rel")?;
        rel.split_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| l.value().attr("href").and_then(nonempty))
            .flatten()
    });
    d.title = d.title.take().or(title);
    d.outlet = d.outlet.take().or(outlet);
    d.published = d.published.or(published);
    if d.authors.is_empty() {
        d.authors = authors;
    }
    d.canonical = link_canonical.or(d.canonical.take()).or(canonical);
    d.language = d.language.take().or(locale);
}

/// A language tag's primary subtag, lower case (`en-GB` → `en`, `fr_FR` → `fr`).
fn language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some(primary)
}

/// A declared date as `YYYY-MM-DD`: ISO 8601 (`2024-05-01`, `2024-05-01T09:30:00+02:00`, the
/// same with slashes), or RFC 2822 (`Wed, 01 May 2024 09:30:00 GMT`). The date is the one
/// written, in the publisher's own time zone.
pub(super) fn date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head: String = s
        .chars()
        .take(10)
        .map(|c| if c == '/' { '-' } else { c })
        .collect();
    let rest = s.get(head.len()..).unwrap_or("");
    let iso_tail = rest.is_empty() || rest.starts_with(['T', ' ', 'Z', '+']);
    if iso_tail {
        if let Some(d) = Date::parse(&head) {
            return Some(d);
        }
    }
    let parsed = chrono::DateTime::parse_from_rfc2822(s).ok()?;
    Date::parse(&parsed.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalised() {
        let cases = [
            ("a date", "2024-05-01", Some("2024-05-01")),
            (
                "a timestamp",
                "2024-05-01T09:30:00+02:00",
                Some("2024-05-01"),
            ),
            ("UTC", "2024-05-01T23:59:59Z", Some("2024-05-01")),
            ("slashes", "2024/05/01", Some("2024-05-01")),
            (
                "RFC 2822",
                "Wed, 01 May 2024 09:30:00 GMT",
                Some("2024-05-01"),
            ),
            ("no such day", "2024-02-30", None),
            ("words", "yesterday", None),
            ("empty", "", None),
        ];
        for (name, given, want) in cases {
            assert_eq!(
                date(given).map(|d| d.to_string()).as_deref(),
                want,
                "{name}"
            );
        }
    }

    #[test]
    fn languages() {
        let cases = [
            ("en", Some("en")),
            ("en-GB", Some("en")),
            ("fr_FR", Some("fr")),
            ("", None),
            ("x", None),
            ("english", None),
        ];
        for (given, want) in cases {
            assert_eq!(language(given).as_deref(), want, "{given}");
        }
    }

    #[test]
    fn json_ld_nodes_are_found_in_graphs_and_lists() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["NewsArticle"],"headline":"Inside the graph",
               "author":[{"@type":"Person","name":"By Ada Quill"},"https://x.example/staff/1",
                         {"name":"Ben Rook"}],
               "publisher":{"@type":"Organization","name":"The Daily Example"},
               "datePublished":"2023-11-02T08:00:00-05:00"}]}
            </script></head><body></body></html>"#;
        let d = read(&Html::parse_document(page));
        assert_eq!(d.title.as_deref(), Some("Inside the graph"));
        assert_eq!(d.authors, ["Ada Quill", "Ben Rook"]);
        assert_eq!(d.outlet.as_deref(), Some("The Daily Example"));
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2023-11-02")
        );
    }

    #[test]
    fn issue_13_a_page_of_thousands_of_author_tags_names_the_first_twenty() {
        let tags: String = (0..5_000)
            .map(|i| format!("<meta name=\"author\" content=\"Ada Quill{i}\">"))
            .collect();
        let page = format!("<html><head>{tags}</head><body></body></html>");
        let d = read(&Html::parse_document(&page));
        assert_eq!(d.authors.len(), MAX_AUTHORS);
        assert_eq!(d.authors[0], "Ada Quill0");
    }

    #[test]
    fn broken_json_ld_is_passed_over() {
        let page = r#"<html><head><title>T</title>
            <script type="application/ld+json">{"@type":"NewsArticle", broken</script>
            <meta property="og:title" content="From OpenGraph"></head></html>"#;
        let d = read(&Html::parse_document(page));
        assert_eq!(d.title.as_deref(), Some("From OpenGraph"));
    }
}
