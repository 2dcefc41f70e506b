//! How much one frame costs with 100 and with 100,000 ghosts loaded: the view draws only
//! the visible rows, so both should cost the same. `cargo bench --bench render`.
//! (Measured here, never asserted in a test: the machines are shared and noisy.)

use std::hint::black_box;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ghosts::api::{Ghost, GhostPage, Quota, Reply};
use ghosts::tui::msg::{ApiResult, Effect, Msg};
use ghosts::tui::view::view;
use ghosts::tui::{App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::{OffsetDateTime, UtcOffset};

fn ghost(id: i64) -> Ghost {
    serde_json::from_value(serde_json::json!({
        "id": id,
        "name": format!("Ghost {id:06} 設計者 Éloïse"),
        "description": "Covers the Q3 rebrand until we hire",
        "created_at": "2026-11-02T09:14:03Z",
        "assigned": {"projects": [{"id": 1, "name": "Rebrand", "color": "#e36a00"}]}
    }))
    .unwrap_or_else(|e| panic!("fixture ghost: {e}"))
}

fn app_with(n: usize) -> App {
    let mut app = App::new(OffsetDateTime::UNIX_EPOCH, UtcOffset::UTC, false, (160, 48));
    let effects = update(&mut app, Msg::Start);
    let Some(Effect::FetchPage { req_id, .. }) = effects.first() else {
        panic!("no first fetch");
    };
    let page = GhostPage {
        data: (1..=100).map(ghost).collect(),
        page: 1,
        rows: 100,
        total: n as u64,
        skipped: 0,
    };
    let reply = Reply {
        data: page,
        quota: Quota::default(),
    };
    update(
        &mut app,
        Msg::Api {
            req_id: *req_id,
            result: ApiResult::Page(Ok(reply)),
        },
    );
    // The rest as if loaded page by page.
    app.list.ghosts = (1..=n as i64).map(ghost).collect();
    app.cursor = n / 2;
    app
}

fn per_frame(app: &mut App, frames: u32) -> Duration {
    let mut terminal =
        Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| panic!("terminal: {e}"));
    let down = Msg::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let start = Instant::now();
    for _ in 0..frames {
        black_box(update(app, down.clone()));
        terminal
            .draw(|frame| view(app, frame))
            .unwrap_or_else(|e| panic!("draw: {e}"));
    }
    start.elapsed() / frames
}

fn main() {
    for n in [100, 100_000] {
        let mut app = app_with(n);
        per_frame(&mut app, 20);
        let cost = per_frame(&mut app, 300);
        println!("{n:>7} ghosts loaded: {cost:?} per key + frame (160x48)");
    }
}
