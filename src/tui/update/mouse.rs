//! The mouse: the wheel scrolls the list, the detail pane or the request log; a click
//! selects a list row or focuses the detail pane. While help, a form, a dialog or a
//! question is open, the mouse does nothing (keys answer those).

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::super::app::{App, Focus};
use super::super::keymap::Context;
use super::super::layout::{areas, inner, list_rows, scroll_to_cursor};
use super::super::msg::Effect;
use super::{context, list};

/// Rows one notch of the wheel moves.
const WHEEL_ROWS: isize = 3;

pub fn on_mouse(app: &mut App, event: MouseEvent, fx: &mut Vec<Effect>) {
    let at = Position::new(event.column, event.row);
    let wheel = match event.kind {
        MouseEventKind::ScrollUp => -WHEEL_ROWS,
        MouseEventKind::ScrollDown => WHEEL_ROWS,
        MouseEventKind::Down(MouseButton::Left) => 0,
        _ => return,
    };
    match context(app) {
        Context::Log if wheel != 0 => {
            let log = &mut app.request_log;
            let last = log.entries.len().saturating_sub(1);
            log.scroll = log.scroll.saturating_add_signed(wheel).min(last);
        }
        Context::List | Context::Detail => on_panes(app, at, wheel, fx),
        _ => {}
    }
}

fn on_panes(app: &mut App, at: Position, wheel: isize, fx: &mut Vec<Effect>) {
    let Some(areas) = areas(app) else {
        return;
    };
    let within = |area: Option<Rect>| area.is_some_and(|a| a.contains(at));
    if within(areas.list) {
        if wheel != 0 {
            list::move_by(app, wheel, fx);
        } else if let Some(row) = clicked_row(app, areas.list, at) {
            app.focus = Focus::List;
            list::move_to(app, row, fx);
        }
    } else if within(areas.detail) {
        if wheel != 0 {
            list::scroll_detail(app, wheel);
        } else if app.selected().is_some() {
            app.focus = Focus::Detail;
        }
    }
}

/// The ghost on the list row at `at`, if there is one there (not the border, not the
/// empty rows below the last ghost).
fn clicked_row(app: &App, list: Option<Rect>, at: Position) -> Option<usize> {
    let body = inner(list?);
    if !body.contains(at) {
        return None;
    }
    // The first row on screen, as the list view computes it.
    let offset = scroll_to_cursor(app.offset, app.cursor, list_rows(app));
    let row = offset.saturating_add(usize::from(at.y.saturating_sub(body.y)));
    (row < app.list.ghosts.len()).then_some(row)
}
