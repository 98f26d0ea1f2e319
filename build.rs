//! Build script: fingerprints the code that decides what goes into the search index.
//!
//! An index built by older extraction or indexing code is stale even when the corpus has not
//! changed. The fingerprint of `src/corpus`, `src/extract`, `src/index` and `src/text.rs` is
//! compiled in as `WHOSAID_INDEX_CODE`, stored in the index manifest and compared on open.

use std::fs;
use std::path::{Path, PathBuf};

const INPUTS: [&str; 4] = ["src/corpus", "src/extract", "src/index", "src/text.rs"];

fn main() {
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        collect(Path::new(input), &mut files);
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        let name = file.to_string_lossy();
        let bytes = fs::read(file).unwrap_or_default();
        for b in name
            .as_bytes()
            .iter()
            .chain([0u8].iter())
            .chain(bytes.iter())
        {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=WHOSAID_INDEX_CODE={hash:016x}");
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        if let Ok(entries) = fs::read_dir(path) {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}
