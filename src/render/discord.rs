//! Library results → Discord messages (serenity builders), always within Discord's limits.
//!
//! Every function here is pure and returns values, so tests can serialize a reply and check
//! it. Quote text is the article's own text: it is escaped (so Discord shows it as written,
//! never as markdown) and only ever cut at a word boundary with "…". Query words are bolded.
//! Replies never ping anyone: `allowed_mentions` is always empty.

use crate::corpus::Date;
use crate::discord::library::{Found, SourceRow, SpeakerRow};
use serde_json::Value;
use serenity::all::{
    AutocompleteChoice, ButtonStyle, CreateActionRow, CreateAllowedMentions,
    CreateAutocompleteResponse, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponse, CreateInteractionResponseMessage, EditInteractionResponse,
};

/// Discord's documented limits, in characters.
pub mod limits {
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FIELDS: usize = 25;
    pub const FOOTER: usize = 2048;
    pub const AUTHOR: usize = 256;
    /// All titles, descriptions, field names and values, footers and authors of a message.
    pub const EMBEDS_TOTAL: usize = 6000;
    pub const EMBEDS: usize = 10;
    pub const CONTENT: usize = 2000;
    pub const CUSTOM_ID: usize = 100;
    pub const BUTTON_LABEL: usize = 80;
    pub const CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
    pub const CHOICE_VALUE: usize = 100;
}

/// Room kept free under [`limits::EMBEDS_TOTAL`] for the small parts counted approximately.
const TOTAL_SLACK: usize = 100;

/// Embed colour of results.
const COLOUR: u32 = 0x5865F2;
/// Embed colour of "not found" and errors.
const NOTICE_COLOUR: u32 = 0xED4245;

/// What the bot answers: a message, before it is sent as a new response, an update of the
/// message a button sits on, or an edit of a deferred response.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub content: Option<String>,
    pub embeds: Vec<CreateEmbed>,
    pub components: Vec<CreateActionRow>,
    /// Seen only by the person who asked.
    pub ephemeral: bool,
}

impl Reply {
    /// A short ephemeral text: "no results", errors, refusals.
    pub fn notice(text: &str) -> Reply {
        Reply {
            content: Some(cut(text, limits::CONTENT)),
            ephemeral: true,
            ..Reply::default()
        }
    }

    pub fn embed(embed: CreateEmbed) -> Reply {
        Reply {
            embeds: vec![embed],
            ..Reply::default()
        }
    }

    pub fn with_components(mut self, components: Vec<CreateActionRow>) -> Reply {
        self.components = components;
        self
    }

    /// The message body shared by a new response and an update.
    pub fn message(self) -> CreateInteractionResponseMessage {
        let mut m = CreateInteractionResponseMessage::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .embeds(self.embeds)
            .components(self.components);
        if let Some(c) = self.content {
            m = m.content(c);
        }
        if self.ephemeral {
            m = m.ephemeral(true);
        }
        m
    }

    /// A new message in answer to a command (callback type 4).
    pub fn into_response(self) -> CreateInteractionResponse {
        CreateInteractionResponse::Message(self.message())
    }

    /// A change to the message whose button was pressed (callback type 7). An ephemeral
    /// reply (a refusal) is sent as a new ephemeral message instead.
    pub fn into_update(self) -> CreateInteractionResponse {
        if self.ephemeral {
            CreateInteractionResponse::Message(self.message())
        } else {
            CreateInteractionResponse::UpdateMessage(self.message())
        }
    }

    /// The edit that fills in a deferred response.
    pub fn into_edit(self) -> EditInteractionResponse {
        EditInteractionResponse::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .content(self.content.unwrap_or_default())
            .embeds(self.embeds)
            .components(self.components)
    }
}

// ---------------------------------------------------------------------------------------------
// Text: escaping, cutting, highlighting.

/// Characters Discord may read as markdown, a mention, an emoji or a link.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '<' | '[' | ']' | '@' | ':'
    )
}

/// Characters that are markdown only at the start of a line (headers, lists).
fn needs_escape_at_line_start(c: char) -> bool {
    matches!(c, '#' | '-' | '+')
}

/// `s` as Discord should show it: every markdown character backslash-escaped.
pub fn escape_markdown(s: &str) -> String {
    escape_from(s, true)
}

