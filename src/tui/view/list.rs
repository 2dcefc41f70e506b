//! The list of ghosts: only the rows on screen are formatted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Focus};
use super::super::layout::scroll_to_cursor;
use super::super::text::{fit, one_line};

const TAG: &str = "embodied";
/// Room for "#1234567"; longer ids are cut with an ellipsis.
const ID_COLS: usize = 8;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(body) = super::pane(app, frame, area, Focus::List, " Ghosts ") else {
        return;
    };
    let ghosts = &app.list.ghosts;
    if ghosts.is_empty() {
        frame.render_widget(Paragraph::new(empty_text(app)), body);
        return;
    }
    let rows = usize::from(body.height);
    let offset = scroll_to_cursor(app.offset, app.cursor, rows);
    let end = offset.saturating_add(rows).min(ghosts.len());
    let width = usize::from(body.width);
    // "› " marker, the name, then (room allowing) the embodied tag and the id, which
    // tells apart the many ghosts that share a name.
    let show_tag = width >= 30;
    let show_id = width >= 40;
    let right = if show_tag { TAG.len() + 1 } else { 0 } + if show_id { ID_COLS + 1 } else { 0 };
    let name_width = width.saturating_sub(2 + right);
    let visible = ghosts.get(offset..end).unwrap_or_default();
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .map(|(i, ghost)| {
            let selected = offset + i == app.cursor;
            let marked = app.marks.contains(ghost.id);
            // The cursor and the mark each have a column, so both read without colour.
            let marker = match (selected, marked) {
                (true, true) => "›✓",
                (true, false) => "› ",
                (false, true) => " ✓",
                (false, false) => "  ",
            };
            let mut spans = vec![
                Span::raw(marker),
                Span::raw(fit(&one_line(&ghost.name), name_width)),
            ];
            if show_tag {
                let tag = if ghost.is_embodied() { TAG } else { "" };
                spans.push(Span::styled(
                    format!(" {tag:>width$}", width = TAG.len()),
                    Style::new().add_modifier(Modifier::ITALIC),
                ));
            }
            if show_id {
                let id = format!("#{}", ghost.id);
                spans.push(Span::styled(
                    format!(" {:>ID_COLS$}", fit(&id, ID_COLS).trim_end()),
                    app.theme.dim,
                ));
            }
            let style = match (selected, marked) {
                (true, _) => app.theme.selected,
                (false, true) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                (false, false) => Style::new(),
            };
            Line::from(spans).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn empty_text(app: &App) -> String {
    if app.list.total.is_none() {
        if app.status.last_error.is_some() {
            " Nothing loaded (see the error below); r retries.".into()
        } else {
            " Loading ghosts…".into()
        }
    } else if app.filter.search.is_empty() {
        " No ghosts here. i shows embodied ones.".into()
    } else {
        format!(
            " No ghost's name contains “{}”.",
            one_line(&app.filter.search)
        )
    }
}
