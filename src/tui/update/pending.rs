//! Requests on their way: tracked for the status bar, cancelled with Esc, and let go of
//! when they are refused. Whatever waited for a request let go of stops waiting, and
//! any late answer to it is dropped (nothing waits for its id any more).

use std::time::Duration;

use super::super::app::{App, Modal, Pending};
use super::super::lookups::Lookup;
use super::super::msg::{Effect, ReqId, RequestRecord};
use super::{bulk_create, bulk_delete, bulk_edit, lookups, toast, triage};

/// Notes a request as sent.
pub fn track(app: &mut App, effect: &Effect) {
    if let Some(req_id) = effect.api_request() {
        app.pending.insert(
            req_id,
            Pending {
                label: effect.label(),
                started: app.now,
                write: effect.write_verb(),
                request: effect.request_line(),
                background: matches!(effect, Effect::FetchLookup { .. }),
            },
        );
    }
}

/// The request the status bar shows: the oldest on its way.
pub fn oldest(app: &App) -> Option<&Pending> {
    app.pending.values().min_by_key(|p| p.started)
}

/// Whether any request on its way can be cancelled (look-ups are left to finish).
pub fn any_cancellable(app: &App) -> bool {
    app.pending.values().any(|p| !p.background)
}

/// Esc while requests are on their way: stop waiting for them (look-ups aside). The
/// runtime aborts their tasks; a write may still have reached the server, and the user
/// is told so, with the draft kept.
pub fn cancel_all(app: &mut App, fx: &mut Vec<Effect>) {
    let (background, cancelled) = std::mem::take(&mut app.pending)
        .into_iter()
        .partition(|(_, p)| p.background);
    app.pending = background;
    let mut told = None;
    for (req_id, request) in cancelled {
        let write = request.write.is_some();
        let why = cancel(app, req_id, request, fx);
        // A write's doubt matters more than a read's.
        if write || told.is_none() {
            told = Some(why);
        }
    }
    if let Some(text) = told {
        toast(app, text);
    }
}

/// Stops waiting for the one request `req_id`, if it is on its way.
pub fn cancel_one(app: &mut App, req_id: ReqId, fx: &mut Vec<Effect>) {
    if let Some(request) = app.pending.remove(&req_id) {
        cancel(app, req_id, request, fx);
    }
}

/// The runtime aborts the request, the request log says it was cancelled, and what
/// waited for it is told; returns what it was told.
fn cancel(app: &mut App, req_id: ReqId, request: Pending, fx: &mut Vec<Effect>) -> String {
    fx.push(Effect::Cancel { req_id });
    let waited = app.now - request.started;
    app.request_log.push(RequestRecord {
        req_id,
        at: request.started,
        request: request.request,
        outcome: "cancelled".into(),
        duration: Duration::try_from(waited).unwrap_or(Duration::ZERO),
        quota_left: None,
        trace_id: None,
    });
    // What to do next, where the user is: `r` in a form types a letter.
    let in_form = matches!(&app.modal, Some(Modal::Form(form)) if form.saving == Some(req_id));
    let in_dialog = matches!(
        &app.modal,
        Some(Modal::Delete(d)) if d.sending == Some(req_id)
    ) || matches!(&app.modal, Some(Modal::Embody(d)) if d.sending == Some(req_id));
    let why = match request.write {
        Some(done) if in_form => format!(
            "cancelled waiting; the ghost may have been {done} — Ctrl-S tries again (a new ghost is looked for first)"
        ),
        Some(done) if in_dialog => format!(
            "cancelled waiting; the ghost may have been {done} — Esc, then r reloads to check"
        ),
        Some(done) => format!(
            "cancelled waiting; the ghost may have been {done} — press r to reload and check"
        ),
        None => format!("cancelled {}; r tries again", request.label),
    };
    if request.write.is_some() {
        lost_create(app, req_id);
    }
    abandon(app, req_id, &why, fx);
    why
}

/// A create whose wait was cancelled may still have reached the server: the form's
/// next save looks for it first.
fn lost_create(app: &mut App, req_id: ReqId) {
    if let Some(Modal::Form(form)) = &mut app.modal
        && form.saving == Some(req_id)
        && let Some(attempt) = &mut form.attempt
    {
        attempt.unknown = true;
    }
}

/// Whatever waits for `req_id` stops waiting, and is told `why`: the list (`r` then
/// tries the page again), a look-up (its picker falls back to typing ids; it is asked
/// again next time), the form or a dialog (the draft stays, the error says why), a bulk
/// run (it stops: this ghost or chunk and the rest are not attempted), the triage count (it
/// stops at this page; `r` resumes).
pub fn abandon(app: &mut App, req_id: ReqId, why: &str, fx: &mut Vec<Effect>) {
    app.pending.remove(&req_id);
    if bulk_delete::waits_for(app, req_id) {
        bulk_delete::refused(app, fx);
        return;
    }
    if bulk_edit::waits_for(app, req_id) {
        bulk_edit::refused(app, fx);
        return;
    }
    if app.triage.waits_for(req_id) {
        triage::stopped(app, why);
        return;
    }
    if bulk_create::waits_for(app, req_id) {
        bulk_create::refused(app, why, fx);
        return;
    }
    if let Some(flight) = app.list.in_flight.take_if(|f| f.req_id == req_id) {
        app.list.failed_page = Some(flight.page);
        return;
    }
    if let Some(kind) = lookups::waiting_for(app, req_id) {
        *app.lookups.get_mut(kind) = Lookup::Failed(why.to_string());
        lookups::fall_back_to_ids(app, kind);
        return;
    }
    match &mut app.modal {
        Some(Modal::Form(form)) if form.saving == Some(req_id) => {
            form.saving = None;
            form.save_error = Some(format!("Not saved: {why}"));
        }
        Some(Modal::Delete(dialog)) if dialog.sending == Some(req_id) => {
            dialog.sending = None;
            dialog.error = Some(why.to_string());
        }
        Some(Modal::Embody(dialog)) if dialog.sending == Some(req_id) => {
            dialog.sending = None;
            dialog.error = Some(why.to_string());
        }
        _ => {}
    }
}
