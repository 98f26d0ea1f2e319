//! The extractor's last step: which of a window's items become quotes, and each one's
//! citation (its words, mention, cue and antecedent, placed in the article).
//!
//! Kept apart from the finding and resolving of items because it is the one step that
//! allocates per quote: items are read where they lie, never moved, and only what a quote
//! keeps is copied into it.

use super::{cues, resolve, Doc, Excerpt, Item, Placement, Quote, QuoteKind};
use crate::corpus::Article;
use crate::text::{paragraph_of, Span};

/// Appends to `out` the quotes of `items`, a window's items in text order, whose speakers
/// are resolved (each item's speaker is taken from it).
pub(super) fn emit(
    article: &Article,
    doc: &Doc,
    at: Placement,
    headline: usize,
    items: &mut [Item],
    out: &mut Vec<Quote>,
) {
    out.reserve(items.len());
    for it in items {
        if keeps(doc, it, at) {
            if let Some(q) = quote_of(article, doc, at, headline, it) {
                out.push(q);
            }
        }
    }
}

/// Is item `it` a quote of the window's own, and not a title or scare quote?
fn keeps(doc: &Doc, it: &Item, at: Placement) -> bool {
    let unattributed = it.speaker.is_none();
    // (the window's lead is context: its quotes are the window before's)
    it.span.start >= at.keep_from
        // a fragment nobody is said to have said is a scare quote or a title
        // (nor one a naming verb was thought to apply, when nobody turned out to say it)
        && !((it.kind == QuoteKind::Partial || it.weak || it.framed) && unattributed)
        // a heading pulled from the text is speech only where the prose quotes it again
        && !(unattributed && doc.pulled.get(it.para).copied().unwrap_or(false))
        // "Hitler", "Friends fear": a short quote nobody is said to have said is a title
        && !(unattributed
            && !it.explicit
            && doc.text.get(it.span.range()).is_some_and(|t| {
                t.split_whitespace().take(3).count() <= 2 || super::title_like(t)
            }))
        // "Face the Nation", "WASHED AWAY": a capitalized fragment is a title (not one a
        // reporting verb introduces: "X said, “Probably.”")
        && !(it.kind == QuoteKind::Partial
            && !it.quote.is_some_and(|qi| introduced(doc, qi))
            && doc.text.get(it.span.range()).is_some_and(super::title_like))
}

/// The quote of item `it`, cited in the article, its speaker taken from the item; `None`
/// when its span is not on character boundaries.
fn quote_of(
    article: &Article,
    doc: &Doc,
    at: Placement,
    headline: usize,
    it: &mut Item,
) -> Option<Quote> {
    let text = doc.text.get(it.span.range())?;
    let found = it.found.as_ref().filter(|_| it.explicit);
    let mention = found
        .map(|f| Span::new(f.mention.start(doc), f.mention.end(doc)))
        .filter(|m| m.len() <= resolve::MAX_ATTRIBUTION_BYTES)
        .and_then(|m| Excerpt::of(doc.text, m))
        .map(|e| e.shifted(at.base));
    let cue = found
        .and_then(|f| {
            let v = f.cue?;
            let t = doc.toks.get(v)?;
            let end = if t.is(cues::ACCORDING) {
                doc.toks.get(v + 1).map_or(t.end(), |n| n.end())
            } else {
                t.end()
            };
            Excerpt::of(doc.text, Span::new(t.start(), end))
        })
        .map(|e| e.shifted(at.base));
    let known = it.speaker.is_some();
    let antecedent = it
        .antecedent
        .filter(|_| known)
        .map(|a| resolve::name_span(doc, a))
        .filter(|a| a.len() <= resolve::MAX_ATTRIBUTION_BYTES)
        .and_then(|a| Excerpt::of(doc.text, a))
        .map(|e| e.shifted(at.base))
        .filter(|a| mention.as_ref().is_none_or(|m| m.span() != a.span()));
    Some(Quote {
        article: article.id.as_str().into(),
        start: it.span.start + at.base,
        end: it.span.end + at.base,
        text: text.to_string(),
        kind: it.kind,
        speaker: it.speaker.take(),
        mention,
        cue,
        paragraph: paragraph_of(&doc.paras, it.span.start) + at.first_para + headline,
        basis: it.basis.filter(|_| known),
        confidence: it.confidence.filter(|_| known),
        antecedent,
    })
}

/// Does a reporting verb and a comma or colon introduce quote `qi` ("asked, “Really?”")?
fn introduced(doc: &Doc, qi: usize) -> bool {
    let Some(&q) = doc.quote_tok.get(qi) else {
        return false;
    };
    q >= 2
        && doc.toks[q - 1]
            .punct()
            .is_some_and(|c| c == ',' || c == ':')
        && doc.toks[q - 2].flags & (cues::SAY | cues::TAIL) != 0
        && !doc.toks[q - 2].cap()
}
