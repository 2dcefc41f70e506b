//! Drawing the app. Views read `&App` only and draw only what is visible.

mod bulk;
pub mod bulk_create;
pub mod detail;
mod dialog;
mod embody;
mod filters;
mod form;
pub mod help;
mod list;
mod picker;
mod request_log;
mod status;
pub mod triage;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, Focus, Modal};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::text::{one_line, truncate, wrap};

pub fn view(app: &App, frame: &mut Frame) {
    let full = frame.area();
    let Some(areas) = layout::areas(app).filter(|_| fits(full, app)) else {
        too_small(frame, full);
        return;
    };
    header(app, frame, areas.header);
    if let Some(area) = areas.chips {
        filters::chips_line(app, frame, area);
    }
    if let Some(area) = areas.list {
        list::render(app, frame, area);
    }
    if let Some(area) = areas.detail {
        detail::render(app, frame, area);
    }
    if let Some(area) = areas.search {
        status::search_line(app, frame, area);
    }
    if let Some(area) = areas.error {
        status::error_line(app, frame, area);
    }
    status::status_bar(app, frame, areas.status);
    status::footer(app, frame, areas.footer);
    if let Some(f) = app.form() {
        form::render(app, f, frame, full);
        if let Some(p) = &f.picker {
            picker::render(app, p, frame, full);
        }
        if f.confirm_discard {
            dialog::discard(frame, full);
        }
    }
    match &app.modal {
        // Drawn above.
        Some(Modal::Form(_)) | None => {}
        Some(Modal::BulkEdit(b)) => bulk::render_edit(app, frame, full, b),
        Some(Modal::Delete(d)) => dialog::delete(frame, full, d, &app.theme),
        Some(Modal::Filters(panel)) => {
            filters::render(app, panel, frame, full);
            if let Some(p) = &panel.picker {
                picker::render(app, p, frame, full);
            }
        }
        Some(Modal::Bulk(b)) => bulk::render(app, frame, full, b),
        Some(Modal::Create(b)) => {
            bulk_create::render(app, frame, full, b);
            if let Some(p) = &b.draft.picker {
                picker::render(app, p, frame, full);
            }
            if b.draft.confirm_discard {
                dialog::discard(frame, full);
            }
        }
        Some(Modal::Interrupted(notice)) => bulk::interrupted(frame, full, notice, &app.theme),
        Some(Modal::Triage) => triage::render(app, frame, full),
        Some(Modal::Embody(d)) => {
            embody::render(app, d, frame, full);
            if let Some(p) = &d.picker {
                picker::render(app, p, frame, full);
            }
        }
    }
    if app.request_log.open {
        request_log::render(app, frame, full);
    }
    if let Some(confirm) = &app.confirm {
        request_log::confirm(app, confirm, frame, full);
    }
    if app.help_open {
        help::render(app, frame, full);
    }
}

/// The frame must hold what the app thinks its size is (they differ only for a moment
/// between a resize and its message).
/// Draws a bordered pane, bold when `pane` has the focus, and returns the room inside
/// it; `None` when there is none (a terminal squeezed to nothing).
fn pane(app: &App, frame: &mut Frame, area: Rect, pane: Focus, title: &str) -> Option<Rect> {
    let focused = app.focus == pane && !app.search.open && !app.help_open;
    let border = if focused {
        app.theme.focus_border
    } else {
        app.theme.blur_border
    };
    frame.render_widget(
        Block::new()
            .borders(Borders::ALL)
            .border_style(border)
            .title(title),
        area,
    );
    let body = layout::inner(area);
    (body.width > 0 && body.height > 0).then_some(body)
}

fn fits(full: Rect, app: &App) -> bool {
    full.width >= app.size.0 && full.height >= app.size.1
}

fn too_small(frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    // Wrapped, the size needed first: a tiny terminal still shows what to do.
    let text = format!(
        "Terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}. Keys are ignored until it is larger; Ctrl-C quits.",
        area.width, area.height
    );
    let lines: Vec<Line> = wrap(&text, usize::from(area.width))
        .into_iter()
        .map(Line::raw)
        .collect();
    frame.render_widget(
        Paragraph::new(lines).style(Style::new().add_modifier(Modifier::BOLD)),
        area,
    );
}

fn header(app: &App, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let mut spans = header_spans(app, false);
    if Line::from(spans.clone()).width() > width {
        spans = header_spans(app, true);
    }
    frame.render_widget(Paragraph::new(Line::from(fit_spans(spans, width))), area);
}

/// The header's parts; `compact` words them shorter for narrow terminals, so what is
/// cut is never a word that changes the meaning ("embodied hidden" to "embodied").
fn header_spans(app: &App, compact: bool) -> Vec<Span<'static>> {
    let mut spans = vec![Span::styled(
        " ghosts ",
        Style::new().add_modifier(Modifier::BOLD),
    )];
    if app.demo {
        spans.push(Span::styled(" DEMO ", app.theme.badge));
    }
    let sort = match app.filter.order {
        crate::api::SortOrder::NameAsc => "A→Z",
        crate::api::SortOrder::NameDesc => "Z→A",
    };
    let embodied = if app.filter.include_embodied {
        "embodied shown"
    } else {
        "embodied hidden"
    };
    spans.push(Span::raw(if compact {
        format!(" {sort} · {embodied}")
    } else {
        format!(" sort: name {sort} · {embodied}")
    }));
    if !app.filter.search.is_empty() {
        let search = truncate(&one_line(&app.filter.search), 40).into_owned();
        spans.push(Span::raw(if compact { " · " } else { " · search: " }));
        spans.push(Span::styled(
            format!("“{search}”"),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    spans
}

/// Cuts spans to `width` columns, the last one shown ending in "…".
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut left = width;
    let mut out = Vec::new();
    for span in spans {
        if left == 0 {
            break;
        }
        let cut = truncate(&span.content, left).into_owned();
        left = left.saturating_sub(span.width());
        out.push(Span::styled(cut, span.style));
    }
    out
}
