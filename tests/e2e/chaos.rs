//! Chaos: the app against a sandbox that misbehaves on purpose, one fault at a time.
//!
//! Every fault is a row ([`Case`]) run through the same two scenarios: [`reads`]
//! (reload the list under the fault) and [`writes`] (save a new ghost under it). Each
//! checks that the app stays alive and answers keys, says what went wrong, keeps the
//! user's draft, never sends a write by itself, and finishes the job once the fault is
//! lifted (`Faults::default()` on the running sandbox, then `r` or Ctrl-S again).
//! Waits are hang guards only; nothing asserts speed.

use std::time::{Duration, Instant};

use ghosts::api::GhostFilter;
use ghosts::sandbox::{Faults, SandboxOptions};

use crate::harness::server::{Server, options};
use crate::harness::{SIZE, Session, loading, position, script};

/// Longer than the harness's: reads under a fault are tried three times, with backoff,
/// before the app gives up and says so.
const HANG: Duration = Duration::from_secs(40);

/// The help overlay's title (see `browse.rs`).
const HELP_TITLE: &str = "Keys: Esc or ? closes";

/// The name typed into the new-ghost form.
const NAME: &str = "Chaos probe";

/// How the sandbox is broken.
enum Break {
    Faults(Faults),
    /// The hourly quota spent: every request answers 402.
    Quota,
}

