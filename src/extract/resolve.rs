//! Who each attribution names: a mention at a cue resolved to a canonical speaker (names
//! through the article's entities, pronouns to their antecedents, descriptions through the
//! roles the article gives, documents to their authors). Quotes without an attribution of
//! their own inherit one afterwards ([`super::inherit`]).

use super::coref::{self, Entities};
use super::documents::{document_author, is_document};
use super::mentions::MKind;
use super::{attribute, lexicon, Basis, Confidence, Doc, Extractor, Item};
use compact_str::CompactString;

impl Extractor {
    /// Resolves every explicit mention to a canonical speaker, in text order.
    pub(super) fn resolve(&self, doc: &Doc, ents: &mut Entities, items: &mut [Item]) {
        let mut past = Past::new(items, ents.list.len());
        let mut cursor = 0;
        for i in 0..items.len() {
            if i > 0 {
                past.add(ents, items, i - 1);
            }
            let Some(f) = items[i].found.clone() else {
                continue;
            };
            let m = &f.mention;
            let at = m.toks.start;
            // (items come in text order: their tokens are found from the last item's)
            let first = partition_from(&doc.toks, cursor, |t| t.start() < items[i].span.start);
            let own = first..partition_from(&doc.toks, first, |t| t.start() < items[i].span.end);
            cursor = first;
            let mut via = Via::Named;
            // a description's author (for a document) and its head before any of-phrase,
            // worked out once for the arms below
            let author = (m.kind == MKind::Nominal && is_document(doc.word(m.toks.end - 1)))
                .then(|| document_author(doc, ents, m))
                .flatten();
            let core = nominal_core(doc, m);
            let (speaker, entity): (Option<CompactString>, Option<usize>) = match m.kind {
                MKind::Name
                    if doc.toks[m.toks.start].is(lexicon::DET)
                        && !doc.toks[m.toks.start].cap()
                        && ents.resolve_nominal(doc, m.toks.clone(), at).is_some() =>
                {
                    via = Via::Roles;
                    let e = ents.resolve_nominal(doc, m.toks.clone(), at);
                    (e.map(|e| ents.list[e].name(doc.text).into()), e)
                }
                // "RED STATES OUTNUMBER BLUE STATES": a headline in capitals is nobody
                MKind::Name if shouted(doc.span_text(m.name.clone())) => (None, None),
                MKind::Name => match ents.of_name(doc, m.name.clone()) {
                    Some(e) => (Some(ents.list[e].name(doc.text).into()), Some(e)),
                    None if items[i].weak => (None, None),
                    None => (Some(doc.span_text(m.name.clone()).into()), None),
                },
                MKind::Pronoun(flag) if flag & (lexicon::PRON_M | lexicon::PRON_F) != 0 => {
                    // the words "…, he said" reports name others, not him
                    via = Via::Pronoun(flag);
                    match ents.resolve_pronoun_outside(doc, at, flag, own.clone()) {
                        Some(e) => (Some(ents.list[e].name(doc.text).into()), Some(e)),
                        None => (None, None),
                    }
                }
                MKind::Pronoun(flag) => {
                    // "they", "it", "we": the last body or group that spoke nearby
                    via = Via::Body;
                    let prev = past.body(items, items[i].para).map(|j| &items[j]);
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
                            lexicon::ascii_lower(doc.word(m.toks.start), &mut [0; 32]),
                            "his" | "her"
                        )
                        && m.toks.len() <= 3 =>
                {
                    let flag = if doc.word(m.toks.start).eq_ignore_ascii_case("his") {
                        lexicon::PRON_M
                    } else {
                        lexicon::PRON_F
                    };
                    via = Via::Pronoun(flag);
                    match ents.resolve_pronoun(doc, at, flag, None) {
                        Some(e) => (Some(ents.list[e].name(doc.text).into()), Some(e)),
                        None => (
                            Some(strip_article(doc.span_text(m.toks.clone())).into()),
                            None,
                        ),
                    }
                }
                // "A statement said", "the report said": the document's author speaks
                MKind::Nominal if author.is_some() => {
                    via = Via::Document;
                    (author.map(|e| ents.list[e].name(doc.text).into()), author)
                }
                // "the former sergeant-at-arms of the House of Commons": the head is before "of"
                MKind::Nominal if core.len() < m.toks.len() => {
                    let by_role = ents.resolve_nominal(doc, core.clone(), at);
                    via = if by_role.is_some() {
                        Via::Roles
                    } else {
                        Via::Focus
                    };
                    let e = by_role.or_else(|| ents.definite(doc, core, at));
                    if e.is_none() {
                        via = Via::AsWritten;
                    }
                    match e {
                        Some(e) => (Some(ents.list[e].name(doc.text).into()), Some(e)),
                        None => (
                            Some(strip_article(doc.span_text(m.toks.clone())).into()),
                            None,
                        ),
                    }
                }
                MKind::Nominal => match ents.resolve_nominal(doc, m.toks.clone(), at) {
                    Some(e) => {
                        via = Via::Roles;
                        (Some(ents.list[e].name(doc.text).into()), Some(e))
                    }
                    None => {
                        let text = doc.span_text(m.toks.clone());
                        match coref::known_role(&self.knowledge, text) {
                            Some(n) => {
                                via = Via::Knowledge;
                                (Some(n.into()), None)
                            }
                            None => match ents.definite(doc, m.toks.clone(), at) {
                                Some(e) => {
                                    via = Via::Focus;
                                    (Some(ents.list[e].name(doc.text).into()), Some(e))
                                }
                                None => {
                                    via = Via::AsWritten;
                                    (Some(strip_article(text).into()), None)
                                }
                            },
                        }
                    }
                },
            };
            let speaker = speaker.map(|s| match coref::known_name(&self.knowledge, &s) {
                Some(k) if k != s => {
                    if via == Via::Named {
                        via = Via::Knowledge;
                    }
                    k.into()
                }
                _ => s,
            });
            if let Some(e) = entity {
                // the speaker becomes the most recent subject for later pronouns
                ents.add_speaker_ref(at, e);
            }
            // an attribution by the sentence's subject alone holds only for a person or a body
            if items[i].weak && entity.is_none_or(|e| !ents.list[e].may_speak()) {
                continue;
            }
            let before = past.last_by(entity).map(|j| &items[j]);
            let (basis, confidence, antecedent) =
                evidence(doc, ents, via, entity, at, own, items[i].weak, before);
            // a speaker of hundreds of bytes is no person's or body's name or description,
            // and every quote it is carried to would copy it
            if speaker
                .as_ref()
                .is_some_and(|s| s.len() > MAX_ATTRIBUTION_BYTES)
            {
                continue;
            }
            items[i].basis = Some(basis);
            items[i].confidence = Some(confidence);
            items[i].antecedent = antecedent;
            items[i].speaker = speaker;
            items[i].entity = entity;
        }
    }
}

