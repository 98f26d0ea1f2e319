//! Side tables written next to the index: the speakers and the articles it holds, with
//! quote counts. They answer `whosaid speakers` and `whosaid sources` and let a speaker filter
//! be resolved without scanning the index.
//!
//! A build writes the whole speaker table (`speakers.json`). An ingest or a correction appends
//! the entries it changed to a log (`speakers.log`: a later entry replaces the one of the same
//! speaker and collection; one with no quote left removes it), so it never rewrites the
//! entries of the speakers it did not touch (issue 13).

use crate::extract::KnownSpeaker;
use crate::index::ingest::IngestError;
use crate::index::logs::{append_lines, fold_log};
use crate::index::record::{name_key, QuoteRecord, SourceInfo};
use crate::index::schema::Fields;
use crate::index::{read_json, IndexError, SPEAKERS_FILE};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// A speaker the index knows, with the name forms seen for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerEntry {
    /// Canonical name, as quotes are attributed.
    pub name: String,
    /// [`name_key`] of the name: the value of the speaker field.
    pub key: String,
    pub quotes: usize,
    pub articles: usize,
    /// Other ways the corpus or the knowledge file names them ("Mr Macron", "Assad").
    pub forms: Vec<String>,
    /// [`name_key`] of the name and of every form, for matching what a user types.
    pub keys: Vec<String>,
    /// How the articles or the knowledge file describe them, as [`role_key`]s ("french
    /// leader", "us president"), so a user may name them that way too.
    #[serde(default)]
    pub roles: Vec<String>,
    /// The collection whose quotes are counted here; `None` for the base. A speaker quoted in
    /// several collections has an entry in each, and a view adds up those it sees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
}

/// Words that open a description without describing ("the French leader").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "your", "my",
];

/// The key a role description is matched by: its [`name_key`] without a leading determiner;
/// `None` unless two to six words remain (a lone "president" describes too many people).
pub fn role_key(description: &str) -> Option<String> {
    let key = name_key(description);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let skip = words.iter().take_while(|w| DETERMINERS.contains(w)).count();
    let rest = &words[skip..];
    (2..=6).contains(&rest.len()).then(|| rest.join(" "))
}

/// An indexed article and how many quotes it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    #[serde(flatten)]
    pub info: SourceInfo,
    pub quotes: usize,
}

/// Collects the catalog while quotes are indexed.
#[derive(Debug, Default)]
pub struct CatalogBuilder {
    /// (collection, speaker key) → what is known of the speaker there.
    speakers: BTreeMap<(Option<String>, String), SpeakerAcc>,
    /// Speaker name → its key, computed once.
    keys: HashMap<String, String>,
    sources: Vec<SourceEntry>,
}

#[derive(Debug, Default)]
struct SpeakerAcc {
    name: String,
    quotes: usize,
    articles: BTreeSet<String>,
    forms: BTreeSet<String>,
    roles: BTreeSet<String>,
}

/// Most name forms kept per speaker.
const MAX_FORMS: usize = 32;
/// Most role descriptions kept per speaker.
const MAX_ROLES: usize = 16;

impl CatalogBuilder {
    pub fn add_article(&mut self, info: SourceInfo, quotes: usize) {
        self.sources.push(SourceEntry { info, quotes });
    }

    pub fn add_quote(&mut self, record: &QuoteRecord) {
        let Some(name) = record.quote.speaker.as_deref() else {
            return;
        };
        let key = match self.keys.get(name) {
            Some(k) => k.clone(),
            None => {
                let k = name_key(name);
                self.keys.insert(name.to_string(), k.clone());
                k
            }
        };
        if key.is_empty() {
            return;
        }
        let collection = record.source.collection.clone();
        let acc = self.speakers.entry((collection, key.clone())).or_default();
        if acc.name.is_empty() {
            acc.name = name.to_string();
        }
        acc.quotes += 1;
        if !acc.articles.contains(record.quote.article.as_str()) {
            acc.articles.insert(record.quote.article.to_string());
        }
        if let Some(m) = &record.quote.mention {
            let form = m.text.trim();
            if names_share_a_word(&key, form) {
                if acc.forms.len() < MAX_FORMS && !acc.forms.contains(form) {
                    acc.forms.insert(form.to_string());
                }
            } else if acc.roles.len() < MAX_ROLES {
                // "the French leader"; pronouns are one word and give no key
                if let Some(role) = role_key(form) {
                    acc.roles.insert(role);
                }
            }
        }
    }

