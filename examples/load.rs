//! Load test of `whosaid serve-http` while articles are being added (issue 5).
//!
//! Starts the real binary on 127.0.0.1 over a copy of the seeds, then for about ten seconds
//! sends 1,000 signed `/quotes` interactions at a steady rate while `/ingest` adds a small
//! feed every second and `whosaid ingest` adds a larger one from another process. Every
//! answer is checked, and afterwards every added article is searched for. Prints requests,
//! latency percentiles and errors; exits non-zero on any error. Bounded in count and time:
//! it stops by itself (two minutes at most) and stops the server it started.
//!
//! ```text
//! cargo build --release && cargo run --release --example load
//! ```

use axum::routing::get;
use axum::Router;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Search interactions sent.
const REQUESTS: usize = 1000;
/// Over this long.
const SPREAD: Duration = Duration::from_secs(10);
/// `/ingest` interactions, one a second, each adding [`PER_UPLOAD`] articles.
const UPLOADS: usize = 10;
const PER_UPLOAD: usize = 5;
/// Articles `whosaid ingest` adds from another process meanwhile.
const FEED: usize = 300;
/// Hard stop.
const DEADLINE: Duration = Duration::from_secs(120);

/// Searches over the seed articles. The articles added meanwhile use none of these words, so
/// every answer must count the same quotes as before the load, each with a query word.
const QUERIES: [&str; 5] = ["troops", "Syria", "chemical weapons", "ISIS", "persuaded"];

/// Whether `v` answers `query` as `expected` (the answer before the load) does: a message
/// whose footer gives the same count, with a query word in bold among its quotes.
fn answers(v: &Value, query: &str, expected: &Value) -> bool {
    let embed = &v["data"]["embeds"][0];
    let footer = |v: &Value| v["data"]["embeds"][0]["footer"]["text"].clone();
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| format!("**{}**", w.to_lowercase()))
        .collect();
    let fields = embed["fields"].as_array().cloned().unwrap_or_default();
    v["type"] == 4
        && footer(v) == footer(expected)
        && fields.iter().any(|f| {
            f["value"]
                .as_str()
                .is_some_and(|t| words.iter().any(|w| t.to_lowercase().contains(w)))
        })
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn interaction(kind: u8, user: u64, perms: &str, data: Value) -> Value {
    json!({
        "id": "1100000000000000001",
        "application_id": "1000000000000000001",
        "type": kind,
        "guild_id": "1200000000000000001",
        "channel_id": "1300000000000000001",
        "member": {
            "user": {"id": user.to_string(), "username": "load", "discriminator": "0",
                     "global_name": null, "avatar": null},
            "roles": [], "joined_at": "2021-01-01T00:00:00.000000+00:00", "deaf": false,
            "mute": false, "flags": 0, "pending": false, "permissions": perms
        },
        "token": "aW50ZXJhY3Rpb24tdG9rZW4",
        "version": 1,
        "locale": "en-US",
        "app_permissions": "0",
        "entitlements": [],
        "authorizing_integration_owners": {"0": "1200000000000000001"},
        "context": 0,
        "attachment_size_limit": 10485760,
        "data": data
    })
}

fn quotes(query: &str, user: u64) -> Value {
    interaction(
        2,
        user,
        "0",
        json!({"id": "1400000000000000001", "name": "quotes", "type": 1,
               "options": [{"name": "query", "type": 3, "value": query}]}),
    )
}

fn ingest(url: &str, name: &str) -> Value {
    interaction(
        2,
        7,
        "32",
        json!({"id": "1400000000000000002", "name": "ingest", "type": 1,
               "options": [{"name": "file", "type": 11, "value": "1600000000000000001"}],
               "resolved": {"attachments": {"1600000000000000001": {
                   "id": "1600000000000000001", "filename": name, "size": 2000,
                   "url": url, "proxy_url": url}}}}),
    )
}

async fn post(client: &reqwest::Client, base: &str, body: &Value) -> Result<Value, String> {
    let body = serde_json::to_vec(body).map_err(|e| e.to_string())?;
    let ts = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs()
        .to_string();
    let mut msg = ts.as_bytes().to_vec();
    msg.extend_from_slice(&body);
    let sig = hex(&key().sign(&msg).to_bytes());
    let r = client
        .post(format!("{base}/interactions"))
        .header("content-type", "application/json")
        .header("x-signature-ed25519", sig)
        .header("x-signature-timestamp", ts)
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = r.status();
    let text = r.text().await.map_err(|e| e.to_string())?;
    if !status.is_success() {
        return Err(format!("HTTP {status}: {text}"));
    }
    serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))
}

