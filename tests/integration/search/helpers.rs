//! Shared fixtures: an index of the seed articles, built once per test run.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use whosaid::corpus::{load_paths, Article, LoadLimits};
use whosaid::extract::{Extractor, Knowledge};
use whosaid::index::{rebuild, BuildOptions, IndexSpec, QuoteIndex, Silent};
use whosaid::search::{search, SearchRequest, SearchResults};

/// A path inside the repository.
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub fn knowledge() -> Knowledge {
    let text = std::fs::read_to_string(repo_path("config/speakers.toml")).expect("speakers.toml");
    Knowledge::parse(&text).expect("speakers.toml parses")
}

/// A scratch directory under the target directory, unique to this process and `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("search-tests-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Builds an index of `corpus` into `dir`.
pub fn build_index(corpus: &Path, dir: &Path) -> QuoteIndex {
    let spec = IndexSpec {
        corpus: corpus.to_path_buf(),
        dir: dir.to_path_buf(),
        limits: LoadLimits::default(),
        options: BuildOptions {
            writer_memory_bytes: 32 << 20,
            threads: 1,
        },
    };
    rebuild(&spec, &Extractor::new(knowledge()), &mut Silent).expect("index builds");
    QuoteIndex::open(dir).expect("index opens")
}

/// The index of the seed articles, shared by the tests of this binary.
pub fn seeds() -> &'static QuoteIndex {
    static INDEX: OnceLock<QuoteIndex> = OnceLock::new();
    INDEX.get_or_init(|| build_index(&repo_path("seeds"), &scratch("seeds-index")))
}

/// The seed articles, as loaded from disk.
pub fn seed_articles() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| load_paths(&[repo_path("seeds")], LoadLimits::default()).articles)
}

pub fn article(id: &str) -> &'static Article {
    seed_articles()
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no seed article {id}"))
}

/// Runs a search over the seeds index.
pub fn run(req: &SearchRequest) -> SearchResults {
    search(seeds(), req).unwrap_or_else(|e| panic!("search {req:?} failed: {e}"))
}

pub use crate::helpers::{stderr, stdout, whosaid_in};

/// Copies the seeds into a scratch directory (to change them without touching the repository).
pub fn copy_seeds(name: &str) -> PathBuf {
    let dir = scratch(name);
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for entry in std::fs::read_dir(repo_path("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    dir
}
