//! The gateway transport: a serenity [`Client`] with autosharding and no privileged intents.
//! It registers the commands when a shard is ready and hands every interaction to the shared
//! [`Bot`]; what comes back is sent through Discord's REST API.

use crate::config::DEFAULT_DISCORD_API;
use crate::discord::commands;
use crate::discord::handler::{Answer, Bot};
use crate::discord::secrets::Token;
use anyhow::Context as _;
use serenity::all::{
    Command, Context, CreateInteractionResponse, EventHandler, GatewayIntents, GuildId, Http,
    HttpBuilder, Interaction, InteractionId, Ready,
};
use serenity::async_trait;
use serenity::builder::Builder as _;
use serenity::Client;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The REST client for `api_base`. Anything other than Discord's own API is used as a
/// proxy, which serenity only honours with its rate limiter off.
pub fn http(token: &Token, api_base: &str) -> Http {
    let builder = HttpBuilder::new(token.expose());
    if api_base.trim_end_matches('/') == DEFAULT_DISCORD_API {
        builder.build()
    } else {
        builder.proxy(api_base).ratelimiter_disabled(true).build()
    }
}

/// Where commands go: one server (instant, for development) or everywhere (global).
pub async fn register(http: &Http, guild: Option<GuildId>) -> serenity::Result<Vec<Command>> {
    let commands = commands::all();
    match guild {
        Some(g) => g.set_commands(http, commands).await,
        None => Command::set_global_commands(http, commands).await,
    }
}

/// Registers the commands on demand (`whosaid register`): asks Discord for the
/// application id first.
pub async fn register_now(
    token: &Token,
    api_base: &str,
    guild: Option<GuildId>,
) -> anyhow::Result<Vec<Command>> {
    let http = http(token, api_base);
    let app = http
        .get_current_application_info()
        .await
        .context("cannot reach Discord with this token (is DISCORD_TOKEN right?)")?;
    http.set_application_id(app.id);
    register(&http, guild)
        .await
        .context("Discord refused the command registration")
}

struct Handler {
    bot: Arc<Bot>,
    guild: Option<GuildId>,
    registered: AtomicBool,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let shard = ready.shard.map_or(0, |s| s.id.0);
        tracing::info!(
            shard,
            guilds = ready.guilds.len(),
            "connected to Discord as {}",
            ready.user.name
        );
        // Every shard gets READY; registering once is enough.
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        ctx.http.set_application_id(ready.application.id);
        match register(&ctx.http, self.guild).await {
            Ok(cmds) => tracing::info!(
                commands = cmds.len(),
                scope = if self.guild.is_some() {
                    "guild"
                } else {
                    "global"
                },
                "slash commands registered"
            ),
            Err(e) => {
                self.registered.store(false, Ordering::SeqCst);
                tracing::error!("registering the slash commands failed: {e}");
            }
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let id = interaction.id();
        let token = interaction.token().to_string();
        let what = crate::discord::handler::describe(&interaction);
        let started = std::time::Instant::now();
        let answer = self.bot.answer(interaction).await;
        tracing::debug!(
            interaction = %what,
            micros = started.elapsed().as_micros() as u64,
            deferred = matches!(answer, Answer::Later { .. }),
            "answered"
        );
        deliver(&ctx.http, id, &token, answer).await;
    }
}

/// Sends an answer through the REST API: the response, or a deferral and then the edit.
pub async fn deliver(http: &Http, id: InteractionId, token: &str, answer: Answer) {
    match answer {
        Answer::Now(response) => send(http, id, token, response).await,
        Answer::Later { ack, rest } => {
            send(http, id, token, ack).await;
            let reply = match rest.await {
                Ok(r) => r,
                Err(e) => crate::discord::handler::incident(
                    "answering",
                    &anyhow::anyhow!("the task stopped: {e}"),
                ),
            };
            fill_in(http, token, reply).await;
        }
    }
}

/// Completes a deferred response: edits it, or — for a reply only the asker may see —
/// removes it and sends the reply as an ephemeral follow-up.
pub async fn fill_in(http: &Http, token: &str, reply: crate::render::discord::Reply) {
    let sent = if reply.ephemeral {
        let _ = http.delete_original_interaction_response(token).await;
        reply
            .into_followup()
            .execute(http, (None, token))
            .await
            .map(drop)
    } else {
        reply.into_edit().execute(http, token).await.map(drop)
    };
    if let Err(e) = sent {
        tracing::warn!("could not fill in a deferred reply: {e}");
    }
}

async fn send(http: &Http, id: InteractionId, token: &str, response: CreateInteractionResponse) {
    if let Err(e) = response.execute(http, (id, token)).await {
        tracing::warn!("could not answer an interaction: {e}");
    }
}

/// Connects to the gateway with autosharding and serves until `shutdown` completes.
pub async fn serve(
    bot: Arc<Bot>,
    token: &Token,
    api_base: &str,
    guild: Option<GuildId>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let intents = GatewayIntents::empty();
    let builder = if api_base.trim_end_matches('/') == DEFAULT_DISCORD_API {
        Client::builder(token.expose(), intents)
    } else {
        serenity::client::ClientBuilder::new_with_http(http(token, api_base), intents)
    };
    bot.warm_up();
    let client = builder.event_handler(Handler {
        bot,
        guild,
        registered: AtomicBool::new(false),
    });
    let mut client = client.await.context("cannot set up the Discord client")?;
    let shards = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down");
        shards.shutdown_all().await;
    });
    client
        .start_autosharded()
        .await
        .context("the Discord gateway connection failed (is DISCORD_TOKEN right?)")
}
