use super::{Article, Corrections, Date, Sources, CORRECTIONS_FILE, INGEST_DIR, SOURCES_FILE};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Size limits that keep one oversized input from exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct LoadLimits {
    /// Largest single article (a `.txt` file or one JSONL line), in bytes.
    pub max_article_bytes: u64,
    /// Largest `.jsonl` file, in bytes.
    pub max_file_bytes: u64,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            max_article_bytes: 4 * 1024 * 1024,
            max_file_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// What was loaded, and what was not and why.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    /// Inputs (files or JSONL lines) that were not loaded.
    pub skipped: Vec<Skipped>,
    /// Articles that were loaded but with a problem worth knowing (e.g. an unreadable date).
    pub warnings: Vec<Skipped>,
    /// The team's corrections kept in the corpus directories loaded.
    pub corrections: Corrections,
}

/// One input that was not loaded (or loaded with a warning), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    /// 1-based line number inside a JSONL file.
    pub line: Option<usize>,
    pub reason: SkipReason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("no such file or directory")]
    NotFound,
    #[error("not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("empty article")]
    Empty,
    #[error("{size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("duplicate article id {id:?} (first loaded from {first})")]
    DuplicateId { id: String, first: String },
    #[error("not an article file (expected .txt or .jsonl)")]
    UnsupportedFile,
    #[error("bad {file}: {message}")]
    BadSources { file: &'static str, message: String },
    #[error("article {id:?} replaced by the copy added later in {by}")]
    Replaced { id: String, by: String },
    #[error("unreadable date {0:?}; loaded without a date")]
    BadDate(String),
    #[error("unreadable correction ({0}); left in the file, not applied")]
    BadCorrection(String),
}

/// Loads every article under `paths`: `.txt` and `.jsonl` files, directories read
/// recursively (hidden entries ignored, files in name order). Problems are collected in the
/// returned [`Corpus`]; this function itself never fails.
pub fn load_paths<P: AsRef<Path>>(paths: &[P], limits: LoadLimits) -> Corpus {
    load(paths, limits, None)
}

/// [`load_paths`], handing each article to `each` as it is read instead of keeping it: the
/// returned [`Corpus`] has no articles. The second argument of `each` says the article
/// replaces one handed over before (an article added while the index was in use, see
/// [`Corpus`]): the caller drops the earlier one. Memory stays that of one article.
pub fn stream_paths<P: AsRef<Path>>(
    paths: &[P],
    limits: LoadLimits,
    each: &mut dyn FnMut(Article, bool),
) -> Corpus {
    load(paths, limits, Some(each))
}

fn load<P: AsRef<Path>>(
    paths: &[P],
    limits: LoadLimits,
    sink: Option<&mut dyn FnMut(Article, bool)>,
) -> Corpus {
    let mut loader = Loader {
        limits,
        corpus: Corpus::default(),
        seen: HashMap::new(),
        sink,
    };
    for path in paths {
        let path = path.as_ref();
        loader.load_path(path, true, 0);
        loader.read_corrections(path);
    }
    loader.corpus
}

struct Loader<'a> {
    limits: LoadLimits,
    corpus: Corpus,
    /// Article id → the file it was first loaded from.
    seen: HashMap<String, PathBuf>,
    /// Where articles go when they are streamed rather than kept.
    sink: Option<&'a mut dyn FnMut(Article, bool)>,
}

const MAX_DEPTH: usize = 32;

