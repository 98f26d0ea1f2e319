//! Whether a page is too complex to read: nested too deep, too many elements, or an element
//! with too many attributes. Told before the page is parsed, and again after.
//!
//! Parsing HTML costs more for every element still open, the body extractor walks the tree
//! recursively, and the parser's own rules multiply some markup: a page of ten thousand nested
//! `<div>`s (a few dozen kilobytes) took minutes to parse and then overflowed the stack, which
//! ends the process, the bot's included; unclosed `<b><i>…` before every paragraph are
//! reopened inside each (2 GB for a 1 MB page); ten thousand attributes on one element are
//! each compared with the others. Browsers stop nesting at a depth of a few hundred; an
//! article nests a few dozen deep, in a few thousand elements. A page past [`MAX_DEPTH`],
//! [`MAX_ELEMENTS`] or [`MAX_ATTRIBUTES`] is refused as no article: first by a scan of its
//! tags (linear, before the parser runs), then by the parsed tree, which the parser's rules
//! (unclosed tags reopened, misnested ones adopted) can make deeper or larger than the tags
//! say.

use ego_tree::iter::Edge;
use scraper::Html;

/// Deepest nesting of elements a page may have.
pub const MAX_DEPTH: usize = 512;
/// Most elements a page may have (the body extractor's own limit).
pub const MAX_ELEMENTS: usize = 200_000;
/// Most attributes one element may have.
pub const MAX_ATTRIBUTES: usize = 1_000;

/// What makes a page too complex to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooComplex {
    Deep,
    Large,
    Attributes,
}

impl TooComplex {
    /// What the page is, for "that link is …, not an article".
    pub fn what(self) -> String {
        match self {
            TooComplex::Deep => format!("a page whose elements nest more than {MAX_DEPTH} deep"),
            TooComplex::Large => format!("a page of more than {MAX_ELEMENTS} elements"),
            TooComplex::Attributes => {
                format!("a page with an element of more than {MAX_ATTRIBUTES} attributes")
            }
        }
    }
}

/// Elements that never hold others (`<br>`, `<img>`) and those whose end tag may be left out
/// because the next one of their kind closes them (`<p>`, `<li>`, `<td>`): neither nests when
/// written without an end tag.
fn nests(name: &[u8]) -> bool {
    !matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rb"
            | b"rt"
            | b"rtc"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Elements whose content is text, not tags.
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noembed"
    )
}

/// Formatting elements, which the parser reopens inside every block while they are left
/// open.
fn formatting(name: &[u8]) -> bool {
    matches!(
        name,
        b"a" | b"b"
            | b"big"
            | b"code"
            | b"em"
            | b"font"
            | b"i"
            | b"nobr"
            | b"s"
            | b"small"
            | b"strike"
            | b"strong"
            | b"tt"
            | b"u"
    )
}

