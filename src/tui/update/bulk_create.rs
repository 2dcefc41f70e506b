//! Creating many ghosts: the dialog (a template and a count, or a list of names; one
//! description and assignments for all), the numbering check on the server, the
//! preview, then `bulk_create` one chunk of at most 100 at a time through the gate; Esc
//! stops after the current chunk; the results say how each ghost fared, and `r`
//! retries those not created. Every step is journaled through effects.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use crate::api::{ApiError, Ghost, GhostFilter, GhostPage, ListQuery, Reply};

use super::super::app::{App, Modal, PAGE_ROWS};
use super::super::bulk_create::{
    BulkCreate, CreateField, CreatePhase, Created, Draft, Naming, Plan, Template,
};
use super::super::journal::Entry;
use super::super::keymap::Action;
use super::super::msg::{Effect, ReqId};
use super::super::picker::Picker;
use super::super::text::{edit_lines, insert_text, line_move, paste_text};
use super::super::view::bulk_create::list_rows;
use super::{error_text, journal, list, lookups, new_op, outcome_unknown, toast};

/// `N`.
pub fn open(app: &mut App) {
    lookups::forget_failures(app);
    let op = new_op(app);
    app.modal = Some(Modal::Create(Box::new(BulkCreate::new(op))));
}

fn create_mut(app: &mut App) -> Option<&mut BulkCreate> {
    match &mut app.modal {
        Some(Modal::Create(bulk)) => Some(bulk),
        _ => None,
    }
}

/// Whether the bulk create waits for the answer `req_id` (a check or a chunk).
pub fn waits_for(app: &App, req_id: ReqId) -> bool {
    matches!(&app.modal, Some(Modal::Create(bulk)) if bulk.waits_for(req_id))
}

pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let rows = match &app.modal {
        Some(Modal::Create(bulk)) => list_rows(app, bulk),
        _ => 0,
    };
    let Some(bulk) = create_mut(app) else {
        return;
    };
    // The top row shown: at most where the last ghost is on the bottom row.
    let last = bulk.items.len().saturating_sub(rows);
    match (&mut bulk.phase, action) {
        (_, Action::Yes) if bulk.draft.confirm_discard => app.modal = None,
        (_, Action::No) => bulk.draft.confirm_discard = false,
        (CreatePhase::Edit | CreatePhase::Checking { .. }, _) => on_draft(app, action, fx),
        (CreatePhase::Preview { .. }, Action::Activate) => start(app, fx),
        (CreatePhase::Preview { .. }, Action::Cancel) => bulk.phase = CreatePhase::Edit,
        (CreatePhase::Running { stopping, .. }, Action::Cancel) => *stopping = true,
        (CreatePhase::Done { .. }, Action::Retry) => retry(app, fx),
        (CreatePhase::Done { .. }, Action::Cancel) => app.modal = None,
        (CreatePhase::Preview { scroll } | CreatePhase::Done { scroll }, _) => {
            *scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::PageUp => scroll.saturating_sub(rows.max(1)),
                Action::PageDown => scroll.saturating_add(rows.max(1)),
                Action::Top => 0,
                Action::Bottom => last,
                _ => *scroll,
            }
            .min(last);
        }
        _ => {}
    }
}

/// Keys in the dialog.
fn on_draft(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(draft) = create_mut(app).map(|b| &mut b.draft) else {
        return;
    };
    match action {
        Action::NextField => draft.move_focus(true),
        Action::PrevField => draft.move_focus(false),
        Action::Up | Action::Down => {
            let down = action == Action::Down;
            match multiline(draft) {
                Some(input) => {
                    let cursor = line_move(input.value(), input.cursor(), down);
                    if cursor == input.cursor() {
                        // No line there: on to the neighbouring field.
                        draft.move_focus(down);
                    } else {
                        *input = input.clone().with_cursor(cursor);
                    }
                }
                None => draft.move_focus(down),
            }
        }
        Action::Save => preview(app, fx),
        Action::Cancel if draft.is_changed() => draft.confirm_discard = true,
        Action::Cancel => app.modal = None,
        Action::Activate => match draft.focus {
            CreateField::Naming => {
                draft.naming = match draft.naming {
                    Naming::Template => Naming::List,
                    Naming::List => Naming::Template,
                };
                draft.errors = Default::default();
            }
            CreateField::Template | CreateField::Count => draft.move_focus(true),
            CreateField::Names | CreateField::Description => {
                if let Some(input) = multiline(draft) {
                    input.handle(InputRequest::InsertChar('\n'));
                }
            }
            CreateField::List(kind) => {
                draft.picker = Some(Picker::new(kind, true, draft.lists.get(kind).to_vec()));
                draft.error = None;
                // A look-up that failed is worth another try when asked for again.
                lookups::forget_failures(app);
                lookups::ensure(app, kind, fx);
            }
            CreateField::Preview => preview(app, fx),
        },
        _ => {}
    }
}

