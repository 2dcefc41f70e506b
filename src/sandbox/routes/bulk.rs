//! `~/ghosts/bulk_create` and `~/ghosts/bulk_update`: all or nothing. Everything runs in
//! one transaction; the first bad item's 400 drops it, so nothing is written.

use std::collections::HashSet;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::Value;

use super::extract::{JsonBody, WsScope};
use super::ghosts::{apply, insert};
use crate::api::Ghost;
use crate::sandbox::db::{ghosts as store, index};
use crate::sandbox::error::{ApiFailure, ApiResult};
use crate::sandbox::query::MAX_ROWS;
use crate::sandbox::state::AppState;
use crate::sandbox::validate;

pub async fn create(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Vec<Ghost>>)> {
    let items = items(body)?;
    let now = state.now();
    let mut conn = state.db();
    let before = index::stamp(&conn)?;
    let tx = conn.transaction()?;
    let mut ids = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let new = validate::new_ghost(&tx, scope.workspace_id, item).map_err(|e| at(e, index))?;
        ids.push(insert(&tx, scope.workspace_id, &new, now)?);
    }
    let ghosts = store::load(&tx, &ids)?;
    tx.commit()?;
    state.index().written(&conn, before, &ids);
    Ok((StatusCode::CREATED, Json(ghosts)))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Vec<Ghost>>> {
    let items = items(body)?;
    let now = state.now();
    let mut conn = state.db();
    let before = index::stamp(&conn)?;
    let tx = conn.transaction()?;
    let mut ids = Vec::with_capacity(items.len());
    let mut seen = HashSet::new();
    for (index, item) in items.into_iter().enumerate() {
        let patch = validate::patch(&tx, scope.workspace_id, item).map_err(|e| at(e, index))?;
        let Some(id) = patch.id else {
            return Err(at(
                ApiFailure::invalid("id", "each item needs its ghost's id"),
                index,
            ));
        };
        if state.faults.fails(id) {
            // All or nothing: the transaction is dropped, so nothing is written.
            return Err(at(
                ApiFailure::internal(format!("injected failure for ghost {id}")),
                index,
            ));
        }
        if !seen.insert(id) {
            return Err(at(
                ApiFailure::invalid("id", format!("ghost {id} is given more than once")),
                index,
            )
            .with_value("id", id));
        }
        if store::get(&tx, scope.workspace_id, id)?.is_none() {
            return Err(at(
                ApiFailure::invalid("id", format!("there is no ghost {id} in this workspace")),
                index,
            )
            .with_value("id", id));
        }
        apply(&tx, id, &patch, now)?;
        ids.push(id);
    }
    let ghosts = store::load(&tx, &ids)?;
    tx.commit()?;
    state.index().written(&conn, before, &ids);
    Ok(Json(ghosts))
}

/// The bare array of 1 to 100 items.
fn items(body: Value) -> ApiResult<Vec<Value>> {
    let Value::Array(items) = body else {
        return Err(ApiFailure::bad_request(
            "the body must be a JSON array of items",
        ));
    };
    if items.is_empty() || items.len() > MAX_ROWS as usize {
        return Err(ApiFailure::bad_request(format!(
            "give 1 to {MAX_ROWS} items (got {})",
            items.len()
        ))
        .with_value("count", items.len()));
    }
    Ok(items)
}

/// Names the item a refusal is about, and says so in words too.
fn at(failure: ApiFailure, index: usize) -> ApiFailure {
    let description = format!("item {index}: {}", failure.description);
    ApiFailure {
        description,
        ..failure
    }
    .with_value("index", index)
}