    /// Adds the aliases and roles of a known person to the speaker of that name.
    pub fn add_known(&mut self, person: &KnownSpeaker) {
        let key = name_key(&person.name);
        for ((_, k), acc) in self.speakers.iter_mut() {
            if *k != key {
                continue;
            }
            for a in &person.aliases {
                if acc.forms.len() < MAX_FORMS {
                    acc.forms.insert(a.trim().to_string());
                }
            }
            for r in &person.roles {
                if let Some(role) = role_key(r).filter(|_| acc.roles.len() < MAX_ROLES) {
                    acc.roles.insert(role);
                }
            }
        }
    }

    pub fn finish(self) -> (Vec<SpeakerEntry>, Vec<SourceEntry>) {
        let mut speakers: Vec<SpeakerEntry> = self
            .speakers
            .into_iter()
            .map(|((collection, key), acc)| {
                let forms: Vec<String> = acc
                    .forms
                    .into_iter()
                    .filter(|f| name_key(f) != key && !f.is_empty())
                    .collect();
                let mut keys = vec![key.clone()];
                for f in &forms {
                    let k = name_key(f);
                    if !k.is_empty() && !keys.contains(&k) {
                        keys.push(k);
                    }
                }
                SpeakerEntry {
                    name: acc.name,
                    key,
                    quotes: acc.quotes,
                    articles: acc.articles.len(),
                    forms,
                    keys,
                    roles: acc.roles.into_iter().collect(),
                    collection,
                }
            })
            .collect();
        most_quoted_first(&mut speakers);
        (speakers, self.sources)
    }
}

/// The speakers a view of the index sees: the base's and those of `collection`, one entry a
/// speaker (counts added up, name forms and roles joined), most quoted first.
pub fn view_speakers(all: &[SpeakerEntry], collection: Option<&str>) -> Vec<SpeakerEntry> {
    let mut merged: BTreeMap<&str, SpeakerEntry> = BTreeMap::new();
    for s in all {
        if s.collection.is_some() && s.collection.as_deref() != collection {
            continue;
        }
        match merged.get_mut(s.key.as_str()) {
            None => {
                let mut entry = s.clone();
                entry.collection = None;
                merged.insert(&s.key, entry);
            }
            Some(m) => {
                m.quotes += s.quotes;
                m.articles += s.articles;
                if s.collection.is_none() {
                    // the base's spelling of the name wins
                    m.name = s.name.clone();
                }
                for (into, from) in [
                    (&mut m.forms, &s.forms),
                    (&mut m.keys, &s.keys),
                    (&mut m.roles, &s.roles),
                ] {
                    for x in from {
                        if !into.contains(x) {
                            into.push(x.clone());
                        }
                    }
                }
            }
        }
    }
    let mut out: Vec<SpeakerEntry> = merged.into_values().collect();
    out.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.key.cmp(&b.key)));
    out
}

