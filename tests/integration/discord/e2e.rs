//! End to end: the real serenity client (`whosaid serve`'s code path, autosharded) against a
//! fake Discord in this process on 127.0.0.1 — REST for the gateway URL, command
//! registration and interaction callbacks, and a `ws://` gateway that says HELLO, answers
//! IDENTIFY with READY, acknowledges heartbeats and delivers one INTERACTION_CREATE.
//!
//! serenity connects with `?v=10` only (no `compress=zlib-stream` transport compression) and
//! merely offers per-message compression in IDENTIFY; the fake sends plain text frames, which
//! serenity reads as they are.

use crate::discord::helpers::*;
use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;
use tokio_tungstenite::tungstenite::Message;
use whosaid::discord::gateway;
use whosaid::discord::secrets::Token;

/// Everything the fake Discord was sent.
#[derive(Default)]
pub(crate) struct Seen {
    pub identify: Option<Value>,
    pub registered: Vec<(String, Value)>,
    pub callbacks: Vec<(String, Value)>,
    /// Edits of an original response (deferred replies filled in).
    pub edits: Vec<Value>,
    pub heartbeats: usize,
}

pub(crate) struct Fake {
    pub seen: Mutex<Seen>,
    changed: Notify,
    ws_url: String,
}

impl Fake {
    fn record(&self, f: impl FnOnce(&mut Seen)) {
        f(&mut self.seen.lock().unwrap());
        self.changed.notify_waiters();
    }

    /// Waits until `done` holds (bounded by the test's overall guard).
    pub async fn until(&self, done: impl Fn(&Seen) -> bool) {
        loop {
            let notified = self.changed.notified();
            if done(&self.seen.lock().unwrap()) {
                return;
            }
            notified.await;
        }
    }
}

fn bot_user() -> Value {
    json!({"id": APP_ID, "username": "whosaid", "discriminator": "0", "global_name": null,
           "avatar": null, "bot": true, "verified": true, "mfa_enabled": false, "flags": 0})
}

