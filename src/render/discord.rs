//! Library results → Discord messages (serenity builders), always within Discord's limits.
//!
//! Every function here is pure and returns values, so tests can serialize a reply and check
//! it. Quote text is the article's own text: it is escaped (so Discord shows it as written,
//! never as markdown) and only ever cut at a word boundary with "…". Query words are bolded.
//! Replies never ping anyone: `allowed_mentions` is always empty.

use crate::corpus::Date;
use crate::extract::QuoteKind;
use crate::index::{SourceEntry, SourceInfo, SpeakerEntry};
use crate::search::{CheckResult, Hit, PhraseMatch, SearchResults, Verdict};
use serde_json::Value;
use serenity::all::{
    AutocompleteChoice, ButtonStyle, CreateActionRow, CreateAllowedMentions,
    CreateAutocompleteResponse, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    EditInteractionResponse,
};
use std::ops::Range;

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

    /// A follow-up message: how an ephemeral reply reaches the user after a deferral (an
    /// edit of the deferred response could not make it private).
    pub fn into_followup(self) -> CreateInteractionResponseFollowup {
        let mut f = CreateInteractionResponseFollowup::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .embeds(self.embeds)
            .components(self.components)
            .ephemeral(self.ephemeral);
        if let Some(c) = self.content {
            f = f.content(c);
        }
        f
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
        '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '<' | '[' | ']' | '@'
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

/// Byte ranges of `text` holding query words: the words whose analyzed form (the search's own
/// analyzer, so "troop" finds "troops") is one of `words`.
pub fn word_ranges(text: &str, words: &[String]) -> Vec<Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut analyzer = crate::index::english_analyzer();
    crate::search::text::words_with(&mut analyzer, text)
        .into_iter()
        .filter(|w| words.contains(&w.norm))
        .map(|w| w.start..w.end)
        .collect()
}

/// A whitespace-separated word rendered: escaped, and its letters and digits bold when it
/// overlaps one of `bold` (byte ranges relative to the word).
fn render_word(word: &str, bold: bool, line_start: bool) -> String {
    let start = word.find(|c: char| c.is_alphanumeric());
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8());
    match (start, end) {
        (Some(s), Some(e)) if s < e && bold => format!(
            "{}**{}**{}",
            escape_from(&word[..s], line_start),
            escape_from(&word[s..e], line_start && s == 0),
            escape_from(&word[e..], false)
        ),
        _ => escape_from(word, line_start),
    }
}

