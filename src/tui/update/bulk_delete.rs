//! Deleting the marked ghosts: the user types how many to confirm, then one DELETE at
//! a time (there is no bulk endpoint), each answer moving the progress bar on; Esc
//! stops after the current one; the results say how each fared, and `r` retries the
//! failed and not attempted. Every step is journaled through effects.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;

use crate::api::{ApiError, Reply};

use super::super::app::{App, Modal};
use super::super::bulk::{BulkDelete, BulkItem, Items, Outcome, Phase, scrolled};
use super::super::journal::Entry;
use super::super::keymap::Action;
use super::super::msg::{Effect, ReqId};
use super::{error_text, journal, list, new_op, writes};

/// `d` with more than one ghost marked.
pub fn open(app: &mut App) {
    let ghosts: Vec<_> = app
        .marks
        .iter()
        .map(|(id, name)| (id, name.to_string()))
        .collect();
    let op = new_op(app);
    app.modal = Some(Modal::Bulk(Box::new(BulkDelete::new(op, ghosts))));
}

fn bulk_mut(app: &mut App) -> Option<&mut BulkDelete> {
    match &mut app.modal {
        Some(Modal::Bulk(bulk)) => Some(bulk),
        _ => None,
    }
}

/// Whether the bulk delete waits for the answer `req_id`.
pub fn waits_for(app: &App, req_id: ReqId) -> bool {
    matches!(&app.modal, Some(Modal::Bulk(bulk)) if bulk.waits_for(req_id))
}

pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(bulk) = bulk_mut(app) else {
        return;
    };
    let last = bulk.items.len().saturating_sub(1);
    if matches!(bulk.phase, Phase::Done)
        && let Some(to) = scrolled(bulk.scroll, action, last)
    {
        bulk.scroll = to;
        return;
    }
    match (&mut bulk.phase, action) {
        (Phase::Confirm { input, error }, Action::Activate) => {
            let wanted = bulk.items.len();
            if input.value().trim().parse::<usize>() == Ok(wanted) {
                start(app, fx);
            } else {
                *error = Some(format!(
                    "Type {wanted} (the number of ghosts) to delete them."
                ));
            }
        }
        (Phase::Running { stopping, .. }, Action::Cancel) => *stopping = true,
        (Phase::Done, Action::Retry) => retry(app, fx),
        (Phase::Confirm { .. } | Phase::Done, Action::Cancel) => app.modal = None,
        _ => {}
    }
}

/// Digits typed in the confirm dialog.
pub fn on_edit_key(app: &mut App, key: KeyEvent) {
    let Some(bulk) = bulk_mut(app) else {
        return;
    };
    if let (Some(request), Phase::Confirm { input, error }) =
        (to_input_request(&Event::Key(key)), &mut bulk.phase)
    {
        input.handle(request);
        *error = None;
    }
}

/// Journals the start, then sends the first DELETE.
fn start(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(bulk) = bulk_mut(app) else {
        return;
    };
    let ghosts = bulk.items.iter().map(|i| (Some(i.id), i.name.clone()));
    let entry = Entry::start(&bulk.op, "delete", ghosts);
    journal(app, entry, fx);
    step(app, fx);
}

/// The next DELETE, or the end of the run (when none is left or Esc asked to stop).
fn step(app: &mut App, fx: &mut Vec<Effect>) {
    let req_id = app.new_req_id();
    let Some(bulk) = bulk_mut(app) else {
        return;
    };
    let stopping = matches!(bulk.phase, Phase::Running { stopping: true, .. });
    match bulk.next_pending().map(|i| i.id) {
        Some(id) if !stopping => {
            bulk.phase = Phase::Running {
                req_id,
                stopping: false,
            };
            fx.push(Effect::DeleteGhost { req_id, id });
        }
        _ => {
            give_up(&mut bulk.items);
            bulk.phase = Phase::Done;
            let op = bulk.op.clone();
            journal(app, Entry::End { op }, fx);
        }
    }
}

/// The answer to the current DELETE: its result is kept and journaled; a ghost that is
/// no more leaves the list (and the marks) as a single delete does.
pub fn on_answer(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<()>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    if !waits_for(app, req_id) {
        return;
    }
    // Tracked as any write; the run is its dialog, which cannot close while it waits.
    writes::take(app, req_id);
    let outcome = match &result {
        Ok(_) => Outcome::Deleted,
        Err(err) if err.status() == Some(404) => Outcome::Gone,
        Err(err) => Outcome::Failed(error_text(err)),
    };
    let Some(bulk) = bulk_mut(app) else {
        return;
    };
    let Some(item) = bulk
        .items
        .iter_mut()
        .find(|i| i.outcome == Outcome::Pending)
    else {
        return;
    };
    let (id, op, removed) = (item.id, bulk.op.clone(), outcome.removed());
    let (word, reason) = match &outcome {
        Outcome::Gone => ("gone", None),
        Outcome::Failed(why) => ("failed", Some(why.clone())),
        _ => ("deleted", None),
    };
    item.outcome = outcome;
    journal(
        app,
        Entry::Result {
            op,
            id,
            outcome: word.into(),
            reason,
        },
        fx,
    );
    if removed {
        app.marks.remove(id);
        list::remove_ghost(app, id, fx);
    }
    step(app, fx);
}

/// The current DELETE was never sent (a wait is in force): the run stops, this ghost
/// and the rest not attempted (the toast says why).
pub fn refused(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(Phase::Running { stopping, .. }) = bulk_mut(app).map(|b| &mut b.phase) {
        *stopping = true;
    }
    step(app, fx);
}

/// `r` on the results: a new run over the failed and not attempted ghosts (already
/// confirmed), journaled as an operation of its own.
fn retry(app: &mut App, fx: &mut Vec<Effect>) {
    let op = new_op(app);
    let Some(bulk) = bulk_mut(app) else {
        return;
    };
    let again = bulk.to_retry();
    if again.is_empty() {
        return;
    }
    *bulk = BulkDelete::new(op, again);
    start(app, fx);
}

/// The end of a run: whatever was not tried is not attempted.
pub(super) fn give_up(items: &mut [BulkItem]) {
    for item in items {
        if item.outcome == Outcome::Pending {
            item.outcome = Outcome::NotAttempted;
        }
    }
}

/// Enter/Esc on the "interrupted" notice: journaled as seen, so it is not shown again.
pub fn acknowledge(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(Modal::Interrupted(notice)) = app.modal.take() {
        journal(app, Entry::Acknowledged { op: notice.op }, fx);
    }
}
