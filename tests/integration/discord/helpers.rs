//! Shared helpers: Discord-shaped interaction JSON, Ed25519 signing, a bot over the seeds,
//! and `spawn_app`, which serves the interactions endpoint on 127.0.0.1.

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use serenity::all::Interaction;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use whosaid::config::Config;
use whosaid::corpus::{load_paths, Article, LoadLimits};
use whosaid::discord::library::Library;
use whosaid::discord::{http, Bot};

pub const APP_ID: &str = "1000000000000000001";
pub const USER_ID: u64 = 80351110224678912;
pub const OTHER_USER_ID: u64 = 80351110224678913;
/// The server the interactions come from.
pub const SERVER_ID: u64 = 1200000000000000001;

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The settings the tests run with: the shipped file, corpus and knowledge from the repo.
pub fn config() -> Config {
    let mut c = Config::load(Some(&repo_path("config/whosaid.toml"))).expect("config");
    c.corpus.dir = repo_path("seeds");
    c.extract.speakers = Some(repo_path("config/speakers.toml"));
    // The tests ask many questions as one user; the cooldowns have their own tests.
    c.discord.search_cooldown_ms = 0;
    c.discord.ingest_cooldown_ms = 0;
    c.discord.button_cooldown_ms = 0;
    c.discord.autocomplete_cooldown_ms = 0;
    c
}

pub fn seeds_articles() -> Vec<Article> {
    let corpus = load_paths(&[repo_path("seeds")], LoadLimits::default());
    assert!(!corpus.articles.is_empty());
    corpus.articles
}

/// Settings for an index of `corpus` in `index_dir`, small enough for a test.
pub fn config_for(corpus: &Path, index_dir: &Path) -> Config {
    let mut c = config();
    c.corpus.dir = corpus.to_path_buf();
    c.index.dir = index_dir.to_path_buf();
    c.index.threads = 1;
    c.index.writer_memory_mb = 20;
    c
}

/// The seeds index, built once per test run under the target directory.
pub fn seeds_library() -> Arc<Library> {
    static LIB: OnceLock<Arc<Library>> = OnceLock::new();
    LIB.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("discord-seeds-index");
        let c = config_for(&repo_path("seeds"), &dir);
        Arc::new(Library::open_or_build(&c).expect("seeds index"))
    })
    .clone()
}

/// A bot over the seeds.
pub fn seeds_bot() -> Arc<Bot> {
    let lib = seeds_library();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("discord-seeds-index");
    Bot::with_library(config_for(&repo_path("seeds"), &dir), lib)
}

