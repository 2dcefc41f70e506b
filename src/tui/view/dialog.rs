//! Boxes drawn over the list: the shared popup frame and buttons, the delete dialog
//! and the "discard changes?" question.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, LineGauge, Paragraph};
use tui_input::Input;

use super::super::dialogs::DeleteDialog;
use super::super::layout::inner;
use super::super::text::{one_line, skip_width, truncate, width, wrap};
use super::super::theme::Theme;

/// Where popups may go: below the header, above the status bar and footer.
pub fn room(full: Rect) -> Rect {
    Rect::new(
        full.x,
        full.y.saturating_add(1),
        full.width,
        full.height.saturating_sub(3),
    )
}

/// Clears a centered box of at most `width` x `height` inside `within`, draws its
/// border and title, and returns the inside.
pub fn popup(frame: &mut Frame, within: Rect, width: u16, height: u16, title: &str) -> Rect {
    let width = width.min(within.width);
    let height = height.min(within.height);
    let area = Rect::new(
        within
            .x
            .saturating_add(within.width.saturating_sub(width) / 2),
        within
            .y
            .saturating_add(within.height.saturating_sub(height) / 2),
        width,
        height,
    );
    clear(frame, area);
    let title = truncate(title, usize::from(width.saturating_sub(2))).into_owned();
    frame.render_widget(
        Block::new()
            .borders(Borders::ALL)
            .border_style(Style::new().add_modifier(Modifier::BOLD))
            .title(title),
        area,
    );
    inner(area)
}

/// Clears `area` for a box drawn over other text. A wide character just left of it
/// would cover the box's left border (the terminal is never sent that cell), so it
/// is blanked.
pub fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buffer.cell_mut((left, y))
            && width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// The rows of `area` from row `y` on, `height` of them at most.
pub fn band(area: Rect, y: u16, height: u16) -> Rect {
    Rect::new(area.x, area.y.saturating_add(y), area.width, height).intersection(area)
}

/// A progress bar at `done` of `total`, labelled.
pub fn gauge(done: usize, total: usize, label: String) -> LineGauge<'static> {
    let ratio = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    // Filled and empty differ in shape, not only in colour.
    LineGauge::default()
        .filled_symbol("█")
        .unfilled_symbol("░")
        .ratio(ratio.clamp(0.0, 1.0))
        .label(label)
}

/// "[ Save ]", reversed when focused (visible without color).
pub fn button(label: &str, focused: bool) -> Span<'static> {
    let style = if focused {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::new()
    };
    Span::styled(format!("[ {label} ]"), style)
}

/// Wrapped text as lines, at most `rows` of them.
pub fn wrapped(text: &str, cols: u16, rows: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, usize::from(cols))
        .into_iter()
        .take(rows)
        .map(|l| Line::styled(l, style))
        .collect()
}

/// A one-line text field at `area`, scrolled so the cursor shows; with `cursor`, the
/// terminal cursor is put where the text really ends (display width, not characters).
pub fn input_field(frame: &mut Frame, input: &Input, area: Rect, cursor: bool) {
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width.saturating_sub(1));
    let scroll = input.visual_scroll(cols);
    let shown = truncate(skip_width(input.value(), scroll), cols).into_owned();
    frame.render_widget(
        Paragraph::new(one_line(&shown).into_owned())
            .style(Style::new().add_modifier(Modifier::UNDERLINED)),
        area,
    );
    if cursor {
        let column = input.visual_cursor().saturating_sub(scroll);
        let x = area
            .x
            .saturating_add(u16::try_from(column).unwrap_or(u16::MAX))
            .min(area.right().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

pub fn delete(frame: &mut Frame, full: Rect, dialog: &DeleteDialog, theme: &Theme) {
    let error_rows = dialog.error.as_ref().map_or(0, |_| 3);
    let area = popup(frame, room(full), 64, 7 + error_rows, " Delete ghost ");
    if area.width == 0 || area.height == 0 {
        return;
    }
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = wrapped(&format!("Delete “{}”?", dialog.name), area.width, 2, bold);
    lines.push(Line::raw(
        truncate(
            "It leaves the list for everyone in the workspace.",
            usize::from(area.width),
        )
        .into_owned(),
    ));
    lines.push(Line::default());
    if dialog.sending.is_some() {
        lines.push(Line::raw("Deleting…"));
    } else {
        lines.push(Line::from(vec![
            button("Cancel", !dialog.on_delete),
            Span::raw("  "),
            button("Delete", dialog.on_delete),
        ]));
    }
    if let Some(error) = &dialog.error {
        lines.extend(wrapped(error, area.width, 3, theme.error));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn discard(frame: &mut Frame, full: Rect) {
    let area = popup(frame, room(full), 44, 4, " Discard changes? ");
    let lines = vec![
        Line::raw("Your changes are not saved."),
        Line::from(vec![
            Span::styled("y", Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(" discard   "),
            Span::styled("n", Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(" keep editing"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// Columns a label takes, for lining values up.
pub fn label_span(label: &str, focused: bool, cols: usize) -> Span<'static> {
    let marker = if focused { "› " } else { "  " };
    let text = format!("{marker}{label}");
    let pad = cols.saturating_sub(width(&text));
    let style = if focused {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    Span::styled(format!("{text}{}", " ".repeat(pad)), style)
}
