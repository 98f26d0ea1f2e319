//! Finding the speakers a user means by a name: any form the corpus knows ("Macron",
//! "Mr Macron", "emmanuel macron"), tolerant of a typo ("Macrone"). Pure: works on the
//! speaker table of the index.

use crate::index::{name_key, SpeakerEntry};
use crate::search::text::edit_distance;

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

fn name_words(name: &str) -> Vec<String> {
    let key = name_key(name);
    let all: Vec<String> = key
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let named: Vec<String> = all
        .iter()
        .filter(|w| !TITLES.contains(&w.as_str()))
        .cloned()
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

/// The speakers `name` designates, most quoted first; empty when none does. An exact name or
/// form wins over a partial one ("Macron" for "Emmanuel Macron"), which wins over a typo.
pub fn resolve<'a>(name: &str, speakers: &'a [SpeakerEntry]) -> Vec<&'a SpeakerEntry> {
    let wanted = name_words(name);
    if wanted.is_empty() {
        return Vec::new();
    }
    let forms_of = |s: &SpeakerEntry| -> Vec<Vec<String>> {
        std::iter::once(s.name.as_str())
            .chain(s.forms.iter().map(String::as_str))
            .map(name_words)
            .collect()
    };
    let exact: Vec<&SpeakerEntry> = speakers
        .iter()
        .filter(|s| forms_of(s).contains(&wanted))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let partial: Vec<&SpeakerEntry> = speakers
        .iter()
        .filter(|s| {
            let words: Vec<String> = forms_of(s).concat();
            wanted.iter().all(|w| words.contains(w))
        })
        .collect();
    if !partial.is_empty() {
        return partial;
    }
    speakers
        .iter()
        .filter(|s| {
            let words: Vec<String> = forms_of(s).concat();
            wanted.iter().all(|w| {
                let tol = tolerance(w.chars().count());
                tol > 0 && words.iter().any(|x| edit_distance(w, x, tol) <= tol)
            })
        })
        .collect()
}

/// Speakers whose name looks somewhat like `name`, for a "did you mean" hint.
pub fn suggestions(name: &str, speakers: &[SpeakerEntry], max: usize) -> Vec<String> {
    let wanted = name_words(name);
    let mut scored: Vec<(usize, &SpeakerEntry)> = speakers
        .iter()
        .filter_map(|s| {
            let words = name_words(&s.name);
            let best = wanted
                .iter()
                .flat_map(|w| {
                    let limit = (w.chars().count() / 3).max(1);
                    words
                        .iter()
                        .map(move |x| edit_distance(w, x, limit))
                        .filter(move |d| *d <= limit)
                })
                .min()?;
            Some((best, s))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.quotes.cmp(&a.1.quotes)));
    scored
        .into_iter()
        .take(max)
        .map(|(_, s)| s.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, forms: &[&str], quotes: usize) -> SpeakerEntry {
        SpeakerEntry {
            name: name.into(),
            key: name_key(name),
            quotes,
            articles: 1,
            forms: forms.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn table() -> Vec<SpeakerEntry> {
        vec![
            entry("Donald Trump", &["President Trump"], 9),
            entry("Emmanuel Macron", &["Mr Macron"], 5),
            entry("Bashar al-Assad", &["Assad"], 2),
            entry("Sarah Sanders", &[], 2),
            entry("Bernie Sanders", &[], 1),
        ]
    }

    fn names(name: &str) -> Vec<String> {
        let t = table();
        resolve(name, &t).iter().map(|s| s.name.clone()).collect()
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
        assert_eq!(suggestions("Macrun", &t, 3), ["Emmanuel Macron"]);
        assert!(suggestions("Merkle", &t, 3).is_empty());
    }
}
