//! The one interaction handler both transports share: an [`Interaction`] in, the response to
//! send out. Once the index is open, commands and button presses run at once (searches take
//! well under a millisecond); while it is still opening they run in the background and the
//! reply is deferred if they take long. Autocomplete never waits for the index. Unexpected
//! errors are logged with an id and the user gets a short message carrying that id. The
//! library is a snapshot, reopened when the index on disk changes (an `/ingest` here, or
//! `whosaid ingest` in another process), so new quotes are searchable at once in both
//! transports.

use crate::config::Config;
use crate::discord::commands::{self, CommandError, Ctx, Invocation};
use crate::discord::cooldown::{self, Cooldown};
use crate::discord::library::Library;
use crate::discord::paging::{self, PageRef};
use crate::render::discord::Reply;
use serenity::all::{
    CommandInteraction, ComponentInteraction, CreateInteractionResponse,
    CreateInteractionResponseMessage, Interaction,
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
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
    /// The waits between two uses by one member in one server: searches, `/ingest` and
    /// `/correct`, ◀ ▶ presses, autocomplete requests.
    cooldown: Cooldown,
    writes: Cooldown,
    buttons: Cooldown,
    typing: Cooldown,
}

impl Bot {
    /// A bot whose library is opened, or built, the first time it is needed.
    pub fn new(config: Config) -> Arc<Bot> {
        Bot::with(config, None)
    }

    /// A bot over a library that is already open.
    pub fn with_library(config: Config, library: Arc<Library>) -> Arc<Bot> {
        Bot::with(config, Some(library))
    }

