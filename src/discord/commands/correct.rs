//! `/correct id speaker|not_a_quote`: a team member fixes an attribution the engine got
//! wrong. Members with the Manage Server permission may, and so may members of the roles the
//! settings name (`discord.correct_roles`): research teams want their researchers, not only
//! their admins, to keep the record straight.
//!
//! This file reads the options and checks who asks; recording and applying the correction is
//! [`crate::index::corrections`]'s, and the reply is [`crate::render::corrections`]'s.

use super::CommandError;
use crate::config::Config;
use crate::corpus::Fix;
use crate::discord::library::Library;
use crate::extract::{parse_quote_id, Extractor};
use crate::index::corrections::{self, CorrectRequest};
use crate::index::IngestError;
use crate::render::discord::{self as render, Reply};
use crate::search::speaker::{correction_name, MAX_CORRECTED_NAME};
use serenity::all::{
    CommandDataOptionValue, CommandInteraction, CommandOptionType, CreateCommand,
    CreateCommandOption,
};
use std::time::Duration;

pub const NAME: &str = "correct";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description(
            "Correct a quote's speaker, or say it is not a quote (Manage Server or a set role)",
        )
        .dm_permission(false)
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "id",
                "The quote's id, shown under it (id 7k2m9x4ab0)",
            )
            .required(true)
            .max_length(20),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "speaker", "Who really said it")
                .max_length(MAX_CORRECTED_NAME as u16),
        )
        .add_option(CreateCommandOption::new(
            CommandOptionType::Boolean,
            "not_a_quote",
            "The words are not a quote: take them out",
        ))
}

/// Whether the member who asked may correct: Manage Server, Administrator, or one of the
/// roles the settings name; only in a server.
pub fn allowed(c: &CommandInteraction, roles: &[u64]) -> bool {
    super::member_may(c, roles)
}

/// The refusal for everyone else.
pub fn refused() -> Reply {
    Reply::notice(
        "Only members with the Manage Server permission, or a role the bot's settings allow, \
         can correct attributions.",
    )
}

/// What was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub id: String,
    /// The speaker as typed; `None` for "not a quote".
    pub speaker: Option<String>,
}

/// Reads the options of a `/correct` interaction.
pub fn asked(c: &CommandInteraction) -> Result<Asked, CommandError> {
    let mut id = None;
    let mut speaker = None;
    let mut not_a_quote = false;
    for o in &c.data.options {
        match (o.name.as_str(), &o.value) {
            ("id", CommandDataOptionValue::String(s)) => id = Some(s.clone()),
            ("speaker", CommandDataOptionValue::String(s)) if !s.trim().is_empty() => {
                speaker = Some(s.clone());
            }
            ("not_a_quote", CommandDataOptionValue::Boolean(b)) => not_a_quote = *b,
            _ => {}
        }
    }
    let typed = id.unwrap_or_default();
    let id = parse_quote_id(&typed).ok_or_else(|| {
        CommandError::Usage(format!(
            "“{}” is not a quote id: ids are 10 letters and digits, shown under each quote.",
            render::cut(&typed, 20)
        ))
    })?;
    match (speaker, not_a_quote) {
        (Some(_), true) | (None, false) => Err(CommandError::Usage(
            "Give either `speaker` (who really said it) or `not_a_quote: True`.".into(),
        )),
        (speaker, _) => Ok(Asked { id, speaker }),
    }
}

/// Records and applies the correction to a quote of the server's collection; blocking (run
/// it off the async threads). `by` says who asked.
pub fn apply(
    config: &Config,
    library: &Library,
    collection: &str,
    asked: &Asked,
    by: String,
) -> Result<Reply, CommandError> {
    let view = library.view(Some(collection));
    let fix = match &asked.speaker {
        Some(typed) => Fix::Speaker(
            correction_name(typed, view.speakers(), view.speaker_words())
                .map_err(|e| CommandError::Usage(format!("{e}.")))?,
        ),
        None => Fix::NotAQuote,
    };
    let knowledge = config
        .knowledge(None, false)
        .map_err(|e| CommandError::Failed(e.to_string()))?;
    let spec = crate::discord::library::index_spec(config);
    let wait = Duration::from_millis(config.discord.ingest_wait_ms);
    let request = CorrectRequest {
        id: asked.id.clone(),
        fix,
        by,
        within: Some(collection.to_string()),
    };
    match corrections::correct(&spec, &Extractor::new(knowledge), request, wait) {
        Ok(done) => Ok(crate::render::corrections::corrected_reply(&done)),
        Err(IngestError::NoSuchQuote { id }) => Err(CommandError::Usage(format!(
            "No quote of this server's articles has the id {id}. Copy it from under the quote \
             (10 letters and digits); the shared articles are corrected by the bot's operator."
        ))),
        Err(IngestError::Busy { .. }) => Err(CommandError::Usage(
            "The index is busy: someone is adding articles. Nothing was changed; try again in \
             a minute."
                .into(),
        )),
        Err(e) => Err(CommandError::Failed(e.to_string())),
    }
}
