//! Deleting a ghost: a confirm dialog with the safe answer focused, then one DELETE.

use crate::api::{ApiError, Reply};

use super::super::app::{App, Modal};
use super::super::dialogs::DeleteDialog;
use super::super::keymap::Action;
use super::super::msg::{Effect, ReqId};
use super::super::text::one_line;
use super::{error_text, list, outcome_unknown, toast, writes};

/// `d`: the marked ghost, when one is marked (it may be out of view), else the
/// ghost under the cursor.
pub fn open(app: &mut App) {
    let target = match app.marks.iter().next() {
        Some((id, name)) if app.marks.len() == 1 => Some((id, name.to_string())),
        _ => app
            .selected()
            .map(|g| (g.id, one_line(&g.name).into_owned())),
    };
    let Some((id, name)) = target else {
        toast(app, "No ghost selected".into());
        return;
    };
    let dialog = DeleteDialog::new(id, name);
    app.modal = Some(Modal::Delete(dialog));
}

fn dialog_mut(app: &mut App) -> Option<&mut DeleteDialog> {
    match &mut app.modal {
        Some(Modal::Delete(dialog)) => Some(dialog),
        _ => None,
    }
}

pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(dialog) = dialog_mut(app) else {
        return;
    };
    match action {
        Action::Yes => send(app, fx),
        Action::Activate if dialog.on_delete => send(app, fx),
        // An answer still on its way is then dropped.
        Action::No | Action::Activate => app.modal = None,
        Action::SwitchButton => dialog.on_delete = !dialog.on_delete,
        _ => {}
    }
}

fn send(app: &mut App, fx: &mut Vec<Effect>) {
    let req_id = app.new_req_id();
    let Some(dialog) = dialog_mut(app).filter(|d| d.sending.is_none()) else {
        return;
    };
    dialog.sending = Some(req_id);
    dialog.error = None;
    fx.push(Effect::DeleteGhost {
        req_id,
        id: dialog.id,
    });
}

/// The answer to the DELETE the open dialog waits for. 404: it was already gone, which
/// is what the user wanted; it leaves the list all the same.
pub fn on_answer(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<()>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    let write = writes::take(app, req_id);
    let Some(dialog) = dialog_mut(app).filter(|d| d.sending == Some(req_id)) else {
        if let Some(write) = write {
            writes::settle_delete(app, write, result, fx);
        }
        return;
    };
    dialog.sending = None;
    let (id, name) = (dialog.id, dialog.name.clone());
    let message = match &result {
        Ok(_) => format!("Deleted “{name}”"),
        Err(err) if err.status() == Some(404) => {
            format!("“{name}” was already gone; removed from the list")
        }
        Err(err) => {
            dialog.error = Some(if outcome_unknown(err) {
                // A second DELETE of a deleted ghost answers 404, read as "already gone".
                format!(
                    "It may have been deleted (the answer was lost: {}). Trying again is safe.",
                    error_text(err)
                )
            } else {
                error_text(err)
            });
            return;
        }
    };
    app.modal = None;
    app.marks.remove(id);
    list::remove_ghost(app, id, fx);
    toast(app, message);
}
