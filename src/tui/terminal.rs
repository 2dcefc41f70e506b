//! The terminal is shared: whatever way the app ends (quit, error, panic, signal), raw
//! mode, the alternate screen, mouse capture and bracketed paste are undone.

use std::io::{self, Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is currently set up by us (so restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Set by the panic hook: the terminal has been handed back, the loop must end.
static PANICKED: AtomicBool = AtomicBool::new(false);

/// Whether a panic (in any thread or task) has restored the terminal.
pub fn panicked() -> bool {
    PANICKED.load(Ordering::SeqCst)
}

/// Sets the terminal up on creation and restores it on drop.
pub struct TerminalGuard {
    pub terminal: Term,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        ACTIVE.store(true, Ordering::SeqCst);
        let setup = (|| {
            enable_raw_mode()?;
            // Mouse capture takes the terminal's own text selection: most terminals
            // still select with Shift held (the README says so).
            execute!(
                stdout(),
                EnterAlternateScreen,
                EnableBracketedPaste,
                EnableMouseCapture
            )?;
            Terminal::new(CrosstermBackend::new(stdout()))
        })();
        match setup {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(err) => {
                restore();
                Err(err)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell expects it. Safe to call more than once and
/// from a panic hook: errors are ignored, there is nothing better to do with them.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            Show
        );
        let _ = disable_raw_mode();
    }
}

/// A panic restores the terminal before the message is printed, so it is readable.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if ACTIVE.load(Ordering::SeqCst) {
                PANICKED.store(true, Ordering::SeqCst);
            }
            restore();
            previous(info);
        }));
    });
}
