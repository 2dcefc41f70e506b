//! The edit form: open it, type, pick, save (only what changed), and take the answer.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use crate::api::{ApiError, Ghost, GhostPage, NewGhost, Reply};

use super::super::app::{App, Modal};
use super::super::form::{Attempt, Field, Form, Request};
use super::super::keymap::Action;
use super::super::msg::{Effect, ReqId};
use super::super::picker::Picker;
use super::super::text::{edit_lines, insert_text, line_move, one_line, paste_text};
use super::{bulk_edit, error_text, list, lookups, outcome_unknown, toast, writes};

pub fn open_new(app: &mut App) {
    lookups::forget_failures(app);
    app.modal = Some(Modal::Form(Box::new(Form::new_ghost())));
}

/// `e`: the marked ghost, when one is marked (it may be out of view: its snapshot),
/// else the ghost under the cursor; as `d` does.
pub fn open_edit(app: &mut App) {
    let marked = app.marks.ghosts().next().filter(|_| app.marks.len() == 1);
    let Some(ghost) = marked.or_else(|| app.selected()) else {
        toast(app, "No ghost selected".into());
        return;
    };
    let form = Form::edit(ghost);
    lookups::forget_failures(app);
    app.modal = Some(Modal::Form(Box::new(form)));
}

fn form_mut(app: &mut App) -> Option<&mut Form> {
    app.form_mut()
}

/// Form keys, and the "discard changes?" question over it.
pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(form) = form_mut(app) else {
        return;
    };
    match action {
        Action::Yes if form.confirm_discard => app.modal = None,
        Action::No => form.confirm_discard = false,
        Action::NextField => form.move_focus(true),
        Action::PrevField => form.move_focus(false),
        Action::Up | Action::Down if form.focus == Field::Description => {
            let (input, down) = (&form.description, action == Action::Down);
            let cursor = line_move(input.value(), input.cursor(), down);
            if cursor == input.cursor() {
                // No line there: on to the neighbouring field.
                form.move_focus(down);
            } else {
                form.description = input.clone().with_cursor(cursor);
            }
        }
        Action::Up => form.move_focus(false),
        Action::Down => form.move_focus(true),
        Action::Save => save(app, fx),
        Action::Cancel if form.is_changed() => form.confirm_discard = true,
        Action::Cancel => app.modal = None,
        Action::Activate => match form.focus {
            Field::Name => form.move_focus(true),
            Field::Description => {
                form.description.handle(InputRequest::InsertChar('\n'));
            }
            Field::Action => form.cycle_action(),
            Field::List(kind) if form.typed(kind).is_some() => form.move_focus(true),
            Field::List(kind) => {
                form.picker = Some(Picker::new(kind, true, form.picked(kind).to_vec()));
                lookups::ensure(app, kind, fx);
            }
            Field::Save => save(app, fx),
        },
        _ => {}
    }
}

/// A key no binding claims: text for the focused field.
pub fn on_edit_key(app: &mut App, key: KeyEvent) {
    if let Some(request) = to_input_request(&Event::Key(key)) {
        edit(app, |field, input| {
            if field == Field::Description {
                edit_lines(input, request);
            } else {
                input.handle(request);
            }
        });
    }
}

/// A paste goes into the focused text field as text; only the description keeps its
/// line breaks.
pub fn on_paste(app: &mut App, text: &str) {
    edit(app, |field, input| {
        insert_text(input, &paste_text(text, field == Field::Description));
    });
}

/// Applies `change` (made knowing which field has focus) to that field.
fn edit(app: &mut App, change: impl FnOnce(Field, &mut Input)) {
    let Some(form) = form_mut(app) else {
        return;
    };
    let focus = form.focus;
    let input = match focus {
        Field::Name => {
            form.errors.name = None;
            &mut form.name
        }
        Field::Description => &mut form.description,
        Field::List(kind) => match form.typed_mut(kind) {
            Some(typed) => &mut typed.input,
            None => return,
        },
        Field::Action | Field::Save => return,
    };
    change(focus, input);
}

fn save(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(form) = form_mut(app) else {
        return;
    };
    if form.bulk {
        return bulk_edit::preview(app);
    }
    if form.saving.is_some() {
        toast(app, "Still saving…".into());
        return;
    }
    let request = form.request();
    if request == Request::Invalid {
        form.focus_first_error();
    }
    // A create whose answer was lost is looked for before it is sent again.
    let lost = form
        .attempt
        .as_ref()
        .filter(|a| a.unknown)
        .map(|a| a.name.clone());
    // Ids only need to be unique, so one spent on a refused save costs nothing.
    let req_id = app.new_req_id();
    fx.push(match (request, lost) {
        (Request::Invalid, _) => return toast(app, "Fix the marked fields first".into()),
        (Request::Nothing, _) => return toast(app, "Nothing to save: nothing changed".into()),
        (Request::Update(id, patch), _) => Effect::UpdateGhost { req_id, id, patch },
        (Request::Create(_), Some(name)) => Effect::FindCreated { req_id, name },
        (Request::Create(ghost), None) => send_create(app, req_id, ghost),
    });
    if let Some(form) = form_mut(app) {
        form.saving = Some(req_id);
        form.save_error = None;
    }
}