/// A bot over the given articles, indexed in a fresh temporary directory (kept alive by the
/// returned guard).
pub fn bot_over(articles: &[Article]) -> (tempfile::TempDir, Arc<Bot>) {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("articles.jsonl");
    let mut lines = String::new();
    for a in articles {
        let mut v = json!({"id": a.id, "text": a.text, "title": a.title});
        if let Some(o) = &a.outlet {
            v["outlet"] = json!(o);
        }
        if let Some(u) = &a.url {
            v["url"] = json!(u);
        }
        if let Some(d) = a.published {
            v["published"] = json!(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
        }
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    std::fs::write(&feed, lines).unwrap();
    let c = config_for(&feed, &tmp.path().join("index"));
    let lib = Library::open_or_build(&c).expect("test index");
    (tmp, Bot::with_library(c, Arc::new(lib)))
}

fn user(id: u64) -> Value {
    json!({
        "id": id.to_string(),
        "username": "alice",
        "discriminator": "0",
        "global_name": "Alice",
        "avatar": null,
        "public_flags": 0
    })
}

/// The fields every interaction carries, as Discord sends them from a server channel.
fn base(kind: u8, user_id: u64) -> Value {
    json!({
        "id": "1100000000000000001",
        "application_id": APP_ID,
        "type": kind,
        "guild_id": "1200000000000000001",
        "channel_id": "1300000000000000001",
        "member": {
            "user": user(user_id),
            "roles": [],
            "joined_at": "2021-01-01T00:00:00.000000+00:00",
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "nick": null,
            "avatar": null,
            "premium_since": null,
            "permissions": "2248473465835073"
        },
        "token": "aW50ZXJhY3Rpb24tdG9rZW4",
        "version": 1,
        "locale": "en-US",
        "guild_locale": "en-US",
        "app_permissions": "2248473465835073",
        "entitlements": [],
        "authorizing_integration_owners": {"0": "1200000000000000001"},
        "context": 0,
        "attachment_size_limit": 10485760
    })
}

pub fn ping_json() -> Value {
    json!({
        "id": "1100000000000000001",
        "application_id": APP_ID,
        "type": 1,
        "token": "aW50ZXJhY3Rpb24tdG9rZW4",
        "version": 1,
        "user": user(USER_ID),
        "entitlements": [],
        "attachment_size_limit": 10485760,
        "locale": "en-US"
    })
}

/// A slash command with string options.
pub fn command_json(name: &str, options: &[(&str, &str)], user_id: u64) -> Value {
    let mut v = base(2, user_id);
    v["data"] = json!({
        "id": "1400000000000000001",
        "name": name,
        "type": 1,
        "options": options
            .iter()
            .map(|(n, val)| json!({"name": n, "type": 3, "value": val}))
            .collect::<Vec<_>>()
    });
    v
}

/// Autocomplete of `focused` while `typed` is typed.
pub fn autocomplete_json(name: &str, focused: &str, typed: &str) -> Value {
    let mut v = base(4, USER_ID);
    v["data"] = json!({
        "id": "1400000000000000001",
        "name": name,
        "type": 1,
        "options": [
            {"name": "query", "type": 3, "value": "troops"},
            {"name": focused, "type": 3, "value": typed, "focused": true}
        ]
    });
    v
}

/// A button press on a message the bot sent.
pub fn button_json(custom_id: &str, user_id: u64) -> Value {
    let mut v = base(3, user_id);
    v["data"] = json!({"custom_id": custom_id, "component_type": 2});
    v["message"] = json!({
        "id": "1500000000000000001",
        "channel_id": "1300000000000000001",
        "author": {
            "id": APP_ID, "username": "whosaid", "discriminator": "0",
            "global_name": null, "avatar": null, "bot": true
        },
        "content": "",
        "timestamp": "2024-01-01T00:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 20,
        "flags": 0,
        "components": []
    });
    v
}

pub fn interaction(v: &Value) -> Interaction {
    serde_json::from_value(v.clone()).expect("interaction JSON deserializes")
}

/// Runs an interaction through the shared handler and returns the response JSON.
pub async fn respond(bot: &Arc<Bot>, v: &Value) -> Value {
    let r = bot.respond(interaction(v)).await;
    serde_json::to_value(r).expect("response serializes")
}

/// Asserts a response keeps every Discord limit.
pub fn assert_within_limits(v: &Value) {
    let violations = whosaid::render::discord::limit_violations(v);
    assert!(violations.is_empty(), "{violations:?}\n{v:#}");
}

/// The fixed test key (never a real application's).
pub fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

pub fn public_key_hex() -> String {
    signing_key()
        .verifying_key()
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Signature headers for `body` at `timestamp`, as Discord computes them.
pub fn sign(timestamp: &str, body: &[u8]) -> String {
    let mut msg = timestamp.as_bytes().to_vec();
    msg.extend_from_slice(body);
    signing_key()
        .sign(&msg)
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The interactions endpoint, served on an ephemeral loopback port.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
}

pub async fn spawn_app(bot: Arc<Bot>) -> TestApp {
    spawn_app_with(bot, None).await
}

/// The endpoint with a REST client for filling in deferred replies.
pub async fn spawn_app_with(bot: Arc<Bot>, rest: Option<Arc<serenity::all::Http>>) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let endpoint = Arc::new(http::Endpoint {
        bot,
        verifier: whosaid::discord::secrets::verifier(&public_key_hex()).unwrap(),
        http: rest,
    });
    tokio::spawn(http::serve(listener, endpoint, std::future::pending()));
    TestApp {
        address,
        client: reqwest::Client::new(),
    }
}

impl TestApp {
    /// Posts `body` signed at `timestamp` (or with the given signature).
    pub async fn post_signed(
        &self,
        body: &[u8],
        timestamp: &str,
        signature: Option<&str>,
    ) -> reqwest::Response {
        let sig = signature.map_or_else(|| sign(timestamp, body), str::to_string);
        self.client
            .post(format!("{}/interactions", self.address))
            .header("content-type", "application/json")
            .header("x-signature-ed25519", sig)
            .header("x-signature-timestamp", timestamp)
            .body(body.to_vec())
            .send()
            .await
            .expect("request")
    }

    pub async fn post_json(&self, v: &Value) -> (u16, Value) {
        let body = serde_json::to_vec(v).unwrap();
        let r = self.post_signed(&body, &now_secs().to_string(), None).await;
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

/// Seeds queries the handler tests run (every reply is checked against the limits).
pub fn seeds_queries() -> &'static [Vec<(&'static str, &'static str)>] {
    static Q: OnceLock<Vec<Vec<(&str, &str)>>> = OnceLock::new();
    Q.get_or_init(|| {
        let mut q: Vec<Vec<(&str, &str)>> = [
            "troops",
            "Syria",
            "withdraw",
            "home",
            "ISIS",
            "Kurds",
            "allies",
            "war",
            "fight",
            "Trump",
            "Assad",
            "we",
            "the",
            "president",
            "military",
            "coalition",
            "terror",
        ]
        .iter()
        .map(|w| vec![("query", *w)])
        .collect();
        q.push(vec![("query", "troops"), ("kind", "direct")]);
        q.push(vec![("query", "troops"), ("speaker", "Trump")]);
        q.push(vec![("query", "Syria"), ("source", "001_f5eafe687d50122b")]);
        q
    })
}
