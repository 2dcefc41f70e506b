//! How much one frame costs (a key press, `update`, and a render to a 200x60 buffer)
//! with 100, 10,000 and 100,000 ghosts loaded. The view draws only the visible rows,
//! so all three should cost the same: goal, the 100,000 frame within 1.2x of the 100
//! frame and under 1 ms. `cargo bench --bench render`.
//! (Measured here, never asserted in a test: the machines are shared and noisy.)

#[path = "common/stats.rs"]
mod stats;

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

const SIZE: (u16, u16) = (200, 60);

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
    let mut app = App::new(OffsetDateTime::UNIX_EPOCH, UtcOffset::UTC, false, SIZE);
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
    app.list.ids = app.list.ghosts.iter().map(|g| g.id).collect();
    app.cursor = n / 2;
    app
}

/// Samples per frame: `j` (then `k`, so the cursor stays mid-list) through `update`,
/// and the draw; returned as (whole frames, the `update` part alone).
fn frames(app: &mut App, frames: usize) -> (Vec<Duration>, Vec<Duration>) {
    let mut terminal =
        Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap_or_else(|e| panic!("terminal: {e}"));
    let keys = [KeyCode::Char('j'), KeyCode::Char('k')]
        .map(|code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    (0..frames)
        .map(|i| {
            let start = Instant::now();
            black_box(update(app, keys[i % 2].clone()));
            let updated = start.elapsed();
            terminal
                .draw(|frame| view(app, frame))
                .unwrap_or_else(|e| panic!("draw: {e}"));
            (start.elapsed(), updated)
        })
        .unzip()
}

fn main() {
    println!(
        "frame = key + update + render, {}x{} buffer",
        SIZE.0, SIZE.1
    );
    let mut medians = Vec::new();
    for n in [100, 10_000, 100_000] {
        let mut app = app_with(n);
        frames(&mut app, 200);
        let (whole, updates) = frames(&mut app, 3_000);
        let summary = stats::Summary::of(whole);
        println!("{n:>7} ghosts loaded: {summary}");
        println!("          of which update: {}", stats::Summary::of(updates));
        medians.push((n, summary.median));
    }
    if let (Some((_, small)), Some((_, big))) = (medians.first(), medians.last()) {
        println!(
            "100,000 / 100 median ratio: {:.2} (goal <= 1.2)",
            big.as_secs_f64() / small.as_secs_f64()
        );
    }
}
