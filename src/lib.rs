//! whosaid: find who said what in news articles, with citations.
//!
//! Data flows one way: [`corpus`] loads articles, [`extract`] finds and attributes their
//! quotes, [`index`] keeps them in a search index on disk, [`search`] answers questions from
//! it and [`render`] turns the answers into text. `extract` and `search` are pure; file access
//! lives in `corpus` and `index`, the web in [`fetch`], and the command line in [`cli`].

pub mod cli;
pub mod config;
pub mod corpus;
pub mod discord;
pub mod extract;
pub mod fetch;
pub mod index;
pub mod render;
pub mod search;
pub mod text;
