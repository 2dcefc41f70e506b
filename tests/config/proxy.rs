//! `HTTP_PROXY` and `NO_PROXY` are honoured: the real binary's `ghosts init` is run with
//! them set for it alone (setting them in this process would reach every other test).

use std::io::Write;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use axum::http::Uri;

use crate::common::ghosts_command;

/// A stand-in proxy: records the target of each request and answers every one with
/// an empty page of ghosts, as if it had asked the server.
async fn fake_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let answer = move |uri: Uri| {
        let record = record.clone();
        async move {
            record.lock().unwrap().push(uri.to_string());
            axum::Json(serde_json::json!({"data": [], "page": 1, "rows": 1, "total": 0}))
        }
    };
    let app = axum::Router::new().fallback(answer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), seen)
}

/// Runs `ghosts init` against `address` with `env`; true when it saved a profile.
async fn init_with(address: &str, env: &[(&str, &str)]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let mut command = ghosts_command(dir.path());
    command
        .args(["init", "--config"])
        .arg(&config)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let answers = format!("{address}\ntoggl_sk_0123456789abcdef0123456789abcdef\n");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    // The proxy runs on this test's runtime: wait for the child off it.
    let output = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stderr).to_string();
    (output.status.success() && config.exists(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_go_through_http_proxy_unless_no_proxy_says_otherwise() {
    let (proxy, seen) = fake_proxy().await;
    // A host that does not exist: only the proxy can answer for it.
    let (saved, stderr) = init_with(
        "http://focus.invalid/organizations/1/workspaces/1",
        &[("HTTP_PROXY", &proxy)],
    )
    .await;
    assert!(saved, "{stderr}");
    let targets = seen.lock().unwrap().clone();
    assert_eq!(targets.len(), 1, "{targets:?}");
    assert!(
        targets[0].starts_with("http://focus.invalid/api/organizations/1/workspaces/1/ghosts"),
        "{targets:?}"
    );

    // With the host in NO_PROXY the request goes straight there, and nothing listens.
    let closed = closed_address();
    let (saved, stderr) = init_with(
        &format!("http://{closed}/organizations/1/workspaces/1"),
        &[("HTTP_PROXY", &proxy), ("NO_PROXY", "127.0.0.1")],
    )
    .await;
    assert!(!saved);
    assert!(stderr.contains("cannot reach"), "{stderr}");
    assert_eq!(seen.lock().unwrap().len(), 1, "the proxy was asked anyway");
}

fn closed_address() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}
