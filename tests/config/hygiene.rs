//! No credential ever reaches the log, an error message or a `Debug` string, whatever
//! goes wrong: refusals, server errors that echo the request, timeouts, refused
//! connections, unreadable answers, and a base URL with user info.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use ghosts::api::{ApiError, Auth, Client, ClientConfig, Secret};
use ghosts::sandbox::Faults;

use crate::common::*;

const CANARY_KEY: &str = "toggl_sk_canarycanarycanarycanary0000";
const CANARY_PASSWORD: &str = "canary-password-xyzzy";
const EMAIL: &str = "demo@example.com";

/// Every text that would give a credential away.
fn canaries() -> Vec<String> {
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{EMAIL}:{CANARY_PASSWORD}"));
    vec![
        CANARY_KEY.to_string(),
        // Half a key is still a leak (an excerpt cut mid-key, say).
        CANARY_KEY[..20].to_string(),
        CANARY_PASSWORD.to_string(),
        basic,
        "userinfo-pw".to_string(),
    ]
}

fn auths() -> [Auth; 2] {
    [
        Auth::ApiKey(Secret::new(CANARY_KEY)),
        Auth::Basic {
            email: EMAIL.into(),
            password: Secret::new(CANARY_PASSWORD),
        },
    ]
}

/// A log writer that keeps everything in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How an echoing server answers: each puts the request's Authorization header in
/// the answer, as careless gateways and debug pages do.
#[derive(Clone, Copy)]
enum Echo {
    HtmlError,
    JsonError,
    Garbage,
}

async fn echo_server(echo: Echo) -> String {
    let answer = move |headers: HeaderMap| async move {
        let auth = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let response: Response = match echo {
            Echo::HtmlError => (
                StatusCode::BAD_GATEWAY,
                format!(
                    "<html><body><h1>502</h1><pre>{}Authorization: {auth}</pre></body></html>",
                    "x".repeat(150)
                ),
            )
                .into_response(),
            Echo::JsonError => (
                StatusCode::BAD_REQUEST,
                [(header::CONTENT_TYPE, "application/json")],
                serde_json::json!({
                    "error": "bad_auth",
                    "error_description": format!("cannot use {auth}"),
                    "error_values": {"authorization": auth},
                    "trace_id": "t1"
                })
                .to_string(),
            )
                .into_response(),
            Echo::Garbage => (StatusCode::OK, format!("not json: {auth}")).into_response(),
        };
        response
    };
    let app = axum::Router::new().fallback(answer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/api")
}

/// A server that accepts connections and never answers.
async fn silent_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            open.push(socket);
        }
    });
    format!("http://{addr}/api")
}

fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/api")
}

#[tokio::test]
async fn no_credential_reaches_the_log_or_any_error() {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // This test's runtime runs on this one thread, the sandbox and the client included.
    let _guard = tracing::subscriber::set_default(subscriber);

    let sandbox = sandbox(Faults::default()).await;
    let bases = [
        sandbox.base_url(), // 401: the canaries are not its credentials
        echo_server(Echo::HtmlError).await,
        echo_server(Echo::JsonError).await,
        echo_server(Echo::Garbage).await,
        silent_server().await,
        closed_port(),
    ];
    let mut texts = Vec::new();
    let mut errors: Vec<ApiError> = Vec::new();
    for base in &bases {
        for auth in auths() {
            let config = ClientConfig {
                request_timeout: Duration::from_millis(300),
                read_retries: 1,
                auth,
                ..config_for(base.clone())
            };
            texts.push(format!("{config:?}"));
            let client = Client::new(config).unwrap();
            texts.push(format!("{client:?}"));
            errors.push(client.list_ghosts(&first_page()).await.unwrap_err());
            errors.push(client.get_ghost(1).await.unwrap_err());
            // A write, sent once; the garbage server's 200 is a success for a delete.
            errors.extend(client.delete_ghost(1).await.err());
        }
    }
    let with_userinfo = format!("http://me:userinfo-pw@{}/api", sandbox.addr());
    let refused = Client::new(config_for(with_userinfo)).unwrap_err();
    errors.push(refused);

    // Every kind of failure was met, so the test covers what it says.
    let kinds = |f: fn(&ApiError) -> bool| errors.iter().any(f);
    assert!(kinds(|e| e.status() == Some(401)));
    assert!(kinds(|e| e.status() == Some(502)));
    assert!(kinds(|e| e.status() == Some(400)));
    assert!(kinds(|e| matches!(e, ApiError::Decode(_))));
    assert!(kinds(|e| matches!(e, ApiError::Timeout(_))));
    assert!(kinds(|e| matches!(e, ApiError::Connect { .. })));
    assert!(kinds(|e| matches!(e, ApiError::Config(_))));
    for err in &errors {
        texts.push(err.to_string());
        texts.push(format!("{err:?}"));
        texts.push(format!("{err:#?}"));
    }
    let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("request refused"),
        "the log was not captured:\n{log}"
    );
    texts.push(log);
    for canary in canaries() {
        for text in &texts {
            assert!(!text.contains(&canary), "{canary:?} leaked into:\n{text}");
        }
    }
}

#[test]
fn a_panic_message_with_the_configuration_shows_no_secret() {
    for auth in auths() {
        let config = config_for("http://127.0.0.1:9/api".into());
        let config = ClientConfig { auth, ..config };
        let panic =
            std::panic::catch_unwind(|| panic!("cannot go on with {config:?}")).unwrap_err();
        let message = panic.downcast_ref::<String>().unwrap();
        for canary in canaries() {
            assert!(
                !message.contains(&canary),
                "{canary:?} leaked into {message}"
            );
        }
    }
}
