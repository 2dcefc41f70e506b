//! `update`: the only place the app's state changes. Pure: no I/O, no clock reads.

mod bulk_create;
mod bulk_delete;
mod bulk_edit;
mod delete;
mod embody;
mod filters;
mod form;
mod list;
mod lookups;
mod marks;
mod mouse;
mod pending;
mod pickers;
pub mod quota;
mod search;
mod triage;
mod writes;

pub use pending::oldest as pending_oldest;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use time::Duration as TimeDuration;

use crate::api::ApiError;

use super::app::{App, Focus, Modal, TOAST_SECONDS, Toast};
use super::bulk::{EditPhase, Phase};
use super::bulk_create::CreatePhase;
use super::keymap::{self, Action, Context};
use super::layout;
use super::msg::{ApiResult, Effect, Msg, ReqId};
use super::triage::RunState;
use super::view::help;

/// Applies one message to the app and returns the work it asks for.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    // Nothing the user cannot see is acted on: while the terminal is too small to
    // draw the app, keys, pastes and clicks do nothing but Ctrl-C, which quits.
    if layout::too_small(app.size)
        && let Msg::Key(_) | Msg::Paste(_) | Msg::Mouse(_) = &msg
    {
        if let Msg::Key(key) = &msg
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && key.code == KeyCode::Char('c')
            && key.kind == KeyEventKind::Press
        {
            app.quit = true;
            fx.push(Effect::Quit);
        }
        return fx;
    }
    if let Msg::Key(key) = &msg
        && context(app) == Context::Confirm
    {
        // Answers the question; what it releases has been through the gate already.
        if let Some(action) = keymap::lookup(Context::Confirm, key)
            && matches!(key.kind, KeyEventKind::Press | KeyEventKind::Repeat)
        {
            quota::on_confirm(app, action, &mut fx);
        }
        return fx;
    }
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
            Context::Filters => filters::on_paste(app, &text),
            Context::CreateForm => bulk_create::on_paste(app, &text),
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
        Msg::Api { req_id, result } => {
            app.pending.remove(&req_id);
            quota::observe(app, &result);
            on_answer(app, req_id, result, &mut fx);
        }
        Msg::DebounceElapsed { id } => search::on_debounce(app, id, &mut fx),
        Msg::Mouse(event) => mouse::on_mouse(app, event, &mut fx),
        Msg::RequestLogged(record) => app.request_log.push(record),
    }
    // Only what passes the gate is sent, so only that is tracked.
    quota::gate(app, &mut fx);
    writes::track(app, &fx);
    fx
}

/// An answer goes to what waits for it; each drops answers nobody waits for any more.
fn on_answer(app: &mut App, req_id: ReqId, result: ApiResult, fx: &mut Vec<Effect>) {
    match result {
        ApiResult::Page(result) if app.triage.waits_for(req_id) => {
            triage::on_page(app, req_id, result, fx)
        }
        ApiResult::Page(result) => list::on_page(app, req_id, result, fx),
        ApiResult::Saved(result) => form::on_saved(app, req_id, *result, fx),
        ApiResult::Deleted(result) if bulk_delete::waits_for(app, req_id) => {
            bulk_delete::on_answer(app, req_id, result, fx)
        }
        ApiResult::Deleted(result) => delete::on_answer(app, req_id, result, fx),
        ApiResult::BulkUpdated(result) => bulk_edit::on_answer(app, req_id, result, fx),
        ApiResult::Embodied(result) => embody::on_answer(app, req_id, *result, fx),
        ApiResult::Lookup(result) => lookups::on_answer(app, req_id, result),
        ApiResult::Found(result) if bulk_create::waits_for(app, req_id) => {
            bulk_create::on_found(app, req_id, result, fx)
        }
        ApiResult::Found(result) => form::on_found(app, req_id, result, fx),
        ApiResult::Created(result) => bulk_create::on_answer(app, req_id, *result, fx),
    }
}