/// Is `html` too complex by its tags: more than [`MAX_DEPTH`] elements open at once, more
/// than [`MAX_ELEMENTS`] elements counting those the parser reopens, or a tag of more than
/// [`MAX_ATTRIBUTES`] attributes? One pass over the bytes: comments, and the text of scripts
/// and styles, are skipped; an end tag closes the innermost element, whatever its name.
pub fn by_tags(html: &str) -> Option<TooComplex> {
    let b = html.as_bytes();
    // (end tags are found whatever their case: `</SCRIPT>`)
    let find = |from: usize, what: &[u8]| {
        b.get(from..)
            .and_then(|rest| {
                rest.windows(what.len())
                    .position(|w| w.eq_ignore_ascii_case(what))
            })
            .map(|p| from + p)
    };
    let (mut depth, mut elements, mut open_formatting) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(p) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'<'))
    {
        let lt = i + p;
        let Some(&next) = b.get(lt + 1) else {
            break;
        };
        if b[lt..].starts_with(b"<!--") {
            i = find(lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = next == b'/';
        let name_at = lt + 1 + usize::from(closing);
        let name_len = b.get(name_at..).map_or(0, |r| {
            r.iter().take_while(|c| c.is_ascii_alphanumeric()).count()
        });
        if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = b[name_at..name_at + name_len].to_ascii_lowercase();
        let Some(gt) = b[name_at..]
            .iter()
            .position(|&c| c == b'>')
            .map(|p| name_at + p)
        else {
            break;
        };
        i = gt + 1;
        if closing {
            if nests(&name) {
                depth = depth.saturating_sub(1);
            }
            if formatting(&name) {
                open_formatting = open_formatting.saturating_sub(1);
            }
            continue;
        }
        if b[name_at..gt].iter().filter(|&&c| c == b'=').count() > MAX_ATTRIBUTES {
            return Some(TooComplex::Attributes);
        }
        // (each element, and the formatting ones left open that the parser reopens in it)
        elements += 1 + open_formatting;
        if elements > MAX_ELEMENTS {
            return Some(TooComplex::Large);
        }
        if raw_text(&name) {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(&name);
            i = find(i, &end_tag).unwrap_or(b.len());
            continue;
        }
        let self_closing = gt > 0 && b[gt - 1] == b'/';
        if formatting(&name) && !self_closing {
            open_formatting += 1;
        }
        if nests(&name) && !self_closing {
            depth += 1;
            if depth > MAX_DEPTH {
                return Some(TooComplex::Deep);
            }
        }
    }
    None
}

/// Is the parsed page nested more than [`MAX_DEPTH`] deep, or larger than [`MAX_ELEMENTS`]
/// elements? Walked without recursion.
pub fn by_tree(doc: &Html) -> Option<TooComplex> {
    let (mut depth, mut elements) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                depth += 1;
                if depth > MAX_DEPTH + 1 {
                    return Some(TooComplex::Deep);
                }
                if node.value().is_element() {
                    elements += 1;
                    if elements > MAX_ELEMENTS {
                        return Some(TooComplex::Large);
                    }
                }
            }
            Edge::Close(_) => depth = depth.saturating_sub(1),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_a_page_too_complex_is_told_from_its_tags_and_from_its_tree() {
        let deep = |open: &str, n: usize| format!("<html><body>{}x</body></html>", open.repeat(n));
        let article = "<div><p>Text <b>bold</b> and <a href=\"/x?a=1&b=2\">a link</a>.</p></div>";
        let cases: Vec<(&str, String, Option<TooComplex>)> = vec![
            (
                "an article",
                format!("<html><body>{}</body></html>", article.repeat(500)),
                None,
            ),
            (
                "unclosed paragraphs and items",
                format!("<body><ul>{}</ul>", "<li><p>item".repeat(5_000)),
                None,
            ),
            (
                "void elements",
                format!("<body>{}", "<br><img src=x><hr/>".repeat(5_000)),
                None,
            ),
            (
                "tags inside a script",
                format!("<body><script>{}</SCRIPT>", "<div>".repeat(5_000)),
                None,
            ),
            (
                "tags inside a comment",
                format!("<body><!--{}-->", "<div>".repeat(5_000)),
                None,
            ),
            (
                "an unclosed bold before paragraphs",
                format!("<body><b>{}", "<p>x".repeat(5_000)),
                None,
            ),
            (
                "nested divs at the limit",
                deep("<div>", MAX_DEPTH - 3),
                None,
            ),
            (
                "nested divs past it",
                deep("<div>", MAX_DEPTH + 1),
                Some(TooComplex::Deep),
            ),
            (
                "unclosed bold past it",
                deep("<b>", MAX_DEPTH + 1),
                Some(TooComplex::Deep),
            ),
            (
                "upper-case tags past it",
                deep("<DIV class='a>b'>", MAX_DEPTH + 1),
                Some(TooComplex::Deep),
            ),
            (
                "formatting reopened in every paragraph",
                format!("<body><b><i><u><s><em>{}", "<p>x".repeat(40_000)),
                Some(TooComplex::Large),
            ),
            (
                "one element of many attributes",
                format!(
                    "<body><p {}>x</p>",
                    (0..1_500).map(|i| format!("a{i}=1 ")).collect::<String>()
                ),
                Some(TooComplex::Attributes),
            ),
        ];
        for (name, html, want) in cases {
            assert_eq!(by_tags(&html), want, "{name}: tags");
            // (the tree is checked where the tags tell exactly what it holds; the estimate of
            // reopened elements errs on the side of refusing)
            if !matches!(want, Some(TooComplex::Attributes | TooComplex::Large)) {
                let doc = Html::parse_document(&html);
                assert_eq!(by_tree(&doc), want, "{name}: tree");
            }
        }
    }
}
