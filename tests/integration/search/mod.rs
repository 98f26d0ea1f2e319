//! Integration tests of the index and search, one binary: golden searches and phrase checks
//! over the seed articles, citation invariants, hostile input, and the command line.

mod check;
mod cli;
mod concurrency;
mod corrections;
mod evidence;
mod failures;
mod fuzz;
mod golden;
mod helpers;
mod ingest;
mod invariants;
mod store;
