//! Canonical speaker names across a corpus.
//!
//! Within one article [`super::coref`] already gives each person the longest name the
//! article uses. Across articles, one that only says "Macron" (or "Mr Macron") should name
//! the same person as another that says "Emmanuel Macron": a lone surname maps to the
//! full name ending with it, when exactly one such full name is known in the corpus.

use super::lexicon::{ascii_lower, fold, Lexicon, SeededWords, ORG, SOURCE};
use super::Quote;
use compact_str::CompactString;
use std::collections::HashMap;

fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A full personal-looking name: two to four capitalized words.
fn full_name(s: &str) -> Option<&str> {
    let (mut count, mut last) = (0, None);
    for w in s.split_whitespace() {
        count += 1;
        if count > 4 || !is_name_word(w) {
            return None;
        }
        last = Some(w);
    }
    last.filter(|_| count >= 2)
}

/// The one word of `s`, if it is a single word.
fn lone_word(s: &str) -> Option<&str> {
    let mut words = s.split_whitespace();
    let first = words.next()?;
    words.next().is_none().then_some(first)
}

/// Calls `f` with `word` lower-cased, a short ASCII word lower-cased on the stack: nearly
/// every quote of a corpus has its speaker's surname looked up.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.is_ascii() && word.len() <= 32 {
        return f(ascii_lower(word, &mut [0; 32]));
    }
    f(&word.to_lowercase())
}

/// The full names of a corpus by surname, gathered quote by quote: all that making names
/// consistent needs to know of the whole corpus, so the corpus need not be held in memory.
#[derive(Debug, Default)]
pub struct FullNames {
    /// (keyed with the extractor's own hasher, seeded per process: a corpus's names are
    /// anyone's text, and nearly every quote looks its speaker's surname up)
    by_last: HashMap<CompactString, Namesakes, SeededWords>,
}

/// The full names seen with one surname: two are enough to know it is not one person's
/// (keeping every full name made a corpus of many namesakes cost the square of their number).
#[derive(Debug)]
struct Namesakes {
    first: CompactString,
    second: Option<CompactString>,
}

impl FullNames {
    /// Notes the speaker of `q`, if it is a full name.
    pub fn observe(&mut self, q: &Quote) {
        if let Some(s) = &q.speaker {
            if let Some(last) = full_name(s) {
                with_lower(last, |key| match self.by_last.get_mut(key) {
                    Some(names) => {
                        if names.second.is_none() && names.first != *s {
                            names.second = Some(s.clone());
                        }
                    }
                    None => {
                        let names = Namesakes {
                            first: s.clone(),
                            second: None,
                        };
                        self.by_last.insert(key.into(), names);
                    }
                });
            }
        }
    }

    /// Rewrites a lone-surname speaker of `q` to the unique full name with that surname. A
    /// lone word that names a kind of body ("Council", "Ministry") is no surname: another
    /// article's "Youth Council" is another body.
    pub fn apply(&self, q: &mut Quote, lex: &Lexicon) {
        let full = q.speaker.as_deref().and_then(|s| self.full_name_of(s, lex));
        if let Some(full) = full {
            q.speaker = Some(full.into());
        }
    }

    /// The one full name of the corpus a lone surname `speaker` stands for, if any.
    fn full_name_of(&self, speaker: &str, lex: &Lexicon) -> Option<&str> {
        let word = lone_word(speaker)?;
        if !is_name_word(word) {
            return None;
        }
        let mut buf = [0u8; 40];
        if fold(word, &mut buf).is_some_and(|k| lex.flags_of(k) & (ORG | SOURCE) != 0) {
            return None;
        }
        with_lower(word, |key| match self.by_last.get(key) {
            Some(names) if names.second.is_none() => Some(names.first.as_str()),
            _ => None,
        })
    }
}

/// Rewrites lone-surname speakers to the unique full name with that surname (see
/// [`FullNames::apply`]).
pub fn unify(quotes: &mut [Quote], lex: &Lexicon) {
    let mut names = FullNames::default();
    // (an article's quotes often follow one another by one speaker: a speaker just seen is
    // neither observed nor looked up again, which would give the same)
    let mut prev: Option<&str> = None;
    for q in quotes.iter() {
        let speaker = q.speaker.as_deref();
        if speaker.is_some() && speaker != prev {
            names.observe(q);
        }
        prev = speaker;
    }
    // (the last speaker looked up, and the full name it takes: none at first, as for the
    // empty name)
    let mut looked_up = String::new();
    let mut full: Option<&str> = None;
    for q in quotes.iter_mut() {
        let Some(speaker) = q.speaker.as_deref() else {
            continue;
        };
        if looked_up != speaker {
            looked_up.clear();
            looked_up.push_str(speaker);
            full = names.full_name_of(speaker, lex);
        }
        if let Some(full) = full {
            q.speaker = Some(full.into());
        }
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
    fn issue_13_speakers_repeated_quote_after_quote_are_each_unified() {
        // (a speaker just seen is not looked up again: every one must still be rewritten)
        let lex = Lexicon::new();
        let mut quotes: Vec<Quote> = ["Lee", "Lee", "Ann Lee", "Ann Lee", "Park", "Lee"]
            .iter()
            .map(|s| Quote::said_by(s))
            .collect();
        let mut nobody = Quote::said_by("");
        nobody.speaker = None;
        quotes.insert(2, nobody);
        unify(&mut quotes, &lex);
        let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            [
                Some("Ann Lee"),
                Some("Ann Lee"),
                None,
                Some("Ann Lee"),
                Some("Ann Lee"),
                Some("Park"),
                Some("Ann Lee"),
            ]
        );
    }

    #[test]
    fn a_word_is_lower_cased_on_the_stack_as_to_lowercase_would() {
        let cases = [
            ("ASCII", "McCallum"),
            ("beyond ASCII", "\u{c7}el\u{130}k"),
            (
                "final sigma",
                "\u{39f}\u{394}\u{3a5}\u{3a3}\u{3a3}\u{395}\u{3a5}\u{3a3}",
            ),
            (
                "longer than the stack buffer",
                "Wolfeschlegelsteinhausenbergerdorffvoralternwaren",
            ),
            ("empty", ""),
        ];
        for (name, word) in cases {
            assert_eq!(
                with_lower(word, str::to_owned),
                word.to_lowercase(),
                "{name}"
            );
        }
    }

    #[test]
    fn a_lone_surname_beyond_ascii_takes_its_full_name() {
        let mut quotes = vec![
            Quote::said_by("Ay\u{15f}e \u{c7}el\u{131}k"),
            Quote::said_by("\u{c7}el\u{131}k"),
        ];
        unify(&mut quotes, &Lexicon::new());
        assert_eq!(
            quotes[1].speaker.as_deref(),
            Some("Ay\u{15f}e \u{c7}el\u{131}k")
        );
    }

    #[test]
    fn issue_13_thousands_of_namesakes_are_not_all_kept() {
        // one list of every full name by surname made a corpus of namesakes cost the square
        // of their number; two say as much as all of them
        let mut names = FullNames::default();
        for i in 0..5_000 {
            names.observe(&Quote::said_by(&format!("Person{i} Lee")));
        }
        let lee = &names.by_last["lee"];
        assert_eq!(
            (lee.first.as_str(), lee.second.as_deref()),
            ("Person0 Lee", Some("Person1 Lee"))
        );
        let mut lone = Quote::said_by("Lee");
        names.apply(&mut lone, &Lexicon::new());
        assert_eq!(lone.speaker.as_deref(), Some("Lee"));
    }
}
