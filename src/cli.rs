//! The command line: argument definitions and one function per subcommand.
//!
//! `main.rs` only parses and calls [`run`]; everything here returns errors instead of
//! exiting, so the commands can be driven from tests.

use crate::config::Config;
use crate::corpus::{load_paths, Corpus};
use crate::extract::{Extractor, Knowledge, Quote};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

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
        Command::Extract(args) => extract(&config, args),
        Command::Serve => discord_cli::serve(config),
        Command::ServeHttp(args) => discord_cli::serve_http(config, args),
        Command::Register(args) => discord_cli::register(config, args),
        Command::Reply(args) => discord_cli::reply(config, args),
    }
}

/// The Discord subcommands: read secrets and settings, start a runtime, hand over to
/// [`crate::discord`].
mod discord_cli {
    use super::{RegisterArgs, ReplyArgs, ServeHttpArgs};
    use crate::config::Config;
    use crate::discord::commands::parse_line;
    use crate::discord::secrets::{self, Token};
    use crate::discord::{gateway, http, Bot};
    use anyhow::{Context, Result};
    use std::sync::Arc;

    fn runtime() -> Result<tokio::runtime::Runtime> {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")
    }

    fn init_logs() {
        let filter = tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("whosaid=info,serenity=warn"));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .try_init();
    }

    async fn ctrl_c() {
        let _ = tokio::signal::ctrl_c().await;
    }

    fn api_base(config: &Config) -> Result<String> {
        config.discord_api_base().map_err(anyhow::Error::msg)
    }

    pub fn serve(config: Config) -> Result<()> {
        init_logs();
        let token = Token::from_env()?;
        let guild = secrets::guild_from_env()?;
        let api = api_base(&config)?;
        runtime()?.block_on(async move {
            let bot = Bot::new(config);
            gateway::serve(bot, &token, &api, guild, ctrl_c()).await
        })
    }

    pub fn serve_http(config: Config, args: ServeHttpArgs) -> Result<()> {
        init_logs();
        let verifier = secrets::public_key_from_env()?;
        let token = match std::env::var("DISCORD_TOKEN") {
            Ok(v) if !v.trim().is_empty() => Some(Token::parse(&v)?),
            _ => None,
        };
        let api = api_base(&config)?;
        let listen = args.listen.unwrap_or_else(|| config.discord.listen.clone());
        runtime()?.block_on(async move {
            let listener = tokio::net::TcpListener::bind(&listen)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?;
            let bot = Bot::new(config);
            bot.warm_up();
            let endpoint = Arc::new(http::Endpoint {
                bot,
                verifier,
                http: token.map(|t| Arc::new(gateway::http(&t, &api))),
            });
            tracing::info!("interactions endpoint listening on http://{listen}/interactions");
            http::serve(listener, endpoint, ctrl_c())
                .await
                .context("the interactions endpoint stopped")
        })
    }

    pub fn register(config: Config, args: RegisterArgs) -> Result<()> {
        let token = Token::from_env()?;
        let guild = match args.guild {
            Some(g) => Some(secrets::parse_guild("--guild", &g)?),
            None => secrets::guild_from_env()?,
        };
        let api = api_base(&config)?;
        let commands = runtime()?.block_on(gateway::register_now(&token, &api, guild))?;
        let names: Vec<String> = commands.iter().map(|c| format!("/{}", c.name)).collect();
        match guild {
            Some(g) => println!("registered {} in server {g}", names.join(", ")),
            None => println!(
                "registered {} globally (Discord may take a while to show them everywhere)",
                names.join(", ")
            ),
        }
        Ok(())
    }

    pub fn reply(config: Config, args: ReplyArgs) -> Result<()> {
        let inv = parse_line(&args.line, args.user).map_err(anyhow::Error::msg)?;
        let response = runtime()?.block_on(async move {
            let bot = Bot::new(config);
            bot.invoke(inv).await.into_response()
        });
        let value = serde_json::to_value(&response)?;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&value)?);
        } else {
            print!("{}", crate::render::discord::to_text(&value));
        }
        Ok(())
    }
}

/// Loads the knowledge file: an explicitly named one must exist and parse; the configured
/// default may be absent.
pub fn load_knowledge(config: &Config, explicit: Option<&Path>, none: bool) -> Result<Knowledge> {
    if none {
        return Ok(Knowledge::default());
    }
    let (path, required) = match (explicit, &config.extract.speakers) {
        (Some(p), _) => (p.to_path_buf(), true),
        (None, Some(p)) => (p.clone(), false),
        (None, None) => return Ok(Knowledge::default()),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Knowledge::parse(&text)
            .map_err(|e| anyhow::anyhow!("bad speakers file {}: {e}", path.display())),
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(Knowledge::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read speakers file {}", path.display())),
    }
}

/// Loads articles and reports what was skipped on standard error.
pub fn load_reporting(config: &Config, paths: &[PathBuf]) -> Result<Corpus> {
    let default_paths;
    let paths = if paths.is_empty() {
        default_paths = [config.corpus.dir.clone()];
        &default_paths[..]
    } else {
        paths
    };
    let corpus = load_paths(paths, config.load_limits());
    for w in &corpus.warnings {
        eprintln!("warning: {w}");
    }
    for s in &corpus.skipped {
        eprintln!("skipped: {s}");
    }
    if corpus.articles.is_empty() {
        anyhow::bail!(
            "no article could be loaded from {} ({} skipped)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            corpus.skipped.len()
        );
    }
    if !corpus.skipped.is_empty() {
        eprintln!(
            "loaded {} articles; skipped {} inputs (see above)",
            corpus.articles.len(),
            corpus.skipped.len()
        );
    }
    Ok(corpus)
}

fn extract(config: &Config, args: ExtractArgs) -> Result<()> {
    let knowledge = load_knowledge(config, args.speakers.as_deref(), args.no_speakers)?;
    let corpus = load_reporting(config, &args.paths)?;
    let quotes = Extractor::new(knowledge).extract_all(&corpus.articles);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Jsonl => {
            for q in &quotes {
                serde_json::to_writer(&mut out, q)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Text => write_text(&mut out, &quotes)?,
    }
    out.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, quotes: &[Quote]) -> std::io::Result<()> {
    let mut last_article: Option<&str> = None;
    for q in quotes {
        if last_article != Some(q.article.as_str()) {
            if last_article.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "== {}", q.article)?;
            last_article = Some(&q.article);
        }
        let speaker = q.speaker.as_deref().unwrap_or("(unattributed)");
        let cue = q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or("-");
        writeln!(out, "{speaker} [{}, {cue}] ¶{}", q.kind, q.paragraph + 1)?;
        writeln!(out, "    “{}”  (bytes {}..{})", q.text, q.start, q.end)?;
    }
    Ok(())
}
