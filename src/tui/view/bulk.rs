//! The bulk delete's boxes: the typed-count confirm, the progress bar, the results;
//! and the notice about an interrupted bulk operation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::bulk::{BulkDelete, BulkItem, NAMED, Outcome, Phase};
use super::super::journal::Interrupted;
use super::super::text::{truncate, width};
use super::super::theme::Theme;
use super::super::update::quota::quota_left;
use super::dialog::{band, gauge, input_field, popup, room, wrapped};

const WIDTH: u16 = 72;

pub fn render(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkDelete) {
    let theme = &app.theme;
    match &bulk.phase {
        Phase::Confirm { input, error } => confirm(app, frame, full, bulk, input, error.as_deref()),
        Phase::Running { stopping, .. } => progress(frame, full, bulk, *stopping, theme),
        Phase::Done => results(frame, full, bulk, theme),
    }
}

fn confirm(
    app: &App,
    frame: &mut Frame,
    full: Rect,
    bulk: &BulkDelete,
    input: &tui_input::Input,
    error: Option<&str>,
) {
    let theme = &app.theme;
    let n = bulk.items.len();
    let named = n.min(NAMED);
    let more = usize::from(n > NAMED);
    let rows = 7 + named + more + if error.is_some() { 2 } else { 0 };
    let height = u16::try_from(rows).unwrap_or(u16::MAX);
    let area = popup(
        frame,
        room(full),
        WIDTH,
        height,
        &format!(" Delete {n} ghosts "),
    );
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled(
        truncate(&format!("Delete these {n} ghosts, one by one?"), cols).into_owned(),
        bold,
    )];
    for item in bulk.items.iter().take(NAMED) {
        lines.push(Line::raw(
            truncate(&format!("  • {} #{}", item.name, item.id), cols).into_owned(),
        ));
    }
    if n > NAMED {
        lines.push(Line::raw(format!("  … and {} more", n - NAMED)));
    }
    lines.push(Line::styled(
        truncate(
            &format!("One request per ghost: {n} requests{}", quota_left(app)),
            cols,
        )
        .into_owned(),
        Style::new().add_modifier(Modifier::DIM),
    ));
    lines.push(Line::default());
    let prompt = format!("Type {n} to confirm: ");
    let prompt_row = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    lines.push(Line::styled(prompt.clone(), bold));
    lines.push(Line::styled(
        "Enter deletes · Esc cancels",
        Style::new().add_modifier(Modifier::DIM),
    ));
    if let Some(error) = error {
        lines.extend(wrapped(error, area.width, 2, theme.error));
    }
    frame.render_widget(Paragraph::new(lines), area);
    let prompt_w = u16::try_from(width(&prompt)).unwrap_or(u16::MAX);
    let field = Rect::new(
        area.x.saturating_add(prompt_w),
        area.y.saturating_add(prompt_row),
        8,
        1,
    )
    .intersection(area);
    input_field(frame, input, field, true);
}

fn progress(frame: &mut Frame, full: Rect, bulk: &BulkDelete, stopping: bool, theme: &Theme) {
    let current = bulk
        .next_pending()
        .map_or(String::new(), |i| format!("Now: {} #{}", i.name, i.id));
    let note = if stopping {
        "Stopping after this ghost…"
    } else {
        "Esc stops after the current ghost"
    };
    let run = Run {
        title: " Deleting ghosts ",
        current,
        done: bulk.done_count(),
        total: bulk.items.len(),
        note,
        failed: bulk.count(|o| matches!(o, Outcome::Failed(_))),
    };
    run.render(frame, full, theme);
}

/// A bulk run under way, as its progress box shows it.
pub(super) struct Run<'a> {
    pub title: &'a str,
    /// What is on its way now.
    pub current: String,
    pub done: usize,
    pub total: usize,
    /// What Esc does (or that it was pressed).
    pub note: &'a str,
    pub failed: usize,
}

