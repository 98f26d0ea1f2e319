//! A fetched article goes through the same extraction and the same ingest as a file: its
//! quotes are found with their speakers, cited with the article's address, added once, and
//! updated when the page's text changes; `/ingest url:` does the same in a server's
//! collection, and refuses a private address unless the settings allow it (issue 14).

use super::site::{fetch_local, serve};
use crate::discord::helpers::{command_json, respond, USER_ID};
use crate::discord::ingest::{fresh_bot, MANAGER};
use crate::helpers::{assert_quote_invariants, stderr, stdout, whosaid_in};
use serde_json::Value;
use std::path::Path;
use std::sync::atomic::Ordering;
use whosaid::extract::{Extractor, Knowledge};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_fetched_quotes_are_found_with_their_speakers() {
    let (base, _) = serve().await;
    let fetched = fetch_local(&format!("{base}/jsonld")).await.unwrap();
    let article = fetched.to_article();
    assert_eq!(article.url.as_deref(), Some(fetched.canonical_url.as_str()));
    assert_eq!(
        article.id,
        whosaid::corpus::article_id(Some(&format!("{base}/news/ferry-route")), "")
    );
    let quotes = Extractor::new(Knowledge::default()).extract_all(std::slice::from_ref(&article));
    let said: Vec<(&str, &str)> = quotes
        .iter()
        .map(|q| (q.speaker.as_deref().unwrap_or(""), q.text.as_str()))
        .collect();
    for (speaker, words) in [
        ("Tobias Wrenfield", "cut the crossing to twenty minutes"),
        ("Odile Brackmoor", "a boat that runs on time"),
    ] {
        assert!(
            said.iter().any(|(s, t)| *s == speaker && t.contains(words)),
            "{speaker}: {said:?}"
        );
    }
    for q in &quotes {
        assert_quote_invariants(&article, q);
    }
}

/// A corpus of one small article of our own, for an index to add to.
fn corpus(root: &Path) -> (String, String) {
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("first.txt"),
        "Mill reopens\n\n\"The looms are running again,\" said Petra Lindqvist-Oyelaran.\n",
    )
    .unwrap();
    (
        corpus.display().to_string(),
        root.join("index").display().to_string(),
    )
}

/// Runs `whosaid` off the async threads (the site answers on them).
async fn run(dir: &Path, args: Vec<String>) -> std::process::Output {
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        whosaid_in(&dir, &args)
    })
    .await
    .unwrap()
}

/// One command line and what it must print.
struct Step {
    name: &'static str,
    args: Vec<String>,
    /// Whether it succeeds.
    ok: bool,
    /// What its standard output (on success) or error (on failure) must hold.
    says: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_command_line_fetch_and_ingest() {
    let (base, edition) = serve().await;
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, index) = corpus(tmp.path());
    let at = |args: &[&str]| {
        let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        v.extend([
            "--corpus".into(),
            corpus.clone(),
            "--index".into(),
            index.clone(),
        ]);
        v
    };
    let step = |name, args: Vec<String>, ok, says: &[&str]| Step {
        name,
        args,
        ok,
        says: says.iter().map(|s| s.to_string()).collect(),
    };
    let story = format!("{base}/news/ferry-route");
    let live = format!("{base}/live");

