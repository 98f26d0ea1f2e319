//! The test site: pages written for these tests, served on 127.0.0.1.

use axum::body::Body;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use whosaid::fetch::{AddressPolicy, FetchError, FetchSettings, WebArticle};

/// Paragraphs of an invented story with quotes and their speakers.
pub const FERRY_PARAGRAPHS: [&str; 5] = [
    "LAKESIDE — The harbour council voted on Tuesday to open a ferry route between the old \
     pier and the island villages, ending a decade of arguments over the crossing.",
    "\u{201c}The new route will cut the crossing to twenty minutes,\u{201d} said Tobias \
     Wrenfield, the council's transport chair.",
    "Residents of the island had asked for a faster link since the bridge plan was dropped, \
     and the boats are expected to bring visitors through the winter months as well.",
    "\u{201c}We have waited long enough for a boat that runs on time,\u{201d} said Odile \
     Brackmoor, who runs a bakery on the island.",
    "The first sailing is planned for the spring, once the pier has been repaired and the \
     crews have finished their training on the new vessels.",
];

/// The story's body as `<p>` elements.
fn ferry_body() -> String {
    FERRY_PARAGRAPHS
        .iter()
        .map(|p| format!("<p>{p}</p>\n"))
        .collect()
}

/// Navigation, related links and comments around every article: none of it is the body.
const NAV: &str = r#"<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>"#;
const ASIDE: &str = r#"<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Lighthouse keeper retires after forty years</a></li>
<li><a href="/b">Fishing quotas set for the coming season</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader42: About time this happened, honestly.</p></div></section>
<footer><p>Copyright The Lakeside Courier. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>"#;

/// A page with `head` inside `<head>` and the ferry story as its article.
fn article_page(head: &str, lang: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">{head}</head>\
         <body>{NAV}<main><article><h1>Harbour council approves ferry route</h1>\
         <figure><img src=\"/ferry.jpg\"><figcaption>A ferry at the old pier.</figcaption></figure>\
         {}</article></main>{ASIDE}</body></html>",
        ferry_body()
    )
}

/// Facts in JSON-LD (and contradicting OpenGraph tags, which must lose).
pub fn json_ld_page() -> String {
    article_page(
        r#"<title>Ferry vote | The Lakeside Courier</title>
<link rel="canonical" href="/news/ferry-route">
<meta property="og:title" content="An OpenGraph title that must lose">
<meta property="og:site_name" content="OpenGraph Outlet">
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour council approves ferry route","datePublished":"2024-03-12T18:30:00+01:00",
"author":[{"@type":"Person","name":"Mira Calloway"},{"@type":"Person","name":"Jonas Eberle"}],
"publisher":{"@type":"Organization","name":"The Lakeside Courier"}}</script>"#,
        "en-GB",
    )
}

/// Facts in OpenGraph and `article:*` tags only.
pub fn open_graph_page() -> String {
    article_page(
        r#"<title>Ferry vote - Lakeside Courier</title>
<meta property="og:title" content="Council says yes to island ferry">
<meta property="og:site_name" content="Lakeside Courier">
<meta property="og:url" content="/og/ferry?utm_source=feed">
<meta property="og:locale" content="en_US">
<meta property="article:published_time" content="2023-11-05T07:00:00Z">
<meta property="article:author" content="Ines Marlow">"#,
        "",
    )
}

/// No declarations at all: the `<title>` and the host.
pub fn bare_page() -> String {
    article_page("<title>Ferry route approved</title>", "en")
}

/// The story in windows-1252 with curly quotes and accents, declared in the HTTP header.
pub fn windows_1252_page() -> Vec<u8> {
    let html = article_page("<title>Café owners cheer the ferry</title>", "en")
        .replace("Odile Brackmoor", "Odile Brâckmoor");
    encoding_rs::WINDOWS_1252.encode(&html).0.into_owned()
}

/// The story in Shift_JIS with Japanese place names, declared only in `<meta charset>`.
pub fn shift_jis_page() -> Vec<u8> {
    let html = article_page("<title>港のフェリー</title>", "ja")
        .replace("<meta charset=\"utf-8\">", "<meta charset=\"Shift_JIS\">")
        .replace(
            "the island villages",
            "the island villages of 北浜 and 南浜",
        );
    encoding_rs::SHIFT_JIS.encode(&html).0.into_owned()
}

/// A home page: headlines and links, no article.
fn home_page() -> String {
    let items: String = (1..=30)
        .map(|i| format!("<li><a href=\"/news/{i}\">Story number {i} about the harbour and its boats</a></li>"))
        .collect();
    format!(
        "<!doctype html><html><head><title>The Lakeside Courier</title>\
         <meta property=\"og:type\" content=\"website\"></head><body>{NAV}\
         <main><h2>Top stories</h2><ul>{items}</ul></main></body></html>"
    )
}

/// A login wall.
fn login_page() -> String {
    format!(
        "<!doctype html><html><head><title>Sign in</title></head><body>{NAV}<main>\
         <h1>Subscribe to keep reading</h1><p>This story is for subscribers only.</p>\
         <form action=\"/login\" method=\"post\"><input type=\"email\" name=\"email\">\
         <input type=\"password\" name=\"password\"><button>Sign in</button></form></main>\
         </body></html>"
    )
}

