//! Extractors that refuse in the contract's JSON shape, never with axum's plain-text
//! rejections: the path's ids (and whether the caller may see them) and JSON bodies.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::Id;
use crate::sandbox::auth::{Caller, forbidden};
use crate::sandbox::db::workspace_organization;
use crate::sandbox::error::{ApiFailure, ApiResult};
use crate::sandbox::state::AppState;

/// `/organizations/{org}/...` that the caller may see.
pub struct OrgScope {
    pub organization_id: Id,
}

/// `/organizations/{org}/workspaces/{ws}/...` that the caller may see.
pub struct WsScope {
    pub organization_id: Id,
    pub workspace_id: Id,
}

/// The `{ghost_id}` of the path.
pub struct GhostId(pub Id);

async fn path_id(parts: &mut Parts, state: &Arc<AppState>, name: &str) -> ApiResult<Id> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|_| ApiFailure::not_found("there is no such resource"))?;
    params
        .get(name)
        .and_then(|text| text.parse::<Id>().ok())
        .ok_or_else(|| ApiFailure::not_found(format!("{name} in the path is not an id")))
}

fn caller(parts: &Parts) -> ApiResult<Caller> {
    // The gate puts the caller in before any handler runs.
    parts
        .extensions
        .get::<Caller>()
        .copied()
        .ok_or_else(|| ApiFailure::internal("the request reached a handler unauthenticated"))
}

/// 403 unless the workspace exists and belongs to the organization.
pub fn check_workspace(state: &AppState, organization_id: Id, workspace_id: Id) -> ApiResult<()> {
    match workspace_organization(&state.db(), workspace_id)? {
        Some(owner) if owner == organization_id => Ok(()),
        _ => Err(forbidden()),
    }
}

impl FromRequestParts<Arc<AppState>> for OrgScope {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> ApiResult<Self> {
        let organization_id = path_id(parts, state, "org").await?;
        caller(parts)?.check_organization(organization_id)?;
        Ok(OrgScope { organization_id })
    }
}

impl FromRequestParts<Arc<AppState>> for WsScope {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> ApiResult<Self> {
        let OrgScope { organization_id } = OrgScope::from_request_parts(parts, state).await?;
        let workspace_id = path_id(parts, state, "ws").await?;
        check_workspace(state, organization_id, workspace_id)?;
        Ok(WsScope {
            organization_id,
            workspace_id,
        })
    }
}

impl FromRequestParts<Arc<AppState>> for GhostId {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> ApiResult<Self> {
        path_id(parts, state, "ghost_id").await.map(GhostId)
    }
}

/// A request body that is JSON, sent as JSON.
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiFailure;

    async fn from_request(request: Request, state: &S) -> ApiResult<Self> {
        if !is_json(request.headers()) {
            return Err(ApiFailure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiFailure::new(e.status(), "invalid_body", e.body_text()))?;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|e| {
            ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "invalid_json",
                format!("the body is not valid JSON: {e}"),
            )
        })
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false)
}

/// Reads a JSON value as `T`; a value of the wrong shape is a 400 that says why.
pub fn decode<T: DeserializeOwned>(value: Value) -> ApiResult<T> {
    serde_json::from_value(value)
        .map_err(|e| ApiFailure::bad_request(format!("the body does not fit the request: {e}")))
}