/// The POST for a new ghost, noting what the list holds as it is sent.
fn send_create(app: &mut App, req_id: ReqId, ghost: NewGhost) -> Effect {
    let known = app.list.ids.clone();
    if let Some(form) = form_mut(app) {
        form.attempt = Some(Attempt {
            name: ghost.name.trim().to_string(),
            known,
            unknown: false,
        });
    }
    Effect::CreateGhost { req_id, ghost }
}

/// The answer to the look-up a save sent for a create whose answer was lost: adopt the
/// ghost if it was stored, else send the create now.
pub fn on_found(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<GhostPage>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    let Some(form) = form_mut(app).filter(|f| f.saving == Some(req_id)) else {
        return;
    };
    form.saving = None;
    let (Some(attempt), request) = (form.attempt.clone(), form.request()) else {
        return;
    };
    let page = match result {
        Ok(reply) => reply.data,
        Err(err) => {
            form.save_error = Some(format!(
                "Could not check whether “{}” was created ({}); nothing was sent. Ctrl-S checks again.",
                one_line(&attempt.name),
                error_text(&err)
            ));
            return;
        }
    };
    let found = page
        .data
        .into_iter()
        .find(|g| g.name.trim() == attempt.name && !attempt.known.contains(&g.id));
    match (found, request) {
        (Some(ghost), _) => {
            let name = one_line(&ghost.name).into_owned();
            form.adopt(&ghost);
            let rest = form.request();
            list::insert_ghost(app, ghost, fx);
            match rest {
                Request::Update(id, patch) => {
                    // What was typed after the lost answer is saved as an edit.
                    let req_id = app.new_req_id();
                    fx.push(Effect::UpdateGhost { req_id, id, patch });
                    if let Some(form) = form_mut(app) {
                        form.saving = Some(req_id);
                    }
                    toast(
                        app,
                        format!("“{name}” had been created after all; saving your later changes"),
                    );
                }
                Request::Nothing => {
                    app.modal = None;
                    toast(app, format!("“{name}” had been created after all"));
                }
                Request::Invalid | Request::Create(_) => toast(
                    app,
                    format!(
                        "“{name}” had been created after all; fix the marked fields to save your later changes"
                    ),
                ),
            }
        }
        (None, Request::Create(ghost)) => {
            let req_id = app.new_req_id();
            fx.push(send_create(app, req_id, ghost));
            if let Some(form) = form_mut(app) {
                form.saving = Some(req_id);
            }
        }
        // The draft turned invalid meanwhile: not stored, so an ordinary save follows.
        (None, _) => form_mut(app).into_iter().for_each(|f| f.attempt = None),
    }
}

/// The answer to a save. Only the save the open form waits for touches the form; an
/// answer for a form since closed is never applied to another form, but what the
/// server did still reaches the list.
pub fn on_saved(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<Ghost>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    let write = writes::take(app, req_id);
    let Some(form) = form_mut(app).filter(|f| f.saving == Some(req_id)) else {
        if let Some(write) = write {
            writes::settle_ghost(app, write, result, fx);
        }
        return;
    };
    form.saving = None;
    let created = form.editing.is_none();
    match result {
        Ok(reply) => {
            let ghost = reply.data;
            let name = one_line(&ghost.name).into_owned();
            app.modal = None;
            if created {
                let id = ghost.id;
                list::insert_ghost(app, ghost, fx);
                // Not listed: it sorts past what is loaded, or the search/filters hide it.
                let whereabouts = if app.list.ids.contains(&id) {
                    String::new()
                } else {
                    format!(" (#{id}; not in the loaded part of this list)")
                };
                toast(app, format!("Created “{name}”{whereabouts}"));
            } else {
                list::replace_ghost(app, ghost);
                toast(app, format!("Saved “{name}”"));
            }
        }
        Err(err) => {
            let Some(form) = form_mut(app) else {
                return;
            };
            let reason = error_text(&err);
            if !outcome_unknown(&err) {
                form.attempt = None;
                form.save_error = Some(format!("Not saved: {reason}"));
            } else if let Some(attempt) = form.attempt.as_mut().filter(|_| created) {
                attempt.unknown = true;
                form.save_error = Some(format!(
                    "The server may have created “{}” (the answer was lost: {reason}). Ctrl-S checks first and only creates it if it is not there.",
                    one_line(&attempt.name)
                ));
            } else {
                // A PATCH sets the same fields again: sending it twice is harmless.
                form.save_error = Some(format!(
                    "The server may have saved this (the answer was lost: {reason}). Ctrl-S sends it again, which is safe."
                ));
            }
        }
    }
}