    // `fetch --json` prints the article as it would be indexed.
    let out = run(
        tmp.path(),
        vec!["fetch".into(), format!("{base}/jsonld"), "--json".into()],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let keys = [
        "url",
        "canonical_url",
        "title",
        "outlet",
        "published",
        "authors",
        "text",
        "language",
    ];
    for key in keys {
        assert!(v.get(key).is_some(), "{key} missing: {v:#}");
    }
    assert_eq!(v["published"], "2024-03-12");

    let steps = [
        step(
            "without --json, the facts then the body",
            vec!["fetch".into(), format!("{base}/jsonld")],
            true,
            &["Harbour council approves ferry route\noutlet: The Lakeside Courier\n"],
        ),
        step(
            "a non-article is an error that says what it is",
            vec!["fetch".into(), format!("{base}/doc.pdf")],
            false,
            &["is a PDF document, not an article"],
        ),
        step(
            "`ingest URL` adds the article",
            at(&["ingest", &format!("{base}/jsonld?utm_medium=x")]),
            true,
            &["Added 1 article, 2 quotes"],
        ),
        step(
            "its quotes cite the canonical address",
            at(&["search", "crossing twenty minutes", "--json"]),
            true,
            &["Tobias Wrenfield", &story],
        ),
        step(
            "the same address again, otherwise decorated: already indexed",
            at(&["ingest", &format!("{story}#top")]),
            true,
            &["already indexed"],
        ),
        step(
            "another address",
            at(&["ingest", &live]),
            true,
            &["Added 1 article"],
        ),
    ];
    let after_edit = [
        step(
            "a changed text at the same address updates that article",
            at(&["ingest", &live]),
            true,
            &["replacing an earlier text"],
        ),
        step(
            "the new text is searched",
            at(&["search", "crossing eighteen minutes", "--json"]),
            true,
            &[&live],
        ),
        step(
            "a link that gives no article adds nothing, and says why",
            at(&["ingest", &format!("{base}/login")]),
            false,
            &["nothing was added", "a sign-in page"],
        ),
        step(
            "links and files are not mixed",
            at(&["ingest", &live, "first.txt"]),
            false,
            &["either links or files"],
        ),
    ];
    // the page at `live` changes between the two groups
    let edited_at = steps.len();
    for (i, s) in steps.into_iter().chain(after_edit).enumerate() {
        if i == edited_at {
            edition.store(1, Ordering::SeqCst);
        }
        let out = run(tmp.path(), s.args).await;
        assert_eq!(out.status.success(), s.ok, "{}: {}", s.name, stderr(&out));
        let said = if s.ok { stdout(&out) } else { stderr(&out) };
        for want in &s.says {
            assert!(
                said.contains(want.as_str()),
                "{}: {want:?} not in\n{said}",
                s.name
            );
        }
    }
}

/// `/ingest url:` from a member who manages the server.
fn ingest_url_json(url: &str) -> Value {
    let mut v = command_json("ingest", &[("url", url)], USER_ID);
    v["member"]["permissions"] = serde_json::json!(MANAGER);
    v
}

fn reply_text(v: &Value) -> String {
    let e = &v["data"]["embeds"][0];
    format!(
        "{}{}\n{}",
        v["data"]["content"].as_str().unwrap_or(""),
        e["title"].as_str().unwrap_or(""),
        e["description"].as_str().unwrap_or("")
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_ingest_url_through_the_bot() {
    let (base, edition) = serve().await;
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |c| c.fetch.allow_private = true);
    let v = respond(&bot, &ingest_url_json(&format!("{base}/jsonld"))).await;
    let text = reply_text(&v);
    assert!(text.starts_with("Added 1 article, 2 quotes"), "{text}");

    // /quotes finds them, citing the address
    let v = respond(
        &bot,
        &command_json("quotes", &[("query", "crossing twenty minutes")], USER_ID),
    )
    .await;
    let found = v.to_string();
    assert!(found.contains("Tobias Wrenfield"), "{found}");
    assert!(
        found.contains(&format!("({base}/news/ferry-route)")),
        "{found}"
    );

    // again: already indexed
    let v = respond(
        &bot,
        &ingest_url_json(&format!("{base}/news/ferry-route?utm_source=x")),
    )
    .await;
    assert!(
        reply_text(&v).contains("already indexed"),
        "{}",
        reply_text(&v)
    );

    // a new text at the same address updates the article, and the reply says so
    let live = format!("{base}/live");
    respond(&bot, &ingest_url_json(&live)).await;
    edition.store(1, Ordering::SeqCst);
    let v = respond(&bot, &ingest_url_json(&live)).await;
    assert!(
        reply_text(&v).contains("replacing an earlier text"),
        "{}",
        reply_text(&v)
    );

    // a non-article and options that go with files only
    let v = respond(&bot, &ingest_url_json(&format!("{base}/photo.png"))).await;
    let text = reply_text(&v);
    assert!(
        text.contains("is an image, not an article. Nothing was added."),
        "{text}"
    );
    let mut v = ingest_url_json(&live);
    v["data"]["options"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "outlet", "type": 3, "value": "X"}));
    let text = reply_text(&respond(&bot, &v).await);
    assert!(text.contains("goes with an attached .txt"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_ingest_url_refuses_private_addresses_by_default() {
    let (base, _) = serve().await;
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |_| {});
    let v = respond(&bot, &ingest_url_json(&format!("{base}/jsonld"))).await;
    let text = reply_text(&v);
    assert!(text.contains("only public web pages are fetched"), "{text}");
    assert!(text.contains("Nothing was added"), "{text}");
    assert!(!tmp.path().join("corpus/ingested").exists());
    let v = respond(
        &bot,
        &command_json("quotes", &[("query", "crossing twenty minutes")], USER_ID),
    )
    .await;
    assert!(!v.to_string().contains("Tobias Wrenfield"));
}