/// `v.partition_point(pred)`, searched outward from index `hint` in steps that double: as
/// fast as a binary search, and touching only memory near `hint` when the answer is near it.
fn partition_from<T>(v: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    let n = v.len();
    let hint = hint.min(n);
    let (lo, hi) = if hint < n && pred(&v[hint]) {
        // everything up to `hint` holds: the answer is after it
        let (mut lo, mut step) = (hint + 1, 1);
        loop {
            let probe = hint + step;
            if probe >= n {
                break (lo, n);
            }
            if !pred(&v[probe]) {
                break (lo, probe);
            }
            lo = probe + 1;
            step *= 2;
        }
    } else {
        // nothing from `hint` on holds: the answer is at or before it
        let (mut hi, mut step) = (hint, 1);
        loop {
            if step > hint {
                break (0, hi);
            }
            let probe = hint - step;
            if pred(&v[probe]) {
                break (probe + 1, hi);
            }
            hi = probe;
            step *= 2;
        }
    };
    lo + v[lo..hi].partition_point(pred)
}

/// What [`Extractor::resolve`] looks back for among the items already resolved, kept as it
/// goes so that no item scans all those before it.
struct Past {
    /// The highest paragraph of items `..=j`, so a backward search can stop where no earlier
    /// item can be near enough.
    max_para: Vec<usize>,
    /// Items with a speaker named by a description, or by the name of something other than
    /// a person: who a later "they" or "it" may stand for.
    bodies: Vec<usize>,
    /// The last item with a speaker, by the entity it resolved to: at 0 for none, at `e + 1`
    /// for entity `e` (grown as far as the entities resolved to reach).
    by_entity: Vec<Option<usize>>,
}

