//! Every way out hands the terminal back: raw mode off, alternate screen left, cursor
//! shown, bracketed paste off, judged on the bytes the program wrote and on the pty.

use std::net::TcpListener;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::harness::pty::Pty;
use crate::harness::restore::{assert_restored, assert_untouched};
use crate::harness::server::{app_env, base_env, unique_dir};
use crate::harness::{SIZE, Session, TIMEOUT, binary};

/// Runs `leave` on a session showing data, then checks the exit code and terminal.
fn leaves_cleanly(code: u32, leave: impl FnOnce(&mut Session)) {
    let mut session = Session::start(400);
    session.wait_for_data();
    // Proves the check after exit can fail (the cooked case is proven by the test of
    // missing settings, which never touches the terminal).
    assert!(session.pty.is_raw(), "the app runs in raw mode");
    leave(&mut session);
    let finished = session.pty.finish(TIMEOUT);
    assert_eq!(
        finished.status.exit_code(),
        code,
        "exit status: {:?}",
        finished.status
    );
    assert_restored(&finished.raw);
    assert!(!session.pty.is_raw(), "raw mode left on");
}

#[test]
fn quitting_restores_the_terminal() {
    leaves_cleanly(0, |session| session.pty.send("q"));
}

#[test]
fn sigterm_restores_the_terminal() {
    leaves_cleanly(143, |session| {
        kill(Pid::from_raw(session.pty.pid()), Signal::SIGTERM).expect("send SIGTERM");
    });
}

/// A signal while a request is on its way: the app talks to a loopback port that
/// accepts the connection and never answers, so "loading page 1" stays on screen. (The
/// sandbox has no latency fault yet; when it has, a slow sandbox says the same.)
fn signal_mid_request_restores_the_terminal(signal: Signal) {
    let silent = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let url = format!("http://{}/api", silent.local_addr().expect("address"));
    let dir = unique_dir();
    let mut pty = Pty::spawn(binary(), &[], &app_env(&url, &dir), &dir, SIZE);
    pty.wait_for("a request on its way", TIMEOUT, |s| {
        s.contains("loading page 1")
    });
    assert!(pty.is_raw(), "the app runs in raw mode");
    kill(Pid::from_raw(pty.pid()), signal).expect("send the signal");
    let finished = pty.finish(TIMEOUT);
    let _ = std::fs::remove_dir_all(&dir);
    // 128 + N, as a shell reports a program the signal ended.
    let code = 128 + signal as u32;
    assert_eq!(
        finished.status.exit_code(),
        code,
        "{signal}: {:?}",
        finished.status
    );
    assert_restored(&finished.raw);
    assert!(!pty.is_raw(), "raw mode left on after {signal}");
}

#[test]
fn sighup_mid_request_restores_the_terminal() {
    signal_mid_request_restores_the_terminal(Signal::SIGHUP);
}

#[test]
fn sigterm_mid_request_restores_the_terminal() {
    signal_mid_request_restores_the_terminal(Signal::SIGTERM);
}

#[test]
fn missing_settings_are_named_without_touching_the_terminal() {
    let dir = unique_dir();
    let mut pty = Pty::spawn(binary(), &[], &base_env(&dir), &dir, SIZE);
    let finished = pty.finish(TIMEOUT);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(finished.status.exit_code(), 2, "{:?}", finished.status);
    let text = String::from_utf8_lossy(&finished.raw);
    for missing in [
        "TOGGL_ORGANIZATION_ID",
        "TOGGL_WORKSPACE_ID",
        "TOGGL_FOCUS_API_TOKEN",
    ] {
        assert!(text.contains(missing), "names {missing}:\n{text}");
    }
    assert_untouched(&finished.raw);
    assert!(!pty.is_raw(), "raw mode never entered");
}

/// The byte checks above can fail: each way of leaving the terminal wrong is caught.
#[test]
fn the_restore_check_catches_modes_left_on() {
    let fails = |raw: &'static [u8]| std::panic::catch_unwind(|| assert_restored(raw)).is_err();
    assert!(!fails(
        b"\x1b[?1049h\x1b[?2004h\x1b[?25lhi\x1b[?2004l\x1b[?1049l\x1b[?25h"
    ));
    assert!(
        fails(b"\x1b[?1049h\x1b[?2004h\x1b[?1049l\x1b[?2004l\x1b[?1049h\x1b[?25h"),
        "re-entered the alternate screen"
    );
    assert!(
        fails(b"\x1b[?1049h\x1b[?2004h\x1b[?1000h\x1b[?2004l\x1b[?1049l\x1b[?25h"),
        "mouse capture left on"
    );
    assert!(
        fails(b"\x1b[?1049h\x1b[?2004h\x1b[?25h\x1b[?2004l\x1b[?1049l\x1b[?25l"),
        "cursor hidden at the end"
    );
    assert!(
        fails(b"\x1b[?1049h\x1b[?1049l\x1b[?25h"),
        "bracketed paste never enabled"
    );
}
