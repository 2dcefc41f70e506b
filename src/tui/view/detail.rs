//! The detail pane: every field of the selected ghost, wrapped, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::api::Ghost;

use super::super::app::{App, Focus};
use super::super::form::label;
use super::super::lookups::LookupKind;
use super::super::text::{one_line, wrap};
use super::super::timefmt::describe;

/// Width of the label column ("Description ").
const LABEL: usize = 12;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(body) = super::pane(app, frame, area, Focus::Detail, " Details ") else {
        return;
    };
    let Some(ghost) = app.selected() else {
        frame.render_widget(Paragraph::new(" No ghost selected."), body);
        return;
    };
    let lines = detail_lines(app, ghost, body.width);
    let rows = usize::from(body.height);
    let max_scroll = lines.len().saturating_sub(rows);
    let scroll = app.detail_scroll.min(max_scroll);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), body);
}

/// How many lines the detail of `ghost` takes at `width` columns.
pub fn detail_line_count(app: &App, ghost: &Ghost, width: u16) -> usize {
    detail_lines(app, ghost, width).len()
}

/// The detail of one ghost, wrapped to `width` columns.
pub fn detail_lines(app: &App, ghost: &Ghost, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let value_width = width.saturating_sub(LABEL).max(1);
    let mut out = Vec::new();
    for line in wrap(&ghost.name, width) {
        out.push(Line::styled(
            line,
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    let state = match (&ghost.embodied_at, ghost.user_id) {
        (Some(_), Some(user)) => format!("embodied by user {user}"),
        (Some(_), None) => "embodied".to_string(),
        (None, _) => "ghost: not embodied yet".to_string(),
    };
    out.push(Line::styled(
        state,
        Style::new().add_modifier(Modifier::ITALIC),
    ));
    out.push(Line::default());

    field(&mut out, "Id", &ghost.id.to_string(), value_width, None);
    match ghost.description.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            field(&mut out, "Description", text, value_width, None);
        }
        _ => dim_field(&mut out, app.theme.dim, "Description", "(none)"),
    }
    if ghost.assigned.projects.is_empty() {
        dim_field(&mut out, app.theme.dim, "Projects", "(none)");
    }
    for (i, project) in ghost.assigned.projects.iter().enumerate() {
        let label = if i == 0 { "Projects" } else { "" };
        let private = if project.private { " (private)" } else { "" };
        // The swatch shows the colour; its hex code read like an id ("#a01aa5").
        let text = format!("{}{private}", one_line(&project.name));
        let swatch = app
            .theme
            .swatch(project.color.as_deref().and_then(parse_color));
        field(&mut out, label, text.trim_end(), value_width, Some(swatch));
    }
    if ghost.assigned.tasks.is_empty() {
        dim_field(&mut out, app.theme.dim, "Tasks", "(none)");
    }
    for (i, task) in ghost.assigned.tasks.iter().enumerate() {
        let label = if i == 0 { "Tasks" } else { "" };
        let text = one_line(&task.name).into_owned();
        let swatch = app
            .theme
            .swatch(task.color.as_deref().and_then(parse_color));
        field(&mut out, label, text.trim_end(), value_width, Some(swatch));
    }
    if ghost.assigned.team_ids.is_empty() {
        dim_field(&mut out, app.theme.dim, "Teams", "(none)");
    } else {
        let teams = ghost
            .assigned
            .team_ids
            .iter()
            // Names once the teams look-up is loaded (by a picker), else ids.
            .map(|&id| label(&app.lookups, Some(ghost), LookupKind::Teams, id))
            .collect::<Vec<_>>()
            .join(", ");
        field(&mut out, "Teams", &teams, value_width, None);
    }
    out.push(Line::default());
    let user = ghost.user_id.map_or("—".to_string(), |id| id.to_string());
    field(&mut out, "User id", &user, value_width, None);
    for (label, raw) in [
        ("Created", &ghost.created_at),
        ("Updated", &ghost.updated_at),
        ("Embodied", &ghost.embodied_at),
        ("Deleted", &ghost.deleted_at),
    ] {
        let text = describe(raw.as_deref(), app.now, app.local_offset);
        field(&mut out, label, &text, value_width, None);
    }
    out
}

/// A labelled value, wrapped under its label. `swatch`: a mark (a colored block, or a
/// plain one without color) and its style, before the value's first line.
fn field(
    out: &mut Vec<Line<'static>>,
    label: &str,
    value: &str,
    value_width: usize,
    swatch: Option<(&'static str, Style)>,
) {
    let label_style = Style::new().add_modifier(Modifier::BOLD);
    let swatch_cols = if swatch.is_some() { 2 } else { 0 };
    let lines = wrap(value, value_width.saturating_sub(swatch_cols).max(1));
    for (i, text) in lines.into_iter().enumerate() {
        let head = if i == 0 { label } else { "" };
        let mut spans = vec![Span::styled(
            format!("{head:<LABEL$}", LABEL = LABEL),
            label_style,
        )];
        match swatch {
            Some((mark, style)) if i == 0 => spans.push(Span::styled(mark, style)),
            Some(_) => spans.push(Span::raw("  ")),
            None => {}
        }
        spans.push(Span::raw(text));
        out.push(Line::from(spans));
    }
}

fn dim_field(out: &mut Vec<Line<'static>>, dim: Style, label: &str, value: &str) {
    out.push(Line::from(vec![
        Span::styled(
            format!("{label:<LABEL$}", LABEL = LABEL),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(value.to_string(), dim),
    ]));
}

/// `#rrggbb` as a terminal color.
pub fn parse_color(text: &str) -> Option<Color> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let value = u32::from_str_radix(hex, 16).ok()?;
    let [_, r, g, b] = value.to_be_bytes();
    Some(Color::Rgb(r, g, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hex_colors_and_refuses_junk() {
        assert_eq!(parse_color("#e36a00"), Some(Color::Rgb(0xe3, 0x6a, 0x00)));
        assert_eq!(parse_color("e36a00"), None);
        assert_eq!(parse_color("#e36a0"), None);
        assert_eq!(parse_color("#gg0000"), None);
        assert_eq!(parse_color("#ééé"), None);
    }
}