/// Escapes `s`, which starts a line when `line_start`.
fn escape_from(s: &str, mut line_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) || (line_start && needs_escape_at_line_start(c)) {
            out.push('\\');
        }
        out.push(c);
        if c == '\n' {
            line_start = true;
        } else if !c.is_whitespace() {
            line_start = false;
        }
    }
    out
}

/// Number of characters, as Discord counts them for its limits.
pub fn len(s: &str) -> usize {
    s.chars().count()
}

/// Plain text (no markdown) cut to `max` characters at a word boundary, with "…".
pub fn cut(s: &str, max: usize) -> String {
    if len(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let keep: String = s.chars().take(max - 1).collect();
    let at_word = match keep.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((i, _)) if i > 0 => keep[..i].trim_end().to_string(),
        _ => keep,
    };
    format!("{at_word}…")
}

/// A word of a quote is a query word when it matches one of `terms` (already lower case)
/// exactly or as a stem ("troop" ~ "troops").
fn is_term(word: &str, terms: &[String]) -> bool {
    if terms.is_empty() || word.is_empty() {
        return false;
    }
    let w = word.to_lowercase();
    let ws = stem(&w);
    terms
        .iter()
        .any(|t| *t == w || (ws.len() >= 3 && stem(t) == ws))
}

fn stem(w: &str) -> &str {
    for suffix in ["ing", "ies", "es", "ed", "s"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                return s;
            }
        }
    }
    w
}

/// The lower-cased words of a query, for bolding.
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// A word of the source text rendered: escaped, and bold when it is a query word (only its
/// letters and digits are bolded, not the punctuation around them).
fn render_word(word: &str, terms: &[String], line_start: bool) -> String {
    let start = word.find(|c: char| c.is_alphanumeric());
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8());
    match (start, end) {
        (Some(s), Some(e)) if s < e && is_term(&word[s..e], terms) => format!(
            "{}**{}**{}",
            escape_from(&word[..s], line_start),
            escape_from(&word[s..e], line_start && s == 0),
            escape_from(&word[e..], false)
        ),
        _ => escape_from(word, line_start),
    }
}

