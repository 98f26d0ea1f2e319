//! Presentation of results: pure functions from library results to what a front end shows.

pub mod discord;
