//! Authentication, access, quota, and refusals that are never axum's plain text.

use std::time::Duration;

use ghosts::api::{Auth, Client, ClientConfig, GhostFilter, ListQuery, Secret};
use ghosts::sandbox::{Faults, SandboxOptions};
use reqwest::Method;

use crate::common::*;

fn first_page() -> ListQuery {
    ListQuery {
        filter: GhostFilter::default(),
        page: 1,
        rows: 5,
    }
}

fn with_auth(sandbox: &ghosts::sandbox::Sandbox, auth: Auth) -> Client {
    let config = ClientConfig {
        auth,
        ..sandbox.client_config()
    };
    Client::new(config).unwrap()
}

#[tokio::test]
async fn missing_or_wrong_credentials_are_401_and_basic_auth_works() {
    let sandbox = sandbox(5).await;
    let response = raw().get(ws_url(&sandbox, "/ghosts")).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers().contains_key("x-toggl-quota-remaining"));
    assert_error_body(&response.json().await.unwrap());
    let wrong = [
        Auth::ApiKey(Secret::new("toggl_sk_ffffffffffffffffffffffffffffffff")),
        Auth::Basic {
            email: "demo@example.com".into(),
            password: Secret::new("not-demo"),
        },
    ];
    for auth in wrong {
        let err = status_of(
            with_auth(&sandbox, auth)
                .list_ghosts(&first_page())
                .await
                .unwrap_err(),
        );
        assert_eq!(err.status, 401);
        assert_eq!(err.body.unwrap().error, "unauthorized");
    }
    let basic = with_auth(
        &sandbox,
        Auth::Basic {
            email: "demo@example.com".into(),
            password: Secret::new("demo"),
        },
    );
    assert_eq!(basic.list_ghosts(&first_page()).await.unwrap().data.page, 1);
}

#[tokio::test]
async fn other_organizations_and_workspaces_are_403() {
    let sandbox = sandbox(5).await;
    for (org, ws) in [(2, 2), (1, 2), (2, 1), (9, 9)] {
        let config = ClientConfig {
            organization_id: org,
            workspace_id: ws,
            ..sandbox.client_config()
        };
        let client = Client::new(config).unwrap();
        let err = status_of(client.list_ghosts(&first_page()).await.unwrap_err());
        assert_eq!(err.status, 403, "{org}/{ws}");
        assert_eq!(err.body.unwrap().error, "forbidden");
        let err = status_of(client.get_ghost(1).await.unwrap_err());
        assert_eq!(err.status, 403);
    }
}

#[tokio::test]
async fn quota_headers_count_down_and_a_spent_quota_is_402() {
    let sandbox = ghosts::sandbox::start(SandboxOptions {
        quota_per_hour: 3,
        ..options(5)
    })
    .await
    .unwrap();
    let client = client(&sandbox);
    let mut remaining = Vec::new();
    for _ in 0..2 {
        let quota = client.list_ghosts(&first_page()).await.unwrap().quota;
        remaining.push(quota.remaining);
        let resets_in = quota.resets_in.unwrap();
        assert!(resets_in > Duration::from_secs(3500) && resets_in <= Duration::from_secs(3600));
    }
    // Errors carry the headers too.
    let not_found = status_of(client.get_ghost(999_999).await.unwrap_err());
    assert_eq!(not_found.status, 404);
    remaining.push(not_found.quota.remaining);
    assert_eq!(remaining, [Some(2), Some(1), Some(0)]);
    let spent = status_of(client.list_ghosts(&first_page()).await.unwrap_err());
    assert_eq!(spent.status, 402);
    assert!(spent.is_quota_exhausted());
    assert_eq!(spent.quota.remaining, Some(0));
    assert!(spent.quota.resets_in.is_some());
    assert_eq!(spent.body.unwrap().error, "quota_exceeded");
}

