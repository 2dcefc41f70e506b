//! The layer every request passes: it is recorded, delayed and failed on purpose when
//! asked to (`faults.rs`), authenticated (401), and counted against the quota (402 when
//! spent, headers on every answer).

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::auth::authenticate;
use super::error::ApiFailure;
use super::faults::Decision;
use super::state::{AppState, RecordedRequest};
use crate::api::Id;

/// The most of a body read, as axum's own body extractors allow by default.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

pub async fn gate(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    // Read here so the log can say what a write asked for, then handed on unchanged.
    let (parts, body) = request.into_parts();
    let (response, body) = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => {
            let text = (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned());
            let request = Request::from_parts(parts, Body::from(bytes));
            (admit(&state, &path, request, next).await, text)
        }
        Err(_) => {
            let failure = ApiFailure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("the body is larger than {BODY_LIMIT} bytes"),
            );
            (failure.into_response(), None)
        }
    };
    state.record(RecordedRequest {
        method,
        path,
        query,
        body,
        status: response.status().as_u16(),
    });
    response
}

async fn admit(state: &AppState, path: &str, mut request: Request, next: Next) -> Response {
    let latency = state.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let caller = match authenticate(request.headers()) {
        Ok(caller) => caller,
        Err(failure) => {
            // Nothing is counted without a caller to count it against.
            let mut response = failure.into_response();
            state
                .quota
                .untouched()
                .write_headers(response.headers_mut());
            return response;
        }
    };
    let organization = organization_in(path).unwrap_or(0);
    match state
        .quota
        .take(caller.0.email, organization, Instant::now())
    {
        Err(spent) => {
            let mut response = ApiFailure::new(
                StatusCode::PAYMENT_REQUIRED,
                "quota_exceeded",
                "the hourly request quota is used up",
            )
            .into_response();
            spent.write_headers(response.headers_mut());
            response
        }
        Ok(quota) => {
            let mut response = match state.faults.decide(path) {
                Decision::Refuse(response) => response,
                Decision::Serve(spoil) => {
                    request.extensions_mut().insert(caller);
                    spoil.apply(next.run(request).await).await
                }
            };
            quota.write_headers(response.headers_mut());
            response
        }
    }
}

/// The organization id of `/api/organizations/{id}/...`, which the quota is kept per.
fn organization_in(path: &str) -> Option<Id> {
    path.strip_prefix("/api/organizations/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}
