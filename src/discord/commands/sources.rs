//! `/sources`: the indexed articles, with outlet, date and quote count.

use super::{matches_typed, nav, pages, CommandError, Ctx, Invocation};
use crate::discord::library::Library;
use crate::discord::paging::Target;
use crate::render::discord::{self as render, Reply};
use serenity::all::CreateCommand;
use serenity::builder::CreateInteractionResponse;

pub const NAME: &str = "sources";

/// Articles per page.
pub const PER_PAGE: usize = 10;

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("The articles indexed, with outlet, date and quote count")
}

pub fn run(ctx: Ctx<'_>, inv: &Invocation) -> Result<Reply, CommandError> {
    show(ctx, 1, inv.user)
}

pub fn show(ctx: Ctx<'_>, page: usize, user: u64) -> Result<Reply, CommandError> {
    let rows = ctx.library.sources(ctx.collection);
    let total = rows.len();
    let pages = pages(total, PER_PAGE);
    if page > pages {
        return Ok(super::gone());
    }
    let shown = &rows[(page - 1) * PER_PAGE..(page * PER_PAGE).min(total)];
    let nav = nav(&Target::Sources, page, pages, user);
    Ok(render::sources(shown, total, &nav))
}

/// Articles of the asking collection (and the base) whose outlet, headline or id matches
/// what is typed.
pub fn choices(
    library: &Library,
    collection: Option<&str>,
    typed: &str,
) -> CreateInteractionResponse {
    let rows: Vec<_> = library
        .sources(collection)
        .into_iter()
        .filter(|r| {
            let s = &r.info;
            matches_typed(&s.headline, typed)
                || matches_typed(&s.id, typed)
                || s.outlet.as_deref().is_some_and(|o| matches_typed(o, typed))
        })
        .take(render::limits::CHOICES)
        .collect();
    render::source_choices(&rows)
}
