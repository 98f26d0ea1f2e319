//! Where an added article goes and whether it is new: its file in the corpus directory (so a
//! rebuild from the corpus gives the same index) and its classification against what the
//! index already holds — the same text, the same address with another text, a replacement
//! asked for — seen from the collection adding it.

use crate::corpus::{name_hash, text_fingerprint, Article, INGEST_DIR};
use crate::index::ingest::{IngestReport, Replace};
use crate::index::store::StoreBatch;
use crate::index::IndexError;
use std::fs;
use std::path::{Path, PathBuf};

/// The corpus file an ingested article is kept in: `ingested/<id>-<hash>.jsonl` (the id
/// cut to safe characters, the hash of the whole id so two ids never share a file).
pub fn corpus_file(corpus: &Path, id: &str) -> PathBuf {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let safe = safe.trim_start_matches(['_', '-']);
    let hash = name_hash(id);
    let name = if safe.is_empty() {
        format!("{hash}.jsonl")
    } else {
        format!("{safe}-{hash}.jsonl")
    };
    corpus.join(INGEST_DIR).join(name)
}

/// One JSONL line holding the article, as the corpus loader reads it back.
pub(crate) fn corpus_line(article: &Article) -> Result<String, IndexError> {
    let mut v = serde_json::json!({
        "id": article.id,
        "title": article.title,
        "text": article.text,
    });
    if let Some(o) = &article.outlet {
        v["outlet"] = o.clone().into();
    }
    if let Some(u) = &article.url {
        v["url"] = u.clone().into();
    }
    if let Some(d) = article.published {
        v["published"] = d.to_string().into();
    }
    if let Some(c) = &article.collection {
        v["collection"] = c.clone().into();
    }
    let mut line = serde_json::to_string(&v).map_err(|e| IndexError::Corrupt {
        path: PathBuf::from(&article.id),
        message: e.to_string(),
    })?;
    line.push('\n');
    Ok(line)
}

/// Splits the incoming articles (distinct ids) into those to add, with whether they replace
/// an article, and those already indexed (listed in the report). Each article to add is
/// recorded in `known`, so a later one of the same batch sees it.
pub(crate) fn classify(
    articles: Vec<Article>,
    known: &mut StoreBatch,
    replace: Replace<'_>,
    report: &mut IngestReport,
) -> Result<Vec<(Article, bool)>, IndexError> {
    let mut out: Vec<(Article, bool)> = Vec::new();
    for article in articles {
        let print = text_fingerprint(&article.text);
        let label = match &article.added_as {
            Some(name) => format!("{} ({name})", article.id),
            None => article.id.clone(),
        };
        let indexed = known.get(&article.id)?;
        if indexed.as_ref().is_some_and(|k| k.fingerprint == print) {
            report.skipped.push(format!(
                "{label}: already indexed with the same text; nothing added"
            ));
            continue;
        }
        // a duplicate is looked for only among the articles the adding collection sees
        let mut twin = None;
        for other in known.ids_with_text(&print)? {
            let owner = known.get(&other)?.and_then(|k| k.collection);
            if owner.is_none() || owner == article.collection {
                twin = Some(other);
                break;
            }
        }
        if let Some(other) = twin {
            report.skipped.push(format!(
                "{label}: same text as the indexed article {other}; nothing added"
            ));
            continue;
        }
        let replaced = indexed.is_some();
        let asked = match replace {
            Replace::Only(ids) => ids.contains(&article.id),
            Replace::SameId => replaced,
        };
        if replaced && !asked {
            report.skipped.push(format!(
                "{label}: an article with this id (the same address) is already indexed with \
                 another text; nothing added (to replace it, ask: `whosaid ingest --replace {id} FILE`, \
                 or `replace:` on /ingest)",
                id = article.id
            ));
            continue;
        }
        if asked && !replaced {
            report.skipped.push(format!(
                "{label}: no article with this id is indexed; nothing replaced"
            ));
            continue;
        }
        if indexed.is_some_and(|k| k.collection != article.collection) {
            // an article is replaced only from its own collection; the base never from one
            report.skipped.push(format!(
                "{label}: that article is not one of this collection's; nothing replaced"
            ));
            continue;
        }
        known.put(&article.id, article.collection.as_deref(), &print)?;
        out.push((article, replaced));
    }
    Ok(out)
}

/// Writes `article`'s corpus file and flushes it, leaving the directory to be flushed once
/// after the batch's files ([`CorpusWrite::flush`]).
fn write_corpus_file(corpus: &Path, article: &Article) -> Result<(), IndexError> {
    let path = corpus_file(corpus, &article.id);
    let parent = corpus.join(INGEST_DIR);
    fs::create_dir_all(&parent).map_err(|source| IndexError::Io {
        path: parent.clone(),
        source,
    })?;
    // The temporary name starts with a dot: the corpus loader never reads it.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.tmp"));
    crate::index::manifest::write_flushed(&path, &tmp, corpus_line(article)?.as_bytes())
}

