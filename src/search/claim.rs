//! Reading a fact-check question: "did Macron really say he convinced Trump to stay in
//! Syria?", "Trump said he will never leave Syria", "Coveney: sick to their stomach", "who
//! said 'we want to come home'?". People ask about a person and their words together; this
//! splits the question into who is claimed to have spoken and the words to look for. Pure
//! text work: whether the name is a speaker of the corpus is for the caller to say.

/// A question split into a claimed speaker and the words claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimText<'a> {
    /// The name as typed ("Macron", "President Trump"); `None` for "who said …".
    pub speaker: Option<&'a str>,
    /// The words to check, without the question's frame, quote marks or final "?".
    pub phrase: &'a str,
}

/// Words that open a yes/no question about what someone said.
const QUESTION_OPENERS: &[&str] = &["did", "does", "do", "has", "have", "had"];
/// Words that may stand between the name and the verb ("did Macron really say").
const HEDGES: &[&str] = &[
    "really", "actually", "ever", "once", "also", "truly", "indeed",
];
/// Verbs that state speech.
const SPEECH_VERBS: &[&str] = &[
    "say", "says", "said", "claim", "claims", "claimed", "tell", "tells", "told", "state",
    "states", "stated", "write", "writes", "wrote", "tweet", "tweets", "tweeted", "declare",
    "declares", "declared", "insist", "insists", "insisted", "admit", "admits", "admitted",
    "promise", "promises", "promised", "warn", "warns", "warned", "call", "calls", "called",
];
/// Most words a speaker's name may have.
const MAX_NAME_WORDS: usize = 5;

/// Words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The claimed words: from `from`, without a leading "that" or colon, surrounding quote marks
/// and a final "?" or full stop. `None` when fewer than two words remain.
fn phrase_from(text: &str, from: usize) -> Option<&str> {
    let mut rest = text[from..].trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    if let Some(after) = rest.strip_prefix("that ") {
        rest = after;
    }
    let marks = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\''
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '\u{00AB}'
                    | '\u{00BB}'
                    | '?'
                    | '.'
                    | '!'
                    | ','
            )
    };
    let rest = rest.trim_matches(marks);
    (words(rest).len() >= 2).then_some(rest)
}

/// Splits a fact-check question into speaker and words, when it has that shape.
pub fn split(text: &str) -> Option<ClaimText<'_>> {
    // "is it true that Macron said …?" asks the same as "Macron said …"
    let trimmed = text.trim_start();
    for frame in ["is it true that ", "is it true "] {
        if trimmed
            .get(..frame.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(frame))
        {
            return split(&trimmed[frame.len()..]);
        }
    }
    let ws = words(text);
    let word = |i: usize| bare(&text[ws[i].0..ws[i].1]);
    if ws.len() < 3 {
        return None;
    }
    // "who said …"
    if word(0) == "who" && SPEECH_VERBS.contains(&word(1).as_str()) {
        return phrase_from(text, ws[1].1).map(|phrase| ClaimText {
            speaker: None,
            phrase,
        });
    }
    let question = QUESTION_OPENERS.contains(&word(0).as_str());
    let first = usize::from(question);
    // "Coveney: …", "President Trump: …"
    for end in first..ws.len().min(first + MAX_NAME_WORDS) {
        if text[ws[end].0..ws[end].1].ends_with(':') {
            let name = text[ws[first].0..ws[end].1].trim_matches(|c: char| !c.is_alphanumeric());
            let phrase = phrase_from(text, ws[end].1)?;
            return (!name.is_empty()).then_some(ClaimText {
                speaker: Some(name),
                phrase,
            });
        }
    }
    // "[did] NAME [really] say [that] …"
    for verb in first + 1..ws.len().min(first + MAX_NAME_WORDS + 3) {
        if !SPEECH_VERBS.contains(&word(verb).as_str()) {
            continue;
        }
        let mut name_end = verb;
        while name_end > first && HEDGES.contains(&word(name_end - 1).as_str()) {
            name_end -= 1;
        }
        if name_end == first || name_end - first > MAX_NAME_WORDS {
            return None;
        }
        let name =
            text[ws[first].0..ws[name_end - 1].1].trim_matches(|c: char| !c.is_alphanumeric());
        let phrase = phrase_from(text, ws[verb].1)?;
        return (!name.is_empty()).then_some(ClaimText {
            speaker: Some(name),
            phrase,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(speaker: Option<&'static str>, phrase: &'static str) -> Option<ClaimText<'static>> {
        Some(ClaimText { speaker, phrase })
    }

    #[test]
    fn questions_and_statements_split() {
        let cases: &[(&str, &str, Option<ClaimText<'_>>)] = &[
            (
                "a yes/no question",
                "did Macron really say he convinced Trump to stay in Syria?",
                claim(Some("Macron"), "he convinced Trump to stay in Syria"),
            ),
            (
                "a statement",
                "Trump said he will never leave Syria",
                claim(Some("Trump"), "he will never leave Syria"),
            ),
            (
                "a title and a name, 'that' and quote marks",
                "Did President Donald Trump say that \u{201C}we want to come home\u{201D}?",
                claim(Some("President Donald Trump"), "we want to come home"),
            ),
            (
                "a colon",
                "Coveney: sick to their stomach",
                claim(Some("Coveney"), "sick to their stomach"),
            ),
            (
                "is it true that …",
                "Is it true that Trump said he will never leave Syria?",
                claim(Some("Trump"), "he will never leave Syria"),
            ),
            (
                "who said",
                "who said 'as quickly as possible'?",
                claim(None, "as quickly as possible"),
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(split(text), *want, "{name}");
        }
    }

    #[test]
    fn plain_phrases_do_not_split() {
        for text in [
            "strong and lasting footprint",
            "we have convinced him",
            "the caliphate will return",
            "said",
            "",
            "did say",
            "\u{1F642} said \u{1F642}",
            "Macron said",
            "one two three four five six seven said it was so",
        ] {
            assert_eq!(split(text), None, "{text:?}");
        }
    }

    #[test]
    fn any_text_is_safe() {
        for text in [
            "::::",
            "did: : said ? ?",
            "é said ü ö",
            "who said",
            "\u{0} said a b",
        ] {
            if let Some(c) = split(text) {
                assert!(c.speaker.is_none_or(|s| !s.is_empty()), "{text:?}");
            }
        }
    }
}