/// Source text rendered for Discord within `max` characters: escaped, query words bold,
/// whitespace kept as written, cut at a word boundary with "…" when too long. A single word
/// longer than the budget is cut inside the word.
pub fn render_text(text: &str, terms: &[String], max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut rest = text.trim();
    while !rest.is_empty() {
        let ws_len = rest.len() - rest.trim_start().len();
        let (ws, after) = rest.split_at(ws_len);
        let word_len = after.find(char::is_whitespace).unwrap_or(after.len());
        let (word, tail) = after.split_at(word_len);
        let line_start = out.is_empty() || ws.contains('\n');
        let piece = format!("{ws}{}", render_word(word, terms, line_start));
        let piece_len = len(&piece);
        let last = tail.trim().is_empty();
        let room = if last { max } else { max.saturating_sub(1) };
        if used + piece_len > room {
            if out.is_empty() {
                // One enormous word: cut it, escape-aware, character by character.
                let mut cut_word = String::new();
                for (i, c) in word.chars().enumerate() {
                    let esc = needs_escape(c) || (i == 0 && needs_escape_at_line_start(c));
                    let add = if esc { 2 } else { 1 };
                    if len(&cut_word) + add + 1 > max {
                        break;
                    }
                    if esc {
                        cut_word.push('\\');
                    }
                    cut_word.push(c);
                }
                return format!("{cut_word}…");
            }
            out.push('…');
            return out;
        }
        out.push_str(&piece);
        used += piece_len;
        rest = tail;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Citations and embeds.

/// "16 April 2018", or "undated".
pub fn date_text(d: Option<Date>) -> String {
    d.map_or_else(|| "undated".to_string(), |d| d.long())
}

/// A link target Discord will accept inside `[text](url)`.
fn safe_url(url: &str) -> Option<&str> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && len(url) <= 300
        && !url.contains(|c: char| c.is_whitespace() || c == ')' || c == '(' || c == '>');
    ok.then_some(url)
}

/// "— outlet · 16 April 2018 · [headline](url) · ¶ 6", within `max` characters.
pub fn citation(f: &Found, max: usize) -> String {
    let outlet = f
        .source
        .outlet
        .as_deref()
        .map(|o| render_text(o, &[], 60))
        .unwrap_or_else(|| "unknown outlet".to_string());
    let date = date_text(f.source.published);
    let para = format!("¶ {}", f.quote.paragraph + 1);
    let fixed = len(&outlet) + len(&date) + len(&para) + 12;
    let headline_room = max.saturating_sub(fixed).min(160);
    let headline = render_text(&f.source.headline, &[], headline_room.min(150));
    let headline = match f.source.url.as_deref().and_then(safe_url) {
        Some(url) if fixed + len(&headline) + len(url) + 4 <= max => format!("[{headline}]({url})"),
        _ => headline,
    };
    let line = format!("— {outlet} · {date} · {headline} · {para}");
    if len(&line) <= max {
        line
    } else {
        render_text(&format!("{} · {date} · {para}", f.source.id), &[], max)
    }
}

/// Field name of a hit: "1. Donald Trump (direct)".
fn hit_name(n: usize, f: &Found) -> String {
    let speaker = f.quote.speaker.as_deref().unwrap_or("Unattributed");
    let tail = format!(" ({})", f.quote.kind);
    let head = format!("{n}. ");
    let room = limits::FIELD_NAME - len(&head) - len(&tail);
    format!("{head}{}{tail}", render_text(speaker, &[], room.min(120)))
}

/// Field value of a hit: the quote in quote marks, then the citation line.
fn hit_value(f: &Found, terms: &[String], max: usize) -> String {
    let max = max.min(limits::FIELD_VALUE);
    let cite = citation(f, (max / 2).clamp(20, 400));
    let room = max.saturating_sub(len(&cite) + 3);
    format!("“{}”\n{cite}", render_text(&f.quote.text, terms, room))
}

/// Paging state shown in the footer and as ◀ ▶ buttons.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// 1-based page shown.
    pub page: usize,
    pub pages: usize,
    /// Custom ids of the buttons; `None` when there is no such page or paging is not possible.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Why the buttons are missing though there are more pages.
    pub note: Option<String>,
}

impl Nav {
    fn footer(&self, total: usize, what: &str) -> String {
        let mut s = format!(
            "page {} of {} · {total} {what}",
            self.page,
            self.pages.max(1)
        );
        if let Some(n) = &self.note {
            s.push_str(" · ");
            s.push_str(n);
        }
        cut(&s, limits::FOOTER)
    }

    /// The ◀ ▶ row, or nothing when everything fits on one page.
    pub fn buttons(&self) -> Vec<CreateActionRow> {
        if self.pages <= 1 || (self.prev.is_none() && self.next.is_none()) {
            return Vec::new();
        }
        let button = |id: &Option<String>, label: &str, fallback: &str| {
            CreateButton::new(id.clone().unwrap_or_else(|| fallback.to_string()))
                .label(label)
                .style(ButtonStyle::Secondary)
                .disabled(id.is_none())
        };
        vec![CreateActionRow::Buttons(vec![
            button(&self.prev, "◀", "noop:prev"),
            button(&self.next, "▶", "noop:next"),
        ])]
    }
}

/// One embed holding a page of hits, one per field, within every limit.
pub fn hits_embed(
    title: &str,
    description: &str,
    hits: &[Found],
    terms: &[String],
    footer: &str,
) -> CreateEmbed {
    let title = cut(title, limits::TITLE);
    let footer = cut(footer, limits::FOOTER);
    let hits = &hits[..hits.len().min(limits::FIELDS)];
    let names: Vec<String> = hits
        .iter()
        .enumerate()
        .map(|(i, f)| hit_name(i + 1, f))
        .collect();
    let fixed = len(&title) + len(&footer) + names.iter().map(|n| len(n)).sum::<usize>();
    let description = cut(
        description,
        limits::DESCRIPTION.min((limits::EMBEDS_TOTAL - TOTAL_SLACK).saturating_sub(fixed) / 4),
    );
    let room = (limits::EMBEDS_TOTAL - TOTAL_SLACK).saturating_sub(fixed + len(&description));
    let per_field = if hits.is_empty() {
        0
    } else {
        (room / hits.len()).min(limits::FIELD_VALUE)
    };
    let mut embed = CreateEmbed::new().title(title).colour(COLOUR);
    if !description.is_empty() {
        embed = embed.description(description);
    }
    for (name, f) in names.into_iter().zip(hits) {
        embed = embed.field(name, hit_value(f, terms, per_field), false);
    }
    embed.footer(CreateEmbedFooter::new(footer))
}

