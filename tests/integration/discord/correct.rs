//! `/correct` (issue 10): who may correct, what the command checks, and a correction that
//! shows at once in the bot's answers.

use crate::discord::helpers::*;
use crate::discord::ingest::{add_the_story, fresh_bot, MANAGER};
use serde_json::{json, Value};
use whosaid::index::QuoteIndex;
use whosaid::search::{search, SearchRequest};

const RESEARCHER_ROLE: u64 = 1_700_000_000_000_000_001;

fn correct_json(options: &[(&str, Value)], perms: &str, roles: &[u64]) -> Value {
    let mut v = command_json("correct", &[], USER_ID);
    v["member"]["permissions"] = json!(perms);
    v["member"]["roles"] = json!(roles.iter().map(u64::to_string).collect::<Vec<_>>());
    v["data"]["options"] = json!(options
        .iter()
        .map(|(n, val)| {
            let kind = if val.is_boolean() { 5 } else { 3 };
            json!({"name": n, "type": kind, "value": val})
        })
        .collect::<Vec<_>>());
    v
}

fn content(v: &Value) -> String {
    v["data"]["content"].as_str().unwrap_or("").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_10_correct_is_for_managers_and_named_roles_and_shows_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (config, bot) = fresh_bot(tmp.path(), |c| {
        c.discord.correct_roles = vec![RESEARCHER_ROLE]
    });
    // the server adds an article; its quotes are the server's to correct
    add_the_story(&bot).await;
    let server = config.discord.collection_of(Some(SERVER_ID));
    let (id, seed_id) = {
        let index = QuoteIndex::open(&config.index.dir).unwrap();
        let mut req = SearchRequest::new("farmers need an answer by June");
        req.collection = server.clone();
        let r = search(&index, &req).unwrap();
        let seed = search(&index, &SearchRequest::new("persuaded him to remain")).unwrap();
        (r.hits[0].record.id.clone(), seed.hits[0].record.id.clone())
    };
    let fix = [("id", json!(id)), ("speaker", json!("Theresa Quill"))];

    // a member with neither the permission nor the role is refused, and nothing changes
    let before = std::fs::read(config.index.dir.join("manifest.json")).unwrap();
    let v = respond(&bot, &correct_json(&fix, "0", &[42])).await;
    assert!(content(&v).contains("Manage Server"), "{v:#}");
    assert_eq!(v["data"]["flags"].as_u64().unwrap_or(0) & 64, 64, "{v:#}");
    assert_eq!(
        std::fs::read(config.index.dir.join("manifest.json")).unwrap(),
        before
    );
    assert!(!config.corpus.dir.join("corrections.jsonl").exists());

    // options are checked before anything is written
    for (options, want) in [
        (
            vec![("id", json!("nope")), ("speaker", json!("X Y"))],
            "is not a quote id",
        ),
        (vec![("id", json!(id))], "Give either"),
        (
            vec![
                ("id", json!(id)),
                ("speaker", json!("X Y")),
                ("not_a_quote", json!(true)),
            ],
            "Give either",
        ),
        (
            vec![("id", json!("zzzzzzzzzz")), ("not_a_quote", json!(true))],
            "No quote of this server",
        ),
        // the shared articles are not a server's to correct
        (
            vec![("id", json!(seed_id)), ("not_a_quote", json!(true))],
            "No quote of this server",
        ),
    ] {
        let v = respond(&bot, &correct_json(&options, MANAGER, &[])).await;
        assert!(content(&v).contains(want), "{want}: {v:#}");
        assert_within_limits(&v);
    }

    // a researcher's role is enough
    let v = respond(&bot, &correct_json(&fix, "0", &[RESEARCHER_ROLE])).await;
    assert!(content(&v).contains("now said by Theresa Quill"), "{v:#}");
    assert_within_limits(&v);
    let file = std::fs::read_to_string(config.corpus.dir.join("corrections.jsonl")).unwrap();
    assert!(
        file.contains(&USER_ID.to_string()),
        "who corrected is recorded: {file}"
    );

    // the bot's next answer shows the correction, with the quote's id
    let v = respond(
        &bot,
        &command_json(
            "whosaid",
            &[("phrase", "our farmers need an answer by June")],
            USER_ID,
        ),
    )
    .await;
    let shown = v["data"]["embeds"].to_string();
    assert!(shown.contains("Theresa Quill"), "{v:#}");
    assert!(shown.contains("corrected by a team member"), "{v:#}");
    assert!(shown.contains(&id), "{v:#}");
    assert_within_limits(&v);
}
