//! Discord bot tests, one binary: the shared handler fed Discord-shaped JSON, the HTTP
//! interactions endpoint with real Ed25519 signatures, the serenity client end to end against
//! a fake Discord on 127.0.0.1, and the `whosaid reply` / `serve` command lines.

mod cli;
mod collections;
mod correct;
mod e2e;
mod endpoint;
mod handler;
pub(crate) mod helpers;
pub(crate) mod ingest;
mod load;
