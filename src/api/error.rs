//! What can go wrong talking to the API, in words a user can act on.

use std::time::Duration;

use super::models::ErrorBody;
use super::quota::Quota;

/// A failed request. Cloneable so the app can keep it on screen and in its log pane.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with an error status.
    #[error("{}", .0.message())]
    Status(Box<StatusError>),
    /// No answer within the request timeout.
    #[error("no answer from the server within {}s; check the network and try again", .0.as_secs())]
    Timeout(Duration),
    /// The connection could not be made (DNS, refused, TLS).
    #[error("cannot reach {host}: {detail}")]
    Connect { host: String, detail: String },
    /// The connection broke or another transport failure happened.
    #[error("network error: {0}")]
    Network(String),
    /// The server answered success, but with a body that is not what the contract says.
    #[error("the server's answer could not be read: {0}")]
    Decode(String),
    /// The client was set up with something unusable (a bad base URL, say).
    #[error("{0}")]
    Config(String),
}

/// An error status with everything the contract lets us know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusError {
    pub status: u16,
    /// The contract's error body, when the body was one.
    pub body: Option<ErrorBody>,
    /// The start of the raw body when it was not the contract's JSON (an HTML page from
    /// a proxy, say), tags and runs of white space removed.
    pub raw_excerpt: String,
    pub quota: Quota,
    /// From `Retry-After`, for 429 (and any other status that carries it).
    pub retry_after: Option<Duration>,
}

impl StatusError {
    /// The human sentence: `error_description`, else `error`, else the raw text, else
    /// the status's own meaning.
    pub fn message(&self) -> String {
        let detail = self
            .body
            .as_ref()
            .and_then(|b| b.error_description.clone().filter(|d| !d.trim().is_empty()))
            .or_else(|| {
                self.body
                    .as_ref()
                    .map(|b| b.error.clone())
                    .filter(|e| !e.trim().is_empty())
            })
            .or_else(|| Some(self.raw_excerpt.clone()).filter(|r| !r.is_empty()));
        let meaning = status_meaning(self.status, &self.quota);
        // The server's words are left out when they only repeat the meaning.
        let detail = detail.filter(|d| !meaning.to_lowercase().contains(&d.trim().to_lowercase()));
        match detail {
            Some(detail) => format!("{meaning} ({}): {detail}", self.status),
            None => format!("{meaning} ({})", self.status),
        }
    }

    pub fn trace_id(&self) -> Option<&str> {
        self.body.as_ref().and_then(|b| b.trace_id.as_deref())
    }

    /// A 402 that means the hourly request quota is spent (not a plan limit).
    pub fn is_quota_exhausted(&self) -> bool {
        self.status == 402 && (self.quota.remaining == Some(0) || self.quota.resets_in.is_some())
    }

    /// A 402 that means the plan lacks the feature: waiting will not help.
    pub fn is_plan_limit(&self) -> bool {
        self.status == 402 && !self.is_quota_exhausted()
    }

    /// How long to wait before the same request can succeed, when the server said:
    /// `Retry-After` (429, or a 503 from a gateway), else the quota's reset for a spent
    /// quota. `None` when waiting is not the remedy or nobody said for how long.
    pub fn wait_for(&self) -> Option<Duration> {
        if self.is_plan_limit() {
            return None;
        }
        self.retry_after.or_else(|| {
            self.is_quota_exhausted()
                .then_some(self.quota.resets_in)
                .flatten()
        })
    }
}

fn status_meaning(status: u16, quota: &Quota) -> &'static str {
    match status {
        400 => "the server refused the request",
        401 => "not signed in: the API key or password is wrong, expired or revoked",
        402 if quota.remaining == Some(0) || quota.resets_in.is_some() => {
            "the hourly request quota is used up"
        }
        402 => "not available on this workspace's plan",
        403 => "no access to this organization or workspace",
        404 => "not found (it may have been deleted)",
        409 => "conflict",
        429 => "too many requests; wait a moment",
        500..=599 => "the server had a problem; try again shortly",
        _ => "the request failed",
    }
}

impl ApiError {
    /// What went wrong in a word or two, as the request log shows it: the status
    /// ("402") or the kind of failure ("timeout").
    pub fn outcome(&self) -> String {
        match self {
            ApiError::Status(status) => status.status.to_string(),
            ApiError::Timeout(_) => "timeout".into(),
            ApiError::Connect { .. } => "no connection".into(),
            ApiError::Network(_) => "network error".into(),
            ApiError::Decode(_) => "unreadable answer".into(),
            ApiError::Config(_) => "not sent".into(),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status(e) => Some(e.status),
            _ => None,
        }
    }

