//! Finding the speakers a user means by a name: any form the corpus knows ("Macron",
//! "Mr Macron", "emmanuel macron"), tolerant of a typo ("Macrone"). Pure: works on the
//! speaker table of the index and its word map ([`crate::index::speaker_word_map`]).

use crate::index::{name_key, role_key, SpeakerEntry};
use crate::search::text::edit_distance;
use std::collections::{BTreeSet, HashMap};

/// Titles and honorifics that do not identify a person.
const TITLES: [&str; 30] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "the",
    "president",
    "prime",
    "minister",
    "pm",
    "secretary",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "general",
    "gen",
    "pope",
    "mp",
];

/// The identifying words of a name key: titles dropped, unless nothing else is left.
fn identifying(key: &str) -> Vec<&str> {
    let all: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let named: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| !TITLES.contains(w))
        .collect();
    if named.is_empty() {
        all
    } else {
        named
    }
}

/// Largest typo allowed in a word of `len` characters.
fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The speakers (positions) that use every one of `word_sets`' alternatives: for each wanted
/// word, the union of the speakers of its alternatives; then the intersection over words.
fn intersect(lists: Vec<BTreeSet<usize>>) -> Vec<usize> {
    let mut iter = lists.into_iter();
    let Some(mut acc) = iter.next() else {
        return Vec::new();
    };
    for l in iter {
        acc = acc.intersection(&l).copied().collect();
    }
    acc.into_iter().collect()
}

/// The speakers `name` designates, most quoted first; empty when none does. An exact name or
/// form wins over a partial one ("Macron" for "Emmanuel Macron"), which wins over a role the
/// articles give ("the French leader"), which wins over a typo.
pub fn resolve<'a>(
    name: &str,
    speakers: &'a [SpeakerEntry],
    words: &HashMap<String, Vec<usize>>,
) -> Vec<&'a SpeakerEntry> {
    let key = name_key(name);
    let wanted = identifying(&key);
    let by_role: Vec<&SpeakerEntry> = match role_key(name) {
        Some(role) => speakers
            .iter()
            .filter(|s| s.roles.contains(&role))
            .collect(),
        None => Vec::new(),
    };
    // A title alone ("Mr", "the President") names nobody in particular.
    if wanted.iter().all(|w| TITLES.contains(w)) {
        return by_role;
    }
    let exact_lists = wanted
        .iter()
        .map(|w| {
            words
                .get(*w)
                .map(|l| l.iter().copied().collect())
                .unwrap_or_default()
        })
        .collect();
    let partial = intersect(exact_lists);
    let exact: Vec<usize> = partial
        .iter()
        .copied()
        .filter(|&i| {
            speakers
                .get(i)
                .is_some_and(|s| s.keys.iter().any(|k| identifying(k) == wanted))
        })
        .collect();
    let pick = |ids: Vec<usize>| ids.into_iter().filter_map(|i| speakers.get(i)).collect();
    if !exact.is_empty() {
        return pick(exact);
    }
    if !partial.is_empty() {
        return pick(partial);
    }
    if !by_role.is_empty() {
        return by_role;
    }
    if wanted.iter().any(|w| tolerance(w.chars().count()) == 0) {
        return Vec::new();
    }
    let fuzzy_lists = wanted
        .iter()
        .map(|w| {
            let tol = tolerance(w.chars().count());
            words
                .iter()
                .filter(|(x, _)| edit_distance(w, x, tol) <= tol)
                .flat_map(|(_, l)| l.iter().copied())
                .collect()
        })
        .collect();
    pick(intersect(fuzzy_lists))
}

/// Speakers whose name looks somewhat like `name`, for a "did you mean" hint.
pub fn suggestions(
    name: &str,
    speakers: &[SpeakerEntry],
    words: &HashMap<String, Vec<usize>>,
    max: usize,
) -> Vec<String> {
    let key = name_key(name);
    let mut best: HashMap<usize, usize> = HashMap::new();
    for w in identifying(&key) {
        let limit = (w.chars().count() / 3).max(1);
        for (x, list) in words {
            let d = edit_distance(w, x, limit);
            if d <= limit {
                for &i in list {
                    let e = best.entry(i).or_insert(d);
                    *e = (*e).min(d);
                }
            }
        }
    }
    let mut scored: Vec<(usize, usize)> = best.into_iter().collect();
    scored.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    scored
        .into_iter()
        .take(max)
        .filter_map(|(i, _)| speakers.get(i).map(|s| s.name.clone()))
        .collect()
}

