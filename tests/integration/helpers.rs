//! Fixtures and small tools shared by the integration tests.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use whosaid::corpus::Article;
use whosaid::extract::{Extractor, Knowledge, Quote};

/// A path inside the repository.
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The knowledge file the project ships (`config/speakers.toml`).
pub fn shipped_knowledge() -> Knowledge {
    let text = std::fs::read_to_string(repo_path("config/speakers.toml")).expect("speakers.toml");
    Knowledge::parse(&text).expect("speakers.toml parses")
}

/// Runs the `whosaid` binary in the repository root with `args`.
pub fn whosaid(args: &[&str]) -> Output {
    whosaid_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the `whosaid` binary in `dir` with `args`.
pub fn whosaid_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run whosaid")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Checks every invariant a quote must hold against its article: verbatim text on character
/// boundaries, mention and cue slices that match, a real paragraph index.
pub fn assert_quote_invariants(article: &Article, q: &Quote) {
    let text = &article.text;
    assert_eq!(q.article, article.id);
    assert!(q.start < q.end, "empty quote {}..{}", q.start, q.end);
    assert_eq!(
        text.get(q.start..q.end),
        Some(q.text.as_str()),
        "quote text != slice"
    );
    for (what, ex) in [("mention", &q.mention), ("cue", &q.cue)] {
        if let Some(ex) = ex {
            assert_eq!(
                text.get(ex.start..ex.end),
                Some(ex.text.as_str()),
                "{what} != slice"
            );
        }
    }
    let paragraphs = whosaid::text::paragraphs(text);
    // the headline counts as a paragraph even when the text does not repeat it (issue 11)
    let first = paragraphs
        .first()
        .and_then(|p| text.get(p.start..p.end))
        .map(str::trim);
    let title = article.title.trim();
    let headline = usize::from(!title.is_empty() && first != Some(title));
    assert!(
        q.paragraph < paragraphs.len().max(1) + headline,
        "paragraph {} out of range",
        q.paragraph
    );
}

/// One article of a gold file (as in `tests/fixtures/seeds-gold.jsonl`): offsets are in
/// characters, as the annotation tools counted them.
#[derive(Debug, Deserialize)]
pub struct GoldArticle {
    pub id: String,
    #[serde(default)]
    pub title: String,
    pub text: String,
    pub quotes: Vec<GoldQuote>,
}

#[derive(Debug, Deserialize)]
pub struct GoldQuote {
    pub start: usize,
    pub end: usize,
    pub reference: String,
    #[serde(default)]
    pub kind: Option<String>,
}

pub fn load_gold(rel: &str) -> Vec<GoldArticle> {
    let text = std::fs::read_to_string(repo_path(rel)).expect("gold file");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold line"))
        .collect()
}

impl GoldArticle {
    pub fn article(&self) -> Article {
        let mut a = Article::from_text(self.id.clone(), self.text.clone());
        if !self.title.is_empty() {
            a.title = self.title.clone();
        }
        a
    }

    /// Byte offset of character offset `c`.
    pub fn byte(&self, c: usize) -> usize {
        self.text
            .char_indices()
            .nth(c)
            .map(|(b, _)| b)
            .unwrap_or(self.text.len())
    }
}

/// Outcome of scoring predictions against gold, following the GenderGapTracker evaluation:
/// a gold quote matches the unmatched prediction covering the largest share of it, if that
/// share exceeds the threshold; spans are compared with quote marks, spaces and trailing
/// punctuation trimmed.
#[derive(Debug, Default)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub attributed: usize,
    /// Gold quotes (kind, text, reference, what was predicted) that were missed or misattributed.
    pub failures: Vec<String>,
    /// (kind, matched with the right speaker) for every gold quote.
    pub by_kind: Vec<(String, bool)>,
}

impl Score {
    pub fn attributed_f1(&self) -> f64 {
        let p = self.attributed as f64 / self.predicted.max(1) as f64;
        let r = self.attributed as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

const TRIM: &[char] = &[
    ' ', '\t', '\r', '\n', '\u{a0}', '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}',
    '\u{ab}', '\u{bb}', '\u{201e}', '\u{201a}', '\u{2039}', '\u{203a}', ',', '.', ';', ':', '!',
    '?', '-', '\u{2013}', '\u{2014}',
];

fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches(TRIM).len();
    let body = s.trim_matches(TRIM);
    (start + lead, start + lead + body.len())
}

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "prof",
    "professor",
    "president",
    "prime",
    "minister",
    "premier",
    "mayor",
    "chief",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "gen",
    "general",
    "col",
    "capt",
    "lt",
    "sgt",
    "rev",
    "st",
    "the",
    "of",
    "jr",
    "sr",
];

fn name_tokens(name: &str) -> std::collections::BTreeSet<String> {
    name.replace(['.', ','], " ")
        .replace("'s", " ")
        .to_lowercase()
        .split_whitespace()
        .map(|t| {
            t.trim_matches(|c| "\"'\u{2019}\u{201c}\u{201d}()".contains(c))
                .to_string()
        })
        .filter(|t| !t.is_empty() && !TITLES.contains(&t.as_str()))
        .collect()
}

/// Whether a predicted canonical name names the gold reference (one's tokens contain the
/// other's, titles aside).
pub fn same_person(predicted: Option<&str>, reference: &str) -> bool {
    let p = name_tokens(predicted.unwrap_or(""));
    let r = name_tokens(reference);
    if p.is_empty() || r.is_empty() {
        return p.is_empty() && r.is_empty();
    }
    p.is_subset(&r) || r.is_subset(&p)
}

pub fn score(gold: &[GoldArticle], extractor: &Extractor, threshold: f64) -> Score {
    let mut s = Score::default();
    for g in gold {
        let article = g.article();
        let preds: Vec<(usize, usize, Quote)> = extractor
            .extract(&article)
            .into_iter()
            .map(|q| {
                let (a, b) = trim(&article.text, q.start, q.end);
                (a, b, q)
            })
            .collect();
        s.predicted += preds.len();
        let mut used = vec![false; preds.len()];
        for gq in &g.quotes {
            s.gold += 1;
            let (gs, ge) = trim(&article.text, g.byte(gq.start), g.byte(gq.end));
            let mut best: Option<(usize, f64)> = None;
            for (i, (ps, pe, _)) in preds.iter().enumerate() {
                if used[i] || ge <= gs || pe <= ps {
                    continue;
                }
                let inter = (*pe).min(ge).saturating_sub((*ps).max(gs));
                let cover = inter as f64 / (ge - gs) as f64;
                if cover > best.map_or(threshold, |b| b.1) {
                    best = Some((i, cover));
                }
            }
            let kind = gq.kind.clone().unwrap_or_default();
            let gold_text = &article.text[gs..ge];
            match best {
                None => {
                    s.by_kind.push((kind.clone(), false));
                    s.failures.push(format!(
                        "MISSED  [{kind}] {:?} ({})",
                        gold_text, gq.reference
                    ));
                }
                Some((i, _)) => {
                    used[i] = true;
                    s.matched += 1;
                    let speaker = preds[i].2.speaker.as_deref();
                    let ok = same_person(speaker, &gq.reference);
                    s.attributed += usize::from(ok);
                    s.by_kind.push((kind.clone(), ok));
                    if !ok {
                        s.failures.push(format!(
                            "SPEAKER [{kind}] {:?}: {:?} instead of {}",
                            gold_text, speaker, gq.reference
                        ));
                    }
                }
            }
        }
    }
    s
}
