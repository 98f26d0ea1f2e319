//! Issue 5: `/ingest` while the bot runs — Manage Server only, attachments checked before
//! anything is stored, new quotes and speakers answered at once in both transports (also
//! when another process adds them), the search cooldown, and a damaged index rebuilt at
//! start-up.

use crate::discord::helpers::*;
use axum::body::Body;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use whosaid::config::Config;
use whosaid::discord::library::{index_spec, Library};
use whosaid::discord::Bot;

/// Manage Server.
pub const MANAGER: &str = "32";

/// A story whose speaker the seeds know only by full name, and one nobody knows yet.
const STORY: &str = "Macron warns on trade\n\nPARIS — The French president spoke on Monday.\n\n\
     \"Europe will not be intimidated by tariffs,\" Macron said.\n\n\
     \"Our farmers need an answer by June,\" said Margarethe Quillfeather, a union leader.\n";

/// Attachments served on 127.0.0.1, as Discord's CDN would serve them.
pub async fn attachment_server() -> String {
    let app = Router::new()
        .route("/story.txt", get(|| async { STORY }))
        .route(
            "/forged.txt",
            get(|| async {
                "Forged\n\n\"The strikes were a mistake and I apologise,\" said Emmanuel Macron.\n"
            }),
        )
        .route(
            "/feed.jsonl",
            get(|| async {
                let line = |id: &str, text: &str| json!({"id": id, "text": text}).to_string();
                format!(
                    "{}\n{}\n",
                    line(
                        "feed-1",
                        "Port strike ends\n\n\"The dockers are going back to work,\" said Olek Brandvold."
                    ),
                    line(
                        "feed-2",
                        "Rail deal\n\n\"Trains will run on time again,\" said Olek Brandvold."
                    )
                )
            }),
        )
        .route("/empty.txt", get(|| async { "" }))
        .route(
            "/binary.txt",
            get(|| async { Body::from(&b"\x7fELF\x02\x01\x01\0\0\0\0\0"[..]) }),
        )
        .route(
            "/latin1.txt",
            get(|| async { Body::from(&b"Caf\xe9 \"ol\xe9,\" he said."[..]) }),
        )
        .route(
            "/broken.jsonl",
            get(|| async { "{\"id\":\"ok\",\"text\":\"\\\"Fine,\\\" she said.\"}\n{\"id\": nope\n" }),
        )
        .route(
            "/big.txt",
            get(|| async { "\"Words,\" she said. ".repeat(10_000) }),
        )
        .route("/gone.txt", get(|| async { StatusCode::NOT_FOUND }))
        .route(
            "/slow.txt",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                "late"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// A manager adds `story.txt` (served from 127.0.0.1) in the test server; returns the
/// attachment server's address for more uploads.
pub async fn add_the_story(bot: &Arc<Bot>) -> String {
    let base = attachment_server().await;
    let v = respond(
        bot,
        &ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], MANAGER),
    )
    .await;
    assert!(v.to_string().contains("Added 1 article"), "{v:#}");
    base
}

/// `/ingest` with an attachment (`size` as Discord announces it) and string options.
pub fn ingest_json(
    url: &str,
    filename: &str,
    size: u64,
    options: &[(&str, &str)],
    perms: &str,
) -> Value {
    let mut v = command_json("ingest", &[], USER_ID);
    v["member"]["permissions"] = json!(perms);
    let mut opts = vec![json!({"name": "file", "type": 11, "value": "1600000000000000001"})];
    opts.extend(
        options
            .iter()
            .map(|(n, val)| json!({"name": n, "type": 3, "value": val})),
    );
    v["data"]["options"] = json!(opts);
    v["data"]["resolved"] = json!({"attachments": {"1600000000000000001": {
        "id": "1600000000000000001",
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": "text/plain; charset=utf-8"
    }}});
    v
}

