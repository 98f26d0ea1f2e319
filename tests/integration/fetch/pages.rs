//! Golden articles from the test site: the facts each page declares (JSON-LD first, then
//! OpenGraph, then the `<title>` and the host), its body without navigation, captions,
//! related links or comments, legacy encodings, redirect chains, and pages that are no
//! article (issue 14).

use super::site::{fetch_local, serve, FERRY_PARAGRAPHS};
use whosaid::fetch::FetchError;

/// What a golden page must give.
struct Golden {
    name: &'static str,
    path: &'static str,
    title: &'static str,
    outlet: &'static str,
    published: Option<&'static str>,
    authors: &'static [&'static str],
    /// The canonical address, after the site's base.
    canonical: &'static str,
    language: Option<&'static str>,
    /// Words the body must hold.
    holds: &'static [&'static str],
}

/// The page whose facts are in JSON-LD.
const JSON_LD: Golden = Golden {
    name: "JSON-LD wins over OpenGraph; a same-site canonical link is the address",
    path: "/jsonld?utm_source=chat#top",
    title: "Harbour council approves ferry route",
    outlet: "The Lakeside Courier",
    published: Some("2024-03-12"),
    authors: &["Mira Calloway", "Jonas Eberle"],
    canonical: "/news/ferry-route",
    language: Some("en"),
    holds: &["Tobias Wrenfield"],
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_golden_metadata() {
    let (base, _) = serve().await;
    let host = base
        .trim_start_matches("http://")
        .split(':')
        .next()
        .unwrap()
        .to_string();
    let cases = [
        JSON_LD,
        Golden {
            name: "OpenGraph and article tags only; og:url loses its tracking tag",
            path: "/og",
            title: "Council says yes to island ferry",
            outlet: "Lakeside Courier",
            published: Some("2023-11-05"),
            authors: &["Ines Marlow"],
            canonical: "/og/ferry",
            language: Some("en"),
            holds: &["Odile Brackmoor"],
        },
        Golden {
            name: "no declarations: the title and the host",
            path: "/bare?fbclid=xyz",
            title: "Ferry route approved",
            outlet: "",
            published: None,
            authors: &[],
            canonical: "/bare",
            language: Some("en"),
            holds: &["first sailing"],
        },
        Golden {
            name: "windows-1252 declared in the header",
            path: "/cp1252",
            title: "Café owners cheer the ferry",
            outlet: "",
            published: None,
            authors: &[],
            canonical: "/cp1252",
            language: Some("en"),
            holds: &["\u{201c}We have waited", "Odile Brâckmoor"],
        },
        Golden {
            name: "Shift_JIS declared in a meta tag",
            path: "/sjis",
            title: "港のフェリー",
            outlet: "",
            published: None,
            authors: &[],
            canonical: "/sjis",
            language: Some("ja"),
            holds: &["北浜 and 南浜"],
        },
        Golden {
            name: "a chain of three redirects ends at the article",
            path: "/hop/3",
            ..JSON_LD
        },
    ];
    for g in cases {
        let a = fetch_local(&format!("{base}{}", g.path))
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", g.name));
        let name = g.name;
        assert_eq!(a.url, format!("{base}{}", g.path), "{name}");
        assert_eq!(a.title, g.title, "{name}");
        let outlet = if g.outlet.is_empty() {
            host.as_str()
        } else {
            g.outlet
        };
        assert_eq!(a.outlet.as_deref(), Some(outlet), "{name}");
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            g.published,
            "{name}"
        );
        assert_eq!(a.authors, g.authors, "{name}");
        assert_eq!(a.canonical_url, format!("{base}{}", g.canonical), "{name}");
        assert_eq!(a.language.as_deref(), g.language, "{name}");
        for words in g.holds {
            assert!(
                a.text.contains(words),
                "{name}: {words:?} not in\n{}",
                a.text
            );
        }
        // no mojibake anywhere
        for bad in ["Ã", "â€", "\u{fffd}"] {
            assert!(
                !a.text.contains(bad) && !a.title.contains(bad),
                "{name}: {bad}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_the_body_is_the_article_alone() {
    let (base, _) = serve().await;
    let a = fetch_local(&format!("{base}/jsonld")).await.unwrap();
    // paragraphs separated by blank lines, each the page's own words
    let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
    for p in FERRY_PARAGRAPHS {
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            paragraphs.contains(&p.as_str()),
            "{p:?} not a paragraph of\n{}",
            a.text
        );
    }
    let furniture = [
        ("navigation", "Weather"),
        ("caption", "A ferry at the old pier"),
        ("related links", "Lighthouse keeper retires"),
        ("comments", "About time this happened"),
        ("footer", "All rights reserved"),
    ];
    for (what, words) in furniture {
        assert!(!a.text.contains(words), "{what} in the body:\n{}", a.text);
    }
}

/// Pages whose markup would cost far more than its size are refused before they are parsed:
/// ten thousand nested elements overflowed the stack and ended the process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_13_pages_too_complex_to_read_are_refused_with_a_reason() {
    let (base, _) = serve().await;
    let cases = [
        ("20,000 nested divs", "/nested", "nest more than 512 deep"),
        (
            "formatting reopened in 100,000 paragraphs",
            "/reopened",
            "more than 200000 elements",
        ),
    ];
    for (name, path, what) in cases {
        let e = fetch_local(&format!("{base}{path}")).await.unwrap_err();
        assert!(
            matches!(&e, FetchError::NotAnArticle { what: w } if w.contains(what)),
            "{name}: {e}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_pages_that_are_not_articles_are_refused() {
    let (base, _) = serve().await;
    let cases = [
        ("a PDF by its content type", "/doc.pdf", "a PDF document"),
        ("a PDF by its bytes", "/unlabelled.pdf", "a PDF document"),
        ("an image", "/photo.png", "an image"),
        ("a home page of links", "/home", "home page"),
        ("a login wall", "/login", "a sign-in page"),
    ];
    for (name, path, what) in cases {
        let e = fetch_local(&format!("{base}{path}")).await.unwrap_err();
        assert!(
            matches!(&e, FetchError::NotAnArticle { what: w } if w.contains(what)),
            "{name}: {e}"
        );
        assert!(e.to_string().contains("not an article"), "{name}: {e}");
    }
}
