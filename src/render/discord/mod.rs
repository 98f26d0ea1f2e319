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
pub(crate) const TOTAL_SLACK: usize = 100;

/// Embed colour of results.
pub(crate) const COLOUR: u32 = 0x5865F2;
/// Embed colour of "not found" and errors.
pub(crate) const NOTICE_COLOUR: u32 = 0xED4245;

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

mod checks;
mod commands;
mod embeds;
mod text;

pub use checks::*;
pub use commands::*;
pub use embeds::*;
pub use text::*;

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
