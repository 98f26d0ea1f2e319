//! `/speaker name`: what one person said, oldest first, so a change of position shows.

use super::{matches_typed, nav, pages, CommandError, Ctx, Invocation};
use crate::discord::library::Library;
use crate::discord::paging::Target;
use crate::render::discord::{self as render, Reply};
use crate::search::{self, Hit, SearchRequest};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};
use serenity::builder::CreateInteractionResponse;

pub const NAME: &str = "speaker";
pub const OPTIONS: [&str; 1] = ["name"];

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("What one person said, oldest first")
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "name", "Who, e.g. Donald Trump")
                .required(true)
                .set_autocomplete(true)
                .max_length(100),
        )
}

pub fn run(ctx: Ctx<'_>, inv: &Invocation) -> Result<Reply, CommandError> {
    let name = inv.get("name").ok_or_else(|| {
        CommandError::Usage("Tell me who, e.g. `/speaker name:Donald Trump`.".into())
    })?;
    show(ctx, name, 1, inv.user)
}

/// Oldest first; undated quotes last; then article and place in the article.
fn chronological(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    let key = |h: &Hit| {
        let p = h.record.source.published;
        (
            p.is_none(),
            p,
            h.record.quote.article.clone(),
            h.record.quote.start,
        )
    };
    key(a).cmp(&key(b))
}

pub fn show(ctx: Ctx<'_>, name: &str, page: usize, user: u64) -> Result<Reply, CommandError> {
    let size = ctx.page_size;
    let req = SearchRequest {
        speaker: Some(name.to_string()),
        limit: search::MAX_LIMIT,
        page: 1,
        excerpt_bytes: ctx.library.excerpt_bytes(),
        collection: ctx.collection.map(String::from),
        ..SearchRequest::default()
    };
    let results = ctx.library.search(&req)?;
    let mut hits = results.hits.clone();
    if hits.is_empty() {
        return Ok(Reply::notice(&format!(
            "No quotes by “{}”. Names autocomplete as you type; `/quotes` searches by topic.",
            render::cut(name, 200)
        )));
    }
    hits.sort_by(chronological);
    let total = hits.len();
    let pages = pages(total, size);
    if page > pages {
        return Ok(super::gone());
    }
    let who = if results.speakers.is_empty() {
        name.to_string()
    } else {
        results.speakers.join(" / ")
    };
    let mut nav = nav(&Target::Speaker(name.to_string()), page, pages, user);
    if results.has_more {
        nav.note = Some(format!("the first {total} found are shown"));
    }
    let shown = &hits[(page - 1) * size..(page * size).min(total)];
    Ok(render::speaker(&who, shown, total, &nav))
}

/// Speakers the asking collection sees whose name (or another form of it) matches what is
/// typed, most quoted first.
pub fn choices(
    library: &Library,
    collection: Option<&str>,
    typed: &str,
) -> CreateInteractionResponse {
    let view = library.view(collection);
    let mut rows: Vec<_> = view
        .speakers()
        .iter()
        .filter(|s| {
            matches_typed(&s.name, typed) || s.forms.iter().any(|f| matches_typed(f, typed))
        })
        .collect();
    rows.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.name.cmp(&b.name)));
    rows.truncate(render::limits::CHOICES);
    render::speaker_choices(&rows)
}