/// Seeds copied into a corpus directory, indexed, and a bot over them.
pub fn fresh_bot(root: &Path, tweak: impl FnOnce(&mut Config)) -> (Config, Arc<Bot>) {
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(repo_path("seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let mut c = config_for(&corpus, &root.join("index"));
    c.discord.download_timeout_ms = 1500;
    tweak(&mut c);
    let lib = Library::open_or_build(&c).expect("index");
    (c.clone(), Bot::with_library(c, Arc::new(lib)))
}

fn content(v: &Value) -> String {
    v["data"]["content"].as_str().unwrap_or("").to_string()
}

fn embed_text(v: &Value) -> String {
    let e = &v["data"]["embeds"][0];
    format!(
        "{}\n{}",
        e["title"].as_str().unwrap_or(""),
        e["description"].as_str().unwrap_or("")
    )
}

fn ephemeral(v: &Value) -> bool {
    v["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0
}

async fn quotes(bot: &Arc<Bot>, query: &str) -> String {
    let v = respond(bot, &command_json("quotes", &[("query", query)], USER_ID)).await;
    v.to_string()
}

fn manifest(root: &Path) -> Vec<u8> {
    std::fs::read(root.join("index/manifest.json")).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_5_ingest_is_for_members_who_manage_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |_| {});
    let base = attachment_server().await;
    let before = manifest(tmp.path());
    for perms in ["0", "2248473465835073"] {
        let v = respond(
            &bot,
            &ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], perms),
        )
        .await;
        assert!(ephemeral(&v), "{v:#}");
        assert!(content(&v).contains("Manage Server"), "{v:#}");
    }
    // In a DM there is no member at all.
    let mut dm = ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], MANAGER);
    dm.as_object_mut().unwrap().remove("member");
    dm.as_object_mut().unwrap().remove("guild_id");
    dm["context"] = json!(1);
    dm["user"] = json!({"id": USER_ID.to_string(), "username": "alice", "discriminator": "0",
        "global_name": null, "avatar": null});
    let v = respond(&bot, &dm).await;
    assert!(content(&v).contains("Manage Server"), "{v:#}");
    assert_eq!(manifest(tmp.path()), before);
    assert!(!tmp.path().join("corpus/ingested").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_5_ingested_quotes_and_speakers_are_answered_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (config, bot) = fresh_bot(tmp.path(), |_| {});
    let base = attachment_server().await;
    let app = spawn_app(bot.clone()).await;
    assert!(!quotes(&bot, "tariffs intimidated")
        .await
        .contains("Test Wire"));

    let v = respond(
        &bot,
        &ingest_json(
            &format!("{base}/story.txt"),
            "story.txt",
            STORY.len() as u64,
            &[("outlet", "Test Wire"), ("date", "2024-05-01")],
            MANAGER,
        ),
    )
    .await;
    assert!(ephemeral(&v), "{v:#}");
    assert_within_limits(&v);
    let text = embed_text(&v);
    assert!(
        text.starts_with("Added 1 article, 2 quotes, 2 speakers."),
        "{text}"
    );
    assert!(text.contains("(story.txt)"), "{text}");
    assert!(text.contains("Emmanuel Macron"), "{text}");
    assert!(text.contains("Margarethe Quillfeather (new)"), "{text}");

    // Searchable at once, through the handler and the HTTP endpoint, with the new citation.
    let found = quotes(&bot, "tariffs intimidated").await;
    assert!(
        found.contains("Emmanuel Macron") && found.contains("Test Wire"),
        "{found}"
    );
    let (status, v) = app
        .post_json(&command_json(
            "quotes",
            &[("query", "farmers answer June")],
            USER_ID,
        ))
        .await;
    assert_eq!(status, 200);
    assert!(v.to_string().contains("Margarethe Quillfeather"), "{v:#}");
    // Autocomplete knows the new speaker.
    let v = respond(&bot, &autocomplete_json("quotes", "speaker", "quill")).await;
    assert_eq!(
        v["data"]["choices"][0]["value"], "Margarethe Quillfeather",
        "{v:#}"
    );

    // The same file again adds nothing and says so.
    let v = respond(
        &bot,
        &ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], MANAGER),
    )
    .await;
    let text = embed_text(&v);
    assert!(text.starts_with("Nothing added"), "{text}");
    assert!(text.contains("already indexed"), "{text}");

    // A JSONL feed.
    let v = respond(
        &bot,
        &ingest_json(
            &format!("{base}/feed.jsonl"),
            "feed.jsonl",
            300,
            &[],
            MANAGER,
        ),
    )
    .await;
    assert!(
        embed_text(&v).starts_with("Added 2 articles, 2 quotes, 1 speaker."),
        "{v:#}"
    );

    // Articles added by another process (the command line) are answered without a restart.
    let mut other = whosaid::corpus::Article::from_text(
        "cli-story",
        "Harbour plan\n\n\"The harbour will reopen in spring,\" said Tuva Skarsgaard.\n",
    );
    other.outlet = Some("Other Wire".into());
    let spec = index_spec(&config);
    let knowledge = config.knowledge(None, false).unwrap();
    tokio::task::spawn_blocking(move || {
        whosaid::index::ingest(
            &spec,
            &whosaid::extract::Extractor::new(knowledge),
            vec![other],
            &[],
            Duration::from_secs(5),
        )
    })
    .await
    .unwrap()
    .unwrap();
    let (_, v) = app
        .post_json(&command_json(
            "quotes",
            &[("query", "harbour reopen spring")],
            USER_ID,
        ))
        .await;
    assert!(v.to_string().contains("Tuva Skarsgaard"), "{v:#}");
    let v = respond(&bot, &autocomplete_json("speaker", "name", "Tuva")).await;
    assert_eq!(v["data"]["choices"][0]["value"], "Tuva Skarsgaard", "{v:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_5_bad_attachments_get_a_clear_message_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |c| {
        c.discord.max_attachment_bytes = 64 * 1024;
    });
    let base = attachment_server().await;
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let a = l.local_addr().unwrap();
        drop(l);
        format!("http://{a}")
    };
    let before = manifest(tmp.path());
    // (route, file name, announced size, options, words the message must hold)
    type Case<'a> = (String, &'a str, u64, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            format!("{base}/empty.txt"),
            "empty.txt",
            0,
            vec![],
            "is empty",
        ),
        (
            format!("{base}/binary.txt"),
            "binary.txt",
            12,
            vec![],
            "binary",
        ),
        (
            format!("{base}/latin1.txt"),
            "latin1.txt",
            20,
            vec![],
            "not UTF-8",
        ),
        (
            format!("{base}/broken.jsonl"),
            "broken.jsonl",
            60,
            vec![],
            "line 2",
        ),
        (
            format!("{base}/story.txt"),
            "story.pdf",
            300,
            vec![],
            "only .txt",
        ),
        // Refused from the announced size, before downloading.
        (
            format!("{base}/story.txt"),
            "story.txt",
            10 << 20,
            vec![],
            "over the limit",
        ),
        // Announced small, but more bytes come than allowed.
        (
            format!("{base}/big.txt"),
            "big.txt",
            100,
            vec![],
            "over the limit",
        ),
        (
            format!("{base}/gone.txt"),
            "gone.txt",
            100,
            vec![],
            "could not download",
        ),
        (
            format!("{closed}/x.txt"),
            "x.txt",
            100,
            vec![],
            "could not download",
        ),
        (
            format!("{base}/slow.txt"),
            "slow.txt",
            100,
            vec![],
            "took too long",
        ),
        (
            format!("{base}/story.txt"),
            "story.txt",
            300,
            vec![("date", "yesterday")],
            "not a date",
        ),
        (
            format!("{base}/feed.jsonl"),
            "feed.jsonl",
            300,
            vec![("outlet", "X")],
            "only go with a .txt",
        ),
    ];
    for (url, name, size, options, wanted) in cases {
        let v = respond(&bot, &ingest_json(&url, name, size, &options, MANAGER)).await;
        assert!(ephemeral(&v), "{name}: {v:#}");
        let text = content(&v);
        assert!(text.contains(wanted), "{name}: {text}");
        assert!(!text.contains("error id"), "{name}: {text}");
        assert!(
            !text.contains("127.0.0.1"),
            "{name} shows the address: {text}"
        );
        assert_eq!(manifest(tmp.path()), before, "{name} changed the index");
        assert!(!tmp.path().join("corpus/ingested").exists(), "{name}");
    }
}