/// A word no seed article has, unique to article `i` of upload `u`.
fn token(u: usize, i: usize) -> String {
    format!("zorblat{u}q{i}")
}

fn article_line(id: &str, word: &str, speaker: &str) -> String {
    let text = format!(
        "Harbour news {word}\n\n\"The {word} plan will go ahead next week,\" said {speaker}.\n"
    );
    json!({"id": id, "text": text}).to_string()
}

fn upload(u: usize) -> String {
    (0..PER_UPLOAD)
        .map(|i| article_line(&format!("up{u}-{i}"), &token(u, i), "Maren Oyelaran"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        std::fs::copy(e.path(), to.join(e.file_name()))?;
    }
    Ok(())
}

fn binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("no target directory")?;
    let bin = dir.join(format!("whosaid{}", std::env::consts::EXE_SUFFIX));
    if bin.exists() {
        Ok(bin)
    } else {
        Err(format!(
            "{} is missing: run `cargo build` with the same profile first",
            bin.display()
        ))
    }
}

#[tokio::main]
async fn main() -> Result<(), String> {
    match tokio::time::timeout(DEADLINE, run()).await {
        Ok(r) => r,
        Err(_) => Err(format!("stopped after {DEADLINE:?}")),
    }
}

async fn run() -> Result<(), String> {
    let bin = binary()?;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = tmp.path();
    copy_dir(&repo.join("seeds"), &root.join("corpus")).map_err(|e| e.to_string())?;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        l.local_addr().map_err(|e| e.to_string())?.port()
    };
    let config = root.join("whosaid.toml");
    std::fs::write(
        &config,
        format!(
            "[corpus]\ndir = {:?}\n[extract]\nspeakers = {:?}\n[index]\ndir = {:?}\n\
             [discord]\nlisten = \"127.0.0.1:{port}\"\n",
            root.join("corpus"),
            repo.join("config/speakers.toml"),
            root.join("index"),
        ),
    )
    .map_err(|e| e.to_string())?;
    let cfg = config.to_string_lossy().into_owned();
    let built = Command::new(&bin)
        .args(["--config", &cfg, "index"])
        .output()
        .map_err(|e| e.to_string())?;
    if !built.status.success() {
        return Err(String::from_utf8_lossy(&built.stderr).into_owned());
    }
    let _server = Server(
        Command::new(&bin)
            .args(["--config", &cfg, "serve-http"])
            .env("DISCORD_PUBLIC_KEY", hex(&key().verifying_key().to_bytes()))
            .env_remove("DISCORD_TOKEN")
            .env("RUST_LOG", "whosaid=warn")
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?,
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let ping = interaction(1, 1, "0", json!(null));
    let started = Instant::now();
    while post(&client, &base, &ping).await.is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            return Err("the server did not come up".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Attachments, served on loopback as Discord's CDN would.
    let files = Router::new().route(
        "/{name}",
        get(
            |axum::extract::Path(name): axum::extract::Path<String>| async move {
                let u: usize = name
                    .trim_start_matches("upload-")
                    .trim_end_matches(".jsonl")
                    .parse()
                    .unwrap_or(0);
                upload(u)
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let files_base = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    tokio::spawn(async move { axum::serve(listener, files).await });

    // The feed `whosaid ingest` adds from another process.
    let feed: String = (0..FEED)
        .map(|i| article_line(&format!("feed-{i}"), &format!("quablix{i}"), "Ilse Varga"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(root.join("feed.jsonl"), feed).map_err(|e| e.to_string())?;

    // The answers before the load.
    let mut expected = Vec::new();
    for (n, q) in QUERIES.iter().enumerate() {
        let v = post(&client, &base, &quotes(q, 1_000 + n as u64)).await?;
        if !answers(&v, q, &v) {
            return Err(format!("no answer to {q:?} before the load: {v}"));
        }
        expected.push(v);
    }
    println!(
        "load: {REQUESTS} /quotes over {SPREAD:?} on serve-http; {UPLOADS} /ingest of \
         {PER_UPLOAD} articles and `whosaid ingest` of {FEED} articles meanwhile"
    );
    let t0 = Instant::now();
    let cli = {
        let bin = bin.clone();
        let cfg = cfg.clone();
        let feed = root.join("feed.jsonl");
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            tokio::task::spawn_blocking(move || {
                Command::new(bin)
                    .args(["--config", &cfg, "ingest", "--wait", "30"])
                    .arg(feed)
                    .output()
            })
            .await
        })
    };
    let uploads = {
        let client = client.clone();
        let base = base.clone();
        let files_base = files_base.clone();
        tokio::spawn(async move {
            let mut results = Vec::new();
            for u in 0..UPLOADS {
                tokio::time::sleep(Duration::from_millis(900)).await;
                let name = format!("upload-{u}.jsonl");
                let started = Instant::now();
                let r = post(
                    &client,
                    &base,
                    &ingest(&format!("{files_base}/{name}"), &name),
                )
                .await;
                let ok = r.as_ref().is_ok_and(|v| {
                    v.to_string()
                        .contains(&format!("Added {PER_UPLOAD} articles"))
                });
                if !ok {
                    eprintln!("ingest {u} failed: {r:?}");
                }
                results.push((ok, started.elapsed()));
            }
            results
        })
    };
    let interval = SPREAD / REQUESTS as u32;
    let mut ticker = tokio::time::interval(interval);
    let mut tasks = Vec::with_capacity(REQUESTS);
    for i in 0..REQUESTS {
        ticker.tick().await;
        let client = client.clone();
        let base = base.clone();
        let query = QUERIES[i % QUERIES.len()];
        let expected = expected[i % QUERIES.len()].clone();
        tasks.push(tokio::spawn(async move {
            let started = Instant::now();
            let r = post(&client, &base, &quotes(query, 10_000 + i as u64)).await;
            let elapsed = started.elapsed();
            let ok = r.as_ref().is_ok_and(|v| answers(v, query, &expected));
            if !ok {
                eprintln!("request {i} ({query}) failed: {r:?}");
            }
            (ok, elapsed)
        }));
    }
    let mut latencies = Vec::with_capacity(REQUESTS);
    let mut errors = 0;
    for t in tasks {
        let (ok, elapsed) = t.await.map_err(|e| e.to_string())?;
        if !ok {
            errors += 1;
        }
        latencies.push(elapsed);
    }
    let sent_in = t0.elapsed();
    let uploads = uploads.await.map_err(|e| e.to_string())?;
    let cli = cli
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    if !cli.status.success() {
        return Err(format!(
            "whosaid ingest failed: {}",
            String::from_utf8_lossy(&cli.stderr)
        ));
    }

    // No lost quote: every added article answers a search for its own word.
    let mut lost = 0;
    let mut words: Vec<String> = (0..UPLOADS)
        .flat_map(|u| (0..PER_UPLOAD).map(move |i| token(u, i)))
        .collect();
    words.extend((0..FEED).map(|i| format!("quablix{i}")));
    for (n, w) in words.iter().enumerate() {
        let r = post(&client, &base, &quotes(w, 50_000 + n as u64)).await;
        let found = r.as_ref().is_ok_and(|v| {
            v["data"]["embeds"][0]["fields"][0]["value"]
                .as_str()
                .is_some_and(|t| t.contains(w.as_str()))
        });
        if !found {
            lost += 1;
            eprintln!("lost: {w}: {r:?}");
        }
    }

    latencies.sort();
    let uploads_ok = uploads.iter().filter(|(ok, _)| *ok).count();
    let mut upload_times: Vec<Duration> = uploads.iter().map(|(_, d)| *d).collect();
    upload_times.sort();
    println!(
        "requests {REQUESTS} sent in {:.1} s; answered correctly {}; errors {errors}",
        sent_in.as_secs_f64(),
        REQUESTS - errors
    );
    println!(
        "latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.90).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        percentile(&latencies, 1.0).as_secs_f64() * 1e3,
    );
    println!(
        "/ingest {uploads_ok}/{UPLOADS} succeeded (p50 {:.0} ms, max {:.0} ms); whosaid ingest \
         added {FEED} articles; lost quotes {lost} of {}",
        percentile(&upload_times, 0.5).as_secs_f64() * 1e3,
        percentile(&upload_times, 1.0).as_secs_f64() * 1e3,
        words.len()
    );
    if errors > 0 || lost > 0 || uploads_ok < UPLOADS {
        return Err("the load test failed".into());
    }
    Ok(())
}