/// Longest speaker name a correction may give, in characters.
pub const MAX_CORRECTED_NAME: usize = 100;

/// The name a correction gives a speaker: the index's own name for the person when `typed`
/// designates exactly one speaker ("Macron" → "Emmanuel Macron"), else `typed` as written,
/// its spaces tidied. An error says why a name cannot be one.
pub fn correction_name(
    typed: &str,
    speakers: &[SpeakerEntry],
    words: &HashMap<String, Vec<usize>>,
) -> Result<String, String> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name_key(&name).is_empty() {
        return Err("the speaker's name has no letters".into());
    }
    if name.chars().count() > MAX_CORRECTED_NAME {
        return Err(format!(
            "the speaker's name is longer than {MAX_CORRECTED_NAME} characters"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("the speaker's name holds control characters".into());
    }
    // only a name form of one known speaker joins it; a near miss ("Dan Ford" for "Dana
    // Fold") may be another person, so it is kept as typed
    let key = name_key(&name);
    Ok(match resolve(&name, speakers, words).as_slice() {
        [one]
            if std::iter::once(&one.key)
                .chain(&one.keys)
                .any(|k| key.split(' ').all(|w| k.split(' ').any(|x| x == w))) =>
        {
            one.name.clone()
        }
        _ => name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::speaker_word_map;

    fn entry(name: &str, forms: &[&str], quotes: usize) -> SpeakerEntry {
        let mut keys = vec![name_key(name)];
        keys.extend(forms.iter().map(|f| name_key(f)));
        SpeakerEntry {
            name: name.into(),
            key: name_key(name),
            quotes,
            articles: 1,
            forms: forms.iter().map(|s| s.to_string()).collect(),
            keys,
            roles: Vec::new(),
            collection: None,
        }
    }

    fn with_roles(mut e: SpeakerEntry, roles: &[&str]) -> SpeakerEntry {
        e.roles = roles.iter().filter_map(|r| role_key(r)).collect();
        e
    }

    fn table() -> Vec<SpeakerEntry> {
        vec![
            with_roles(
                entry("Donald Trump", &["President Trump"], 9),
                &["the US President", "the Prime Minister"],
            ),
            with_roles(
                entry("Emmanuel Macron", &["Mr Macron"], 5),
                &["the French leader"],
            ),
            entry("Bashar al-Assad", &["Assad"], 2),
            entry("Sarah Sanders", &[], 2),
            entry("Bernie Sanders", &[], 1),
        ]
    }

    fn names(name: &str) -> Vec<String> {
        let t = table();
        let m = speaker_word_map(&t);
        resolve(name, &t, &m)
            .iter()
            .map(|s| s.name.clone())
            .collect()
    }

    #[test]
    fn name_forms_resolve() {
        for form in [
            "Macron",
            "Mr Macron",
            "emmanuel macron",
            "EMMANUEL MACRÓN",
            "Macrone",
            "President Macron",
        ] {
            assert_eq!(names(form), ["Emmanuel Macron"], "{form}");
        }
        assert_eq!(names("assad"), ["Bashar al-Assad"]);
        assert_eq!(names("al-Assad"), ["Bashar al-Assad"]);
    }

    #[test]
    fn roles_the_articles_give_resolve() {
        assert_eq!(names("the French leader"), ["Emmanuel Macron"]);
        assert_eq!(names("french leader"), ["Emmanuel Macron"]);
        assert_eq!(names("The US president"), ["Donald Trump"]);
        assert_eq!(names("the Prime Minister"), ["Donald Trump"]);
        assert!(
            names("the president").is_empty(),
            "a lone title is too vague"
        );
        assert!(names("the German leader").is_empty());
    }

    #[test]
    fn ambiguous_surname_gives_every_bearer() {
        assert_eq!(names("Sanders"), ["Sarah Sanders", "Bernie Sanders"]);
        assert_eq!(names("Sarah Sanders"), ["Sarah Sanders"]);
    }

    #[test]
    fn unknown_names_resolve_to_nothing() {
        assert!(names("Merkel").is_empty());
        assert!(names("").is_empty());
        assert!(names("Mr").is_empty());
        assert!(names("Tru").is_empty());
    }

    #[test]
    fn suggestions_are_near_names() {
        let t = table();
        let m = speaker_word_map(&t);
        assert_eq!(suggestions("Makronn", &t, &m, 3), ["Emmanuel Macron"]);
        assert!(suggestions("Merkle", &t, &m, 3).is_empty());
    }
}
