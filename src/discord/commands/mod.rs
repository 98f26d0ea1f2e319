//! The slash commands: one file each, with `register()` (what Discord is told) and `run`
//! (options in, [`Reply`] out). Both transports and `whosaid reply` go through [`run`],
//! [`page`] and [`autocomplete`] here.

pub mod correct;
pub mod help;
pub mod ingest;
pub mod quotes;
pub mod sources;
pub mod speaker;
pub mod whosaid;

use crate::discord::library::Library;
use crate::discord::paging::{self, PageRef, Target};
use crate::render::discord::{self as render, Nav, Reply};
use crate::search::SearchError;
use serenity::all::{CommandDataOption, CommandDataOptionValue, CreateCommand};
use serenity::builder::CreateInteractionResponse;

/// A command as invoked: its name, its options as text, and who asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub name: String,
    pub options: Vec<(String, String)>,
    pub user: u64,
}

impl Invocation {
    /// The option `name`, trimmed; `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The options of a command interaction (every option of these commands is a string).
    pub fn from_options(name: &str, options: &[CommandDataOption], user: u64) -> Invocation {
        let options = options
            .iter()
            .filter_map(|o| {
                let v = match &o.value {
                    CommandDataOptionValue::String(s) => s.clone(),
                    CommandDataOptionValue::Autocomplete { value, .. } => value.clone(),
                    CommandDataOptionValue::Integer(i) => i.to_string(),
                    CommandDataOptionValue::Number(n) => n.to_string(),
                    CommandDataOptionValue::Boolean(b) => b.to_string(),
                    _ => return None,
                };
                Some((o.name.clone(), v))
            })
            .collect();
        Invocation {
            name: name.to_string(),
            options,
            user,
        }
    }
}

/// What to tell the user when a command cannot be answered.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The user asked for something that cannot be answered; the text says what to try.
    #[error("{0}")]
    Usage(String),
    /// The index failed: logged with an id, never shown.
    #[error(transparent)]
    Index(SearchError),
    /// Something else failed inside (storing an article): logged with an id, never shown.
    #[error("{0}")]
    Failed(String),
}

impl From<SearchError> for CommandError {
    /// What the search refused, said for Discord; index failures stay internal.
    fn from(e: SearchError) -> Self {
        let tip = |s: &[String]| {
            if s.is_empty() {
                "Names autocomplete as you type.".to_string()
            } else {
                format!("Did you mean {}?", s.join(", "))
            }
        };
        match e {
            SearchError::UnknownSpeaker { name, suggestions } => CommandError::Usage(format!(
                "No one called “{}” is quoted in the indexed articles. {}",
                render::cut(&name, 100),
                tip(&suggestions)
            )),
            SearchError::UnknownSource(s) => CommandError::Usage(format!(
                "No indexed article or outlet matches “{}”. Pick one from the list as you type, \
                 or see `/sources`.",
                render::cut(&s, 100)
            )),
            e @ SearchError::Index(_) => CommandError::Index(e),
            other => CommandError::Usage(format!("{other}. Try `/help`.")),
        }
    }
}

/// Whether the member asking may change the server's collection: Manage Server (or
/// Administrator), or one of `roles`. Never in direct messages, where there is no server.
pub fn member_may(c: &serenity::all::CommandInteraction, roles: &[u64]) -> bool {
    let Some(member) = c.member.as_ref().filter(|_| c.guild_id.is_some()) else {
        return false;
    };
    member
        .permissions
        .is_some_and(|p| p.manage_guild() || p.administrator())
        || member.roles.iter().any(|r| roles.contains(&r.get()))
}

/// The commands that search the index, under the per-user cooldown.
pub const SEARCHES: [&str; 4] = [quotes::NAME, whosaid::NAME, speaker::NAME, sources::NAME];

/// What commands need to answer.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub library: &'a Library,
    /// Quotes per page.
    pub page_size: usize,
    /// The collection of the server asking (`None`: the base alone, as in direct messages).
    pub collection: Option<&'a str>,
}

/// Every command, as registered with Discord.
pub fn all() -> Vec<CreateCommand> {
    vec![
        quotes::register(),
        whosaid::register(),
        speaker::register(),
        sources::register(),
        help::register(),
        ingest::register(),
        correct::register(),
    ]
}

/// The options a command takes, in order (for `whosaid reply`).
pub fn option_names(command: &str) -> Option<&'static [&'static str]> {
    Some(match command {
        quotes::NAME => &quotes::OPTIONS,
        whosaid::NAME => &whosaid::OPTIONS,
        speaker::NAME => &speaker::OPTIONS,
        sources::NAME | help::NAME => &[],
        _ => return None,
    })
}

/// Runs a command.
pub fn run(ctx: Ctx<'_>, inv: &Invocation) -> Result<Reply, CommandError> {
    match inv.name.as_str() {
        quotes::NAME => quotes::run(ctx, inv),
        whosaid::NAME => whosaid::run(ctx, inv),
        speaker::NAME => speaker::run(ctx, inv),
        sources::NAME => sources::run(ctx, inv),
        help::NAME => Ok(help::run()),
        ingest::NAME => Err(CommandError::Usage(
            "/ingest needs a file attached or a link fetched; use it from Discord, or `whosaid \
             ingest` on the command line."
                .into(),
        )),
        correct::NAME => Err(CommandError::Usage(
            "/correct changes the index; use it from Discord, or `whosaid correct` on the \
             command line."
                .into(),
        )),
        other => Err(CommandError::Usage(format!(
            "I do not know /{}. Try /help for the list of commands.",
            render::cut(other, 50)
        ))),
    }
}

