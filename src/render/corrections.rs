//! What a correction did and which corrections hold, for people: the command line's text and
//! the bot's reply.

use crate::corpus::Fix;
use crate::index::corrections::{Corrected, Reviewed};
use crate::render::discord::{self as dc, Reply};

/// "now said by Dana Fold" / "no longer a quote".
fn fix_words(fix: &Fix) -> String {
    match fix {
        Fix::Speaker(name) => format!("now said by {name}"),
        Fix::NotAQuote => "no longer a quote: it left the index".to_string(),
    }
}

/// The lines of a correction's result, without markup.
fn corrected_lines(done: &Corrected) -> Vec<String> {
    let c = &done.correction;
    let was = done
        .before
        .quote
        .speaker
        .as_deref()
        .unwrap_or("nobody (unattributed)");
    let mut out = vec![
        format!(
            "Quote {} (article {}, \u{00B6}{}): \u{201C}{}\u{201D}",
            c.id,
            c.article,
            done.before.quote.paragraph + 1,
            c.words
        ),
        match &c.fix {
            Fix::Speaker(name) if Some(name.as_str()) == done.before.quote.speaker.as_deref() => {
                format!("Confirmed: said by {name}.")
            }
            fix => format!("Was attributed to {was}; {}.", fix_words(fix)),
        },
        format!(
            "Recorded by {} at {} in the corrections file beside the corpus; every rebuild \
             applies it.",
            c.by, c.at
        ),
    ];
    if let Some(reason) = &done.rebuilt {
        out.push(format!("The index was rebuilt first: {reason}."));
    }
    out
}

/// The command line's text for `whosaid correct`.
pub fn corrected(done: &Corrected) -> String {
    let mut out = corrected_lines(done).join("\n");
    out.push('\n');
    out
}

/// The bot's reply to `/correct`.
pub fn corrected_reply(done: &Corrected) -> Reply {
    let text: Vec<String> = corrected_lines(done)
        .iter()
        .map(|l| dc::render_text(l, &[], 600))
        .collect();
    Reply::notice(&text.join("\n"))
}

/// The command line's text for `whosaid corrections`.
pub fn list(list: &[Reviewed], unreadable: &[String]) -> String {
    let mut out = String::new();
    if list.is_empty() {
        out.push_str("No corrections yet. `whosaid correct ID --speaker NAME` makes one.\n");
    }
    for (i, r) in list.iter().enumerate() {
        let c = &r.correction;
        out.push_str(&format!(
            "{}. {} \u{201C}{}\u{201D}: {}\n   article {} [bytes {}..{}] \u{00B7} by {} at {}{}\n",
            i + 1,
            c.id,
            c.words,
            fix_words(&c.fix),
            c.article,
            c.start,
            c.end,
            c.by,
            c.at,
            match r.overrides {
                0 => String::new(),
                n => format!(" \u{00B7} replaces {n} earlier"),
            }
        ));
        if r.vanished {
            out.push_str(
                "   \u{26A0} the engine no longer finds this quote (the article or the \
                 extraction changed): the correction applies to nothing\n",
            );
        }
    }
    let vanished = list.iter().filter(|r| r.vanished).count();
    if vanished > 0 {
        out.push_str(&format!(
            "\n{vanished} of {} corrections match no quote now.\n",
            list.len()
        ));
    }
    for why in unreadable {
        out.push_str(&format!(
            "unreadable line in the corrections file, left as it is: {why}\n"
        ));
    }
    out
}