/// The corpus files one batch of an ingest wrote, until its quotes are committed: undone, the
/// corpus is as it was before, so an ingest stopped by an error (a full disk) leaves no
/// article in the corpus that is not in the index.
#[derive(Debug, Default)]
pub(crate) struct CorpusWrite {
    /// Each file written, and where its earlier version (a replaced article's) was kept.
    written: Vec<(PathBuf, Option<PathBuf>)>,
}

impl CorpusWrite {
    /// Writes `article`'s corpus file. An earlier file of the same article is kept under a
    /// hidden temporary name (a link, which costs no space) until [`Self::keep`] or
    /// [`Self::undo`]; a writer killed meanwhile leaves it to be removed at the next start.
    pub(crate) fn write(&mut self, corpus: &Path, article: &Article) -> Result<(), IndexError> {
        let path = corpus_file(corpus, &article.id);
        let earlier = if path.is_file() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let kept = path.with_file_name(format!(".{name}.earlier.tmp"));
            let _ = fs::remove_file(&kept);
            fs::hard_link(&path, &kept).map_err(|source| IndexError::Io {
                path: kept.clone(),
                source,
            })?;
            Some(kept)
        } else {
            None
        };
        self.written.push((path, earlier.clone()));
        write_corpus_file(corpus, article)
    }

    /// Makes the files written so far durable: their names, in one flush of the directory
    /// (each file's contents were flushed as it was written). Called before the batch's
    /// quotes are committed, so the corpus always holds what the index commits.
    pub(crate) fn flush(&self, corpus: &Path) -> Result<(), IndexError> {
        if self.written.is_empty() {
            return Ok(());
        }
        let dir = corpus.join(INGEST_DIR);
        crate::index::manifest::sync_dir(Some(&dir)).map_err(|source| IndexError::Io {
            path: dir.clone(),
            source,
        })
    }

    /// The batch is committed: the earlier versions go.
    pub(crate) fn keep(self) {
        for (_, earlier) in self.written {
            if let Some(earlier) = earlier {
                let _ = fs::remove_file(earlier);
            }
        }
    }

    /// The batch failed: every file written goes, and every earlier version comes back.
    pub(crate) fn undo(self) {
        for (path, earlier) in self.written.into_iter().rev() {
            match earlier {
                Some(earlier) => {
                    let _ = fs::rename(&earlier, &path);
                }
                None => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }
}

/// Removes the temporary files a killed writer left: `.*.tmp` corpus files in `ingested/` and
/// `*.tmp` side tables in the index directory. Only call it holding the index's writer: then
/// no other process is writing any of them.
pub(crate) fn remove_stray_temporaries(corpus: &Path, index: &Path) {
    let stray = |dir: &Path, hidden: bool| {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") && name.starts_with('.') == hidden && entry.path().is_file() {
                let _ = fs::remove_file(entry.path());
            }
        }
    };
    stray(&corpus.join(INGEST_DIR), true);
    stray(index, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_files_are_safe_and_distinct() {
        let c = Path::new("corpus");
        let a = corpus_file(c, "../../etc/passwd");
        assert!(a.starts_with("corpus/ingested"));
        assert_eq!(a.components().count(), 3);
        assert_ne!(corpus_file(c, "a/b"), corpus_file(c, "a_b"));
        let hidden = corpus_file(c, ".x");
        let name = hidden.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "{name}");
    }

    /// Issue 12: a batch stopped before its commit (a full disk) leaves the corpus exactly as
    /// it was, a replaced article's earlier text included.
    #[test]
    fn an_undone_corpus_write_leaves_the_corpus_as_it_was() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path();
        let old = Article::from_text("kept", "Old headline\n\nThe old text.");
        write_corpus_file(corpus, &old).expect("written");
        let before = fs::read(corpus_file(corpus, "kept")).expect("read");

        let mut write = CorpusWrite::default();
        write
            .write(
                corpus,
                &Article::from_text("kept", "New headline\n\nA new text."),
            )
            .expect("replaced");
        write
            .write(
                corpus,
                &Article::from_text("fresh", "Fresh\n\nAnother text."),
            )
            .expect("added");
        assert_ne!(fs::read(corpus_file(corpus, "kept")).expect("read"), before);
        write.undo();

        assert_eq!(fs::read(corpus_file(corpus, "kept")).expect("read"), before);
        assert!(!corpus_file(corpus, "fresh").exists());
        let names: Vec<String> = fs::read_dir(corpus.join(INGEST_DIR))
            .expect("ingested")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "no earlier copy or temporary is left: {names:?}"
        );
    }

    #[test]
    fn a_kept_corpus_write_drops_the_earlier_copies() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path();
        write_corpus_file(corpus, &Article::from_text("kept", "Old\n\nThe old text."))
            .expect("written");
        let mut write = CorpusWrite::default();
        let new = Article::from_text("kept", "New\n\nA new text.");
        write.write(corpus, &new).expect("replaced");
        write.keep();
        let names: Vec<String> = fs::read_dir(corpus.join(INGEST_DIR))
            .expect("ingested")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let text = fs::read_to_string(corpus_file(corpus, "kept")).expect("read");
        assert!(text.contains("A new text."), "{text}");
    }
}
