//! Sandboxes with faults, tiny servers with canned answers, and config files on disk.

use std::path::{Path, PathBuf};

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ghosts::api::{Auth, Client, ClientConfig, GhostFilter, ListQuery, Secret};
use ghosts::config::{ConfigLocation, Profile, load_profile};
use ghosts::sandbox::{
    DEMO_API_KEY, DEMO_ORGANIZATION_ID, DEMO_WORKSPACE_ID, Faults, Sandbox, SandboxOptions,
};
use time::macros::datetime;

pub fn options(faults: Faults) -> SandboxOptions {
    SandboxOptions {
        ghosts: 5,
        seed: 42,
        now: datetime!(2026-12-01 12:00:00 UTC),
        faults,
        ..SandboxOptions::default()
    }
}

pub async fn sandbox(faults: Faults) -> Sandbox {
    ghosts::sandbox::start(options(faults)).await.unwrap()
}

pub fn client(config: ClientConfig) -> Client {
    Client::new(config).unwrap()
}

/// The sandbox's demo credentials, for `base_url`.
pub fn config_for(base_url: String) -> ClientConfig {
    ClientConfig::new(
        base_url,
        DEMO_ORGANIZATION_ID,
        DEMO_WORKSPACE_ID,
        Auth::ApiKey(Secret::new(DEMO_API_KEY)),
    )
}

pub fn first_page() -> ListQuery {
    ListQuery {
        filter: GhostFilter::default(),
        page: 1,
        rows: 5,
    }
}

/// A server that answers every request with `status`, `headers` and `body`, for
/// answers the sandbox never gives (a 402 plan limit, a dated `Retry-After`).
pub async fn canned(status: u16, headers: &[(&str, String)], body: &'static str) -> String {
    let headers: Vec<(HeaderName, HeaderValue)> = headers
        .iter()
        .map(|(k, v)| {
            (
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            )
        })
        .collect();
    let answer = move || {
        let headers = headers.clone();
        async move {
            let mut response: Response =
                (StatusCode::from_u16(status).unwrap(), body).into_response();
            response.headers_mut().extend(headers);
            response
        }
    };
    let app = axum::Router::new().fallback(answer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/api")
}

/// Writes `text` to `dir/config.toml` with Unix permission bits `mode`.
pub fn write_config(dir: &Path, text: &str, mode: u32) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

/// The profile `name` (or the default) of the file at `path`, named as with --config.
pub fn profile_of(path: &Path, name: Option<&str>) -> Result<Option<Profile>, String> {
    let location = ConfigLocation {
        path: path.to_path_buf(),
        explicit: true,
    };
    load_profile(Some(&location), name)
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// The real binary with a clean environment: `HOME` set to `home` and `PATH` kept, so
/// nothing of the machine's own configuration, proxies or credentials leaks in.
pub fn ghosts_command(home: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ghosts"));
    command
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::null());
    command
}

/// The statuses of every answer the sandbox gave, in order.
pub fn statuses(sandbox: &Sandbox) -> Vec<u16> {
    sandbox.requests().iter().map(|r| r.status).collect()
}
