//! Articles sent to a running index (`/ingest`, `whosaid ingest`): one `.txt` or `.jsonl`
//! file, checked as a whole before anything is stored.
//!
//! The corpus loader skips a bad line and goes on, which suits a corpus on disk. An upload is
//! all or nothing instead: a file with one broken line is refused with every problem named,
//! so the sender can fix it and send it again without wondering what was kept.

use super::load::{decode, parse_json_article};
use super::{Article, Date, LoadLimits};
use std::collections::HashSet;

/// Metadata given with a `.txt` file (a JSONL line carries its own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadMeta {
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
}

/// Why a file was refused. Every message says what to send instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("{name}: only .txt (one article) and .jsonl (one article a line) files can be added")]
    UnsupportedFile { name: String },
    #[error("{name} is empty")]
    Empty { name: String },
    #[error("{name} is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("{name} looks like a binary file, not text (byte {offset} is a control character)")]
    Binary { name: String, offset: usize },
    #[error("{name} is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8")]
    NotUtf8 { name: String, offset: usize },
    #[error("{name} has {} bad line(s), so nothing was added: {}", .lines.len(), .lines.join("; "))]
    BadLines { name: String, lines: Vec<String> },
    #[error("{name}: the outlet, date and address options only go with a .txt file; a JSONL line carries its own")]
    MetaWithJsonl { name: String },
}

/// Most bad lines named in a refusal.
const MAX_LINES_NAMED: usize = 5;

/// The articles of an uploaded file named `name` (its extension says the format). Each
/// article's id comes from its URL, else from its text (see [`super::article_id`]); the file
/// name (or a JSONL line's own id) is only a fallback headline.
pub fn parse_upload(
    name: &str,
    bytes: &[u8],
    meta: &UploadMeta,
    limits: LoadLimits,
) -> Result<Vec<Article>, UploadError> {
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    let (stem, jsonl) = if let Some(stem) = lower.strip_suffix(".txt") {
        (&name[..stem.len()], false)
    } else if lower.ends_with(".jsonl") {
        ("", true)
    } else {
        return Err(UploadError::UnsupportedFile { name: name.into() });
    };
    let limit = if jsonl {
        limits.max_file_bytes
    } else {
        limits.max_article_bytes
    };
    if bytes.len() as u64 > limit {
        return Err(UploadError::TooLarge {
            name: name.into(),
            size: bytes.len() as u64,
            limit,
        });
    }
    if let Some(offset) = bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
    {
        return Err(UploadError::Binary {
            name: name.into(),
            offset,
        });
    }
    let text = decode(bytes.to_vec()).map_err(|e| match e {
        super::SkipReason::NotUtf8 { offset } => UploadError::NotUtf8 {
            name: name.into(),
            offset,
        },
        _ => UploadError::NotUtf8 {
            name: name.into(),
            offset: 0,
        },
    })?;
    if text.trim().is_empty() {
        return Err(UploadError::Empty { name: name.into() });
    }
    if !jsonl {
        let mut article = Article::from_text(super::article_id(meta.url.as_deref(), &text), text);
        if article.title.is_empty() {
            article.title = stem.trim().to_string();
        }
        article.added_as = Some(name.to_string());
        article.outlet = meta.outlet.clone();
        article.published = meta.published;
        article.url = meta.url.clone();
        return Ok(vec![article]);
    }
    if *meta != UploadMeta::default() {
        return Err(UploadError::MetaWithJsonl { name: name.into() });
    }
    let mut articles = Vec::new();
    let mut bad = Vec::new();
    let mut ids = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        if line.len() as u64 > limits.max_article_bytes {
            bad.push(format!(
                "line {n}: {} bytes, over the limit of {} bytes",
                line.len(),
                limits.max_article_bytes
            ));
            continue;
        }
        match parse_json_article(line) {
            Ok((mut article, bad_date)) => {
                let given = std::mem::replace(
                    &mut article.id,
                    super::article_id(article.url.as_deref(), &article.text),
                );
                if article.title.trim().is_empty() {
                    article.title = given.clone();
                }
                article.added_as = Some(format!("{name}, id {given}"));
                if let Some(raw) = bad_date {
                    bad.push(format!(
                        "line {n}: unreadable date {raw:?} (use YYYY-MM-DD)"
                    ));
                } else if !ids.insert(article.id.clone()) {
                    bad.push(format!(
                        "line {n}: the same {} as an earlier line",
                        if article.url.is_some() {
                            "address"
                        } else {
                            "text"
                        }
                    ));
                } else {
                    articles.push(article);
                }
            }
            Err(reason) => bad.push(format!("line {n}: {reason}")),
        }
    }
    if !bad.is_empty() {
        let more = bad.len().saturating_sub(MAX_LINES_NAMED);
        bad.truncate(MAX_LINES_NAMED);
        if more > 0 {
            bad.push(format!("and {more} more"));
        }
        return Err(UploadError::BadLines {
            name: name.into(),
            lines: bad,
        });
    }
    if articles.is_empty() {
        return Err(UploadError::Empty { name: name.into() });
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, bytes: &[u8]) -> Result<Vec<Article>, UploadError> {
        parse_upload(name, bytes, &UploadMeta::default(), LoadLimits::default())
    }

    #[test]
    fn good_files_give_articles() {
        let a = parse("Story One.TXT", b"Headline\n\n\"Hi,\" she said.").unwrap();
        // the id is the text's, not the file's name (issue 11)
        assert_eq!(
            a[0].id,
            crate::corpus::article_id(None, "Headline\n\n\"Hi,\" she said.")
        );
        assert_eq!(a[0].title, "Headline");
        let b = parse("other.txt", b"Headline\n\n\"Hi,\" she said.").unwrap();
        assert_eq!(a[0].id, b[0].id, "the same text under another name");
        let a = parse(
            "feed.jsonl",
            b"{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":2,\"text\":\"y\"}\n",
        )
        .unwrap();
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn bad_files_are_refused_whole() {
        let small = LoadLimits {
            max_article_bytes: 10,
            max_file_bytes: 10,
        };
        let cases: Vec<(&str, &[u8], &str)> = vec![
            ("a.pdf", b"x", "only .txt"),
            ("a.txt", b"", "empty"),
            ("a.txt", b"  \n ", "empty"),
            ("a.txt", b"\x89PNG\r\n\x1a\n\0\0", "binary"),
            ("a.txt", b"caf\xe9", "not UTF-8"),
            (
                "a.jsonl",
                b"{\"id\":\"a\",\"text\":\"x\"}\n{broken\n",
                "1 bad line",
            ),
            (
                "a.jsonl",
                b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"x\"}",
                "the same text as an earlier line",
            ),
            ("a.jsonl", b"{\"id\":\"a\"}", "text"),
            (
                "a.jsonl",
                b"{\"id\":\"a\",\"text\":\"x\",\"published\":\"soon\"}",
                "date",
            ),
        ];
        for (name, bytes, wanted) in cases {
            let e = parse(name, bytes).unwrap_err().to_string();
            assert!(e.contains(wanted), "{name} {bytes:?}: {e}");
        }
        let e = parse_upload("a.txt", b"0123456789ab", &UploadMeta::default(), small)
            .unwrap_err()
            .to_string();
        assert!(e.contains("over the limit"), "{e}");
        let meta = UploadMeta {
            outlet: Some("X".into()),
            ..UploadMeta::default()
        };
        let e = parse_upload("a.jsonl", b"{}", &meta, LoadLimits::default()).unwrap_err();
        assert!(matches!(e, UploadError::MetaWithJsonl { .. }));
    }
}
