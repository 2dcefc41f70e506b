//! The request budget through `update`: a spent quota (402), a plan limit, a 429, the
//! low-quota warning, and asking before spending several requests.

use std::time::Duration;

use crossterm::event::KeyCode;
use ghosts::api::{ApiError, Quota, SortOrder, StatusError};
use ghosts::tui::App;
use ghosts::tui::app::WaitKind;
use ghosts::tui::lookups::LookupKind;
use ghosts::tui::msg::{Effect, Msg};
use time::Duration as TimeDuration;

use crate::fixtures::*;
use crate::render::screen;

fn world() -> App {
    loaded(80, 24, world_ghosts(), 6)
}

/// A 402 with quota headers: the hourly quota is spent, it resets in `secs`.
pub fn spent(secs: u64) -> ApiError {
    status(402, Some(0), Some(secs), None)
}

fn status(code: u16, remaining: Option<u64>, resets: Option<u64>, retry: Option<u64>) -> ApiError {
    ApiError::Status(Box::new(StatusError {
        status: code,
        body: None,
        raw_excerpt: String::new(),
        quota: Quota {
            remaining,
            resets_in: resets.map(Duration::from_secs),
        },
        retry_after: retry.map(Duration::from_secs),
    }))
}

fn api_requests(effects: &[Effect]) -> usize {
    effects.iter().filter(|e| e.api_request().is_some()).count()
}

