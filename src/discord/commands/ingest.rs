//! `/ingest file [outlet] [date] [url]` and `/ingest url`: adds the articles of an attached
//! `.txt` or `.jsonl` file, or the article at a link, to the index while the bot runs. Only
//! members with the Manage Server permission may use it: Discord is told so when the command
//! is registered, and the handler checks again.
//!
//! This file reads the options, checks the attachment before and while it is downloaded
//! (size, time) or has the link fetched ([`crate::fetch`], public addresses only unless the
//! settings allow private ones) and runs the ingest; storing is [`crate::index::ingest`]'s,
//! and the reply is [`crate::render::ingest`]'s.

use super::CommandError;
use crate::config::Config;
use crate::corpus::{parse_upload, Date, UploadMeta};
use crate::extract::Extractor;
use crate::fetch::WebArticle;
use crate::index::{self, IngestReport, Replace};
use crate::render::discord::{self as render, Reply};
use serenity::all::{
    Attachment, CommandDataOptionValue, CommandInteraction, CommandOptionType, CreateCommand,
    CreateCommandOption, Permissions,
};
use std::time::Duration;

pub const NAME: &str = "ingest";

pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Add a web article (url) or a .txt or .jsonl file to this server's collection")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .dm_permission(false)
        .add_option(CreateCommandOption::new(
            CommandOptionType::Attachment,
            "file",
            "A .txt article, or a .jsonl file with one article (id, text, ...) a line",
        ))
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "outlet", "Outlet of a .txt")
                .max_length(100),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "date",
                "Publication date of a .txt, YYYY-MM-DD",
            )
            .max_length(10),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "url",
                "A web article to fetch and add; with a file, the .txt's address",
            )
            .max_length(500),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "replace",
                "Id or address of this server's article the .txt replaces",
            )
            .max_length(500),
        )
}

/// Whether the member who asked may add articles: Manage Server (or Administrator), or one
/// of the roles the settings name. Never in direct messages: there is no server collection.
pub fn allowed(c: &CommandInteraction, roles: &[u64]) -> bool {
    super::member_may(c, roles)
}

/// The refusal for everyone else.
pub fn refused() -> Reply {
    Reply::notice(
        "Only members with the Manage Server permission, or a role the bot's settings allow, \
         can add articles, and only in a server.",
    )
}

/// What was asked: the attachment and the metadata of a `.txt`.
#[derive(Debug, Clone)]
pub struct Upload {
    pub attachment: Attachment,
    pub meta: UploadMeta,
    /// The article of the server's collection the upload replaces (its id or address).
    pub replace: Option<String>,
}

/// What `/ingest` was asked to add: an attached file, or the article at a link.
#[derive(Debug, Clone)]
pub enum Request {
    File(Box<Upload>),
    Link(String),
}

/// Reads the options of an `/ingest` interaction: a file (with its options), else a link.
pub fn request_of(c: &CommandInteraction) -> Result<Request, CommandError> {
    let has_file = c
        .data
        .options
        .iter()
        .any(|o| matches!(o.value, CommandDataOptionValue::Attachment(_)));
    if has_file {
        return upload_of(c).map(|u| Request::File(Box::new(u)));
    }
    let mut link = None;
    for o in &c.data.options {
        match (o.name.as_str(), &o.value) {
            ("url", CommandDataOptionValue::String(s)) if !s.trim().is_empty() => {
                link = Some(s.trim().to_string());
            }
            ("outlet" | "date" | "replace", CommandDataOptionValue::String(s))
                if !s.trim().is_empty() =>
            {
                return Err(CommandError::Usage(format!(
                    "`{}` goes with an attached .txt: a web page carries its own facts, and a \
                     new text at the same address updates its article. Nothing was added.",
                    o.name
                )));
            }
            _ => {}
        }
    }
    link.map(Request::Link).ok_or_else(|| {
        CommandError::Usage(
            "Give a link to a web article (`url`), or attach a .txt article or a .jsonl file \
             with one article a line."
                .into(),
        )
    })
}

