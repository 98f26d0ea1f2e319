//! Turning results into text for people: the terminal today, Discord messages later.
//!
//! Every function returns a plain `String` (no printing), so tests can assert on exactly what
//! a user sees. Quotes are shown verbatim; a cut is marked with "…" outside the quoted text.

pub mod corrections;
pub mod discord;
pub mod evidence;
pub mod group;
pub mod ingest;

use crate::index::{BuildSummary, Manifest, QuoteRecord, SourceEntry, SourceInfo, SpeakerEntry};
use crate::search::{CheckResult, Hit, SearchResults, Snippet, Verdict};
use std::fmt::Write;

/// "Newstalk, “Headline”, 24 April 2018 (inferred), ¶7, article 001_f5… [bytes 638..734]"
pub fn citation(record: &QuoteRecord, span: (usize, usize)) -> String {
    let cite = source_citation(&record.source, record.quote.paragraph, span);
    if record.id.is_empty() {
        cite
    } else {
        format!("{cite} \u{00B7} id {}", record.id)
    }
}

/// The citation of words at `span` in paragraph `paragraph` (0-based) of an article.
pub fn source_citation(s: &SourceInfo, paragraph: usize, span: (usize, usize)) -> String {
    let mut out = String::new();
    out.push_str(s.outlet.as_deref().unwrap_or("unknown outlet"));
    if !s.headline.is_empty() {
        let _ = write!(out, ", \u{201C}{}\u{201D}", s.headline);
    }
    match s.published {
        Some(d) => {
            let _ = write!(out, ", {}", d.long());
        }
        None => out.push_str(", undated"),
    }
    if s.metadata_inferred {
        out.push_str(" (inferred)");
    }
    let _ = write!(
        out,
        ", \u{00B6}{}, article {} [bytes {}..{}]",
        paragraph + 1,
        s.id,
        span.0,
        span.1
    );
    out
}

/// The excerpt between quote marks, with "…" where words were left out.
pub fn quoted(snippet: &Snippet) -> String {
    format!(
        "\u{201C}{}{}{}\u{201D}",
        if snippet.cut_before { "\u{2026}" } else { "" },
        snippet.text,
        if snippet.cut_after { "\u{2026}" } else { "" }
    )
}

fn speaker(record: &QuoteRecord) -> &str {
    record.quote.speaker.as_deref().unwrap_or("(unattributed)")
}

/// One hit: rank, speaker and kind; the quote; why it names its speaker; the citation.
pub fn hit(h: &Hit) -> String {
    format!(
        "{}. {} ({})\n   {}\n{}   {}\n",
        h.rank,
        speaker(&h.record),
        h.record.quote.kind,
        quoted(&h.excerpt),
        evidence_row(&h.record),
        citation(&h.record, (h.excerpt.start, h.excerpt.end)),
    )
}

/// A quote reported by several articles: its earliest occurrence as a hit, ranked as the
/// best of them, then "also in:" the others, earliest first.
fn grouped_hit(g: &group::Grouped<'_, Hit>) -> String {
    let rank = g.also.iter().map(|h| h.rank).fold(g.first.rank, usize::min);
    let mut out = hit(g.first);
    if rank != g.first.rank {
        out = out.replacen(&format!("{}. ", g.first.rank), &format!("{rank}. "), 1);
    }
    if !g.also.is_empty() {
        let also: Vec<String> = g
            .also
            .iter()
            .map(|h| group::short_source(&h.record))
            .collect();
        let _ = writeln!(out, "   also in: {}", also.join("; "));
    }
    out
}

/// "   — Emmanuel Macron · via “The French leader said” ¶4 · medium confidence\n", or
/// nothing for an unattributed quote.
fn evidence_row(record: &QuoteRecord) -> String {
    match evidence::evidence_line(record) {
        Some(line) => format!("   \u{2014} {} \u{00B7} {line}\n", speaker(record)),
        None => String::new(),
    }
}

/// A page of search results.
pub fn search_results(r: &SearchResults) -> String {
    let mut out = String::new();
    for note in &r.notes {
        let _ = writeln!(out, "note: {note}");
    }
    if !r.speakers.is_empty() {
        let _ = writeln!(out, "speaker: {}", r.speakers.join(", "));
    }
    if r.hits.is_empty() {
        if r.page > 1 {
            let _ = writeln!(out, "No results on page {}.", r.page);
        } else {
            let _ = writeln!(out, "No quotes found for {:?}.", r.query);
        }
        return out;
    }
    for g in group::group(&r.hits, |h| &h.record) {
        out.push_str(&grouped_hit(&g));
        out.push('\n');
    }
    if r.has_more {
        let _ = writeln!(out, "More results: --page {}", r.page + 1);
    }
    out
}

