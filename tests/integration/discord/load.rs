//! Issue 5, under load: searches on the HTTP endpoint while `/ingest` adds articles. Every
//! request is answered correctly and no added quote is lost. Bounded in count; the figures
//! (latency, throughput) come from `examples/load.rs`, not from here.

use crate::discord::helpers::*;
use crate::discord::ingest::{fresh_bot, ingest_json, MANAGER};
use axum::routing::get;
use axum::Router;

const SEARCHES: usize = 200;
const UPLOADS: usize = 4;
const PER_UPLOAD: usize = 3;

fn word(u: usize, i: usize) -> String {
    format!("quorvex{u}n{i}")
}

fn upload(u: usize) -> String {
    (0..PER_UPLOAD)
        .map(|i| {
            let w = word(u, i);
            serde_json::json!({
                "id": format!("load-{u}-{i}"),
                "text": format!("Harbour {w}\n\n\"The {w} plan goes ahead,\" said Maren Oyelaran.\n"),
            })
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_5_searches_under_ingest_are_all_answered_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    // Downloads compete with the searches here; give them time.
    let (_, bot) = fresh_bot(tmp.path(), |c| c.discord.download_timeout_ms = 60_000);
    let app = std::sync::Arc::new(spawn_app(bot).await);
    let files = Router::new().route(
        "/{name}",
        get(
            |axum::extract::Path(name): axum::extract::Path<String>| async move {
                upload(name.trim_end_matches(".jsonl").parse().unwrap_or(0))
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let files_base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, files).await });

    let uploads = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut replies = Vec::new();
            for u in 0..UPLOADS {
                let name = format!("{u}.jsonl");
                let v = ingest_json(&format!("{files_base}/{name}"), &name, 500, &[], MANAGER);
                replies.push(app.post_json(&v).await);
            }
            replies
        })
    };
    // The answers before the load: the articles added use none of these words, so every
    // answer must count the same quotes, with a query word in bold among them.
    let queries = ["troops", "Syria", "ISIS"];
    let footer = |v: &serde_json::Value| v["data"]["embeds"][0]["footer"]["text"].clone();
    let mut expected = Vec::new();
    for q in queries {
        let (_, v) = app
            .post_json(&command_json("quotes", &[("query", q)], 500))
            .await;
        assert!(
            footer(&v).as_str().is_some_and(|f| f.contains("quote")),
            "{v:#}"
        );
        expected.push(footer(&v));
    }
    let mut searches = Vec::new();
    for i in 0..SEARCHES {
        let app = app.clone();
        let query = queries[i % queries.len()];
        searches.push(tokio::spawn(async move {
            let v = command_json("quotes", &[("query", query)], 1_000 + i as u64);
            let (status, v) = app.post_json(&v).await;
            (status, v, i % 3, query)
        }));
    }
    for s in searches {
        let (status, v, q, query) = s.await.unwrap();
        assert_eq!(status, 200, "{v:#}");
        assert_eq!(v["type"], 4, "{v:#}");
        assert_eq!(footer(&v), expected[q], "{v:#}");
        let bold = format!("**{}**", query.to_lowercase());
        let fields = v["data"]["embeds"][0]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(
            fields.iter().any(|f| f["value"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains(&bold))),
            "{v:#}"
        );
    }
    for (status, v) in uploads.await.unwrap() {
        assert_eq!(status, 200, "{v:#}");
        assert!(
            v.to_string()
                .contains(&format!("Added {PER_UPLOAD} articles")),
            "{v:#}"
        );
    }
    for u in 0..UPLOADS {
        for i in 0..PER_UPLOAD {
            let w = word(u, i);
            let (_, v) = app
                .post_json(&command_json("quotes", &[("query", &w)], 9_000))
                .await;
            assert!(v.to_string().contains(&w), "lost {w}: {v:#}");
        }
    }
}