/// Each word of the speakers' name keys → the speakers (positions in `speakers`) using it.
pub fn speaker_word_map(speakers: &[SpeakerEntry]) -> HashMap<String, Vec<usize>> {
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in speakers.iter().enumerate() {
        for key in &s.keys {
            for w in key.split(' ').filter(|w| !w.is_empty()) {
                let list = map.entry(w.to_string()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
    }
    map
}

/// Whether a mention names the speaker (shares a word with the name) rather than describing
/// them ("he", "the French leader").
fn names_share_a_word(key: &str, mention: &str) -> bool {
    let mention = name_key(mention);
    let words: Vec<&str> = key.split(' ').collect();
    mention
        .split(' ')
        .any(|w| w.len() > 1 && words.contains(&w))
}

/// The records of the documents holding `term`.
pub(crate) fn records_where(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    term: Term,
) -> Result<Vec<QuoteRecord>, IngestError> {
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let docs = searcher.search(&query, &DocSetCollector)?;
    let mut out = Vec::with_capacity(docs.len());
    for addr in docs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let Some(json) = doc.get_first(fields.record).and_then(|v| v.as_str()) else {
            continue;
        };
        if let Ok(r) = QuoteRecord::from_stored(json) {
            out.push(r);
        }
    }
    Ok(out)
}

/// Counts the speakers whose keys are `affected` again from the index, replacing their
/// entries in `speakers` (the catalog's side table), most quoted first.
pub(crate) fn recount_speakers(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    affected: &BTreeSet<String>,
    knowledge: &crate::extract::Knowledge,
    speakers: &mut Vec<SpeakerEntry>,
) -> Result<(), IngestError> {
    let mut catalog = CatalogBuilder::default();
    for key in affected {
        let term = Term::from_field_text(fields.speaker, key);
        for r in records_where(searcher, fields, term)? {
            catalog.add_quote(&r);
        }
    }
    for person in &knowledge.speakers {
        catalog.add_known(person);
    }
    let (recounted, _) = catalog.finish();
    speakers.retain(|s| !affected.contains(&s.key));
    speakers.extend(recounted);
    most_quoted_first(speakers);
    Ok(())
}

/// Adds the speakers of `fresh` (counted from quotes of articles new to the index) to the
/// catalog's entries without reading any speaker's other quotes: counts add up, name forms
/// and roles join within their caps. An ingest's cost so stays with what it adds, not with
/// how often its speakers were quoted before (issue 13). Speakers in `recounted` (counted
/// whole from the index) are left as they are.
pub(crate) fn add_speakers(
    speakers: &mut Vec<SpeakerEntry>,
    fresh: Vec<SpeakerEntry>,
    recounted: &BTreeSet<String>,
) {
    let mut at: HashMap<(Option<String>, String), usize> = speakers
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.collection.clone(), s.key.clone()), i))
        .collect();
    for new in fresh {
        if recounted.contains(&new.key) {
            continue;
        }
        let Some(&i) = at.get(&(new.collection.clone(), new.key.clone())) else {
            at.insert((new.collection.clone(), new.key.clone()), speakers.len());
            speakers.push(new);
            continue;
        };
        let old = &mut speakers[i];
        old.quotes += new.quotes;
        old.articles += new.articles;
        for form in new.forms {
            if old.forms.len() < MAX_FORMS && !old.forms.contains(&form) {
                let key = name_key(&form);
                if !key.is_empty() && !old.keys.contains(&key) {
                    old.keys.push(key);
                }
                old.forms.push(form);
            }
        }
        for role in new.roles {
            if old.roles.len() < MAX_ROLES && !old.roles.contains(&role) {
                old.roles.push(role);
            }
        }
    }
    most_quoted_first(speakers);
}

/// The log of speaker entries changed since the table was written.
pub const SPEAKERS_LOG: &str = "speakers.log";

/// The order of the speaker table: most quoted first.
fn most_quoted_first(speakers: &mut [SpeakerEntry]) {
    speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.key.cmp(&b.key)));
}

/// Every speaker entry of the index: the table with the changes logged since.
pub(crate) fn read_speakers(dir: &Path) -> Result<Vec<SpeakerEntry>, IndexError> {
    let mut all: Vec<SpeakerEntry> = read_json(&dir.join(SPEAKERS_FILE))?;
    let changed = fold_log(dir, SPEAKERS_LOG, &mut all, |s| {
        (s.collection.clone(), s.key.clone())
    })?;
    if changed {
        all.retain(|s| s.quotes > 0);
        most_quoted_first(&mut all);
    }
    Ok(all)
}

