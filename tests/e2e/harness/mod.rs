//! The end-to-end harness: the built `ghosts` binary in a pseudo-terminal, pointed at a
//! sandbox that runs in the test process. Shared by the e2e tests and the session
//! benchmarks (`benches/session.rs` includes this directory with `#[path]`), so each of
//! them uses only part of it.
#![allow(dead_code)]

pub mod pty;
pub mod restore;
pub mod script;
pub mod server;

use std::path::Path;
use std::time::Duration;

use ghosts::sandbox::RecordedRequest;

use pty::Pty;
use server::Server;

/// Generous: only a hang should ever reach it, even on a loaded 2-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Wide enough for the list and the detail pane side by side.
pub const SIZE: (u16, u16) = (120, 30);

pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_ghosts"))
}

/// The app running against a sandbox of its own.
pub struct Session {
    /// Declared first so the app is gone before its sandbox stops.
    pub pty: Pty,
    pub server: Server,
}

impl Session {
    /// A sandbox with `ghosts` ghosts and the app on it, not yet waited for.
    pub fn start(ghosts: usize) -> Session {
        Session::start_on(Server::start(server::options(ghosts)))
    }

    pub fn start_on(server: Server) -> Session {
        Session::start_sized(server, SIZE)
    }

    /// The app on `server`, on a terminal of `size` (columns, rows).
    pub fn start_sized(server: Server, size: (u16, u16)) -> Session {
        Session::start_with_args(server, size, &[])
    }

    /// The app on `server` with extra command-line `args` (e.g. a shorter `--timeout`).
    pub fn start_with_args(server: Server, size: (u16, u16), args: &[&str]) -> Session {
        let pty = Pty::spawn(binary(), args, &server.app_env(), server.state_dir(), size);
        Session { pty, server }
    }

    /// Waits until the first page is on screen; returns the total it shows.
    pub fn wait_for_data(&self) -> u64 {
        let screen = self.pty.wait_for("the first page", TIMEOUT, |s| {
            position(s).is_some_and(|(at, _)| at >= 1)
        });
        position(&screen).map(|(_, total)| total).unwrap_or(0)
    }

    /// Sends `keys` and waits until the status bar's "N of M" says `want`.
    pub fn send_and_wait_position(&mut self, keys: &str, want: (u64, u64)) -> String {
        self.pty.send(keys);
        self.pty
            .wait_for(&format!("position {want:?}"), TIMEOUT, |s| {
                position(s) == Some(want)
            })
    }

    /// Writes (POST, PATCH, DELETE) the sandbox answered after its first `skip` requests.
    pub fn writes(&self, skip: usize) -> Vec<RecordedRequest> {
        self.server
            .requests()
            .into_iter()
            .skip(skip)
            // A write declined with 429 did nothing (the client sends it again by
            // itself after a short wait): not a write the server may have acted on.
            .filter(|r| matches!(r.method.as_str(), "POST" | "PATCH" | "DELETE") && r.status != 429)
            .collect()
    }

    /// `GET ~/ghosts` requests the sandbox answered after the first `skip` requests.
    pub fn list_requests(&self, skip: usize) -> Vec<RecordedRequest> {
        self.server
            .requests()
            .into_iter()
            .skip(skip)
            .filter(|r| r.method == "GET" && r.path.ends_with("/ghosts"))
            .collect()
    }
}

/// The status bar's "N of M" (cursor position and total), if it shows numbers. The
/// lowest line where numbers stand either side of " of " (a message under it may say
/// "of" in words).
pub fn position(screen: &str) -> Option<(u64, u64)> {
    screen.lines().rev().find_map(|line| {
        let (before, after) = line.split_once(" of ")?;
        let at = before.split_whitespace().last()?.parse().ok()?;
        let total = after.split_whitespace().next()?.parse().ok()?;
        Some((at, total))
    })
}

/// The ids of the ghosts the list shows, top to bottom: rows of the list pane end in
/// `#ID` where the pane meets the detail pane (so only with no dialog over them).
pub fn listed_ids(screen: &str) -> Vec<ghosts::api::Id> {
    screen
        .lines()
        .filter_map(|line| line.strip_prefix('│')?.split('│').next())
        .filter_map(|row| row.trim_end().rsplit_once(" #")?.1.parse().ok())
        .collect()
}

/// One query parameter of a recorded request, percent-decoded.
pub fn param(request: &RecordedRequest, key: &str) -> Option<String> {
    let query = request.query.as_deref()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// Whether any visible text line is a "loading page" status.
pub fn loading(screen: &str) -> bool {
    screen.contains("loading page")
}