/// Source text rendered for Discord within `max` characters: escaped, the words overlapping
/// `bold` (byte ranges of `text`) in bold, whitespace kept as written, cut at a word boundary
/// with "…" when too long. A single word longer than the budget is cut inside the word.
pub fn render_text(text: &str, bold: &[Range<usize>], max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let base = text.len() - text.trim_start().len();
    let mut rest = text.trim();
    let mut offset = base;
    while !rest.is_empty() {
        let ws_len = rest.len() - rest.trim_start().len();
        let (ws, after) = rest.split_at(ws_len);
        let word_len = after.find(char::is_whitespace).unwrap_or(after.len());
        let (word, tail) = after.split_at(word_len);
        let word_at = offset + ws_len;
        let is_bold = bold
            .iter()
            .any(|r| r.start < word_at + word_len && word_at < r.end);
        let line_start = out.is_empty() || ws.contains('\n');
        let piece = format!("{ws}{}", render_word(word, is_bold, line_start));
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
        offset = word_at + word_len;
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

/// One quote as shown: a verbatim piece of the quote, and what cites it.
#[derive(Debug, Clone)]
pub struct Shown<'a> {
    pub speaker: Option<&'a str>,
    pub kind: QuoteKind,
    /// The piece of the quote shown, verbatim.
    pub text: &'a str,
    /// Words of the quote were left out before / after `text`.
    pub cut_before: bool,
    pub cut_after: bool,
    /// Byte ranges of `text` to show in bold.
    pub bold: Vec<Range<usize>>,
    pub source: &'a SourceInfo,
    /// 0-based paragraph of the article.
    pub paragraph: usize,
    /// Why the quote names its speaker (see [`super::evidence::evidence_line`]).
    pub evidence: Option<String>,
}

impl<'a> Shown<'a> {
    /// A search hit, its query words in bold.
    pub fn hit(hit: &'a Hit, words: &[String]) -> Shown<'a> {
        Shown {
            speaker: hit.record.quote.speaker.as_deref(),
            kind: hit.record.quote.kind,
            text: &hit.excerpt.text,
            cut_before: hit.excerpt.cut_before,
            cut_after: hit.excerpt.cut_after,
            bold: word_ranges(&hit.excerpt.text, words),
            source: &hit.record.source,
            paragraph: hit.record.quote.paragraph,
            evidence: super::evidence::evidence_line(&hit.record),
        }
    }

    /// A fact-check match: the part of the quote around the matched words, which are bold.
    pub fn phrase_match(m: &'a PhraseMatch, excerpt_bytes: usize) -> Shown<'a> {
        let q = &m.record.quote;
        let rel = m.matched.start.saturating_sub(q.start)..m.matched.end.saturating_sub(q.start);
        let cut =
            crate::search::text::cut(&q.text, excerpt_bytes.max(rel.len() + 40), Some(rel.start));
        let text = q.text.get(cut.start..cut.end).unwrap_or(&q.text);
        let mut bold = Vec::new();
        if cut.start <= rel.start {
            bold.push(rel.start - cut.start..rel.end.saturating_sub(cut.start));
        }
        Shown {
            speaker: q.speaker.as_deref(),
            kind: q.kind,
            text,
            cut_before: cut.cut_before,
            cut_after: cut.cut_after,
            bold,
            source: &m.record.source,
            paragraph: q.paragraph,
            evidence: super::evidence::evidence_line(&m.record),
        }
    }
}

/// "— outlet · 16 April 2018 · [headline](url) · ¶ 6", within `max` characters.
pub fn citation(source: &SourceInfo, paragraph: usize, max: usize) -> String {
    let outlet = source
        .outlet
        .as_deref()
        .map(|o| render_text(o, &[], 60))
        .unwrap_or_else(|| "unknown outlet".to_string());
    let date = date_text(source.published);
    let para = format!("¶ {}", paragraph + 1);
    let fixed = len(&outlet) + len(&date) + len(&para) + 12;
    let headline_room = max.saturating_sub(fixed).min(150);
    let headline = if source.headline.trim().is_empty() {
        render_text(&source.id, &[], headline_room)
    } else {
        render_text(&source.headline, &[], headline_room)
    };
    let headline = match source.url.as_deref().and_then(safe_url) {
        Some(url) if fixed + len(&headline) + len(url) + 4 <= max => format!("[{headline}]({url})"),
        _ => headline,
    };
    let line = format!("— {outlet} · {date} · {headline} · {para}");
    if len(&line) <= max {
        line
    } else {
        render_text(&format!("{} · {date} · {para}", source.id), &[], max)
    }
}

/// Field name of a quote: "1. Donald Trump (direct)".
fn shown_name(n: usize, s: &Shown<'_>) -> String {
    let speaker = s.speaker.unwrap_or("Unattributed");
    let tail = format!(" ({})", s.kind);
    let head = format!("{n}. ");
    let room = limits::FIELD_NAME - len(&head) - len(&tail);
    format!("{head}{}{tail}", render_text(speaker, &[], room.min(120)))
}

/// Field value of a quote: the quote in quote marks (with "…" where words were left out),
/// then the citation line.
fn shown_value(s: &Shown<'_>, max: usize) -> String {
    let max = max.min(limits::FIELD_VALUE);
    let cite = citation(s.source, s.paragraph, (max / 2).clamp(20, 400));
    // the evidence line: the article's own words the attribution rests on, escaped
    let why = s
        .evidence
        .as_deref()
        .map(|e| format!("\n{}", render_text(e, &[], (max / 4).clamp(20, 200))))
        .unwrap_or_default();
    let before = if s.cut_before { "…" } else { "" };
    let after = if s.cut_after { "…" } else { "" };
    let room = max.saturating_sub(len(&cite) + len(&why) + 4 + len(before) + len(after));
    let body = render_text(s.text, &s.bold, room);
    let after = if body.ends_with('…') { "" } else { after };
    format!("“{before}{body}{after}”{why}\n{cite}")
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
    /// Something to add to the footer (why the buttons are missing, results left out).
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

/// One embed holding quotes, one per field, within every limit.
pub fn quotes_embed(
    title: &str,
    description: &str,
    shown: &[Shown<'_>],
    footer: &str,
) -> CreateEmbed {
    let title = cut(title, limits::TITLE);
    let footer = cut(footer, limits::FOOTER);
    let shown = &shown[..shown.len().min(limits::FIELDS)];
    let names: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(i, s)| shown_name(i + 1, s))
        .collect();
    let budget = limits::EMBEDS_TOTAL - TOTAL_SLACK;
    let fixed = len(&title) + len(&footer) + names.iter().map(|n| len(n)).sum::<usize>();
    let description = cut(
        description,
        limits::DESCRIPTION.min(budget.saturating_sub(fixed) / 4),
    );
    let room = budget.saturating_sub(fixed + len(&description));
    let per_field = if shown.is_empty() {
        0
    } else {
        (room / shown.len()).min(limits::FIELD_VALUE)
    };
    let mut embed = CreateEmbed::new().title(title).colour(COLOUR);
    if !description.is_empty() {
        embed = embed.description(description);
    }
    for (name, s) in names.into_iter().zip(shown) {
        embed = embed.field(name, shown_value(s, per_field), false);
    }
    embed.footer(CreateEmbedFooter::new(footer))
}

/// A titled embed with a description (used by /help and /sources).
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------------------------
// One renderer per command.

/// `/quotes`: a page of topic hits. `hits` is the page; `total` the results found (at most
/// the window the bot pages through), `more` whether the search had even more.
pub fn quotes(
    results: &SearchResults,
    hits: &[Hit],
    filters: &str,
    total: usize,
    nav: &Nav,
) -> Reply {
    let title = format!("Quotes about “{}”", cut(&results.query, 200));
    let mut description = if filters.is_empty() {
        String::new()
    } else {
        render_text(filters, &[], 300)
    };
    for note in results.notes.iter().take(3) {
        if !description.is_empty() {
            description.push('\n');
        }
        description.push_str(&render_text(note, &[], 200));
    }
    let mut words = results.words.clone();
    words.extend(results.phrases.iter().flatten().cloned());
    let shown: Vec<Shown<'_>> = hits.iter().map(|h| Shown::hit(h, &words)).collect();
    let footer = nav.footer(total, if total == 1 { "quote" } else { "quotes" });
    Reply::embed(quotes_embed(&title, &description, &shown, &footer)).with_components(nav.buttons())
}

/// Narration matches a `/whosaid` answer shows (each at most ~600 characters of 2,000).
const NARRATION_SHOWN: usize = 2;

/// `/whosaid`: the fact-check verdict, at most `max` quotes shown. A question naming a
/// speaker ("did Macron say …?") is answered about that speaker.
pub fn check(result: &CheckResult, max: usize, excerpt_bytes: usize) -> Reply {
    let checked = result
        .claim
        .as_ref()
        .map_or(result.phrase.as_str(), |c| c.phrase.as_str());
    // what the user typed is shown back escaped, like quote text
    let phrase = render_text(checked.trim(), &[], 200);
    let claimed = result
        .claim
        .as_ref()
        .filter(|c| c.name.is_some())
        .map(|c| render_text(&c.speakers.join(" or "), &[], 200));
    let by_claimed = |m: &PhraseMatch| result.claim.as_ref().is_none_or(|c| c.is_by(&m.record));
    match result.verdict {
        Verdict::Verbatim | Verdict::Close => {
            let verbatim = result.verdict == Verdict::Verbatim;
            let matches: Vec<&PhraseMatch> = result
                .matches
                .iter()
                .filter(|m| m.verbatim == verbatim)
                .take(max)
                .collect();
            let claim_holds = matches.first().is_some_and(|m| by_claimed(m));
            // a verdict only on an attribution the engine is sure of
            let sure = matches
                .first()
                .is_some_and(|m| super::evidence::confident(&m.record));
            let shown: Vec<Shown<'_>> = matches
                .iter()
                .map(|m| Shown::phrase_match(m, excerpt_bytes))
                .collect();
            let sentence = matches
                .first()
                .map(|m| {
                    let words = super::evidence::sentence_around(
                        &m.record,
                        (m.matched.start, m.matched.end),
                        600,
                    );
                    format!("\n\nIn its sentence: “{}”", render_text(&words, &[], 700))
                })
                .unwrap_or_default();
            let (title, description, footer) = match (verbatim, &claimed) {
                (true, who) if !sure => {
                    let m = matches[0];
                    let said_by = render_text(
                        m.record.quote.speaker.as_deref().unwrap_or("nobody"),
                        &[],
                        120,
                    );
                    let why = render_text(
                        &super::evidence::evidence_line(&m.record).unwrap_or_default(),
                        &[],
                        300,
                    );
                    let outlet = render_text(
                        m.record.source.outlet.as_deref().unwrap_or("an article"),
                        &[],
                        80,
                    );
                    let named = who.as_ref().map(|who| {
                        let near = result.claim.as_ref().is_some_and(|c| {
                            c.speakers.iter().any(|n| {
                                n.split_whitespace()
                                    .next_back()
                                    .is_some_and(|last| m.record.context.text.contains(last))
                            })
                        });
                        if near {
                            format!(" {who} is named in the same paragraph.")
                        } else {
                            format!(" {who} is not named in that paragraph.")
                        }
                    });
                    (
                        format!("Found word for word — check who said it: “{phrase}”"),
                        format!(
                            "In {outlet}, attributed to {said_by} ({why}).{} Read the \
                             sentence before relying on the attribution.",
                            named.unwrap_or_default()
                        ),
                        "verbatim · attribution not certain".to_string(),
                    )
                }
                (true, Some(who)) if !claim_holds => (
                    format!("Said word for word, but not by {who}: “{phrase}”"),
                    format!(
                        "{who} is not quoted saying this; {} {} it.",
                        plural(shown.len(), "quote", "quotes"),
                        if shown.len() == 1 { "holds" } else { "hold" }
                    ),
                    "verbatim · someone else's words".to_string(),
                ),
                (true, who) => (
                    match who {
                        Some(who) => format!("Yes: {who} said “{phrase}”"),
                        None => format!("Said word for word: “{phrase}”"),
                    },
                    format!(
                        "Found verbatim in {}.",
                        plural(shown.len(), "quote", "quotes")
                    ),
                    "verbatim · the article's own words".to_string(),
                ),
                (false, _) => (
                    format!("Not word for word: “{phrase}”"),
                    match &claimed {
                        Some(who) if !claim_holds => format!(
                            "Nobody is quoted saying exactly this, and none of the closest \
                             quotes is {who}'s. Compare the wording before you rely on it."
                        ),
                        _ => "Nobody is quoted saying exactly this. These quotes come closest — \
                              compare the wording before you rely on it."
                            .to_string(),
                    },
                    "close · not verbatim".to_string(),
                ),
            };
            let description = format!("{description}{sentence}");
            let mut e = quotes_embed(&title, &description, &shown, &footer);
            if !verbatim || !claim_holds || !sure {
                e = e.colour(NOTICE_COLOUR);
            }
            Reply::embed(e)
        }
        Verdict::NotFound => {
            let articles = plural(result.articles, "article", "articles");
            let mut text = match &claimed {
                Some(who) => format!(
                    "{who} is not quoted saying “{phrase}” in the {articles} indexed, word for \
                     word or nearly — nor is anyone else. Try a shorter part of the phrase, or \
                     `/speaker` to read what {who} said."
                ),
                None => format!(
                    "Nobody in the {articles} indexed is quoted saying “{phrase}”, word for word \
                     or nearly. Try a shorter part of the phrase, or search the topic with \
                     `/quotes`."
                ),
            };
            if !result.narration.is_empty() {
                text.push_str(
                    "\n\nThe words are in the articles, but as the reporter's own, not a quote:",
                );
                for m in result.narration.iter().take(NARRATION_SHOWN) {
                    let words = render_text(&m.matched.text, &[], 300);
                    let cite = citation(&m.source, m.paragraph, 300);
                    text.push_str(&format!("\n“{words}”\n{cite}"));
                }
            }
            let mut reply = Reply::notice(&text);
            if !result.nearest.is_empty() {
                let words = query_words(checked);
                let shown: Vec<Shown<'_>> = result
                    .nearest
                    .iter()
                    .take(max)
                    .map(|h| Shown::hit(h, &words))
                    .collect();
                let title = match &claimed {
                    Some(who) => format!("Nearest quotes of {who}"),
                    None => "Nearest quotes".to_string(),
                };
                reply.embeds = vec![quotes_embed(
                    &title,
                    "Quotes that share words with the phrase — not the phrase itself.",
                    &shown,
                    "not found",
                )
                .colour(NOTICE_COLOUR)];
            }
            reply
        }
    }
}

/// The analyzed words of a phrase worth bolding (not "in", "to", "a").
pub fn query_words(text: &str) -> Vec<String> {
    crate::index::analyze(&mut crate::index::english_analyzer(), text)
        .into_iter()
        .filter(|w| w.chars().count() > 2)
        .collect()
}

/// `/speaker`: one person's quotes, oldest first.
pub fn speaker(name: &str, hits: &[Hit], total: usize, nav: &Nav) -> Reply {
    let title = format!("What {} said", cut(name, 200));
    let description = "Oldest first, so a change of position shows.";
    let shown: Vec<Shown<'_>> = hits.iter().map(|h| Shown::hit(h, &[])).collect();
    let footer = nav.footer(total, if total == 1 { "quote" } else { "quotes" });
    Reply::embed(quotes_embed(&title, description, &shown, &footer)).with_components(nav.buttons())
}

/// `/sources`: a page of indexed articles.
pub fn sources(rows: &[SourceEntry], total: usize, nav: &Nav) -> Reply {
    let mut lines = Vec::new();
    let per_line = ((limits::DESCRIPTION - 100) / rows.len().max(1)).min(400);
    for r in rows {
        let s = &r.info;
        let outlet = s.outlet.as_deref().unwrap_or("unknown outlet");
        let headline = if s.headline.trim().is_empty() {
            &s.id
        } else {
            &s.headline
        };
        let raw = format!(
            "{outlet} · {} · {headline} — {}",
            date_text(s.published),
            plural(r.quotes, "quote", "quotes")
        );
        lines.push(format!("• {}", render_text(&raw, &[], per_line - 2)));
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
    let mut r = Reply::embed(e);
    r.ephemeral = true;
    r
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

/// Speaker choices.
pub fn speaker_choices(rows: &[&SpeakerEntry]) -> CreateInteractionResponse {
    choices(rows.iter().map(|r| {
        (
            format!("{} ({})", r.name, plural(r.quotes, "quote", "quotes")),
            r.name.as_str(),
        )
    }))
}

/// Source choices: the value is the article id.
pub fn source_choices(rows: &[&SourceEntry]) -> CreateInteractionResponse {
    choices(rows.iter().map(|r| {
        let s = &r.info;
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
    fn renders_with_bold_words_and_budget() {
        let text = "US troops, home.";
        let bold = word_ranges(text, &query_words("troop"));
        assert_eq!(render_text(text, &bold, 100), "US **troops**, home.");
        let long = "word ".repeat(500);
        let r = render_text(&long, &[], 50);
        assert!(len(&r) <= 50, "{}", len(&r));
        assert!(r.ends_with('…'));
        let r = render_text(&"*".repeat(500), &[], 51);
        assert!(len(&r) <= 51);
    }

    #[test]
    fn the_limit_checker_catches_every_kind_of_overflow() {
        use serde_json::json;
        let x = |n: usize| "x".repeat(n);
        let field = |v: usize| json!({"name": "n", "value": x(v)});
        let cases = [
            (json!({"data": {"content": x(2000)}}), 0),
            (json!({"data": {"content": x(2001)}}), 1),
            (json!({"data": {"embeds": [{"title": x(257)}]}}), 1),
            (json!({"data": {"embeds": [{"description": x(4097)}]}}), 1),
            (json!({"data": {"embeds": [{"fields": [field(1025)]}]}}), 1),
            (
                json!({"data": {"embeds": [{"fields": vec![field(1); 26]}]}}),
                1,
            ),
            (
                json!({"data": {"embeds": [{"description": x(4000)}, {"description": x(2001)}]}}),
                1,
            ),
            (
                json!({"data": {"embeds": vec![json!({"title": "t"}); 11]}}),
                1,
            ),
            (
                json!({"data": {"components": [{"components": [{"custom_id": x(101)}]}]}}),
                1,
            ),
            (
                json!({"data": {"choices": vec![json!({"name": "a", "value": "a"}); 26]}}),
                1,
            ),
            (json!({"embeds": [{"footer": {"text": x(2049)}}]}), 1),
        ];
        for (payload, want) in cases {
            assert_eq!(limit_violations(&payload).len(), want, "{payload}");
        }
    }

    /// Undoes the display: escapes and bold markers.
    fn plain(shown: &str) -> String {
        let mut out = String::new();
        let mut chars = shown.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.extend(chars.next()),
                '*' if chars.peek() == Some(&'*') => {
                    chars.next();
                }
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn rendered_text_is_a_verbatim_prefix_within_budget(
            text in "[a-z *_~`|<>@#:\\[\\]()\\-\n…éЖ😀]{0,300}",
            max in 0usize..400,
            bold_at in 0usize..300,
        ) {
            let bold: Vec<Range<usize>> = (bold_at..bold_at + 1).map(|b| b..b + 5).collect();
            let out = render_text(&text, &bold, max);
            proptest::prop_assert!(len(&out) <= max, "{} > {max}", len(&out));
            let p = plain(&out);
            let whole = text.trim();
            let cut = p.strip_suffix('…').unwrap_or(&p);
            proptest::prop_assert!(
                whole.starts_with(p.as_str()) || whole.starts_with(cut),
                "{p:?} is not a prefix of {whole:?}"
            );
        }
    }
}
