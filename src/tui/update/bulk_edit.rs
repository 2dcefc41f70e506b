//! Editing the marked ghosts: the bulk form (the edit form's fields and pickers), a
//! preview of every marked ghost before and after, then `bulk_update` in chunks of at
//! most 100, one at a time, each all or nothing; Esc stops after the current chunk; the
//! results say which ghosts were updated and which not (with the server's reason), and
//! `r` retries just those. Every step is journaled, as the bulk delete's are.

use crate::api::{ApiError, Ghost, Id, Reply};

use super::super::app::{App, Modal};
use super::super::bulk::{BulkEdit, CHUNK, EditPhase, Items, Outcome, Target, scrolled};
use super::super::journal::Entry;
use super::super::keymap::Action;
use super::super::msg::{Effect, ReqId};
use super::super::text::one_line;
use super::bulk_delete::give_up;
use super::{error_text, journal, list, lookups, new_op, outcome_unknown, toast, writes};

/// `e` with more than one ghost marked.
pub fn open(app: &mut App) {
    lookups::forget_failures(app);
    app.modal = Some(Modal::BulkEdit(Box::default()));
}

fn edit_mut(app: &mut App) -> Option<&mut BulkEdit> {
    match &mut app.modal {
        Some(Modal::BulkEdit(bulk)) => Some(bulk),
        _ => None,
    }
}

/// Whether the bulk edit waits for the answer `req_id`.
pub fn waits_for(app: &App, req_id: ReqId) -> bool {
    matches!(&app.modal, Some(Modal::BulkEdit(bulk)) if bulk.waits_for(req_id))
}

/// Ctrl-S or the button on the bulk form: each marked ghost before and after.
pub fn preview(app: &mut App) {
    let Some(bulk) = edit_mut(app) else {
        return;
    };
    let Some(choice) = bulk.form.bulk_choice() else {
        bulk.form.focus_first_error();
        return toast(app, "Fix the marked fields first".into());
    };
    let targets: Vec<Target> = app
        .marks
        .ghosts()
        .map(|ghost| {
            let patch = choice.patch(ghost);
            Target {
                ghost: ghost.clone(),
                after: choice.after(ghost),
                patch: (!patch.is_empty()).then_some(patch),
            }
        })
        .collect();
    if let Some(bulk) = edit_mut(app) {
        bulk.targets = targets;
        bulk.phase = EditPhase::Preview { scroll: 0 };
    }
}

pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(bulk) = edit_mut(app) else {
        return;
    };
    let last = bulk.targets.len().saturating_sub(1);
    match &mut bulk.phase {
        EditPhase::Preview { scroll } => {
            if let Some(to) = scrolled(*scroll, action, last) {
                return *scroll = to;
            }
        }
        EditPhase::Done => {
            let last = bulk.items.len().saturating_sub(1);
            if let Some(to) = scrolled(bulk.scroll, action, last) {
                return bulk.scroll = to;
            }
        }
        _ => {}
    }
    match (&mut bulk.phase, action) {
        (EditPhase::Preview { .. }, Action::Activate | Action::Save) => send(app, fx),
        (EditPhase::Preview { .. }, Action::Cancel) => bulk.phase = EditPhase::Form,
        (EditPhase::Running { stopping, .. }, Action::Cancel) => *stopping = true,
        (EditPhase::Done, Action::Retry) => retry(app, fx),
        (EditPhase::Done, Action::Cancel) => app.modal = None,
        _ => {}
    }
}

/// Enter on the preview: a run over the ghosts that change (none: nothing is sent).
fn send(app: &mut App, fx: &mut Vec<Effect>) {
    let op = new_op(app);
    let Some(bulk) = edit_mut(app) else {
        return;
    };
    let changing: Vec<(Id, String)> = bulk
        .targets
        .iter()
        .filter(|t| t.patch.is_some())
        .map(|t| (t.ghost.id, one_line(&t.ghost.name).into_owned()))
        .collect();
    if changing.is_empty() {
        return toast(app, "Nothing would change: nothing sent".into());
    }
    bulk.start_run(op, changing);
    start(app, fx);
}

fn start(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(bulk) = edit_mut(app) {
        let ghosts = bulk.items.iter().map(|i| (Some(i.id), i.name.clone()));
        let entry = Entry::start(&bulk.op, "update", ghosts);
        journal(app, entry, fx);
    }
    step(app, fx);
}

/// The next chunk, or the end of the run (when none is left or Esc asked to stop).
fn step(app: &mut App, fx: &mut Vec<Effect>) {
    let req_id = app.new_req_id();
    let Some(bulk) = edit_mut(app) else {
        return;
    };
    let stopping = matches!(bulk.phase, EditPhase::Running { stopping: true, .. });
    let chunk: Vec<Id> = bulk
        .items
        .iter()
        .filter(|i| i.outcome == Outcome::Pending)
        .take(CHUNK)
        .map(|i| i.id)
        .collect();
    if chunk.is_empty() || stopping {
        give_up(&mut bulk.items);
        bulk.phase = EditPhase::Done;
        let op = bulk.op.clone();
        return journal(app, Entry::End { op }, fx);
    }
    let patches = chunk.iter().filter_map(|&id| bulk.patch(id)).collect();
    bulk.phase = EditPhase::Running {
        req_id,
        stopping: false,
        chunk,
    };
    fx.push(Effect::BulkUpdate { req_id, patches });
}

/// The answer to a chunk. What the server did reaches the list (and the marks) even if
/// nobody waits for it any more; only the chunk the run waits for moves the run on.
pub fn on_answer(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<Vec<Ghost>>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    writes::take(app, req_id);
    if let Ok(reply) = &result {
        for ghost in &reply.data {
            list::replace_ghost(app, ghost.clone());
        }
    }
    if !waits_for(app, req_id) {
        return;
    }
    let Some(bulk) = edit_mut(app) else {
        return;
    };
    let EditPhase::Running { chunk, .. } = &bulk.phase else {
        return;
    };
    let chunk = chunk.clone();
    let (outcome, word, reason) = match &result {
        Ok(_) => (Outcome::Updated, "updated", None),
        Err(err) => {
            let mut why = error_text(err);
            if outcome_unknown(err) {
                why.push_str(" (the answer was lost: it may have been applied)");
            }
            (Outcome::Failed(why.clone()), "failed", Some(why))
        }
    };
    for item in bulk.items.iter_mut().filter(|i| chunk.contains(&i.id)) {
        item.outcome = outcome.clone();
    }
    let op = bulk.op.clone();
    for id in chunk {
        let entry = Entry::Result {
            op: op.clone(),
            id,
            outcome: word.into(),
            reason: reason.clone(),
        };
        journal(app, entry, fx);
    }
    step(app, fx);
}

/// The current chunk was never sent (a wait is in force): the run stops, this chunk
/// and the rest not attempted (the toast says why).
pub fn refused(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(EditPhase::Running { stopping, .. }) = edit_mut(app).map(|b| &mut b.phase) {
        *stopping = true;
    }
    step(app, fx);
}

/// `r` on the results: a new run over the ghosts not changed, journaled on its own.
fn retry(app: &mut App, fx: &mut Vec<Effect>) {
    let op = new_op(app);
    let Some(bulk) = edit_mut(app) else {
        return;
    };
    let again = bulk.to_retry();
    if again.is_empty() {
        return;
    }
    bulk.start_run(op, again);
    start(app, fx);
}
