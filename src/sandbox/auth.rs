//! Who is calling: `Authorization: Bearer <api key>` or `Basic base64(email:password)`.
//!
//! The sandbox knows two fixed accounts, one per organization, so that tests can show
//! that one caller cannot see the other's organization (403).

use axum::http::{HeaderMap, StatusCode, header::AUTHORIZATION};
use base64::Engine;

use super::error::ApiFailure;
use crate::api::Id;

pub const DEMO_API_KEY: &str = "toggl_sk_0123456789abcdef0123456789abcdef";
pub const DEMO_EMAIL: &str = "demo@example.com";
pub const DEMO_PASSWORD: &str = "demo";
pub const DEMO_ORGANIZATION_ID: Id = 1;
pub const DEMO_WORKSPACE_ID: Id = 1;

/// A user of the sandbox and the one organization it may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    pub email: &'static str,
    pub password: &'static str,
    pub api_key: &'static str,
    pub organization_id: Id,
}

pub const ACCOUNTS: [Account; 2] = [
    Account {
        email: DEMO_EMAIL,
        password: DEMO_PASSWORD,
        api_key: DEMO_API_KEY,
        organization_id: DEMO_ORGANIZATION_ID,
    },
    // The owner of organization 2, whose data the demo user must never see.
    Account {
        email: "other@example.com",
        password: "other",
        api_key: "toggl_sk_fedcba9876543210fedcba9876543210",
        organization_id: 2,
    },
];

/// The authenticated caller, put in the request's extensions by the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller(pub &'static Account);

impl Caller {
    /// 403 unless the caller belongs to `organization_id`.
    pub fn check_organization(&self, organization_id: Id) -> Result<(), ApiFailure> {
        if self.0.organization_id == organization_id {
            Ok(())
        } else {
            Err(forbidden())
        }
    }
}

pub fn forbidden() -> ApiFailure {
    ApiFailure::new(
        StatusCode::FORBIDDEN,
        "forbidden",
        "you have no access to this organization or workspace",
    )
}

/// The account the request's credentials name, or a 401.
pub fn authenticate(headers: &HeaderMap) -> Result<Caller, ApiFailure> {
    let header = headers
        .get(AUTHORIZATION)
        .ok_or_else(|| unauthorized("no credentials: send an API key as a Bearer token"))?;
    let text = header
        .to_str()
        .map_err(|_| unauthorized("the Authorization header is not readable"))?;
    let (scheme, rest) = text.trim().split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    let account = if scheme.eq_ignore_ascii_case("bearer") {
        ACCOUNTS.iter().find(|a| a.api_key == rest)
    } else if scheme.eq_ignore_ascii_case("basic") {
        let pair = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        pair.and_then(|pair| {
            let (email, password) = pair.split_once(':')?;
            ACCOUNTS
                .iter()
                .find(|a| a.email.eq_ignore_ascii_case(email) && a.password == password)
        })
    } else {
        None
    };
    account
        .map(Caller)
        .ok_or_else(|| unauthorized("the API key or password is wrong, expired or revoked"))
}

fn unauthorized(description: &str) -> ApiFailure {
    ApiFailure::new(StatusCode::UNAUTHORIZED, "unauthorized", description)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_auth(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn accepts_the_demo_key_and_password_and_nothing_else() {
        let bearer = authenticate(&with_auth(&format!("Bearer {DEMO_API_KEY}"))).unwrap();
        assert_eq!(bearer.0.email, DEMO_EMAIL);
        let basic = authenticate(&with_auth("Basic ZGVtb0BleGFtcGxlLmNvbTpkZW1v")).unwrap();
        assert_eq!(basic, bearer);
        for bad in [
            "Bearer toggl_sk_0123456789abcdef0123456789abcdee",
            "Basic ZGVtb0BleGFtcGxlLmNvbTpkZW1w",
            "Basic !!!",
            "Token abc",
            "Bearer",
        ] {
            let err = authenticate(&with_auth(bad)).unwrap_err();
            assert_eq!(err.status, StatusCode::UNAUTHORIZED, "{bad}");
        }
        assert!(authenticate(&HeaderMap::new()).is_err());
    }
}
