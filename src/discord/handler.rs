//! The one interaction handler both transports share: an [`Interaction`] in, the response to
//! send out. Commands and button presses run on the blocking pool (the index is synchronous);
//! autocomplete never waits for the index. Unexpected errors are logged with an id and the
//! user gets a short message carrying that id. The library is a snapshot, reopened when the
//! index on disk changes (an `/ingest` here, or `whosaid ingest` in another process), so new
//! quotes are searchable at once in both transports.

use crate::config::Config;
use crate::discord::commands::{self, CommandError, Ctx, Invocation};
use crate::discord::cooldown::{self, Cooldown};
use crate::discord::library::Library;
use crate::discord::paging;
use crate::render::discord::Reply;
use serenity::all::{
    CommandInteraction, ComponentInteraction, CreateInteractionResponse,
    CreateInteractionResponseMessage, Interaction,
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// How a reply is delivered once it is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// A new message answering a command.
    NewMessage,
    /// A change to the message whose button was pressed.
    Update,
}

/// What the transport sends.
#[derive(Debug)]
pub enum Answer {
    /// The response, ready within the time allowed.
    Now(CreateInteractionResponse),
    /// Work that takes longer: send `ack` now (a deferral), then edit the original response
    /// with what `rest` yields.
    Later {
        ack: CreateInteractionResponse,
        rest: JoinHandle<Reply>,
    },
}

/// The shared handler: settings and the library, opened (or built) on first use.
#[derive(Debug)]
pub struct Bot {
    config: Config,
    library: RwLock<Option<Arc<Library>>>,
    opening: tokio::sync::Mutex<()>,
    /// Held while a snapshot is reopened, so one request does it and the others go on with
    /// the snapshot they have.
    reopening: Mutex<()>,
    /// One `/ingest` at a time in this process.
    ingesting: tokio::sync::Mutex<()>,
    cooldown: Cooldown,
}

impl Bot {
    /// A bot whose library is opened, or built, the first time it is needed.
    pub fn new(config: Config) -> Arc<Bot> {
        Bot::with(config, None)
    }

    fn with(config: Config, library: Option<Arc<Library>>) -> Arc<Bot> {
        let cooldown = Cooldown::new(Duration::from_millis(config.discord.search_cooldown_ms));
        Arc::new(Bot {
            config,
            library: RwLock::new(library),
            opening: tokio::sync::Mutex::new(()),
            reopening: Mutex::new(()),
            ingesting: tokio::sync::Mutex::new(()),
            cooldown,
        })
    }

