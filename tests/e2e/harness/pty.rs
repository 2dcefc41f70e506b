//! The built binary in a pseudo-terminal: keys in, screen out, and every byte it wrote.
//!
//! A thread reads the pty as fast as the program writes (a full pty buffer would block
//! the program) and feeds a `vt100` parser; waits poll that parser under a condvar.
//! Timeouts only guard against hangs: nothing here asserts speed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::termios::{LocalFlags, Termios};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// What the program wrote so far, as a screen and as raw bytes.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The pty reported end of file or an error: every writer has gone.
    closed: bool,
}

type Shared = Arc<(Mutex<Output>, Condvar)>;

pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Shared,
    reader: Option<JoinHandle<()>>,
}

/// How the program ended and everything it wrote.
pub struct Finished {
    pub status: ExitStatus,
    pub raw: Vec<u8>,
}

impl Pty {
    /// Starts `program` with only `env` in its environment (nothing of the caller's
    /// leaks in, e.g. a real API token), in `cwd`, on a `cols` x `rows` terminal.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        env: &[(String, String)],
        cwd: &Path,
        (cols, rows): (u16, u16),
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env_clear();
        for (key, value) in env {
            command.env(key, value);
        }
        command.cwd(cwd);
        let child = pair
            .slave
            .spawn_command(command)
            .expect("start the program");
        // Our copy of the slave must go, or the reader never sees end of file.
        drop(pair.slave);
        let mut source = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let shared: Shared = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(
                    NonZeroU16::new(rows).expect("rows > 0"),
                    NonZeroU16::new(cols).expect("cols > 0"),
                    0,
                ),
                raw: Vec::new(),
                closed: false,
            }),
            Condvar::new(),
        ));
        let feed = shared.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // EIO once the program and its children have closed the terminal.
                let n = source.read(&mut buf).unwrap_or(0);
                let (lock, changed) = &*feed;
                let mut out = lock.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    out.closed = true;
                    changed.notify_all();
                    return;
                }
                out.parser.process(&buf[..n]);
                out.raw.extend_from_slice(&buf[..n]);
                changed.notify_all();
            }
        });
        Pty {
            master: pair.master,
            writer,
            child,
            shared,
            reader: Some(reader),
        }
    }

    /// Types `keys` as one write (escape sequences included, e.g. "\x1b" for Esc).
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("write to the pty");
    }

    fn output(&self) -> MutexGuard<'_, Output> {
        self.shared.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen as text, rows joined by newlines.
    pub fn screen_text(&self) -> String {
        self.output().parser.screen().contents()
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output().raw.clone()
    }

    /// Waits until `ready` holds for the screen text; panics after `timeout` with
    /// `what` and the screen, so a failure says what was expected and what was there.
    /// Returns the screen text that satisfied it.
    pub fn wait_for(&self, what: &str, timeout: Duration, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        let (lock, changed) = &*self.shared;
        let mut out = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let text = out.parser.screen().contents();
            if ready(&text) {
                return text;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || out.closed {
                let why = if out.closed {
                    "the program ended"
                } else {
                    "timed out"
                };
                panic!("waiting for {what}: {why}; the screen:\n{text}");
            }
            out = changed
                .wait_timeout(out, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// The pty's line discipline settings, as the program left them.
    pub fn termios(&self) -> Termios {
        self.master.get_termios().expect("read the pty's termios")
    }

    /// Whether the terminal is in raw mode (no line editing, no echo).
    pub fn is_raw(&self) -> bool {
        let flags = self.termios().local_flags;
        !flags.contains(LocalFlags::ICANON) && !flags.contains(LocalFlags::ECHO)
    }

    /// Whether the program is still running (it has not exited or crashed).
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("the child's pid");
        i32::try_from(pid).expect("pid fits i32")
    }

    /// Waits for the program to end (killing it after `timeout`, which fails the test)
    /// and for the reader to drain what it wrote. The pty stays open, so its settings
    /// can still be read.
    pub fn finish(&mut self, timeout: Duration) -> Finished {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the program did not end within {timeout:?}; the screen:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the pty reader thread");
        }
        Finished {
            status,
            raw: self.raw(),
        }
    }
}

impl Drop for Pty {
    /// A failing test must not leave the program running.
    fn drop(&mut self) {
        if self.reader.is_some() {
            let _ = self.child.kill();
        }
    }
}
