//! Look-ups: asked for the first time something needs them, kept for the session.

use crate::api::{ApiError, Reply};

use super::super::app::{App, Modal};
use super::super::lookups::{Lookup, LookupData, LookupKind};
use super::super::msg::{Effect, ReqId};
use super::error_text;

const KINDS: [LookupKind; 5] = [
    LookupKind::Projects,
    LookupKind::Tasks,
    LookupKind::Teams,
    LookupKind::Members,
    LookupKind::Roles,
];

/// Asks for `kind` unless it is loaded or on its way.
pub fn ensure(app: &mut App, kind: LookupKind, fx: &mut Vec<Effect>) {
    if *app.lookups.get(kind) == Lookup::NotAsked {
        let req_id = app.new_req_id();
        *app.lookups.get_mut(kind) = Lookup::Loading(req_id);
        fx.push(Effect::FetchLookup { req_id, kind });
    }
}

/// A form or dialog is opening: a look-up that failed before is worth one more try
/// when next needed (the network may be back).
pub fn forget_failures(app: &mut App) {
    for kind in KINDS {
        if app.lookups.failed(kind).is_some() {
            *app.lookups.get_mut(kind) = Lookup::NotAsked;
        }
    }
}

/// The look-up that waits for `req_id`, if one does.
pub fn waiting_for(app: &App, req_id: ReqId) -> Option<LookupKind> {
    KINDS
        .into_iter()
        .find(|k| *app.lookups.get(*k) == Lookup::Loading(req_id))
}

pub fn on_answer(app: &mut App, req_id: ReqId, result: Result<Reply<LookupData>, ApiError>) {
    let Some(kind) = waiting_for(app, req_id) else {
        return;
    };
    let state = match result {
        Ok(reply) if reply.data.kind() == kind => Lookup::Ready(reply.data.into_items()),
        Ok(_) => Lookup::Failed("the answer was of another kind".into()),
        Err(err) => Lookup::Failed(error_text(&err)),
    };
    let failed = matches!(state, Lookup::Failed(_));
    *app.lookups.get_mut(kind) = state;
    app.lookups.name_parents();
    if failed {
        fall_back_to_ids(app, kind);
    }
}

/// Whatever waits for `kind` switches to typing ids, and its picker closes (the filter
/// panel, which has its own ghost-ids field, says why instead).
pub fn fall_back_to_ids(app: &mut App, kind: LookupKind) {
    if let Some(form) = app.form_mut() {
        if form.picker.as_ref().is_some_and(|p| p.kind == kind) {
            form.picker = None;
        }
        if super::super::form::LISTS.contains(&kind) {
            form.start_typing(kind);
        }
        return;
    }
    match &mut app.modal {
        Some(Modal::Embody(dialog)) => {
            if dialog.picker.as_ref().is_some_and(|p| p.kind == kind) {
                dialog.picker = None;
            }
            dialog.start_typing(kind);
        }
        Some(Modal::Filters(panel)) if panel.picker.as_ref().is_some_and(|p| p.kind == kind) => {
            panel.picker = None;
            panel.error = Some(format!(
                "{} could not be loaded ({}); f tries again",
                kind.name(),
                app.lookups.failed(kind).unwrap_or("no answer")
            ));
        }
        Some(Modal::Create(bulk)) if bulk.draft.picker.as_ref().is_some_and(|p| p.kind == kind) => {
            bulk.draft.picker = None;
            bulk.draft.error = Some(format!(
                "{} could not be loaded ({}); Enter tries again",
                kind.name(),
                app.lookups.failed(kind).unwrap_or("no answer")
            ));
        }
        _ => {}
    }
}