/// The focused field, if it takes several lines.
fn multiline(draft: &mut Draft) -> Option<&mut Input> {
    match draft.focus {
        CreateField::Names => Some(&mut draft.names),
        CreateField::Description => Some(&mut draft.description),
        _ => None,
    }
}

/// A key no binding claims: text for the focused field.
pub fn on_edit_key(app: &mut App, key: KeyEvent) {
    if let Some(request) = to_input_request(&Event::Key(key)) {
        edit(app, |input, lines| {
            if lines {
                edit_lines(input, request);
            } else {
                input.handle(request);
            }
        });
    }
}

/// A paste goes into the focused text field; the names and the description keep its
/// line breaks. Several lines pasted anywhere else are a list of names.
pub fn on_paste(app: &mut App, text: &str) {
    let Some(draft) = create_mut(app).map(|b| &mut b.draft) else {
        return;
    };
    let lines = paste_text(text, true);
    let text_field = matches!(
        draft.focus,
        CreateField::Template | CreateField::Count | CreateField::Names | CreateField::Description
    );
    if lines.contains('\n') && !text_field {
        draft.naming = Naming::List;
        draft.focus = CreateField::Names;
    }
    let multi = matches!(draft.focus, CreateField::Names | CreateField::Description);
    let text = if multi {
        lines
    } else {
        paste_text(text, false)
    };
    edit(app, |input, _| insert_text(input, &text));
}

/// Applies `change` to the focused text field (told whether it holds several lines),
/// clearing its error.
fn edit(app: &mut App, change: impl FnOnce(&mut Input, bool)) {
    let Some(draft) = create_mut(app).map(|b| &mut b.draft) else {
        return;
    };
    let lines = matches!(draft.focus, CreateField::Names | CreateField::Description);
    let input = match draft.focus {
        CreateField::Template => {
            draft.errors.template = None;
            &mut draft.template
        }
        CreateField::Count => {
            draft.errors.count = None;
            &mut draft.count
        }
        CreateField::Names => {
            draft.errors.names = None;
            &mut draft.names
        }
        CreateField::Description => &mut draft.description,
        CreateField::Naming | CreateField::List(_) | CreateField::Preview => return,
    };
    change(input, lines);
}

/// Ctrl-S: checks the draft; a list goes to the preview, a template first asks the
/// server which numbers are in use.
fn preview(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(bulk) = create_mut(app) else {
        return;
    };
    if matches!(bulk.phase, CreatePhase::Checking { .. }) {
        return toast(app, "Still checking the numbers in use…".into());
    }
    let draft = &mut bulk.draft;
    draft.error = None;
    let Some(plan) = draft.check() else {
        // To the first field that needs fixing.
        let errors = &draft.errors;
        let first = draft.fields().into_iter().find(|f| match f {
            CreateField::Template => errors.template.is_some(),
            CreateField::Count => errors.count.is_some(),
            CreateField::Names => errors.names.is_some(),
            _ => false,
        });
        draft.focus = first.unwrap_or(draft.focus);
        return;
    };
    match plan {
        Plan::List(names) => {
            bulk.after = None;
            show_preview(bulk, names);
        }
        Plan::Template(template, count) => check(app, template, count, (1, None), 0, fx),
    }
}

fn show_preview(bulk: &mut BulkCreate, names: Vec<String>) {
    bulk.set_names(names);
    bulk.base = bulk.draft.base();
    bulk.phase = CreatePhase::Preview { scroll: 0 };
}

