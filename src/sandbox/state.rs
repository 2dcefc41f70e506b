//! What every handler shares: the store, the clock, the quota book, the faults and the
//! log of requests served.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use rusqlite::Connection;
use time::OffsetDateTime;

use super::db::index::NameIndex;
use super::faults::{Faults, Injector};
use super::quota::QuotaBook;

/// One request the sandbox answered, so tests can count what a client sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// The raw query string, without `?`.
    pub query: Option<String>,
    /// The request body as text, if it had one (what a write asked for).
    pub body: Option<String>,
    pub status: u16,
}

pub struct AppState {
    db: Mutex<Connection>,
    /// The list order of live ghosts; locked only while `db` is held.
    index: Mutex<NameIndex>,
    /// The reference time given at start; the sandbox's clock runs on from it, so a
    /// frozen `now` in tests still yields `updated_at` that moves forward.
    reference: OffsetDateTime,
    started: Instant,
    pub quota: QuotaBook,
    pub faults: Injector,
    log: Mutex<VecDeque<RecordedRequest>>,
}

/// How many requests the log keeps: plenty for any test, bounded for a long `serve`.
const LOG_LIMIT: usize = 100_000;

impl AppState {
    pub fn new(
        conn: Connection,
        index: NameIndex,
        reference: OffsetDateTime,
        quota: QuotaBook,
        faults: Faults,
    ) -> Self {
        AppState {
            db: Mutex::new(conn),
            index: Mutex::new(index),
            reference,
            started: Instant::now(),
            quota,
            faults: Injector::new(faults),
            log: Mutex::new(VecDeque::new()),
        }
    }

    /// The store. Held only for the few statements of one request; a panic in another
    /// request leaves SQLite consistent (transactions roll back on drop), so poison is
    /// ignored rather than taking the sandbox down.
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The list index. Take it after [`AppState::db`] (one order, so no deadlock);
    /// a panic mid-rebuild leaves it stale, and the next list rebuilds it.
    pub fn index(&self) -> MutexGuard<'_, NameIndex> {
        self.index.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn now(&self) -> OffsetDateTime {
        self.reference + self.started.elapsed()
    }

    pub fn record(&self, request: RecordedRequest) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if log.len() == LOG_LIMIT {
            log.pop_front();
        }
        log.push_back(request);
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }
}
