//! Keeping credentials out of error messages. `Secret` never prints itself, but a
//! server can: a gateway that echoes the request's headers in its error page, or an API
//! that repeats the bad key back. Whatever the server says is scrubbed of the secrets
//! the client sent before it becomes an error that is shown or logged.

use std::sync::Arc;

use base64::Engine;

use super::client::{Auth, Secret};
use super::error::StatusError;

/// Shorter secrets would blot out ordinary words; a password that short is not one.
const SHORTEST: usize = 4;

/// The texts to hide: the key or password, and the Basic header's encoding of it.
#[derive(Clone)]
pub struct Redactor(Arc<[Secret]>);

impl Redactor {
    pub fn new(auth: &Auth) -> Self {
        let secrets: Vec<Secret> = match auth {
            Auth::ApiKey(key) => vec![Secret::new(key.expose().trim())],
            Auth::Basic { email, password } => {
                let pair = format!("{email}:{}", password.expose());
                vec![
                    password.clone(),
                    Secret::new(base64::engine::general_purpose::STANDARD.encode(pair)),
                ]
            }
        };
        let secrets: Vec<Secret> = secrets
            .into_iter()
            .filter(|s| s.expose().len() >= SHORTEST)
            .collect();
        Redactor(secrets.into())
    }

    /// `text` with every secret replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        self.0.iter().fold(text.to_string(), |text, secret| {
            text.replace(secret.expose(), "***")
        })
    }

    fn holds_secret(&self, text: &str) -> bool {
        self.0.iter().any(|s| text.contains(s.expose()))
    }

    /// The error with the server's words scrubbed; `error_values`, being structured,
    /// is dropped whole if a secret is anywhere in it.
    pub fn status_error(&self, mut error: StatusError) -> StatusError {
        error.raw_excerpt = self.scrub(&error.raw_excerpt);
        if let Some(body) = error.body.as_mut() {
            body.error = self.scrub(&body.error);
            body.error_description = body.error_description.as_deref().map(|d| self.scrub(d));
            body.trace_id = body.trace_id.as_deref().map(|t| self.scrub(t));
            if body
                .error_values
                .as_ref()
                .is_some_and(|v| self.holds_secret(&v.to_string()))
            {
                body.error_values = None;
            }
        }
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ErrorBody, Quota};

    #[test]
    fn echoed_credentials_are_scrubbed() {
        let key = Redactor::new(&Auth::ApiKey(Secret::new("toggl_sk_canary")));
        assert_eq!(
            key.scrub("Authorization: Bearer toggl_sk_canary"),
            "Authorization: Bearer ***"
        );
        let basic = Redactor::new(&Auth::Basic {
            email: "a@b.c".into(),
            password: Secret::new("hunter22"),
        });
        // base64("a@b.c:hunter22")
        assert_eq!(
            basic.scrub("Basic YUBiLmM6aHVudGVyMjI= hunter22"),
            "Basic *** ***"
        );
        let error = basic.status_error(StatusError {
            status: 400,
            body: Some(ErrorBody {
                error: "bad".into(),
                error_description: Some("password hunter22 is wrong".into()),
                error_values: Some(serde_json::json!({"password": "hunter22"})),
                trace_id: None,
            }),
            raw_excerpt: String::new(),
            quota: Quota::default(),
            retry_after: None,
        });
        let body = error.body.unwrap();
        assert_eq!(
            body.error_description.as_deref(),
            Some("password *** is wrong")
        );
        assert_eq!(body.error_values, None);
        // A short password is left alone rather than blotting out words.
        let short = Redactor::new(&Auth::Basic {
            email: "a@b.c".into(),
            password: Secret::new("de"),
        });
        assert_eq!(short.scrub("demo"), "demo");
    }
}