#[tokio::test]
async fn bad_bodies_unknown_routes_and_wrong_methods_answer_json() {
    let sandbox = sandbox(5).await;
    let ghosts_url = ws_url(&sandbox, "/ghosts");
    let (status, body) = send_json(Method::POST, &ghosts_url, r#"{"name": "unterminated"#).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_json");
    let (status, body) = send_json(Method::POST, &ghosts_url, "").await;
    assert_eq!(status, 400);
    assert_error_body(&body);
    let (status, body) = send_json(Method::POST, &ghosts_url, r#"{"name": ["a list"]}"#).await;
    assert_eq!(status, 400);
    assert_error_body(&body);

    let response = raw()
        .post(&ghosts_url)
        .bearer_auth(DEMO_KEY)
        .header("content-type", "text/plain")
        .body(r#"{"name": "x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert_error_body(&response.json().await.unwrap());

    for url in [
        format!("{}/nowhere", sandbox.base_url()),
        ws_url(&sandbox, "/ghosts/1/elsewhere"),
        format!("{}/organizations/x/workspaces/1/ghosts", sandbox.base_url()),
    ] {
        let (status, body) = get_json(&url).await;
        assert_eq!(status, 404, "{url}");
        assert_error_body(&body);
    }
    // Refusals outside the routes still pass the gate: counted, with quota headers.
    let response = raw()
        .get(format!("{}/nowhere", sandbox.base_url()))
        .bearer_auth(DEMO_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(response.headers().contains_key("x-toggl-quota-resets-in"));
    assert_eq!(sandbox.requests().last().map(|r| r.status), Some(404));

    let (status, body) = send_json(Method::PUT, &ghosts_url, "{}").await;
    assert_eq!(status, 405);
    assert_error_body(&body);
    let (status, body) = get_json(&ws_url(&sandbox, "/ghosts/bulk_create")).await;
    assert_eq!(status, 405);
    assert_error_body(&body);
}

#[tokio::test]
async fn every_request_is_recorded_with_its_status() {
    let sandbox = sandbox(5).await;
    let client = client(&sandbox);
    client.list_ghosts(&first_page()).await.unwrap();
    client.get_ghost(999_999).await.unwrap_err();
    let requests = sandbox.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/api/organizations/1/workspaces/1/ghosts");
    assert_eq!(
        requests[0].query.as_deref(),
        Some("page=1&rows=5&order_by=name%2Casc")
    );
    assert_eq!(requests[0].status, 200);
    assert_eq!(
        requests[1].path,
        "/api/organizations/1/workspaces/1/ghosts/999999"
    );
    assert_eq!(
        (requests[1].query.as_deref(), requests[1].status),
        (None, 404)
    );
    assert_eq!((&requests[0].body, &requests[1].body), (&None, &None));
}

#[tokio::test]
async fn a_write_is_recorded_with_its_body_and_a_huge_body_is_refused() {
    let sandbox = sandbox(5).await;
    let url = ws_url(&sandbox, "/ghosts");
    let (status, _) = send_json(Method::POST, &url, r#"{"name": "Recorded"}"#).await;
    assert_eq!(status, 201);
    let body = r#"{"name": "Recorded"}"#.to_string();
    assert_eq!(sandbox.requests()[0].body, Some(body));

    let huge = format!(
        r#"{{"name": "x", "description": "{}"}}"#,
        "x".repeat(3 << 20)
    );
    let (status, answer) = send_json(Method::POST, &url, &huge).await;
    assert_eq!(status, 413);
    assert_error_body(&answer);
    assert_eq!(
        sandbox
            .requests()
            .last()
            .map(|r| (r.status, r.body.is_none())),
        Some((413, true))
    );
}

#[tokio::test]
async fn a_ghost_set_to_fail_answers_500_and_the_client_retries_reads() {
    let sandbox = ghosts::sandbox::start(SandboxOptions {
        faults: Faults {
            fail_ghost_ids: vec![3],
            ..Faults::default()
        },
        ..options(10)
    })
    .await
    .unwrap();
    let client = client(&sandbox);
    let err = status_of(client.get_ghost(3).await.unwrap_err());
    assert_eq!(err.status, 500);
    assert_eq!(err.body.unwrap().error, "internal");
    // One try and two retries, then the client gives up.
    assert_eq!(sandbox.requests().len(), 3);
    // Writes are not retried.
    client.delete_ghost(3).await.unwrap_err();
    assert_eq!(sandbox.requests().len(), 4);
    assert!(client.get_ghost(4).await.is_ok());
}

#[tokio::test]
async fn the_banner_says_how_to_connect() {
    let sandbox = sandbox(0).await;
    let banner = sandbox.banner();
    for needle in [
        sandbox.base_url().as_str(),
        DEMO_KEY,
        "demo@example.com",
        "TOGGL_FOCUS_BASE_URL",
        "TOGGL_ORGANIZATION_ID=1",
        "TOGGL_WORKSPACE_ID=1",
        "TOGGL_FOCUS_API_TOKEN",
    ] {
        assert!(banner.contains(needle), "{needle} missing from:\n{banner}");
    }
    assert!(
        sandbox
            .base_url()
            .starts_with(&format!("http://{}", sandbox.addr()))
    );
    sandbox.shutdown().await;
}