#[tokio::test]
async fn issue_5_searches_have_a_per_user_cooldown() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |c| c.discord.search_cooldown_ms = 60_000);
    let ask = |name: &'static str, options: Vec<(&'static str, &'static str)>, user: u64| {
        let bot = bot.clone();
        async move { respond(&bot, &command_json(name, &options, user)).await }
    };
    let first = ask("quotes", vec![("query", "troops")], USER_ID).await;
    assert!(!ephemeral(&first), "{first:#}");
    for (name, options) in [
        ("quotes", vec![("query", "troops")]),
        ("whosaid", vec![("phrase", "we want to come home")]),
        ("speaker", vec![("name", "Donald Trump")]),
        ("sources", vec![]),
    ] {
        let v = ask(name, options, USER_ID).await;
        assert!(ephemeral(&v), "{name}: {v:#}");
        let text = content(&v);
        assert!(
            text.starts_with("Slow down: you can search again in"),
            "{text}"
        );
        assert!(text.ends_with(" seconds."), "{text}");
    }
    // Someone else is not held back, and /help is not a search.
    let other = ask("quotes", vec![("query", "troops")], OTHER_USER_ID).await;
    assert!(!ephemeral(&other), "{other:#}");
    let help = ask("help", vec![], USER_ID).await;
    assert!(!content(&help).contains("Slow down"), "{help:#}");
}

