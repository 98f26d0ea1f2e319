//! Canonical speaker names across a corpus.
//!
//! Within one article [`super::coref`] already gives each person the longest name the
//! article uses. Across articles, one that only says "Macron" (or "Mr Macron") should name
//! the same person as another that says "Emmanuel Macron": a lone surname maps to the
//! full name ending with it, when exactly one such full name is known in the corpus.

use super::lexicon::{fold, Lexicon, ORG, SOURCE};
use super::Quote;
use std::collections::HashMap;

fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A full personal-looking name: two to four capitalized words.
fn full_name(s: &str) -> Option<&str> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if (2..=4).contains(&words.len()) && words.iter().all(|w| is_name_word(w)) {
        words.last().copied()
    } else {
        None
    }
}

/// The full names of a corpus by surname, gathered quote by quote: all that making names
/// consistent needs to know of the whole corpus, so the corpus need not be held in memory.
#[derive(Debug, Default)]
pub struct FullNames {
    by_last: HashMap<String, Vec<String>>,
}

impl FullNames {
    /// Notes the speaker of `q`, if it is a full name.
    pub fn observe(&mut self, q: &Quote) {
        if let Some(s) = &q.speaker {
            if let Some(last) = full_name(s) {
                // (two are enough to know a surname is not one person's: keeping every
                // full name made a corpus of many namesakes cost the square of their number)
                let names = self.by_last.entry(last.to_lowercase()).or_default();
                if names.len() < 2 && !names.iter().any(|n| n == s) {
                    names.push(s.clone());
                }
            }
        }
    }

    /// Rewrites a lone-surname speaker of `q` to the unique full name with that surname. A
    /// lone word that names a kind of body ("Council", "Ministry") is no surname: another
    /// article's "Youth Council" is another body.
    pub fn apply(&self, q: &mut Quote, lex: &Lexicon) {
        let Some(s) = &q.speaker else { return };
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() != 1 || !is_name_word(words[0]) {
            return;
        }
        let mut buf = [0u8; 40];
        if fold(words[0], &mut buf).is_some_and(|k| lex.flags_of(k) & (ORG | SOURCE) != 0) {
            return;
        }
        if let Some(names) = self.by_last.get(&words[0].to_lowercase()) {
            if names.len() == 1 {
                q.speaker = Some(names[0].clone());
            }
        }
    }
}

/// Rewrites lone-surname speakers to the unique full name with that surname (see
/// [`FullNames::apply`]).
pub fn unify(quotes: &mut [Quote], lex: &Lexicon) {
    let mut names = FullNames::default();
    for q in quotes.iter() {
        names.observe(q);
    }
    for q in quotes.iter_mut() {
        names.apply(q, lex);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surname_takes_the_one_full_name_ending_with_it_and_none_of_several() {
        let lex = Lexicon::new();
        let cases: &[(&str, &[&str], &str)] = &[
            ("one full name", &["Ann Lee"], "Ann Lee"),
            (
                "the same full name twice",
                &["Ann Lee", "Ann Lee"],
                "Ann Lee",
            ),
            ("two namesakes", &["Ann Lee", "Bo Lee"], "Lee"),
            ("no full name", &["Ann Park"], "Lee"),
        ];
        for &(name, full, want) in cases {
            let mut quotes: Vec<Quote> = full.iter().map(|s| Quote::said_by(s)).collect();
            quotes.push(Quote::said_by("Lee"));
            unify(&mut quotes, &lex);
            assert_eq!(
                quotes.last().unwrap().speaker.as_deref(),
                Some(want),
                "{name}"
            );
        }
    }

    #[test]
    fn issue_13_thousands_of_namesakes_are_not_all_kept() {
        // one list of every full name by surname made a corpus of namesakes cost the square
        // of their number; two say as much as all of them
        let mut names = FullNames::default();
        for i in 0..5_000 {
            names.observe(&Quote::said_by(&format!("Person{i} Lee")));
        }
        assert_eq!(names.by_last["lee"].len(), 2);
        let mut lone = Quote::said_by("Lee");
        names.apply(&mut lone, &Lexicon::new());
        assert_eq!(lone.speaker.as_deref(), Some("Lee"));
    }
}
