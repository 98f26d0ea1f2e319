//! The seed articles and the default knowledge file, built into the binary, so a `whosaid`
//! installed with `cargo install` answers from any directory before any corpus is set up.

use std::fs;
use std::io;
use std::path::Path;

/// The bundled seed corpus: file name and content.
pub const SEEDS: [(&str, &str); 4] = [
    (
        "000_36f1dbe5610932b2.txt",
        include_str!("../../seeds/000_36f1dbe5610932b2.txt"),
    ),
    (
        "001_f5eafe687d50122b.txt",
        include_str!("../../seeds/001_f5eafe687d50122b.txt"),
    ),
    (
        "002_4f2d630725e56182.txt",
        include_str!("../../seeds/002_4f2d630725e56182.txt"),
    ),
    ("sources.toml", include_str!("../../seeds/sources.toml")),
];

/// The bundled knowledge file.
pub const SPEAKERS: &str = include_str!("../../config/speakers.toml");

/// Writes the bundled seeds into `corpus` and the knowledge file to `speakers`, leaving any
/// file already there as it is.
pub fn install(corpus: &Path, speakers: &Path) -> io::Result<()> {
    fs::create_dir_all(corpus)?;
    for (name, text) in SEEDS {
        let path = corpus.join(name);
        if !path.exists() {
            fs::write(path, text)?;
        }
    }
    if !speakers.exists() {
        if let Some(dir) = speakers.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(speakers, SPEAKERS)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_seeds_are_the_repository_seeds() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (name, text) in SEEDS {
            let on_disk = fs::read_to_string(root.join("seeds").join(name)).unwrap();
            assert_eq!(on_disk, text, "{name}");
        }
        let dir = tempfile::tempdir().unwrap();
        install(&dir.path().join("seeds"), &dir.path().join("speakers.toml")).unwrap();
        let loaded = crate::corpus::load_paths(
            &[dir.path().join("seeds")],
            crate::corpus::LoadLimits::default(),
        );
        assert_eq!(loaded.articles.len(), 3);
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    }
}
