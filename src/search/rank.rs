//! Final ranking: BM25 from the index, adjusted by what kind of quote a hit is and how
//! central it is to its article. Pure.

use crate::extract::QuoteKind;

/// How much each kind of quote counts against the others: the speaker's own words first,
/// the reporter's paraphrase last.
pub fn kind_weight(kind: QuoteKind) -> f32 {
    match kind {
        QuoteKind::Direct => 1.0,
        QuoteKind::Mixed => 0.8,
        QuoteKind::Partial => 0.5,
        QuoteKind::Indirect => 0.3,
    }
}

/// Weight of salience (the share of the headline a quote echoes, 0 to 1).
pub const SALIENCE_WEIGHT: f32 = 1.5;

/// The score a hit is ranked by; `kind` is `None` where every kind counts the same.
pub fn final_score(bm25: f32, kind: Option<QuoteKind>, salience: f64) -> f32 {
    let salience = salience.clamp(0.0, 1.0) as f32;
    bm25 * kind.map_or(1.0, kind_weight) * (1.0 + SALIENCE_WEIGHT * salience)
}

/// BM25 inverse document frequency of a word found in `df` of `n` documents.
pub fn idf(n: u64, df: u64) -> f32 {
    let (n, df) = (n as f32, df.min(n) as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The factor a headline match of a word is boosted by, so that it counts the word's rarity in
/// the articles' text (`df_text` of `n` paragraphs) rather than among headlines: in a corpus
/// about one topic every headline names the topic, and a headline match would count for nothing.
pub fn headline_boost(n: u64, df_text: u64, df_headline: u64) -> f32 {
    let text = idf(n, df_text);
    let head = idf(n, df_headline).max(1e-3);
    (text / head).clamp(0.0, 1e3)
}

/// How many candidates to take from the index to fill results up to `wanted`.
pub fn candidates_for(wanted: usize) -> usize {
    (wanted * 3).max(32)
}

/// Share of the quotes a word may appear in and still be scored. Commoner words ("the",
/// "said") say nearly nothing about relevance and cost the most to score; they are left out
/// of a query that has other words (phrases still require them).
pub const COMMON_WORD_SHARE: f64 = 0.2;

/// Below this many quotes every word is scored: in a small corpus about one topic, the topic
/// itself is in most quotes.
pub const COMMON_WORD_MIN_QUOTES: u64 = 10_000;

/// Whether a word found in `df` of `n` quotes is scored.
pub fn is_informative(n: u64, df: u64) -> bool {
    n < COMMON_WORD_MIN_QUOTES || (df as f64) <= COMMON_WORD_SHARE * n as f64
}

/// Most words scored in one query. The rarest words carry nearly all of a ranking, and each
/// more word costs a walk over its postings, which at a million quotes is most of a search's
/// time: a pasted paragraph must cost what a short query costs (issue 13).
pub const MAX_SCORED_WORDS: usize = 8;

/// Most postings (the summed document frequencies of the words scored) one query walks. A
/// query's time is in proportion to them, so this bounds it at any index size; it is far
/// above what a few topic words cost, and bites only on runs of common words at hundreds of
/// thousands of quotes. The rarest word is always scored.
pub const MAX_SCORED_POSTINGS: u64 = 150_000;

/// The words of `words` worth scoring in a corpus of `n` quotes, given each word's document
/// frequency: the informative ones found in the corpus (all of them when none is), rarest
/// first, while their postings stay within [`MAX_SCORED_POSTINGS`] and their number within
/// [`MAX_SCORED_WORDS`]. The words keep their order.
pub fn scored_words(n: u64, words: &[String], df: impl Fn(&str) -> u64) -> Vec<String> {
    let dfs: Vec<u64> = words.iter().map(|w| df(w)).collect();
    let mut pool: Vec<usize> = (0..words.len())
        .filter(|&i| dfs[i] > 0 && is_informative(n, dfs[i]))
        .collect();
    if pool.is_empty() {
        pool = (0..words.len()).collect();
    }
    pool.sort_by_key(|&i| (dfs[i] == 0, dfs[i]));
    let mut postings = 0u64;
    let mut kept = Vec::new();
    for i in pool {
        postings = postings.saturating_add(dfs[i]);
        if !kept.is_empty() && (postings > MAX_SCORED_POSTINGS || kept.len() == MAX_SCORED_WORDS) {
            break;
        }
        kept.push(i);
    }
    kept.sort_unstable();
    kept.into_iter().map(|i| words[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    /// Issue 13: a long query costs what a short one does.
    #[test]
    fn scored_words_keep_the_rarest_few() {
        let df = |w: &str| match w {
            "the" | "of" | "and" => 900_000,
            "bridg" => 40,
            "vote" => 3_000,
            "missing" => 0,
            _ => 20_000,
        };
        let n = 1_000_000;
        // common words go when there are rarer ones, and words not in the index never count
        assert_eq!(
            scored_words(n, &owned(&["the", "vote", "of", "bridg", "missing"]), df),
            ["vote", "bridg"]
        );
        // at most MAX_SCORED_WORDS, the rarest, in their order
        let many: Vec<String> = (0..20)
            .map(|i| format!("w{i}"))
            .chain(["bridg".into()])
            .collect();
        let kept = scored_words(n, &many, df);
        assert_eq!(kept.len(), MAX_SCORED_WORDS);
        assert_eq!(kept.last().map(String::as_str), Some("bridg"));
        // common words only: the rarest alone
        assert_eq!(scored_words(n, &owned(&["the", "of", "and"]), df), ["the"]);
        // words of some frequency: as many as the postings budget allows, rarest first
        let some = owned(&["a1", "a2", "a3", "vote", "a4", "a5", "a6", "a7"]);
        let kept = scored_words(n, &some, df);
        assert_eq!(
            kept.len(),
            1 + ((MAX_SCORED_POSTINGS - 3_000) / 20_000) as usize
        );
        assert!(kept.contains(&"vote".to_string()), "{kept:?}");
        // a small corpus scores every word, common ones too
        let small = |w: &str| if w == "the" { 90 } else { 5 };
        assert_eq!(
            scored_words(100, &owned(&["the", "vote"]), small),
            ["the", "vote"]
        );
    }

    #[test]
    fn very_common_words_are_not_informative() {
        assert!(is_informative(100_000, 10));
        assert!(!is_informative(100_000, 60_000));
        assert!(is_informative(1000, 900), "small corpora score every word");
    }

    #[test]
    fn direct_beats_indirect_and_salience_lifts() {
        let (direct, indirect) = (Some(QuoteKind::Direct), Some(QuoteKind::Indirect));
        assert!(final_score(1.0, direct, 0.0) > final_score(1.0, indirect, 0.0));
        assert!(final_score(1.0, direct, 0.4) > final_score(1.0, direct, 0.0));
        assert_eq!(final_score(0.0, direct, 1.0), 0.0);
        assert_eq!(final_score(1.0, None, 0.0), final_score(1.0, direct, 0.0));
    }
}
