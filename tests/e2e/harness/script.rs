//! A scripted session whose request bill is known in advance: open, page through some
//! ghosts, search a word typed key by key, then edit one ghost, delete one and embody
//! one. The e2e test asserts its counts; the `session` benchmark reports them. Counts
//! are deterministic, timings never asserted.
//!
//! The editing steps here are also what the other e2e tests type (`writes.rs`,
//! `filters.rs`, `chaos.rs`), so a change of keys is made once.

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
    /// The writes, as "METHOD path" from the workspace on (`PATCH ghosts/12`).
    pub writes: Vec<String>,
    /// Look-up lists (members, roles, projects...) by path from the organization on,
    /// and query (`roles?`, `members?page=1`).
    pub lookups: Vec<String>,
    /// Anything else the app asked for (there should be nothing).
    pub other: Vec<RecordedRequest>,
}

impl Spent {
    /// Whether each page was asked once, from 1 with none skipped, `word` once, one
    /// request per write of [`run`] (edit, delete, embody) and each look-up once.
    pub fn is_frugal(&self, word: &str) -> bool {
        let expected: Vec<u32> = (1..=u32::try_from(self.pages.len()).unwrap_or(0)).collect();
        let mut lookups = self.lookups.clone();
        lookups.sort_unstable();
        lookups.dedup();
        self.pages == expected
            && self.searches == [word]
            && self.writes.len() == 3
            && lookups.len() == self.lookups.len()
            && self.other.is_empty()
    }
}

/// The scripted session: opens the app, pages (PgDn) until the cursor is at ghost
/// `through` or past it, opens the search line and types `word` with `key_gap`
/// between keys, then renames the first ghost found, deletes the next one and
/// embodies the one after it. `before` is the sandbox's request count before the app
/// started.
pub fn run(
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
    // Back to the list, the search kept.
    session.pty.send("\r");
    edit(session, "Renamed by the script", "Described by the script");
    session.pty.send("j");
    delete(session);
    embody(session, "Nora", "Team");
    spent(&session.server.requests()[before..])
}

/// `n`, and `name` typed into the new-ghost form; waits until it shows there.
pub fn new_ghost(session: &mut Session, name: &str) {
    session.pty.send("n");
    session
        .pty
        .wait_for("the new-ghost form", TIMEOUT, |s| s.contains("New ghost"));
    session.pty.send(name);
    session
        .pty
        .wait_for("the typed name", TIMEOUT, |s| s.contains(name));
}

/// On the ghost under the cursor: `e`, replaces name and description, saves; waits
/// until it is saved. Returns the screen then.
pub fn edit(session: &mut Session, name: &str, description: &str) -> String {
    session.pty.send("e");
    session
        .pty
        .wait_for("the edit form", TIMEOUT, |s| s.contains("┌ Edit ghost #"));
    // Ctrl-U empties the field the cursor is in.
    session.pty.send("\x15");
    session.pty.send(name);
    session.pty.send("\t\x15");
    session.pty.send(description);
    session.pty.wait_for("both fields typed", TIMEOUT, |s| {
        s.contains(name) && s.contains(description)
    });
    session.pty.send("\x13");
    session.pty.wait_for("the ghost saved", TIMEOUT, |s| {
        s.contains(&format!("Saved “{name}”"))
    })
}

/// On the ghost under the cursor: `d`, then `y` in the dialog; waits until it is
/// deleted. Returns the screen then.
pub fn delete(session: &mut Session) -> String {
    session.pty.send("d");
    session.pty.wait_for("the delete dialog", TIMEOUT, |s| {
        s.contains("┌ Delete ghost")
    });
    session.pty.send("y");
    session
        .pty
        .wait_for("the ghost deleted", TIMEOUT, |s| s.contains("Deleted “"))
}

/// On the ghost under the cursor: `E`, picks the member and the role whose names
/// start with these words, embodies; waits until done. Returns the screen then.
pub fn embody(session: &mut Session, member: &str, role: &str) -> String {
    session.pty.send("E");
    session
        .pty
        .wait_for("the embody dialog", TIMEOUT, |s| s.contains("┌ Embody “"));
    pick(session, "members", member, false);
    session
        .pty
        .wait_for("the member in the dialog", TIMEOUT, |s| {
            s.contains(&format!("Member  {member}"))
        });
    // The member taken, the role is next.
    pick(session, "roles", role, false);
    session
        .pty
        .wait_for("the role in the dialog", TIMEOUT, |s| {
            s.contains(&format!("Role    {role}"))
        });
    session.pty.send("\x13");
    session.pty.wait_for("the ghost embodied", TIMEOUT, |s| {
        s.contains("Done: embodied")
    })
}

/// On a field that opens a picker of `kind` ("teams", "roles"): opens it (Enter),
/// types `name` until one entry is left, and takes it (Space first where several
/// may be chosen). The caller waits for the choice to show where it went.
pub fn pick(session: &mut Session, kind: &str, name: &str, several: bool) {
    session.pty.send("\r");
    let title = format!("Choose {kind}");
    session.pty.wait_for(&title, TIMEOUT, |s| {
        s.contains(&title) && s.contains(" shown")
    });
    session.pty.send(name);
    // "N chosen · 1 of M shown" where several may be chosen, "1 of M shown" where one.
    session
        .pty
        .wait_for(&format!("{name} found among the {kind}"), TIMEOUT, |s| {
            s.contains("· 1 of") || s.contains("│1 of")
        });
    session.pty.send(if several { " \r" } else { "\r" });
}

fn spent(requests: &[RecordedRequest]) -> Spent {
    let mut out = Spent::default();
    for request in requests {
        let is_list = request.method == "GET" && request.path.ends_with("/ghosts");
        let in_workspace = after(&request.path, "/workspaces/");
        let in_organization = after(&request.path, "/organizations/");
        match (is_list, param(request, "search"), request.method.as_str()) {
            (true, Some(word), _) => out.searches.push(word),
            (true, None, _) => out.pages.push(
                param(request, "page")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0),
            ),
            (false, _, "POST" | "PATCH" | "DELETE") => out
                .writes
                .push(format!("{} {}", request.method, in_workspace)),
            (false, _, "GET") if !in_workspace.starts_with("ghosts") => {
                let query = request.query.as_deref().unwrap_or_default();
                out.lookups.push(format!("{in_organization}?{query}"));
            }
            _ => out.other.push(request.clone()),
        }
    }
    out
}

/// What follows `/workspaces/ID/` (or `/organizations/ID/`) in `path`: the part that
/// says what was asked; `path` itself if it has no such part.
fn after<'a>(path: &'a str, scope: &str) -> &'a str {
    path.split_once(scope)
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or(path, |(_, rest)| rest)
}
