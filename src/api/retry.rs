//! When a failed read is tried again, and after how long. A write is sent again by
//! itself only after a short 429, which the server refused without doing anything;
//! after any other failure, whether to send it again is the user's call.

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

/// How long to wait before sending a refused write again, or `None` to leave it to the
/// user: only a 429 that says how long to wait, and briefly. A 429 is the server
/// declining the request before doing it, so sending it again cannot do it twice.
pub fn resend_delay(err: &ApiError) -> Option<Duration> {
    if err.status() != Some(429) {
        return None;
    }
    err.as_status()
        .and_then(|s| s.retry_after)
        .filter(|wait| *wait <= MAX_AUTOMATIC_WAIT)
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
    fn writes_are_sent_again_only_after_a_short_429() {
        assert_eq!(
            resend_delay(&refused(429, Some(1))),
            Some(Duration::from_secs(1))
        );
        assert_eq!(resend_delay(&refused(429, Some(60))), None);
        assert_eq!(resend_delay(&refused(429, None)), None);
        // The server may have done these: never sent again by themselves.
        for status in [500, 502, 503, 504, 409] {
            assert_eq!(resend_delay(&refused(status, Some(1))), None, "{status}");
        }
        assert_eq!(
            resend_delay(&ApiError::Timeout(Duration::from_secs(1))),
            None
        );
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