impl Run<'_> {
    pub(super) fn render(&self, frame: &mut Frame, full: Rect, theme: &Theme) {
        let area = popup(frame, room(full), WIDTH, 7, self.title);
        if area.is_empty() {
            return;
        }
        let cols = usize::from(area.width);
        frame.render_widget(
            Paragraph::new(truncate(&self.current, cols).into_owned()),
            band(area, 0, 1),
        );
        frame.render_widget(
            gauge(
                self.done,
                self.total,
                format!("{} of {} ", self.done, self.total),
            ),
            band(area, 1, 1),
        );
        let mut lines = vec![Line::default(), Line::raw(self.note.to_string())];
        if self.failed > 0 {
            lines.push(Line::styled(
                format!("{} failed so far", self.failed),
                theme.error,
            ));
        }
        frame.render_widget(
            Paragraph::new(lines),
            band(area, 2, area.height.saturating_sub(2)),
        );
    }
}

/// The counts, then one line per ghost, the ones worth a retry first.
fn results(frame: &mut Frame, full: Rect, bulk: &BulkDelete, theme: &Theme) {
    let within = room(full);
    let rows = bulk.items.len().saturating_add(4);
    let height = u16::try_from(rows).unwrap_or(u16::MAX);
    let area = popup(frame, within, WIDTH + 8, height, " Bulk delete: results ");
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width);
    let summary = format!(
        "{} deleted · {} already gone · {} failed · {} not attempted",
        bulk.count(|o| *o == Outcome::Deleted),
        bulk.count(|o| *o == Outcome::Gone),
        bulk.count(|o| matches!(o, Outcome::Failed(_))),
        bulk.count(|o| *o == Outcome::NotAttempted),
    );
    let mut lines = vec![Line::styled(
        truncate(&summary, cols).into_owned(),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let retryable = bulk.count(Outcome::retryable);
    let hint = if retryable > 0 {
        format!("r retries the {retryable} not deleted · Enter closes")
    } else {
        "Enter closes".to_string()
    };
    lines.push(Line::styled(hint, Style::new().add_modifier(Modifier::DIM)));
    let (problems, fine): (Vec<&BulkItem>, Vec<&BulkItem>) =
        bulk.items.iter().partition(|i| i.outcome.retryable());
    for item in problems.into_iter().chain(fine) {
        lines.push(result_line(item, cols, theme));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn result_line(item: &BulkItem, cols: usize, theme: &Theme) -> Line<'static> {
    let (glyph, what, style) = match &item.outcome {
        Outcome::Deleted => ("✓", "deleted".to_string(), Style::new()),
        Outcome::Gone => ("✓", "already gone (404)".to_string(), Style::new()),
        Outcome::Failed(why) => ("✗", format!("failed: {why}"), theme.error),
        Outcome::NotAttempted | Outcome::Pending => (
            "–",
            "not attempted".to_string(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
    };
    let text = format!("{glyph} {} #{} — {what}", item.name, item.id);
    Line::from(Span::styled(truncate(&text, cols).into_owned(), style))
}

pub fn interrupted(frame: &mut Frame, full: Rect, notice: &Interrupted, theme: &Theme) {
    let within = room(full);
    let cols = WIDTH.min(within.width).saturating_sub(2);
    let mut lines = wrapped(&notice.summary(), cols, 6, Style::new());
    if !notice.failed.is_empty() {
        let failed = format!("Failed: {}", notice.failed.join(", "));
        lines.extend(wrapped(&failed, cols, 2, theme.error));
    }
    lines.push(Line::styled(
        "Enter/Esc dismiss",
        Style::new().add_modifier(Modifier::DIM),
    ));
    let height = u16::try_from(lines.len().saturating_add(2)).unwrap_or(u16::MAX);
    let area = popup(frame, within, WIDTH, height, " Interrupted ");
    if !area.is_empty() {
        frame.render_widget(Paragraph::new(lines), area);
    }
}
