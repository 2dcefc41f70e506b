//! The look-ups the client's pickers use, each in the shape the live service answers.

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, State};
use serde_json::{Value, json};

use super::extract::{OrgScope, WsScope, check_workspace};
use crate::api::{LookupPage, Member, Project, Role, Task};
use crate::sandbox::db::lookups::{self, Window};
use crate::sandbox::error::ApiResult;
use crate::sandbox::query::Params;
use crate::sandbox::state::AppState;

fn window(params: &Params) -> ApiResult<Window> {
    let (page, size) = params.paging("per_page")?;
    Ok(Window { page, size })
}

fn lookup_page<T>(page: lookups::Page<T>, window: Window) -> Json<LookupPage<T>> {
    Json(LookupPage {
        data: page.data,
        page: window.page,
        per_page: window.size,
        total: page.total,
    })
}

/// `GET ~/projects?page=&per_page=`
pub async fn projects(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<LookupPage<Project>>> {
    let window = window(&Params::parse(raw.as_deref()))?;
    let page = lookups::projects(&state.db(), scope.workspace_id, window)?;
    Ok(lookup_page(page, window))
}

/// `GET ~/tasks?page=&per_page=&project_id=`
pub async fn tasks(
    State(state): State<Arc<AppState>>,
    scope: WsScope,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<LookupPage<Task>>> {
    let params = Params::parse(raw.as_deref());
    let window = window(&params)?;
    let project_id = params.id("project_id")?;
    let page = lookups::tasks(&state.db(), scope.workspace_id, project_id, window)?;
    Ok(lookup_page(page, window))
}

/// `GET /organizations/{org}/teams?workspace_id=&page=&per_page=`; this one names the
/// page size `rows` in its answer, as the live service does.
pub async fn teams(
    State(state): State<Arc<AppState>>,
    scope: OrgScope,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Value>> {
    let params = Params::parse(raw.as_deref());
    let window = window(&params)?;
    let workspace_id = params.id("workspace_id")?;
    if let Some(workspace_id) = workspace_id {
        check_workspace(&state, scope.organization_id, workspace_id)?;
    }
    let page = lookups::teams(&state.db(), scope.organization_id, workspace_id, window)?;
    Ok(Json(json!({
        "data": page.data,
        "page": window.page,
        "rows": window.size,
        "total": page.total,
    })))
}

/// `GET /organizations/{org}/users?page=&per_page=`: a bare array.
pub async fn members(
    State(state): State<Arc<AppState>>,
    scope: OrgScope,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Vec<Member>>> {
    let window = window(&Params::parse(raw.as_deref()))?;
    let page = lookups::members(&state.db(), scope.organization_id, window)?;
    Ok(Json(page.data))
}

/// `GET /organizations/{org}/roles`: a bare array, not paged.
pub async fn roles(
    State(state): State<Arc<AppState>>,
    scope: OrgScope,
) -> ApiResult<Json<Vec<Role>>> {
    Ok(Json(lookups::roles(&state.db(), scope.organization_id)?))
}
