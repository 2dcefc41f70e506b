//! When a failed read is tried again, and after how long. Writes are never retried
//! automatically: whether to send one again is the user's call.

use std::time::{Duration, SystemTime};

use super::error::ApiError;

/// The longest `Retry-After` a read waits out by itself. Longer waits are the user's to
/// see (with the time), not a frozen screen.
pub const MAX_AUTOMATIC_WAIT: Duration = Duration::from_secs(3);

/// How long to wait before trying a failed read again, or `None` to give up now. A 429
/// is retried only when it says how long to wait and that is short; a 5xx or a network
/// failure with backoff, or after its `Retry-After` when that is longer and short.
pub fn retry_delay(err: &ApiError, attempt: u32) -> Option<Duration> {
    let asked = err.as_status().and_then(|s| s.retry_after);
    if asked.is_some_and(|wait| wait > MAX_AUTOMATIC_WAIT) {
        return None;
    }
    if err.status() == Some(429) {
        return asked;
    }
    err.is_transient()
        .then(|| backoff(attempt).max(asked.unwrap_or(Duration::ZERO)))
}

/// Exponential backoff with jitter: 200 ms, 400 ms, ... each scaled by 0.5 to 1.5.
fn backoff(attempt: u32) -> Duration {
    let base = 200u64.saturating_mul(1u64 << attempt.saturating_sub(1).min(6));
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let jitter = 500 + u64::from(nanos % 1000);
    Duration::from_millis(base.saturating_mul(jitter) / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Quota, StatusError};

    fn refused(status: u16, retry_after: Option<u64>) -> ApiError {
        ApiError::Status(Box::new(StatusError {
            status,
            body: None,
            raw_excerpt: String::new(),
            quota: Quota::default(),
            retry_after: retry_after.map(Duration::from_secs),
        }))
    }

    #[test]
    fn reads_wait_out_short_retry_afters_only() {
        assert_eq!(
            retry_delay(&refused(429, Some(2)), 1),
            Some(Duration::from_secs(2))
        );
        assert_eq!(retry_delay(&refused(429, Some(60)), 1), None);
        assert_eq!(retry_delay(&refused(429, None), 1), None);
        assert_eq!(
            retry_delay(&refused(503, Some(2)), 1),
            Some(Duration::from_secs(2))
        );
        assert_eq!(retry_delay(&refused(503, Some(600)), 1), None);
        assert!(retry_delay(&refused(500, None), 1).is_some());
        assert!(retry_delay(&ApiError::Network("reset".into()), 1).is_some());
        for permanent in [400, 401, 402, 403, 404] {
            assert_eq!(
                retry_delay(&refused(permanent, None), 1),
                None,
                "{permanent}"
            );
        }
    }

    #[test]
    fn backoff_grows_and_stays_bounded() {
        assert!(backoff(1) <= Duration::from_millis(300));
        assert!(backoff(3) >= Duration::from_millis(400));
        assert!(backoff(100) <= Duration::from_millis(200 * 64 * 3 / 2));
    }
}
