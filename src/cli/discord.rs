//! The Discord subcommands (`serve`, `serve-http`, `register`, `reply`): read secrets and
//! settings, start a runtime, hand over to [`crate::discord`].

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
