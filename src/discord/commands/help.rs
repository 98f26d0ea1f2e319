//! `/help`: what each command does, with an example.

use crate::render::discord::{self as render, Reply};
use serenity::all::CreateCommand;

pub const NAME: &str = "help";

/// (usage, what it does, example) of every command.
pub const COMMANDS: [(&str, &str, &str); 7] = [
    (
        "/quotes query [speaker] [source] [kind]",
        "Quotes about a topic, best first, with outlet, date, headline and paragraph. \
         Speaker and source autocomplete.",
        "/quotes query:troops speaker:Donald Trump",
    ),
    (
        "/whosaid phrase",
        "Fact check: was this said word for word, nearly, or not at all — and by whom? \
         Ask about one person with \"did NAME say …\".",
        "/whosaid phrase:did Trump say we want to come home",
    ),
    (
        "/speaker name",
        "What one person said, oldest first, so a change of position shows.",
        "/speaker name:Donald Trump",
    ),
    (
        "/sources",
        "The articles indexed, with outlet, date and number of quotes.",
        "/sources",
    ),
    (
        "/ingest file [outlet] [date] [url]",
        "Add the articles of a .txt or .jsonl file to this server's own collection; their \
         quotes are searchable at once, here only. Manage Server or a role the settings name.",
        "/ingest file:story.txt outlet:Reuters date:2024-05-01",
    ),
    (
        "/correct id speaker|not_a_quote",
        "Fix an attribution in this server's articles: the id is shown under each quote. The \
         fix is kept and shown as \"corrected by a team member\". Manage Server or a role the \
         settings name.",
        "/correct id:7k2m9x4ab0 speaker:Emmanuel Macron",
    ),
    ("/help", "This list.", "/help"),
];

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("What each whosaid command does, with an example")
}

pub fn run() -> Reply {
    render::help(&COMMANDS)
}
