//! The list: paging, the cursor, restarting the query, the detail pane's scroll.

use crate::api::{ApiError, GhostPage, ListQuery, Reply};

use super::super::app::{App, InFlight, PAGE_ROWS};
use super::super::layout::{detail_inner, list_rows, scroll_to_cursor};
use super::super::msg::{Effect, ReqId};
use super::super::view::detail::detail_line_count;
use super::toast;

/// Starts the current query over from page 1 (a new generation). What is loaded stays
/// on screen until the new page 1 arrives; the cursor then returns to the ghost it was
/// on, if page 1 holds it.
pub fn restart(app: &mut App, fx: &mut Vec<Effect>) {
    app.list.generation += 1;
    app.list.failed_page = None;
    app.status.last_error = None;
    if let Some(ghost) = app.selected() {
        app.list.restore_id = Some(ghost.id);
    }
    fetch(app, 1, fx);
}

/// `r`: retries a failed page, else reloads from page 1. A reload while page 1 is
/// already on its way would only spend quota, so it is not sent twice.
pub fn reload(app: &mut App, fx: &mut Vec<Effect>) {
    match (app.list.failed_page, &app.list.in_flight) {
        (Some(page), None) if page > 1 => {
            app.status.last_error = None;
            app.list.failed_page = None;
            fetch(app, page, fx);
        }
        (_, Some(flight)) if flight.page == 1 => toast(app, "Already reloading".into()),
        _ => restart(app, fx),
    }
}

fn fetch(app: &mut App, page: u32, fx: &mut Vec<Effect>) {
    let req_id = app.new_req_id();
    app.list.in_flight = Some(InFlight {
        req_id,
        page,
        started: app.now,
    });
    fx.push(Effect::FetchPage {
        req_id,
        query: ListQuery {
            filter: app.filter.clone(),
            page,
            rows: PAGE_ROWS,
        },
    });
}

/// A page answer. Only the answer to the request in flight is taken: an answer for an
/// older query (search, sort, reload) is dropped.
pub fn on_page(
    app: &mut App,
    req_id: ReqId,
    result: Result<Reply<GhostPage>, ApiError>,
    fx: &mut Vec<Effect>,
) {
    let page = match &app.list.in_flight {
        Some(flight) if flight.req_id == req_id => flight.page,
        _ => return,
    };
    app.list.in_flight = None;
    match result {
        Ok(reply) => {
            if reply.quota.is_known() {
                app.status.quota = Some(reply.quota);
            }
            app.status.last_error = None;
            app.list.failed_page = None;
            take_page(app, page, reply.data);
            maybe_fetch_next(app, fx);
        }
        Err(err) => {
            if let Some(quota) = err.quota().filter(|q| q.is_known()) {
                app.status.quota = Some(quota);
            }
            app.status.last_error = Some(err);
            app.list.failed_page = Some(page);
            app.list.restore_id = None;
        }
    }
}

fn take_page(app: &mut App, page: u32, data: GhostPage) {
    let list = &mut app.list;
    let previous = list.ghosts.get(app.cursor).map(|g| g.id);
    if page == 1 {
        list.ghosts.clear();
        list.ids.clear();
        list.skipped = 0;
        list.exhausted = false;
        list.received = 0;
    }
    let received = data.data.len().saturating_add(data.skipped);
    list.skipped = list.skipped.saturating_add(data.skipped);
    list.received = list
        .received
        .saturating_add(u64::try_from(received).unwrap_or(u64::MAX));
    list.pages_loaded = page;
    list.total = Some(data.total);
    list.exhausted = received == 0;
    for ghost in data.data {
        if list.ids.insert(ghost.id) {
            list.ghosts.push(ghost);
        }
    }
    if page == 1 {
        let restore = list.restore_id.take();
        app.cursor = restore
            .and_then(|id| list.ghosts.iter().position(|g| g.id == id))
            .unwrap_or(0);
        app.offset = 0;
    }
    clamp_cursor(app);
    if app.selected().map(|g| g.id) != previous {
        app.detail_scroll = 0;
    }
}

fn clamp_cursor(app: &mut App) {
    let len = app.list.ghosts.len();
    app.cursor = app.cursor.min(len.saturating_sub(1));
    app.offset = scroll_to_cursor(app.offset, app.cursor, list_rows(app));
}

/// Loads the next page when the cursor is within one screen of the end of what is
/// loaded, unless a page is on its way, one failed (`r` retries it), or none is left.
pub fn maybe_fetch_next(app: &mut App, fx: &mut Vec<Effect>) {
    let list = &app.list;
    if list.in_flight.is_some()
        || list.failed_page.is_some()
        || list.total.is_none()
        || !list.has_more()
    {
        return;
    }
    if app.cursor.saturating_add(list_rows(app)) >= list.ghosts.len() {
        let next = app.list.pages_loaded.saturating_add(1);
        fetch(app, next, fx);
    }
}

/// After a resize or a change of pane: keep the cursor visible, load if now needed.
pub fn after_layout_change(app: &mut App, fx: &mut Vec<Effect>) {
    clamp_cursor(app);
    app.detail_scroll = app.detail_scroll.min(max_detail_scroll(app));
    maybe_fetch_next(app, fx);
}

pub fn move_to(app: &mut App, target: usize, fx: &mut Vec<Effect>) {
    let before = app.cursor;
    app.cursor = target;
    clamp_cursor(app);
    if app.cursor != before {
        app.detail_scroll = 0;
    }
    maybe_fetch_next(app, fx);
}

pub fn move_by(app: &mut App, delta: isize, fx: &mut Vec<Effect>) {
    let target = app.cursor.saturating_add_signed(delta);
    move_to(app, target, fx);
}

pub fn page(app: &mut App, down: bool, fx: &mut Vec<Effect>) {
    let rows = list_rows(app);
    let target = if down {
        app.cursor.saturating_add(rows)
    } else {
        app.cursor.saturating_sub(rows)
    };
    move_to(app, target, fx);
}

/// The last useful scroll position of the detail pane for the selected ghost.
pub fn max_detail_scroll(app: &App) -> usize {
    match (app.selected(), detail_inner(app)) {
        (Some(ghost), Some(area)) => {
            detail_line_count(app, ghost, area.width).saturating_sub(usize::from(area.height))
        }
        _ => 0,
    }
}

pub fn scroll_detail(app: &mut App, delta: isize) {
    app.detail_scroll = app
        .detail_scroll
        .saturating_add_signed(delta)
        .min(max_detail_scroll(app));
}

pub fn scroll_detail_page(app: &mut App, down: bool) {
    let rows = detail_inner(app).map_or(1, |a| usize::from(a.height.max(1)));
    let step = isize::try_from(rows).unwrap_or(isize::MAX);
    scroll_detail(app, if down { step } else { -step });
}