/// The query for one page of the names a template may have made, embodied included:
/// numbers in use are in use whoever holds them.
fn numbers_query(template: &Template, page: u32) -> ListQuery {
    ListQuery {
        filter: GhostFilter {
            search: template.search(),
            include_embodied: true,
            ..GhostFilter::default()
        },
        page,
        rows: PAGE_ROWS,
    }
}

/// Asks for page `page` (of `pages`, when known) of the numbering search.
fn check(
    app: &mut App,
    template: Template,
    count: usize,
    (page, pages): (u32, Option<u32>),
    highest: u64,
    fx: &mut Vec<Effect>,
) {
    let req_id = app.new_req_id();
    let Some(bulk) = create_mut(app) else {
        return;
    };
    let effect = Effect::CheckNumbers {
        req_id,
        query: numbers_query(&template, page),
    };
    bulk.phase = CreatePhase::Checking {
        req_id,
        template,
        count,
        page,
        pages,
        highest,
        request: effect.request_line(),
    };
    fx.push(effect);
}

/// A page of the numbering search: the highest number so far, then the next page, or
/// the preview numbered after it.
pub fn on_found(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<GhostPage>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    let Some(bulk) = create_mut(app).filter(|b| b.waits_for(req_id)) else {
        return;
    };
    let CreatePhase::Checking {
        template,
        count,
        page,
        highest,
        ..
    } = bulk.phase.clone()
    else {
        return;
    };
    let data = match result {
        Ok(reply) => reply.data,
        Err(err) => {
            bulk.phase = CreatePhase::Edit;
            bulk.draft.error = Some(format!(
                "Could not check the numbers in use ({}); nothing was created. Ctrl-S tries again.",
                error_text(&err)
            ));
            return;
        }
    };
    // Typed over while the check was on its way: its numbers may not apply.
    if bulk.draft.check() != Some(Plan::Template(template.clone(), count)) {
        bulk.phase = CreatePhase::Edit;
        bulk.draft.error =
            Some("The names changed while their numbers were checked; Ctrl-S checks again.".into());
        return;
    }
    let highest = data
        .data
        .iter()
        .filter_map(|g| template.number_of(&g.name))
        .fold(highest, u64::max);
    let seen = u64::from(page.saturating_sub(1))
        .saturating_mul(u64::from(PAGE_ROWS))
        .saturating_add(u64::try_from(data.data.len().saturating_add(data.skipped)).unwrap_or(0));
    if !data.data.is_empty() && seen < data.total {
        let pages = u32::try_from(data.total.div_ceil(u64::from(PAGE_ROWS))).ok();
        let next = (page.saturating_add(1), pages);
        return check(app, template, count, next, highest, fx);
    }
    match template.names(highest, count) {
        Ok(names) => {
            bulk.after = Some(highest);
            show_preview(bulk, names);
        }
        Err(why) => {
            bulk.phase = CreatePhase::Edit;
            bulk.draft.errors.template = Some(why);
            bulk.draft.focus = CreateField::Template;
        }
    }
}

/// Journals the start, then sends the first chunk.
fn start(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(bulk) = create_mut(app) else {
        return;
    };
    // No ids yet: the chunks' entries bring them.
    let ghosts = bulk.items.iter().map(|i| (None, i.name.clone()));
    let entry = Entry::start(&bulk.op, "create", ghosts);
    journal(app, entry, fx);
    step(app, fx);
}

/// The next chunk, or the end of the run (none left, or Esc asked to stop).
fn step(app: &mut App, fx: &mut Vec<Effect>) {
    let req_id = app.new_req_id();
    let Some(bulk) = create_mut(app) else {
        return;
    };
    let stopping = matches!(bulk.phase, CreatePhase::Running { stopping: true, .. });
    match bulk.next_chunk() {
        Some((first, count)) if !stopping => {
            let ghosts = bulk.payload(first, count);
            bulk.phase = CreatePhase::Running {
                req_id,
                first,
                count,
                stopping: false,
            };
            fx.push(Effect::BulkCreate { req_id, ghosts });
        }
        _ => finish(app, fx),
    }
}

