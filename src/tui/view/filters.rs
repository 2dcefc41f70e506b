//! The filter panel and the line of chips above the list that shows the filters in
//! force.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::filters::{FilterField, FilterPanel, chips};
use super::super::form::label;
use super::super::lookups::LookupKind;
use super::super::text::{truncate, width};
use super::dialog::{button, input_field, label_span, popup, room, wrapped};

const LABEL: usize = 14;

/// "Filters: project: Rebrand ×  team: Brand ×   F clears": as many chips as fit.
pub fn chips_line(app: &App, frame: &mut Frame, area: Rect) {
    let room = usize::from(area.width);
    let tail = "  F clears";
    let mut spans = vec![Span::styled(
        " Filters: ",
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let mut used = width(" Filters: ") + width(tail);
    let all = chips(&app.filter, &app.lookups);
    let count = all.len();
    for (i, chip) in all.into_iter().enumerate() {
        let text = format!("{chip} ×");
        let more = format!("+{} more", count - i);
        let cost = width(&text) + 1;
        if used + cost + if i + 1 < count { width(&more) } else { 0 } > room {
            used += width(&more);
            spans.push(Span::raw(more));
            break;
        }
        used += cost;
        spans.push(Span::styled(
            text,
            Style::new().add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::raw(" "));
    }
    if used <= room {
        spans.push(Span::styled(tail, Style::new().add_modifier(Modifier::DIM)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn render(app: &App, panel: &FilterPanel, frame: &mut Frame, full: Rect) {
    let error_rows = panel.error.as_ref().map_or(0, |_| 2);
    let area = popup(frame, room(full), 72, 11 + error_rows, " Filters ");
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width);
    let dim = Style::new().add_modifier(Modifier::DIM);
    let mut lines = vec![Line::styled(
        truncate(
            "Only ghosts assigned to any chosen item of each kind.",
            cols,
        )
        .into_owned(),
        dim,
    )];
    for (kind, name) in [
        (LookupKind::Projects, "Projects"),
        (LookupKind::Tasks, "Tasks"),
        (LookupKind::Teams, "Teams"),
    ] {
        let focused = panel.focus == FilterField::List(kind);
        let ids = panel.lists.get(kind);
        let text = if ids.is_empty() {
            "(any)".to_string()
        } else {
            ids.iter()
                .map(|&id| label(&app.lookups, None, kind, id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut spans = vec![
            label_span(name, focused, LABEL),
            Span::raw(truncate(&text, cols.saturating_sub(LABEL + 14)).into_owned()),
        ];
        if focused {
            spans.push(Span::styled("  Enter picks", dim));
        }
        lines.push(Line::from(spans));
    }
    let ids_row = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    lines.push(Line::from(label_span(
        "Ghost ids",
        panel.focus == FilterField::GhostIds,
        LABEL,
    )));
    lines.push(Line::styled("  comma-separated, e.g. 12, 40", dim));
    let embodied = if panel.include_embodied {
        "[x] include embodied ghosts"
    } else {
        "[ ] include embodied ghosts"
    };
    lines.push(Line::from(vec![
        label_span("Embodied", panel.focus == FilterField::Embodied, LABEL),
        Span::raw(embodied),
    ]));
    lines.push(Line::default());
    lines.push(Line::from(vec![
        button("Apply  ^S", panel.focus == FilterField::Apply),
        Span::styled("  ^D clears the focused filter", dim),
    ]));
    if let Some(error) = &panel.error {
        lines.extend(wrapped(error, area.width, 2, app.theme.error));
    }
    frame.render_widget(Paragraph::new(lines), area);
    let label_w = u16::try_from(LABEL).unwrap_or(u16::MAX);
    let field = Rect::new(
        area.x.saturating_add(label_w),
        area.y.saturating_add(ids_row),
        area.width.saturating_sub(label_w),
        1,
    )
    .intersection(area);
    let typing = panel.focus == FilterField::GhostIds && panel.picker.is_none();
    input_field(frame, &panel.ghost_ids, field, typing);
}
