//! A sandbox of the test's own, served on loopback from a runtime the test owns (the
//! tests themselves are plain threads that block on the pty), and the environment that
//! points the binary at it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use ghosts::api::{ApiError, Client, GhostFilter, ListQuery, Reply};
use ghosts::sandbox::{
    DEMO_API_KEY, DEMO_ORGANIZATION_ID, DEMO_WORKSPACE_ID, Faults, RecordedRequest, Sandbox,
    SandboxOptions,
};
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::runtime::Runtime;

/// Fixed reference time and seed: the same data every run.
pub const NOW: OffsetDateTime = datetime!(2026-12-01 12:00:00 UTC);
pub const SEED: u64 = 42;

pub fn options(ghosts: usize) -> SandboxOptions {
    SandboxOptions {
        ghosts,
        seed: SEED,
        now: NOW,
        ..SandboxOptions::default()
    }
}

pub struct Server {
    runtime: Runtime,
    sandbox: Option<Sandbox>,
    /// Where the binary's log goes (`XDG_STATE_HOME`), removed at the end.
    state_dir: PathBuf,
}

impl Server {
    pub fn start(options: SandboxOptions) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the sandbox");
        let sandbox = runtime
            .block_on(ghosts::sandbox::start(options))
            .expect("start the sandbox");
        Server {
            runtime,
            sandbox: Some(sandbox),
            state_dir: unique_dir(),
        }
    }

    fn sandbox(&self) -> &Sandbox {
        self.sandbox.as_ref().expect("the sandbox runs until drop")
    }

    pub fn base_url(&self) -> String {
        self.sandbox().base_url()
    }

    /// Every request the sandbox answered so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.sandbox().requests()
    }

    /// Breaks (or with `Faults::default()`, mends) the running sandbox.
    pub fn set_faults(&self, faults: Faults) {
        self.sandbox().set_faults(faults);
    }

    pub fn set_quota_per_hour(&self, per_hour: u32) {
        self.sandbox().set_quota_per_hour(per_hour);
    }

    pub fn state_dir(&self) -> &Path {
        &self.state_dir
    }

    /// The environment that points the binary at this sandbox, and nothing else.
    pub fn app_env(&self) -> Vec<(String, String)> {
        app_env(&self.base_url(), &self.state_dir)
    }

    /// A client of this sandbox, for a test to ask it directly with [`Server::run`]
    /// or [`Server::ask`] (requests the caller must leave out of its counts, as with
    /// [`Server::total`]).
    pub fn client(&self) -> Client {
        Client::new(self.sandbox().client_config()).expect("a client")
    }

    /// Runs `request` (from [`Server::client`]) to its end and returns its data.
    pub fn run<T>(&self, request: impl Future<Output = Result<Reply<T>, ApiError>>) -> T {
        self.runtime
            .block_on(request)
            .expect("ask the sandbox")
            .data
    }

    /// Runs `call` with a client of the sandbox's own.
    pub fn ask<T, F: Future<Output = T>>(&self, call: impl FnOnce(Client) -> F) -> T {
        self.runtime.block_on(call(self.client()))
    }

    /// How many ghosts `filter` matches, asked directly (one request the caller must
    /// leave out of its counts: take `requests().len()` afterwards).
    pub fn total(&self, filter: GhostFilter) -> u64 {
        let query = ListQuery {
            filter,
            page: 1,
            rows: 1,
        };
        self.run(self.client().list_ghosts(&query)).total
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.runtime.block_on(sandbox.shutdown());
        }
        let _ = std::fs::remove_dir_all(&self.state_dir);
    }
}

/// The environment that points the binary at `base_url` with the sandbox's ids and key.
pub fn app_env(base_url: &str, state_dir: &Path) -> Vec<(String, String)> {
    let mut env = base_env(state_dir);
    env.extend([
        ("TOGGL_FOCUS_BASE_URL".into(), base_url.into()),
        (
            "TOGGL_ORGANIZATION_ID".into(),
            DEMO_ORGANIZATION_ID.to_string(),
        ),
        ("TOGGL_WORKSPACE_ID".into(), DEMO_WORKSPACE_ID.to_string()),
        ("TOGGL_FOCUS_API_TOKEN".into(), DEMO_API_KEY.into()),
    ]);
    env
}

/// What any run of the binary gets: a terminal type, and a log directory of its own so
/// nothing lands in the real home.
pub fn base_env(state_dir: &Path) -> Vec<(String, String)> {
    vec![
        ("TERM".into(), "xterm-256color".into()),
        ("XDG_STATE_HOME".into(), state_dir.display().to_string()),
    ]
}

/// A fresh directory under the system's temp dir, unique per process and call.
pub fn unique_dir() -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "ghosts-e2e-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create a temp dir");
    dir
}