/// Which bindings apply right now.
pub fn context(app: &App) -> Context {
    if app.confirm.is_some() {
        Context::Confirm
    } else if app.help_open {
        Context::Help
    } else if app.request_log.open {
        Context::Log
    } else if let Some(form) = app.form() {
        if form.confirm_discard {
            Context::Discard
        } else if form.picker.is_some() {
            Context::Picker
        } else {
            Context::Form
        }
    } else if let Some(modal) = &app.modal {
        match modal {
            Modal::Form(_) => Context::Form,
            Modal::Embody(dialog) if dialog.picker.is_some() => Context::Picker,
            Modal::Embody(_) => Context::Embody,
            Modal::Delete(_) => Context::Delete,
            Modal::Bulk(bulk) => match bulk.phase {
                Phase::Confirm { .. } => Context::BulkConfirm,
                Phase::Running { .. } => Context::BulkRunning,
                Phase::Done => Context::BulkDone,
            },
            Modal::BulkEdit(bulk) => match bulk.phase {
                // Answered by `app.form()` above.
                EditPhase::Form => Context::Form,
                EditPhase::Preview { .. } => Context::BulkPreview,
                EditPhase::Running { .. } => Context::BulkRunning,
                EditPhase::Done => Context::BulkDone,
            },
            Modal::Create(bulk) if bulk.draft.confirm_discard => Context::Discard,
            Modal::Create(bulk) if bulk.draft.picker.is_some() => Context::Picker,
            Modal::Create(bulk) => match bulk.phase {
                CreatePhase::Edit | CreatePhase::Checking { .. } => Context::CreateForm,
                CreatePhase::Preview { .. } => Context::CreatePreview,
                CreatePhase::Running { .. } => Context::CreateRunning,
                CreatePhase::Done { .. } => Context::CreateDone,
            },
            Modal::Interrupted(_) => Context::Notice,
            Modal::Triage => match &app.triage.run {
                Some(run) if matches!(run.state, RunState::Failed(_)) => Context::TriageStopped,
                Some(_) => Context::TriageRunning,
                None => Context::Triage,
            },
            Modal::Filters(panel) if panel.picker.is_some() => Context::Picker,
            Modal::Filters(_) => Context::Filters,
        }
    } else if app.search.open {
        Context::Search
    } else if app.focus == Focus::Detail {
        Context::Detail
    } else {
        Context::List
    }
}

/// Whether `action` would do anything now; the footer offers only the keys that do
/// (`r` on results with nothing to retry, Enter on a preview with nothing to send).
pub fn offers(app: &App, action: Action) -> bool {
    use super::bulk::{EditPhase, Items, Outcome};
    use super::bulk_create::Created;
    match (&app.modal, action) {
        (Some(Modal::Bulk(bulk)), Action::Retry) => bulk.count(Outcome::retryable) > 0,
        (Some(Modal::BulkEdit(bulk)), Action::Retry) => bulk.count(Outcome::retryable) > 0,
        (Some(Modal::BulkEdit(bulk)), Action::Activate) => {
            !matches!(bulk.phase, EditPhase::Preview { .. }) || bulk.changing() > 0
        }
        (Some(Modal::Create(bulk)), Action::Retry) => bulk.count(Created::retryable) > 0,
        _ => true,
    }
}

/// Whether Esc now stops waiting for requests (rather than what it does otherwise).
pub fn cancels_requests(app: &App) -> bool {
    // A bulk run's Esc stops it after the current ghost or chunk instead; the
    // triage's cancels its own count.
    pending::any_cancellable(app)
        && !matches!(
            context(app),
            Context::Help
                | Context::Log
                | Context::BulkRunning
                | Context::CreateRunning
                | Context::Triage
                | Context::TriageRunning
                | Context::TriageStopped
        )
}

