//! The mouse through `update`, given the layout the views draw.

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ghosts::tui::App;
use ghosts::tui::app::{Focus, Modal};
use ghosts::tui::msg::Msg;

use crate::fixtures::*;

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn click(column: u16, row: u16) -> Msg {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

/// 30 ghosts in an 80x24 list: the header is row 0, the list's border row 1, its
/// first ghost row 2, and 19 ghosts show.
fn many() -> App {
    loaded(80, 24, ghosts(1, 30), 30)
}

#[test]
fn a_click_selects_the_row_under_it() {
    let mut app = many();
    send(&mut app, [click(10, 5)]);
    assert_eq!(app.cursor, 3);
    // Scrolled: the row under the click is counted from the first row shown.
    send(&mut app, [ch('G')]);
    assert_eq!((app.cursor, app.offset), (29, 11));
    send(&mut app, [click(10, 2)]);
    assert_eq!(app.cursor, 11);
    // The border, the header and the footer select nothing.
    for (x, y) in [(10, 1), (0, 5), (10, 0), (10, 23)] {
        send(&mut app, [click(x, y)]);
        assert_eq!(app.cursor, 11, "click at {x},{y}");
    }
}

#[test]
fn a_click_below_the_last_ghost_selects_nothing() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    send(&mut app, [ch('j'), click(10, 15)]);
    assert_eq!(app.cursor, 1);
}

#[test]
fn the_wheel_scrolls_the_list_and_the_detail_pane() {
    let mut app = many();
    send(&mut app, [mouse(MouseEventKind::ScrollDown, 10, 5)]);
    assert_eq!(app.cursor, 3);
    send(&mut app, [mouse(MouseEventKind::ScrollUp, 10, 5)]);
    assert_eq!(app.cursor, 0);
    let mut wide = loaded(160, 12, world_ghosts(), 6);
    send(&mut wide, [mouse(MouseEventKind::ScrollDown, 120, 5)]);
    assert_eq!((wide.cursor, wide.detail_scroll), (0, 3));
    // A click on the detail pane gives it the keyboard.
    send(&mut wide, [click(120, 5)]);
    assert_eq!(wide.focus, Focus::Detail);
    send(&mut wide, [click(10, 3)]);
    assert_eq!((wide.focus, wide.cursor), (Focus::List, 1));
}

#[test]
fn clicks_and_wheel_while_a_dialog_is_open_change_nothing_outside_it() {
    let mut app = many();
    send(&mut app, [ch('d')]);
    let fx = send(
        &mut app,
        [
            click(10, 8),
            mouse(MouseEventKind::ScrollDown, 10, 8),
            click(10, 22),
        ],
    );
    assert!(fx.is_empty());
    assert_eq!(app.cursor, 0);
    assert!(matches!(app.modal, Some(Modal::Delete(_))));
    assert!(!delete_dialog(&app).on_delete, "still on the safe button");
    send(&mut app, [ch('n'), ch('?'), click(10, 8)]);
    assert_eq!(app.cursor, 0, "help open: ignored too");
}

#[test]
fn a_tiny_terminal_ignores_the_mouse() {
    let mut app = loaded(0, 0, world_ghosts(), 6);
    send(
        &mut app,
        [click(0, 0), mouse(MouseEventKind::ScrollDown, 0, 0)],
    );
    assert_eq!(app.cursor, 0);
}
