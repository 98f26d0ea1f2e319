//! What the benchmarks that work at scale share: the knowledge file, and the BBC corpus
//! scaled up by copies under new ids.

use std::io::Write;
use std::path::Path;
use whosaid::corpus::Article;
use whosaid::extract::Knowledge;

/// The shipped knowledge file, or none.
pub fn knowledge(root: &Path) -> Knowledge {
    std::fs::read_to_string(root.join("config/speakers.toml"))
        .ok()
        .and_then(|t| Knowledge::parse(&t).ok())
        .unwrap_or_default()
}

/// Writes `copies` copies of `articles` as JSONL, each copy under new ids. With
/// `collections` > 0, the first copy is the base and the others' articles are spread over
/// that many collections (`c0`, `c1`, …).
pub fn write_scaled(articles: &[Article], copies: usize, collections: usize, path: &Path) {
    let tmp = path.with_extension("tmp");
    let file = std::fs::File::create(&tmp).expect("scaled corpus file");
    let mut out = std::io::BufWriter::new(file);
    for k in 0..copies {
        for (i, a) in articles.iter().enumerate() {
            let mut line = serde_json::json!({
                "id": format!("{}-{k}", a.id),
                "title": a.title,
                "text": a.text,
                "outlet": a.outlet,
                "published": a.published.map(|d| d.to_string()),
            });
            if collections > 0 && k > 0 {
                line["collection"] = format!("c{}", (k * articles.len() + i) % collections).into();
            }
            serde_json::to_writer(&mut out, &line).expect("write");
            out.write_all(b"\n").expect("write");
        }
    }
    out.flush().expect("flush");
    drop(out);
    std::fs::rename(&tmp, path).expect("rename");
}
