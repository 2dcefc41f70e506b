//! Requests on their way: shown with their time, cancelled with Esc, late answers
//! dropped; and the request log that records every request.

use std::time::Duration;

use crossterm::event::KeyCode;
use ghosts::tui::App;
use ghosts::tui::app::REQUEST_LOG_SIZE;
use ghosts::tui::msg::{Effect, Msg, ReqId, RequestRecord};
use time::Duration as TimeDuration;

use crate::fixtures::*;
use crate::render::screen;

fn world() -> App {
    loaded(80, 24, world_ghosts(), 6)
}

fn cancels(effects: &[Effect]) -> Vec<ReqId> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Cancel { req_id } => Some(*req_id),
            _ => None,
        })
        .collect()
}

fn at(millis: i64) -> Msg {
    Msg::Tick(NOW + TimeDuration::milliseconds(millis))
}

#[test]
fn a_pending_read_shows_its_time_and_esc_drops_its_late_answer() {
    let mut app = world();
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(&mut app, [at(12_300)]);
    let shown = screen(&app);
    assert!(shown.contains("loading page 1… 12.3s"), "{shown}");
    assert!(shown.contains("Esc stop waiting"), "{shown}");
    let fx = send(&mut app, [key(KeyCode::Esc)]);
    assert_eq!(cancels(&fx), [req]);
    assert!(app.pending.is_empty() && app.list.in_flight.is_none());
    let last = app.request_log.entries.back().expect("logged");
    assert_eq!((last.req_id, last.outcome.as_str()), (req, "cancelled"));
    assert_eq!(last.duration, Duration::from_millis(12_300));
    // The answer that comes anyway is dropped.
    send(&mut app, [page_answer(req, page(ghosts(1, 3), 1, 3))]);
    assert_eq!(app.list.ghosts.len(), 6);
    assert_eq!(app.list.total, Some(6));
    // r asks again.
    assert_eq!(only_fetch(&send(&mut app, [ch('r')])).1, 1);
}

#[test]
fn a_cancelled_save_keeps_the_draft_and_says_it_may_have_landed() {
    let mut app = world();
    send(&mut app, [ch('e')]);
    send(&mut app, typed(" II"));
    let req = save_request(&send(&mut app, [ctrl('s')]));
    send(&mut app, [at(4_000)]);
    assert!(screen(&app).contains("saving… 4.0s"));
    let fx = send(&mut app, [key(KeyCode::Esc)]);
    assert_eq!(cancels(&fx), [req]);
    let form = form(&app);
    assert_eq!(
        form.name.value(),
        "Senior designer #2 II",
        "the draft stays"
    );
    assert!(form.saving.is_none() && !form.confirm_discard);
    let said = form.save_error.clone().unwrap_or_default();
    assert!(said.contains("may have been saved"), "{said}");
    // `r` here would type into the name: the way on is Ctrl-S.
    assert!(said.contains("Ctrl-S tries again"), "{said}");
    assert!(!said.contains("press r"), "{said}");
    // An answer already on its way when the task was aborted is still the truth: the
    // list shows it, and the form (with its draft) is left as it is.
    let mut late = app.list.ghosts[0].clone();
    late.name = "Senior designer #2 II".into();
    send(&mut app, [saved(req, Ok(late))]);
    assert_eq!(app.list.ghosts[0].name, "Senior designer #2 II");
    assert!(app.modal.is_some());
}

#[test]
fn esc_does_not_cancel_lookups_a_picker_shows() {
    let mut app = world();
    let fx = send(&mut app, [ch('E')]);
    assert_eq!(lookup_fetches(&fx).len(), 2);
    send(&mut app, [key(KeyCode::Enter)]);
    assert!(embody_dialog(&app).picker.is_some());
    assert!(!screen(&app).contains("Esc stop waiting"));
    // Esc leaves the picker; the look-ups go on (they are kept for the session).
    assert!(cancels(&send(&mut app, [key(KeyCode::Esc)])).is_empty());
    assert!(embody_dialog(&app).picker.is_none());
    assert_eq!(app.pending.len(), 2);
}

#[test]
fn answers_end_pending_and_records_fill_the_log_up_to_its_bound() {
    let mut app = world();
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    assert_eq!(app.pending.len(), 1);
    send(&mut app, [page_answer(req, page(world_ghosts(), 1, 6))]);
    assert!(app.pending.is_empty());
    for i in 0..(REQUEST_LOG_SIZE as u64 + 100) {
        send(
            &mut app,
            [Msg::RequestLogged(RequestRecord {
                req_id: ReqId(i),
                at: NOW,
                request: format!("GET ~/ghosts?page={i}"),
                outcome: "ok".into(),
                duration: Duration::from_millis(40),
                quota_left: Some(20),
                trace_id: None,
            })],
        );
    }
    let log = &app.request_log.entries;
    assert_eq!(log.len(), REQUEST_LOG_SIZE);
    assert_eq!(
        log.front().map(|r| r.req_id),
        Some(ReqId(100)),
        "oldest dropped"
    );
    assert_eq!(log.back().map(|r| r.req_id), Some(ReqId(599)));
}

#[test]
fn l_opens_the_log_which_scrolls_and_closes() {
    let mut app = world();
    for i in 0..40 {
        send(
            &mut app,
            [Msg::RequestLogged(RequestRecord {
                req_id: ReqId(i),
                at: NOW,
                request: format!("GET ~/ghosts?page={i}"),
                outcome: "ok".into(),
                duration: Duration::from_millis(40),
                quota_left: Some(20),
                trace_id: None,
            })],
        );
    }
    send(&mut app, [ch('L')]);
    assert!(app.request_log.open);
    let shown = screen(&app);
    assert!(shown.contains("page=39"), "newest first: {shown}");
    // Keys scroll the log, not the list.
    send(&mut app, [ch('j'), ch('j')]);
    assert_eq!((app.request_log.scroll, app.cursor), (2, 0));
    send(&mut app, [key(KeyCode::End)]);
    assert_eq!(app.request_log.scroll, 39);
    assert!(screen(&app).contains("page=0"));
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(!app.request_log.open);
}
