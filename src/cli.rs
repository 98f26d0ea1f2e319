//! The command line: argument definitions and one function per subcommand.
//!
//! `main.rs` only parses and calls [`run`]; everything here returns errors instead of
//! exiting, so the commands can be driven from tests.

use crate::config::Config;

use crate::extract::Knowledge;
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};

use std::path::{Path, PathBuf};

mod commands;
mod correct;
mod discord;
mod extract;
mod fetch;
mod ingest;

pub use correct::{CorrectArgs, CorrectionsArgs};
pub use fetch::FetchArgs;
pub use ingest::IngestArgs;

#[derive(Debug, Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Find who said what in news articles, with citations."
)]
pub struct Cli {
    /// Settings file (default: config/whosaid.toml when present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the quotes found in articles (.txt files, .jsonl feeds, directories).
    Extract(ExtractArgs),
    /// Build the search index from a corpus (done automatically on first use).
    Index(IndexArgs),
    /// Search the quotes: words, "phrases", and filters.
    Search(SearchArgs),
    /// Check whether someone is quoted saying a phrase, and who.
    Check(CheckArgs),
    /// List the speakers in the index with their quote counts.
    Speakers(SpeakersArgs),
    /// List the indexed articles with outlet, date and quote count.
    Sources(SourcesArgs),
    /// Add articles (.txt, .jsonl, or links to web pages) to the index, also while the bot is
    /// running.
    Ingest(IngestArgs),
    /// Print the article at a link as it would be indexed.
    Fetch(FetchArgs),
    /// Correct a quote's speaker, or say it is not a quote (kept beside the corpus).
    Correct(CorrectArgs),
    /// List the team's corrections, and those whose quotes are gone.
    Corrections(CorrectionsArgs),
    /// List the collections (the base and one per Discord server) with their counts.
    Collections(CollectionsArgs),
    /// Run the Discord bot through the gateway (token in DISCORD_TOKEN).
    Serve,
    /// Serve Discord's HTTP interactions endpoint (public key in DISCORD_PUBLIC_KEY).
    ServeHttp(ServeHttpArgs),
    /// Register the slash commands with Discord, globally or in one server.
    Register(RegisterArgs),
    /// Print the reply the bot would send to a slash command, e.g. '/quotes query:troops'.
    Reply(ReplyArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeHttpArgs {
    /// Address to listen on (default: the `discord.listen` setting).
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// Register in this server only (instant); default: DISCORD_GUILD_ID, else globally.
    #[arg(long, value_name = "ID")]
    pub guild: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReplyArgs {
    /// The command as typed in Discord: '/quotes query:troops speaker:Donald Trump'.
    pub line: String,
    /// Print the exact interaction response payload Discord would receive.
    #[arg(long)]
    pub json: bool,
    /// User id the command is run as (it goes into the paging buttons).
    #[arg(long, default_value_t = 1, value_name = "ID")]
    pub user: u64,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Knowledge file about people (default: the `extract.speakers` setting).
    #[arg(long, value_name = "FILE", conflicts_with = "no_speakers")]
    pub speakers: Option<PathBuf>,
    /// Use no knowledge file about people.
    #[arg(long)]
    pub no_speakers: bool,
    /// Articles to read (default: the configured corpus).
    pub paths: Vec<PathBuf>,
}

/// Where the index comes from and lives; shared by every command that uses it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct IndexLocation {
    /// Corpus to index: a directory or a .jsonl file (default: the `corpus.dir` setting).
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Index directory (default: the `index.dir` setting).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// The collection to work in: its articles and the base's (default: the base alone).
    #[arg(long, value_name = "NAME", value_parser = parse_collection)]
    pub collection: Option<String>,
}

fn parse_collection(s: &str) -> Result<String, String> {
    crate::corpus::collection_name(s)
}

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Rebuild even when the index is up to date.
    #[arg(long, conflicts_with = "verify")]
    pub force: bool,
    /// Check every index file against its checksum and say what is wrong; changes nothing.
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to look for; put a phrase in quote marks.
    #[arg(required_unless_present = "queries", conflicts_with = "queries")]
    pub query: Option<String>,
    /// Answer every line of FILE as a query ("-" for standard input), one JSON line each.
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// Only quotes by this person (any name form; a typo is tolerated).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only quotes from this article id or outlet.
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,
    /// Only quotes of this kind.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<crate::extract::QuoteKind>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<crate::corpus::Date>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<crate::corpus::Date>,
    /// Results per page (default: the `search.limit` setting).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Page of results, from 1.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub page: usize,
    /// Print the whole result as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

fn parse_kind(s: &str) -> Result<crate::extract::QuoteKind, String> {
    s.parse()
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The words to check, or a question naming a speaker ("did Macron say …?", "who said …?").
    pub phrase: String,
    /// Nearest quotes shown when the phrase is not found.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub nearest: usize,
    /// Print the whole result as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, clap::Args)]
pub struct SpeakersArgs {
    /// Only speakers this name designates (any name form; a typo is tolerated).
    pub query: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, clap::Args)]
pub struct CollectionsArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, clap::Args)]
pub struct SourcesArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object a quote a line.
    Jsonl,
    /// For people: speaker, kind, quote and where it stands.
    Text,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    if matches!(
        cli.command,
        Command::Serve | Command::ServeHttp(_) | Command::Register(_) | Command::Reply(_)
    ) {
        crate::discord::secrets::load_dotenv();
    }
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Extract(args) => extract::extract(&config, args),
        Command::Index(args) => commands::index(&config, args),
        Command::Search(args) => commands::search(&config, args),
        Command::Check(args) => commands::check(&config, args),
        Command::Speakers(args) => commands::speakers(&config, args),
        Command::Sources(args) => commands::sources(&config, args),
        Command::Ingest(args) => ingest::ingest(&config, args),
        Command::Fetch(args) => fetch::fetch(&config, args),
        Command::Correct(args) => correct::correct(&config, args),
        Command::Corrections(args) => correct::corrections(&config, args),
        Command::Collections(args) => commands::collections(&config, args),
        Command::Serve => discord::serve(config),
        Command::ServeHttp(args) => discord::serve_http(config, args),
        Command::Register(args) => discord::register(config, args),
        Command::Reply(args) => discord::reply(config, args),
    }
}

/// Prints `value` as pretty JSON when `json` is set, else as `text` renders it.
fn emit<T: serde::Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        print!("{}", text(value));
    }
    Ok(())
}

/// Loads the knowledge file (see [`Config::knowledge`]).
pub fn load_knowledge(config: &Config, explicit: Option<&Path>, none: bool) -> Result<Knowledge> {
    Ok(config.knowledge(explicit, none)?)
}
