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
mod documents;
mod emit;
mod frames;
mod furniture;
mod given_names;
mod inherit;
mod knowledge;
mod layout;
mod lexicon;
mod marks;
mod mentions;
pub mod narration;
mod packed;
mod quote;
mod reported;
mod resolve;
mod sentences;
mod subject;
mod tokens;
mod window;

#[cfg(test)]
mod tests;

pub use canonical::FullNames;
/// The string type of a quote's short fields (its article, its speaker, its excerpts' words).
pub use compact_str::CompactString;
pub use knowledge::{Knowledge, KnownSpeaker};
pub use quote::{parse_quote_id, quote_id, Basis, Confidence, Excerpt, Quote, QuoteKind};

use crate::corpus::Article;
use crate::text::{paragraphs, Span};
use attribute::Found;
use coref::Entities;
pub(crate) use doc::Doc;
use emit::emit;
use inherit::inherit;
use lexicon::Lexicon;

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
    speaker: Option<CompactString>,
    entity: Option<usize>,
    /// The speaker comes from this item's own sentence.
    explicit: bool,
    /// The attribution rests on the sentence's subject alone, with no reporting verb
    /// (`X thanked him for "…"`): it holds only for a name the article knows.
    weak: bool,
    /// A fragment reported with the object a naming verb applies it to.
    framed: bool,
    /// How the speaker was found and how sure that is.
    basis: Option<Basis>,
    confidence: Option<Confidence>,
    /// Token of the name the attribution resolved to, when not the mention itself.
    antecedent: Option<usize>,
}