fn finish(app: &mut App, fx: &mut Vec<Effect>) {
    // The modal alone, so the list can be read alongside.
    let Some(Modal::Create(bulk)) = &mut app.modal else {
        return;
    };
    for item in &mut bulk.items {
        if item.outcome == Created::Pending {
            item.outcome = Created::NotAttempted;
        }
    }
    bulk.phase = CreatePhase::Done { scroll: 0 };
    let created = bulk.count(|o| matches!(o, Created::Created(_)));
    let rest = bulk.items.len().saturating_sub(created);
    // Not listed: they sort past what is loaded, or the search or filters hide them.
    let unlisted = bulk
        .items
        .iter()
        .filter(|i| matches!(i.outcome, Created::Created(id) if !app.list.ids.contains(&id)))
        .count();
    let op = bulk.op.clone();
    journal(app, Entry::End { op }, fx);
    let plural = if created == 1 { "" } else { "s" };
    let mut text = match (created, rest) {
        (_, 0) => format!("Created {created} ghost{plural}"),
        (0, _) => format!("No ghost created; {rest} not created"),
        _ => format!("Created {created} ghost{plural}; {rest} not created"),
    };
    if unlisted > 0 {
        text.push_str(&format!(
            " ({unlisted} not in the loaded part of this list)"
        ));
    }
    toast(app, text);
}

/// The answer to the chunk on its way: all its ghosts were created, or none (or,
/// when the answer was lost, perhaps all). Created ghosts join the list in place.
pub fn on_answer(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<Vec<Ghost>>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    // The run is its dialog, which cannot close while a chunk is on its way.
    let Some(bulk) = create_mut(app).filter(|b| b.waits_for(req_id)) else {
        return;
    };
    let CreatePhase::Running { first, count, .. } = bulk.phase else {
        return;
    };
    let op = bulk.op.clone();
    let chunk = bulk.items.iter_mut().skip(first).take(count);
    let (ghosts, outcome, reason) = match result {
        Ok(reply) => {
            let ghosts = reply.data;
            let mut answered = ghosts.iter();
            for item in chunk {
                item.outcome = match answered.next() {
                    Some(ghost) => Created::Created(ghost.id),
                    None => Created::Unknown("the server's answer left it out".into()),
                };
            }
            (ghosts, "created", None)
        }
        Err(err) if outcome_unknown(&err) => {
            let why = format!(
                "the answer was lost ({}): may have been created; reload to check",
                error_text(&err)
            );
            chunk.for_each(|i| i.outcome = Created::Unknown(why.clone()));
            (Vec::new(), "unknown", Some(why))
        }
        Err(err) => {
            let why = error_text(&err);
            chunk.for_each(|i| i.outcome = Created::Failed(why.clone()));
            (Vec::new(), "failed", Some(why))
        }
    };
    let entry = Entry::Chunk {
        op,
        first,
        count,
        outcome: outcome.into(),
        ids: ghosts.iter().map(|g| g.id).collect(),
        reason,
    };
    journal(app, entry, fx);
    list::insert_ghosts(app, ghosts, fx);
    step(app, fx);
}

/// A request of the run was never sent, or no longer waited for (a wait in force,
/// "spend requests?" answered no, Esc): a check goes back to the dialog saying why; a
/// chunk stops the run, it and the rest not attempted.
pub fn refused(app: &mut App, why: &str, fx: &mut Vec<Effect>) {
    let Some(bulk) = create_mut(app) else {
        return;
    };
    match &mut bulk.phase {
        CreatePhase::Checking { .. } => {
            bulk.phase = CreatePhase::Edit;
            // A cancelled read says `r` tries it again; here Ctrl-S does.
            let why = why.trim_end_matches("; r tries again");
            bulk.draft.error = Some(format!(
                "The numbers in use were not checked ({why}); nothing was created. Ctrl-S checks again."
            ));
        }
        CreatePhase::Running { stopping, .. } => {
            *stopping = true;
            step(app, fx);
        }
        _ => {}
    }
}

/// `r` on the results: a new run over the ghosts refused or not attempted, journaled
/// as an operation of its own. Those whose answer was lost are left out: they may
/// exist.
fn retry(app: &mut App, fx: &mut Vec<Effect>) {
    let op = new_op(app);
    let Some(bulk) = create_mut(app) else {
        return;
    };
    let again: Vec<String> = bulk
        .items
        .iter()
        .filter(|i| i.outcome.retryable())
        .map(|i| i.name.clone())
        .collect();
    if again.is_empty() {
        return;
    }
    bulk.op = op;
    bulk.set_names(again);
    start(app, fx);
}
