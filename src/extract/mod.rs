//! Quote extraction: who said what, in any English news article.
//!
//! Pure and deterministic: text in, [`Quote`]s out, no I/O. The engine is rule-based; it
//! knows English quotation layout and reporting verbs, not the people in the news. What is
//! known about people (aliases, roles) comes in as [`Knowledge`], which is optional.
//!
//! The pipeline, one article at a time:
//! 1. [`marks`] pairs quote marks into quoted spans, paragraph by paragraph;
//! 2. [`tokens`] tokenizes the reporter's words around them, [`sentences`] splits those;
//! 3. [`coref`] collects the names the article uses, their roles and genders;
//! 4. [`reported`] finds reported speech, [`attribute`] attributes each quotation through
//!    its layout ([`cues`] lists reporting verbs, [`mentions`] reads speaker phrases);
//! 5. quotes without an attribution of their own inherit one from their context, and every
//!    speaker mention resolves to a canonical name ([`canonical`] does so across articles).

mod attribute;
mod canonical;
mod coref;
mod cues;
mod doc;
mod given_names;
mod knowledge;
mod layout;
mod lexicon;
mod marks;
mod mentions;
mod quote;
mod reported;
mod sentences;
mod tokens;

#[cfg(test)]
mod tests;

pub use knowledge::{Knowledge, KnownSpeaker};
pub use quote::{Excerpt, Quote, QuoteKind};

use crate::corpus::Article;
use crate::text::{paragraph_of, Span};
use attribute::Found;
use coref::Entities;
pub(crate) use doc::Doc;
use lexicon::Lexicon;
use mentions::{MKind, Mention};

/// Finds and attributes the quotations of articles.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    knowledge: Knowledge,
    lex: Lexicon,
}

/// A quotation found, before its speaker is resolved.
struct Item {
    span: Span,
    kind: QuoteKind,
    found: Option<Found>,
    /// The quote it is, for direct and partial quotes.
    quote: Option<usize>,
    para: usize,
    speaker: Option<String>,
    entity: Option<usize>,
    /// The speaker comes from this item's own sentence.
    explicit: bool,
    /// The attribution rests on the sentence's subject alone, with no reporting verb
    /// (`X thanked him for "…"`): it holds only for a name the article knows.
    weak: bool,
}