/// The answer to a phrase check.
pub fn check_result(r: &CheckResult) -> String {
    let mut out = String::new();
    for note in &r.notes {
        let _ = writeln!(out, "note: {note}");
    }
    let claimed = r
        .claim
        .as_ref()
        .filter(|c| c.name.is_some())
        .map(|c| c.speakers.join(" or "));
    if let (Some(claim), Some(who)) = (&r.claim, &claimed) {
        let _ = writeln!(
            out,
            "Checking whether {who} is quoted saying \u{201C}{}\u{201D}.\n",
            claim.phrase
        );
    }
    let first_by_claimed = match (&r.claim, r.matches.first()) {
        (Some(c), Some(m)) => c.is_by(&m.record),
        _ => true,
    };
    match r.verdict {
        // a verdict ("X said it", "not from X") only on an attribution the engine is sure of;
        // otherwise the user is shown where the words are and told to look
        Verdict::Verbatim => {
            if let Some(m) = r.matches.first() {
                if evidence::confident(&m.record) {
                    let lead = match &claimed {
                        Some(who) if !first_by_claimed => {
                            format!("Found verbatim, but not from {who}")
                        }
                        _ => "Found verbatim".to_string(),
                    };
                    let _ = writeln!(
                        out,
                        "{lead}: {} said \u{201C}{}\u{201D}.\n",
                        speaker(&m.record),
                        m.matched.text
                    );
                } else {
                    let _ = writeln!(out, "{}\n", hedged(r, m, claimed.as_deref()));
                }
            }
        }
        Verdict::Close => {
            let _ = writeln!(
                out,
                "Not found verbatim. Close matches (same words, small differences){}:\n",
                match &claimed {
                    Some(who) if !first_by_claimed => format!(", none from {who}"),
                    _ => String::new(),
                }
            );
        }
        Verdict::NotFound => {
            let _ = writeln!(
                out,
                "Not found in the {} articles indexed: no quote holds these words.",
                r.articles
            );
            if !r.narration.is_empty() {
                let _ = writeln!(
                    out,
                    "\nThe words are in the articles, outside any quote the engine found:\n"
                );
                for (i, m) in r.narration.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "{}. \u{201C}{}\u{201D} \u{2014} {}\n   {}\n   {}\n",
                        i + 1,
                        m.matched.text,
                        evidence::narration_label(m),
                        m.sentence
                            .text
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        source_citation(&m.source, m.paragraph, (m.matched.start, m.matched.end))
                    );
                }
            }
        }
    }
    for (i, g) in group::group(&r.matches, |m| &m.record).iter().enumerate() {
        let m = g.first;
        let label = if m.verbatim {
            "verbatim".to_string()
        } else {
            format!("{:.0}% similar", m.similarity * 100.0)
        };
        let _ = writeln!(
            out,
            "{}. {} ({}, {})\n   \u{201C}{}\u{201D}\n   in: {}\n   sentence: {}\n{}   {}\n",
            i + 1,
            speaker(&m.record),
            m.record.quote.kind,
            label,
            m.matched.text,
            quote_line(&m.record),
            evidence::sentence_around(&m.record, (m.matched.start, m.matched.end), 300),
            evidence_row(&m.record),
            citation(&m.record, (m.matched.start, m.matched.end)),
        );
        if !g.also.is_empty() {
            let also: Vec<String> = g
                .also
                .iter()
                .map(|m| group::short_source(&m.record))
                .collect();
            // (the blank line that ends the match moves after this one)
            out.pop();
            let _ = writeln!(out, "   also in: {}\n", also.join("; "));
        }
    }
    if !r.nearest.is_empty() {
        match &claimed {
            Some(who) => {
                let _ = writeln!(out, "\nNearest quotes of {who}:\n");
            }
            None => {
                let _ = writeln!(out, "\nNearest quotes:\n");
            }
        }
        for h in &r.nearest {
            out.push_str(&hit(h));
            out.push('\n');
        }
    }
    out
}

