//! Button custom ids that carry the whole request, so ◀ ▶ keep working after a restart:
//! nothing about a reply is kept in memory. An id is at most 100 characters; when a request
//! does not fit, the reply simply has no buttons.

use crate::extract::QuoteKind;
use crate::render::discord::limits;

/// What a topic search asks for: all a `/quotes` button needs to run it again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteQuery {
    pub text: String,
    pub speaker: Option<String>,
    pub source: Option<String>,
    pub kind: Option<QuoteKind>,
}

/// Prefix and version of every id this bot makes.
const PREFIX: &str = "ws1";

/// What a button pages through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Quotes(QuoteQuery),
    Speaker(String),
    Sources,
}

/// A page of a request, and who asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRef {
    pub target: Target,
    /// 1-based.
    pub page: usize,
    /// The user who asked: only they may turn the pages.
    pub user: u64,
}

fn esc(s: &str) -> String {
    s.replace('%', "%25").replace('|', "%7C")
}

fn unesc(s: &str) -> String {
    s.replace("%7C", "|").replace("%25", "%")
}

fn kind_code(k: Option<QuoteKind>) -> &'static str {
    match k {
        None => "-",
        Some(QuoteKind::Direct) => "d",
        Some(QuoteKind::Partial) => "p",
        Some(QuoteKind::Indirect) => "i",
        Some(QuoteKind::Mixed) => "m",
    }
}

fn kind_of(code: &str) -> Option<Option<QuoteKind>> {
    Some(match code {
        "-" => None,
        "d" => Some(QuoteKind::Direct),
        "p" => Some(QuoteKind::Partial),
        "i" => Some(QuoteKind::Indirect),
        "m" => Some(QuoteKind::Mixed),
        _ => return None,
    })
}

/// The custom id of a page, or `None` when it would be longer than Discord allows.
pub fn encode(r: &PageRef) -> Option<String> {
    let head = format!("{PREFIX}|{{}}|{}|{}", r.page, r.user);
    let id = match &r.target {
        Target::Quotes(q) => format!(
            "{}|{}|{}|{}|{}",
            head.replace("{}", "q"),
            kind_code(q.kind),
            esc(q.speaker.as_deref().unwrap_or("")),
            esc(q.source.as_deref().unwrap_or("")),
            esc(&q.text)
        ),
        Target::Speaker(name) => format!("{}|{}", head.replace("{}", "s"), esc(name)),
        Target::Sources => head.replace("{}", "r"),
    };
    (id.chars().count() <= limits::CUSTOM_ID).then_some(id)
}

/// Reads back a custom id made by [`encode`]; `None` for anything else.
pub fn decode(id: &str) -> Option<PageRef> {
    let mut parts = id.split('|');
    if parts.next()? != PREFIX {
        return None;
    }
    let what = parts.next()?;
    let page: usize = parts.next()?.parse().ok().filter(|p| *p >= 1)?;
    let user: u64 = parts.next()?.parse().ok()?;
    let opt = |s: &str| (!s.is_empty()).then(|| unesc(s));
    let target = match what {
        "q" => {
            let kind = kind_of(parts.next()?)?;
            let speaker = opt(parts.next()?);
            let source = opt(parts.next()?);
            let text = unesc(parts.next()?);
            Target::Quotes(QuoteQuery {
                text,
                speaker,
                source,
                kind,
            })
        }
        "s" => Target::Speaker(unesc(parts.next()?)),
        "r" => Target::Sources,
        _ => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(PageRef { target, page, user })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let cases = [
            Target::Quotes(QuoteQuery {
                text: "troops | 100% home".into(),
                speaker: Some("Donald Trump".into()),
                source: None,
                kind: Some(QuoteKind::Direct),
            }),
            Target::Quotes(QuoteQuery::default()),
            Target::Speaker("Bashar al-Assad".into()),
            Target::Sources,
        ];
        for target in cases {
            let r = PageRef {
                target,
                page: 3,
                user: 80351110224678912,
            };
            let id = encode(&r).unwrap();
            assert!(id.len() <= 100);
            assert_eq!(decode(&id), Some(r));
        }
    }

    #[test]
    fn too_long_is_none_and_junk_is_rejected() {
        let r = PageRef {
            target: Target::Speaker("x".repeat(95)),
            page: 1,
            user: 1,
        };
        assert_eq!(encode(&r), None);
        for junk in [
            "",
            "ws1",
            "ws1|q|0|1|-|||x",
            "ws1|z|1|1",
            "ws2|r|1|1",
            "ws1|r|1|1|extra",
        ] {
            assert_eq!(decode(junk), None, "{junk}");
        }
    }
}