/// A titled notice embed with a description (used by /help and /sources).
pub fn text_embed(title: &str, description: &str, footer: Option<&str>) -> CreateEmbed {
    let mut e = CreateEmbed::new()
        .title(cut(title, limits::TITLE))
        .description(cut(description, limits::DESCRIPTION))
        .colour(COLOUR);
    if let Some(f) = footer {
        e = e.footer(CreateEmbedFooter::new(cut(f, limits::FOOTER)));
    }
    e
}

// ---------------------------------------------------------------------------------------------
// One renderer per command.

/// `/quotes`: a page of topic hits.
pub fn quotes(query: &str, filters: &str, hits: &[Found], total: usize, nav: &Nav) -> Reply {
    let title = format!("Quotes about “{}”", cut(query, 200));
    let description = if filters.is_empty() {
        String::new()
    } else {
        render_text(filters, &[], 300)
    };
    let footer = nav.footer(total, if total == 1 { "quote" } else { "quotes" });
    Reply::embed(hits_embed(
        &title,
        &description,
        hits,
        &query_terms(query),
        &footer,
    ))
    .with_components(nav.buttons())
}

/// `/whosaid`: the fact-check verdict.
pub fn verbatim(phrase: &str, hits: &[Found]) -> Reply {
    let title = format!("Said word for word: “{}”", cut(phrase, 200));
    let description = format!(
        "Found verbatim in {} quote{}.",
        hits.len(),
        if hits.len() == 1 { "" } else { "s" }
    );
    let footer = "verbatim · the article's own words".to_string();
    Reply::embed(hits_embed(
        &title,
        &description,
        hits,
        &query_terms(phrase),
        &footer,
    ))
}

pub fn close(phrase: &str, hits: &[Found]) -> Reply {
    let title = format!("Not word for word: “{}”", cut(phrase, 200));
    let description = "Nobody said exactly this. These quotes come closest — compare the wording \
                       before you rely on it.";
    let footer = "close · not verbatim".to_string();
    Reply::embed(
        hits_embed(&title, description, hits, &query_terms(phrase), &footer).colour(NOTICE_COLOUR),
    )
}

/// `/speaker`: one person's quotes, oldest first.
pub fn speaker(name: &str, hits: &[Found], total: usize, nav: &Nav) -> Reply {
    let title = format!("What {} said", cut(name, 200));
    let description = "Oldest first, so a change of position shows.";
    let footer = nav.footer(total, if total == 1 { "quote" } else { "quotes" });
    Reply::embed(hits_embed(&title, description, hits, &[], &footer)).with_components(nav.buttons())
}

/// `/sources`: a page of indexed articles.
pub fn sources(rows: &[SourceRow], total: usize, nav: &Nav) -> Reply {
    let mut lines = Vec::new();
    let per_line = (limits::DESCRIPTION - 100) / rows.len().max(1);
    for r in rows {
        let s = &r.source;
        let outlet = s.outlet.as_deref().unwrap_or("unknown outlet");
        let raw = format!(
            "{outlet} · {} · {} — {} quote{}",
            date_text(s.published),
            s.headline,
            r.quotes,
            if r.quotes == 1 { "" } else { "s" }
        );
        lines.push(format!(
            "• {}",
            render_text(&raw, &[], per_line.min(400) - 2)
        ));
    }
    let description = if lines.is_empty() {
        "No article is indexed yet.".to_string()
    } else {
        lines.join("\n")
    };
    let footer = nav.footer(total, if total == 1 { "article" } else { "articles" });
    Reply::embed(text_embed("Indexed articles", &description, Some(&footer)))
        .with_components(nav.buttons())
}

