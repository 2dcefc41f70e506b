//! The edit form: fields, the assignments as they will be saved, the save button and
//! what went wrong.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use crate::api::AssignAction;

use super::super::app::App;
use super::super::form::{Field, Form, LISTS, label};
use super::super::lookups::{Lookup, LookupKind};
use super::super::text::{skip_width, truncate, width};
use super::dialog::{button, input_field, label_span, popup, room, wrapped};

pub(super) const LABEL: usize = 14;

pub fn render(app: &App, form: &Form, frame: &mut Frame, full: Rect) {
    let title = match &form.editing {
        Some(ghost) => format!(" Edit ghost #{} ", ghost.id),
        None if form.bulk => format!(" Edit {} marked ghosts ", app.marks.len()),
        None => " New ghost ".to_string(),
    };
    let within = room(full);
    // The whole body: a narrower box would leave fragments of the panes beside it.
    let area = popup(frame, within, within.width, within.height, &title);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let label_w = u16::try_from(LABEL).unwrap_or(u16::MAX);
    let mut c = Canvas {
        area,
        y: area.y,
        value_x: area.x.saturating_add(label_w),
        value_w: area.width.saturating_sub(label_w),
        typing: form.picker.is_none() && !form.confirm_discard,
    };
    if form.bulk {
        // What applies first, then what: a list or description left empty is left
        // alone on every ghost.
        apply_row(app, form, frame, &mut c);
        lists(app, form, frame, &mut c);
        description_rows(form, frame, &mut c, 7);
        c.put(
            frame,
            Line::from(vec![
                Span::raw(" ".repeat(LABEL)),
                Span::styled("empty: each ghost keeps its own description", app.theme.dim),
            ]),
        );
        buttons(app, form, frame, &mut c, "Preview  ^S");
        return;
    }

    // Name.
    let at = c.put(
        frame,
        Line::from(label_span("Name", form.focus == Field::Name, LABEL)),
    );
    input_field(
        frame,
        &form.name,
        Rect::new(c.value_x, at, c.value_w, 1).intersection(area),
        c.typing && form.focus == Field::Name,
    );
    if let Some(error) = &form.errors.name {
        c.put(frame, error_line(error, c.value_w, app.theme.error));
    }
    // What the other rows take, plus room for a few error lines.
    let fixed = if form.editing.is_some() { 12 } else { 6 };
    description_rows(form, frame, &mut c, fixed);
    if form.editing.is_some() {
        apply_row(app, form, frame, &mut c);
    }
    lists(app, form, frame, &mut c);

    // What the ghost will be assigned once saved.
    if form.editing.is_some() {
        c.put(frame, Line::default());
        c.put(
            frame,
            Line::styled("  Once saved:", Style::new().add_modifier(Modifier::BOLD)),
        );
        for kind in LISTS {
            let text = match form.result(kind) {
                Ok(ids) if ids.is_empty() => "(none)".to_string(),
                Ok(ids) => names(app, form, kind, &ids),
                Err(_) => "(fix the ids above)".to_string(),
            };
            let line = format!("  {:<w$}{text}", capitalized(kind), w = LABEL - 2);
            c.put(
                frame,
                Line::raw(truncate(&line, usize::from(area.width)).into_owned()),
            );
        }
    }
    buttons(app, form, frame, &mut c, "Save  ^S");
}

/// Where the form draws: the box, the next free row, the value column.
struct Canvas {
    area: Rect,
    y: u16,
    value_x: u16,
    value_w: u16,
    /// The form has the keyboard (no picker or question over it).
    typing: bool,
}

impl Canvas {
    fn put(&mut self, frame: &mut Frame, line: Line<'static>) -> u16 {
        put(frame, self.area, &mut self.y, line)
    }

    fn value(&self, at: u16) -> Rect {
        Rect::new(self.value_x, at, self.value_w, 1).intersection(self.area)
    }
}

/// The description: several lines, scrolled to the cursor; `fixed` is what the other
/// rows take.
fn description_rows(form: &Form, frame: &mut Frame, c: &mut Canvas, fixed: u16) {
    let desc_rows = c.area.height.saturating_sub(fixed + 3).clamp(1, 8);
    let focused = form.focus == Field::Description;
    let first = c.put(frame, Line::from(label_span("Description", focused, LABEL)));
    for _ in 1..desc_rows {
        c.put(frame, Line::default());
    }
    let desc_area = Rect::new(c.value_x, first, c.value_w, desc_rows).intersection(c.area);
    description(frame, &form.description, desc_area, c.typing && focused);
}

/// How the chosen assignments apply.
fn apply_row(app: &App, form: &Form, frame: &mut Frame, c: &mut Canvas) {
    let mut spans = vec![label_span("Apply", form.focus == Field::Action, LABEL)];
    for action in [
        AssignAction::Replace,
        AssignAction::Add,
        AssignAction::Remove,
    ] {
        let style = if action == form.action {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            app.theme.dim
        };
        let mark = if action == form.action { "●" } else { "○" };
        spans.push(Span::styled(format!("{mark} {} ", action.as_str()), style));
    }
    if form.focus == Field::Action {
        spans.push(Span::styled("  Enter switches", app.theme.dim));
    }
    c.put(frame, Line::from(spans));
}