/// The answer when the words are found but their attribution is not sure: where they are,
/// whom the engine attributes them to and why, and whether the claimed speaker is named near
/// them — a pointer to look, not a verdict.
fn hedged(r: &CheckResult, m: &crate::search::PhraseMatch, claimed: Option<&str>) -> String {
    let outlet = m.record.source.outlet.as_deref().unwrap_or("an article");
    let why = evidence::evidence_line(&m.record).unwrap_or_default();
    let mut out = format!(
        "Found verbatim in {outlet} (\u{201C}{}\u{201D}), attributed to {} ({why}). \
         Read the sentence before relying on the attribution:\n   {}",
        m.record.source.headline,
        speaker(&m.record),
        evidence::sentence_around(&m.record, (m.matched.start, m.matched.end), 400)
    );
    if let (Some(who), Some(claim)) = (claimed, &r.claim) {
        out.push_str(&if evidence::claimed_named_nearby(claim, &m.record) {
            format!("\n{who} is named in the same paragraph.")
        } else {
            format!("\n{who} is not named in that paragraph.")
        });
    }
    out
}

/// The whole quote, shortened to a line.
fn quote_line(record: &QuoteRecord) -> String {
    let cut = crate::search::text::cut(&record.quote.text, 200, None);
    format!(
        "\u{201C}{}{}{}\u{201D}",
        if cut.cut_before { "\u{2026}" } else { "" },
        &record.quote.text[cut.start..cut.end],
        if cut.cut_after { "\u{2026}" } else { "" }
    )
}

/// The speakers table.
pub fn speakers(list: &[&SpeakerEntry]) -> String {
    if list.is_empty() {
        return "No speakers found.\n".into();
    }
    let mut out = format!("{:>6}  {:>8}  speaker\n", "quotes", "articles");
    for s in list {
        let _ = write!(out, "{:>6}  {:>8}  {}", s.quotes, s.articles, s.name);
        if !s.forms.is_empty() {
            let _ = write!(out, "  (also: {})", s.forms.join(", "));
        }
        if !s.roles.is_empty() {
            let _ = write!(out, "  [described as: {}]", s.roles.join(", "));
        }
        out.push('\n');
    }
    out
}

/// The sources table.
pub fn sources(list: &[SourceEntry]) -> String {
    if list.is_empty() {
        return "No articles indexed.\n".into();
    }
    let mut out = format!(
        "{:>6}  {:<10}  {:<16}  article / headline\n",
        "quotes", "date", "outlet"
    );
    for s in list {
        let date = s
            .info
            .published
            .map_or_else(|| "-".to_string(), |d| d.to_string());
        let _ = writeln!(
            out,
            "{:>6}  {:<10}  {:<16}  {}  {}",
            s.quotes,
            date,
            s.info.outlet.as_deref().unwrap_or("-"),
            s.info.id,
            s.info.headline
        );
    }
    out
}

/// `whosaid collections`: each collection with its article and quote counts.
pub fn collections(list: &[crate::index::CollectionEntry]) -> String {
    let mut out = format!("{:>8}  {:>7}  collection\n", "articles", "quotes");
    for c in list {
        let _ = writeln!(out, "{:>8}  {:>7}  {}", c.articles, c.quotes, c.name);
    }
    out
}

/// The summary of an index build.
pub fn build_summary(s: &BuildSummary) -> String {
    let mut out = format!(
        "Indexed {} articles: {} quotes by {} speakers in {:.1} s ({}).\n",
        s.articles,
        s.quotes,
        s.speakers,
        s.seconds,
        s.dir.display()
    );
    if s.rejected_quotes > 0 {
        let _ = writeln!(
            out,
            "Left out {} quotes whose offsets did not fit their article.",
            s.rejected_quotes
        );
    }
    if !s.skipped.is_empty() {
        let _ = writeln!(out, "Skipped {} inputs:", s.skipped.len());
        for line in s.skipped.iter().take(20) {
            let _ = writeln!(out, "  {line}");
        }
        if s.skipped.len() > 20 {
            let _ = writeln!(out, "  … and {} more", s.skipped.len() - 20);
        }
    }
    if !s.warnings.is_empty() {
        let _ = writeln!(out, "{} articles loaded with warnings:", s.warnings.len());
        for line in s.warnings.iter().take(20) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// One line on an index that was current.
pub fn index_status(m: &Manifest) -> String {
    format!(
        "Index is up to date: {} articles, {} quotes, {} speakers.\n",
        m.articles, m.quotes, m.speakers
    )
}

/// What `whosaid index --verify` found.
pub fn verify_report(dir: &std::path::Path, r: &crate::index::VerifyReport) -> String {
    if r.is_sound() {
        return format!(
            "The index in {} is sound: {} files match their checksums or read through.\n",
            dir.display(),
            r.sound
        );
    }
    let mut out = format!(
        "The index in {} has {} damaged or missing file(s) ({} sound):\n",
        dir.display(),
        r.problems.len(),
        r.sound
    );
    for p in &r.problems {
        out.push_str(&format!("  {}: {}\n", p.file.display(), p.problem));
    }
    out
}