impl Loader<'_> {
    /// The corrections kept in the corpus directory `dir` (none for a file).
    fn read_corrections(&mut self, dir: &Path) {
        let file = Corrections::path(dir);
        match Corrections::read(dir) {
            Ok(read) => {
                for why in read.unreadable {
                    self.corpus.warnings.push(Skipped {
                        path: file.clone(),
                        line: None,
                        reason: SkipReason::BadCorrection(why),
                    });
                }
                self.corpus.corrections.log.extend(read.log);
            }
            Err(e) => self.skip(&file, None, SkipReason::Io(e.to_string())),
        }
    }

    fn skip(&mut self, path: &Path, line: Option<usize>, reason: SkipReason) {
        self.corpus.skipped.push(Skipped {
            path: path.to_path_buf(),
            line,
            reason,
        });
    }

    fn load_path(&mut self, path: &Path, explicit: bool, depth: usize) {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return self.skip(path, None, SkipReason::NotFound)
            }
            Err(e) => return self.skip(path, None, SkipReason::Io(e.to_string())),
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                self.load_dir(path, depth);
            }
            return;
        }
        match extension(path).as_deref() {
            Some("txt") => self.load_txt(path, meta.len(), &Sources::default()),
            Some("jsonl") => self.load_jsonl(path, meta.len()),
            _ if explicit => self.skip(path, None, SkipReason::UnsupportedFile),
            _ => {}
        }
    }

    fn load_dir(&mut self, dir: &Path, depth: usize) {
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return self.skip(dir, None, SkipReason::Io(e.to_string())),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    // the team's corrections are not articles
                    .is_some_and(|n| !n.starts_with('.') && n != CORRECTIONS_FILE)
            })
            .collect();
        // Articles added while the index was in use come last, in the order of a rebuild.
        paths.sort_by_key(|p| (p.file_name().is_some_and(|n| n == INGEST_DIR), p.clone()));
        let sources = self.read_sources(dir);
        for path in paths {
            if path.is_dir() {
                self.load_path(&path, false, depth + 1);
            } else if extension(&path).as_deref() == Some("txt") {
                match fs::metadata(&path) {
                    Ok(m) => self.load_txt(&path, m.len(), &sources),
                    Err(e) => self.skip(&path, None, SkipReason::Io(e.to_string())),
                }
            } else {
                self.load_path(&path, false, depth + 1);
            }
        }
    }

    fn read_sources(&mut self, dir: &Path) -> Sources {
        let path = dir.join(SOURCES_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Sources::default(),
            Err(e) => {
                self.skip(&path, None, SkipReason::Io(e.to_string()));
                return Sources::default();
            }
        };
        Sources::parse(&text).unwrap_or_else(|message| {
            self.skip(
                &path,
                None,
                SkipReason::BadSources {
                    file: SOURCES_FILE,
                    message,
                },
            );
            Sources::default()
        })
    }

    fn load_txt(&mut self, path: &Path, size: u64, sources: &Sources) {
        let limit = self.limits.max_article_bytes;
        if size > limit {
            return self.skip(path, None, SkipReason::TooLarge { size, limit });
        }
        let bytes = match read_capped(path, limit) {
            Ok(b) => b,
            Err(reason) => return self.skip(path, None, reason),
        };
        let text = match decode(bytes) {
            Ok(t) => t,
            Err(reason) => return self.skip(path, None, reason),
        };
        if text.trim().is_empty() {
            return self.skip(path, None, SkipReason::Empty);
        }
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut article = Article::from_text(id, text);
        if let Some(meta) = sources.articles.get(&article.id) {
            if let Some(title) = &meta.title {
                article.title = title.clone();
            }
            article.outlet = meta.outlet.clone();
            article.url = meta.url.clone();
            article.published = meta.published;
            article.metadata_inferred = meta.inferred;
        }
        self.add(path, None, article);
    }

    fn load_jsonl(&mut self, path: &Path, size: u64) {
        let limit = self.limits.max_file_bytes;
        if size > limit {
            return self.skip(path, None, SkipReason::TooLarge { size, limit });
        }
        let file = match fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return self.skip(path, None, SkipReason::Io(e.to_string())),
        };
        let mut reader = BufReader::new(file);
        let mut buf = Vec::new();
        let mut line_no = 0;
        let mut loaded_any = false;
        loop {
            buf.clear();
            line_no += 1;
            // Read at most one byte past the limit, so an endless line cannot fill memory.
            let cap = self.limits.max_article_bytes + 1;
            let read = match (&mut reader).take(cap).read_until(b'\n', &mut buf) {
                Ok(n) => n,
                Err(e) => return self.skip(path, Some(line_no), SkipReason::Io(e.to_string())),
            };
            if read == 0 {
                break;
            }
            if buf.len() as u64 >= cap && buf.last() != Some(&b'\n') {
                let mut size = buf.len() as u64;
                // Skip the rest of the oversized line.
                loop {
                    buf.clear();
                    match (&mut reader).take(1 << 20).read_until(b'\n', &mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            size += n as u64;
                            if buf.last() == Some(&b'\n') {
                                break;
                            }
                        }
                        Err(_) => break,
                    }
                }
                let limit = self.limits.max_article_bytes;
                self.skip(path, Some(line_no), SkipReason::TooLarge { size, limit });
                continue;
            }
            let line = match std::str::from_utf8(&buf) {
                Ok(l) => l,
                Err(e) => {
                    let offset = e.valid_up_to();
                    self.skip(path, Some(line_no), SkipReason::NotUtf8 { offset });
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match parse_json_article(line) {
                Ok((article, bad_date)) => {
                    if let Some(raw) = bad_date {
                        self.corpus.warnings.push(Skipped {
                            path: path.to_path_buf(),
                            line: Some(line_no),
                            reason: SkipReason::BadDate(raw),
                        });
                    }
                    loaded_any |= self.add(path, Some(line_no), article);
                }
                Err(reason) => self.skip(path, Some(line_no), reason),
            }
        }
        if !loaded_any && line_no <= 2 && !self.corpus.skipped.iter().any(|s| s.path == path) {
            self.skip(path, None, SkipReason::Empty);
        }
    }

    /// Adds an article unless its id is taken. Returns whether it was added. An article in
    /// an [`INGEST_DIR`] (added while the index was in use) replaces an earlier one with its
    /// id instead, which is noted as a warning.
    fn add(&mut self, path: &Path, line: Option<usize>, article: Article) -> bool {
        let ingested = path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == INGEST_DIR);
        if let Some(first) = self.seen.get(&article.id).filter(|_| ingested) {
            let earlier = first.clone();
            if self.sink.is_none() {
                if let Some(i) = self.corpus.articles.iter().position(|a| a.id == article.id) {
                    self.corpus.articles.remove(i);
                }
            }
            self.corpus.warnings.push(Skipped {
                path: earlier,
                line: None,
                reason: SkipReason::Replaced {
                    id: article.id.clone(),
                    by: path.display().to_string(),
                },
            });
            self.seen.insert(article.id.clone(), path.to_path_buf());
            self.keep(article, true);
            return true;
        }
        if let Some(first) = self.seen.get(&article.id) {
            let reason = SkipReason::DuplicateId {
                id: article.id,
                first: first.display().to_string(),
            };
            self.skip(path, line, reason);
            return false;
        }
        self.seen.insert(article.id.clone(), path.to_path_buf());
        self.keep(article, false);
        true
    }

    /// Keeps `article`, or hands it to the sink.
    fn keep(&mut self, article: Article, replaces: bool) {
        match self.sink.as_mut() {
            Some(sink) => sink(article, replaces),
            None => self.corpus.articles.push(article),
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, SkipReason> {
    let file = fs::File::open(path).map_err(|e| SkipReason::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// UTF-8 text without a byte-order mark.
pub(super) fn decode(mut bytes: Vec<u8>) -> Result<String, SkipReason> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| SkipReason::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<JsonId>,
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    collection: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonId {
    Text(String),
    Number(serde_json::Number),
}

/// Longest article id, in bytes: every quote carries its article's id, and an id names the
/// article in every answer, so an id of megabytes is no id.
pub const MAX_ID_BYTES: usize = 256;

/// Parses one JSONL line. On success also returns the raw `published` value when it was
/// present but not a date.
pub(super) fn parse_json_article(line: &str) -> Result<(Article, Option<String>), SkipReason> {
    let raw: JsonArticle =
        serde_json::from_str(line).map_err(|e| SkipReason::MalformedJson(e.to_string()))?;
    let id = match raw.id {
        Some(JsonId::Text(s)) => s.trim().to_string(),
        Some(JsonId::Number(n)) => n.to_string(),
        None => return Err(SkipReason::MalformedJson("missing field `id`".into())),
    };
    if id.is_empty() {
        return Err(SkipReason::MalformedJson("empty `id`".into()));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(SkipReason::MalformedJson(format!(
            "`id` longer than {MAX_ID_BYTES} bytes"
        )));
    }
    let text = raw
        .text
        .ok_or_else(|| SkipReason::MalformedJson("missing field `text`".into()))?;
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let title = nonempty(raw.title).unwrap_or_default();
    let (published, bad_date) = match nonempty(raw.published) {
        Some(p) => match Date::parse(&p) {
            Some(d) => (Some(d), None),
            None => (None, Some(p)),
        },
        None => (None, None),
    };
    let article = Article {
        id,
        title,
        text,
        outlet: nonempty(raw.outlet),
        url: nonempty(raw.url),
        published,
        metadata_inferred: false,
        added_as: None,
        collection: match nonempty(raw.collection) {
            Some(c) => Some(
                super::collection_name(&c)
                    .map_err(|e| SkipReason::MalformedJson(format!("collection: {e}")))?,
            ),
            None => None,
        },
    };
    Ok((article, bad_date))
}
