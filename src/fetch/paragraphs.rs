//! The body the extractor kept, as the project's text: one paragraph per block of the page
//! (a `<p>`, a heading, a list item, a quotation…), white space made plain, paragraphs
//! separated by blank lines.
//!
//! Extraction finds paragraphs by blank lines, so the page's own block structure has to
//! survive: the extractor's plain text runs the paragraphs together, its cleaned HTML keeps
//! them, and this module reads that HTML in one pass.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements that start and end a paragraph.
const BLOCKS: [&str; 31] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || matches!(name, "td" | "th" | "ul" | "summary")
}

/// The paragraphs of an HTML fragment, in order; a paragraph repeated right after itself is
/// kept once.
pub(super) fn paragraphs(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let p = super::metadata::squash(current);
        current.clear();
        if !p.is_empty() && out.last() != Some(&p) {
            out.push(p);
        }
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => current.push_str(t),
                Node::Element(e) if is_block(e.name()) => flush(&mut current, &mut out),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if is_block(e.name()) {
                        flush(&mut current, &mut out);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_paragraphs() {
        let cases: [(&str, &str, &[&str]); 6] = [
            ("paragraphs", "<p>One.</p><p>Two.</p>", &["One.", "Two."]),
            (
                "inline elements stay inside",
                "<p>A <b>bold</b> and <a href=x>linked</a> word.</p>",
                &["A bold and linked word."],
            ),
            (
                "white space made plain",
                "<p>  Spread\n  over\u{a0}lines </p>",
                &["Spread over lines"],
            ),
            (
                "text after a block is its own paragraph",
                "<div><p>Inside.</p>After.</div>",
                &["Inside.", "After."],
            ),
            (
                "headings, list items and line breaks",
                "<h2>Head</h2><ul><li>a</li><li>b</li></ul>x<br>y",
                &["Head", "a", "b", "x", "y"],
            ),
            (
                "a repeat is kept once",
                "<p>Same.</p><p>Same.</p>",
                &["Same."],
            ),
        ];
        for (name, html, want) in cases {
            assert_eq!(paragraphs(html), want, "{name}");
        }
    }
}
