//! What an ingest did, for people: the command line's text and the bot's reply. Both list
//! the articles added (or replaced) with their quote counts, the speakers, and every article
//! skipped with its reason, so nobody has to guess what was stored.

use crate::index::{IngestReport, NotAdded};
use crate::render::discord::{self as dc, limits, Reply};

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Most articles and speakers listed one by one.
const LISTED: usize = 20;

/// The lines of a report, without markup.
fn lines(r: &IngestReport, escape: fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    let replaced = r.articles.iter().filter(|a| a.replaced).count();
    let mut head = if r.articles.is_empty() {
        "Nothing added".to_string()
    } else {
        format!(
            "Added {}, {}, {}",
            count(r.articles.len(), "article", "articles"),
            count(r.quotes, "quote", "quotes"),
            count(r.speakers.len(), "speaker", "speakers"),
        )
    };
    if replaced > 0 {
        head.push_str(&format!(" ({replaced} replacing an earlier text)"));
    }
    head.push('.');
    out.push(head);
    for a in r.articles.iter().take(LISTED) {
        let mark = if a.replaced { "~" } else { "+" };
        let from = a
            .added_as
            .as_deref()
            .map(|n| format!(" ({})", escape(&dc::cut(n, 80))))
            .unwrap_or_default();
        let mut line = format!(
            "{mark} {}{from} — {}",
            escape(&a.id),
            count(a.quotes, "quote", "quotes")
        );
        if !a.headline.is_empty() {
            line.push_str(&format!(": “{}”", escape(&dc::cut(&a.headline, 120))));
        }
        out.push(line);
    }
    if r.articles.len() > LISTED {
        out.push(format!("… and {} more articles", r.articles.len() - LISTED));
    }
    if !r.speakers.is_empty() {
        let shown: Vec<String> = r
            .speakers
            .iter()
            .take(LISTED)
            .map(|s| {
                if r.new_speakers.contains(s) {
                    format!("{} (new)", escape(s))
                } else {
                    escape(s)
                }
            })
            .collect();
        let more = r.speakers.len().saturating_sub(LISTED);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        out.push(format!("Speakers: {}{more}.", shown.join(", ")));
    }
    if !r.skipped.is_empty() {
        out.push(format!(
            "Skipped {}:",
            count(r.skipped.len(), "article", "articles")
        ));
        for s in r.skipped.iter().take(LISTED) {
            out.push(format!("- {}", escape(s)));
        }
        if r.skipped.len() > LISTED {
            out.push(format!("… and {} more", r.skipped.len() - LISTED));
        }
    }
    if let Some(reason) = &r.rebuilt {
        out.push(format!(
            "The index was rebuilt from the corpus ({}).",
            escape(reason)
        ));
    }
    out
}

/// The report as the command line prints it.
pub fn text(r: &IngestReport) -> String {
    let mut s = lines(r, |t| t.to_string()).join("\n");
    s.push('\n');
    s
}

/// The report as the bot's (ephemeral) reply.
pub fn reply(r: &IngestReport) -> Reply {
    let body = lines(r, dc::escape_markdown);
    let (title, rest) = match body.split_first() {
        Some((t, rest)) => (t.clone(), rest.join("\n")),
        None => (String::from("Nothing added."), String::new()),
    };
    let description = if rest.is_empty() {
        "Nothing new: every article was already indexed.".to_string()
    } else {
        rest
    };
    let mut reply = Reply::embed(dc::text_embed(
        &dc::cut(&title, limits::TITLE),
        &description,
        Some("New quotes are searchable now."),
    ));
    reply.ephemeral = true;
    reply
}

/// An ingest an error stopped midway (`why`, e.g. a full disk): exactly what was added
/// before it, then every article that was not, at most `listed` of them by name.
pub fn stopped(why: &str, added: &IngestReport, not_added: &[NotAdded], listed: usize) -> String {
    let mut out = vec![format!("Stopped: {why}"), String::new()];
    out.extend(lines(added, |t| t.to_string()));
    out.push(String::new());
    out.push(format!(
        "Not added ({}), nothing of them kept:",
        count(not_added.len(), "article", "articles")
    ));
    for a in not_added.iter().take(listed) {
        let name = a
            .added_as
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        out.push(format!("- {}{name}: “{}”", a.id, a.headline));
    }
    if not_added.len() > listed {
        out.push(format!("- and {} more", not_added.len() - listed));
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IngestedArticle;

    #[test]
    fn report_lists_added_and_skipped() {
        let r = IngestReport {
            articles: vec![IngestedArticle {
                id: "a1".into(),
                added_as: None,
                headline: "Macron speaks".into(),
                quotes: 2,
                replaced: true,
            }],
            quotes: 2,
            speakers: vec!["Emmanuel Macron".into()],
            new_speakers: vec![],
            skipped: vec!["b: already indexed with the same text; nothing added".into()],
            rebuilt: None,
        };
        let t = text(&r);
        assert!(
            t.starts_with("Added 1 article, 2 quotes, 1 speaker (1 replacing"),
            "{t}"
        );
        assert!(t.contains("~ a1 — 2 quotes: “Macron speaks”"), "{t}");
        assert!(
            t.contains("Skipped 1 article:\n- b: already indexed"),
            "{t}"
        );
        let v = serde_json::to_value(reply(&r).into_response()).unwrap();
        assert!(dc::limit_violations(&v).is_empty());
        assert_eq!(v["data"]["flags"], 64);
    }

    /// Issue 12: a stopped ingest names every article added and every one not added.
    #[test]
    fn a_stopped_ingest_lists_what_was_added_and_what_was_not() {
        let added = IngestReport {
            articles: vec![IngestedArticle {
                id: "t-1".into(),
                added_as: Some("one.txt".into()),
                headline: "First".into(),
                quotes: 1,
                replaced: false,
            }],
            quotes: 1,
            ..IngestReport::default()
        };
        let not_added: Vec<NotAdded> = (2..5)
            .map(|i| NotAdded {
                id: format!("t-{i}"),
                added_as: None,
                headline: format!("Story {i}"),
            })
            .collect();
        let t = stopped("the disk is full", &added, &not_added, 2);
        assert!(
            t.starts_with("Stopped: the disk is full\n\nAdded 1 article, 1 quote"),
            "{t}"
        );
        assert!(t.contains("+ t-1 (one.txt) — 1 quote: “First”"), "{t}");
        assert!(t.contains("Not added (3 articles), nothing of them kept:\n- t-2: “Story 2”\n- t-3: “Story 3”\n- and 1 more"), "{t}");
    }
}
