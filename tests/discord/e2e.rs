//! End to end: the real serenity client (`whosaid serve`'s code path, autosharded) against a
//! fake Discord in this process on 127.0.0.1 — REST for the gateway URL, command
//! registration and interaction callbacks, and a `ws://` gateway that says HELLO, answers
//! IDENTIFY with READY, acknowledges heartbeats and delivers one INTERACTION_CREATE.

use crate::helpers::*;
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
struct Seen {
    identify: Option<Value>,
    registered: Vec<(String, Value)>,
    callbacks: Vec<(String, Value)>,
    heartbeats: usize,
}

struct Fake {
    seen: Mutex<Seen>,
    changed: Notify,
    ws_url: String,
}

impl Fake {
    fn record(&self, f: impl FnOnce(&mut Seen)) {
        f(&mut self.seen.lock().unwrap());
        self.changed.notify_waiters();
    }

    /// Waits until `done` holds (bounded by the test's overall guard).
    async fn until(&self, done: impl Fn(&Seen) -> bool) {
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
            .with_state(fake);
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// The fake gateway: one session, plain-text JSON frames (no compression).
async fn gateway_session(fake: Arc<Fake>, stream: tokio::net::TcpStream, interaction: Value) {
    let mut ws = tokio_tungstenite::accept_async(stream).await.unwrap();
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}, "s": null, "t": null});
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_client_registers_commands_and_answers_quotes() {
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

    let token =
        Token::parse("MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only_0123456789")
            .unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let bot = seeds_bot();
    let client = tokio::spawn(async move {
        gateway::serve(bot, &token, &api_base, None, async move {
            let _ = stop_rx.await;
        })
        .await
    });

    // A guard against hanging forever, not a speed assertion.
    let waited = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        fake.until(|s| !s.callbacks.is_empty()).await;
    })
    .await;
    assert!(
        waited.is_ok(),
        "the fake Discord never got an interaction callback"
    );

    {
        let seen = fake.seen.lock().unwrap();
        let identify = seen.identify.as_ref().expect("IDENTIFY");
        assert_eq!(
            identify["d"]["intents"], 0,
            "no privileged (or any) intents"
        );
        assert_eq!(identify["d"]["shard"], json!([0, 1]));

        assert_eq!(seen.registered.len(), 1);
        let (scope, cmds) = &seen.registered[0];
        assert_eq!(scope, &format!("global {APP_ID}"));
        let names: Vec<&str> = cmds
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["quotes", "whosaid", "speaker", "sources", "help", "ingest"]
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

    let _ = stop_tx.send(());
    let _ = tokio::time::timeout(std::time::Duration::from_secs(30), client).await;
}
