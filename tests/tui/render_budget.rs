//! Snapshots of the themes (NO_COLOR's mono, light), the request log pane, a spent
//! quota and the "spend requests?" question; and the buffer checks that mono draws no
//! color at all while selection and errors stay visible.

use std::time::Duration;

use ghosts::tui::App;
use ghosts::tui::msg::{Msg, ReqId, RequestRecord};
use ghosts::tui::theme::{Theme, ThemeName};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use time::Duration as TimeDuration;

use crate::budget::quota_spent;
use crate::fixtures::*;
use crate::render::{draw, screen};

fn themed(w: u16, h: u16, theme: ThemeName) -> App {
    let mut app = loaded(w, h, world_ghosts(), 6);
    app.demo = true;
    app.theme = Theme::new(theme);
    app
}

/// Every cell is in the terminal's own colors.
fn assert_no_color(buffer: &Buffer, what: &str) {
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{what}: color at {x},{y}: {cell:?}"
            );
        }
    }
}

/// Whether some cell of row `y` carries `modifier`.
fn row_has(buffer: &Buffer, y: u16, modifier: Modifier) -> bool {
    (0..buffer.area.width).any(|x| buffer[(x, y)].modifier.contains(modifier))
}

fn mono_error(w: u16, h: u16) -> App {
    let mut app = themed(w, h, ThemeName::Mono);
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(&mut app, [page_failure(req, server_error())]);
    app
}

#[test]
fn mono_list_and_error_have_no_color_but_keep_their_marks() {
    for (w, h) in [(80, 24), (160, 48)] {
        let list = themed(w, h, ThemeName::Mono);
        let buffer = draw(&list);
        assert_no_color(&buffer, "list");
        assert!(row_has(&buffer, 2, Modifier::REVERSED), "selection shows");
        insta::assert_snapshot!(format!("mono_list_{w}x{h}"), screen(&list));

        let failed = mono_error(w, h);
        let buffer = draw(&failed);
        assert_no_color(&buffer, "error");
        // The error line (one or two rows) sits above the status bar and the footer.
        let shown = screen(&failed);
        let error_row = shown
            .lines()
            .position(|l| l.starts_with("error:"))
            .and_then(|y| u16::try_from(y).ok())
            .expect("an error line");
        assert!(error_row + 4 >= h, "{shown}");
        assert!(row_has(&buffer, error_row, Modifier::REVERSED));
        assert!(row_has(&buffer, error_row, Modifier::BOLD));
        insta::assert_snapshot!(format!("mono_error_{w}x{h}"), screen(&failed));
    }
}

#[test]
fn mono_swatches_are_plain_marks() {
    let app = themed(160, 48, ThemeName::Mono);
    let shown = screen(&app);
    assert!(shown.contains("□ Rebrand"), "{shown}");
    assert!(!shown.contains('■'), "{shown}");
    let dark = screen(&themed(160, 48, ThemeName::Dark));
    assert!(dark.contains("■ Rebrand"), "{dark}");
}

#[test]
fn mono_waits_and_questions_have_no_color() {
    let mut app = quota_spent();
    app.theme = Theme::new(ThemeName::Mono);
    assert_no_color(&draw(&app), "quota spent");
    let mut app = themed(80, 24, ThemeName::Mono);
    app.status.quota = app.status.quota.map(|mut q| {
        q.remaining = Some(2);
        q
    });
    send(&mut app, [ch('E')]);
    assert!(app.confirm.is_some());
    assert_no_color(&draw(&app), "confirm");
    send(&mut app, [ch('n'), key(crossterm::event::KeyCode::Esc)]);
    logged(&mut app);
    send(&mut app, [ch('L')]);
    assert_no_color(&draw(&app), "request log");
}

#[test]
fn light_has_no_faint_text() {
    let mut app = themed(160, 48, ThemeName::Light);
    send(&mut app, [ch('j')]);
    let buffer = draw(&app);
    for y in 0..buffer.area.height {
        assert!(!row_has(&buffer, y, Modifier::DIM), "faint text on row {y}");
    }
    insta::assert_snapshot!("light_list_and_detail_160x48", screen(&app));
}

#[test]
fn quota_spent_status() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = quota_spent();
        send(&mut app, [Msg::Resize(w, h)]);
        insta::assert_snapshot!(format!("quota_spent_{w}x{h}"), screen(&app));
    }
}

#[test]
fn asking_before_spending() {
    let mut app = themed(80, 24, ThemeName::Dark);
    app.status.quota = app.status.quota.map(|mut q| {
        q.remaining = Some(4);
        q
    });
    send(&mut app, [ch('E')]);
    insta::assert_snapshot!("confirm_cost_80x24", screen(&app));
}

/// A session's worth of requests: answered, refused, cancelled, timed out.
fn logged(app: &mut App) {
    let record =
        |i: u64, request: &str, outcome: &str, ms: u64, quota: Option<u64>, trace: Option<&str>| {
            Msg::RequestLogged(RequestRecord {
                req_id: ReqId(i),
                at: NOW + TimeDuration::seconds(i as i64 * 7),
                request: request.into(),
                outcome: outcome.into(),
                duration: Duration::from_millis(ms),
                quota_left: quota,
                trace_id: trace.map(str::to_string),
            })
        };
    send(
        app,
        [
            record(
                1,
                "GET ~/ghosts?page=1&rows=100&order_by=name,asc",
                "ok",
                84,
                Some(29),
                None,
            ),
            record(
                2,
                "GET ~/ghosts?page=2&rows=100&order_by=name,asc",
                "ok",
                1240,
                Some(28),
                None,
            ),
            record(3, "PATCH ~/ghosts/4107", "cancelled", 20_000, None, None),
            record(
                4,
                "GET /organizations/…/users?per_page=100 (all pages)",
                "timeout",
                20_000,
                None,
                None,
            ),
            record(5, "DELETE ~/ghosts/4110", "ok", 95, Some(1), None),
            record(
                6,
                "GET ~/ghosts?page=1&rows=100&order_by=name,asc&search=des",
                "402",
                31,
                Some(0),
                Some("b3f1c2d4"),
            ),
        ],
    );
}

#[test]
fn request_log_pane() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = themed(w, h, ThemeName::Dark);
        logged(&mut app);
        send(&mut app, [ch('L')]);
        insta::assert_snapshot!(format!("request_log_{w}x{h}"), screen(&app));
    }
}
