//! The triage overview: a count's progress, or its result in three sections (projects,
//! teams, oldest), one shown at a time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::form::label;
use super::super::lookups::LookupKind;
use super::super::text::{fit, one_line, truncate, width};
use super::super::timefmt::{age, clock, local};
use super::super::triage::{CountRow, Overview, Run, RunState, SECTIONS, Section};
use super::detail::parse_color;
use super::dialog::{band, gauge, popup, room, wrapped};

const WIDTH: u16 = 100;
const TITLE: &str = " Triage: every open ghost of the workspace (not your search or filters) ";
/// Lines above the rows: the summary and the section tabs.
const HEAD: u16 = 2;

/// Rows of a section on screen at terminal size `size` (for paging).
pub fn list_rows(size: (u16, u16)) -> usize {
    // The room for popups, less the border and the head.
    usize::from(size.1.saturating_sub(3 + 2 + HEAD)).max(1)
}

pub fn render(app: &App, frame: &mut Frame, full: Rect) {
    let within = room(full);
    let area = popup(frame, within, WIDTH, within.height, TITLE);
    if area.is_empty() {
        return;
    }
    let t = &app.triage;
    match (&t.run, &t.result) {
        (Some(run), kept) => progress(app, frame, area, run, kept.as_ref()),
        (None, Some(result)) => overview(app, frame, area, result),
        (None, None) => frame.render_widget(Paragraph::new("Nothing counted yet: r counts"), area),
    }
}

fn progress(app: &App, frame: &mut Frame, area: Rect, run: &Run, kept: Option<&Overview>) {
    let dim = app.theme.dim;
    let cols = usize::from(area.width);
    let pages = run.pages();
    let of = pages.map_or("?".to_string(), |p| p.to_string());
    let done = usize::try_from(run.page.saturating_sub(1)).unwrap_or(usize::MAX);
    let total = pages.map_or(0, |p| usize::try_from(p).unwrap_or(usize::MAX));
    let row = |y: u16| band(area, y, 1);
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate("Counting every open ghost, one page at a time", cols).into_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        row(0),
    );
    frame.render_widget(
        gauge(done, total, format!("page {} of {of} ", run.page)),
        row(1),
    );
    let mut lines = vec![
        Line::raw(format!("{} open ghosts counted so far", run.tally.ghosts)),
        Line::default(),
    ];
    match &run.state {
        RunState::Waiting(_) => lines.push(Line::styled(
            "Esc cancels: nothing of this count is kept",
            dim,
        )),
        RunState::Failed(why) => {
            let text = format!("Stopped at page {}: {why}", run.page);
            lines.extend(wrapped(&text, area.width, 3, app.theme.error));
            lines.push(Line::styled(
                format!(
                    "r resumes from page {} · Esc drops what was counted",
                    run.page
                ),
                dim,
            ));
        }
    }
    if let Some(kept) = kept {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "The count as of {} stays until this one is complete.",
                clock(kept.at, app.local_offset)
            ),
            dim,
        ));
    }
    let rest = band(area, 2, area.height.saturating_sub(2));
    frame.render_widget(Paragraph::new(lines), rest);
}

fn overview(app: &App, frame: &mut Frame, area: Rect, result: &Overview) {
    let t = &app.triage;
    let cols = usize::from(area.width);
    let mut summary = format!(
        "{} open ghosts · as of {} · {} pages",
        result.ghosts,
        clock(result.at, app.local_offset),
        result.pages
    );
    if result.undated > 0 {
        summary.push_str(&format!(" · {} without a creation date", result.undated));
    }
    let mut tabs = Vec::new();
    for section in SECTIONS {
        let (name, n) = match section {
            Section::Projects => ("Projects", result.projects.len()),
            Section::Teams => ("Teams", result.teams.len()),
            Section::Oldest => ("Oldest", result.oldest.len()),
        };
        let style = if section == t.section {
            app.theme.selected
        } else {
            Style::new()
        };
        tabs.push(Span::styled(format!(" {name} ({n}) "), style));
        tabs.push(Span::raw(" "));
    }
    let mut lines = vec![
        Line::raw(truncate(&summary, cols).into_owned()),
        Line::from(tabs),
    ];
    let shown = usize::from(area.height.saturating_sub(HEAD));
    let cursor = t.cursor();
    // The cursor's row stays on screen.
    let first = cursor.saturating_add(1).saturating_sub(shown);
    let rows: Vec<Line> = match t.section {
        Section::Projects => count_rows(app, &result.projects, LookupKind::Projects, cols),
        Section::Teams => count_rows(app, &result.teams, LookupKind::Teams, cols),
        Section::Oldest => result
            .oldest
            .iter()
            .map(|g| {
                let day = local(g.created, app.local_offset);
                let day = day.get(..10).unwrap_or(&day);
                let when = format!("{:>10}  {day}", age(g.created, app.now));
                let name = format!("{} #{}", one_line(&g.name), g.id);
                let room = cols.saturating_sub(width(&when) + 2);
                Line::raw(format!("{}  {when}", fit(&name, room)))
            })
            .collect(),
    };
    if rows.is_empty() {
        lines.push(Line::styled("(none)", app.theme.dim));
    }
    for (i, line) in rows.into_iter().enumerate().skip(first).take(shown) {
        lines.push(if i == cursor {
            line.style(app.theme.selected)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "■ Rebrand ······ 123 ████": a swatch (projects), the name, the count, a bar
/// against the largest count.
fn count_rows(app: &App, rows: &[CountRow], kind: LookupKind, cols: usize) -> Vec<Line<'static>> {
    let most = rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    let bar_cols = (cols / 4).min(30);
    let name_cols = cols.saturating_sub(2 + 8 + 1 + bar_cols);
    rows.iter()
        .map(|row| {
            let item = row.id.and_then(|id| app.lookups.find(kind, id));
            let name = match row.id {
                None if kind == LookupKind::Projects => "(no project)".to_string(),
                None => "(no team)".to_string(),
                Some(id) => match (item, &row.name) {
                    (None, Some(name)) => one_line(name).into_owned(),
                    _ => label(&app.lookups, None, kind, id),
                },
            };
            let color = item
                .and_then(|i| i.color.as_deref())
                .or(row.color.as_deref())
                .and_then(parse_color);
            let (mark, style) = match (kind, row.id) {
                (LookupKind::Projects, Some(_)) => app.theme.swatch(color),
                _ => ("  ", Style::new()),
            };
            let filled = usize::try_from(row.count.saturating_mul(bar_cols as u64) / most)
                .unwrap_or(bar_cols)
                .max(1);
            Line::from(vec![
                Span::styled(mark, style),
                Span::raw(format!(
                    "{}{:>8} {}",
                    fit(&name, name_cols),
                    row.count,
                    "█".repeat(filled)
                )),
            ])
        })
        .collect()
}
