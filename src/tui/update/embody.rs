//! Embodying a ghost: pick the member and the role (or type their ids), confirm, send.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;

use crate::api::{ApiError, Ghost, Reply};

use super::super::app::{App, Modal};
use super::super::dialogs::{EmbodyDialog, EmbodyField};
use super::super::keymap::Action;
use super::super::lookups::LookupKind;
use super::super::msg::{Effect, ReqId};
use super::super::picker::Picker;
use super::super::text::{insert_text, one_line, paste_text};
use super::{error_text, list, lookups, outcome_unknown, toast, writes};

/// Opens the dialog and asks for members and roles, which it needs at once. An
/// embodied ghost is refused up front: the server would answer 409.
pub fn open(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(ghost) = app.selected() else {
        toast(app, "No ghost selected".into());
        return;
    };
    let name = one_line(&ghost.name).into_owned();
    if ghost.is_embodied() {
        let by = ghost
            .user_id
            .map(|user| format!(" by user {user}"))
            .unwrap_or_default();
        toast(app, format!("“{name}” is already embodied{by}"));
        return;
    }
    let dialog = EmbodyDialog::new(ghost.id, name);
    lookups::forget_failures(app);
    app.modal = Some(Modal::Embody(Box::new(dialog)));
    lookups::ensure(app, LookupKind::Members, fx);
    lookups::ensure(app, LookupKind::Roles, fx);
}

fn dialog_mut(app: &mut App) -> Option<&mut EmbodyDialog> {
    match &mut app.modal {
        Some(Modal::Embody(dialog)) => Some(dialog),
        _ => None,
    }
}

pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(dialog) = dialog_mut(app) else {
        return;
    };
    match action {
        Action::NextField => dialog.move_focus(true),
        Action::PrevField => dialog.move_focus(false),
        Action::Save => send(app, fx),
        Action::Cancel => app.modal = None,
        Action::Activate => match dialog.focus {
            EmbodyField::Member | EmbodyField::Role if dialog.focus_is_typed() => {
                dialog.move_focus(true);
            }
            EmbodyField::Member => pick(app, LookupKind::Members),
            EmbodyField::Role => pick(app, LookupKind::Roles),
            EmbodyField::Confirm => send(app, fx),
            EmbodyField::Cancel => app.modal = None,
        },
        _ => {}
    }
}

/// The role a picker opens on when none is chosen: the everyday one, so a hurried Enter
/// never hands out admin rights (roles sort by name, and "Admin" comes first).
const EVERYDAY_ROLE: &str = "member";

/// Opens the picker for `kind` on the current choice (for roles with none, the
/// everyday role).
fn pick(app: &mut App, kind: LookupKind) {
    let App { modal, lookups, .. } = app;
    let Some(Modal::Embody(dialog)) = modal else {
        return;
    };
    let items = lookups.items(kind);
    let current = match kind {
        LookupKind::Members => dialog.member.as_ref().map(|m| m.id),
        _ => dialog.role.as_ref().map(|r| r.id).or_else(|| {
            items
                .iter()
                .find(|i| i.detail == EVERYDAY_ROLE)
                .map(|i| i.id)
        }),
    };
    let mut picker = Picker::new(kind, false, Vec::new());
    if let Some(id) = current {
        picker.highlight(id, items);
    }
    dialog.picker = Some(picker);
}

fn send(app: &mut App, fx: &mut Vec<Effect>) {
    let req_id = app.new_req_id();
    let Some(dialog) = dialog_mut(app).filter(|d| d.sending.is_none()) else {
        return;
    };
    match dialog.request() {
        Ok(request) => {
            dialog.sending = Some(req_id);
            dialog.error = None;
            fx.push(Effect::EmbodyGhost {
                req_id,
                id: dialog.ghost_id,
                request,
            });
        }
        Err(why) => dialog.error = Some(why),
    }
}

/// The answer to the embody the open dialog waits for. Embodied ghosts are hidden
/// unless shown with `i`: then it stays, updated; else it leaves the list.
pub fn on_answer(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<Ghost>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    let write = writes::take(app, req_id);
    let Some(dialog) = dialog_mut(app).filter(|d| d.sending == Some(req_id)) else {
        if let Some(write) = write {
            writes::settle_ghost(app, write, result, fx);
        }
        return;
    };
    dialog.sending = None;
    let name = dialog.ghost_name.clone();
    let member = dialog.summary().unwrap_or_default();
    match &result {
        Ok(_) => {}
        Err(err) if err.status() == Some(409) => {
            dialog.error = Some(format!("“{name}” is already embodied. {}", error_text(err)));
        }
        // A second embody of an embodied ghost answers 409, read as "already embodied".
        Err(err) if outcome_unknown(err) => {
            dialog.error = Some(format!(
                "It may have been embodied (the answer was lost: {}). Trying again is safe.",
                error_text(err)
            ));
        }
        Err(err) => dialog.error = Some(error_text(err)),
    }
    let Ok(reply) = result else {
        return;
    };
    app.modal = None;
    let ghost = reply.data;
    if app.filter.include_embodied {
        list::replace_ghost(app, ghost);
    } else {
        list::remove_ghost(app, ghost.id, fx);
    }
    toast(
        app,
        format!("Done: {}", member.replacen("Embody", "embodied", 1)),
    );
}

/// Typing into a field whose ids are typed by hand.
pub fn on_edit_key(app: &mut App, key: KeyEvent) {
    if let (Some(request), Some(typed)) = (
        to_input_request(&Event::Key(key)),
        dialog_mut(app).and_then(EmbodyDialog::focused_typed),
    ) {
        typed.input.handle(request);
    }
}

pub fn on_paste(app: &mut App, text: &str) {
    if let Some(typed) = dialog_mut(app).and_then(EmbodyDialog::focused_typed) {
        insert_text(&mut typed.input, &paste_text(text, false));
    }
}
