//! One renderer per command: `/quotes`, `/whosaid`, `/speaker`, `/sources`, `/help` and the
//! autocomplete choices.

use super::*;

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
    let shown = shown_grouped(hits, |h| &h.record, |h| Shown::hit(h, &words));
    let footer = nav.footer(total, if total == 1 { "quote" } else { "quotes" });
    Reply::embed(quotes_embed(&title, &description, &shown, &footer)).with_components(nav.buttons())
}

/// Narration matches a `/whosaid` answer shows (each at most ~600 characters of 2,000).
pub(crate) const NARRATION_SHOWN: usize = 2;

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
                .is_some_and(|m| crate::render::evidence::confident(&m.record));
            let shown = shown_grouped(
                &matches,
                |m| &m.record,
                |m| Shown::phrase_match(m, excerpt_bytes),
            );
            let sentence = matches
                .first()
                .map(|m| {
                    let words = crate::render::evidence::sentence_around(
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
                        &crate::render::evidence::evidence_line(&m.record).unwrap_or_default(),
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
                            crate::render::evidence::claimed_named_nearby(c, &m.record)
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
                text.push_str("\n\nThe words are in the articles, outside any quote found:");
                for m in result.narration.iter().take(NARRATION_SHOWN) {
                    let words = render_text(&m.matched.text, &[], 300);
                    let label = crate::render::evidence::narration_label(m);
                    let rel = m.matched.start.saturating_sub(m.sentence.start)
                        ..m.matched.end.saturating_sub(m.sentence.start);
                    let sentence = render_text(&m.sentence.text, &[rel], 400);
                    let cite = citation(&m.source, m.paragraph, 300);
                    text.push_str(&format!("\n“{words}”: {label}\n> {sentence}\n{cite}"));
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
    let shown = shown_grouped(hits, |h| &h.record, |h| Shown::hit(h, &[]));
    let footer = nav.footer(total, if total == 1 { "quote" } else { "quotes" });
    Reply::embed(quotes_embed(&title, description, &shown, &footer)).with_components(nav.buttons())
}

/// `/sources`: a page of indexed articles.
pub fn sources(rows: &[&SourceEntry], total: usize, nav: &Nav) -> Reply {
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
