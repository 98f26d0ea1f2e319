//! The HTTP interactions endpoint, over loopback, with real Ed25519 signatures.

use crate::discord::helpers::*;

#[tokio::test]
async fn ping_answers_pong() {
    let app = spawn_app(seeds_bot()).await;
    let (status, v) = app.post_json(&ping_json()).await;
    assert_eq!(status, 200);
    assert_eq!(v, serde_json::json!({"type": 1}));
}

#[tokio::test]
async fn a_command_gets_its_reply() {
    let app = spawn_app(seeds_bot()).await;
    let (status, v) = app
        .post_json(&command_json("quotes", &[("query", "troops")], USER_ID))
        .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["type"], 4);
    assert!(v["data"]["embeds"][0]["fields"][0]["value"]
        .as_str()
        .unwrap()
        .contains("**troops**"));
    assert_within_limits(&v);
}

#[tokio::test]
async fn requests_that_fail_checks_are_refused() {
    let app = spawn_app(seeds_bot()).await;
    let body = serde_json::to_vec(&ping_json()).unwrap();
    let now = now_secs().to_string();
    let stale = (now_secs() - 330).to_string();
    let future = (now_secs() + 330).to_string();
    let other_body = br#"{"type":1,"tampered":true}"#;
    let wrong = sign(&now, other_body);
    // (what, timestamp, signature override, expected status)
    let cases: Vec<(&str, String, Option<String>, u16)> = vec![
        ("bad signature", now.clone(), Some(wrong), 401),
        ("garbage signature", now.clone(), Some("zz".into()), 401),
        ("empty signature", now.clone(), Some(String::new()), 401),
        (
            "stale timestamp",
            stale.clone(),
            Some(sign(&stale, &body)),
            401,
        ),
        (
            "future timestamp",
            future.clone(),
            Some(sign(&future, &body)),
            401,
        ),
        (
            "timestamp not a number",
            "soon".into(),
            Some(sign("soon", &body)),
            401,
        ),
        ("good", now.clone(), None, 200),
    ];
    for (what, ts, sig, want) in cases {
        let r = app.post_signed(&body, &ts, sig.as_deref()).await;
        assert_eq!(r.status().as_u16(), want, "{what}");
    }
    // No signature headers at all.
    let r = app
        .client
        .post(format!("{}/interactions", app.address))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let app = spawn_app(seeds_bot()).await;
    let body = vec![b' '; (1 << 20) + 1];
    let now = now_secs().to_string();
    let r = app.post_signed(&body, &now, None).await;
    assert_eq!(r.status().as_u16(), 413);
}

#[tokio::test]
async fn signed_nonsense_is_400() {
    let app = spawn_app(seeds_bot()).await;
    let body = br#"{"hello":"world"}"#;
    let now = now_secs().to_string();
    let r = app.post_signed(body, &now, None).await;
    assert_eq!(r.status().as_u16(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_work_is_deferred_and_filled_in_through_rest() {
    // No index yet and 1 ms before deferring: the endpoint answers "thinking" (type 5) and
    // edits the original response through the (fake) REST API once the index is built.
    let (fake, api_base) = crate::discord::e2e::start_fake().await;
    let token = whosaid::discord::secrets::Token::parse(
        "MTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only",
    )
    .unwrap();
    let rest = std::sync::Arc::new(whosaid::discord::gateway::http(&token, &api_base));
    let tmp = tempfile::tempdir().unwrap();
    let mut c = config_for(&repo_path("seeds"), &tmp.path().join("index"));
    c.discord.defer_after_ms = 1;
    let app = spawn_app_with(whosaid::discord::Bot::new(c), Some(rest)).await;
    let (status, v) = app
        .post_json(&command_json("quotes", &[("query", "troops")], USER_ID))
        .await;
    assert_eq!(status, 200);
    assert_eq!(v["type"], 5, "{v:#}");
    // A guard against hanging forever, not a speed assertion.
    let waited = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        fake.until(|s| !s.edits.is_empty()).await;
    })
    .await;
    assert!(waited.is_ok(), "the deferred reply was never filled in");
    let seen = fake.seen.lock().unwrap();
    let edit = &seen.edits[0];
    assert_within_limits(edit);
    assert!(edit["embeds"][0]["fields"][0]["value"]
        .as_str()
        .unwrap()
        .contains("**troops**"));
}
