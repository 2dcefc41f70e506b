//! The triage overview (`T`): every page of open ghosts counted, one page at a time
//! through the quota gate, after the user agreed to the cost; the result kept until
//! the user counts again. Enter on a row shows the list filtered by it.

use crate::api::{ApiError, GhostFilter, GhostPage, ListQuery, Reply};

use super::super::app::{App, Focus, Modal, PAGE_ROWS};
use super::super::keymap::Action;
use super::super::lookups::LookupKind;
use super::super::msg::{Effect, ReqId};
use super::super::timefmt::clock;
use super::super::triage::{Run, RunState, SECTIONS, Section, Tally};
use super::super::view::triage::list_rows;
use super::{error_text, list, lookups, quota, toast};

/// `T`: the kept result at once, else a new count (asking first).
pub fn open(app: &mut App) {
    if app.triage.result.is_some() || app.triage.run.is_some() {
        app.modal = Some(Modal::Triage);
        return;
    }
    if quota::refuse(app) {
        return;
    }
    app.modal = Some(Modal::Triage);
    count(app);
}

/// The open ghosts of the whole workspace: what page `page` asks for.
fn page_effect(req_id: ReqId, page: u32) -> Effect {
    Effect::FetchPage {
        req_id,
        query: ListQuery {
            filter: GhostFilter::default(),
            page,
            rows: PAGE_ROWS,
        },
    }
}

/// How many open ghosts the workspace has, if the app knows already: the list's
/// total when it lists exactly those, else the last count.
fn known_total(app: &App) -> Option<u64> {
    let everything = GhostFilter {
        order: app.filter.order,
        ..GhostFilter::default()
    };
    app.list
        .total
        .filter(|_| app.list.loaded_for.as_ref() == Some(&everything))
        .or_else(|| app.triage.result.as_ref().map(|r| r.ghosts))
}

/// Starts a count from page 1 (any kept result stays until it ends). Nothing is sent
/// before the user agrees: to every page when the total is known, else to page 1,
/// whose total then tells what to ask for the rest.
fn count(app: &mut App) {
    let total = known_total(app);
    let req_id = app.new_req_id();
    app.triage.run = Some(Run {
        tally: Tally::default(),
        page: 1,
        total: None,
        estimate: total,
        page_rows: u64::from(PAGE_ROWS),
        state: RunState::Waiting(req_id),
        asked_all: total.is_some(),
    });
    // Names and colors for the rows, loaded once per session.
    lookups::forget_failures(app);
    let mut effects = vec![page_effect(req_id, 1)];
    lookups::ensure(app, LookupKind::Projects, &mut effects);
    lookups::ensure(app, LookupKind::Teams, &mut effects);
    let names = u64::try_from(effects.len().saturating_sub(1)).unwrap_or(0);
    let also = match names {
        0 => String::new(),
        n => format!(" + {n} for names"),
    };
    let (requests, what) = match total {
        Some(total) => {
            let pages = total.div_ceil(u64::from(PAGE_ROWS)).max(1);
            (
                pages.saturating_add(names),
                format!(
                    "Triage counts every open ghost: {pages} page{}{also}.",
                    if pages == 1 { "" } else { "s" }
                ),
            )
        }
        None => (
            names.saturating_add(1),
            format!("Triage: 1 request to count the open ghosts{also}; then it asks for the rest."),
        ),
    };
    quota::ask(app, requests, what, effects);
}

/// The answer to the page the count waits for: counted, then the next page (or, after
/// page 1 of a count whose total was unknown, the question for the rest), or the end.
pub fn on_page(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<GhostPage>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    if !app.triage.waits_for(req_id) {
        return;
    }
    let next_req = app.new_req_id();
    let now = app.now;
    let Some(run) = app.triage.run.as_mut() else {
        return;
    };
    let data = match result {
        Ok(reply) => reply.data,
        Err(err) => {
            run.state = RunState::Failed(error_text(&err));
            return;
        }
    };
    let received = u64::try_from(data.data.len().saturating_add(data.skipped)).unwrap_or(u64::MAX);
    // A short first page that is not the last tells the server's real page size.
    if run.page == 1 && received > 0 && received < data.total {
        run.page_rows = received;
    }
    for ghost in &data.data {
        run.tally.add(ghost);
    }
    run.total = Some(data.total);
    let reached = run
        .page_rows
        .saturating_mul(u64::from(run.page.saturating_sub(1)))
        .saturating_add(received);
    if received == 0 || reached >= data.total {
        if let Some(run) = app.triage.run.take() {
            app.triage.result = Some(run.tally.finish(now, run.page));
            app.triage.cursors = [0; 3];
        }
        return;
    }
    // Page 2 and on are only asked for once the user agreed to every page.
    run.asked_all |= run.page > 1;
    run.page = run.page.saturating_add(1);
    run.state = RunState::Waiting(next_req);
    send_next(app, fx);
}

