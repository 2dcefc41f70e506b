//! Where things go on screen. Both the views and `update` (paging, scrolling) use it,
//! so they agree on how many rows the list shows. All arithmetic saturates.

use ratatui::layout::Rect;

use super::app::{App, Focus};
use super::filters;
use super::text::width;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, the list and the detail pane sit side by side.
pub const WIDE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The filters in force, as chips, under the header.
    pub chips: Option<Rect>,
    /// The list's box (borders included), when shown.
    pub list: Option<Rect>,
    /// The detail pane's box, when shown.
    pub detail: Option<Rect>,
    pub search: Option<Rect>,
    /// The last error, in full, on its own line.
    pub error: Option<Rect>,
    pub status: Rect,
    pub footer: Rect,
}

pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// The areas for the app at its size; `None` when the terminal is below the minimum.
pub fn areas(app: &App) -> Option<Areas> {
    let (w, h) = app.size;
    if too_small(app.size) {
        return None;
    }
    let header = Rect::new(0, 0, w, 1);
    let footer = Rect::new(0, h.saturating_sub(1), w, 1);
    let status = Rect::new(0, h.saturating_sub(2), w, 1);
    let error_rows = error_rows(app);
    let error =
        (error_rows > 0).then(|| Rect::new(0, h.saturating_sub(2 + error_rows), w, error_rows));
    let search_rows = u16::from(app.search.open);
    let search = app
        .search
        .open
        .then(|| Rect::new(0, h.saturating_sub(3 + error_rows), w, 1));
    let chip_rows = chip_rows(app);
    let chips = (chip_rows > 0).then(|| Rect::new(0, 1, w, chip_rows));
    let extra = search_rows + error_rows + chip_rows;
    let body = Rect::new(0, 1 + chip_rows, w, h.saturating_sub(3 + extra));
    let (list, detail) = if w >= WIDE {
        let list_w = (w.saturating_mul(45) / 100).max(30);
        (
            Some(Rect::new(0, body.y, list_w, body.height)),
            Some(Rect::new(
                list_w,
                body.y,
                w.saturating_sub(list_w),
                body.height,
            )),
        )
    } else if app.focus == Focus::Detail {
        (None, Some(body))
    } else {
        (Some(body), None)
    };
    Some(Areas {
        header,
        chips,
        list,
        detail,
        search,
        error,
        status,
        footer,
    })
}

/// The chips line takes one row while a project, task, team or ghost-id filter is on.
fn chip_rows(app: &App) -> u16 {
    u16::from(filters::any(&app.filter))
}

/// The error line takes one row, or two when the error is longer than the width.
pub fn error_rows(app: &App) -> u16 {
    match app.error_text() {
        None => 0,
        Some(text) if width(&text) <= usize::from(app.size.0) => 1,
        Some(_) => 2,
    }
}

/// Inside a bordered box.
pub fn inner(area: Rect) -> Rect {
    Rect::new(
        area.x.saturating_add(1),
        area.y.saturating_add(1),
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    )
}

/// Rows of ghosts the list shows (at least 1, so paging arithmetic stays sane).
pub fn list_rows(app: &App) -> usize {
    let rows = match areas(app) {
        Some(Areas {
            list: Some(list), ..
        }) => inner(list).height,
        // The list is hidden (narrow, detail focused) or the terminal is tiny: use what
        // the list would have, so paging behaves the same.
        _ => app
            .size
            .1
            .saturating_sub(5 + u16::from(app.search.open) + error_rows(app) + chip_rows(app)),
    };
    usize::from(rows.max(1))
}

/// The detail pane's inner area, if shown.
pub fn detail_inner(app: &App) -> Option<Rect> {
    areas(app).and_then(|a| a.detail).map(inner)
}

/// The first visible row for a cursor, given the previous first row and the height.
pub fn scroll_to_cursor(offset: usize, cursor: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if cursor < offset {
        cursor
    } else if cursor >= offset.saturating_add(rows) {
        cursor.saturating_sub(rows - 1)
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use time::{OffsetDateTime, UtcOffset};

    fn app(w: u16, h: u16) -> App {
        App::new(OffsetDateTime::UNIX_EPOCH, UtcOffset::UTC, false, (w, h))
    }

    #[test]
    fn list_rows_follow_what_else_is_on_screen() {
        let mut app = app(80, 24);
        assert_eq!(list_rows(&app), 19);
        app.search.open = true;
        assert_eq!(list_rows(&app), 18);
        app.filter.team_ids = vec![3];
        assert_eq!(list_rows(&app), 17, "the chips line takes a row");
        app.filter.team_ids.clear();
        app.status.last_error = Some(ApiError::Network("x".into()));
        assert_eq!(list_rows(&app), 17);
        app.status.last_error = Some(ApiError::Network("long ".repeat(40)));
        assert_eq!(list_rows(&app), 16);
        // Tiny or empty terminals still page by at least one row.
        assert_eq!(list_rows(&self::tests::app(0, 0)), 1);
        assert!(areas(&self::tests::app(39, 24)).is_none());
    }

    #[test]
    fn wide_terminals_show_list_and_detail_side_by_side() {
        let mut app = app(160, 48);
        let a = areas(&app).expect("fits");
        assert!(a.list.is_some() && a.detail.is_some());
        app.size = (80, 24);
        let a = areas(&app).expect("fits");
        assert!(a.list.is_some() && a.detail.is_none());
        app.focus = Focus::Detail;
        let a = areas(&app).expect("fits");
        assert!(a.list.is_none() && a.detail.is_some());
    }

    #[test]
    fn scrolling_keeps_the_cursor_visible() {
        assert_eq!(scroll_to_cursor(0, 5, 10), 0);
        assert_eq!(scroll_to_cursor(0, 10, 10), 1);
        assert_eq!(scroll_to_cursor(8, 3, 10), 3);
        assert_eq!(scroll_to_cursor(0, usize::MAX, 0), usize::MAX);
    }
}
