//! Table-driven tests of the extractor, grouped by theme.

use super::*;

fn run(text: &str) -> Vec<Quote> {
    Extractor::default().extract(&Article::from_text("t", text))
}

#[test]
fn smoke() {
    let q = run("Headline\n\n\"We will win,\" Jane Smith said.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Jane Smith"));
}
