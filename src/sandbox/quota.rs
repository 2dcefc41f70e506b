//! The request quota: an hourly window per caller and organization, as the live
//! service counts, reported in `X-Toggl-Quota-*` headers on every answer.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderValue};

use crate::api::Id;
use crate::api::quota::{REMAINING_HEADER, RESETS_IN_HEADER};

/// The live service's window: an hour.
pub const HOUR: Duration = Duration::from_secs(3600);

/// What the headers of one answer say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaState {
    pub remaining: u32,
    pub resets_in: Duration,
}

impl QuotaState {
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        headers.insert(REMAINING_HEADER, HeaderValue::from(self.remaining));
        // Whole seconds, rounded up so that "0" never shows while the window is open.
        let seconds = self.resets_in.as_secs() + u64::from(self.resets_in.subsec_nanos() > 0);
        headers.insert(RESETS_IN_HEADER, HeaderValue::from(seconds));
    }
}

struct Window {
    started: Instant,
    used: u32,
}

pub struct QuotaBook {
    /// Changeable on a running sandbox, so a test can spend the quota and restore it.
    per_hour: AtomicU32,
    /// An hour, but for tests that must see a spent quota come back.
    window: Duration,
    windows: Mutex<HashMap<(&'static str, Id), Window>>,
}

impl QuotaBook {
    pub fn new(per_hour: u32, window: Duration) -> Self {
        QuotaBook {
            per_hour: AtomicU32::new(per_hour),
            window,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// A new hourly allowance; what each caller used in the current window still counts.
    pub fn set_per_hour(&self, per_hour: u32) {
        self.per_hour.store(per_hour, Ordering::Relaxed);
    }

    fn per_hour(&self) -> u32 {
        self.per_hour.load(Ordering::Relaxed)
    }

    /// A full window: what a caller nothing is counted against (no credentials) sees.
    pub fn untouched(&self) -> QuotaState {
        QuotaState {
            remaining: self.per_hour(),
            resets_in: self.window,
        }
    }

    /// Counts one request of `caller` in `organization_id`. `Err` when the window is
    /// spent: the request is refused (402) and not counted.
    pub fn take(
        &self,
        caller: &'static str,
        organization_id: Id,
        now: Instant,
    ) -> Result<QuotaState, QuotaState> {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let window = windows.entry((caller, organization_id)).or_insert(Window {
            started: now,
            used: 0,
        });
        if now.duration_since(window.started) >= self.window {
            *window = Window {
                started: now,
                used: 0,
            };
        }
        let resets_in = self
            .window
            .saturating_sub(now.duration_since(window.started));
        let per_hour = self.per_hour();
        if window.used >= per_hour {
            return Err(QuotaState {
                remaining: 0,
                resets_in,
            });
        }
        window.used += 1;
        Ok(QuotaState {
            remaining: per_hour - window.used,
            resets_in,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_refuses_when_spent_and_resets_after_an_hour() {
        let book = QuotaBook::new(2, HOUR);
        let start = Instant::now();
        assert_eq!(book.take("a", 1, start).map(|q| q.remaining), Ok(1));
        assert_eq!(book.take("a", 1, start).map(|q| q.remaining), Ok(0));
        let spent = book
            .take("a", 1, start + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(spent.remaining, 0);
        assert_eq!(spent.resets_in, Duration::from_secs(3590));
        // Another caller or organization has its own window.
        assert_eq!(book.take("b", 1, start).map(|q| q.remaining), Ok(1));
        assert_eq!(book.take("a", 2, start).map(|q| q.remaining), Ok(1));
        let later = start + HOUR;
        assert_eq!(book.take("a", 1, later).map(|q| q.remaining), Ok(1));
    }
}
