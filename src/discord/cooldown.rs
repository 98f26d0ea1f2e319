//! The per-user cooldown on the search commands, counted per server: one member cannot flood
//! the bot (and the machine under it) with searches, and a burst in one server costs another
//! server's members nothing. The clock is passed in, so tests need no waiting.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Users remembered before old entries are dropped.
const PRUNE_AT: usize = 10_000;

#[derive(Debug)]
pub struct Cooldown {
    period: Duration,
    /// (user, server; 0 in direct messages) → their last use.
    last: Mutex<HashMap<(u64, u64), Instant>>,
}

impl Cooldown {
    /// A cooldown of `period` between two uses by one user; zero lets everything through.
    pub fn new(period: Duration) -> Cooldown {
        Cooldown {
            period,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Records a use by `user` in `server` at `now`, or returns how long they still have to
    /// wait there (the refused attempt does not restart the wait).
    pub fn check(&self, user: u64, server: u64, now: Instant) -> Result<(), Duration> {
        if self.period.is_zero() {
            return Ok(());
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(&at) = last.get(&(user, server)) {
            let since = now.saturating_duration_since(at);
            if since < self.period {
                return Err(self.period - since);
            }
        }
        if last.len() >= PRUNE_AT {
            let period = self.period;
            last.retain(|_, at| now.saturating_duration_since(*at) < period);
        }
        last.insert((user, server), now);
        Ok(())
    }
}

/// "Slow down: you can search again in 1.5 seconds."
pub fn message(wait: Duration) -> String {
    message_to("search", wait)
}

/// "Slow down: you can `what` again in 1.5 seconds."
pub fn message_to(what: &str, wait: Duration) -> String {
    let tenths = wait.as_millis().div_ceil(100).max(1);
    let secs = format!("{}.{}", tenths / 10, tenths % 10);
    format!("Slow down: you can {what} again in {secs} seconds.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_use_per_period_and_user() {
        let c = Cooldown::new(Duration::from_millis(2000));
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let steps = [
            (1, 0, Ok(())),
            (1, 500, Err(ms(1500))),
            (2, 600, Ok(())),
            (1, 1999, Err(ms(1))),
            (1, 2000, Ok(())),
            (2, 2100, Err(ms(500))),
        ];
        for (user, at, wanted) in steps {
            assert_eq!(c.check(user, 0, t0 + ms(at)), wanted, "user {user} at {at}");
        }
        let off = Cooldown::new(Duration::ZERO);
        assert_eq!(off.check(1, 0, t0), Ok(()));
        assert_eq!(off.check(1, 0, t0), Ok(()));
    }

    #[test]
    fn message_rounds_up() {
        assert_eq!(
            message(Duration::from_millis(1450)),
            "Slow down: you can search again in 1.5 seconds."
        );
        assert_eq!(
            message(Duration::from_millis(1)),
            "Slow down: you can search again in 0.1 seconds."
        );
        assert_eq!(
            message(Duration::from_millis(1000)),
            "Slow down: you can search again in 1.0 seconds."
        );
    }
}
