//! Opening an index for a command or the bot: built when missing, rebuilt when stale or
//! damaged, and otherwise, when a rebuild cannot run now (another writer, a read-only or full
//! disk), opened as last committed so that reads never stop (issue 12). The command line and
//! the bot open indexes through [`ensure`], so they decide alike; each says what happened in
//! its own way, from the [`Freshness`] it returns.

use crate::extract::Extractor;
use crate::index::{
    ingest, rebuild_if_stale, rebuild_waiting, remove_leftovers, stale_reason, BuildSummary,
    IndexError, IndexSpec, Manifest, Progress, QuoteIndex,
};
use std::time::Duration;

/// What a caller needs of the index it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Answers: a stale index is rebuilt when it can be, without waiting for another writer,
    /// and otherwise answers from what it last committed.
    Answers,
    /// A current index (`whosaid index`): waits for another writer, and fails when it cannot
    /// build.
    Current,
    /// A rebuild from the corpus, whatever the index holds (`whosaid index --force`).
    Rebuilt,
}

/// What [`ensure`] had to do.
#[derive(Debug, Clone)]
pub enum Freshness {
    /// The index was current.
    Current,
    /// The index is behind its corpus, but another process is writing to it: it was opened
    /// as last committed, not rebuilt.
    Behind { reason: String },
    /// The index was (re)built, for the reason given; `damaged` when it was there but could
    /// not be opened.
    Rebuilt {
        reason: String,
        summary: BuildSummary,
        damaged: bool,
    },
}

/// Why a reader answers from an index that is behind: `reason` it is stale, and `failure`
/// kept it from being rebuilt now.
pub fn behind_reason(reason: &str, failure: &IndexError) -> String {
    match failure {
        IndexError::Busy { .. } => format!("{reason}; another process is writing to it"),
        e => format!("{reason}, and it cannot be rebuilt now: {e}"),
    }
}

/// Opens the index of `spec` for what the caller `need`s, building or rebuilding it first
/// when it is missing, stale or damaged; `progress` hears of a build before it starts.
pub fn ensure(
    spec: &IndexSpec,
    extractor: &Extractor,
    need: Need,
    progress: &mut dyn Progress,
) -> Result<(QuoteIndex, Freshness), IndexError> {
    remove_leftovers(spec);
    let reason = match need {
        Need::Rebuilt => Some("a rebuild was asked for".to_string()),
        Need::Answers | Need::Current => stale_reason(spec, extractor)?,
    };
    // a reader does not wait for another writer: it answers from what was committed
    let wait = match need {
        Need::Answers => Duration::ZERO,
        Need::Current | Need::Rebuilt => ingest::DEFAULT_WAIT,
    };
    let freshness = match reason {
        None => Freshness::Current,
        Some(reason) => {
            // (once the writer is held, a reader's index may be current after all: an ingest
            // that was finishing when it looked has brought it up to date)
            let rebuilt = match need {
                Need::Rebuilt => {
                    progress.rebuilding(&reason);
                    rebuild_waiting(spec, extractor, progress, wait)
                        .map(|summary| Some((reason.clone(), summary)))
                }
                Need::Answers | Need::Current => rebuild_if_stale(spec, extractor, progress, wait),
            };
            match rebuilt {
                Ok(None) => Freshness::Current,
                Ok(Some((reason, summary))) => Freshness::Rebuilt {
                    reason,
                    summary,
                    damaged: false,
                },
                // A writer is at work (an ingest, whose corpus file is ahead of its commit,
                // or another rebuild), or the rebuild cannot be done here (a read-only or
                // full disk): answer from what was last committed rather than not at all.
                Err(e)
                    if need == Need::Answers
                        && Manifest::read(&spec.dir).is_ok_and(|m| m.is_some()) =>
                {
                    Freshness::Behind {
                        reason: behind_reason(&reason, &e),
                    }
                }
                Err(e) => return Err(e),
            }
        }
    };
    match QuoteIndex::open(&spec.dir) {
        Ok(index) => Ok((index, freshness)),
        // A manifest that matches but an index that does not open (a file missing or cut
        // short): rebuild once.
        Err(e) if matches!(freshness, Freshness::Current) => {
            let reason = format!("the index could not be opened ({e})");
            progress.rebuilding(&reason);
            let summary = rebuild_waiting(spec, extractor, progress, ingest::DEFAULT_WAIT)?;
            let index = QuoteIndex::open(&spec.dir)?;
            Ok((
                index,
                Freshness::Rebuilt {
                    reason,
                    summary,
                    damaged: true,
                },
            ))
        }
        Err(e) => Err(e),
    }
}
