//! Starting sandboxes with fixed data, and small helpers around the client.

use ghosts::api::{ApiError, Client, Ghost, GhostFilter, ListQuery, NewGhost, StatusError};
use ghosts::sandbox::{Sandbox, SandboxOptions};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

pub const NOW: OffsetDateTime = datetime!(2026-12-01 12:00:00 UTC);
pub const SEED: u64 = 42;
pub const DEMO_KEY: &str = "toggl_sk_0123456789abcdef0123456789abcdef";

pub fn options(ghosts: usize) -> SandboxOptions {
    SandboxOptions {
        ghosts,
        seed: SEED,
        now: NOW,
        ..SandboxOptions::default()
    }
}

/// A sandbox of its own for one test: in memory, fixed seed and reference time.
pub async fn sandbox(ghosts: usize) -> Sandbox {
    ghosts::sandbox::start(options(ghosts)).await.unwrap()
}

pub fn client(sandbox: &Sandbox) -> Client {
    Client::new(sandbox.client_config()).unwrap()
}

/// A plain HTTP client for requests the typed client cannot send.
pub fn raw() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// `base/organizations/1/workspaces/1{rest}`.
pub fn ws_url(sandbox: &Sandbox, rest: &str) -> String {
    format!("{}/organizations/1/workspaces/1{rest}", sandbox.base_url())
}

pub fn status_of(err: ApiError) -> StatusError {
    match err {
        ApiError::Status(status) => *status,
        other => panic!("expected an error status, got {other:?}"),
    }
}

/// The status of the last request the sandbox answered.
pub fn last_status(sandbox: &Sandbox) -> u16 {
    sandbox.requests().last().map(|r| r.status).unwrap_or(0)
}

/// Sends `body` as JSON with the demo key; returns status and the body as JSON.
pub async fn send_json(method: reqwest::Method, url: &str, body: &str) -> (u16, Value) {
    let response = raw()
        .request(method, url)
        .bearer_auth(DEMO_KEY)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// GET with the demo key; returns status and the body as JSON.
pub async fn get_json(url: &str) -> (u16, Value) {
    let response = raw().get(url).bearer_auth(DEMO_KEY).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Asserts the contract's error shape and returns `error_values`.
pub fn assert_error_body(body: &Value) -> Value {
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{body}"
    );
    assert!(body["error_description"].as_str().is_some(), "{body}");
    assert!(body["trace_id"].as_str().is_some(), "{body}");
    body.get("error_values").cloned().unwrap_or(Value::Null)
}

/// Every ghost the filter matches, page after page.
pub async fn all_pages(client: &Client, filter: &GhostFilter, rows: u32) -> (Vec<Ghost>, u64) {
    let mut ghosts = Vec::new();
    let mut total = 0;
    for page in 1.. {
        let query = ListQuery {
            filter: filter.clone(),
            page,
            rows,
        };
        let reply = client.list_ghosts(&query).await.unwrap().data;
        assert_eq!((reply.page, reply.rows), (page, rows));
        total = reply.total;
        if reply.data.is_empty() {
            break;
        }
        assert!(reply.data.len() <= rows as usize);
        ghosts.extend(reply.data);
    }
    (ghosts, total)
}

pub fn named(name: &str) -> NewGhost {
    NewGhost {
        name: name.into(),
        ..NewGhost::default()
    }
}

pub async fn create(client: &Client, ghost: NewGhost) -> Ghost {
    client.create_ghost(&ghost).await.unwrap().data
}

/// Names compare like this: case-folded per character, final sigma as sigma.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

pub fn ids(ghosts: &[Ghost]) -> Vec<i64> {
    ghosts.iter().map(|g| g.id).collect()
}

/// The ids of every project, task and team of the demo workspace, to assign.
pub struct LookupIds {
    pub projects: Vec<i64>,
    pub tasks: Vec<i64>,
    pub teams: Vec<i64>,
}

pub async fn lookup_ids(client: &Client) -> LookupIds {
    let projects = client.all_projects().await.expect("projects").data;
    let tasks = client.all_tasks().await.expect("tasks").data;
    let teams = client.all_teams().await.expect("teams").data;
    LookupIds {
        projects: projects.iter().map(|p| p.id).collect(),
        tasks: tasks.iter().map(|t| t.id).collect(),
        teams: teams.iter().map(|t| t.id).collect(),
    }
}