/// Appends to the log the entries of `after` that differ from `before`, and an entry with no
/// quote for each speaker of `before` that `after` no longer has. Once the log has grown
/// larger than the table, the table is written whole from `after` and the log starts again,
/// so reading both stays within twice the table, and each entry changed costs a bounded
/// share of a rewrite. (A writer stopped between the two leaves the manifest behind the
/// corpus, and the index is rebuilt.)
pub(crate) fn log_speaker_changes(
    dir: &Path,
    before: &[SpeakerEntry],
    after: &[SpeakerEntry],
) -> Result<(), IndexError> {
    let size = |name: &str| std::fs::metadata(dir.join(name)).map_or(0, |m| m.len());
    if size(SPEAKERS_LOG) > size(SPEAKERS_FILE) {
        crate::index::manifest::write_json(&dir.join(SPEAKERS_FILE), &after)?;
        let log = dir.join(SPEAKERS_LOG);
        return match std::fs::remove_file(&log) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(IndexError::Io { path: log, source }),
        };
    }
    let slot = |s: &SpeakerEntry| (s.collection.clone(), s.key.clone());
    let earlier: HashMap<_, &SpeakerEntry> = before.iter().map(|s| (slot(s), s)).collect();
    let now: HashSet<_> = after.iter().map(slot).collect();
    let mut changes: Vec<SpeakerEntry> = after
        .iter()
        .filter(|s| earlier.get(&slot(s)) != Some(s))
        .cloned()
        .collect();
    for gone in before.iter().filter(|s| !now.contains(&slot(s))) {
        changes.push(SpeakerEntry {
            quotes: 0,
            articles: 0,
            ..gone.clone()
        });
    }
    append_lines(dir, SPEAKERS_LOG, &changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_forms_must_share_a_word() {
        assert!(names_share_a_word("emmanuel macron", "Mr Macron"));
        assert!(!names_share_a_word("emmanuel macron", "The French leader"));
        assert!(!names_share_a_word("emmanuel macron", "he"));
    }

    fn entry(key: &str, quotes: usize, forms: &[&str]) -> SpeakerEntry {
        SpeakerEntry {
            name: key.to_string(),
            key: key.to_string(),
            quotes,
            articles: 1,
            forms: forms.iter().map(|f| f.to_string()).collect(),
            keys: vec![key.to_string()],
            roles: Vec::new(),
            collection: None,
        }
    }

    /// Issue 13: an ingest adds to the speakers it touches without a recount.
    #[test]
    fn new_speakers_add_up_with_the_known_ones() {
        let mut speakers = vec![
            entry("ada lind", 5, &["Ms Lind"]),
            entry("tom berg", 3, &[]),
        ];
        let fresh = vec![
            entry("tom berg", 4, &["Mr Berg"]),
            entry("eva holm", 1, &[]),
            entry("ada lind", 2, &["Ms Lind", "Ada"]),
        ];
        let recounted: BTreeSet<String> = ["ada lind".to_string()].into();
        add_speakers(&mut speakers, fresh, &recounted);
        let by_key = |k: &str| speakers.iter().find(|s| s.key == k).cloned().unwrap();
        assert_eq!(speakers[0].key, "tom berg", "most quoted first");
        assert_eq!(by_key("tom berg").quotes, 7);
        assert_eq!(by_key("tom berg").articles, 2);
        assert_eq!(by_key("tom berg").forms, ["Mr Berg"]);
        assert!(by_key("tom berg").keys.contains(&"mr berg".to_string()));
        assert_eq!(by_key("eva holm").quotes, 1);
        assert_eq!(
            by_key("ada lind").quotes,
            5,
            "a recounted speaker is left alone"
        );
    }

    fn speaker(key: &str, quotes: usize, collection: Option<&str>) -> SpeakerEntry {
        SpeakerEntry {
            name: key.to_string(),
            key: key.to_string(),
            quotes,
            articles: 1,
            forms: Vec::new(),
            keys: vec![key.to_string()],
            roles: Vec::new(),
            collection: collection.map(String::from),
        }
    }

    /// Issue 13: an ingest logs the speakers it changed; the table read back is the same as
    /// the one it would have rewritten.
    #[test]
    fn the_speaker_log_replaces_adds_and_removes_entries() {
        let dir = tempfile::tempdir().expect("dir");
        let table = vec![
            speaker("ada", 5, None),
            speaker("bo", 3, None),
            speaker("bo", 2, Some("lab")),
            speaker("cy", 1, None),
        ];
        crate::index::manifest::write_json(&dir.path().join(SPEAKERS_FILE), &table).expect("table");
        assert_eq!(read_speakers(dir.path()).expect("read"), table);
        // bo of the base quoted more, cy's only quote replaced away, dee new in the lab
        let mut after = table.clone();
        after[1].quotes = 9;
        after.retain(|s| s.key != "cy");
        after.push(speaker("dee", 4, Some("lab")));
        most_quoted_first(&mut after);
        log_speaker_changes(dir.path(), &table, &after).expect("log");
        let logged = std::fs::read_to_string(dir.path().join(SPEAKERS_LOG)).expect("log");
        assert_eq!(
            logged.lines().count(),
            3,
            "only the changed entries: {logged}"
        );
        assert_eq!(read_speakers(dir.path()).expect("read"), after);
    }

    /// Issue 13: the log never grows past the table; the table is then written whole.
    #[test]
    fn a_speaker_log_larger_than_its_table_is_folded_into_it() {
        let dir = tempfile::tempdir().expect("dir");
        let mut table = vec![speaker("ada", 1, None)];
        crate::index::manifest::write_json(&dir.path().join(SPEAKERS_FILE), &table).expect("table");
        for round in 2..40 {
            let before = read_speakers(dir.path()).expect("read");
            assert_eq!(before, table, "round {round}");
            table[0].quotes = round;
            log_speaker_changes(dir.path(), &before, &table).expect("log");
            let size = |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len());
            assert!(size(SPEAKERS_LOG) <= 2 * size(SPEAKERS_FILE) + 512);
        }
        assert_eq!(read_speakers(dir.path()).expect("read"), table);
    }
}