/// Where a window of an article (see [`window`]) lies in it.
#[derive(Debug, Clone, Copy, Default)]
struct Placement {
    /// The byte offset of the window's text, its lead included.
    base: usize,
    /// The index of the window's first paragraph among the article's.
    first_para: usize,
    /// Only quotes from this offset in the window's text on are the window's own.
    keep_from: usize,
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
        let mut out = Vec::new();
        self.extract_into(article, &mut out);
        out
    }

    /// [`Extractor::extract`], appending the quotes to `out`: many articles' quotes go
    /// straight into one list, with no list of their own to copy them from.
    pub fn extract_into(&self, article: &Article, out: &mut Vec<Quote>) {
        self.extract_windows_into(article, window::WINDOW_BYTES, window::LEAD_BYTES, out);
    }

    /// [`Extractor::extract`] in windows of `size` bytes with `lead` bytes before each.
    #[cfg(test)]
    fn extract_in_windows(&self, article: &Article, size: usize, lead: usize) -> Vec<Quote> {
        let mut out = Vec::new();
        self.extract_windows_into(article, size, lead, &mut out);
        out
    }

    /// [`Extractor::extract_into`], reading an article longer than `size` bytes in windows
    /// of about that size, each with up to `lead` bytes before it for context.
    fn extract_windows_into(
        &self,
        article: &Article,
        size: usize,
        lead: usize,
        out: &mut Vec<Quote>,
    ) {
        // (tokens hold 32-bit offsets and a narrower quote index: an article of 512 MiB or
        // more is beyond the extractor, far above any article size limit)
        if article.text.len() >= tokens::MAX_ARTICLE_BYTES {
            return;
        }
        let text = article.text.as_str();
        if text.len() <= size {
            let doc = Doc::new(text, &self.lex);
            let headline = headline_paragraphs(article, text, &doc.paras);
            self.extract_window(article, &doc, Placement::default(), headline, out);
            return;
        }
        let paras = paragraphs(text);
        let headline = headline_paragraphs(article, text, &paras);
        let quotes = marks::scan(text, &paras);
        for w in window::windows(text, &paras, &quotes, size, lead) {
            let Some(slice) = text.get(w.lead..w.end) else {
                continue;
            };
            let (local, first) = window::clip(&paras, w.lead..w.end);
            let marks = window::clip_quotes(&quotes, w.lead..w.end, first);
            let doc = Doc::with_parts(slice, local, marks, first, &self.lex);
            let at = Placement {
                base: w.lead,
                first_para: first,
                keep_from: w.start - w.lead,
            };
            self.extract_window(article, &doc, at, headline, out);
        }
    }

    /// The quotes of one window of an article (the whole of it, for all but the longest),
    /// read as `doc`, placed in the article by `at`, appended to `out`.
    fn extract_window(
        &self,
        article: &Article,
        doc: &Doc,
        at: Placement,
        headline: usize,
        out: &mut Vec<Quote>,
    ) {
        let mut lists = Lists::take();
        self.find_items(doc, &mut lists);
        let items = &mut lists.items;
        // (nothing quoted or reported: no speaker to look for, so no entities to build)
        if !items.is_empty() {
            let mut ents = Entities::build(doc);
            self.resolve(doc, &mut ents, items);
            ents.recycle();
            inherit(doc, items);
            emit(article, doc, at, headline, items, out);
        }
        lists.give_back();
    }

    /// The quotes of many articles, with speaker names made consistent across them.
    pub fn extract_all(&self, articles: &[Article]) -> Vec<Quote> {
        let mut out: Vec<Quote> = Vec::new();
        for a in articles {
            self.extract_into(a, &mut out);
        }
        canonical::unify(&mut out, &self.lex);
        out
    }

    /// Makes speaker names consistent across quotes extracted article by article (what
    /// [`Extractor::extract_all`] does after extracting), for callers that extract in parallel.
    pub fn unify_speakers(&self, quotes: &mut [Quote]) {
        canonical::unify(quotes, &self.lex);
    }

    /// [`Extractor::unify_speakers`] for one quote, given the corpus's full names gathered
    /// beforehand: for callers that stream a corpus instead of holding its quotes.
    pub fn unify_speaker(&self, names: &FullNames, quote: &mut Quote) {
        names.apply(quote, &self.lex);
    }

    /// Fills `lists.items` with the window's reports and quotes, in text order.
    fn find_items(&self, doc: &Doc, lists: &mut Lists) {
        let Lists {
            reps,
            consumed,
            items,
        } = lists;
        for s in &doc.sents {
            if !s.is_empty() && !doc.label[doc.toks[s.start].para()] {
                reported::find(doc, s.start, s.end, reps);
            }
        }
        consumed.resize(doc.quotes.len(), false);
        // (an item per report and at most one per quote)
        items.reserve(reps.len() + doc.quotes.len());
        for r in reps.drain(..) {
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
                para: doc.toks[r.toks.start].para(),
                speaker: None,
                entity: None,
                explicit: true,
                weak: false,
                framed: false,
                basis: None,
                confidence: None,
                antecedent: None,
            });
        }
        for (qi, qs) in doc.quotes.iter().enumerate() {
            if consumed[qi] || doc.label.get(qs.para).copied().unwrap_or(false) {
                continue;
            }
            let q = doc.quote_tok[qi];
            let sent = doc.sents[doc.sent_of(q)].clone();
            let tail = attribute::tail(doc, q + 1, sent.end);
            let mut kind = attribute::kind_of(doc, qi, sent.start, sent.end, tail.is_some());
            let mut found = tail
                .or_else(|| frames::set_off_name(doc, sent.start, q))
                .or_else(|| attribute::lead(doc, sent.start, q))
                .or_else(|| {
                    attribute::sentence_tail(doc, sent.start, sent.end)
                        .filter(|(c, _)| *c >= q)
                        .map(|x| x.1)
                })
                .or_else(|| frames::frame(doc, sent.start, q))
                .or_else(|| layout::after_colon_paragraph(doc, q))
                .or_else(|| layout::credit_line(doc, qi));
            let mut weak = false;
            if found.is_none() {
                found = frames::owned_words(doc, sent.start, q);
                if found.is_none() && kind == QuoteKind::Partial {
                    found = frames::stance(doc, sent.start, q);
                }
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
            // "Graham called both rivals “crazy”", "Hollande denounced the remarks as
            // “hurtful”": a fragment a naming or judging verb applies to an object is reported
            // with that object
            let mut span = Span::new(qs.start, qs.end);
            let mut framed = false;
            if kind == QuoteKind::Partial {
                if let Some(start) = found.as_ref().and_then(|f| frame_object(doc, f, q, weak)) {
                    span = Span::new(start, if qs.closed { qs.close } else { qs.end });
                    kind = QuoteKind::Mixed;
                    framed = true;
                }
            }
            // "bemoaned a climate in which people “hate each other” because they differ": a
            // fragment in the predicate of the verb that attributes it is reported with the
            // rest of that predicate
            if (kind == QuoteKind::Partial || framed)
                && found
                    .as_ref()
                    .is_some_and(|f| in_predicate(doc, f, q, weak))
            {
                let e = reported::predicate_end(doc, q, sent.end);
                if extends_quote(doc, qi, q, e) {
                    let start = if framed { span.start } else { qs.open };
                    span = Span::new(start, doc.toks[e - 1].end());
                    kind = QuoteKind::Mixed;
                    framed = true;
                }
            }
            items.push(Item {
                span,
                kind,
                explicit: found.is_some(),
                weak,
                framed,
                basis: None,
                confidence: None,
                antecedent: None,
                found,
                quote: Some(qi),
                para: qs.para,
                speaker: None,
                entity: None,
            });
        }
        items.sort_by_key(|it| (it.span.start, it.span.end));
    }
}

/// The lists of a window's reports and items, kept emptied by each thread for its next
/// window, like the document's tables.
#[derive(Default)]
struct Lists {
    reps: Vec<reported::Reported>,
    /// Whether each quote is part of a report.
    consumed: Vec<bool>,
    items: Vec<Item>,
}

thread_local! {
    static LISTS: std::cell::Cell<Lists> = std::cell::Cell::new(Lists::default());
}

impl Lists {
    /// Lists longer than this are freed rather than kept, so one long article leaves no
    /// large lists behind.
    const KEEP: usize = 1 << 12;

    /// The thread's lists, emptied (new ones if it has none).
    fn take() -> Lists {
        LISTS.try_with(std::cell::Cell::take).unwrap_or_default()
    }

