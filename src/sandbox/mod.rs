//! A local server that speaks the Focus ghosts API (`shared/api/ghosts-api.md`), backed
//! by SQLite and seeded with demo data: demo mode, `ghosts serve`, and the other end of
//! every integration test.

mod auth;
mod db;
mod error;
mod faults;
mod gate;
mod names;
mod query;
mod quota;
mod routes;
mod seed;
mod state;
mod validate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use time::OffsetDateTime;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api::{Auth, ClientConfig, Secret};
pub use auth::{DEMO_API_KEY, DEMO_EMAIL, DEMO_ORGANIZATION_ID, DEMO_PASSWORD, DEMO_WORKSPACE_ID};
pub use faults::Faults;
use state::AppState;
pub use state::RecordedRequest;

/// How to run a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// A SQLite file to keep the data in (reused if it already holds sandbox data);
    /// `None` keeps everything in memory.
    pub db: Option<PathBuf>,
    /// How many ghosts to seed in the demo workspace.
    pub ghosts: usize,
    pub seed: u64,
    /// The reference time of the seeded data; the sandbox's clock runs on from it.
    pub now: OffsetDateTime,
    pub quota_per_hour: u32,
    /// How long a quota window lasts: an hour, as the live service counts; tests
    /// shorten it to see a spent quota come back.
    pub quota_window: Duration,
    pub faults: Faults,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: None,
            ghosts: 400,
            seed: 0,
            now: OffsetDateTime::now_utc(),
            quota_per_hour: 1000,
            quota_window: quota::HOUR,
            faults: Faults::default(),
        }
    }
}

/// A running sandbox server.
pub struct Sandbox {
    addr: SocketAddr,
    state: Arc<AppState>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

/// Opens (and if new, seeds) the store, binds, and serves on the current tokio runtime.
/// Returns once the server is listening.
pub async fn start(options: SandboxOptions) -> anyhow::Result<Sandbox> {
    let SandboxOptions {
        addr,
        db,
        ghosts,
        seed,
        now,
        quota_per_hour,
        quota_window,
        faults,
    } = options;
    // Seeding 100,000 ghosts, and indexing them for lists, take a moment of blocking
    // work: keep it off the runtime, and out of the first list request.
    let (conn, index) = tokio::task::spawn_blocking(move || {
        let conn = db::open(db.as_deref(), ghosts, seed, now)?;
        let mut index = db::index::NameIndex::default();
        index
            .refresh(&conn)
            .context("cannot index the sandbox's ghosts")?;
        anyhow::Ok((conn, index))
    })
    .await
    .context("the sandbox's storage setup stopped unexpectedly")??;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let addr = listener
        .local_addr()
        .context("cannot read the listening address")?;
    let state = Arc::new(AppState::new(
        conn,
        index,
        now,
        quota::QuotaBook::new(quota_per_hour, quota_window),
        faults,
    ));
    let app = routes::router(state.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // A dropped sender stops the server too.
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%addr, "sandbox listening");
    Ok(Sandbox {
        addr,
        state,
        stop,
        task,
    })
}

impl Sandbox {
    /// `http://ADDR/api`, as the live one is `https://focus.toggl.com/api`.
    pub fn base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Organization 1, workspace 1, the demo API key.
    pub fn client_config(&self) -> ClientConfig {
        ClientConfig::new(
            self.base_url(),
            DEMO_ORGANIZATION_ID,
            DEMO_WORKSPACE_ID,
            Auth::ApiKey(Secret::new(DEMO_API_KEY)),
        )
    }

    /// What a person needs to point the app (or curl) at this sandbox.
    pub fn banner(&self) -> String {
        let url = self.base_url();
        format!(
            "Toggl Focus sandbox listening on {url}\n\
             \x20 organization id: {DEMO_ORGANIZATION_ID}\n\
             \x20 workspace id:    {DEMO_WORKSPACE_ID}\n\
             \x20 API key:         {DEMO_API_KEY}   (Authorization: Bearer ...)\n\
             \x20 Basic auth:      {DEMO_EMAIL} / {DEMO_PASSWORD}\n\
             Point the app at it with:\n\
             \x20 export TOGGL_FOCUS_BASE_URL={url}\n\
             \x20 export TOGGL_ORGANIZATION_ID={DEMO_ORGANIZATION_ID}\n\
             \x20 export TOGGL_WORKSPACE_ID={DEMO_WORKSPACE_ID}\n\
             \x20 export TOGGL_FOCUS_API_TOKEN={DEMO_API_KEY}\n"
        )
    }

    /// Every request answered so far, in order (the last 100,000 of a long run).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests()
    }

    /// Misbehave differently from the next request on (`Faults::default()` mends it).
    pub fn set_faults(&self, faults: Faults) {
        self.state.faults.set(faults);
    }

    /// A new hourly request allowance (0 spends it at once); what each caller already
    /// used this hour still counts.
    pub fn set_quota_per_hour(&self, per_hour: u32) {
        self.state.quota.set_per_hour(per_hour);
    }

    /// Stops accepting, lets requests in flight finish (for a few seconds at most).
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        match tokio::time::timeout(Duration::from_secs(5), &mut task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(err))) => tracing::warn!(error = %err, "sandbox server failed"),
            Ok(Err(err)) => tracing::warn!(error = %err, "sandbox server task failed"),
            Err(_) => {
                tracing::warn!("sandbox connections did not close in time; stopping anyway");
                task.abort();
            }
        }
    }
}