    /// A bot over a library that is already open.
    pub fn with_library(config: Config, library: Arc<Library>) -> Arc<Bot> {
        Bot::with(config, Some(library))
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The library, opening or building it on first use. A failure is returned (and retried
    /// on the next call), never cached.
    pub async fn library(&self) -> anyhow::Result<Arc<Library>> {
        if let Some(l) = self.loaded() {
            return Ok(l);
        }
        let _guard = self.opening.lock().await;
        if let Some(l) = self.loaded() {
            return Ok(l);
        }
        let config = self.config.clone();
        let lib = tokio::task::spawn_blocking(move || Library::open_or_build(&config))
            .await
            .map_err(|e| anyhow::anyhow!("opening the index stopped: {e}"))??;
        let lib = Arc::new(lib);
        self.store(lib.clone());
        Ok(lib)
    }

    fn store(&self, lib: Arc<Library>) {
        *self.library.write().unwrap_or_else(|p| p.into_inner()) = Some(lib);
    }

    /// The open library, reopened first when the index on disk has changed; `None` before
    /// it is first opened. A failed reopen keeps the snapshot there is (and is logged).
    pub fn loaded(&self) -> Option<Arc<Library>> {
        let lib = self
            .library
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()?;
        if lib.is_current() {
            return Some(lib);
        }
        let Ok(_guard) = self.reopening.try_lock() else {
            return Some(lib);
        };
        // Another request may have reopened it meanwhile.
        let lib = self
            .library
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()?;
        if lib.is_current() {
            return Some(lib);
        }
        match lib.reopen() {
            Ok(new) => {
                let new = Arc::new(new);
                self.store(new.clone());
                Some(new)
            }
            Err(e) => {
                tracing::warn!("keeping the index snapshot in use: {e:#}");
                Some(lib)
            }
        }
    }

    /// Starts opening the library in the background, so the first command finds it ready.
    pub fn warm_up(self: &Arc<Self>) {
        let bot = self.clone();
        tokio::spawn(async move {
            match bot.library().await {
                Ok(_) => tracing::info!("quote index ready"),
                Err(e) => tracing::error!("cannot open the quote index: {e:#}"),
            }
        });
    }

    fn page_size(&self) -> usize {
        self.config.discord.page_size
    }

    /// Answers an interaction, deferring when the work takes longer than the configured
    /// budget (`discord.defer_after_ms`).
    pub async fn answer(self: &Arc<Self>, interaction: Interaction) -> Answer {
        let mut ephemeral_wait = false;
        let delivery = match &interaction {
            Interaction::Command(c) => {
                ephemeral_wait = c.data.name == commands::ingest::NAME;
                Delivery::NewMessage
            }
            Interaction::Component(_) => Delivery::Update,
            Interaction::Ping(_) => return Answer::Now(CreateInteractionResponse::Pong),
            Interaction::Autocomplete(a) => return Answer::Now(self.autocomplete(a).await),
            _ => {
                return Answer::Now(
                    Reply::notice("This kind of interaction is not supported.").into_response(),
                )
            }
        };
        let bot = self.clone();
        let mut work = tokio::spawn(async move { bot.reply(&interaction).await });
        let budget = Duration::from_millis(self.config.discord.defer_after_ms);
        match tokio::time::timeout(budget, &mut work).await {
            Ok(done) => Answer::Now(finish(delivery, flatten(done))),
            Err(_) => Answer::Later {
                ack: match delivery {
                    Delivery::NewMessage => CreateInteractionResponse::Defer(
                        // An /ingest reply is seen only by the member who sent the file.
                        CreateInteractionResponseMessage::new().ephemeral(ephemeral_wait),
                    ),
                    Delivery::Update => CreateInteractionResponse::Acknowledge,
                },
                rest: tokio::spawn(async move { flatten(work.await) }),
            },
        }
    }

    /// Answers an interaction, waiting as long as it takes (for `whosaid reply` and tests).
    pub async fn respond(self: &Arc<Self>, interaction: Interaction) -> CreateInteractionResponse {
        match &interaction {
            Interaction::Command(_) => finish(Delivery::NewMessage, self.reply(&interaction).await),
            Interaction::Component(_) => finish(Delivery::Update, self.reply(&interaction).await),
            _ => match self.answer(interaction).await {
                Answer::Now(r) => r,
                Answer::Later { rest, .. } => finish(Delivery::NewMessage, flatten(rest.await)),
            },
        }
    }

    /// The reply to a command or a button press.
    pub async fn reply(&self, interaction: &Interaction) -> Reply {
        match interaction {
            Interaction::Command(c) => self.command(c).await,
            Interaction::Component(c) => self.component(c).await,
            _ => Reply::notice("This kind of interaction is not supported."),
        }
    }

    async fn command(&self, c: &CommandInteraction) -> Reply {
        if c.data.name == commands::ingest::NAME {
            return self.ingest(c).await;
        }
        if commands::SEARCHES.contains(&c.data.name.as_str()) {
            if let Err(wait) = self.cooldown.check(c.user.id.get(), Instant::now()) {
                return Reply::notice(&cooldown::message(wait));
            }
        }
        let inv = Invocation::from_options(&c.data.name, &c.data.options, c.user.id.get());
        self.invoke(inv).await
    }

    /// `/ingest`: permission, attachment, download, then the ingest off the async threads;
    /// the library is reopened before the reply, so the new quotes are searchable at once.
    async fn ingest(&self, c: &CommandInteraction) -> Reply {
        use commands::ingest;
        if !ingest::allowed(c) {
            return ingest::refused();
        }
        let upload = match ingest::upload_of(c) {
            Ok(u) => u,
            Err(e) => return settle(Ok(Err(e)), "reading /ingest"),
        };
        let limit = ingest::size_limit(&self.config, &upload.attachment.filename);
        let timeout = Duration::from_millis(self.config.discord.download_timeout_ms);
        let bytes = match ingest::download(&upload.attachment, limit, timeout).await {
            Ok(b) => b,
            Err(e) => return settle(Ok(Err(e)), "downloading an attachment"),
        };
        let _one_at_a_time = self.ingesting.lock().await;
        let config = self.config.clone();
        let done = tokio::task::spawn_blocking(move || ingest::add(&config, &upload, &bytes)).await;
        let report = match done {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => return settle(Ok(Err(e)), "adding articles"),
            Err(e) => return settle(Err(e), "adding articles"),
        };
        if let Err(e) = self.library().await {
            tracing::warn!("articles were added but the index could not be reopened: {e:#}");
        }
        crate::render::ingest::reply(&report)
    }

    /// Runs an invocation (from Discord or from `whosaid reply`).
    pub async fn invoke(&self, inv: Invocation) -> Reply {
        if inv.name == commands::help::NAME {
            return commands::help::run();
        }
        let library = match self.library().await {
            Ok(l) => l,
            Err(e) => return incident("opening the index", &e),
        };
        let page_size = self.page_size();
        let done = tokio::task::spawn_blocking(move || {
            commands::run(
                Ctx {
                    library: &library,
                    page_size,
                },
                &inv,
            )
        })
        .await;
        settle(done, "running a command")
    }

    async fn component(&self, c: &ComponentInteraction) -> Reply {
        let Some(page) = paging::decode(&c.data.custom_id) else {
            return Reply::notice(
                "This button is from an older version of the bot. Run the command again.",
            );
        };
        if page.user != c.user.id.get() {
            return Reply::notice(
                "Only the person who asked can turn these pages. Run the command yourself to \
                 browse the results.",
            );
        }
        let library = match self.library().await {
            Ok(l) => l,
            Err(e) => return incident("opening the index", &e),
        };
        let page_size = self.page_size();
        let done = tokio::task::spawn_blocking(move || {
            commands::page(
                Ctx {
                    library: &library,
                    page_size,
                },
                &page,
            )
        })
        .await;
        settle(done, "turning a page")
    }

    /// Autocomplete answers from the open library only: while it is still opening, no
    /// choices (Discord gives autocomplete no time to wait).
    async fn autocomplete(self: &Arc<Self>, a: &CommandInteraction) -> CreateInteractionResponse {
        let empty = || crate::render::discord::choices(std::iter::empty());
        let Some(focused) = a.data.autocomplete() else {
            return empty();
        };
        let Some(library) = self.loaded() else {
            self.warm_up();
            return empty();
        };
        let ctx = Ctx {
            library: &library,
            page_size: self.page_size(),
        };
        match commands::autocomplete(ctx, &a.data.name, focused.name, focused.value) {
            Ok(r) => r,
            Err(e) => {
                let id = incident_id();
                tracing::error!(error_id = %id, "autocomplete failed: {e}");
                empty()
            }
        }
    }
}

fn flatten(done: Result<Reply, tokio::task::JoinError>) -> Reply {
    match done {
        Ok(r) => r,
        Err(e) => incident("answering", &anyhow::anyhow!("the task stopped: {e}")),
    }
}

fn finish(delivery: Delivery, reply: Reply) -> CreateInteractionResponse {
    match delivery {
        Delivery::NewMessage => reply.into_response(),
        Delivery::Update => reply.into_update(),
    }
}

fn settle(done: Result<Result<Reply, CommandError>, tokio::task::JoinError>, what: &str) -> Reply {
    match done {
        Ok(Ok(r)) => r,
        Ok(Err(CommandError::Usage(msg))) => Reply::notice(&msg),
        Ok(Err(e)) => incident(what, &anyhow::Error::new(e)),
        Err(e) => incident(what, &anyhow::anyhow!("the task stopped: {e}")),
    }
}

/// Logs an unexpected error under a fresh id and returns the short message the user sees.
pub fn incident(what: &str, e: &anyhow::Error) -> Reply {
    let id = incident_id();
    tracing::error!(error_id = %id, "{what} failed: {e:#}");
    Reply::notice(&format!(
        "Something went wrong on my side (error id `{id}`). Try again in a moment; if it \
         keeps happening, give the bot's operator this id."
    ))
}

/// A short id to find an error in the logs.
pub fn incident_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mixed = (nanos ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    format!("{:08x}", (mixed >> 32) as u32)
}
