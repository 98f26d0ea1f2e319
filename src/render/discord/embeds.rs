//! Citations and embeds: one quote per field, each with its evidence line and citation, all
//! within Discord's limits.

use super::*;

// ---------------------------------------------------------------------------------------------
// Citations and embeds.

/// "16 April 2018", or "undated".
pub fn date_text(d: Option<Date>) -> String {
    d.map_or_else(|| "undated".to_string(), |d| d.long())
}

/// A link target Discord will accept inside `[text](url)`.
pub(crate) fn safe_url(url: &str) -> Option<&str> {
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
    /// Why the quote names its speaker (see [`crate::render::evidence::evidence_line`]).
    pub evidence: Option<String>,
    /// The other articles that report the same quote ("Newstalk ¶3, 2018-04-16").
    pub also: Vec<String>,
    /// The quote's short id, for `/correct`.
    pub id: &'a str,
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
            evidence: crate::render::evidence::evidence_line(&hit.record),
            also: Vec::new(),
            id: &hit.record.id,
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
            evidence: crate::render::evidence::evidence_line(&m.record),
            also: Vec::new(),
            id: &m.record.id,
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
pub(crate) fn shown_name(n: usize, s: &Shown<'_>) -> String {
    let speaker = s.speaker.unwrap_or("Unattributed");
    let tail = format!(" ({})", s.kind);
    let head = format!("{n}. ");
    let room = limits::FIELD_NAME - len(&head) - len(&tail);
    format!("{head}{}{tail}", render_text(speaker, &[], room.min(120)))
}

/// Field value of a quote: the quote in quote marks (with "…" where words were left out),
/// then the citation line.
pub(crate) fn shown_value(s: &Shown<'_>, max: usize) -> String {
    let max = max.min(limits::FIELD_VALUE);
    let cite = citation(s.source, s.paragraph, (max / 2).clamp(20, 400));
    // the id is plain letters and digits: nothing in it needs escaping
    let cite = if s.id.is_empty() {
        cite
    } else {
        format!("{cite} · id `{}`", s.id)
    };
    // the evidence line: the article's own words the attribution rests on, escaped
    let why = s
        .evidence
        .as_deref()
        .map(|e| format!("\n{}", render_text(e, &[], (max / 4).clamp(20, 200))))
        .unwrap_or_default();
    let why = if s.also.is_empty() {
        why
    } else {
        let also = format!("also in: {}", s.also.join("; "));
        format!(
            "{why}\n{}",
            render_text(&also, &[], (max / 4).clamp(20, 200))
        )
    };
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
    pub(crate) fn footer(&self, total: usize, what: &str) -> String {
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

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The quotes to show, one per quote however many articles report it: each group's earliest
/// occurrence, with the others as "also in".
pub fn shown_grouped<'a, T>(
    items: &'a [T],
    record: impl Fn(&T) -> &crate::index::QuoteRecord,
    show: impl Fn(&'a T) -> Shown<'a>,
) -> Vec<Shown<'a>> {
    crate::render::group::group(items, &record)
        .into_iter()
        .map(|g| {
            let mut shown = show(g.first);
            shown.also = g
                .also
                .iter()
                .map(|t| crate::render::group::short_source(record(t)))
                .collect();
            shown
        })
        .collect()
}