impl Extractor {
    pub fn new(knowledge: Knowledge) -> Self {
        Extractor {
            knowledge,
            lex: Lexicon::new(),
        }
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// The quotes of one article, in text order.
    pub fn extract(&self, article: &Article) -> Vec<Quote> {
        let doc = Doc::new(&article.text, &self.lex);
        let mut ents = Entities::build(&doc);
        let mut items = self.find_items(&doc);
        self.resolve(&doc, &mut ents, &mut items);
        inherit(&doc, &mut items);
        items
            .into_iter()
            // a fragment nobody is said to have said is a scare quote or a title
            .filter(|it| !(it.kind == QuoteKind::Partial && it.speaker.is_none()))
            // "Hitler", "Friends fear": a short quote nobody is said to have said is a title
            .filter(|it| {
                !(it.speaker.is_none()
                    && !it.explicit
                    && doc
                        .text
                        .get(it.span.range())
                        .is_some_and(|t| t.split_whitespace().count() <= 2 || title_like(t)))
            })
            // "Face the Nation", "WASHED AWAY": a capitalized fragment is a title
            .filter(|it| {
                !(it.kind == QuoteKind::Partial
                    && doc.text.get(it.span.range()).is_some_and(title_like))
            })
            .filter_map(|it| {
                let text = doc.text.get(it.span.range())?;
                let mention = it
                    .found
                    .as_ref()
                    .filter(|_| it.explicit)
                    .and_then(|f| Excerpt::of(doc.text, mention_span(&doc, &f.mention)));
                let cue = it.found.as_ref().filter(|_| it.explicit).and_then(|f| {
                    let v = f.cue?;
                    let t = doc.toks.get(v)?;
                    let end = if t.is(cues::ACCORDING) {
                        doc.toks.get(v + 1).map_or(t.end, |n| n.end)
                    } else {
                        t.end
                    };
                    Excerpt::of(doc.text, Span::new(t.start, end))
                });
                Some(Quote {
                    article: article.id.clone(),
                    start: it.span.start,
                    end: it.span.end,
                    text: text.to_string(),
                    kind: it.kind,
                    speaker: it.speaker,
                    mention,
                    cue,
                    paragraph: paragraph_of(&doc.paras, it.span.start),
                })
            })
            .collect()
    }

    /// The quotes of many articles, with speaker names made consistent across them.
    pub fn extract_all(&self, articles: &[Article]) -> Vec<Quote> {
        let mut out: Vec<Quote> = articles.iter().flat_map(|a| self.extract(a)).collect();
        canonical::unify(&mut out);
        out
    }

    /// Makes speaker names consistent across quotes extracted article by article (what
    /// [`Extractor::extract_all`] does after extracting), for callers that extract in parallel.
    pub fn unify_speakers(quotes: &mut [Quote]) {
        canonical::unify(quotes);
    }

    fn find_items(&self, doc: &Doc) -> Vec<Item> {
        let mut reps = Vec::new();
        for s in &doc.sents {
            if !s.is_empty() && !doc.label[doc.toks[s.start].para] {
                reported::find(doc, s.start, s.end, &mut reps);
            }
        }
        let mut consumed = vec![false; doc.quotes.len()];
        let mut items = Vec::new();
        for r in reps {
            for &q in &r.consumed {
                if let Some(c) = consumed.get_mut(q) {
                    *c = true;
                }
            }
            let span = doc.bytes(r.toks.clone());
            items.push(Item {
                span,
                kind: r.kind,
                found: Some(r.found),
                quote: None,
                para: doc.toks[r.toks.start].para,
                speaker: None,
                entity: None,
                explicit: true,
                weak: false,
            });
        }
        for (qi, qs) in doc.quotes.iter().enumerate() {
            if consumed[qi] || doc.label.get(qs.para).copied().unwrap_or(false) {
                continue;
            }
            let q = doc.quote_tok[qi];
            let sent = doc.sents[doc.sent_of[q]].clone();
            let tail = attribute::tail(doc, q + 1, sent.end);
            let mut kind = attribute::kind_of(doc, qi, sent.start, sent.end, tail.is_some());
            let mut found = tail
                .or_else(|| attribute::lead(doc, sent.start, q))
                .or_else(|| {
                    attribute::sentence_tail(doc, sent.start, sent.end)
                        .filter(|(c, _)| *c >= q)
                        .map(|x| x.1)
                })
                .or_else(|| attribute::frame(doc, sent.start, q))
                .or_else(|| layout::after_colon_paragraph(doc, q))
                .or_else(|| layout::credit_line(doc, qi));
            let mut weak = false;
            if found.is_none() && kind == QuoteKind::Partial {
                found = attribute::stance(doc, sent.start, q);
                weak = found.is_some();
            }
            // "“I know how they feel,” said Roe, “but I want to beat them.”": the second half
            // of a split quote has the first half's attribution and kind
            if found.is_none() {
                if let Some((f, first)) = layout::split_half(doc, q, sent.start) {
                    let first_kind = items
                        .iter()
                        .rev()
                        .find(|it: &&Item| it.quote == Some(first))
                        .map(|it| it.kind);
                    if let Some(k) = first_kind {
                        kind = k;
                    }
                    found = Some(f);
                }
            }
            items.push(Item {
                span: Span::new(qs.start, qs.end),
                kind,
                explicit: found.is_some(),
                weak,
                found,
                quote: Some(qi),
                para: qs.para,
                speaker: None,
                entity: None,
            });
        }
        items.sort_by_key(|it| (it.span.start, it.span.end));
        items
    }

    /// Resolves every explicit mention to a canonical speaker, in text order.
    fn resolve(&self, doc: &Doc, ents: &mut Entities, items: &mut [Item]) {
        for i in 0..items.len() {
            let Some(f) = items[i].found.clone() else {
                continue;
            };
            let m = &f.mention;
            let at = m.toks.start;
            let (speaker, entity) = match m.kind {
                MKind::Name
                    if doc.toks[m.toks.start].is(lexicon::DET)
                        && !doc.toks[m.toks.start].cap
                        && ents.resolve_nominal(doc, m.toks.clone(), at).is_some() =>
                {
                    let e = ents.resolve_nominal(doc, m.toks.clone(), at);
                    (e.map(|e| ents.list[e].name.clone()), e)
                }
                // "RED STATES OUTNUMBER BLUE STATES": a headline in capitals is nobody
                MKind::Name if shouted(doc.span_text(m.name.clone())) => (None, None),
                MKind::Name => match ents.of_name(doc, m.name.clone()) {
                    Some(e) => (Some(ents.list[e].name.clone()), Some(e)),
                    None if items[i].weak => (None, None),
                    None => (Some(doc.span_text(m.name.clone()).to_string()), None),
                },
                MKind::Pronoun(flag) if flag & (lexicon::PRON_M | lexicon::PRON_F) != 0 => {
                    // the words "…, he said" reports name others, not him
                    let own = doc.toks.partition_point(|t| t.start < items[i].span.start)
                        ..doc.toks.partition_point(|t| t.start < items[i].span.end);
                    match ents.resolve_pronoun_outside(doc, at, flag, own) {
                        Some(e) => (Some(ents.list[e].name.clone()), Some(e)),
                        None => (None, None),
                    }
                }
                MKind::Pronoun(flag) => {
                    // "they", "it", "we": the last body or group that spoke nearby
                    let para = items[i].para;
                    let prev = items[..i].iter().rev().find(|p| {
                        p.speaker.is_some()
                            && p.para + 2 >= para
                            && p.found.as_ref().is_some_and(|f| {
                                matches!(f.mention.kind, MKind::Nominal)
                                    || f.mention.kind == MKind::Name
                                        && p.entity.is_none_or(|e| !ents.list[e].is_person())
                            })
                    });
                    let item = prev.map(|p| (p.span.start, p.speaker.clone(), p.entity));
                    let subject = body_subject(doc, ents, at, flag);
                    match (item, subject) {
                        (Some(a), Some(b)) if b.0 > a.0 => (b.1, b.2),
                        (Some(a), _) => (a.1, a.2),
                        (None, Some(b)) => (b.1, b.2),
                        (None, None) => (None, None),
                    }
                }
                // "her statement read": the owner of the document speaks
                MKind::Nominal
                    if doc.toks[m.toks.start].is(lexicon::POSS)
                        && is_document(doc.word(m.toks.end - 1))
                        && matches!(
                            doc.word(m.toks.start).to_ascii_lowercase().as_str(),
                            "his" | "her"
                        )
                        && m.toks.len() <= 3 =>
                {
                    let flag = if doc.word(m.toks.start).eq_ignore_ascii_case("his") {
                        lexicon::PRON_M
                    } else {
                        lexicon::PRON_F
                    };
                    match ents.resolve_pronoun(doc, at, flag, None) {
                        Some(e) => (Some(ents.list[e].name.clone()), Some(e)),
                        None => (
                            Some(strip_article(doc.span_text(m.toks.clone())).to_string()),
                            None,
                        ),
                    }
                }
                MKind::Nominal => match ents.resolve_nominal(doc, m.toks.clone(), at) {
                    Some(e) => (Some(ents.list[e].name.clone()), Some(e)),
                    None => {
                        let text = doc.span_text(m.toks.clone());
                        match coref::known_role(&self.knowledge, text) {
                            Some(n) => (Some(n), None),
                            None => match ents.definite(doc, m.toks.clone(), at) {
                                Some(e) => (Some(ents.list[e].name.clone()), Some(e)),
                                None => (Some(strip_article(text).to_string()), None),
                            },
                        }
                    }
                },
            };
            let speaker = speaker.map(|s| coref::known_name(&self.knowledge, &s).unwrap_or(s));
            if let Some(e) = entity {
                // the speaker becomes the most recent subject for later pronouns
                let pos = ents.refs.partition_point(|r| r.tok < at);
                ents.refs.insert(
                    pos,
                    coref::NameRef {
                        tok: at,
                        entity: e,
                        subject: true,
                        modifier: false,
                    },
                );
            }
            items[i].speaker = speaker;
            items[i].entity = entity;
        }
    }
}

/// The body or group a "they"/"it" at token `at` most likely stands for: the subject of
/// one of the few sentences before it, when that subject is an organisation or a group.
fn body_subject(
    doc: &Doc,
    ents: &Entities,
    at: usize,
    flag: u64,
) -> Option<(usize, Option<String>, Option<usize>)> {
    let s = *doc.sent_of.get(at)?;
    let para = doc.toks[at].para;
    for si in (s.saturating_sub(3)..=s).rev() {
        let r = doc.sents[si].clone();
        if r.is_empty() || doc.toks[r.start].para + 2 < para {
            break;
        }
        let Some(m) = attribute::sentence_subject(doc, r.start, r.end.min(at)) else {
            continue;
        };
        if m.toks.start >= at {
            continue;
        }
        let head = &doc.toks[m.toks.end - 1];
        let plural = doc.word(m.toks.end - 1).ends_with('s');
        if flag & lexicon::PRON_IT != 0 && plural {
            continue;
        }
        let pos = doc.toks[m.toks.start].start;
        match m.kind {
            MKind::Nominal if head.flags & lexicon::SOURCE != 0 => {
                let text = strip_article(doc.span_text(m.toks.clone())).to_string();
                return Some((pos, Some(text), None));
            }
            MKind::Name => {
                if let Some(e) = ents.of_name(doc, m.name.clone()) {
                    if !ents.list[e].is_person() {
                        return Some((pos, Some(ents.list[e].name.clone()), Some(e)));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Two words or more, all in capitals.
fn shouted(s: &str) -> bool {
    s.split_whitespace().count() >= 2
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 6
        && !s.chars().any(char::is_lowercase)
}

/// Nouns for what a person writes or issues ("her statement read").
pub(crate) fn is_document(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "statement"
            | "letter"
            | "post"
            | "tweet"
            | "email"
            | "e-mail"
            | "release"
            | "memo"
            | "note"
            | "blog"
            | "message"
            | "website"
            | "account"
            | "column"
            | "book"
            | "decision"
            | "ruling"
            | "affidavit"
            | "filing"
            | "testimony"
            | "speech"
            | "remarks"
            | "report"
            | "op-ed"
            | "essay"
            | "memoir"
            | "submission"
    )
}

/// Every longer word capitalized, a few words at most: a title or a name, not speech.
fn title_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    words.len() <= 6
        && !long.is_empty()
        && long.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
}

fn strip_article(s: &str) -> &str {
    for p in ["the ", "The "] {
        if let Some(rest) = s.strip_prefix(p) {
            return rest;
        }
    }
    s
}

fn mention_span(doc: &Doc, m: &Mention) -> Span {
    Span::new(m.start(doc), m.end(doc))
}

/// Quotes with no attribution of their own take one from their context: the quote they
/// continue, the quote or report before them in the paragraph, the one after it, or, for a
/// paragraph that is only a quote, the last speaker before it.
fn inherit(doc: &Doc, items: &mut [Item]) {
    // chains of paragraphs of one quotation share their speaker, wherever it is named
    let by_quote: Vec<Option<usize>> = {
        let mut v = vec![None; doc.quotes.len()];
        for (i, it) in items.iter().enumerate() {
            if let Some(q) = it.quote {
                if let Some(x) = v.get_mut(q) {
                    *x = Some(i);
                }
            }
        }
        v
    };
    for _ in 0..2 {
        for q in 0..doc.quotes.len() {
            if !doc.quotes[q].cont_next {
                continue;
            }
            let (Some(a), Some(b)) = (by_quote[q], by_quote.get(q + 1).copied().flatten()) else {
                continue;
            };
            if items[a].speaker.is_some() && items[b].speaker.is_none() {
                items[b].speaker = items[a].speaker.clone();
                items[b].entity = items[a].entity;
            } else if items[b].speaker.is_some() && items[a].speaker.is_none() {
                items[a].speaker = items[b].speaker.clone();
                items[a].entity = items[b].entity;
            }
        }
    }
    let n = items.len();
    // a quote repeated elsewhere (a subheading) has the speaker it has there
    let norm = |s: &str| {
        s.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut said: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (j, it) in items.iter().enumerate() {
        if it.speaker.is_some() && it.span.len() < 400 {
            if let Some(t) = doc.text.get(it.span.range()) {
                said.entry(norm(t)).or_insert(j);
            }
        }
    }
    for i in 0..n {
        if items[i].speaker.is_some() || items[i].span.len() >= 400 {
            continue;
        }
        let Some(t) = doc.text.get(items[i].span.range()) else {
            continue;
        };
        let key = norm(t);
        if key.len() < 8 {
            continue;
        }
        if let Some(&j) = said.get(&key) {
            items[i].speaker = items[j].speaker.clone();
            items[i].entity = items[j].entity;
        }
    }
    for i in 0..n {
        if items[i].speaker.is_some()
            || items[i].quote.is_none()
            || items[i].kind == QuoteKind::Partial
        {
            continue;
        }
        let para = items[i].para;
        // same paragraph, before
        let prev = (0..i)
            .rev()
            .find(|&j| items[j].speaker.is_some() && items[j].para == para);
        // same paragraph, after, with its own attribution
        let next = (i + 1..n)
            .take_while(|&j| items[j].para == para)
            .find(|&j| items[j].speaker.is_some() && items[j].explicit);
        // a paragraph that opens with the quote continues the previous speaker
        let opens_para = items[i]
            .quote
            .and_then(|q| doc.quotes.get(q))
            .is_some_and(|q| doc.paras.get(q.para).is_some_and(|p| p.start + 3 >= q.open));
        let floating = if opens_para {
            (0..i)
                .rev()
                .find(|&j| items[j].speaker.is_some())
                .filter(|&j| items[j].para + 2 >= para)
        } else {
            None
        };
        if let Some(j) = prev.or(next).or(floating) {
            items[i].speaker = items[j].speaker.clone();
            items[i].entity = items[j].entity;
        }
    }
}
