//! One collection per server (issue 11): what a server adds, only that server (and the servers
//! the settings map to its collection) sees; every server sees the shared base.

use crate::discord::helpers::*;
use crate::discord::ingest::{add_the_story, attachment_server, fresh_bot, ingest_json, MANAGER};
use serde_json::{json, Value};
use std::sync::Arc;
use whosaid::discord::Bot;

/// A server mapped to the first server's collection.
const SISTER_SERVER: u64 = 1_200_000_000_000_000_003;
/// A server of another team.
const OTHER_SERVER: u64 = 1_200_000_000_000_000_002;

/// `v` as sent from server `server` (`None`: a direct message).
fn from(mut v: Value, server: Option<u64>) -> Value {
    match server {
        Some(s) => v["guild_id"] = json!(s.to_string()),
        None => {
            let o = v.as_object_mut().expect("an object");
            o.remove("guild_id");
            let user = o.remove("member").map(|m| m["user"].clone());
            o.insert("user".into(), user.unwrap_or(Value::Null));
            o.insert("context".into(), json!(1));
        }
    }
    v
}

/// What one server sees of the story added in the first server, command by command.
async fn sees_the_story(bot: &Arc<Bot>, server: Option<u64>) -> Vec<(&'static str, bool)> {
    let ask =
        |name: &str, options: &[(&str, &str)]| from(command_json(name, options, USER_ID), server);
    let mut seen = Vec::new();
    let v = respond(bot, &ask("quotes", &[("query", "tariffs intimidated")])).await;
    seen.push(("/quotes", v.to_string().contains("Macron warns on trade")));
    let v = respond(
        bot,
        &ask(
            "whosaid",
            &[("phrase", "Europe will not be intimidated by tariffs")],
        ),
    )
    .await;
    seen.push(("/whosaid", v.to_string().contains("Macron warns on trade")));
    let v = respond(bot, &ask("speaker", &[("name", "Margarethe Quillfeather")])).await;
    seen.push(("/speaker", v.to_string().contains("farmers need an answer")));
    let v = respond(bot, &ask("sources", &[])).await;
    seen.push(("/sources", v.to_string().contains("Macron warns on trade")));
    let v = respond(
        bot,
        &from(autocomplete_json("quotes", "speaker", "Margar"), server),
    )
    .await;
    seen.push((
        "speaker autocomplete",
        v.to_string().contains("Quillfeather"),
    ));
    let v = respond(
        bot,
        &from(autocomplete_json("quotes", "source", "trade"), server),
    )
    .await;
    seen.push((
        "source autocomplete",
        v.to_string().contains("Macron warns on trade"),
    ));
    // and every server sees the shared base
    let v = respond(bot, &ask("quotes", &[("query", "persuaded him to remain")])).await;
    seen.push(("the base", v.to_string().contains("Ten days ago")));
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_a_server_sees_the_base_and_its_own_collection_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (config, bot) = fresh_bot(tmp.path(), |c| {
        c.discord.search_cooldown_ms = 0;
        c.discord
            .collections
            .insert("team-a".into(), vec![SERVER_ID, SISTER_SERVER]);
    });
    let base = add_the_story(&bot).await;
    assert_eq!(
        config.discord.collection_of(Some(SERVER_ID)).as_deref(),
        Some("team-a")
    );

    for server in [Some(SERVER_ID), Some(SISTER_SERVER)] {
        for (what, seen) in sees_the_story(&bot, server).await {
            assert!(seen, "{what} in {server:?} must see the story");
        }
    }
    for server in [Some(OTHER_SERVER), None] {
        for (what, seen) in sees_the_story(&bot, server).await {
            let shared = what == "the base";
            assert_eq!(seen, shared, "{what} in {server:?}");
        }
    }

    // a direct message cannot add articles
    let dm = from(
        ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], MANAGER),
        None,
    );
    let v = respond(&bot, &dm).await;
    assert!(v.to_string().contains("only in a server"), "{v:#}");

    // the same story added in another server is that server's own article
    let v = respond(
        &bot,
        &from(
            ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], MANAGER),
            Some(OTHER_SERVER),
        ),
    )
    .await;
    assert!(v.to_string().contains("Added 1 article"), "{v:#}");
    for (what, seen) in sees_the_story(&bot, Some(OTHER_SERVER)).await {
        assert!(seen, "{what} after the other server added the story too");
    }
}

