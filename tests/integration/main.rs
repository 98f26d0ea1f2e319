//! Integration tests, one binary: each module covers one face of the crate, with shared
//! helpers in [`helpers`] (and, for the index and the bot, in `search::helpers` and
//! `discord::helpers`).
//!
//! - [`corpus`], [`cli`], [`extract_gold`], [`extract_props`]: loading articles, the
//!   `extract` command, extraction quality on the seeds' gold annotations, property tests.
//! - [`search`]: the index and search — golden searches, fact checks, citations, hostile
//!   input, ingest, fuzzing of the query path.
//! - [`discord`]: the bot — the shared handler, the signed HTTP endpoint, the serenity client
//!   end to end against a fake Discord, ingest through `/ingest`, the command lines.
//! - [`fetch`]: articles fetched from a test site on 127.0.0.1 — metadata, bodies, encodings,
//!   the address guard and limits, `whosaid fetch`/`ingest URL` and `/ingest url:`.

mod cli;
mod corpus;
mod discord;
mod extract_gold;
mod extract_props;
mod fetch;
mod helpers;
mod search;