/// The lists: picked names, or ids typed by hand when the look-up failed.
fn lists(app: &App, form: &Form, frame: &mut Frame, c: &mut Canvas) {
    for kind in LISTS {
        let focused = form.focus == Field::List(kind);
        let title = capitalized(kind);
        let at = c.put(frame, Line::from(label_span(&title, focused, LABEL)));
        let field = c.value(at);
        match form.typed(kind) {
            Some(typed) => {
                input_field(frame, &typed.input, field, c.typing && focused);
                let why = match app.lookups.get(kind) {
                    Lookup::Failed(why) => why.as_str(),
                    _ => "",
                };
                let note = format!(
                    "type ids, comma-separated: {} not loaded ({why})",
                    kind.name()
                );
                c.put(
                    frame,
                    Line::from(vec![
                        Span::raw(" ".repeat(LABEL)),
                        Span::styled(
                            truncate(&note, usize::from(c.value_w)).into_owned(),
                            app.theme.dim,
                        ),
                    ]),
                );
            }
            None => {
                let ids = form.picked(kind);
                let text = match (ids.is_empty(), form.bulk) {
                    (true, true) => "(none: left alone)".to_string(),
                    (true, false) => "(none)".to_string(),
                    _ => names(app, form, kind, ids),
                };
                let hint = if focused { "  Enter picks" } else { "" };
                let room = usize::from(c.value_w).saturating_sub(width(hint));
                frame.render_widget(
                    Paragraph::new(Line::from(vec![
                        Span::raw(truncate(&text, room).into_owned()),
                        Span::styled(hint, app.theme.dim),
                    ])),
                    field,
                );
            }
        }
        if let Some(error) = form.errors.list(kind) {
            c.put(frame, error_line(error, c.value_w, app.theme.error));
        }
    }
}

/// The button (or that it is saving), then why the last save failed.
fn buttons(app: &App, form: &Form, frame: &mut Frame, c: &mut Canvas, label: &str) {
    c.put(frame, Line::default());
    let mut spans = vec![Span::raw(" ".repeat(LABEL))];
    if form.saving.is_some() {
        spans.push(Span::styled(
            "Saving…",
            Style::new().add_modifier(Modifier::BOLD),
        ));
    } else {
        spans.push(button(label, form.focus == Field::Save));
        spans.push(Span::styled("   Esc closes", app.theme.dim));
    }
    c.put(frame, Line::from(spans));
    if let Some(error) = &form.save_error {
        let rows = usize::from(c.area.bottom().saturating_sub(c.y));
        for line in wrapped(error, c.area.width, rows, app.theme.error) {
            c.put(frame, line);
        }
    }
}

/// Draws one line at row `y` (if it is inside `area`) and moves on; returns its row.
pub(super) fn put(frame: &mut Frame, area: Rect, y: &mut u16, line: Line<'static>) -> u16 {
    let at = *y;
    if at < area.bottom() {
        frame.render_widget(Paragraph::new(line), Rect::new(area.x, at, area.width, 1));
        *y = at.saturating_add(1);
    }
    at
}

pub(super) fn capitalized(kind: LookupKind) -> String {
    let name = kind.name();
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn names(app: &App, form: &Form, kind: LookupKind, ids: &[crate::api::Id]) -> String {
    labels(app, form.editing.as_ref(), kind, ids)
}

/// The names of assigned ids, comma-separated.
pub(super) fn labels(
    app: &App,
    ghost: Option<&crate::api::Ghost>,
    kind: LookupKind,
    ids: &[crate::api::Id],
) -> String {
    ids.iter()
        .map(|&id| label(&app.lookups, ghost, kind, id))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn error_line(error: &str, cols: u16, style: Style) -> Line<'static> {
    let text = truncate(error, usize::from(cols)).into_owned();
    Line::from(vec![
        Span::raw(" ".repeat(LABEL)),
        Span::styled(text, style),
    ])
}

/// A multi-line text field: hard lines only (no soft wrap, so the cursor arithmetic
/// stays exact), scrolled down and across to keep the cursor in view.
pub(super) fn description(frame: &mut Frame, input: &Input, area: Rect, cursor: bool) {
    let cols = usize::from(area.width.saturating_sub(1));
    let rows = usize::from(area.height).max(1);
    let value = input.value();
    let before: String = value.chars().take(input.cursor()).collect();
    let cursor_line = before.matches('\n').count();
    let cursor_text = before.rsplit('\n').next().unwrap_or("");
    let top = cursor_line.saturating_sub(rows - 1);
    let hscroll = width(cursor_text).saturating_sub(cols);
    let lines: Vec<Line> = value
        .split('\n')
        .skip(top)
        .take(rows)
        .map(|l| Line::raw(truncate(skip_width(l, hscroll), cols).into_owned()))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).style(Style::new().add_modifier(Modifier::UNDERLINED)),
        area,
    );
    if cursor && area.width > 0 && area.height > 0 {
        // The columns really skipped (a wide character is skipped whole).
        let skipped = width(cursor_text).saturating_sub(width(skip_width(cursor_text, hscroll)));
        let column = width(cursor_text).saturating_sub(skipped);
        let x = area
            .x
            .saturating_add(u16::try_from(column).unwrap_or(u16::MAX))
            .min(area.right().saturating_sub(1));
        let y = area
            .y
            .saturating_add(u16::try_from(cursor_line - top).unwrap_or(u16::MAX))
            .min(area.bottom().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, y));
    }
}