/// Issue 11: every limit counts per member and per server: the same member searching in
/// another server is not held back, and /ingest, ◀ ▶ and autocomplete have limits too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_limits_count_per_member_and_server() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |c| {
        c.discord.search_cooldown_ms = 60_000;
        c.discord.ingest_cooldown_ms = 60_000;
        c.discord.button_cooldown_ms = 60_000;
        c.discord.autocomplete_cooldown_ms = 60_000;
    });
    let search = |server: u64| {
        from(
            command_json("quotes", &[("query", "troops")], USER_ID),
            Some(server),
        )
    };
    let first = respond(&bot, &search(SERVER_ID)).await;
    assert!(first["data"]["embeds"].is_array(), "{first:#}");
    let again = respond(&bot, &search(SERVER_ID)).await;
    assert!(again.to_string().contains("Slow down"), "{again:#}");
    let elsewhere = respond(&bot, &search(OTHER_SERVER)).await;
    assert!(
        !elsewhere.to_string().contains("Slow down"),
        "{elsewhere:#}"
    );

    // ◀ ▶: the second press within the wait is refused
    let next = first.to_string();
    let id = next
        .split("\"custom_id\":\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(String::from)
        .expect("a button");
    let press = |user| from(button_json(&id, user), Some(SERVER_ID));
    let v = respond(&bot, &press(USER_ID)).await;
    assert!(!v.to_string().contains("Slow down"), "{v:#}");
    let v = respond(&bot, &press(USER_ID)).await;
    assert!(v.to_string().contains("Slow down"), "{v:#}");

    // autocomplete: the next request within the wait gets no choices
    let typing = from(
        autocomplete_json("quotes", "speaker", "Don"),
        Some(SERVER_ID),
    );
    let v = respond(&bot, &typing).await;
    assert!(v.to_string().contains("Donald Trump"), "{v:#}");
    let v = respond(&bot, &typing).await;
    assert!(!v.to_string().contains("Donald Trump"), "{v:#}");

    // /ingest: a second one within the wait is refused before anything is downloaded
    let base = attachment_server().await;
    let upload = from(
        ingest_json(&format!("{base}/story.txt"), "story.txt", 300, &[], MANAGER),
        Some(SERVER_ID),
    );
    let v = respond(&bot, &upload).await;
    assert!(v.to_string().contains("Added 1 article"), "{v:#}");
    let v = respond(&bot, &upload).await;
    assert!(v.to_string().contains("Slow down"), "{v:#}");
}

/// Issue 11, end to end through the signed interactions endpoint on 127.0.0.1: an article
/// added in one server answers there and nowhere else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_two_servers_through_the_interactions_endpoint() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |c| c.discord.search_cooldown_ms = 0);
    let app = spawn_app(bot).await;
    let files = attachment_server().await;
    let upload = from(
        ingest_json(
            &format!("{files}/story.txt"),
            "story.txt",
            300,
            &[],
            MANAGER,
        ),
        Some(SERVER_ID),
    );
    let (status, v) = app.post_json(&upload).await;
    assert_eq!(status, 200, "{v:#}");
    assert!(v.to_string().contains("Added 1 article"), "{v:#}");
    let ask = |server| {
        from(
            command_json(
                "whosaid",
                &[("phrase", "Europe will not be intimidated by tariffs")],
                USER_ID,
            ),
            Some(server),
        )
    };
    let (_, here) = app.post_json(&ask(SERVER_ID)).await;
    assert!(
        here.to_string().contains("Macron warns on trade"),
        "{here:#}"
    );
    let (_, there) = app.post_json(&ask(OTHER_SERVER)).await;
    assert!(
        !there.to_string().contains("Macron warns on trade"),
        "{there:#}"
    );
    assert!(there.to_string().contains("Nobody"), "{there:#}");
}

/// Issue 11: on Discord an article is replaced only when asked, only within the server's own
/// collection, and never the shared base's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_11_replacing_is_asked_for_and_stays_in_the_servers_collection() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, bot) = fresh_bot(tmp.path(), |_| {});
    let files = attachment_server().await;
    let url = "https://news.example/trade";
    let upload = |file: &str, options: &[(&str, &str)]| {
        from(
            ingest_json(&format!("{files}/{file}"), file, 300, options, MANAGER),
            Some(SERVER_ID),
        )
    };
    let v = respond(&bot, &upload("story.txt", &[("url", url)])).await;
    assert!(v.to_string().contains("Added 1 article"), "{v:#}");
    // another text at the same address: refused unless replacing is asked for
    let v = respond(&bot, &upload("forged.txt", &[("url", url)])).await;
    assert!(v.to_string().contains("replace:"), "{v:#}");
    let v = respond(
        &bot,
        &upload("forged.txt", &[("url", url), ("replace", url)]),
    )
    .await;
    assert!(v.to_string().contains("replacing an earlier text"), "{v:#}");
    // the shared base's articles are not this server's to replace
    let before = respond(
        &bot,
        &from(command_json("sources", &[], USER_ID), Some(SERVER_ID)),
    )
    .await;
    let v = respond(
        &bot,
        &upload("story.txt", &[("replace", "001_f5eafe687d50122b")]),
    )
    .await;
    assert!(v.to_string().contains("nothing replaced"), "{v:#}");
    let after = respond(
        &bot,
        &from(command_json("sources", &[], USER_ID), Some(SERVER_ID)),
    )
    .await;
    assert_eq!(before, after);
}
