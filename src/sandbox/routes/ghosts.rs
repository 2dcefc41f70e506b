//! `~/ghosts`: list, create, read, update, delete, embody.

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use rusqlite::Connection;
use time::OffsetDateTime;

use super::extract::{GhostId, JsonBody, WsScope, decode};
use crate::api::time::format_timestamp;
use crate::api::{AssignAction, EmbodyRequest, Ghost, GhostPage, Id};
use crate::sandbox::db::ghosts::{self as store, GhostRow};
use crate::sandbox::db::{index, lookups};
use crate::sandbox::error::{ApiFailure, ApiResult};
use crate::sandbox::query::list_query;
use crate::sandbox::state::AppState;
use crate::sandbox::validate::{self, ValidNew, ValidPatch};

pub async fn list(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<GhostPage>> {
    let query = list_query(raw.as_deref())?;
    let conn = state.db();
    let (data, total) = store::list(&conn, &mut state.index(), scope.workspace_id, &query)?;
    Ok(Json(GhostPage {
        data,
        page: query.page,
        rows: query.rows,
        total,
        skipped: 0,
    }))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Ghost>)> {
    let now = state.now();
    let mut conn = state.db();
    let before = index::stamp(&conn)?;
    let tx = conn.transaction()?;
    let new = validate::new_ghost(&tx, scope.workspace_id, body)?;
    let id = insert(&tx, scope.workspace_id, &new, now)?;
    let ghost = store::load(&tx, &[id])?;
    tx.commit()?;
    state.index().written(&conn, before, &[id]);
    one(ghost).map(|ghost| (StatusCode::CREATED, Json(ghost)))
}

/// Writes a validated new ghost; shared with `bulk_create`.
pub fn insert(
    conn: &Connection,
    workspace_id: Id,
    new: &ValidNew,
    now: OffsetDateTime,
) -> ApiResult<Id> {
    let stamp = format_timestamp(now);
    let id = store::insert_row(
        conn,
        &GhostRow {
            workspace_id,
            name: &new.name,
            description: new.description.as_deref(),
            user_id: None,
            embodied_at: None,
            created_at: stamp.clone(),
            updated_at: stamp,
            deleted_at: None,
        },
    )?;
    store::set_links(conn, id, &new.assignments, AssignAction::Add)?;
    Ok(id)
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    GhostId(id): GhostId,
) -> ApiResult<Json<Ghost>> {
    store::get(&state.db(), scope.workspace_id, id)?
        .map(Json)
        .ok_or_else(|| ApiFailure::ghost_not_found(id))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    GhostId(id): GhostId,
) -> ApiResult<StatusCode> {
    let now = state.now();
    let conn = state.db();
    let before = index::stamp(&conn)?;
    if store::soft_delete(&conn, scope.workspace_id, id, now)? {
        state.index().written(&conn, before, &[id]);
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiFailure::ghost_not_found(id))
    }
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    GhostId(id): GhostId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Ghost>> {
    let now = state.now();
    let mut conn = state.db();
    let before = index::stamp(&conn)?;
    let tx = conn.transaction()?;
    let patch = validate::patch(&tx, scope.workspace_id, body)?;
    if patch.id.is_some_and(|body_id| body_id != id) {
        return Err(ApiFailure::invalid(
            "id",
            format!("the id in the body must be the one in the path ({id})"),
        ));
    }
    if store::get(&tx, scope.workspace_id, id)?.is_none() {
        return Err(ApiFailure::ghost_not_found(id));
    }
    apply(&tx, id, &patch, now)?;
    let ghost = store::load(&tx, &[id])?;
    tx.commit()?;
    state.index().written(&conn, before, &[id]);
    one(ghost).map(Json)
}

/// Writes a validated update to a ghost known to exist; shared with `bulk_update`.
pub fn apply(conn: &Connection, id: Id, patch: &ValidPatch, now: OffsetDateTime) -> ApiResult<()> {
    store::update_fields(
        conn,
        id,
        patch.name.as_deref(),
        patch.description.as_deref(),
        now,
    )?;
    store::set_links(conn, id, &patch.assignments, patch.action)?;
    Ok(())
}

pub async fn embody(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    GhostId(id): GhostId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Ghost>> {
    let request: EmbodyRequest = decode(body)?;
    for (field, value) in [
        ("recipient_org_user_id", request.recipient_org_user_id),
        (
            "recipient_user_account_id",
            request.recipient_user_account_id,
        ),
        ("role_id", request.role_id),
    ] {
        if value < 1 {
            return Err(ApiFailure::invalid(
                field,
                format!("{field} must be a positive integer"),
            ));
        }
    }
    let now = state.now();
    let conn = state.db();
    let ghost = store::get(&conn, scope.workspace_id, id)?
        .ok_or_else(|| ApiFailure::ghost_not_found(id))?;
    if ghost.is_embodied() {
        return Err(ApiFailure::new(
            StatusCode::CONFLICT,
            "conflict",
            format!("ghost {id} is already embodied"),
        ));
    }
    let org = scope.organization_id;
    match lookups::member_account(&conn, org, request.recipient_org_user_id)? {
        None => {
            return Err(ApiFailure::invalid(
                "recipient_org_user_id",
                "there is no such member in this organization",
            ));
        }
        Some(account) if account != request.recipient_user_account_id => {
            return Err(ApiFailure::invalid(
                "recipient_user_account_id",
                "the user account id does not belong to that member",
            ));
        }
        Some(_) => {}
    }
    if !lookups::role_exists(&conn, org, request.role_id)? {
        return Err(ApiFailure::invalid(
            "role_id",
            "there is no such role in this organization",
        ));
    }
    let before = index::stamp(&conn)?;
    store::embody(&conn, id, request.recipient_user_account_id, now)?;
    state.index().written(&conn, before, &[id]);
    one(store::load(&conn, &[id])?).map(Json)
}

fn one(mut ghosts: Vec<Ghost>) -> ApiResult<Ghost> {
    ghosts
        .pop()
        .ok_or_else(|| ApiFailure::internal("the ghost just written could not be read back"))
}
