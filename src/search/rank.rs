//! Final ranking: BM25 from the index, adjusted by what kind of quote a hit is and how
//! central it is to its article. Pure.

use crate::extract::QuoteKind;

/// How much each kind of quote counts against the others: the speaker's own words first,
/// the reporter's paraphrase last.
pub fn kind_weight(kind: QuoteKind) -> f32 {
    match kind {
        QuoteKind::Direct => 1.0,
        QuoteKind::Mixed => 0.9,
        QuoteKind::Partial => 0.75,
        QuoteKind::Indirect => 0.6,
    }
}

/// Weight of salience (the share of the headline a quote echoes, 0 to 1).
pub const SALIENCE_WEIGHT: f32 = 1.5;

/// The score a hit is ranked by.
pub fn final_score(bm25: f32, kind: QuoteKind, salience: f64) -> f32 {
    let salience = salience.clamp(0.0, 1.0) as f32;
    bm25 * kind_weight(kind) * (1.0 + SALIENCE_WEIGHT * salience)
}

/// How many candidates to take from the index to fill results up to `wanted`.
pub fn candidates_for(wanted: usize) -> usize {
    (wanted * 4).max(64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_beats_indirect_and_salience_lifts() {
        assert!(
            final_score(1.0, QuoteKind::Direct, 0.0) > final_score(1.0, QuoteKind::Indirect, 0.0)
        );
        assert!(
            final_score(1.0, QuoteKind::Direct, 0.4) > final_score(1.0, QuoteKind::Direct, 0.0)
        );
        assert_eq!(final_score(0.0, QuoteKind::Direct, 1.0), 0.0);
    }
}
