//! A scripted session whose request bill is known in advance: open, page through some
//! ghosts, search a word typed key by key. The e2e test asserts its counts; the
//! `session` benchmark reports them. Counts are deterministic, timings never asserted.
//!
//! The editing flows (edit, create, delete, embody) add their steps to `run` and a
//! field to `Spent` here, so the test and the benchmark both pick them up.

use std::time::Duration;

use ghosts::sandbox::RecordedRequest;

use super::{Session, TIMEOUT, loading, param, position};

/// What the session cost, by kind of request.
#[derive(Debug, Default, PartialEq)]
pub struct Spent {
    /// Page numbers of the unfiltered list requests, in order.
    pub pages: Vec<u32>,
    /// The search words sent, in order.
    pub searches: Vec<String>,
    /// Anything else the app asked for (there should be nothing).
    pub other: Vec<RecordedRequest>,
}

impl Spent {
    /// Whether each page was asked once, from 1 with none skipped, and `word` once.
    pub fn is_frugal(&self, word: &str) -> bool {
        let expected: Vec<u32> = (1..=u32::try_from(self.pages.len()).unwrap_or(0)).collect();
        self.pages == expected && self.searches == [word] && self.other.is_empty()
    }
}

/// Opens the app, pages (PgDn) until the cursor is at ghost `through` or past it, then
/// opens the search line and types `word` with `key_gap` between keys. `before` is the
/// sandbox's request count before the app started.
pub fn browse_then_search(
    session: &mut Session,
    before: usize,
    through: u64,
    word: &str,
    key_gap: Duration,
) -> Spent {
    session.wait_for_data();
    let mut at = 1;
    while at < through {
        session.pty.send("\x1b[6~");
        let screen = session.pty.wait_for("a screen down", TIMEOUT, |s| {
            position(s).is_some_and(|(now, _)| now > at) && !loading(s)
        });
        at = position(&screen).map_or(at, |(now, _)| now);
    }
    session.pty.send("/");
    session
        .pty
        .wait_for("the search line", TIMEOUT, |s| s.contains("Search:"));
    for c in word.chars() {
        session.pty.send(&c.to_string());
        std::thread::sleep(key_gap);
    }
    let header = format!("search: “{word}”");
    session.pty.wait_for("the search results", TIMEOUT, |s| {
        s.contains(&header) && position(s).is_some() && !loading(s)
    });
    spent(&session.server.requests()[before..])
}

fn spent(requests: &[RecordedRequest]) -> Spent {
    let mut out = Spent::default();
    for request in requests {
        let is_list = request.method == "GET" && request.path.ends_with("/ghosts");
        match (is_list, param(request, "search")) {
            (true, Some(word)) => out.searches.push(word),
            (true, None) => out.pages.push(
                param(request, "page")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0),
            ),
            (false, _) => out.other.push(request.clone()),
        }
    }
    out
}