/// What `whosaid serve` finds at start-up, and what it must do about it.
#[test]
fn issue_5_a_damaged_or_missing_index_is_rebuilt_at_start_up() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (config, _) = fresh_bot(root, |_| {});
    let index: PathBuf = root.join("index");
    // A corpus file that cannot be loaded is named and skipped.
    std::fs::write(root.join("corpus/broken.txt"), b"\xff\xfe\0\0binary").unwrap();
    type Harm<'a> = Box<dyn Fn() + 'a>;
    let damage: Vec<(&str, Harm)> = vec![
        (
            "manifest garbage",
            Box::new(|| std::fs::write(index.join("manifest.json"), "{{{").unwrap()),
        ),
        (
            "manifest gone",
            Box::new(|| std::fs::remove_file(index.join("manifest.json")).unwrap()),
        ),
        (
            "tantivy meta garbage",
            Box::new(|| std::fs::write(index.join("meta.json"), "not json").unwrap()),
        ),
        (
            "speakers garbage",
            Box::new(|| std::fs::write(index.join("speakers.json"), "[1,").unwrap()),
        ),
        (
            "index gone",
            Box::new(|| std::fs::remove_dir_all(&index).unwrap()),
        ),
    ];
    for (what, harm) in damage {
        // Start from a good index each time.
        Library::open_or_build(&config).expect("good index");
        harm();
        let lib = Library::open_or_build(&config).unwrap_or_else(|e| panic!("{what}: {e:#}"));
        assert!(
            lib.view(None)
                .speakers()
                .iter()
                .any(|s| s.name == "Donald Trump"),
            "{what}"
        );
        let skipped = &lib.index().manifest().skipped;
        assert!(
            skipped
                .iter()
                .any(|s| s.contains("broken.txt") && s.contains("UTF-8")),
            "{what}: {skipped:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_5_ingest_on_a_bot_whose_index_is_not_built_yet() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(repo_path("seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let bot = Bot::new(config_for(&corpus, &tmp.path().join("index")));
    let base = attachment_server().await;
    let v = respond(
        &bot,
        &ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], MANAGER),
    )
    .await;
    assert!(
        embed_text(&v).starts_with("Added 1 article, 2 quotes"),
        "{v:#}"
    );
    assert!(quotes(&bot, "tariffs intimidated")
        .await
        .contains("Emmanuel Macron"));
}

/// Issue 11: an upload named like a bundled article is a new article, never a replacement.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_an_upload_named_like_a_base_article_replaces_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |_| {});
    let base = attachment_server().await;
    let before = quotes(&bot, "persuaded him to remain").await;
    let v = respond(
        &bot,
        &ingest_json(
            &format!("{base}/forged.txt"),
            "001_f5eafe687d50122b.txt",
            100,
            &[],
            MANAGER,
        ),
    )
    .await;
    let text = embed_text(&v);
    assert!(text.starts_with("Added 1 article"), "{text}");
    assert!(!text.contains("replacing"), "{text}");
    assert!(text.contains("f5eafe687d50122b.txt)"), "{text}");
    // the bundled article's quotes are as they were
    assert_eq!(quotes(&bot, "persuaded him to remain").await, before);
    let sources = respond(&bot, &command_json("sources", &[], USER_ID)).await;
    assert!(sources.to_string().contains("Newstalk"), "{sources:#}");
}
