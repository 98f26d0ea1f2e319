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

#[test]
#[ignore]
fn debug_dump() {
    let Ok(path) = std::env::var("WS_DEBUG") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lex = lexicon::Lexicon::new();
    let doc = Doc::new(&text, &lex);
    let ents = coref::Entities::build(&doc);
    if doc.toks.len() < 80 {
        for (i, t) in doc.toks.iter().enumerate() {
            println!(
                "{i} {:?} {:x} sent={}",
                doc.word(i),
                t.flags,
                doc.sent_of[i]
            );
        }
    }
    for r in &ents.refs {
        let e = &ents.list[r.entity];
        println!(
            "{:>6} p{} {:30} subj={} prep={} mod={} person={} g={} org={} roles={:?}",
            r.tok,
            doc.toks[r.tok].para,
            e.name,
            r.subject,
            r.prep,
            r.modifier,
            e.person,
            e.gender,
            e.org,
            e.roles
        );
    }
}
