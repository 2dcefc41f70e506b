//! The release binary in a pty against a sandbox, measured as a person meets it:
//!
//! - `keys`: key to screen, for `j` (cursor down) and `Enter` (open a ghost); goal p99
//!   under 16 ms.
//! - `requests`: what a scripted session (open, page through 300 ghosts, search a word
//!   typed at normal speed, edit one ghost, delete one, embody one) costs; goal one
//!   request per page, one per search, one per write, each look-up once.
//! - `memory`: resident size of the app with 100,000 ghosts loaded; goal under 100 MB.
//! - `start`: launch to the first screen with data, `--demo`; goal under 200 ms.
//!
//! `cargo bench --bench session` runs all; `cargo bench --bench session -- keys` one.
//! The pty harness is the e2e tests' own, included from there.

#[path = "../tests/e2e/harness/mod.rs"]
mod harness;
#[path = "common/stats.rs"]
mod stats;

use std::time::{Duration, Instant};

use ghosts::api::GhostFilter;
use harness::pty::Pty;
use harness::script::run;
use harness::server::{Server, base_env, options, unique_dir};
use harness::{SIZE, Session, TIMEOUT, binary, loading, position};
use stats::Summary;

/// Narrow, so `Enter` visibly swaps the list for the detail pane.
const NARROW: (u16, u16) = (80, 24);

fn main() {
    let chosen: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| chosen.is_empty() || chosen.iter().any(|c| c == name);
    println!("binary: {}", binary().display());
    if wanted("keys") {
        keys();
    }
    if wanted("requests") {
        requests();
    }
    if wanted("memory") {
        memory();
    }
    if wanted("start") {
        start();
    }
}

fn keys() {
    let server = Server::start(options(2_000));
    let mut session = Session::start_sized(server, NARROW);
    session.wait_for_data();

    let mut down = Vec::new();
    for i in 0..1_020 {
        let screen = session.pty.screen_text();
        let Some((at, total)) = position(&screen) else {
            panic!("no position on screen:\n{screen}");
        };
        // Back to the top now and then (untimed), so `j` always has somewhere to go.
        if at >= 900 {
            session.send_and_wait_position("g", (1, total));
            continue;
        }
        let started = Instant::now();
        session.send_and_wait_position("j", (at + 1, total));
        if i >= 20 {
            down.push(started.elapsed());
        }
    }
    println!("key to screen, j:     {}", Summary::of(down));

    let mut open = Vec::new();
    for i in 0..320 {
        let started = Instant::now();
        session.pty.send("\r");
        session
            .pty
            .wait_for("the detail pane", TIMEOUT, |s| s.contains("┌ Details"));
        if i >= 20 {
            open.push(started.elapsed());
        }
        session.pty.send("\x1b");
        session
            .pty
            .wait_for("the list", TIMEOUT, |s| s.contains("┌ Ghosts"));
    }
    println!("key to screen, Enter: {}", Summary::of(open));
}

fn requests() {
    let server = Server::start(options(1_000));
    let before = server.requests().len();
    let mut session = Session::start_on(server);
    // About seven keys a second: someone typing, not pasting.
    let spent = run(
        &mut session,
        before,
        300,
        "designer",
        Duration::from_millis(150),
    );
    println!(
        "requests: pages {:?}, searches {:?}, writes {:?}, look-ups {:?}, other {} -> {}",
        spent.pages,
        spent.searches,
        spent.writes,
        spent.lookups,
        spent.other.len(),
        if spent.is_frugal("designer") {
            "one per page, search and write, each look-up once"
        } else {
            "MORE THAN NEEDED"
        }
    );
}

fn memory() {
    // About 5% of seeded ghosts are deleted: seed enough that 100,000 remain.
    let mut sandbox = options(105_300);
    // 1,000 pages in one go: more than an hour's default quota.
    sandbox.quota_per_hour = 1_000_000;
    let seeding = Instant::now();
    let server = Server::start(sandbox);
    let total = server.total(GhostFilter {
        include_embodied: true,
        ..GhostFilter::default()
    });
    println!("memory: sandbox seeded in {:?}", seeding.elapsed());
    assert!(total >= 100_000, "only {total} ghosts to load");
    let mut session = Session::start_on(server);
    session.wait_for_data();
    let before = vm_rss_kib(session.pty.pid());
    session.pty.send("i");
    session.pty.wait_for("embodied shown", TIMEOUT, |s| {
        position(s).is_some_and(|(_, t)| t == total) && !loading(s)
    });
    let loading_all = Instant::now();
    let mut at = 1;
    while at < total {
        session.pty.send("G");
        let screen = session.pty.wait_for("the next page", TIMEOUT, |s| {
            position(s).is_some_and(|(now, _)| now > at) && !loading(s)
        });
        at = position(&screen).map_or(at, |(now, _)| now);
    }
    let after = vm_rss_kib(session.pty.pid());
    println!(
        "memory: VmRSS of the app {:.1} MB with one page, {:.1} MB with all {total} \
         ghosts loaded ({:?} to load them all)",
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        loading_all.elapsed()
    );
    session.pty.send("q");
    session.pty.finish(TIMEOUT);
}

/// The resident set of process `pid`, in KiB.
fn vm_rss_kib(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_else(|e| panic!("read /proc/{pid}/status: {e}"));
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or_else(|| panic!("no VmRSS in /proc/{pid}/status"))
}

fn start() {
    let mut samples = Vec::new();
    for i in 0..23 {
        let dir = unique_dir();
        let started = Instant::now();
        let mut pty = Pty::spawn(binary(), &["--demo"], &base_env(&dir), &dir, SIZE);
        pty.wait_for("the first page", TIMEOUT, |s| {
            position(s).is_some_and(|(at, _)| at >= 1)
        });
        // The first runs warm the page cache.
        if i >= 3 {
            samples.push(started.elapsed());
        }
        pty.send("q");
        pty.finish(TIMEOUT);
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("start to first data (--demo): {}", Summary::of(samples));
}
