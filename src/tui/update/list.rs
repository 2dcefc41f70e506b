//! The list: paging, the cursor, restarting the query, the detail pane's scroll.

use std::cmp::Ordering;

use crate::api::{ApiError, Ghost, GhostFilter, GhostPage, Id, ListQuery, Reply, SortOrder};

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
    fetch(app, 1, true, fx);
}

/// `r`: retries a failed page, else reloads from page 1. A reload while page 1 is
/// already on its way would only spend quota, so it is not sent twice.
pub fn reload(app: &mut App, fx: &mut Vec<Effect>) {
    match (app.list.failed_page, &app.list.in_flight) {
        (Some(page), None) if page > 1 => {
            app.status.last_error = None;
            app.list.failed_page = None;
            fetch(app, page, false, fx);
        }
        (_, Some(flight)) if flight.page == 1 => toast(app, "Already reloading".into()),
        _ => restart(app, fx),
    }
}

fn fetch(app: &mut App, page: u32, fresh: bool, fx: &mut Vec<Effect>) {
    let req_id = app.new_req_id();
    app.list.in_flight = Some(InFlight {
        req_id,
        page,
        fresh,
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
    let (page, fresh) = match &app.list.in_flight {
        Some(flight) if flight.req_id == req_id => (flight.page, flight.fresh),
        _ => return,
    };
    app.list.in_flight = None;
    match result {
        Ok(reply) => {
            app.status.last_error = None;
            app.list.failed_page = None;
            take_page(app, page, fresh, reply.data);
            maybe_fetch_next(app, fx);
        }
        Err(err) => {
            app.status.last_error = Some(err);
            app.list.failed_page = Some(page);
            app.list.restore_id = None;
            // A new query (sort, search, filters) that failed must not leave the old
            // query's ghosts under the new query's header: show none, `r` retries.
            if fresh && app.list.loaded_for.as_ref() != Some(&app.filter) {
                drop_loaded(app);
            }
        }
    }
}

fn drop_loaded(app: &mut App) {
    let list = &mut app.list;
    list.ghosts.clear();
    list.ids.clear();
    list.total = None;
    list.pages_loaded = 0;
    list.received = 0;
    list.skipped = 0;
    list.loaded_for = None;
    app.cursor = 0;
    app.offset = 0;
    app.detail_scroll = 0;
}

fn take_page(app: &mut App, page: u32, fresh: bool, data: GhostPage) {
    let filter = app.filter.clone();
    let list = &mut app.list;
    let previous = list.ghosts.get(app.cursor).map(|g| g.id);
    let received = data.data.len().saturating_add(data.skipped);
    let count = u64::try_from(received).unwrap_or(u64::MAX);
    if fresh {
        list.loaded_for = Some(filter);
        list.ghosts.clear();
        list.ids.clear();
        list.skipped = 0;
        list.exhausted = false;
        // A short first page that is not the last tells the server's real page size.
        list.page_rows = if count > 0 && count < data.total {
            count
        } else {
            u64::from(PAGE_ROWS)
        };
    }
    list.skipped = list.skipped.saturating_add(data.skipped);
    list.received = list
        .page_rows
        .saturating_mul(u64::from(page.saturating_sub(1)))
        .saturating_add(count);
    list.pages_loaded = page;
    list.total = Some(data.total);
    list.exhausted = received == 0;
    for ghost in data.data {
        app.marks.refresh(&ghost);
        if list.ids.insert(ghost.id) {
            list.ghosts.push(ghost);
        }
    }
    if fresh {
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
        // The page that holds the first entry not yet loaded; after a deletion that can
        // be a page already loaded, whose repeats are dropped by id.
        let rows = list.page_rows.max(1);
        let next = u32::try_from(list.received / rows)
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        fetch(app, next, false, fx);
    }
}

/// A saved ghost replaces its old self in place; the cursor stays where it is.
pub fn replace_ghost(app: &mut App, ghost: Ghost) {
    app.marks.refresh(&ghost);
    if let Some(slot) = app.list.ghosts.iter_mut().find(|g| g.id == ghost.id) {
        *slot = ghost;
    }
}

/// A new ghost joins the list in its sorted place if the query in force would list it
/// (total +1), and the cursor goes to it. One that sorts after everything loaded while
/// more pages exist is left for its page.
pub fn insert_ghost(app: &mut App, ghost: Ghost, fx: &mut Vec<Effect>) {
    if let Some(at) = place_ghost(app, ghost) {
        move_to(app, at, fx);
    }
}

/// New ghosts join the list as `insert_ghost` places them, but the cursor stays on
/// the ghost it was on, on the same screen row where it can.
pub fn insert_ghosts(app: &mut App, ghosts: Vec<Ghost>, fx: &mut Vec<Effect>) {
    let on = app.selected().map(|g| g.id);
    for ghost in ghosts {
        place_ghost(app, ghost);
    }
    let Some(at) = on.and_then(|id| app.list.ghosts.iter().position(|g| g.id == id)) else {
        return maybe_fetch_next(app, fx);
    };
    app.offset = app.offset.saturating_add(at.saturating_sub(app.cursor));
    app.cursor = at;
    clamp_cursor(app);
    maybe_fetch_next(app, fx);
}

/// Puts a new ghost in its sorted place; where, if it was listed.
fn place_ghost(app: &mut App, ghost: Ghost) -> Option<usize> {
    if !matches_filter(&app.filter, &ghost) || app.list.ids.contains(&ghost.id) {
        return None;
    }
    let list = &mut app.list;
    list.total = list.total.map(|t| t.saturating_add(1));
    let order = app.filter.order;
    let at = list
        .ghosts
        .partition_point(|g| compare(order, g, &ghost) == Ordering::Less);
    if at == list.ghosts.len() && list.has_more() {
        return None;
    }
    list.ids.insert(ghost.id);
    list.ghosts.insert(at, ghost);
    list.received = list.received.saturating_add(1);
    Some(at)
}

/// A ghost that left the query (deleted, or embodied while those are hidden) leaves the
/// list in place (total -1); the cursor stays on the row, now the next ghost.
pub fn remove_ghost(app: &mut App, id: Id, fx: &mut Vec<Effect>) {
    let Some(at) = app.list.ghosts.iter().position(|g| g.id == id) else {
        return;
    };
    let list = &mut app.list;
    list.ghosts.remove(at);
    list.ids.remove(&id);
    list.total = list.total.map(|t| t.saturating_sub(1));
    list.received = list.received.saturating_sub(1);
    app.detail_scroll = 0;
    let cursor = app.cursor;
    move_to(app, cursor, fx);
}

/// Whether the server would list `ghost` for `filter` (name search, assignment
/// filters, embodied).
fn matches_filter(filter: &GhostFilter, ghost: &Ghost) -> bool {
    fn any(wanted: &[Id], mut has: impl Iterator<Item = Id>) -> bool {
        wanted.is_empty() || has.any(|id| wanted.contains(&id))
    }
    let a = &ghost.assigned;
    (filter.include_embodied || !ghost.is_embodied())
        && fold(&ghost.name).contains(&fold(&filter.search))
        && any(&filter.ghost_ids, std::iter::once(ghost.id))
        && any(&filter.project_ids, a.projects.iter().map(|p| p.id))
        && any(&filter.task_ids, a.tasks.iter().map(|t| t.id))
        && any(&filter.team_ids, a.team_ids.iter().copied())
}

/// The server's order: names compared case-folded, then ids ascending either way.
fn compare(order: SortOrder, a: &Ghost, b: &Ghost) -> Ordering {
    let names = fold(&a.name).cmp(&fold(&b.name));
    let names = match order {
        SortOrder::NameAsc => names,
        SortOrder::NameDesc => names.reverse(),
    };
    names.then(a.id.cmp(&b.id))
}

/// Case-folded character by character, final sigma as sigma: as the API compares.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
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
