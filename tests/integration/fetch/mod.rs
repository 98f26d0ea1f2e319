//! Issue 14: articles straight from the web. A small site served on 127.0.0.1 holds pages
//! written for these tests (invented outlets, people and events): articles declaring their
//! facts in JSON-LD, in OpenGraph or not at all, pages in legacy encodings, redirect chains,
//! things that are not articles, and answers that are too large or too slow. Nothing here
//! reaches beyond 127.0.0.1.
//!
//! - [`pages`]: golden metadata and body text, encodings, redirects, non-articles.
//! - [`safety`]: the address guard, redirect limits, size and time limits.
//! - [`ingest`]: a fetched article through extraction, `whosaid ingest URL`, and `/ingest url:`
//!   through the bot's handler, then `/quotes` citing the address.

mod ingest;
mod pages;
mod safety;
mod site;
