//! `/quotes query [speaker] [source] [kind]`: quotes about a topic, best first, paged.

use super::{nav, pages, CommandError, Ctx, Invocation};
use crate::discord::paging::{QuoteQuery, Target};
use crate::extract::QuoteKind;
use crate::render::discord::{self as render, Reply};
use crate::search::SearchRequest;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub const NAME: &str = "quotes";
pub const OPTIONS: [&str; 4] = ["query", "speaker", "source", "kind"];

/// Pages a reply can show: the best `WINDOW_PAGES × page_size` results.
pub const WINDOW_PAGES: usize = 10;

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Quotes about a topic: who said what, in the article's own words")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "query",
                "Words to look for, e.g. troops; \"quote marks\" for a phrase",
            )
            .required(true)
            .max_length(100),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "speaker",
                "Only quotes by this person",
            )
            .set_autocomplete(true)
            .max_length(100),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "source",
                "Only quotes from this article or outlet",
            )
            .set_autocomplete(true)
            .max_length(100),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "kind", "Only this kind of quote")
                .add_string_choice("direct: whole sentences in quote marks", "direct")
                .add_string_choice("partial: a quoted fragment", "partial")
                .add_string_choice("indirect: reported speech", "indirect")
                .add_string_choice("mixed: reported speech with quoted words", "mixed"),
        )
}

/// The query of an invocation.
pub fn query_of(inv: &Invocation) -> Result<QuoteQuery, CommandError> {
    let text = inv.get("query").ok_or_else(|| {
        CommandError::Usage("Tell me what to look for, e.g. `/quotes query:troops`.".into())
    })?;
    let kind = match inv.get("kind") {
        None => None,
        Some(k) => Some(k.parse::<QuoteKind>().map_err(|_| {
            CommandError::Usage(
                "`kind` is one of direct, partial, indirect or mixed — or leave it out.".into(),
            )
        })?),
    };
    Ok(QuoteQuery {
        text: text.to_string(),
        speaker: inv.get("speaker").map(str::to_string),
        source: inv.get("source").map(str::to_string),
        kind,
    })
}

pub fn run(ctx: Ctx<'_>, inv: &Invocation) -> Result<Reply, CommandError> {
    show(ctx, &query_of(inv)?, 1, inv.user)
}

/// Page `page` (1-based) of a query.
pub fn show(ctx: Ctx<'_>, q: &QuoteQuery, page: usize, user: u64) -> Result<Reply, CommandError> {
    let size = ctx.page_size;
    let window = size * WINDOW_PAGES;
    let req = SearchRequest {
        query: q.text.clone(),
        speaker: q.speaker.clone(),
        source: q.source.clone(),
        kind: q.kind,
        since: None,
        until: None,
        limit: window,
        page: 1,
        excerpt_bytes: ctx.library.excerpt_bytes(),
        collection: ctx.collection.map(String::from),
    };
    let results = ctx.library.search(&req)?;
    let total = results.hits.len();
    if total == 0 {
        let mut tips = vec!["use fewer or other words"];
        if q.speaker.is_some() || q.source.is_some() || q.kind.is_some() {
            tips.push("drop the speaker, source or kind filter");
        }
        tips.push("see who is quoted with `/speaker` or what is indexed with `/sources`");
        return Ok(Reply::notice(&format!(
            "No quotes match “{}”. Try to {}.",
            render::cut(&q.text, 200),
            tips.join(", or ")
        )));
    }
    let pages = pages(total, size);
    if page > pages {
        return Ok(super::gone());
    }
    let shown = &results.hits[(page - 1) * size..(page * size).min(total)];
    let mut nav = nav(&Target::Quotes(q.clone()), page, pages, user);
    if results.has_more {
        let more = format!("the best {window} are shown; narrow the search for the rest");
        nav.note = Some(match nav.note.take() {
            Some(n) => format!("{n} · {more}"),
            None => more,
        });
    }
    Ok(render::quotes(
        &results,
        shown,
        &filters(q, &results.speakers),
        total,
        &nav,
    ))
}

/// "speaker: … · source: … · kind: …" for the embed description; the speaker as the index
/// resolved the name.
fn filters(q: &QuoteQuery, speakers: &[String]) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &q.speaker {
        if speakers.is_empty() {
            parts.push(format!("speaker: {s}"));
        } else {
            parts.push(format!("speaker: {}", speakers.join(" or ")));
        }
    }
    if let Some(s) = &q.source {
        parts.push(format!("source: {s}"));
    }
    if let Some(k) = q.kind {
        parts.push(format!("kind: {k}"));
    }
    parts.join(" · ")
}
