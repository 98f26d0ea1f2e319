//! One quote, all its sources: the same words reported by several articles (verbatim, or the
//! same sentence with small edits) are shown once, from their earliest source, with every
//! other source listed after it. A fact-checker wants a quote's first appearance; a timeline
//! wants each quote once. Only what is shown is grouped: the results themselves (and
//! `--json`) keep every occurrence.

use crate::index::QuoteRecord;

/// Occurrences of one quote: the earliest first, then the others, earliest first (undated
/// sources last).
#[derive(Debug)]
pub struct Grouped<'a, T> {
    pub first: &'a T,
    pub also: Vec<&'a T>,
}

/// The lower-cased words of a quote, punctuation and quote marks left out.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The same words, or the same sentence with small edits: at most one word in seven
/// inserted, dropped or changed, for quotes of five words or more.
fn same_quote(a: &[String], b: &[String]) -> bool {
    if a == b {
        return !a.is_empty();
    }
    let longest = a.len().max(b.len());
    if a.len().min(b.len()) < 5 {
        return false;
    }
    let allowed = (longest / 7).max(1);
    if a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    // word-level edit distance, given up once every path exceeds what is allowed
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, wa) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, wb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(wa != wb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > allowed) {
            return false;
        }
        prev = cur;
    }
    prev[b.len()] <= allowed
}

/// Groups `items` (in their rank order) whose records hold the same quote in different
/// articles. Groups keep the rank of their best-ranked occurrence.
pub fn group<'a, T>(items: &'a [T], record: impl Fn(&T) -> &QuoteRecord) -> Vec<Grouped<'a, T>> {
    let keyed: Vec<(Vec<String>, &'a T)> = items
        .iter()
        .map(|it| (words(&record(it).quote.text), it))
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, (w, it)) in keyed.iter().enumerate() {
        let article = &record(it).quote.article;
        let found = groups.iter_mut().find(|g| {
            g.iter()
                .all(|&j| record(keyed[j].1).quote.article != *article)
                && same_quote(&keyed[g[0]].0, w)
        });
        match found {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            // earliest source first; undated after dated ones; rank breaks ties
            g.sort_by_key(|&i| {
                let d = record(keyed[i].1).source.published;
                (d.is_none(), d, i)
            });
            Grouped {
                first: keyed[g[0]].1,
                also: g[1..].iter().map(|&i| keyed[i].1).collect(),
            }
        })
        .collect()
}

/// "Newstalk ¶3, 2018-04-16": where an occurrence is, in a few words.
pub fn short_source(record: &QuoteRecord) -> String {
    let s = &record.source;
    let outlet = s.outlet.as_deref().unwrap_or(&s.id);
    match s.published {
        Some(d) => format!("{outlet} \u{00B6}{}, {d}", record.quote.paragraph + 1),
        None => format!("{outlet} \u{00B6}{}, undated", record.quote.paragraph + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn the_same_sentence_with_small_edits_is_one_quote() {
        let a = w("We will not leave until the job is done, and the job is not done.");
        assert!(same_quote(
            &a,
            &w("“We will not leave until the job is done, and the job is not done”")
        ));
        assert!(same_quote(
            &a,
            &w("We won't leave until the job is done, and the job is not done.")
        ));
        assert!(!same_quote(
            &a,
            &w("We will leave as soon as the job is done and not before.")
        ));
        assert!(same_quote(
            &w("No comment."),
            &w("\u{201C}No comment\u{201D}")
        ));
        assert!(!same_quote(&w("yes"), &w("no")));
    }
}