/// `/help`: what each command does, with an example. `commands` is (usage, what, example).
pub fn help(commands: &[(&str, &str, &str)]) -> Reply {
    let mut e = CreateEmbed::new()
        .title("whosaid — who said what, with citations")
        .description(
            "Every quote is the article's own text, with outlet, date, headline and paragraph.",
        )
        .colour(COLOUR);
    for (usage, what, example) in commands.iter().take(limits::FIELDS) {
        e = e.field(
            cut(usage, limits::FIELD_NAME),
            cut(
                &format!("{what}\nExample: `{example}`"),
                limits::FIELD_VALUE,
            ),
            false,
        );
    }
    Reply::embed(e).ephemeral_as(true)
}

impl Reply {
    fn ephemeral_as(mut self, e: bool) -> Reply {
        self.ephemeral = e;
        self
    }
}

/// Autocomplete choices, at most 25, each name and value within 100 characters (a value
/// that does not fit is left out: it could not be sent back).
pub fn choices<'a>(
    items: impl IntoIterator<Item = (String, &'a str)>,
) -> CreateInteractionResponse {
    let list: Vec<AutocompleteChoice> = items
        .into_iter()
        .filter(|(_, value)| !value.is_empty() && len(value) <= limits::CHOICE_VALUE)
        .take(limits::CHOICES)
        .map(|(name, value)| AutocompleteChoice::new(cut(&name, limits::CHOICE_NAME), value))
        .collect();
    CreateInteractionResponse::Autocomplete(CreateAutocompleteResponse::new().set_choices(list))
}

/// Speaker choices from the speaker list.
pub fn speaker_choices(rows: &[SpeakerRow]) -> CreateInteractionResponse {
    choices(
        rows.iter()
            .map(|r| (format!("{} ({} quotes)", r.name, r.quotes), r.name.as_str())),
    )
}

/// Source choices from the source list.
pub fn source_choices(rows: &[SourceRow]) -> CreateInteractionResponse {
    choices(rows.iter().map(|r| {
        let s = &r.source;
        (
            format!(
                "{} · {} · {}",
                s.outlet.as_deref().unwrap_or("unknown outlet"),
                date_text(s.published),
                s.headline
            ),
            s.id.as_str(),
        )
    }))
}

// ---------------------------------------------------------------------------------------------
// Checking replies against the limits.

/// Every Discord limit a serialized interaction response (or edit) breaks; empty when it
/// keeps them all.
pub fn limit_violations(response: &Value) -> Vec<String> {
    let mut v = Vec::new();
    let data = response.get("data").unwrap_or(response);
    let s = |x: &Value| x.as_str().map_or(0, len);
    if let Some(c) = data.get("content") {
        if s(c) > limits::CONTENT {
            v.push(format!("content has {} characters", s(c)));
        }
    }
    if let Some(embeds) = data.get("embeds").and_then(Value::as_array) {
        if embeds.len() > limits::EMBEDS {
            v.push(format!("{} embeds", embeds.len()));
        }
        let mut total = 0;
        for (i, e) in embeds.iter().enumerate() {
            let mut check = |what: &str, x: Option<&Value>, max: usize| {
                let n = x.map_or(0, s);
                total += n;
                if n > max {
                    v.push(format!("embed {i} {what} has {n} characters (max {max})"));
                }
            };
            check("title", e.get("title"), limits::TITLE);
            check("description", e.get("description"), limits::DESCRIPTION);
            check("footer", e.pointer("/footer/text"), limits::FOOTER);
            check("author", e.pointer("/author/name"), limits::AUTHOR);
            let fields = e.get("fields").and_then(Value::as_array);
            if let Some(fields) = fields {
                for f in fields {
                    check("field name", f.get("name"), limits::FIELD_NAME);
                    check("field value", f.get("value"), limits::FIELD_VALUE);
                }
            }
            if let Some(fields) = fields {
                if fields.len() > limits::FIELDS {
                    v.push(format!("embed {i} has {} fields", fields.len()));
                }
                for f in fields {
                    if f.get("name").map_or(0, s) == 0 || f.get("value").map_or(0, s) == 0 {
                        v.push(format!("embed {i} has an empty field"));
                    }
                }
            }
        }
        if total > limits::EMBEDS_TOTAL {
            v.push(format!("embeds have {total} characters in all"));
        }
    }
    if let Some(rows) = data.get("components").and_then(Value::as_array) {
        for row in rows {
            for c in row
                .get("components")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let n = c.get("custom_id").map_or(0, s);
                if n > limits::CUSTOM_ID {
                    v.push(format!("custom id has {n} characters"));
                }
                if c.get("label").map_or(0, s) > limits::BUTTON_LABEL {
                    v.push("button label too long".into());
                }
            }
        }
    }
    if let Some(choices) = data.get("choices").and_then(Value::as_array) {
        if choices.len() > limits::CHOICES {
            v.push(format!("{} choices", choices.len()));
        }
        for c in choices {
            if c.get("name").map_or(0, s) > limits::CHOICE_NAME {
                v.push("choice name too long".into());
            }
            if c.get("value").map_or(0, s) > limits::CHOICE_VALUE {
                v.push("choice value too long".into());
            }
        }
    }
    v
}

