//! whosaid: find who said what in news articles, with citations.
//!
//! Data flows one way: [`corpus`] loads articles, [`extract`] finds and attributes their
//! quotes. `extract` is pure; file access lives in `corpus` and the command line in [`cli`].

pub mod cli;
pub mod config;
pub mod corpus;
pub mod discord;
pub mod extract;
pub mod index;
pub mod render;
pub mod search;
pub mod text;