    fn with(config: Config, library: Option<Arc<Library>>) -> Arc<Bot> {
        let wait = Duration::from_millis;
        let d = &config.discord;
        let cooldown = Cooldown::new(wait(d.search_cooldown_ms));
        let writes = Cooldown::new(wait(d.ingest_cooldown_ms));
        let buttons = Cooldown::new(wait(d.button_cooldown_ms));
        let typing = Cooldown::new(wait(d.autocomplete_cooldown_ms));
        Arc::new(Bot {
            config,
            library: RwLock::new(library),
            opening: tokio::sync::Mutex::new(()),
            reopening: Mutex::new(()),
            ingesting: tokio::sync::Mutex::new(()),
            cooldown,
            writes,
            buttons,
            typing,
        })
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

    fn current(&self) -> Option<Arc<Library>> {
        self.library
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The open library, reopened first when the index on disk has changed (its manifest
    /// is rewritten last by every ingest); `None` before it is first opened. A failed reopen
    /// keeps the snapshot there is, and is logged.
    pub fn loaded(&self) -> Option<Arc<Library>> {
        let lib = self.current()?;
        if lib.is_current() {
            return Some(lib);
        }
        let Ok(_guard) = self.reopening.try_lock() else {
            return Some(lib);
        };
        // Another request may have reopened it meanwhile.
        let lib = self.current()?;
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

    /// Answers an interaction. With the index open, commands run right here: searches take
    /// well under a millisecond, and not hopping between tasks keeps latency low under load.
    /// While the index is still opening (or being built), the work runs in the background
    /// and the reply is deferred once it takes longer than `discord.defer_after_ms`.
    pub async fn answer(self: &Arc<Self>, interaction: Interaction) -> Answer {
        let delivery = match &interaction {
            Interaction::Command(_) => Delivery::NewMessage,
            Interaction::Component(c) => {
                let server = c.guild_id.map_or(0, |g| g.get());
                if let Err(wait) = self.buttons.check(c.user.id.get(), server, Instant::now()) {
                    let reply = Reply::notice(&cooldown::message_to("turn the page", wait));
                    return Answer::Now(reply.into_response());
                }
                Delivery::Update
            }
            Interaction::Ping(_) => return Answer::Now(CreateInteractionResponse::Pong),
            Interaction::Autocomplete(a) => {
                let server = a.guild_id.map_or(0, |g| g.get());
                if self
                    .typing
                    .check(a.user.id.get(), server, Instant::now())
                    .is_err()
                {
                    // no choices this time; the next keystroke asks again
                    return Answer::Now(crate::render::discord::choices(std::iter::empty()));
                }
                return Answer::Now(self.autocomplete(a).await);
            }
            _ => {
                return Answer::Now(
                    Reply::notice("This kind of interaction is not supported.").into_response(),
                )
            }
        };
        if let Interaction::Command(c) = &interaction {
            let writes = [commands::ingest::NAME, commands::correct::NAME];
            if writes.contains(&c.data.name.as_str()) {
                let server = c.guild_id.map_or(0, |g| g.get());
                if let Err(wait) = self.writes.check(c.user.id.get(), server, Instant::now()) {
                    let what = "add or correct articles";
                    let reply = Reply::notice(&cooldown::message_to(what, wait));
                    return Answer::Now(finish(delivery, reply));
                }
            }
            if c.data.name == commands::ingest::NAME {
                // Downloading and storing take a while: always in the background, and the
                // reply (seen only by the sender) deferred when it takes long.
                let bot = self.clone();
                let c = c.clone();
                let task = tokio::spawn(async move { bot.ingest(&c).await });
                return self.in_time(delivery, task, true).await;
            }
            if c.data.name == commands::correct::NAME {
                let bot = self.clone();
                let c = c.clone();
                let task = tokio::spawn(async move { bot.correct(&c).await });
                return self.in_time(delivery, task, true).await;
            }
            if commands::SEARCHES.contains(&c.data.name.as_str()) {
                let server = c.guild_id.map_or(0, |g| g.get());
                if let Err(wait) = self.cooldown.check(c.user.id.get(), server, Instant::now()) {
                    return Answer::Now(finish(delivery, Reply::notice(&cooldown::message(wait))));
                }
            }
        }
        let collection = self.collection_of(&interaction);
        let work = match Work::of(&interaction) {
            Work::Done(reply) => return Answer::Now(finish(delivery, reply)),
            work => work,
        };
        if let Some(library) = self.loaded() {
            let reply = self.perform(&library, work, collection.as_deref());
            return Answer::Now(finish(delivery, reply));
        }
        let bot = self.clone();
        let task = tokio::spawn(async move { bot.perform_later(work, collection).await });
        self.in_time(delivery, task, false).await
    }

    /// The reply of `task` if it is ready within `discord.defer_after_ms`, else a deferral
    /// (ephemeral if asked) and the task to finish it.
    async fn in_time(
        &self,
        delivery: Delivery,
        mut task: JoinHandle<Reply>,
        ephemeral: bool,
    ) -> Answer {
        let budget = Duration::from_millis(self.config.discord.defer_after_ms);
        match tokio::time::timeout(budget, &mut task).await {
            Ok(done) => Answer::Now(finish(delivery, flatten(done))),
            Err(_) => Answer::Later {
                ack: match delivery {
                    Delivery::NewMessage => CreateInteractionResponse::Defer(
                        CreateInteractionResponseMessage::new().ephemeral(ephemeral),
                    ),
                    Delivery::Update => CreateInteractionResponse::Acknowledge,
                },
                rest: tokio::spawn(async move { flatten(task.await) }),
            },
        }
    }

    /// `/ingest`: permission, attachment download or link fetch, then the ingest off the async
    /// threads; the library is reopened before the reply, so the new quotes are searchable at
    /// once.
    async fn ingest(&self, c: &CommandInteraction) -> Reply {
        use commands::ingest;
        let collection = self
            .config
            .discord
            .collection_of(c.guild_id.map(|g| g.get()));
        let Some(collection) =
            collection.filter(|_| ingest::allowed(c, &self.config.discord.ingest_roles))
        else {
            return ingest::refused();
        };
        let request = match ingest::request_of(c) {
            Ok(r) => r,
            Err(e) => return settle(e, "reading /ingest"),
        };
        let ready = match ingest::prepare(&self.config, request).await {
            Ok(r) => r,
            Err(e) => return settle(e, "downloading an attachment or fetching a link"),
        };
        let source = ready.source().to_string();
        // The index must exist (it is built on first use) before articles go into it.
        if let Err(e) = self.library().await {
            return incident("opening the index", &e);
        }
        let _one_at_a_time = self.ingesting.lock().await;
        let config = self.config.clone();
        let done =
            tokio::task::spawn_blocking(move || ingest::add_ready(&config, &collection, &ready))
                .await;
        let report = match done {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => return settle(e, "adding articles"),
            Err(e) => {
                return incident("adding articles", &anyhow::anyhow!("the task stopped: {e}"))
            }
        };
        tracing::info!(
            user = c.user.id.get(),
            articles = report.articles.len(),
            quotes = report.quotes,
            skipped = report.skipped.len(),
            "/ingest of {source}"
        );
        if let Err(e) = self.library().await {
            tracing::warn!("articles were added but the index could not be reopened: {e:#}");
        }
        crate::render::ingest::reply(&report)
    }

    /// `/correct`: permission and options, then the correction off the async threads; the
    /// library is reopened before the reply, so searches show the correction at once.
    async fn correct(&self, c: &CommandInteraction) -> Reply {
        use commands::correct;
        let collection = self
            .config
            .discord
            .collection_of(c.guild_id.map(|g| g.get()));
        let Some(collection) =
            collection.filter(|_| correct::allowed(c, &self.config.discord.correct_roles))
        else {
            return correct::refused();
        };
        let asked = match correct::asked(c) {
            Ok(a) => a,
            Err(e) => return settle(e, "reading /correct"),
        };
        let library = match self.library().await {
            Ok(l) => l,
            Err(e) => return incident("opening the index", &e),
        };
        let name: String = c
            .user
            .name
            .chars()
            .filter(|ch| !ch.is_control())
            .take(40)
            .collect();
        let by = format!("Discord user {name} ({})", c.user.id.get());
        let _one_at_a_time = self.ingesting.lock().await;
        let config = self.config.clone();
        let done = tokio::task::spawn_blocking(move || {
            correct::apply(&config, &library, &collection, &asked, by)
        })
        .await;
        let reply = match done {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => return settle(e, "correcting a quote"),
            Err(e) => {
                return incident(
                    "correcting a quote",
                    &anyhow::anyhow!("the task stopped: {e}"),
                )
            }
        };
        tracing::info!(user = c.user.id.get(), "/correct");
        if let Err(e) = self.library().await {
            tracing::warn!("a correction was made but the index could not be reopened: {e:#}");
        }
        reply
    }

    /// Answers an interaction, waiting as long as it takes (for `whosaid reply` and tests).
    pub async fn respond(self: &Arc<Self>, interaction: Interaction) -> CreateInteractionResponse {
        match self.answer(interaction).await {
            Answer::Now(r) => r,
            Answer::Later { ack, rest } => {
                let delivery = match ack {
                    CreateInteractionResponse::Acknowledge => Delivery::Update,
                    _ => Delivery::NewMessage,
                };
                finish(delivery, flatten(rest.await))
            }
        }
    }

    /// Runs an invocation (from `whosaid reply`, which sees the base collection), opening the
    /// index first if needed.
    pub async fn invoke(self: &Arc<Self>, inv: Invocation) -> Reply {
        if inv.name == commands::help::NAME {
            return commands::help::run();
        }
        self.clone().perform_later(Work::Run(inv), None).await
    }

    /// The collection of the server an interaction comes from; `None` in direct messages.
    fn collection_of(&self, interaction: &Interaction) -> Option<String> {
        let guild = match interaction {
            Interaction::Command(c) | Interaction::Autocomplete(c) => c.guild_id,
            Interaction::Component(c) => c.guild_id,
            _ => None,
        };
        self.config.discord.collection_of(guild.map(|g| g.get()))
    }

    /// Opens the library if needed, then does the work on the blocking pool.
    async fn perform_later(self: Arc<Self>, work: Work, collection: Option<String>) -> Reply {
        let library = match self.library().await {
            Ok(l) => l,
            Err(e) => return incident("opening the index", &e),
        };
        let bot = self.clone();
        let done =
            tokio::task::spawn_blocking(move || bot.perform(&library, work, collection.as_deref()));
        match done.await {
            Ok(reply) => reply,
            Err(e) => incident("answering", &anyhow::anyhow!("the task stopped: {e}")),
        }
    }

    /// Does the work against the open library. A panic is caught and reported like any
    /// other unexpected error.
    fn perform(&self, library: &Library, work: Work, collection: Option<&str>) -> Reply {
        let ctx = Ctx {
            library,
            page_size: self.page_size(),
            collection,
        };
        let what = work.what();
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match work {
            Work::Run(inv) => commands::run(ctx, &inv),
            Work::Page(page) => commands::page(ctx, &page),
            Work::Done(reply) => Ok(reply),
        }));
        match done {
            Ok(Ok(r)) => r,
            Ok(Err(CommandError::Usage(msg))) => Reply::notice(&msg),
            Ok(Err(e)) => incident(what, &anyhow::Error::new(e)),
            Err(_) => incident(what, &anyhow::anyhow!("the command panicked")),
        }
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
        let collection = self
            .config
            .discord
            .collection_of(a.guild_id.map(|g| g.get()));
        let ctx = Ctx {
            library: &library,
            page_size: self.page_size(),
            collection: collection.as_deref(),
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

/// The reply to a command error: what to try for a usage error, an incident id otherwise.
fn settle(e: CommandError, what: &str) -> Reply {
    match e {
        CommandError::Usage(msg) => Reply::notice(&msg),
        e => incident(what, &anyhow::Error::new(e)),
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

/// What an interaction asks for, once read.
enum Work {
    /// A slash command.
    Run(Invocation),
    /// Another page of an earlier reply.
    Page(PageRef),
    /// Answered without the library (help, refusals).
    Done(Reply),
}

impl Work {
    fn of(interaction: &Interaction) -> Work {
        match interaction {
            Interaction::Command(c) => command_work(c),
            Interaction::Component(c) => component_work(c),
            _ => Work::Done(Reply::notice("This kind of interaction is not supported.")),
        }
    }

    fn what(&self) -> &'static str {
        match self {
            Work::Run(_) => "running a command",
            Work::Page(_) => "turning a page",
            Work::Done(_) => "answering",
        }
    }
}

fn command_work(c: &CommandInteraction) -> Work {
    if c.data.name == commands::help::NAME {
        return Work::Done(commands::help::run());
    }
    Work::Run(Invocation::from_options(
        &c.data.name,
        &c.data.options,
        c.user.id.get(),
    ))
}

fn component_work(c: &ComponentInteraction) -> Work {
    let Some(page) = paging::decode(&c.data.custom_id) else {
        return Work::Done(Reply::notice(
            "This button is from an older version of the bot. Run the command again.",
        ));
    };
    if page.user != c.user.id.get() {
        return Work::Done(Reply::notice(
            "Only the person who asked can turn these pages. Run the command yourself to \
             browse the results.",
        ));
    }
    Work::Page(page)
}

/// What an interaction is, for logs: its kind and command, never its options or token.
pub fn describe(interaction: &Interaction) -> String {
    match interaction {
        Interaction::Command(c) => format!("/{}", c.data.name),
        Interaction::Autocomplete(c) => format!("autocomplete /{}", c.data.name),
        Interaction::Component(_) => "button".to_string(),
        Interaction::Ping(_) => "ping".to_string(),
        _ => "other".to_string(),
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
