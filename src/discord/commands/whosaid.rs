//! `/whosaid phrase`: the fact check of `whosaid check` — was this said word for word,
//! nearly, or not at all, and by whom?

use super::{CommandError, Ctx, Invocation};
use crate::render::discord::{self as render, Reply};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

pub const NAME: &str = "whosaid";
pub const OPTIONS: [&str; 1] = ["phrase"];

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Fact-check a phrase: was it said word for word, nearly, or not at all?")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "phrase",
                "The words to check, or a question: did Trump say we want to come home",
            )
            .required(true)
            .max_length(300),
        )
}

pub fn run(ctx: Ctx<'_>, inv: &Invocation) -> Result<Reply, CommandError> {
    let phrase = inv.get("phrase").ok_or_else(|| {
        CommandError::Usage(
            "Give me the words to check, e.g. `/whosaid phrase:we want to come home`.".into(),
        )
    })?;
    let result = ctx.library.check(ctx.collection, phrase, ctx.page_size)?;
    Ok(render::check(
        &result,
        ctx.page_size,
        ctx.library.excerpt_bytes(),
    ))
}