/// A message the bot sent, as Discord returns it.
fn bot_message() -> Value {
    json!({"id": "1500000000000000001", "channel_id": "1300000000000000001", "author": bot_user(),
        "content": "", "timestamp": "2024-01-01T00:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 20, "flags": 0})
}

/// Echoes registered commands back as Discord does, with ids.
fn registered(body: &Value) -> Value {
    let cmds = body.as_array().cloned().unwrap_or_default();
    Value::Array(
        cmds.into_iter()
            .enumerate()
            .map(|(i, mut c)| {
                c["id"] = json!((1600000000000000001u64 + i as u64).to_string());
                c["application_id"] = json!(APP_ID);
                c["version"] = json!("1700000000000000001");
                c["type"] = json!(1);
                c["default_member_permissions"] = Value::Null;
                c
            })
            .collect(),
    )
}

async fn rest(fake: Arc<Fake>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app =
        Router::new()
            .route(
                "/api/v10/gateway",
                get(|State(f): State<Arc<Fake>>| async move { Json(json!({"url": f.ws_url})) }),
            )
            .route(
                "/api/v10/gateway/bot",
                get(|State(f): State<Arc<Fake>>| async move {
                    Json(json!({"url": f.ws_url, "shards": 1, "session_start_limit":
                    {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}))
                }),
            )
            .route(
                "/api/v10/oauth2/applications/@me",
                get(|| async {
                    Json(
                        json!({"id": APP_ID, "name": "whosaid", "icon": null, "description": "",
                    "bot_public": true, "bot_require_code_grant": false, "verify_key": ""}),
                    )
                }),
            )
            .route(
                "/api/v10/webhooks/{app}/{token}/messages/@original",
                axum::routing::patch(
                    |State(f): State<Arc<Fake>>, Json(body): Json<Value>| async move {
                        f.record(|s| s.edits.push(body));
                        Json(bot_message())
                    },
                ),
            )
            .route(
                "/api/v10/applications/{app}/commands",
                put(
                    |State(f): State<Arc<Fake>>,
                     Path(app): Path<String>,
                     Json(body): Json<Value>| async move {
                        let out = registered(&body);
                        f.record(|s| s.registered.push((format!("global {app}"), body)));
                        Json(out)
                    },
                ),
            )
            .route(
                "/api/v10/applications/{app}/guilds/{guild}/commands",
                put(
                    |State(f): State<Arc<Fake>>,
                     Path((app, guild)): Path<(String, String)>,
                     Json(body): Json<Value>| async move {
                        let out = registered(&body);
                        f.record(|s| s.registered.push((format!("guild {guild} {app}"), body)));
                        Json(out)
                    },
                ),
            )
            .route(
                "/api/v10/interactions/{id}/{token}/callback",
                post(
                    |State(f): State<Arc<Fake>>,
                     Path((id, _token)): Path<(String, String)>,
                     Json(body): Json<Value>| async move {
                        f.record(|s| s.callbacks.push((id, body)));
                        axum::http::StatusCode::NO_CONTENT
                    },
                ),
            )
            .fallback(|uri: axum::http::Uri| async move {
                eprintln!("fake Discord: no route for {uri}");
                (
                    axum::http::StatusCode::NOT_FOUND,
                    Json(json!({"message": "404: Not Found", "code": 0})),
                )
            })
            .with_state(fake);
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// The fake gateway: one session, plain-text JSON frames (no compression).
async fn gateway_session(fake: Arc<Fake>, stream: tokio::net::TcpStream, interaction: Value) {
    let mut ws = tokio_tungstenite::accept_async(stream).await.unwrap();
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 100}, "s": null, "t": null});
    ws.send(Message::Text(hello.to_string())).await.unwrap();
    let mut seq = 0u64;
    while let Some(Ok(msg)) = ws.next().await {
        let Message::Text(text) = msg else { continue };
        let v: Value = serde_json::from_str(&text).unwrap();
        match v["op"].as_u64() {
            Some(1) => {
                fake.record(|s| s.heartbeats += 1);
                let ack = json!({"op": 11, "d": null, "s": null, "t": null});
                ws.send(Message::Text(ack.to_string())).await.unwrap();
            }
            Some(2) => {
                fake.record(|s| s.identify = Some(v.clone()));
                seq += 1;
                let ready = json!({"op": 0, "t": "READY", "s": seq, "d": {
                    "v": 10, "user": bot_user(), "guilds": [], "session_id": "session-1",
                    "resume_gateway_url": fake.ws_url, "shard": [0, 1],
                    "application": {"id": APP_ID, "flags": 0}}});
                ws.send(Message::Text(ready.to_string())).await.unwrap();
                // Once the commands are registered, a user runs /quotes.
                fake.until(|s| !s.registered.is_empty()).await;
                seq += 1;
                let event = json!({"op": 0, "t": "INTERACTION_CREATE", "s": seq, "d": interaction});
                ws.send(Message::Text(event.to_string())).await.unwrap();
            }
            _ => {}
        }
    }
}

/// A fresh fake Discord: the gateway and REST servers. Returns it and its REST base URL.
pub(crate) async fn start_fake() -> (Arc<Fake>, String) {
    let ws_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let ws_url = format!("ws://{}", ws_listener.local_addr().unwrap());
    let fake = Arc::new(Fake {
        seen: Mutex::new(Seen::default()),
        changed: Notify::new(),
        ws_url,
    });
    let interaction = command_json("quotes", &[("query", "troops")], USER_ID);
    {
        let fake = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = ws_listener.accept().await {
                tokio::spawn(gateway_session(fake.clone(), stream, interaction.clone()));
            }
        });
    }
    let api_base = rest(fake.clone()).await;
    (fake, api_base)
}

