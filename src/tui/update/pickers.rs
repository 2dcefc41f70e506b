//! Keys in a picker, whichever form or dialog it serves.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;

use super::super::app::{App, Modal};
use super::super::dialogs::EmbodyField;
use super::super::keymap::Action;
use super::super::lookups::{Item, LookupKind, Lookups};
use super::super::picker::Picker;
use super::super::text::{insert_text, paste_text};

/// The open picker and the look-ups it lists from.
fn open(app: &mut App) -> Option<(&mut Picker, &Lookups)> {
    let picker = match &mut app.modal {
        Some(Modal::Embody(dialog)) => dialog.picker.as_mut(),
        Some(Modal::Filters(panel)) => panel.picker.as_mut(),
        Some(Modal::Create(bulk)) => bulk.draft.picker.as_mut(),
        Some(modal) => modal.form_mut().and_then(|f| f.picker.as_mut()),
        None => None,
    }?;
    Some((picker, &app.lookups))
}

pub fn on_action(app: &mut App, action: Action) {
    let Some((picker, lookups)) = open(app) else {
        return;
    };
    let items = lookups.items(picker.kind);
    match action {
        Action::PickUp => picker.move_by(-1, items),
        Action::PickDown => picker.move_by(1, items),
        Action::PickToggle if picker.multi => picker.toggle(items),
        Action::PickToggle | Action::PickDone => {
            let highlighted = picker.highlighted(items).cloned();
            done(app, highlighted);
        }
        Action::PickCancel => close(app),
        _ => {}
    }
}

/// The owner takes the choice: a form the chosen ids, the embody dialog the
/// highlighted member or role (and moves on to the next field).
fn done(app: &mut App, highlighted: Option<Item>) {
    if let Some(form) = app.form_mut() {
        if let Some(picker) = form.picker.take() {
            form.set_picked(picker.kind, picker.chosen);
        }
        return;
    }
    match &mut app.modal {
        Some(Modal::Embody(dialog)) => {
            let Some(picker) = dialog.picker.take() else {
                return;
            };
            let Some(item) = highlighted else {
                return;
            };
            match picker.kind {
                LookupKind::Members => {
                    dialog.member = Some(item);
                    dialog.focus = EmbodyField::Role;
                }
                _ => {
                    dialog.role = Some(item);
                    dialog.focus = EmbodyField::Confirm;
                }
            }
            dialog.error = None;
        }
        Some(Modal::Filters(panel)) => {
            if let Some(picker) = panel.picker.take() {
                panel.lists.set(picker.kind, picker.chosen);
                panel.error = None;
            }
        }
        Some(Modal::Create(bulk)) => {
            if let Some(picker) = bulk.draft.picker.take() {
                bulk.draft.lists.set(picker.kind, picker.chosen);
            }
        }
        _ => {}
    }
}

fn close(app: &mut App) {
    if let Some(form) = app.form_mut() {
        form.picker = None;
        return;
    }
    match &mut app.modal {
        Some(Modal::Embody(dialog)) => dialog.picker = None,
        Some(Modal::Filters(panel)) => panel.picker = None,
        Some(Modal::Create(bulk)) => bulk.draft.picker = None,
        _ => {}
    }
}

/// Typing filters.
pub fn on_edit_key(app: &mut App, key: KeyEvent) {
    if let (Some(request), Some((picker, _))) = (to_input_request(&Event::Key(key)), open(app)) {
        picker.edit(request);
    }
}

pub fn on_paste(app: &mut App, text: &str) {
    if let Some((picker, _)) = open(app) {
        insert_text(&mut picker.filter, &paste_text(text, false));
        // As typing does: the highlight goes back to the first match.
        picker.cursor = 0;
    }
}