/// Sends the page the count waits for, or holds it to ask for the pages left first,
/// when the user has agreed to page 1 only.
fn send_next(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(run) = app.triage.run.as_ref() else {
        return;
    };
    let RunState::Waiting(req_id) = run.state else {
        return;
    };
    let effect = page_effect(req_id, run.page);
    if run.asked_all {
        fx.push(effect);
        return;
    }
    let pages = run.pages().unwrap_or(run.page);
    let rest = pages.saturating_sub(run.page).saturating_add(1);
    let what = format!(
        "{} open ghosts: triage needs {rest} more pages.",
        run.total.unwrap_or(0)
    );
    quota::ask(app, u64::from(rest), what, vec![effect]);
}

/// The page the count waits for was never sent or not waited for (refused, declined,
/// cancelled): the count stops there and `r` resumes. One that never got an answer
/// is dropped, as nothing was counted (what stopped it said why).
pub fn stopped(app: &mut App, why: &str) {
    let Some(run) = app.triage.run.as_mut() else {
        return;
    };
    if run.total.is_none() {
        app.triage.run = None;
        if app.triage.result.is_none() {
            app.modal = None;
        }
        return;
    }
    run.state = RunState::Failed(why.to_string());
}

pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let t = &mut app.triage;
    let cursor = t.cursor();
    let page = list_rows(app.size);
    match action {
        Action::Cancel => close(app, fx),
        Action::Reload => again(app, fx),
        Action::Activate => show(app, fx),
        Action::NextField | Action::PrevField => {
            let forward = action == Action::NextField;
            t.section = super::super::dialogs::cycle(&SECTIONS, t.section, forward);
        }
        Action::Up => t.set_cursor(cursor.saturating_sub(1)),
        Action::Down => t.set_cursor(cursor.saturating_add(1)),
        Action::PageUp => t.set_cursor(cursor.saturating_sub(page)),
        Action::PageDown => t.set_cursor(cursor.saturating_add(page)),
        Action::Top => t.set_cursor(0),
        Action::Bottom => t.set_cursor(usize::MAX),
        _ => {}
    }
}

/// Esc: a count under way or stopped is dropped, nothing of it kept (the toast says
/// so); the kept result, if any, shows again. Esc on the result closes it.
fn close(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(run) = app.triage.run.take() else {
        app.modal = None;
        return;
    };
    if let RunState::Waiting(req_id) = run.state {
        super::pending::cancel_one(app, req_id, fx);
    }
    let kept = match &app.triage.result {
        Some(result) => format!(
            "; the count as of {} stays",
            clock(result.at, app.local_offset)
        ),
        None => {
            app.modal = None;
            String::new()
        }
    };
    toast(
        app,
        format!(
            "Triage cancelled: the {} ghosts counted so far were dropped{kept}",
            run.tally.ghosts
        ),
    );
}

/// `r`: resumes a stopped count from its page, else counts again (asking first).
fn again(app: &mut App, fx: &mut Vec<Effect>) {
    if quota::refuse(app) {
        return;
    }
    let req_id = app.new_req_id();
    match app.triage.run.as_mut() {
        Some(run) if matches!(run.state, RunState::Failed(_)) => {
            run.state = RunState::Waiting(req_id);
            send_next(app, fx);
        }
        Some(_) => {}
        None => count(app),
    }
}

/// Enter: the list of the row's project or team (the search cleared, as the counts
/// ignore it), or the oldest ghost itself.
fn show(app: &mut App, fx: &mut Vec<Effect>) {
    let t = &app.triage;
    let Some(result) = &t.result else {
        return;
    };
    let at = t.cursor();
    let mut filter = GhostFilter {
        order: app.filter.order,
        ..GhostFilter::default()
    };
    match t.section {
        Section::Projects | Section::Teams => {
            let rows = if t.section == Section::Projects {
                &result.projects
            } else {
                &result.teams
            };
            match rows.get(at).map(|r| r.id) {
                Some(Some(id)) if t.section == Section::Projects => filter.project_ids = vec![id],
                Some(Some(id)) => filter.team_ids = vec![id],
                Some(None) => {
                    let what = if t.section == Section::Projects {
                        "project"
                    } else {
                        "team"
                    };
                    toast(
                        app,
                        format!("The list cannot show only ghosts without a {what}"),
                    );
                    return;
                }
                None => return,
            }
        }
        Section::Oldest => {
            let Some(id) = result.oldest.get(at).map(|g| g.id) else {
                return;
            };
            // Already listed: go to it, no request needed.
            if let Some(pos) = app.list.ghosts.iter().position(|g| g.id == id) {
                app.modal = None;
                app.focus = Focus::List;
                list::move_to(app, pos, fx);
                return;
            }
            filter.ghost_ids = vec![id];
        }
    }
    if quota::refuse(app) {
        return;
    }
    app.modal = None;
    app.focus = Focus::List;
    app.search.open = false;
    if !app.filter.search.is_empty() {
        toast(
            app,
            format!(
                "Search “{}” cleared: the overview counts every open ghost",
                app.filter.search
            ),
        );
    }
    app.search.input.reset();
    if filter != app.filter {
        app.filter = filter;
        list::restart(app, fx);
    }
}