/// Runs the bot's gateway client against a fresh fake Discord until `done` holds for what the
/// fake saw (and a heartbeat came), then stops it and returns what the fake saw.
async fn run_against_fake(
    guild: Option<u64>,
    bot: Arc<whosaid::discord::Bot>,
    done: impl Fn(&Seen) -> bool,
) -> Arc<Fake> {
    let (fake, api_base) = start_fake().await;

    let token =
        Token::parse("MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only_0123456789")
            .unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let guild = guild.map(serenity::all::GuildId::new);
    let client = tokio::spawn(async move {
        gateway::serve(bot, &token, &api_base, guild, async move {
            let _ = stop_rx.await;
        })
        .await
    });

    // A guard against hanging forever, not a speed assertion.
    let waited = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        fake.until(|s| done(s) && s.heartbeats > 0).await;
    })
    .await;
    assert!(
        waited.is_ok(),
        "the fake Discord never saw the answer and a heartbeat"
    );
    let _ = stop_tx.send(());
    let _ = tokio::time::timeout(std::time::Duration::from_secs(30), client).await;
    fake
}

fn command_names(cmds: &Value) -> Vec<&str> {
    cmds.as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_client_registers_commands_and_answers_quotes() {
    let fake = run_against_fake(None, seeds_bot(), |s| !s.callbacks.is_empty()).await;
    let seen = fake.seen.lock().unwrap();
    let identify = seen.identify.as_ref().expect("IDENTIFY");
    assert_eq!(
        identify["d"]["intents"], 0,
        "no privileged (or any) intents"
    );
    assert_eq!(
        identify["d"]["shard"],
        json!([0, 1]),
        "one shard, as /gateway/bot said"
    );

    assert_eq!(seen.registered.len(), 1);
    let (scope, cmds) = &seen.registered[0];
    assert_eq!(scope, &format!("global {APP_ID}"));
    assert_eq!(
        command_names(cmds),
        ["quotes", "whosaid", "speaker", "sources", "help", "ingest", "correct"]
    );
    // Issue 5: /ingest is for members with Manage Server (1 << 5) and not in DMs.
    let ingest = &cmds.as_array().unwrap()[5];
    assert_eq!(ingest["default_member_permissions"], "32", "{ingest:#}");
    assert_eq!(ingest["dm_permission"], false, "{ingest:#}");

    let (id, body) = &seen.callbacks[0];
    assert_eq!(id, "1100000000000000001");
    assert_eq!(body["type"], 4, "{body:#}");
    assert_within_limits(body);
    let value = body["data"]["embeds"][0]["fields"][0]["value"]
        .as_str()
        .unwrap();
    assert!(value.contains("**troops**"), "{value}");
    assert!(value.contains("¶ "), "cited: {value}");
    assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_guild_commands_are_registered_there_only() {
    let fake = run_against_fake(Some(1200000000000000001), seeds_bot(), |s| {
        !s.callbacks.is_empty()
    })
    .await;
    let seen = fake.seen.lock().unwrap();
    assert_eq!(seen.registered.len(), 1);
    let (scope, cmds) = &seen.registered[0];
    assert_eq!(scope, &format!("guild 1200000000000000001 {APP_ID}"));
    assert_eq!(command_names(cmds).len(), 7);
    assert_eq!(seen.callbacks[0].1["type"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_command_line_uses_the_configured_api() {
    let fake = Arc::new(Fake {
        seen: Mutex::new(Seen::default()),
        changed: Notify::new(),
        ws_url: "ws://127.0.0.1:9".into(),
    });
    let api_base = rest(fake.clone()).await;
    let run = |args: Vec<&'static str>| {
        let api_base = api_base.clone();
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
                .current_dir(repo_path(""))
                .args(args)
                .env(
                    "DISCORD_TOKEN",
                    "MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only",
                )
                .env("DISCORD_API_BASE", api_base)
                .env_remove("DISCORD_GUILD_ID")
                .output()
                .expect("run whosaid")
        })
    };
    let out = run(vec!["register", "--guild", "1200000000000000001"])
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("/quotes") && stdout.contains("1200000000000000001"),
        "{stdout}"
    );
    let out = run(vec!["register"]).await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("globally"));
    let out = run(vec!["register", "--guild", "my-server"]).await.unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("server id"));

    let seen = fake.seen.lock().unwrap();
    let scopes: Vec<&str> = seen.registered.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        scopes,
        [
            format!("guild 1200000000000000001 {APP_ID}"),
            format!("global {APP_ID}")
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_answers_are_deferred_then_edited_in() {
    // No index yet and 1 ms before deferring: the bot acknowledges first (type 5), builds
    // the index, then edits the original response.
    let tmp = tempfile::tempdir().unwrap();
    let mut c = config_for(&repo_path("seeds"), &tmp.path().join("index"));
    c.discord.defer_after_ms = 1;
    let bot = whosaid::discord::Bot::new(c);
    let fake = run_against_fake(None, bot, |s| {
        !s.edits.is_empty() || s.callbacks.first().is_some_and(|c| c.1["type"] == 4)
    })
    .await;
    let seen = fake.seen.lock().unwrap();
    // The index is also warmed up when the client starts; in the unlikely case it is ready
    // before the interaction comes, the answer is immediate and there is nothing to defer.
    let first = &seen.callbacks[0].1;
    let reply = if first["type"] == 5 {
        assert_eq!(seen.edits.len(), 1);
        &seen.edits[0]
    } else {
        &first["data"]
    };
    assert_within_limits(reply);
    assert_eq!(reply["allowed_mentions"]["parse"], json!([]));
    let value = reply["embeds"][0]["fields"][0]["value"].as_str().unwrap();
    assert!(value.contains("**troops**"), "{reply:#}");
}

/// The whole `whosaid serve` command, as an operator runs it: token and API base from the
/// environment, settings from a file. Its logs, even at trace level, never hold the token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_command_line_answers_and_never_logs_the_token() {
    const SECRET: &str = "sEcReT-pArT-of-the-token_0123456789";
    let (fake, api_base) = start_fake().await;
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("whosaid.toml");
    std::fs::write(
        &cfg,
        format!(
            "[corpus]\ndir = {:?}\n[extract]\nspeakers = {:?}\n[index]\ndir = {:?}\nthreads = 1\nwriter_memory_mb = 20\n",
            repo_path("seeds"),
            repo_path("config/speakers.toml"),
            tmp.path().join("index")
        ),
    )
    .unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(tmp.path())
        .arg("--config")
        .arg(&cfg)
        .arg("serve")
        .env(
            "DISCORD_TOKEN",
            format!("MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.{SECRET}"),
        )
        .env("DISCORD_API_BASE", &api_base)
        .env("RUST_LOG", "trace")
        .env_remove("DISCORD_GUILD_ID")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start whosaid serve");
    let mut stderr = child.stderr.take().expect("stderr");
    let logs = tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        let mut out = Vec::new();
        let _ = stderr.read_to_end(&mut out).await;
        String::from_utf8_lossy(&out).into_owned()
    });
    let waited = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        fake.until(|s| {
            !s.registered.is_empty()
                && (s.callbacks.iter().any(|c| c.1["type"] == 4) || !s.edits.is_empty())
        })
        .await;
    })
    .await;
    let _ = child.start_kill();
    let _ = child.wait().await;
    let logs = logs.await.unwrap();
    assert!(
        waited.is_ok(),
        "no answer from whosaid serve; its log:\n{logs}"
    );
    assert!(logs.contains("connected to Discord"), "{logs}");
    assert!(!logs.contains(SECRET), "the token is in the log");
    let seen = fake.seen.lock().unwrap();
    let identify = seen.identify.as_ref().expect("IDENTIFY");
    assert!(identify["d"]["token"].as_str().unwrap().ends_with(SECRET));
}