/// A serialized response as a person would read it, for `whosaid reply` without `--json`.
pub fn to_text(response: &Value) -> String {
    let mut out = String::new();
    let data = response.get("data").unwrap_or(response);
    let kind = response.get("type").and_then(Value::as_u64);
    if data.get("flags").and_then(Value::as_u64).unwrap_or(0) & 64 != 0 {
        out.push_str("(only you can see this)\n");
    }
    if let Some(c) = data.get("content").and_then(Value::as_str) {
        if !c.is_empty() {
            out.push_str(c);
            out.push('\n');
        }
    }
    for e in data
        .get("embeds")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let get = |p: &str| e.pointer(p).and_then(Value::as_str).unwrap_or("");
        if !get("/title").is_empty() {
            out.push_str(&format!("# {}\n", get("/title")));
        }
        if !get("/description").is_empty() {
            out.push_str(&format!("{}\n", get("/description")));
        }
        for f in e
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = f.get("name").and_then(Value::as_str).unwrap_or("");
            let value = f.get("value").and_then(Value::as_str).unwrap_or("");
            out.push_str(&format!("\n## {name}\n{value}\n"));
        }
        if !get("/footer/text").is_empty() {
            out.push_str(&format!("\n[{}]\n", get("/footer/text")));
        }
    }
    for row in data
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let labels: Vec<String> = row
            .get("components")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                let label = c.get("label").and_then(Value::as_str).unwrap_or("?");
                if c.get("disabled").and_then(Value::as_bool).unwrap_or(false) {
                    format!("({label})")
                } else {
                    format!("[{label}]")
                }
            })
            .collect();
        out.push_str(&format!("{}\n", labels.join(" ")));
    }
    for c in data
        .get("choices")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.push_str(&format!(
            "- {}\n",
            c.get("name").and_then(Value::as_str).unwrap_or("")
        ));
    }
    if out.is_empty() {
        out = match kind {
            Some(1) => "PONG\n".into(),
            Some(5) => "(thinking…)\n".into(),
            _ => format!("{response}\n"),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_mentions() {
        assert_eq!(
            escape_markdown("**hi** @everyone"),
            "\\*\\*hi\\*\\* \\@everyone"
        );
        assert_eq!(escape_markdown("<@&123>"), "\\<\\@&123\\>");
        assert_eq!(escape_markdown("# a-b\n- c"), "\\# a-b\n\\- c");
    }

    #[test]
    fn cuts_at_word_boundaries() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three", 9), "one two…");
        assert_eq!(len(&cut(&"x".repeat(50), 10)), 10);
    }

    #[test]
    fn renders_with_bold_terms_and_budget() {
        let terms = query_terms("troops");
        assert_eq!(
            render_text("US troops, home.", &terms, 100),
            "US **troops**, home."
        );
        assert_eq!(render_text("a troop", &terms, 100), "a **troop**");
        let long = "word ".repeat(500);
        let r = render_text(&long, &terms, 50);
        assert!(len(&r) <= 50, "{}", len(&r));
        assert!(r.ends_with('…'));
        let r = render_text(&"*".repeat(500), &terms, 51);
        assert!(len(&r) <= 51);
        assert!(!r.trim_end_matches('…').ends_with('\\') || r.ends_with("\\*…"));
    }
}
