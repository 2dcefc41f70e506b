//! The HTTP surface: the contract's endpoints under `/api`, and JSON refusals for
//! everything else.

mod bulk;
pub mod extract;
mod ghosts;
mod lookups;

use std::sync::Arc;

use axum::Router;
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, patch, post};

use super::error::ApiFailure;
use super::gate::gate;
use super::state::AppState;

pub fn router(state: Arc<AppState>) -> Router {
    let org = "/api/organizations/{org}";
    let ws = format!("{org}/workspaces/{{ws}}");
    Router::new()
        .route(
            &format!("{ws}/ghosts"),
            get(ghosts::list).post(ghosts::create),
        )
        .route(&format!("{ws}/ghosts/bulk_create"), post(bulk::create))
        .route(&format!("{ws}/ghosts/bulk_update"), patch(bulk::update))
        .route(
            &format!("{ws}/ghosts/{{ghost_id}}"),
            get(ghosts::get)
                .patch(ghosts::update)
                .delete(ghosts::delete),
        )
        .route(
            &format!("{ws}/ghosts/{{ghost_id}}/embody"),
            patch(ghosts::embody),
        )
        .route(&format!("{ws}/projects"), get(lookups::projects))
        .route(&format!("{ws}/tasks"), get(lookups::tasks))
        .route(&format!("{org}/teams"), get(lookups::teams))
        .route(&format!("{org}/users"), get(lookups::members))
        .route(&format!("{org}/roles"), get(lookups::roles))
        .fallback(unknown_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(from_fn_with_state(state.clone(), gate))
        .with_state(state)
}

async fn unknown_route(uri: Uri) -> ApiFailure {
    ApiFailure::not_found(format!("there is no endpoint at {}", uri.path()))
}

async fn wrong_method(method: Method, uri: Uri) -> ApiFailure {
    ApiFailure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not supported on {}", uri.path()),
    )
}
