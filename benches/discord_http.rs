//! Latency of the HTTP interactions endpoint (`whosaid serve-http`) under load.
//!
//! Serves the endpoint over the seeds index on 127.0.0.1, then sends Ed25519-signed
//! interactions — slash commands over the seeds queries, autocomplete, button presses and
//! PINGs — 200 at a time, and reports the time from a request arriving at the endpoint to its
//! response (measured inside the server) and the round trip seen by the client (plain
//! keep-alive HTTP/1.1 connections on a separate thread), as p50 / p99 / max. Run twice: with the bot's recent answers kept (the default) and with every search run.
//! Bounded: a fixed number of requests per run, and each run gives up after a minute.
//!
//! `cargo bench --bench discord_http`

use axum::body::Body;
use axum::http::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use whosaid::config::Config;
use whosaid::discord::library::Library;
use whosaid::discord::{http, Bot};

/// Requests in flight at once.
const CONCURRENCY: usize = 200;
/// Requests sent in all (after a warm-up round).
const REQUESTS: usize = 10_000;
/// The run stops after this long whatever happens.
const DEADLINE: Duration = Duration::from_secs(60);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base(kind: u8) -> Value {
    json!({
        "id": "1100000000000000001", "application_id": "1000000000000000001", "type": kind,
        "guild_id": "1200000000000000001", "channel_id": "1300000000000000001",
        "member": {"user": {"id": "80351110224678912", "username": "alice", "discriminator": "0",
                            "global_name": "Alice", "avatar": null},
                   "roles": [], "joined_at": "2021-01-01T00:00:00.000000+00:00", "deaf": false,
                   "mute": false, "flags": 0, "permissions": "2248473465835073"},
        "token": "aW50ZXJhY3Rpb24tdG9rZW4", "version": 1, "locale": "en-US",
        "entitlements": [], "attachment_size_limit": 10485760
    })
}

fn command(name: &str, options: &[(&str, &str)]) -> Value {
    let mut v = base(2);
    v["data"] = json!({"id": "1400000000000000001", "name": name, "type": 1,
        "options": options.iter().map(|(n, val)| json!({"name": n, "type": 3, "value": val}))
            .collect::<Vec<_>>()});
    v
}

fn autocomplete(typed: &str) -> Value {
    let mut v = base(4);
    v["data"] = json!({"id": "1400000000000000001", "name": "quotes", "type": 1, "options": [
        {"name": "query", "type": 3, "value": "troops"},
        {"name": "speaker", "type": 3, "value": typed, "focused": true}]});
    v
}

