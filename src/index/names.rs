//! Speaker names across ingests: new quotes take the names the index already uses, as a
//! build would give them across the whole corpus.

use crate::extract::Quote;
use crate::index::record::name_key;
use std::collections::{BTreeSet, HashMap};

fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The last word of a full personal-looking name (two to four capitalized words).
fn surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    ((2..=4).contains(&words.len()) && words.iter().all(|w| is_name_word(w)))
        .then(|| words.last().copied())
        .flatten()
}

/// Gives the speakers of new quotes the names the index already uses (`known`): a name the
/// index has under another spelling keeps the index's, and a lone surname ("Macron") becomes
/// the one full name ending with it among the known speakers and the new quotes ("Emmanuel
/// Macron") — the rule a build applies across the whole corpus. Quotes already indexed keep
/// their names, so a rebuild names a speaker differently only when a later article makes a
/// surname newly unique or newly ambiguous.
pub fn join_speakers(quotes: &mut [Quote], known: &[String]) {
    let by_key: HashMap<String, &str> = known.iter().map(|n| (name_key(n), n.as_str())).collect();
    let mut by_last: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut full: HashMap<String, String> = HashMap::new();
    let names = known.iter().cloned().chain(
        quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref().map(str::to_string)),
    );
    for name in names {
        if let Some(last) = surname(&name) {
            let key = name_key(&name);
            by_last
                .entry(last.to_lowercase())
                .or_default()
                .insert(key.clone());
            full.entry(key).or_insert(name);
        }
    }
    for q in quotes.iter_mut() {
        let Some(s) = &q.speaker else { continue };
        if let Some(name) = by_key.get(&name_key(s)) {
            q.speaker = Some((*name).into());
            continue;
        }
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() != 1 || !is_name_word(words[0]) {
            continue;
        }
        if let Some(keys) = by_last.get(&words[0].to_lowercase()) {
            if keys.len() == 1 {
                if let Some(name) = keys.iter().next().and_then(|k| full.get(k)) {
                    q.speaker = Some(name.as_str().into());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surnames_join_known_speakers() {
        let known = ["Emmanuel Macron", "Donald Trump", "Ivanka Trump"].map(String::from);
        let cases = [
            ("Macron", "Emmanuel Macron"),
            ("emmanuel MACRON", "Emmanuel Macron"),
            ("Trump", "Trump"),
            ("Merkel", "Merkel"),
            ("he", "he"),
        ];
        for (given, wanted) in cases {
            let mut qs = [Quote::said_by(given)];
            join_speakers(&mut qs, &known);
            assert_eq!(qs[0].speaker.as_deref(), Some(wanted), "{given}");
        }
        let mut qs = [Quote::said_by("Merkel"), Quote::said_by("Angela Merkel")];
        join_speakers(&mut qs, &known);
        assert_eq!(qs[0].speaker.as_deref(), Some("Angela Merkel"));
    }
}
