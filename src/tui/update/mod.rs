//! `update`: the only place the app's state changes. Pure: no I/O, no clock reads.

mod delete;
mod embody;
mod form;
mod list;
mod lookups;
mod pickers;
mod search;
mod writes;

use crossterm::event::{KeyEvent, KeyEventKind};
use time::Duration as TimeDuration;

use crate::api::{ApiError, Quota};

use super::app::{App, Focus, Modal, TOAST_SECONDS, Toast};
use super::keymap::{self, Action, Context};
use super::msg::{ApiResult, Effect, Msg};

/// Applies one message to the app and returns the work it asks for.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Start => list::restart(app, &mut fx),
        Msg::Key(key) => {
            if matches!(key.kind, KeyEventKind::Press | KeyEventKind::Repeat) {
                on_key(app, key, &mut fx);
            }
        }
        Msg::Paste(text) => match context(app) {
            Context::Form => form::on_paste(app, &text),
            Context::Picker => pickers::on_paste(app, &text),
            Context::Embody => embody::on_paste(app, &text),
            _ => search::on_paste(app, &text, &mut fx),
        },
        Msg::Resize(w, h) => {
            app.size = (w, h);
            list::after_layout_change(app, &mut fx);
        }
        Msg::Tick(now) => {
            app.now = now;
            if app.toast.as_ref().is_some_and(|t| t.until <= now) {
                app.toast = None;
            }
        }
        Msg::Api { req_id, result } => match result {
            ApiResult::Page(result) => list::on_page(app, req_id, result, &mut fx),
            ApiResult::Saved(result) => form::on_saved(app, req_id, *result, &mut fx),
            ApiResult::Deleted(result) => delete::on_answer(app, req_id, result, &mut fx),
            ApiResult::Embodied(result) => embody::on_answer(app, req_id, *result, &mut fx),
            ApiResult::Lookup(result) => lookups::on_answer(app, req_id, result),
        },
        Msg::DebounceElapsed { id } => search::on_debounce(app, id, &mut fx),
    }
    writes::track(app, &fx);
    fx
}

/// Which bindings apply right now.
pub fn context(app: &App) -> Context {
    if app.help_open {
        Context::Help
    } else if let Some(modal) = &app.modal {
        match modal {
            Modal::Form(form) if form.confirm_discard => Context::Discard,
            Modal::Form(form) if form.picker.is_some() => Context::Picker,
            Modal::Form(_) => Context::Form,
            Modal::Embody(dialog) if dialog.picker.is_some() => Context::Picker,
            Modal::Embody(_) => Context::Embody,
            Modal::Delete(_) => Context::Delete,
        }
    } else if app.search.open {
        Context::Search
    } else if app.focus == Focus::Detail {
        Context::Detail
    } else {
        Context::List
    }
}

fn on_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    let context = context(app);
    match keymap::lookup(context, &key) {
        Some(action) => match context {
            Context::Form | Context::Discard => form::on_action(app, action, fx),
            Context::Picker => pickers::on_action(app, action),
            Context::Delete => delete::on_action(app, action, fx),
            Context::Embody => embody::on_action(app, action, fx),
            _ => on_action(app, action, context, fx),
        },
        None => match context {
            Context::Search => search::on_edit_key(app, key, fx),
            Context::Form => form::on_edit_key(app, key),
            Context::Picker => pickers::on_edit_key(app, key),
            Context::Embody => embody::on_edit_key(app, key),
            _ => {}
        },
    }
}

fn on_action(app: &mut App, action: Action, context: Context, fx: &mut Vec<Effect>) {
    let in_detail = context == Context::Detail;
    match action {
        Action::Quit => {
            app.quit = true;
            fx.push(Effect::Quit);
        }
        Action::Up if in_detail => list::scroll_detail(app, -1),
        Action::Down if in_detail => list::scroll_detail(app, 1),
        Action::PageUp if in_detail => list::scroll_detail_page(app, false),
        Action::PageDown if in_detail => list::scroll_detail_page(app, true),
        Action::Top if in_detail => app.detail_scroll = 0,
        Action::Bottom if in_detail => app.detail_scroll = list::max_detail_scroll(app),
        Action::Up => list::move_by(app, -1, fx),
        Action::Down => list::move_by(app, 1, fx),
        Action::PageUp => list::page(app, false, fx),
        Action::PageDown => list::page(app, true, fx),
        Action::Top => list::move_to(app, 0, fx),
        Action::Bottom => list::move_to(app, usize::MAX, fx),
        Action::FocusDetail => {
            if app.selected().is_some() {
                app.focus = Focus::Detail;
            }
        }
        Action::FocusList => {
            app.focus = Focus::List;
            list::after_layout_change(app, fx);
        }
        Action::ClearSearch => search::clear(app, fx),
        Action::OpenSearch => search::open(app),
        Action::AcceptSearch => search::accept(app, fx),
        Action::CancelSearch => search::clear(app, fx),
        Action::ToggleSort => {
            app.filter.order = app.filter.order.toggled();
            list::restart(app, fx);
        }
        Action::ToggleEmbodied => {
            app.filter.include_embodied = !app.filter.include_embodied;
            list::restart(app, fx);
        }
        Action::Reload => list::reload(app, fx),
        Action::Help => app.help_open = true,
        Action::CloseHelp => app.help_open = false,
        Action::Edit => form::open_edit(app),
        Action::New => form::open_new(app),
        Action::Delete => delete::open(app),
        Action::Embody => embody::open(app, fx),
        Action::Coming(feature) => toast(
            app,
            format!("{} arrives in a coming version", feature.name()),
        ),
        // Form and dialog actions are bound only in their own contexts.
        Action::NextField
        | Action::PrevField
        | Action::Activate
        | Action::Save
        | Action::Cancel
        | Action::PickUp
        | Action::PickDown
        | Action::PickToggle
        | Action::PickDone
        | Action::PickCancel
        | Action::Yes
        | Action::No
        | Action::SwitchButton => {}
    }
}

/// Keeps the quota an answer reported, success or failure.
pub(super) fn note_quota<T>(app: &mut App, result: &Result<crate::api::Reply<T>, ApiError>) {
    let quota: Option<Quota> = match result {
        Ok(reply) => Some(reply.quota),
        Err(err) => err.quota(),
    };
    if let Some(quota) = quota.filter(Quota::is_known) {
        app.status.quota = Some(quota);
    }
}

/// A failed write in words, with the trace id support asks for.
pub(super) fn error_text(err: &ApiError) -> String {
    match err.trace_id() {
        Some(trace) => format!("{err} (trace {trace})"),
        None => err.to_string(),
    }
}

/// Shows a short message for a few seconds.
pub(super) fn toast(app: &mut App, text: String) {
    app.toast = Some(Toast {
        text,
        until: app.now + TimeDuration::seconds(TOAST_SECONDS),
    });
}
