//! The request budget: the quota read from every answer, the waits the server asks for
//! (402 with a spent quota, 429), and the one gate every request passes before it is
//! sent: refused while a wait is in force, held for a "Continue? y/n" when it would
//! spend much of what is left, announced when it costs several requests.

use std::time::Duration;

use time::Duration as TimeDuration;

use crate::api::Quota;

use super::super::app::{App, CostConfirm, Wait, WaitKind, short_duration};
use super::super::keymap::Action;
use super::super::msg::{ApiResult, Effect};
use super::{pending, toast};

/// From this many requests left, the status bar warns.
pub const LOW_QUOTA: u64 = 5;
/// Actions that cost this many requests or more say so.
const NOTICE_FROM: u64 = 2;
/// Actions that cost this many requests or more always ask first (bulk work).
const CONFIRM_FROM: u64 = 10;
/// The wait when the server says to wait but not for how long.
const UNKNOWN_WAIT: Duration = Duration::from_secs(60);

/// Takes what an answer (success or failure, wanted or not) says about the quota and
/// about waiting.
pub fn observe(app: &mut App, result: &ApiResult) {
    let quota = match result.outcome() {
        Ok(quota) => Some(quota),
        Err(err) => err.quota(),
    };
    if let Some(quota) = quota.filter(Quota::is_known) {
        app.status.quota = Some(quota);
    }
    let Some(status) = result.outcome().err().and_then(|e| e.as_status()) else {
        return;
    };
    let kind = if status.is_quota_exhausted() {
        WaitKind::Quota
    } else if status.status == 429 {
        WaitKind::RateLimited
    } else {
        return;
    };
    let wait = status.wait_for().unwrap_or(UNKNOWN_WAIT);
    let until = app.later(TimeDuration::try_from(wait).unwrap_or(TimeDuration::MAX));
    // A later answer may say the wait is longer; never shorten one.
    if app.status.wait.is_none_or(|w| w.until < until) {
        app.status.wait = Some(Wait { kind, until });
    }
}

/// "quota used up, resets in 12 min": why nothing may be sent now; `None` when
/// requests may go.
pub fn blocked(app: &App) -> Option<String> {
    let left = app.wait_left()?;
    let kind = app.status.wait.map(|w| w.kind)?;
    Some(match kind {
        WaitKind::Quota => format!("quota used up, resets in {}", countdown(left)),
        WaitKind::RateLimited => {
            format!("the server asked to slow down: wait {}", countdown(left))
        }
    })
}

/// What the status bar says about a wait: the countdown, then (once over) that the
/// user may go on.
pub fn wait_text(app: &App) -> Option<String> {
    let wait = app.status.wait?;
    Some(blocked(app).unwrap_or_else(|| match wait.kind {
        WaitKind::Quota => "quota should be back: r retries".into(),
        WaitKind::RateLimited => "wait over: r retries".into(),
    }))
}

/// Seconds under two minutes, so the countdown visibly moves; then minutes.
fn countdown(left: Duration) -> String {
    if left.as_secs() < 120 {
        format!("{} s", left.as_secs().max(1))
    } else {
        short_duration(left)
    }
}

/// For actions checked before they change anything (a new sort, a search): shows why
/// they cannot run now and says whether they were refused.
pub fn refuse(app: &mut App) -> bool {
    match blocked(app) {
        Some(why) => {
            toast(app, why);
            true
        }
        None => false,
    }
}

/// Every effect `update` returns passes here. Requests are refused while a wait is in
/// force (whatever asked for them is told why), held for confirmation when they would
/// spend much of the quota, and otherwise sent and tracked as pending.
pub fn gate(app: &mut App, fx: &mut Vec<Effect>) {
    let (requests, other): (Vec<Effect>, Vec<Effect>) =
        fx.drain(..).partition(|e| e.api_request().is_some());
    *fx = other;
    if requests.is_empty() {
        return;
    }
    let cost = u64::try_from(requests.len()).unwrap_or(u64::MAX);
    let left = app.status.quota.and_then(|q| q.remaining);
    let spends_much =
        cost >= CONFIRM_FROM || (cost >= NOTICE_FROM && left.is_some_and(|l| cost + LOW_QUOTA > l));
    if spends_much && blocked(app).is_none() {
        app.confirm = Some(CostConfirm {
            requests: cost,
            what: String::new(),
            effects: requests,
        });
        return;
    }
    if cost >= NOTICE_FROM && blocked(app).is_none() {
        let what = requests
            .iter()
            .map(Effect::label)
            .collect::<Vec<_>>()
            .join(", ")
            .replace(", loading ", ", ");
        toast(
            app,
            format!("{what}: ~{cost} requests{}", quota_left(app, cost)),
        );
    }
    admit(app, requests, fx);
}

/// Holds `effects` for the user's go-ahead, saying they start work of about
/// `requests` requests (more than the effects themselves: one page at a time).
pub fn ask(app: &mut App, requests: u64, what: String, effects: Vec<Effect>) {
    app.confirm = Some(CostConfirm {
        requests,
        what,
        effects,
    });
}

/// " (27 left)" after a cost of `requests`, when the quota is known; when the cost is
/// more than is left, what will happen: the work stops when the quota runs out.
pub fn quota_left(app: &App, requests: u64) -> String {
    let Some(quota) = app.status.quota else {
        return String::new();
    };
    let Some(left) = quota.remaining else {
        return String::new();
    };
    if requests <= left {
        return format!(" ({left} left)");
    }
    let reset = quota
        .resets_in
        .map(|d| format!(" in {} min", d.as_secs().div_ceil(60)))
        .unwrap_or_default();
    format!(" (only {left} left: it stops there; r carries on after the reset{reset})")
}

/// Sends `requests` unless a wait is in force; a request sent on the user's say-so
/// after a wait ends the wait.
fn admit(app: &mut App, requests: Vec<Effect>, fx: &mut Vec<Effect>) {
    if let Some(why) = blocked(app) {
        for effect in &requests {
            if let Some(req_id) = effect.api_request() {
                pending::abandon(app, req_id, &why, fx);
            }
        }
        toast(app, why);
        return;
    }
    app.status.wait = None;
    for effect in &requests {
        pending::track(app, effect);
    }
    fx.extend(requests);
}

/// `y`/`n` on "This will use N requests. Continue?".
pub fn on_confirm(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(confirm) = app.confirm.take() else {
        return;
    };
    match action {
        Action::Yes => admit(app, confirm.effects, fx),
        Action::No => {
            for req_id in confirm.effects.iter().filter_map(Effect::api_request) {
                pending::abandon(
                    app,
                    req_id,
                    "not loaded: you chose not to spend the requests",
                    fx,
                );
            }
            toast(app, "Nothing sent".into());
        }
        _ => app.confirm = Some(confirm),
    }
}
