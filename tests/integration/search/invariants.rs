//! Every excerpt shown is the article's own text at the offsets it cites.

use crate::search::golden::HOSTILE;
use crate::search::helpers::{article, run};
use whosaid::search::{check, SearchRequest};

fn assert_slice(id: &str, start: usize, end: usize, text: &str, what: &str) {
    let a = article(id);
    assert_eq!(
        a.text.get(start..end),
        Some(text),
        "{what} of {id} at {start}..{end} is not the article text"
    );
}

fn queries() -> Vec<SearchRequest> {
    let mut out: Vec<SearchRequest> = [
        "Syria troops",
        "Trump",
        "\"strong and lasting footprint\"",
        "chemical weapons attack Douma",
        "home",
        "the",
    ]
    .iter()
    .chain(HOSTILE)
    .map(|q| SearchRequest::new(*q))
    .collect();
    for speaker in ["Macron", "Trump", "Coveney", "Sanders", "Assad"] {
        let mut r = SearchRequest::new("");
        r.speaker = Some(speaker.into());
        r.limit = 50;
        out.push(r);
    }
    // Short excerpts force cuts.
    for limit in [40, 64, 100] {
        let mut r = SearchRequest::new("Syria ISIS international community");
        r.excerpt_bytes = limit;
        r.limit = 50;
        out.push(r);
    }
    out
}

#[test]
fn every_excerpt_is_the_article_text_at_its_offsets() {
    let mut checked = 0;
    for req in queries() {
        for h in run(&req).hits {
            let id = h.record.quote.article.as_str();
            let q = &h.record.quote;
            assert_slice(id, q.start, q.end, &q.text, "quote");
            assert_slice(
                id,
                h.excerpt.start,
                h.excerpt.end,
                &h.excerpt.text,
                "excerpt",
            );
            assert_slice(
                id,
                h.record.sentence.start,
                h.record.sentence.end,
                &h.record.sentence.text,
                "sentence",
            );
            assert_slice(
                id,
                h.record.context.start,
                h.record.context.end,
                &h.record.context.text,
                "paragraph",
            );
            // The excerpt lies inside the quote, the quote inside its sentence and paragraph.
            assert!(q.start <= h.excerpt.start && h.excerpt.end <= q.end);
            assert!(h.record.sentence.start <= q.start && q.end <= h.record.sentence.end);
            assert!(h.record.context.start <= h.record.sentence.start);
            assert!(h.record.sentence.end <= h.record.context.end);
            // Cuts fall between words.
            let text = &article(id).text;
            if h.excerpt.cut_before {
                assert!(
                    text[..h.excerpt.start].ends_with(char::is_whitespace),
                    "{:?}",
                    h.excerpt
                );
            } else {
                assert_eq!(text[q.start..h.excerpt.start].trim(), "");
            }
            if h.excerpt.cut_after {
                assert!(
                    text[h.excerpt.end..].starts_with(char::is_whitespace),
                    "{:?}",
                    h.excerpt
                );
            } else {
                assert_eq!(text[h.excerpt.end..q.end].trim(), "");
            }
            assert!(h.excerpt.text.len() <= req.excerpt_bytes.max(40));
            // The citation matches the article.
            assert_eq!(h.record.source.headline, article(id).title);
            assert_eq!(h.record.source.published, article(id).published);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} hits checked");
}

#[test]
fn every_phrase_match_is_the_article_text_at_its_offsets() {
    for phrase in [
        "strong and lasting footprint",
        "we have convinced him",
        "we convinced him",
        "as quickly as possible",
        "Trump said he will never leave Syria",
        "lies and misinformation",
    ] {
        let r = check(crate::search::helpers::seeds(), phrase, 3).unwrap();
        for m in &r.matches {
            let id = m.record.quote.article.as_str();
            assert_slice(id, m.matched.start, m.matched.end, &m.matched.text, "match");
            assert!(m.record.quote.start <= m.matched.start && m.matched.end <= m.record.quote.end);
        }
        for h in &r.nearest {
            let id = h.record.quote.article.as_str();
            assert_slice(
                id,
                h.excerpt.start,
                h.excerpt.end,
                &h.excerpt.text,
                "nearest",
            );
        }
    }
}

#[test]
fn json_output_carries_offsets_and_verbatim_text() {
    let r = run(&SearchRequest::new("Syria troops"));
    let json = serde_json::to_value(&r).unwrap();
    let hit = &json["hits"][0];
    let id = hit["quote"]["article"].as_str().unwrap();
    let start = hit["excerpt"]["start"].as_u64().unwrap() as usize;
    let end = hit["excerpt"]["end"].as_u64().unwrap() as usize;
    assert_slice(
        id,
        start,
        end,
        hit["excerpt"]["text"].as_str().unwrap(),
        "json excerpt",
    );
    for key in ["speaker", "kind", "paragraph", "start", "end", "text"] {
        assert!(hit["quote"].get(key).is_some(), "no quote.{key}");
    }
    for key in ["headline", "outlet", "published", "id"] {
        assert!(hit["source"].get(key).is_some(), "no source.{key}");
    }
}

#[test]
fn rendered_hits_cite_and_mark_cuts() {
    let mut req = SearchRequest::new("Syria troops");
    req.excerpt_bytes = 40;
    let r = run(&req);
    let text = whosaid::render::search_results(&r);
    for h in &r.hits {
        let shown = whosaid::render::quoted(&h.excerpt);
        assert!(text.contains(&shown), "{shown} not in:\n{text}");
        // Between the marks is the excerpt itself; "…" stands only for cut words.
        let inner = shown
            .trim_start_matches('\u{201C}')
            .trim_end_matches('\u{201D}')
            .trim_start_matches('\u{2026}')
            .trim_end_matches('\u{2026}');
        assert_eq!(inner, h.excerpt.text);
        assert_eq!(
            shown.contains('\u{2026}'),
            h.excerpt.cut_before || h.excerpt.cut_after
        );
        let citation = whosaid::render::citation(&h.record, (h.excerpt.start, h.excerpt.end));
        for part in [
            h.record.source.id.as_str(),
            h.record
                .source
                .outlet
                .as_deref()
                .unwrap_or("unknown outlet"),
            &format!("\u{00B6}{}", h.record.quote.paragraph + 1),
        ] {
            assert!(citation.contains(part), "{part} not in {citation}");
        }
        if let Some(d) = h.record.source.published {
            assert!(citation.contains(&d.long()), "{citation}");
        }
    }
    assert!(r
        .hits
        .iter()
        .any(|h| h.excerpt.cut_after || h.excerpt.cut_before));
}
