//! The request quota the service reports on every answer, and `Retry-After`.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

pub const REMAINING_HEADER: &str = "X-Toggl-Quota-Remaining";
pub const RESETS_IN_HEADER: &str = "X-Toggl-Quota-Resets-In";

/// What the quota headers of one answer said. Either may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quota {
    pub remaining: Option<u64>,
    pub resets_in: Option<Duration>,
}

impl Quota {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        Quota {
            remaining: number(REMAINING_HEADER),
            resets_in: number(RESETS_IN_HEADER).map(Duration::from_secs),
        }
    }

    pub fn is_known(&self) -> bool {
        self.remaining.is_some() || self.resets_in.is_some()
    }
}

/// `Retry-After` as seconds or as an HTTP date (relative to `now`).
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn reads_quota_headers_and_ignores_junk() {
        let mut headers = HeaderMap::new();
        headers.insert(REMAINING_HEADER, HeaderValue::from_static("12"));
        headers.insert(RESETS_IN_HEADER, HeaderValue::from_static("soon"));
        let quota = Quota::from_headers(&headers);
        assert_eq!(quota.remaining, Some(12));
        assert_eq!(quota.resets_in, None);
        assert!(!Quota::from_headers(&HeaderMap::new()).is_known());
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("30"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:50:37 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(60)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("later"));
        assert_eq!(retry_after(&headers, now), None);
    }
}