fn toast(app: &App) -> String {
    app.visible_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

fn at(seconds: i64) -> Msg {
    Msg::Tick(NOW + TimeDuration::seconds(seconds))
}

/// An app whose reload was answered with a spent quota, resetting in 12 minutes.
pub fn quota_spent() -> App {
    let mut app = world();
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(&mut app, [page_failure(req, spent(720))]);
    app
}

#[test]
fn a_spent_quota_stops_every_request_until_the_reset_and_a_request() {
    let mut app = quota_spent();
    assert_eq!(app.status.wait.map(|w| w.kind), Some(WaitKind::Quota));
    assert_eq!(app.wait_left(), Some(Duration::from_secs(720)));
    // Retrying, sorting, searching, saving: nothing is sent, each says why.
    assert_eq!(api_requests(&send(&mut app, [ch('r')])), 0);
    assert_eq!(toast(&app), "quota used up, resets in 12 min");
    assert_eq!(api_requests(&send(&mut app, [ch('o')])), 0);
    assert_eq!(
        app.filter.order,
        SortOrder::NameAsc,
        "the sort did not change"
    );
    let searched = send(&mut app, [ch('/'), ch('x'), key(KeyCode::Enter)]);
    assert_eq!(api_requests(&searched), 0);
    assert_eq!(app.filter.search, "", "the search in force did not change");
    send(&mut app, [ch('e')]);
    send(&mut app, typed(" II"));
    assert_eq!(api_requests(&send(&mut app, [ctrl('s')])), 0);
    assert_eq!(
        form(&app).name.value(),
        "Senior designer #2 II",
        "the draft stays"
    );
    assert_eq!(
        form(&app).save_error.as_deref(),
        Some("Not saved: quota used up, resets in 12 min")
    );
    assert!(form(&app).saving.is_none());
    send(&mut app, [key(KeyCode::Esc), ch('y')]);
    // The countdown moves with the clock; ticks never send anything.
    assert!(app.wants_ticks());
    assert!(send(&mut app, [at(11 * 60 + 30)]).is_empty());
    assert_eq!(app.wait_left(), Some(Duration::from_secs(30)));
    assert!(
        app.wants_ticks() && !app.wants_fast_ticks(),
        "a countdown ticks slowly"
    );
    assert!(screen(&app).contains("quota used up, resets in 30 s"));
    assert_eq!(api_requests(&send(&mut app, [ch('r')])), 0);
    // Over: still nothing by itself, until the user asks.
    assert!(send(&mut app, [at(12 * 60)]).is_empty());
    assert!(screen(&app).contains("quota should be back: r retries"));
    assert!(!app.wants_ticks() || app.toast.is_some());
    let (_, page, _) = only_fetch(&send(&mut app, [ch('r')]));
    assert_eq!(page, 1);
    assert!(app.status.wait.is_none());
}

#[test]
fn the_countdown_text_follows_the_clock() {
    let mut app = quota_spent();
    let first = screen(&app);
    assert!(first.contains("quota used up, resets in 12 min"), "{first}");
    send(&mut app, [at(5 * 60)]);
    let later = screen(&app);
    assert!(later.contains("quota used up, resets in 7 min"), "{later}");
    assert!(later.contains("r retries in 7 min"), "{later}");
}

#[test]
fn a_402_without_quota_headers_is_a_plan_limit() {
    let mut app = world();
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(&mut app, [page_failure(req, status(402, None, None, None))]);
    assert!(app.status.wait.is_none(), "waiting would not help");
    let shown = screen(&app);
    assert!(
        shown.contains("not available on this workspace's plan"),
        "{shown}"
    );
    assert!(!shown.contains("r retries"), "{shown}");
    // Nothing is blocked: other requests still go.
    assert_eq!(only_fetch(&send(&mut app, [ch('o')])).1, 1);
}

#[test]
fn a_429_is_waited_out_then_retried_on_request() {
    let mut app = world();
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(
        &mut app,
        [page_failure(req, status(429, None, None, Some(30)))],
    );
    assert_eq!(app.status.wait.map(|w| w.kind), Some(WaitKind::RateLimited));
    assert_eq!(api_requests(&send(&mut app, [ch('r')])), 0);
    assert_eq!(toast(&app), "the server asked to slow down: wait 30 s");
    assert!(screen(&app).contains("wait 30 s"));
    send(&mut app, [at(31)]);
    assert!(screen(&app).contains("wait over: r retries"));
    assert_eq!(only_fetch(&send(&mut app, [ch('r')])).1, 1);
}

#[test]
fn a_later_answer_never_shortens_a_wait() {
    let mut app = quota_spent();
    send(&mut app, [at(60)]);
    // A late answer to another request says 2 min: the 11 min left still stand.
    let before = app.wait_left();
    assert_eq!(before, Some(Duration::from_secs(660)));
    send(
        &mut app,
        [Msg::Api {
            req_id: ghosts::tui::msg::ReqId(999),
            result: ghosts::tui::msg::ApiResult::Page(Err(spent(120))),
        }],
    );
    assert_eq!(app.wait_left(), before);
}

#[test]
fn low_quota_is_a_visible_warning() {
    let mut app = new_app(80, 24);
    let (req, _, _) = only_fetch(&send(&mut app, [Msg::Start]));
    let mut reply = page(world_ghosts(), 1, 6);
    reply.quota.remaining = Some(6);
    send(&mut app, [page_answer(req, reply.clone())]);
    assert!(screen(&app).contains("quota 6 left"));
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    reply.quota.remaining = Some(3);
    send(&mut app, [page_answer(req, reply)]);
    let shown = screen(&app);
    assert!(
        shown.contains("quota low: 3 left, resets in 30 min"),
        "{shown}"
    );
    // Errors carry quota too.
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(
        &mut app,
        [page_failure(req, status(500, Some(2), None, None))],
    );
    assert!(screen(&app).contains("quota low: 2 left"));
}

#[test]
fn several_requests_are_announced_with_their_cost() {
    let mut app = world();
    let fx = send(&mut app, [ch('E')]);
    assert_eq!(lookup_fetches(&fx).len(), 2);
    assert_eq!(toast(&app), "loading members, roles: ~2 requests (27 left)");
    assert!(app.confirm.is_none());
    assert_eq!(app.pending.len(), 2);
}

/// An app that has 3 requests left.
fn nearly_spent() -> App {
    let mut app = new_app(80, 24);
    let (req, _, _) = only_fetch(&send(&mut app, [Msg::Start]));
    let mut reply = page(world_ghosts(), 1, 6);
    reply.quota.remaining = Some(3);
    send(&mut app, [page_answer(req, reply)]);
    app
}

#[test]
fn spending_most_of_what_is_left_asks_first() {
    let mut app = nearly_spent();
    assert!(send(&mut app, [ch('E')]).is_empty(), "held for the answer");
    assert_eq!(app.confirm.as_ref().map(|c| c.requests), Some(2));
    let shown = screen(&app);
    assert!(
        shown.contains("This will use ~2 requests (3 left). Continue?"),
        "{shown}"
    );
    // Other keys wait for the answer.
    assert!(send(&mut app, [ch('j'), ch('r')]).is_empty());
    let fx = send(&mut app, [ch('y')]);
    assert_eq!(lookup_fetches(&fx).len(), 2);
    assert!(app.confirm.is_none());
    answer_lookups(&mut app, &fx);
    assert_eq!(app.lookups.items(LookupKind::Members).len(), 2);
}

#[test]
fn declining_sends_nothing_and_lets_ids_be_typed() {
    let mut app = nearly_spent();
    send(&mut app, [ch('E')]);
    assert!(send(&mut app, [key(KeyCode::Esc)]).is_empty());
    assert!(app.confirm.is_none());
    assert!(app.pending.is_empty());
    assert_eq!(toast(&app), "Nothing sent");
    assert!(embody_dialog(&app).typed_member.is_some());
    // Opening again asks again (the look-ups were not loaded).
    send(&mut app, [key(KeyCode::Esc), ch('E')]);
    assert!(app.confirm.is_some());
}

/// Found by the monkey: a `Retry-After` (or a clock) near the end of the calendar made
/// the wait's end overflow and panic. It saturates instead, and the app stays usable.
#[test]
fn an_absurd_retry_after_does_not_panic() {
    let mut app = world();
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(
        &mut app,
        [page_failure(
            req,
            status(429, None, None, Some(u64::MAX / 2)),
        )],
    );
    assert_eq!(app.status.wait.map(|w| w.kind), Some(WaitKind::RateLimited));
    assert_eq!(api_requests(&send(&mut app, [ch('r')])), 0);
    assert!(screen(&app).contains("slow down"));
}