/// The site. `/live` answers a text that changes each time `edition` is bumped.
pub fn router(edition: Arc<AtomicUsize>) -> Router {
    let html = |body: String| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body);
    Router::new()
        .route("/jsonld", get(move || async move { html(json_ld_page()) }))
        .route(
            "/news/ferry-route",
            get(move || async move { html(json_ld_page()) }),
        )
        .route("/og", get(move || async move { html(open_graph_page()) }))
        .route("/bare", get(move || async move { html(bare_page()) }))
        .route(
            "/cp1252",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/html; charset=windows-1252")],
                    windows_1252_page(),
                )
            }),
        )
        .route(
            "/sjis",
            get(|| async { ([(header::CONTENT_TYPE, "text/html")], shift_jis_page()) }),
        )
        .route("/home", get(move || async move { html(home_page()) }))
        .route(
            "/nested",
            get(move || async move { html(format!("<html><body>{}x", "<div>".repeat(20_000))) }),
        )
        .route(
            "/reopened",
            get(move || async move { html(format!("<html><body><b><i><u>{}", "<p>x".repeat(60_000))) }),
        )
        .route("/login", get(move || async move { html(login_page()) }))
        .route(
            "/doc.pdf",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/pdf")],
                    &b"%PDF-1.7\n"[..],
                )
            }),
        )
        .route(
            "/photo.png",
            get(|| async { ([(header::CONTENT_TYPE, "image/png")], &b"\x89PNG\r\n"[..]) }),
        )
        .route(
            "/unlabelled.pdf",
            get(|| async { Body::from(&b"%PDF-1.7\n"[..]) }),
        )
        .route("/hop/{n}", get(hop))
        .route("/to/{target}", get(to))
        .route("/huge", get(huge))
        .route("/huge-announced", get(huge_announced))
        .route("/slow", get(slow))
        .route("/trickle", get(trickle))
        .route(
            "/live",
            get(move || {
                let n = edition.load(Ordering::SeqCst);
                async move { html(live_page(n)) }
            }),
        )
}

/// `/hop/N` redirects to `/hop/N-1`; `/hop/0` is the article.
async fn hop(Path(n): Path<usize>) -> Response {
    if n == 0 {
        return (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            json_ld_page(),
        )
            .into_response();
    }
    Redirect::temporary(&format!("/hop/{}", n - 1)).into_response()
}

/// Redirects somewhere the guard must judge.
async fn to(Path(target): Path<String>, headers: axum::http::HeaderMap) -> Response {
    let port = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.rsplit(':').next())
        .unwrap_or("80")
        .to_string();
    let location = match target.as_str() {
        "loopback" => format!("http://127.0.0.2:{port}/jsonld"),
        "ipv6-loopback" => format!("http://[::1]:{port}/jsonld"),
        "metadata" => "http://169.254.169.254/latest/meta-data/".to_string(),
        "file" => "file:///etc/passwd".to_string(),
        _ => "/jsonld".to_string(),
    };
    Redirect::temporary(&location).into_response()
}

/// Two megabytes of page, sent in pieces with no length announced.
async fn huge() -> Response {
    let chunks = (0..2048).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 1024]));
    (
        [(header::CONTENT_TYPE, "text/html")],
        Body::from_stream(futures_util::stream::iter(chunks)),
    )
        .into_response()
}

/// A page announcing two megabytes.
async fn huge_announced() -> Response {
    ([(header::CONTENT_TYPE, "text/html")], vec![b' '; 2 << 20]).into_response()
}

/// An answer that starts after thirty seconds.
async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(30)).await;
    "late"
}

/// An answer that starts at once and then sends a byte every half second, for a minute.
async fn trickle() -> Response {
    let stream = futures_util::stream::unfold(0u32, |n| async move {
        if n >= 120 {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        Some((Ok::<_, std::io::Error>(vec![b'<']), n + 1))
    });
    (
        [(header::CONTENT_TYPE, "text/html")],
        Body::from_stream(stream),
    )
        .into_response()
}

/// The story at `/live`, edition `n` (its own address, its own text): from the second edition
/// on, the text has changed.
fn live_page(n: usize) -> String {
    let page = json_ld_page().replace("<link rel=\"canonical\" href=\"/news/ferry-route\">", "");
    let minutes = if n == 0 { "twenty-five" } else { "eighteen" };
    page.replace("twenty minutes", &format!("{minutes} minutes"))
}

/// The site, served on 127.0.0.1: its base address and the live story's edition counter.
pub async fn serve() -> (String, Arc<AtomicUsize>) {
    let edition = Arc::new(AtomicUsize::new(0));
    let app = router(edition.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, edition)
}

/// Settings for tests: short limits.
pub fn settings() -> FetchSettings {
    FetchSettings {
        timeout_ms: 3_000,
        max_bytes: 256 * 1024,
        ..FetchSettings::default()
    }
}

/// Fetches from the test site, allowing exactly 127.0.0.1 besides public addresses.
pub async fn fetch_local(url: &str) -> Result<WebArticle, FetchError> {
    whosaid::fetch::fetch(url, &settings(), &local_only()).await
}

/// Public addresses and 127.0.0.1 (where the test site is), nothing else.
pub fn local_only() -> AddressPolicy {
    AddressPolicy {
        allow_private: false,
        exempt: vec!["127.0.0.1".parse().unwrap()],
    }
}