/// What the user sees under the fault.
enum Expect {
    /// The request fails and the screen says this (compared case-insensitively).
    Refused(&'static str),
    /// The request goes through; the fault only delays or thins the answer.
    Served,
    /// The server stores the write but its answer is lost; the screen says this.
    Lost(&'static str),
}

struct Case {
    fault: Break,
    /// Extra command-line arguments for the app.
    args: &'static [&'static str],
    reload: Expect,
    save: Expect,
}

fn latency() -> Case {
    Case {
        fault: Break::Faults(Faults {
            latency: Duration::from_secs(2),
            ..Faults::default()
        }),
        args: &[],
        reload: Expect::Served,
        save: Expect::Served,
    }
}

/// Every request a gateway's 502 HTML page.
fn server_errors() -> Case {
    Case {
        fault: Break::Faults(Faults {
            fail_rate: 1.0,
            ..Faults::default()
        }),
        args: &[],
        reload: Expect::Refused("server had a problem"),
        save: Expect::Refused("server had a problem"),
    }
}

fn quota_spent() -> Case {
    Case {
        fault: Break::Quota,
        args: &[],
        reload: Expect::Refused("quota is used up"),
        save: Expect::Refused("quota is used up"),
    }
}

/// Every request 429 with a `Retry-After` short enough that reads wait it out twice.
fn too_many_requests() -> Case {
    Case {
        fault: Break::Faults(Faults {
            burst_429: 1,
            ..Faults::default()
        }),
        args: &[],
        reload: Expect::Refused("too many requests"),
        save: Expect::Refused("too many requests"),
    }
}

fn malformed_json() -> Case {
    Case {
        fault: Break::Faults(Faults {
            malformed_rate: 1.0,
            ..Faults::default()
        }),
        args: &[],
        reload: Expect::Refused("could not be read"),
        save: Expect::Lost("could not be read"),
    }
}

/// Nulls where lists belong must read as empty lists: nothing fails.
fn nulls() -> Case {
    Case {
        fault: Break::Faults(Faults {
            nulls: true,
            ..Faults::default()
        }),
        args: &[],
        reload: Expect::Served,
        save: Expect::Served,
    }
}

/// Answers stall mid-body for longer than the app's request timeout (2 s here).
fn stalled_body() -> Case {
    Case {
        fault: Break::Faults(Faults {
            stall: Duration::from_secs(5),
            ..Faults::default()
        }),
        args: &["--timeout", "2"],
        reload: Expect::Refused("no answer from the server"),
        save: Expect::Lost("no answer from the server"),
    }
}

fn dropped_connection() -> Case {
    Case {
        fault: Break::Faults(Faults {
            drop_mid_body: true,
            ..Faults::default()
        }),
        args: &[],
        reload: Expect::Refused("network error"),
        save: Expect::Lost("network error"),
    }
}

impl Break {
    fn apply(self, server: &Server) {
        match self {
            Break::Faults(faults) => server.set_faults(faults),
            Break::Quota => server.set_quota_per_hour(0),
        }
    }
}

const QUOTA_WINDOW: Duration = Duration::from_secs(3);

/// Mends whatever [`Break::apply`] broke, then waits out any wait the server asked
/// for (402 with its reset time, 429 with `Retry-After`): the app rightly sends
/// nothing until then, fault lifted or not.
fn lift(session: &Session) {
    session.server.set_faults(Faults::default());
    session
        .server
        .set_quota_per_hour(SandboxOptions::default().quota_per_hour);
    session
        .pty
        .wait_for("the server's wait to pass", HANG, |s| {
            !shows(s, "resets in") && !shows(s, "slow down: wait")
        });
}

fn start(case: &Case) -> Session {
    // A short quota window, so that a spent quota comes back within the test.
    let options = SandboxOptions {
        quota_window: QUOTA_WINDOW,
        ..options(60)
    };
    let session = Session::start_with_args(Server::start(options), SIZE, case.args);
    session.wait_for_data();
    session
}

/// Whether the screen shows `needle`, ignoring case.
fn shows(screen: &str, needle: &str) -> bool {
    screen.to_lowercase().contains(&needle.to_lowercase())
}

/// The program is running and no panic reached the screen.
fn assert_alive(session: &mut Session) {
    let screen = session.pty.screen_text();
    assert!(
        session.pty.is_running(),
        "the app ended; the screen:\n{screen}"
    );
    assert!(!shows(&screen, "panicked"), "a panic on screen:\n{screen}");
}

fn writes_sent(session: &Session, skip: usize) -> usize {
    session.writes(skip).len()
}

/// A list on screen, nothing loading.
fn listed(screen: &str) -> bool {
    position(screen).is_some() && !loading(screen)
}

/// Waits until the sandbox has served a page of the list (after its first `skip`
/// requests) and the screen shows the list with no error. The screen alone cannot
/// tell: the list loaded before stays on screen while a reload is on its way.
fn reloaded(session: &Session, skip: usize, what: &str) {
    let give_up = Instant::now() + HANG;
    while !session.list_requests(skip).iter().any(|r| r.status == 200) {
        assert!(
            Instant::now() < give_up,
            "waiting for {what}: no page served; the screen:\n{}",
            session.pty.screen_text()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    session
        .pty
        .wait_for(what, HANG, |s| listed(s) && !s.contains("error:"));
}

/// Reload the list under the fault: the app answers keys while it waits, says what
/// failed, and loads the list once the fault is lifted. Reads never write.
fn reads(case: Case) {
    let mut session = start(&case);
    let before = session.server.requests().len();
    let Case { fault, reload, .. } = case;
    fault.apply(&session.server);
    session.pty.send("r");
    // Keys are answered whether the reload is still on its way or has failed.
    session.pty.send("?");
    session
        .pty
        .wait_for("the help overlay", HANG, |s| s.contains(HELP_TITLE));
    session.pty.send("\x1b");
    session
        .pty
        .wait_for("help closed", HANG, |s| !s.contains(HELP_TITLE));
    match reload {
        Expect::Refused(message) | Expect::Lost(message) => {
            session
                .pty
                .wait_for(&format!("“{message}”"), HANG, |s| shows(s, message));
        }
        Expect::Served => reloaded(&session, before, "the reload under the fault"),
    }
    assert_alive(&mut session);

    lift(&session);
    let lifted = session.server.requests().len();
    session.pty.send("r");
    reloaded(&session, lifted, "the reload, fault lifted");
    assert_alive(&mut session);
    assert_eq!(writes_sent(&session, before), 0, "reads sent a write");
}

/// Save a new ghost under the fault: the form stays open with the name typed and the
/// reason, the save is sent once, and saving again after the fault is lifted creates
/// the ghost exactly once.
fn writes(case: Case) {
    let mut session = start(&case);
    let before = session.server.requests().len();
    script::new_ghost(&mut session, NAME);
    let Case { fault, save, .. } = case;
    fault.apply(&session.server);
    session.pty.send("\x13");
    let created = format!("Created “{NAME}”");
    let acted_before = match save {
        Expect::Refused(message) | Expect::Lost(message) => {
            let screen = session
                .pty
                .wait_for(&format!("“{message}”"), HANG, |s| shows(s, message));
            assert!(
                screen.contains("New ghost") && screen.contains(NAME),
                "the form and its draft stay open:\n{screen}"
            );
            // Still answering keys: one more letter lands in the draft.
            session.pty.send("!");
            session
                .pty
                .wait_for("a key typed after the failure", HANG, |s| {
                    s.contains(&format!("{NAME}!"))
                });
            // Sent once (or declined with 429 each time it was sent: done never).
            let acted = writes_sent(&session, before);
            assert!(
                acted <= 1,
                "a failed save is never sent again by itself: {acted}"
            );
            Some(acted)
        }
        Expect::Served => {
            session
                .pty
                .wait_for("the ghost created", HANG, |s| s.contains(&created));
            None
        }
    };
    let refused = acted_before.is_some();
    assert_alive(&mut session);

    lift(&session);
    // A refused save is sent again; a lost one is looked for (a read), found, and
    // the letter typed since is saved on it (a PATCH): either way one more write.
    let resent = refused && !matches!(save, Expect::Lost(_));
    if resent {
        session.pty.send("\x13");
        session
            .pty
            .wait_for("the ghost created, fault lifted", HANG, |s| {
                s.contains(&format!("Created “{NAME}!”"))
            });
    } else if refused {
        session.pty.send("\x13");
        session
            .pty
            .wait_for("the lost ghost found and the edit saved", HANG, |s| {
                s.contains(&format!("Saved “{NAME}!”"))
            });
    }
    assert_alive(&mut session);
    assert_eq!(
        writes_sent(&session, before),
        acted_before.unwrap_or(1) + usize::from(refused),
        "one write per POST or PATCH; a lost create is looked for, not sent again"
    );
    if refused {
        let kept = session.server.total(GhostFilter {
            search: format!("{NAME}!"),
            ..GhostFilter::default()
        });
        assert_eq!(kept, 1, "the letter typed after the failure is saved too");
    }
    let saved = session.server.total(GhostFilter {
        search: NAME.into(),
        ..GhostFilter::default()
    });
    assert_eq!(saved, 1, "the ghost is saved exactly once");
}

#[test]
fn latency_reads() {
    reads(latency());
}

#[test]
fn latency_writes() {
    writes(latency());
}

#[test]
fn server_errors_reads() {
    reads(server_errors());
}

#[test]
fn server_errors_writes() {
    writes(server_errors());
}

#[test]
fn quota_spent_reads() {
    reads(quota_spent());
}

#[test]
fn quota_spent_writes() {
    writes(quota_spent());
}

#[test]
fn too_many_requests_reads() {
    reads(too_many_requests());
}

#[test]
fn too_many_requests_writes() {
    writes(too_many_requests());
}

#[test]
fn malformed_json_reads() {
    reads(malformed_json());
}

// The sandbox stored the ghost and answered 201 with a body that is not JSON.
#[test]
fn malformed_json_writes() {
    writes(malformed_json());
}

#[test]
fn nulls_reads() {
    reads(nulls());
}

#[test]
fn nulls_writes() {
    writes(nulls());
}

#[test]
fn stalled_body_reads() {
    reads(stalled_body());
}

// The sandbox stored the ghost; its answer stalled past the app's timeout.
#[test]
fn stalled_body_writes() {
    writes(stalled_body());
}

#[test]
fn dropped_connection_reads() {
    reads(dropped_connection());
}

// The sandbox stored the ghost; the connection dropped mid-answer.
#[test]
fn dropped_connection_writes() {
    writes(dropped_connection());
}
