//! `whosaid correct` and `whosaid corrections`: the team fixes an attribution the engine got
//! wrong, and reviews the fixes made so far.

use super::commands::{open, spec};
use super::{load_knowledge, IndexLocation};
use crate::config::Config;
use crate::corpus::Fix;
use crate::extract::{parse_quote_id, Extractor};
use crate::index::corrections::{self, CorrectRequest};
use crate::index::Need;
use crate::render;
use crate::search::speaker::correction_name;
use anyhow::{Context, Result};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct CorrectArgs {
    /// The quote's id, shown with each quote ("id 7k2m9x4ab0").
    pub id: String,
    /// Who really said the words.
    #[arg(
        long,
        value_name = "NAME",
        required_unless_present = "not_a_quote",
        conflicts_with = "not_a_quote"
    )]
    pub speaker: Option<String>,
    /// The words are not a quote: they leave the index.
    #[arg(long)]
    pub not_a_quote: bool,
    /// Who makes the correction (default: the USER environment variable).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Seconds to wait while another process is writing to the index.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub wait: u64,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, clap::Args)]
pub struct CorrectionsArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub location: IndexLocation,
}

pub(super) fn correct(config: &Config, args: CorrectArgs) -> Result<()> {
    let id = parse_quote_id(&args.id).with_context(|| {
        format!(
            "{:?} is not a quote id: ids are 10 letters and digits, shown with each quote",
            args.id
        )
    })?;
    let index = open(config, &args.location, Need::Answers)?;
    let fix = match &args.speaker {
        Some(typed) => Fix::Speaker(
            correction_name(typed, index.speakers(), index.speaker_words())
                .map_err(anyhow::Error::msg)?,
        ),
        None => Fix::NotAQuote,
    };
    drop(index);
    let by = args
        .by
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .map(|n| n.chars().filter(|c| !c.is_control()).take(100).collect())
        .unwrap_or_else(|| "command line".to_string());
    let spec = spec(config, &args.location);
    let extractor = Extractor::new(load_knowledge(config, None, false)?);
    let request = CorrectRequest {
        id,
        fix,
        by,
        within: args.location.collection.clone(),
    };
    let done = corrections::correct(
        &spec,
        &extractor,
        request,
        Duration::from_secs(args.wait.min(3600)),
    )
    .with_context(|| format!("cannot correct the quote in {}", spec.dir.display()))?;
    super::emit(args.json, &done, render::corrections::corrected)
}

pub(super) fn corrections(config: &Config, args: CorrectionsArgs) -> Result<()> {
    // the index is built (or brought up to date) first, so what has vanished is known
    drop(open(config, &args.location, Need::Answers)?);
    let spec = spec(config, &args.location);
    let (list, unreadable) = corrections::review(&spec)
        .with_context(|| format!("cannot read the corrections of {}", spec.corpus.display()))?;
    super::emit(args.json, &list, |l| {
        render::corrections::list(l, &unreadable)
    })
}
