//! The search line: typing filters on the server, debounced, so a word typed at normal
//! speed costs one request.

use std::time::Duration;

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use super::super::app::App;
use super::super::form::NAME_MAX;
use super::super::msg::Effect;
use super::super::text::{insert_text, paste_text};
use super::list::restart;
use super::{quota, toast};

/// How long typing must pause before the search is sent.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

pub fn open(app: &mut App) {
    app.search.open = true;
}

/// A key the keymap does not claim: it edits the search text.
pub fn on_edit_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    if let Some(request) = to_input_request(&Event::Key(key)) {
        edit(app, request, fx);
    }
}

fn edit(app: &mut App, request: InputRequest, fx: &mut Vec<Effect>) {
    let changed = app.search.input.handle(request);
    if changed.is_some_and(|c| c.value) {
        cap(app);
        start_debounce(app, fx);
    }
}

/// A search longer than any name can find nothing (and makes an address too long to
/// send): it is cut to the longest name, saying so.
fn cap(app: &mut App) {
    let input = &app.search.input;
    if input.value().chars().count() > NAME_MAX {
        let cut: String = input.value().chars().take(NAME_MAX).collect();
        let cursor = input.cursor().min(NAME_MAX);
        app.search.input = Input::new(cut).with_cursor(cursor);
        toast(
            app,
            format!("Search cut to {NAME_MAX} characters: no name is longer"),
        );
    }
}

/// A paste into the open search line is text: line breaks and tabs become spaces,
/// other control characters are dropped, and nothing of it acts as a key. A paste
/// elsewhere is ignored.
pub fn on_paste(app: &mut App, text: &str, fx: &mut Vec<Effect>) {
    if !app.search.open || app.help_open {
        return;
    }
    let before = app.search.input.value().to_string();
    insert_text(&mut app.search.input, &paste_text(text, false));
    cap(app);
    if app.search.input.value() != before {
        start_debounce(app, fx);
    }
}

fn start_debounce(app: &mut App, fx: &mut Vec<Effect>) {
    app.search.debounce_id = app.search.debounce_id.wrapping_add(1);
    fx.push(Effect::StartDebounce {
        id: app.search.debounce_id,
        after: DEBOUNCE,
    });
}

/// Forgets any debounce timer still running.
fn cancel_debounce(app: &mut App) {
    app.search.debounce_id = app.search.debounce_id.wrapping_add(1);
}

pub fn on_debounce(app: &mut App, id: u64, fx: &mut Vec<Effect>) {
    if id == app.search.debounce_id {
        apply(app, fx);
    }
}

/// Sends the typed search if it differs from the one in force (not while a wait is in
/// force: the typed text stays, Enter sends it once the wait is over).
fn apply(app: &mut App, fx: &mut Vec<Effect>) {
    let typed = app.search.input.value();
    if typed != app.filter.search && !quota::refuse(app) {
        let typed = app.search.input.value();
        app.filter.search = typed.to_string();
        restart(app, fx);
    }
}

/// Enter: keep the search (sending it now if the timer has not yet), back to the list.
pub fn accept(app: &mut App, fx: &mut Vec<Effect>) {
    cancel_debounce(app);
    app.search.open = false;
    apply(app, fx);
}

/// Esc: clear the search and, if one was in force, reload the unfiltered list.
pub fn clear(app: &mut App, fx: &mut Vec<Effect>) {
    cancel_debounce(app);
    app.search.open = false;
    app.search.input.reset();
    apply(app, fx);
}
