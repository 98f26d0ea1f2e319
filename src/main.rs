//! The `whosaid` binary: parse the command line, run it, report errors.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc rather than the system allocator: extraction allocates and frees many small
/// records per article and large tables per long article, and the system allocator hands the
/// large ones back to the kernel, which clears their pages again for the next article
/// (`cargo bench --bench extract`: a fifth faster over the BBC corpus, a third on long articles).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = whosaid::cli::Cli::parse();
    match whosaid::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each said once: many errors already name their cause.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain().map(|c| c.to_string()) {
        if !out.contains(&cause) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&cause);
        }
    }
    out
}
