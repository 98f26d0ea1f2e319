//! The Discord bot: slash commands that answer "who said what" with cited excerpts.
//!
//! A thin adapter over the library: [`commands`] parse options, call the [`library`] and
//! render with [`crate::render::discord`]. Two transports share one [`handler::Bot`]: the
//! [`gateway`] (a serenity client, autosharded) and the [`http`] interactions endpoint
//! (axum, Ed25519-verified). Secrets come from the environment ([`secrets`]); button ids
//! carry their whole request ([`paging`]), so nothing is lost on restart.

pub mod commands;
pub mod cooldown;
pub mod gateway;
pub mod handler;
pub mod http;
pub mod library;
pub mod paging;
pub mod secrets;

pub use handler::{Answer, Bot};