impl Past {
    /// The record for `items`, of an article with `entities` entities so far.
    fn new(items: &[Item], entities: usize) -> Past {
        let mut top = 0;
        let max_para = items
            .iter()
            .map(|it| {
                top = top.max(it.para);
                top
            })
            .collect();
        Past {
            max_para,
            bodies: Vec::new(),
            by_entity: vec![None; entities + 1],
        }
    }

    /// Records item `j`, now resolved.
    fn add(&mut self, ents: &Entities, items: &[Item], j: usize) {
        let p = &items[j];
        if p.speaker.is_none() {
            return;
        }
        let slot = p.entity.map_or(0, |e| e + 1);
        if self.by_entity.len() <= slot {
            self.by_entity.resize(slot + 1, None);
        }
        self.by_entity[slot] = Some(j);
        let body = p.found.as_ref().is_some_and(|f| {
            matches!(f.mention.kind, MKind::Nominal)
                || f.mention.kind == MKind::Name
                    && p.entity.is_none_or(|e| !ents.list[e].is_person())
        });
        if body {
            self.bodies.push(j);
        }
    }

    /// The last item with a speaker that resolved to `entity` (or to none).
    fn last_by(&self, entity: Option<usize>) -> Option<usize> {
        let slot = entity.map_or(0, |e| e + 1);
        self.by_entity.get(slot).copied().flatten()
    }

    /// The last body or group that spoke at most two paragraphs before `para`.
    fn body(&self, items: &[Item], para: usize) -> Option<usize> {
        for &j in self.bodies.iter().rev() {
            if items[j].para + 2 >= para {
                return Some(j);
            }
            if self.max_para[j] + 2 < para {
                break;
            }
        }
        None
    }
}

