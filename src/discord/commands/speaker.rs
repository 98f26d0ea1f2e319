//! `/speaker name`: what one person said, oldest first, so a change of position shows.

use super::{matches_typed, nav, pages, CommandError, Ctx, Invocation};
use crate::discord::library::{Library, LibraryError};
use crate::discord::paging::Target;
use crate::render::discord::{self as render, Reply};
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

pub fn show(ctx: Ctx<'_>, name: &str, page: usize, user: u64) -> Result<Reply, CommandError> {
    let size = ctx.page_size;
    let found = ctx
        .library
        .speaker(name, (page - 1).saturating_mul(size), size)?;
    if found.total == 0 {
        return Ok(Reply::notice(&format!(
            "No quotes by “{}”. Names autocomplete as you type; `/quotes` searches by topic.",
            render::cut(name, 200)
        )));
    }
    if found.hits.is_empty() {
        return Ok(super::gone());
    }
    let nav = nav(
        &Target::Speaker(name.to_string()),
        page,
        pages(found.total, size),
        user,
    );
    Ok(render::speaker(name, &found.hits, found.total, &nav))
}

/// Speakers whose name matches what is typed, most quoted first.
pub fn choices(library: &Library, typed: &str) -> Result<CreateInteractionResponse, LibraryError> {
    let rows: Vec<_> = library
        .speakers()?
        .into_iter()
        .filter(|r| matches_typed(&r.name, typed))
        .take(render::limits::CHOICES)
        .collect();
    Ok(render::speaker_choices(&rows))
}