/// The workload: every seeds query as a command, plus the other kinds of interaction.
fn workload() -> Vec<Value> {
    let mut w = Vec::new();
    for q in [
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
        "president",
        "military",
        "coalition",
        "terror",
        "chemical weapons",
        "\"come home\"",
        "Macron",
        "strikes",
        "footprint",
    ] {
        w.push(command("quotes", &[("query", q)]));
    }
    w.push(command(
        "quotes",
        &[("query", "troops"), ("speaker", "Trump")],
    ));
    w.push(command("whosaid", &[("phrase", "we want to come home")]));
    w.push(command(
        "whosaid",
        &[("phrase", "lasting footprint strong")],
    ));
    w.push(command("speaker", &[("name", "Emmanuel Macron")]));
    w.push(command("sources", &[]));
    w.push(command("help", &[]));
    w.push(autocomplete("Tr"));
    w.push(autocomplete(""));
    let mut ping = base(1);
    ping["member"] = Value::Null;
    w.push(ping);
    w
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(what: &str, mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    let p99 = percentile(&samples, 0.99);
    println!(
        "{what:<34} n={:<6} p50={:>8.3} ms  p99={:>8.3} ms  max={:>8.3} ms",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        samples.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    p99
}

fn main() {
    // `cargo bench` passes `--bench`; anything else (e.g. `cargo test --benches`) skips.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    for (cache, what) in [
        (1024, "recent answers kept (the default)"),
        (0, "every search run (cache_entries = 0)"),
    ] {
        run(cache, what);
    }
}

/// One run: the server on its own runtime (as `serve-http` runs it), the load from a
/// separate single-threaded runtime with plain keep-alive HTTP/1.1 connections.
fn run(cache_entries: usize, what: &str) {
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (url, key, server_times) = server_rt.block_on(serve(cache_entries));
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    client_rt.block_on(load(&url, &key, server_times, what));
    server_rt.shutdown_background();
}

type Times = Arc<Mutex<Vec<Duration>>>;

/// Starts the endpoint over the seeds index; returns its address, the signing key and the
/// server-side timings.
async fn serve(cache_entries: usize) -> (std::net::SocketAddr, SigningKey, Times) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = Config::load(Some(&root.join("config/whosaid.toml"))).expect("config");
    config.corpus.dir = root.join("seeds");
    config.extract.speakers = Some(root.join("config/speakers.toml"));
    config.index.dir = root.join("target/bench-seeds-index");
    config.index.threads = 1;
    config.discord.cache_entries = cache_entries;
    // Every request comes from one user: measure the searches, not the per-user cooldown.
    config.discord.search_cooldown_ms = 0;
    let library = Library::open_or_build(&config).expect("seeds index");

    let key = SigningKey::from_bytes(&[7u8; 32]);
    let endpoint = Arc::new(http::Endpoint {
        bot: Bot::with_library(config, Arc::new(library)),
        verifier: whosaid::discord::secrets::verifier(&hex(key.verifying_key().as_bytes()))
            .expect("key"),
        http: None,
    });

    // The server, with a layer that times each request from its arrival to its response.
    let server_times: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let times = server_times.clone();
    let app = http::router(endpoint).layer(middleware::from_fn(
        move |req: Request<Body>, next: Next| {
            let times = times.clone();
            async move {
                let start = Instant::now();
                let res: Response = next.run(req).await;
                let (parts, body) = res.into_parts();
                // The body is ready JSON; collecting it is part of answering.
                let bytes = axum::body::to_bytes(body, usize::MAX)
                    .await
                    .unwrap_or_default();
                if let Ok(mut t) = times.lock() {
                    t.push(start.elapsed());
                }
                Response::from_parts(parts, Body::from(bytes))
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, key, server_times)
}

/// Sends one request on a keep-alive connection and reads the whole response; `true` on 200.
async fn exchange(conn: &mut tokio::net::TcpStream, request: &[u8], buf: &mut Vec<u8>) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    if conn.write_all(request).await.is_err() {
        return false;
    }
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                return head.starts_with("http/1.1 200");
            }
        }
        match conn.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

async fn load(addr: &std::net::SocketAddr, key: &SigningKey, server_times: Times, what: &str) {
    // Signed requests, prepared before the clock starts.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        .to_string();
    let requests: Arc<Vec<Vec<u8>>> = Arc::new(
        workload()
            .iter()
            .map(|v| {
                let body = serde_json::to_vec(v).expect("json");
                let mut msg = now.as_bytes().to_vec();
                msg.extend_from_slice(&body);
                let sig = hex(&key.sign(&msg).to_bytes());
                let mut req = format!(
                    "POST /interactions HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\n\
                     x-signature-ed25519: {sig}\r\nx-signature-timestamp: {now}\r\n\
                     content-length: {}\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                req.extend_from_slice(&body);
                req
            })
            .collect(),
    );

    let mut conns = Vec::with_capacity(CONCURRENCY);
    for _ in 0..CONCURRENCY {
        conns.push(tokio::net::TcpStream::connect(addr).await.expect("connect"));
    }
    // Warm-up: one request per connection.
    let mut buf = Vec::new();
    for (i, c) in conns.iter_mut().enumerate() {
        exchange(c, &requests[i % requests.len()], &mut buf).await;
    }
    server_times.lock().expect("times").clear();

    let started = Instant::now();
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let failures = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers: Vec<_> = conns
        .into_iter()
        .map(|mut conn| {
            let next = next.clone();
            let failures = failures.clone();
            let requests = requests.clone();
            tokio::spawn(async move {
                let mut times = Vec::new();
                let mut buf = Vec::new();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= REQUESTS || started.elapsed() > DEADLINE {
                        break;
                    }
                    let t = Instant::now();
                    if !exchange(&mut conn, &requests[i % requests.len()], &mut buf).await {
                        failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut client = Vec::new();
    for w in workers {
        client.extend(w.await.unwrap_or_default());
    }
    let elapsed = started.elapsed();
    let server = std::mem::take(&mut *server_times.lock().expect("times"));
    println!("\nserve-http over the seeds index, {what}:");
    println!(
        "{} requests, {CONCURRENCY} concurrent, {:.0} req/s, {} failed",
        client.len(),
        client.len() as f64 / elapsed.as_secs_f64(),
        failures.load(std::sync::atomic::Ordering::Relaxed)
    );
    let p99 = report("arrival → response (server)", server);
    report("round trip (client)", client);
    println!(
        "target: p99 arrival → response under 10 ms: {}",
        if p99 < Duration::from_millis(10) {
            "met"
        } else {
            "NOT met"
        }
    );
}
