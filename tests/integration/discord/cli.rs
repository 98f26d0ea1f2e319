//! The command lines: `whosaid reply` and what `serve` says without a token.

use crate::discord::helpers::repo_path;
use std::process::Command;

fn whosaid(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    c.current_dir(repo_path(""))
        .args(args)
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_PUBLIC_KEY")
        .env_remove("DISCORD_GUILD_ID")
        .env_remove("DISCORD_API_BASE");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run whosaid")
}

/// A settings file whose index lives in a temporary directory.
fn temp_config(tmp: &std::path::Path) -> String {
    let path = tmp.join("whosaid.toml");
    let text = format!(
        "[corpus]\ndir = {:?}\n[extract]\nspeakers = {:?}\n[index]\ndir = {:?}\nthreads = 1\nwriter_memory_mb = 20\n",
        repo_path("seeds"),
        repo_path("config/speakers.toml"),
        tmp.join("index")
    );
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn reply_prints_the_payload() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = temp_config(tmp.path());
    let whosaid = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["--config", cfg.as_str()];
        all.extend_from_slice(args);
        whosaid(&all, env)
    };
    let o = whosaid(
        &["reply", "--json", "/quotes query:troops speaker:Trump"],
        &[],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["type"], 4);
    assert_eq!(
        v["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    assert!(whosaid::render::discord::limit_violations(&v).is_empty());

    let o = whosaid(&["reply", "/quotes query:troops speaker:Trump"], &[]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("# Quotes about “troops”"), "{text}");
    assert!(text.contains("Donald Trump"), "{text}");
    assert!(text.contains("[page 1 of"), "{text}");

    let o = whosaid(&["reply", "/nosuch x"], &[]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown command"));
}

#[test]
fn serve_without_a_token_explains_how_to_get_one() {
    for (env, want) in [
        (vec![], "DISCORD_TOKEN is not set"),
        (
            vec![("DISCORD_TOKEN", "not-a-token")],
            "does not look like a bot token",
        ),
    ] {
        let o = whosaid(&["serve"], &env);
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{err}");
        assert!(err.contains("developers/applications"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.contains("not-a-token"), "the token is echoed: {err}");
    }
    let o = whosaid(&["serve-http", "--listen", "127.0.0.1:0"], &[]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("DISCORD_PUBLIC_KEY"));
}

/// `whosaid serve-http` as an operator runs it: key from the environment, address from
/// `--listen`; a signed PING gets PONG and an unsigned request 401.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_http_command_line_answers_signed_requests() {
    use crate::discord::helpers::{now_secs, ping_json, public_key_hex, sign};
    let tmp = tempfile::tempdir().unwrap();
    let cfg = temp_config(tmp.path());
    // A free loopback port (released just before the server takes it).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(repo_path(""))
        .args(["--config", &cfg, "serve-http", "--listen", &listen])
        .env("DISCORD_PUBLIC_KEY", public_key_hex())
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_API_BASE")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start whosaid serve-http");
    let client = reqwest::Client::new();
    let url = format!("http://{listen}/interactions");
    let body = serde_json::to_vec(&ping_json()).unwrap();
    // Wait for the server to listen (bounded; a guard, not a speed assertion).
    let mut answer = None;
    for _ in 0..600 {
        let ts = now_secs().to_string();
        let sent = client
            .post(&url)
            .header("x-signature-ed25519", sign(&ts, &body))
            .header("x-signature-timestamp", &ts)
            .body(body.clone())
            .send()
            .await;
        if let Ok(r) = sent {
            answer = Some((r.status().as_u16(), r.text().await.unwrap_or_default()));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let unsigned = client.post(&url).body(body.clone()).send().await;
    let _ = child.start_kill();
    let _ = child.wait().await;
    assert_eq!(answer, Some((200, r#"{"type":1}"#.to_string())));
    assert_eq!(unsigned.map(|r| r.status().as_u16()).ok(), Some(401));
}
