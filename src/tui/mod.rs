//! The terminal app: browse, search, create, edit, delete and embody ghosts.
//!
//! Elm style: [`app::App`] is plain data, [`update::update`] changes it in answer to a
//! [`msg::Msg`] and returns [`msg::Effect`]s, which [`runtime`] runs as tasks;
//! [`view::view`] draws it. See `shared/DESIGN.md`.

pub mod app;
pub mod bulk;
pub mod bulk_create;
pub mod dialogs;
pub mod filters;
pub mod form;
pub mod journal;
pub mod keymap;
pub mod layout;
pub mod lookups;
pub mod marks;
pub mod msg;
pub mod picker;
pub mod runtime;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod timefmt;
pub mod triage;
pub mod update;
pub mod view;

use std::path::PathBuf;

use anyhow::Context as _;
use time::{OffsetDateTime, UtcOffset};

use crate::api::Client;

pub use app::App;
pub use msg::{Effect, Msg};
pub use update::update;

/// How to run the terminal app.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Talking to the local sandbox: the screen says `DEMO`.
    pub demo: bool,
    /// The user's UTC offset, read before any thread starts (reading it later is
    /// unsound); times are shown in it.
    pub local_offset: UtcOffset,
    /// The log file. When main has already started logging (the usual case), this is
    /// only shown to the user (in help, next to trace ids they may need); otherwise the
    /// app logs there itself. `None`: no log, never to the terminal (it is ours).
    pub log_path: Option<PathBuf>,
    /// The journal of bulk operations (read on start, appended to while they run);
    /// `None`: none is kept.
    pub journal_path: Option<PathBuf>,
    /// The colors (see [`theme::choose`]).
    pub theme: theme::ThemeName,
}

/// Runs the app until the user quits or a signal ends it. The terminal is restored on
/// every way out.
pub async fn run(client: Client, options: RunOptions) -> anyhow::Result<runtime::Ended> {
    if let Some(path) = &options.log_path
        && !tracing::dispatcher::has_been_set()
    {
        init_log(path)?;
    }
    let mut guard = terminal::TerminalGuard::enter().context("cannot set up the terminal")?;
    let mut app = App::new(
        OffsetDateTime::now_utc(),
        options.local_offset,
        options.demo,
        (0, 0),
    );
    app.log_path = options.log_path.map(|p| p.display().to_string());
    if let Some(interrupted) = options.journal_path.as_deref().and_then(journal::read) {
        app.modal = Some(app::Modal::Interrupted(Box::new(interrupted)));
    }
    app.journal_path = options.journal_path;
    app.theme = theme::Theme::new(options.theme);
    let events = crossterm::event::EventStream::new();
    let result = runtime::event_loop(&mut guard.terminal, &mut app, client, events).await;
    drop(guard);
    result
}

fn init_log(path: &std::path::Path) -> anyhow::Result<()> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open the log file {}", path.display()))?;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("ghosts=info"));
    // Another subscriber (set up by main) wins; that is fine.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
    Ok(())
}