/// Fetches the article at `link` within the `[fetch]` settings, from the addresses they
/// allow (public ones only unless `fetch.allow_private` is set).
async fn fetch(config: &Config, link: &str) -> Result<WebArticle, CommandError> {
    let settings = &config.fetch;
    crate::fetch::fetch(link, settings, &settings.bot_policy())
        .await
        .map_err(|e| {
            CommandError::Usage(format!(
                "I could not add {}: {e}. Nothing was added.",
                render::escape_markdown(&crate::fetch::shown(link))
            ))
        })
}

/// What is ready to be stored: a downloaded file, or a fetched article.
#[derive(Debug, Clone)]
pub enum Ready {
    File(Box<Upload>, Vec<u8>),
    Page(Box<WebArticle>),
}

impl Ready {
    /// Where it came from, for the log: the file's name or the article's address.
    pub fn source(&self) -> &str {
        match self {
            Ready::File(upload, _) => &upload.attachment.filename,
            Ready::Page(article) => &article.canonical_url,
        }
    }
}

/// Downloads the attached file or fetches the article at the link.
pub async fn prepare(config: &Config, request: Request) -> Result<Ready, CommandError> {
    match request {
        Request::File(upload) => {
            let limit = size_limit(config, &upload.attachment.filename);
            let timeout = Duration::from_millis(config.discord.download_timeout_ms);
            let bytes = download(&upload.attachment, limit, timeout).await?;
            Ok(Ready::File(upload, bytes))
        }
        Request::Link(link) => fetch(config, &link).await.map(|a| Ready::Page(Box::new(a))),
    }
}

/// Stores what is ready in the server's collection. Blocking (run it off the async threads).
pub fn add_ready(
    config: &Config,
    collection: &str,
    ready: &Ready,
) -> Result<IngestReport, CommandError> {
    match ready {
        Ready::File(upload, bytes) => add(config, collection, upload, bytes),
        Ready::Page(article) => add_fetched(config, collection, article),
    }
}

/// Adds a fetched article to the server's collection; a new text at an address already
/// indexed there updates that article. Blocking (run it off the async threads).
fn add_fetched(
    config: &Config,
    collection: &str,
    article: &WebArticle,
) -> Result<IngestReport, CommandError> {
    let articles = vec![article.to_article().in_collection(Some(collection))];
    store(config, articles, Replace::SameId)
}

/// Reads the options of an `/ingest` interaction with a file.
fn upload_of(c: &CommandInteraction) -> Result<Upload, CommandError> {
    let mut attachment = None;
    let mut meta = UploadMeta::default();
    let mut replace = None;
    for o in &c.data.options {
        match (o.name.as_str(), &o.value) {
            ("file", CommandDataOptionValue::Attachment(id)) => {
                attachment = c.data.resolved.attachments.get(id).cloned();
            }
            ("outlet", CommandDataOptionValue::String(s)) if !s.trim().is_empty() => {
                meta.outlet = Some(s.trim().to_string());
            }
            ("url", CommandDataOptionValue::String(s)) if !s.trim().is_empty() => {
                meta.url = Some(s.trim().to_string());
            }
            ("replace", CommandDataOptionValue::String(s)) if !s.trim().is_empty() => {
                replace = Some(s.trim().to_string());
            }
            ("date", CommandDataOptionValue::String(s)) if !s.trim().is_empty() => {
                meta.published = Some(Date::parse(s).ok_or_else(|| {
                    CommandError::Usage(format!(
                        "“{}” is not a date: write it as YYYY-MM-DD, e.g. 2024-05-01.",
                        render::cut(s, 40)
                    ))
                })?);
            }
            _ => {}
        }
    }
    let attachment = attachment.ok_or_else(|| {
        CommandError::Usage(
            "Attach the file to add: a .txt article or a .jsonl file with one article a line."
                .into(),
        )
    })?;
    Ok(Upload {
        attachment,
        meta,
        replace,
    })
}

/// Largest attachment accepted for a file of this name, in bytes.
pub fn size_limit(config: &Config, filename: &str) -> u64 {
    let limits = config.load_limits();
    let per_format = if filename.to_ascii_lowercase().ends_with(".jsonl") {
        limits.max_file_bytes
    } else {
        limits.max_article_bytes
    };
    per_format.min(config.discord.max_attachment_bytes)
}