/// Shows another page of an earlier reply (a ◀ ▶ press).
pub fn page(ctx: Ctx<'_>, r: &PageRef) -> Result<Reply, CommandError> {
    match &r.target {
        Target::Quotes(q) => quotes::show(ctx, q, r.page, r.user),
        Target::Speaker(name) => speaker::show(ctx, name, r.page, r.user),
        Target::Sources => sources::show(ctx, r.page, r.user),
    }
}

/// Choices for the option being typed.
pub fn autocomplete(
    ctx: Ctx<'_>,
    command: &str,
    option: &str,
    typed: &str,
) -> Result<CreateInteractionResponse, CommandError> {
    match (command, option) {
        (quotes::NAME, "speaker") | (speaker::NAME, "name") => {
            Ok(speaker::choices(ctx.library, ctx.collection, typed))
        }
        (quotes::NAME, "source") => Ok(sources::choices(ctx.library, ctx.collection, typed)),
        _ => Ok(render::choices(std::iter::empty())),
    }
}

/// Paging state for page `page` of `pages`: button ids, or a note when they do not fit.
pub fn nav(target: &Target, page: usize, pages: usize, user: u64) -> Nav {
    let id = |p: usize| {
        paging::encode(&PageRef {
            target: target.clone(),
            page: p,
            user,
        })
    };
    let prev = (page > 1).then(|| id(page - 1)).flatten();
    let next = (page < pages).then(|| id(page + 1)).flatten();
    let lost = (page > 1 && prev.is_none()) || (page < pages && next.is_none());
    Nav {
        page,
        pages,
        prev,
        next,
        note: lost.then(|| "shorten the request to page through the rest".to_string()),
    }
}

/// Number of pages for `total` items.
pub fn pages(total: usize, size: usize) -> usize {
    total.div_ceil(size.max(1)).max(1)
}

/// The reply when a button points past the last page (the index changed meanwhile).
pub fn gone() -> Reply {
    Reply::notice("That page no longer exists — the index has changed. Run the command again.")
}

/// Case-insensitive "starts a word with" match, for autocomplete.
pub fn matches_typed(candidate: &str, typed: &str) -> bool {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return true;
    }
    let c = candidate.to_lowercase();
    c.starts_with(&typed)
        || c.split(|ch: char| !ch.is_alphanumeric())
            .any(|w| w.starts_with(&typed))
        || c.contains(&typed)
}

/// Parses a slash-command line as typed in Discord: `/quotes query:troops speaker:Donald Trump`.
/// A value runs until the next `option:`; text before any option goes to the first option.
pub fn parse_line(line: &str, user: u64) -> Result<Invocation, String> {
    let line = line.trim();
    let line = line.strip_prefix('/').unwrap_or(line);
    let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let known = option_names(name).ok_or_else(|| {
        format!("unknown command /{name}: the commands are /quotes, /whosaid, /speaker, /sources, /help")
    })?;
    let mut options: Vec<(String, String)> = Vec::new();
    let mut current: Option<usize> = None;
    for word in rest.split_whitespace() {
        let starts = word
            .split_once(':')
            .filter(|(k, _)| known.contains(k))
            .map(|(k, v)| (k.to_string(), v.to_string()));
        if let Some((k, v)) = starts {
            options.retain(|(n, _)| *n != k);
            options.push((k, v));
            current = Some(options.len() - 1);
            continue;
        }
        let i = match current {
            Some(i) => i,
            None => {
                let first = known
                    .first()
                    .ok_or_else(|| format!("/{name} takes no options"))?;
                options.push((first.to_string(), String::new()));
                options.len() - 1
            }
        };
        current = Some(i);
        let v = &mut options[i].1;
        if !v.is_empty() {
            v.push(' ');
        }
        v.push_str(word);
    }
    Ok(Invocation {
        name: name.to_string(),
        options,
        user,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_command_lines() {
        let inv = parse_line("/quotes query:troops speaker:Donald Trump", 7).unwrap();
        assert_eq!(inv.name, "quotes");
        assert_eq!(inv.get("query"), Some("troops"));
        assert_eq!(inv.get("speaker"), Some("Donald Trump"));
        let inv = parse_line("/whosaid we want to come home", 7).unwrap();
        assert_eq!(inv.get("phrase"), Some("we want to come home"));
        let inv = parse_line("/whosaid phrase:time: now", 7).unwrap();
        assert_eq!(inv.get("phrase"), Some("time: now"));
        assert!(parse_line("/nope x", 7).is_err());
        assert!(parse_line("/sources extra", 7).is_err());
    }

    #[test]
    fn command_definitions_fit_discord() {
        for c in all() {
            let v = serde_json::to_value(&c).unwrap();
            let name = v["name"].as_str().unwrap();
            assert!(name.len() <= 32 && name.chars().all(|c| c.is_ascii_lowercase()));
            let d = v["description"].as_str().unwrap();
            assert!((1..=100).contains(&d.chars().count()), "{name}: {d}");
            for o in v["options"].as_array().into_iter().flatten() {
                let d = o["description"].as_str().unwrap();
                assert!((1..=100).contains(&d.chars().count()), "{name}: {d}");
            }
        }
    }
}