    pub fn as_status(&self) -> Option<&StatusError> {
        match self {
            ApiError::Status(e) => Some(e),
            _ => None,
        }
    }

    /// Quota headers seen on the failed answer, if any.
    pub fn quota(&self) -> Option<Quota> {
        self.as_status().map(|e| e.quota)
    }

    pub fn trace_id(&self) -> Option<&str> {
        self.as_status().and_then(StatusError::trace_id)
    }

    /// How long to wait before trying again, when the server said (see
    /// [`StatusError::wait_for`]).
    pub fn wait_for(&self) -> Option<Duration> {
        self.as_status().and_then(StatusError::wait_for)
    }

    /// Worth retrying a read automatically: the request may not have reached the
    /// server, or the server failed on its side.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Status(e) => (500..=599).contains(&e.status),
            ApiError::Timeout(_) | ApiError::Connect { .. } | ApiError::Network(_) => true,
            ApiError::Decode(_) | ApiError::Config(_) => false,
        }
    }
}

/// Reduces a non-JSON error body to a short line: tags dropped, white space folded,
/// at most `MAX` characters.
pub fn excerpt(raw: &str) -> String {
    const MAX: usize = 200;
    let mut text = String::new();
    let mut in_tag = false;
    for ch in raw.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if in_tag => {}
            c if c.is_control() || c.is_whitespace() => text.push(' '),
            c => text.push(c),
        }
    }
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > MAX {
        let cut: String = folded.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, body: Option<ErrorBody>, raw: &str) -> StatusError {
        StatusError {
            status,
            body,
            raw_excerpt: excerpt(raw),
            quota: Quota::default(),
            retry_after: None,
        }
    }

    #[test]
    fn message_prefers_description_then_code_then_raw() {
        let body = ErrorBody {
            error: "validation".into(),
            error_description: Some("rows must be between 1 and 100".into()),
            ..ErrorBody::default()
        };
        assert!(
            status(400, Some(body.clone()), "")
                .message()
                .ends_with("rows must be between 1 and 100")
        );
        let code_only = ErrorBody {
            error_description: None,
            ..body
        };
        assert!(
            status(400, Some(code_only), "")
                .message()
                .ends_with("validation")
        );
        let html = "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>";
        assert!(
            status(502, None, html)
                .message()
                .ends_with("502 Bad Gateway nginx")
        );
    }

    #[test]
    fn the_servers_words_are_not_repeated_after_the_meaning() {
        let echo = ErrorBody {
            error: "unauthorized".into(),
            error_description: Some("The API key or password is wrong, expired or revoked".into()),
            ..ErrorBody::default()
        };
        assert_eq!(
            status(401, Some(echo), "").message(),
            "not signed in: the API key or password is wrong, expired or revoked (401)"
        );
        let other = ErrorBody {
            error: "unauthorized".into(),
            error_description: Some("key revoked on 2026-11-30".into()),
            ..ErrorBody::default()
        };
        assert!(
            status(401, Some(other), "")
                .message()
                .ends_with("(401): key revoked on 2026-11-30")
        );
    }

    #[test]
    fn quota_402_is_told_apart_from_a_plan_limit() {
        let mut err = status(402, None, "");
        assert!(!err.is_quota_exhausted());
        assert!(err.message().contains("plan"));
        err.quota.remaining = Some(0);
        assert!(err.is_quota_exhausted());
        assert!(err.message().contains("quota"));
    }

    #[test]
    fn wait_for_says_how_long_only_when_waiting_helps() {
        let mut quota = status(402, None, "");
        quota.quota.resets_in = Some(Duration::from_secs(600));
        assert!(quota.is_quota_exhausted() && !quota.is_plan_limit());
        assert_eq!(quota.wait_for(), Some(Duration::from_secs(600)));
        let plan = status(402, None, "");
        assert!(plan.is_plan_limit());
        assert_eq!(plan.wait_for(), None);
        let mut limited = status(429, None, "");
        assert_eq!(limited.wait_for(), None);
        limited.retry_after = Some(Duration::from_secs(2));
        assert_eq!(
            ApiError::Status(Box::new(limited)).wait_for(),
            Some(Duration::from_secs(2))
        );
        assert_eq!(status(404, None, "").wait_for(), None);
        assert_eq!(ApiError::Timeout(Duration::from_secs(1)).wait_for(), None);
    }

    #[test]
    fn excerpt_is_bounded_and_cuts_on_characters() {
        let long = "é".repeat(500);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 201);
    }
}
