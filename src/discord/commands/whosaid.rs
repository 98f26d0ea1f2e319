//! `/whosaid phrase`: the fact check — was this said word for word, nearly, or not at all?

use super::{CommandError, Ctx, Invocation};
use crate::discord::library::Verdict;
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
                "The words to check, e.g. we want to come home",
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
    Ok(match ctx.library.check(phrase, ctx.page_size)? {
        Verdict::Verbatim(hits) if !hits.is_empty() => render::verbatim(phrase, &hits),
        Verdict::Close(hits) if !hits.is_empty() => render::close(phrase, &hits),
        _ => Reply::notice(&format!(
            "Nobody in the indexed articles said “{}”, word for word or nearly. Try a shorter \
             part of the phrase, or search the topic with `/quotes`.",
            render::cut(phrase, 300)
        )),
    })
}