fn on_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    let context = context(app);
    if cancels_requests(app)
        && keymap::lookup(Context::Pending, &key) == Some(Action::CancelRequests)
    {
        pending::cancel_all(app, fx);
        return;
    }
    match keymap::lookup(context, &key) {
        Some(action) => match context {
            Context::Discard if matches!(app.modal, Some(Modal::Create(_))) => {
                bulk_create::on_action(app, action, fx)
            }
            Context::Form | Context::Discard => form::on_action(app, action, fx),
            Context::Picker => pickers::on_action(app, action),
            Context::Delete => delete::on_action(app, action, fx),
            Context::Embody => embody::on_action(app, action, fx),
            Context::Filters => filters::on_action(app, action, fx),
            Context::BulkPreview => bulk_edit::on_action(app, action, fx),
            Context::BulkRunning | Context::BulkDone
                if matches!(app.modal, Some(Modal::BulkEdit(_))) =>
            {
                bulk_edit::on_action(app, action, fx)
            }
            Context::BulkConfirm | Context::BulkRunning | Context::BulkDone => {
                bulk_delete::on_action(app, action, fx)
            }
            Context::CreateForm
            | Context::CreatePreview
            | Context::CreateRunning
            | Context::CreateDone => bulk_create::on_action(app, action, fx),
            Context::Notice => bulk_delete::acknowledge(app, fx),
            Context::Triage | Context::TriageRunning | Context::TriageStopped
                if action != Action::Quit =>
            {
                triage::on_action(app, action, fx)
            }
            Context::Log if action != Action::Quit => on_log_action(app, action),
            Context::Help if action != Action::Quit => on_help_action(app, action),
            _ => on_action(app, action, context, fx),
        },
        None => match context {
            Context::Search => search::on_edit_key(app, key, fx),
            Context::Form => form::on_edit_key(app, key),
            Context::Picker => pickers::on_edit_key(app, key),
            Context::Embody => embody::on_edit_key(app, key),
            Context::Filters => filters::on_edit_key(app, key),
            Context::BulkConfirm => bulk_delete::on_edit_key(app, key),
            Context::CreateForm => bulk_create::on_edit_key(app, key),
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
        Action::ToggleSort | Action::ToggleEmbodied | Action::Reload if quota::refuse(app) => {}
        Action::ToggleSort => {
            app.filter.order = app.filter.order.toggled();
            list::restart(app, fx);
        }
        Action::ToggleEmbodied => {
            app.filter.include_embodied = !app.filter.include_embodied;
            list::restart(app, fx);
        }
        Action::Reload => list::reload(app, fx),
        Action::Help => {
            app.help_open = true;
            app.help_scroll = 0;
        }
        Action::OpenLog => {
            app.request_log.open = true;
            app.request_log.scroll = 0;
        }
        Action::Edit if app.marks.len() > 1 => bulk_edit::open(app),
        Action::Edit => form::open_edit(app),
        Action::New => form::open_new(app),
        Action::BulkNew => bulk_create::open(app),
        Action::Delete if app.marks.len() > 1 => bulk_delete::open(app),
        Action::Delete => delete::open(app),
        Action::Embody => embody::open(app, fx),
        Action::Mark => marks::toggle(app, fx),
        Action::MarkAll => marks::mark_all(app),
        Action::ClearMarks => marks::clear(app),
        Action::OpenFilters => filters::open(app),
        Action::ClearFilters => filters::clear_all(app, fx),
        Action::OpenTriage => triage::open(app),
        // Form and dialog actions are bound only in their own contexts.
        Action::CloseHelp
        | Action::NextField
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
        | Action::SwitchButton
        | Action::ClearField
        | Action::Retry
        | Action::CloseLog
        | Action::CancelRequests => {}
    }
}

/// The request log pane: scroll it (the newest request is at the top), close it.
/// Scrolling the help where it does not fit, and closing it.
fn on_help_action(app: &mut App, action: Action) {
    let limit = help::scroll_limit(app);
    let page = usize::from(app.size.1.saturating_sub(5)).max(1);
    app.help_scroll = match action {
        Action::Up => app.help_scroll.saturating_sub(1),
        Action::Down => app.help_scroll.saturating_add(1),
        Action::PageUp => app.help_scroll.saturating_sub(page),
        Action::PageDown => app.help_scroll.saturating_add(page),
        Action::CloseHelp => {
            app.help_open = false;
            0
        }
        _ => app.help_scroll,
    }
    .min(limit);
}

fn on_log_action(app: &mut App, action: Action) {
    let log = &mut app.request_log;
    let last = log.entries.len().saturating_sub(1);
    let page = usize::from(app.size.1.saturating_sub(8)).max(1);
    log.scroll = match action {
        Action::Up => log.scroll.saturating_sub(1),
        Action::Down => log.scroll.saturating_add(1),
        Action::PageUp => log.scroll.saturating_sub(page),
        Action::PageDown => log.scroll.saturating_add(page),
        Action::Top => 0,
        Action::Bottom => last,
        Action::CloseLog => {
            log.open = false;
            0
        }
        _ => log.scroll,
    }
    .min(last);
}

/// A failed write in words, with the trace id support asks for.
pub(super) fn error_text(err: &ApiError) -> String {
    match err.trace_id() {
        Some(trace) => format!("{err} (trace {trace})"),
        None => err.to_string(),
    }
}

/// Whether a failed write may still have been carried out: the request may have
/// reached the server, but its answer was lost. A connection never made and an error
/// status are clear: nothing was done.
pub(super) fn outcome_unknown(err: &ApiError) -> bool {
    matches!(
        err,
        ApiError::Timeout(_) | ApiError::Network(_) | ApiError::Decode(_)
    )
}

/// A name for one bulk run in the journal: the time and a request number, unique
/// enough.
fn new_op(app: &mut App) -> String {
    let n = app.new_req_id().0;
    format!("{}-{n}", app.now.unix_timestamp())
}

/// Asks for one line in the journal of bulk operations, if one is kept.
fn journal(app: &App, entry: super::journal::Entry, fx: &mut Vec<Effect>) {
    if let Some(path) = &app.journal_path {
        fx.push(Effect::Journal {
            path: path.clone(),
            entry,
        });
    }
}

/// Shows a short message for a few seconds.
pub(super) fn toast(app: &mut App, text: String) {
    app.toast = Some(Toast {
        text,
        until: app.later(TimeDuration::seconds(TOAST_SECONDS)),
    });
}