    /// Hands the lists, emptied, to the thread's next window.
    fn give_back(mut self) {
        if [
            self.reps.capacity(),
            self.consumed.capacity(),
            self.items.capacity(),
        ]
        .iter()
        .any(|&n| n > Lists::KEEP)
        {
            return;
        }
        self.reps.clear();
        self.consumed.clear();
        self.items.clear();
        // (no spare is kept while the thread is ending)
        let _ = LISTS.try_with(|s| s.set(self));
    }
}

/// Where the object of a naming or judging verb starts, when the quote at token `q` is what
/// the verb calls it: `called [both rivals] "crazy"`, `hailed [the vote] as "fantastic"`,
/// `thanked [the crew] for "…"`. Only words, and at most a dozen, may stand between the verb
/// and the quote.
fn frame_object(doc: &Doc, f: &Found, q: usize, weak: bool) -> Option<usize> {
    let v = f.cue?;
    let verb = doc.toks.get(v)?;
    // (a speech noun, "her slogan is “…”", applies nothing to an object)
    let frames = verb.flags & cues::FRAG != 0 || weak && !frames::speech_noun(doc, v);
    if !frames || f.mention.toks.end > v || v + 1 >= q || q - v > 13 {
        return None;
    }
    let between = &doc.toks[v + 1..q];
    // ("as" introduces what the object is called: "hailed the vote as "…"")
    // ("dismissed that suggestion as": a demonstrative right after the verb is a determiner)
    let demonstrative = |i: usize| {
        i == v + 1
            && (doc.word_is(&doc.toks[i], "that") || doc.word_is(&doc.toks[i], "this"))
            && doc
                .toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && !n.cap() && n.flags & lexicon::CLOSED == 0)
    };
    let clean = between.iter().enumerate().all(|(o, t)| {
        t.is_word()
            && t.flags & cues::SAY == 0
            && (t.flags & lexicon::REL == 0 || demonstrative(v + 1 + o))
            && (t.flags & lexicon::SUBORD == 0 || doc.word_is(t, "as"))
    });
    // a request's addressee ("urged the government "to …"") is not what was said, and a lone
    // pronoun ("called him "a bully"") adds nothing to the words
    let infinitive = doc
        .quotes
        .get(doc.toks[q].quote()?)
        .and_then(|qs| doc.text.get(qs.start..qs.end))
        .is_some_and(|t| t.starts_with("to ") || t.starts_with("not to "));
    let pronoun =
        between.len() == 1 && between[0].flags & (lexicon::PRONOUN | lexicon::PRON_OBJ) != 0;
    (clean && !infinitive && !pronoun).then(|| doc.toks[v + 1].start())
}

/// Paragraphs the headline adds before the text: 1 when the article has a headline its
/// text does not open with (a JSONL article), 0 otherwise. The headline counts as ¶1 either
/// way, so a paragraph number means the same for a `.txt` and a `.jsonl` article (issue 11).
fn headline_paragraphs(article: &Article, text: &str, paras: &[Span]) -> usize {
    let title = article.title.trim();
    let first = paras.first().and_then(|p| p.slice(text)).map(str::trim);
    usize::from(!title.is_empty() && first != Some(title))
}

/// Is the quote at token `q` in the predicate of the verb that attributes it: the verb
/// before it, after its subject, with no other quote or clause break between them?
fn in_predicate(doc: &Doc, f: &Found, q: usize, weak: bool) -> bool {
    let Some(v) = f.cue else {
        return false;
    };
    let subject_first = f.mention.toks.end <= v || weak;
    subject_first
        && v < q
        && q - v <= 30
        && doc.toks[v + 1..q].iter().all(|t| {
            t.quote().is_none() && !t.punct().is_some_and(|c| matches!(c, ';' | ':' | '.'))
        })
}

/// Are the words `q + 1..e` after the fragment at token `q` (quote `qi`) more of what was
/// said? Not after a quote that ends its own sentence or is a title, nor a single-marked
/// one (a term inside a reported clause), and only when they are three words or more
/// besides a time ("on Tuesday").
fn extends_quote(doc: &Doc, qi: usize, q: usize, e: usize) -> bool {
    let Some(qs) = doc.quotes.get(qi) else {
        return false;
    };
    let words = doc.text.get(qs.start..qs.end).unwrap_or("");
    let ends_sentence = words.trim_end().ends_with(['.', '!', '?']);
    if qs.single || ends_sentence || title_like(words) || e <= q + 1 {
        return false;
    }
    let said = doc.toks[q + 1..e]
        .iter()
        .filter(|t| t.is_word() && t.flags & (lexicon::TIME | lexicon::MONTH | lexicon::PREP) == 0)
        .count();
    said >= 3
}

/// Every longer word capitalized, a few words at most: a title or a name, not speech.
pub(crate) fn title_like(s: &str) -> bool {
    let (mut words, mut long, mut capitalized) = (0, false, true);
    for w in s.split_whitespace() {
        words += 1;
        if words > 6 {
            return false;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            long = true;
            capitalized &= w
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase);
        }
    }
    long && capitalized
}