/// Downloads an attachment: its announced size is checked first, the bytes are counted as
/// they come, and the whole download must finish within `timeout`.
pub async fn download(
    attachment: &Attachment,
    limit: u64,
    timeout: Duration,
) -> Result<Vec<u8>, CommandError> {
    let name = render::cut(&attachment.filename, 100);
    let too_large = |size: u64| {
        CommandError::Usage(format!(
            "{name} is {size} bytes, over the limit of {limit} bytes. Split it into smaller files."
        ))
    };
    if u64::from(attachment.size) > limit {
        return Err(too_large(u64::from(attachment.size)));
    }
    let failed = |why: String| {
        CommandError::Usage(format!(
            "I could not download {name} ({why}); nothing was added. Try attaching it again."
        ))
    };
    let why = |e: reqwest::Error| {
        if e.is_timeout() {
            "it took too long".to_string()
        } else {
            e.without_url().to_string()
        }
    };
    let fetch = async {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| failed(e.to_string()))?;
        let mut response = client
            .get(&attachment.url)
            .send()
            .await
            .map_err(|e| failed(why(e)))?;
        if !response.status().is_success() {
            return Err(failed(format!("the server answered {}", response.status())));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| failed(why(e)))? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() as u64 > limit {
                return Err(too_large(bytes.len() as u64));
            }
        }
        Ok(bytes)
    };
    tokio::time::timeout(timeout, fetch)
        .await
        .map_err(|_| failed("it took too long".into()))?
}

/// Checks the downloaded file and adds its articles; blocking (run it off the async
/// threads).
pub fn add(
    config: &Config,
    collection: &str,
    upload: &Upload,
    bytes: &[u8],
) -> Result<IngestReport, CommandError> {
    let articles = parse_upload(
        &upload.attachment.filename,
        bytes,
        &upload.meta,
        config.load_limits(),
    )
    .map_err(|e| CommandError::Usage(format!("{e}. Nothing was added.")))?;
    // the server's own collection: no other server sees these articles
    let mut articles: Vec<_> = articles
        .into_iter()
        .map(|a| a.in_collection(Some(collection)))
        .collect();
    // a replacement names an article of this collection, by id or by address; the base's
    // articles are never replaced from Discord (the ingest checks whose article it is)
    let replace: Vec<String> = match &upload.replace {
        None => Vec::new(),
        Some(which) => {
            if articles.len() != 1 {
                return Err(CommandError::Usage(
                    "`replace` takes one article: attach a .txt. Nothing was added.".into(),
                ));
            }
            let own = format!("{collection}/");
            let id = if which.starts_with(&own) {
                which.clone()
            } else if which.contains("://") {
                format!("{own}{}", crate::corpus::article_id(Some(which), ""))
            } else {
                format!("{own}{which}")
            };
            for a in &mut articles {
                a.id = id.clone();
            }
            vec![id]
        }
    };
    store(config, articles, Replace::Only(&replace))
}

/// Adds articles to the index the bot uses.
fn store(
    config: &Config,
    articles: Vec<crate::corpus::Article>,
    replace: Replace<'_>,
) -> Result<IngestReport, CommandError> {
    let knowledge = config
        .knowledge(None, false)
        .map_err(|e| CommandError::Failed(e.to_string()))?;
    let spec = crate::discord::library::index_spec(config);
    let wait = Duration::from_millis(config.discord.ingest_wait_ms);
    index::ingest_with(&spec, &Extractor::new(knowledge), articles, replace, wait).map_err(|e| {
        match e {
            index::IngestError::Busy { .. } => CommandError::Usage(
                "The index is busy: someone is adding articles from the command line. Nothing was \
             added; try again in a minute."
                    .into(),
            ),
            // stopped midway (a full disk): the member hears exactly what was added, the
            // operator's log why
            index::IngestError::Stopped {
                added,
                not_added,
                cause,
                ..
            } => {
                tracing::error!("an ingest stopped midway: {cause}");
                CommandError::Usage(crate::render::ingest::stopped(
                    "the server could not store everything (the operator's log says why)",
                    &added,
                    &not_added,
                    10,
                ))
            }
            e => CommandError::Failed(e.to_string()),
        }
    })
}