/// The body or group a "they"/"it" at token `at` most likely stands for: the subject of
/// one of the few sentences before it, when that subject is an organisation or a group.
fn body_subject(
    doc: &Doc,
    ents: &Entities,
    at: usize,
    flag: u64,
) -> Option<(usize, Option<CompactString>, Option<usize>)> {
    let s = doc.try_sent_of(at)?;
    let para = doc.toks[at].para();
    for si in (s.saturating_sub(3)..=s).rev() {
        let r = doc.sents[si].clone();
        if r.is_empty() || doc.toks[r.start].para() + 2 < para {
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
        let pos = doc.toks[m.toks.start].start();
        match m.kind {
            MKind::Nominal if head.flags & (lexicon::SOURCE | lexicon::PARTY) != 0 => {
                let text = strip_article(doc.span_text(m.toks.clone())).into();
                return Some((pos, Some(text), None));
            }
            MKind::Name => {
                if let Some(e) = ents.of_name(doc, m.name.clone()) {
                    if !ents.list[e].is_person() {
                        return Some((pos, Some(ents.list[e].name(doc.text).into()), Some(e)));
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

/// How a mention found its speaker, before it becomes a [`Basis`] and a [`Confidence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    /// The name at the cue.
    Named,
    /// The knowledge file gave the name or the role.
    Knowledge,
    /// "he" / "she" (or "his statement"), with its flag.
    Pronoun(u64),
    /// "they" / "it": the last body or group nearby.
    Body,
    /// A description matched to the roles the article gives a name.
    Roles,
    /// A document's author.
    Document,
    /// A definite description taken as the person in focus ("the 26-year-old said").
    Focus,
    /// A description that is itself the speaker ("a spokesperson", "police").
    AsWritten,
}

/// Basis, confidence and antecedent token of an attribution found `via` a mention at `at`.
///
/// The levels follow what the development sets show (README, "Quality"): a name at the cue,
/// and a pronoun in the same or the next sentence as an antecedent that agrees in gender with
/// no rival, are `High`; a pronoun a paragraph away, a description resolved through roles, a
/// document's author, a group named as written are `Medium`; a pronoun with rivals or far
/// from its antecedent, a definite description left unresolved or taken as the person in
/// focus are `Low`.
#[allow(clippy::too_many_arguments)]
fn evidence(
    doc: &Doc,
    ents: &Entities,
    via: Via,
    entity: Option<usize>,
    at: usize,
    own: std::ops::Range<usize>,
    weak: bool,
    before: Option<&Item>,
) -> (Basis, Confidence, Option<usize>) {
    let last_name = |e: usize| ents.last_name_ref(doc, e, at, &own);
    match via {
        Via::Named if weak => (Basis::Named, Confidence::Medium, None),
        Via::Named => (Basis::Named, Confidence::High, None),
        Via::Knowledge => (Basis::Knowledge, Confidence::High, None),
        // "a spokesperson", "officials" name the speaker as well as the article does; "the
        // judge" left unresolved names someone the article may have named elsewhere
        Via::AsWritten
            if doc.toks[at].is(lexicon::DET | lexicon::POSS)
                && !matches!(doc.word(at), "a" | "A" | "an" | "An") =>
        {
            (Basis::Description, Confidence::Low, None)
        }
        Via::AsWritten => (Basis::Description, Confidence::Medium, None),
        Via::Roles | Via::Document => (
            Basis::Description,
            Confidence::Medium,
            entity.and_then(last_name),
        ),
        Via::Focus => (
            Basis::Description,
            Confidence::Low,
            entity.and_then(last_name),
        ),
        Via::Body => {
            let ante = entity
                .and_then(last_name)
                .or_else(|| before.and_then(|p| p.found.as_ref().map(|f| f.mention.toks.start)));
            let near = ante.is_some_and(|a| doc.toks[a].para() + 1 >= doc.toks[at].para());
            let level = if near {
                Confidence::Medium
            } else {
                Confidence::Low
            };
            (Basis::Pronoun, level, ante)
        }
        Via::Pronoun(flag) => {
            let Some(e) = entity else {
                return (Basis::Pronoun, Confidence::Low, None);
            };
            let level = ents.pronoun_confidence(doc, e, at, flag, &own);
            (Basis::Pronoun, level, last_name(e))
        }
    }
}

/// Most bytes of a speaker, or of the mention or antecedent a quote cites: far above any
/// name or description of news (under 100 bytes in the development sets), and what keeps a
/// quote's copies of its article small.
pub(super) const MAX_ATTRIBUTION_BYTES: usize = 200;

/// The byte span of the name starting at token `t` (its capitalised run).
pub(super) fn name_span(doc: &Doc, t: usize) -> crate::text::Span {
    let toks = &doc.toks;
    let mut e = t + 1;
    while e < toks.len()
        && e < t + 6
        && toks[e].para() == toks[t].para()
        && super::mentions::name_word(&toks[e])
        && !toks[e - 1].poss()
    {
        e += 1;
    }
    crate::text::Span::new(toks[t].start(), toks[e - 1].end())
}

/// The phrase up to its first preposition ("the former head of the agency" → "the former
/// head"), the part whose head says who speaks.
fn nominal_core(doc: &Doc, m: &super::mentions::Mention) -> std::ops::Range<usize> {
    let end = (m.toks.start + 1..m.toks.end)
        .find(|&i| doc.toks[i].is(lexicon::PREP))
        .unwrap_or(m.toks.end);
    m.toks.start..end
}

pub(super) fn strip_article(s: &str) -> &str {
    for p in ["the ", "The "] {
        if let Some(rest) = s.strip_prefix(p) {
            return rest;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::partition_from;

    #[test]
    fn partition_from_any_hint_is_partition_point() {
        let v: Vec<usize> = (0..50).map(|x| x * 2).collect();
        for x in 0..=101 {
            for hint in 0..=52 {
                assert_eq!(
                    partition_from(&v, hint, |&y| y < x),
                    v.partition_point(|&y| y < x),
                    "x {x} hint {hint}"
                );
            }
        }
        assert_eq!(partition_from(&[] as &[usize], 3, |&y| y < 1), 0);
    }
}
