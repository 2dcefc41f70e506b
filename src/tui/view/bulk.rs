//! The bulk runs' boxes: the bulk delete's typed-count confirm, the bulk edit's
//! preview, the progress bar and the results of both; and the notice about an
//! interrupted bulk operation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::bulk::{
    BulkDelete, BulkEdit, BulkItem, EditPhase, Items, NAMED, Outcome, Phase, Target,
};
use super::super::form::{LISTS, Lists, label};
use super::super::journal::Interrupted;
use super::super::lookups::LookupKind;
use super::super::text::{truncate, width};
use super::super::theme::Theme;
use super::super::update::quota::quota_left;
use super::dialog::{band, gauge, input_field, popup, room, wrapped};

const WIDTH: u16 = 72;

pub fn render(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkDelete) {
    let theme = &app.theme;
    match &bulk.phase {
        Phase::Confirm { input, error } => confirm(app, frame, full, bulk, input, error.as_deref()),
        Phase::Running { stopping, .. } => {
            let current = bulk
                .next_pending()
                .map_or(String::new(), |i| format!("Now: {} #{}", i.name, i.id));
            progress(frame, full, bulk, current, *stopping, &DELETE, theme);
        }
        Phase::Done => results(frame, full, bulk, bulk.scroll, &DELETE, theme),
    }
}

/// The words that differ between the runs.
struct Words {
    running: &'static str,
    results: &'static str,
    /// What happened to a ghost that went through.
    done: &'static str,
    /// What a failure left it.
    failed: &'static str,
    /// What Esc waits for.
    unit: &'static str,
    /// Ghosts go in chunks, each all or nothing.
    per_chunk: bool,
}

const DELETE: Words = Words {
    running: " Deleting ghosts ",
    results: " Bulk delete: results ",
    done: "deleted",
    failed: "failed",
    unit: "ghost",
    per_chunk: false,
};

const EDIT: Words = Words {
    running: " Updating ghosts ",
    results: " Bulk edit: results ",
    done: "updated",
    failed: "not changed",
    unit: "chunk",
    per_chunk: true,
};

pub fn render_edit(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkEdit) {
    let theme = &app.theme;
    match &bulk.phase {
        // Drawn as the edit form.
        EditPhase::Form => {}
        EditPhase::Preview { scroll } => preview(app, frame, full, bulk, *scroll),
        EditPhase::Running {
            stopping, chunk, ..
        } => {
            let sent = bulk.done_count();
            let current = format!(
                "Now: ghosts {} to {} of {}, in one request",
                sent.saturating_add(1),
                sent.saturating_add(chunk.len()),
                bulk.items.len()
            );
            progress(frame, full, bulk, current, *stopping, &EDIT, theme);
        }
        EditPhase::Done => results(frame, full, bulk, bulk.scroll, &EDIT, theme),
    }
}

/// Every marked ghost from `scroll` on: what it is assigned now and once sent.
fn preview(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkEdit, scroll: usize) {
    let within = room(full);
    let area = popup(
        frame,
        within,
        within.width,
        within.height,
        " Bulk edit: preview ",
    );
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width);
    let (total, changing) = (bulk.targets.len(), bulk.changing());
    let summary = if changing == 0 {
        format!("Nothing would change for any of the {total} marked ghosts: nothing to send.")
    } else {
        let chunks = changing.div_ceil(super::super::bulk::CHUNK);
        format!(
            "{changing} of {total} ghosts change: {chunks} request{} (at most 100 ghosts each){}",
            if chunks == 1 { "" } else { "s" },
            quota_left(app, u64::try_from(chunks).unwrap_or(u64::MAX))
        )
    };
    let hint = if changing == 0 {
        "Esc back to the form · j/k scroll"
    } else {
        "Enter sends · Esc back to the form · j/k scroll"
    };
    let mut lines = vec![
        Line::styled(
            truncate(&summary, cols).into_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::raw(truncate(&chosen(app, bulk), cols).into_owned()),
        Line::styled(hint, app.theme.dim),
    ];
    let rows = usize::from(area.height);
    for target in bulk.targets.iter().skip(scroll) {
        if lines.len() >= rows {
            break;
        }
        lines.extend(target_lines(app, target, cols));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What was chosen, in one line: "add · Teams: Design · description given".
fn chosen(app: &App, bulk: &BulkEdit) -> String {
    let form = &bulk.form;
    let mut parts = vec![form.action.as_str().to_string()];
    for kind in LISTS {
        let ids = form.chosen(kind).unwrap_or_default();
        if !ids.is_empty() {
            let names: Vec<String> = ids
                .iter()
                .map(|&id| label(&app.lookups, None, kind, id))
                .collect();
            parts.push(format!("{}: {}", kind_title(kind), names.join(", ")));
        }
    }
    if !form.description.value().trim().is_empty() {
        parts.push("one description for all".into());
    }
    parts.join(" · ")
}

/// A ghost's name, then one line per assignment that changes ("before → after"), and
/// the description if it is given; or that nothing changes.
fn target_lines(app: &App, target: &Target, cols: usize) -> Vec<Line<'static>> {
    let ghost = &target.ghost;
    let name = super::super::text::one_line(&ghost.name).into_owned();
    let Some(patch) = &target.patch else {
        let text = format!("· {name} #{} — no change", ghost.id);
        return vec![Line::styled(
            truncate(&text, cols).into_owned(),
            app.theme.dim,
        )];
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut out = vec![Line::styled(
        truncate(&format!("• {name} #{}", ghost.id), cols).into_owned(),
        bold,
    )];
    let before = Lists::of(ghost);
    for kind in LISTS {
        if before.get(kind) == target.after.get(kind) {
            continue;
        }
        let names = |ids: &[crate::api::Id]| {
            if ids.is_empty() {
                "(none)".to_string()
            } else {
                ids.iter()
                    .map(|&id| label(&app.lookups, Some(ghost), kind, id))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let text = format!(
            "    {:<9}{} → {}",
            kind_title(kind),
            names(before.get(kind)),
            names(target.after.get(kind))
        );
        out.push(Line::raw(truncate(&text, cols).into_owned()));
    }
    if patch.description.is_some() {
        out.push(Line::raw(
            truncate("    Description: replaced by the one typed", cols).into_owned(),
        ));
    }
    out
}

fn kind_title(kind: LookupKind) -> &'static str {
    match kind {
        LookupKind::Tasks => "Tasks",
        LookupKind::Teams => "Teams",
        _ => "Projects",
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
    let requests = u64::try_from(n).unwrap_or(u64::MAX);
    let cost = format!(
        "One request per ghost: {n} requests{}",
        quota_left(app, requests)
    );
    // Wrapped to the box's inside: a shortfall of quota is said in full.
    let cost = wrapped(
        &cost,
        room(full).width.min(WIDTH).saturating_sub(2),
        3,
        Style::new().add_modifier(Modifier::DIM),
    );
    let rows = 6 + cost.len() + named + more + if error.is_some() { 2 } else { 0 };
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
    lines.extend(cost);
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

fn progress(
    frame: &mut Frame,
    full: Rect,
    bulk: &dyn Items,
    current: String,
    stopping: bool,
    words: &Words,
    theme: &Theme,
) {
    let note = if stopping {
        format!("Stopping after this {}…", words.unit)
    } else {
        format!("Esc stops after the current {}", words.unit)
    };
    let run = Run {
        title: words.running,
        current,
        done: bulk.done_count(),
        total: bulk.items().len(),
        note: &note,
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

/// The counts, then one line per ghost (the ones worth a retry first), `scroll` rows
/// down.
fn results(
    frame: &mut Frame,
    full: Rect,
    bulk: &dyn Items,
    scroll: usize,
    words: &Words,
    theme: &Theme,
) {
    let within = room(full);
    let cols = usize::from((WIDTH + 8).min(within.width).saturating_sub(2));
    let failed = bulk.count(|o| matches!(o, Outcome::Failed(_)));
    let not_attempted = bulk.count(|o| *o == Outcome::NotAttempted);
    let summary = if words.per_chunk {
        format!(
            "{} updated · {failed} not changed · {not_attempted} not attempted",
            bulk.count(|o| *o == Outcome::Updated),
        )
    } else {
        format!(
            "{} deleted · {} already gone · {failed} failed · {not_attempted} not attempted",
            bulk.count(|o| *o == Outcome::Deleted),
            bulk.count(|o| *o == Outcome::Gone),
        )
    };
    let mut lines = vec![Line::styled(
        truncate(&summary, cols).into_owned(),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let retryable = bulk.count(Outcome::retryable);
    let hint = if retryable > 0 {
        format!(
            "r retries the {retryable} not {} · Enter closes",
            words.done
        )
    } else {
        "Enter closes".to_string()
    };
    lines.push(Line::styled(hint, Style::new().add_modifier(Modifier::DIM)));
    let (problems, fine): (Vec<&BulkItem>, Vec<&BulkItem>) =
        bulk.items().iter().partition(|i| i.outcome.retryable());
    if words.per_chunk {
        // A whole chunk fails for one reason: said once, above its ghosts.
        let mut reasons: Vec<&str> = Vec::new();
        for item in &problems {
            if let Outcome::Failed(why) = &item.outcome
                && !reasons.contains(&why.as_str())
            {
                reasons.push(why);
            }
        }
        let width = u16::try_from(cols).unwrap_or(u16::MAX);
        for why in reasons {
            lines.extend(wrapped(
                &format!("Not changed: {why}"),
                width,
                3,
                theme.error,
            ));
            for item in problems
                .iter()
                .filter(|i| i.outcome == Outcome::Failed(why.into()))
            {
                let text = format!("  ✗ {} #{}", item.name, item.id);
                lines.push(Line::styled(
                    truncate(&text, cols).into_owned(),
                    theme.error,
                ));
            }
        }
        let rest = problems
            .iter()
            .filter(|i| !matches!(i.outcome, Outcome::Failed(_)));
        for item in rest.chain(&fine) {
            lines.push(result_line(item, cols, words, theme));
        }
    } else {
        for item in problems.into_iter().chain(fine) {
            lines.push(result_line(item, cols, words, theme));
        }
    }
    let height = u16::try_from(lines.len().saturating_add(2)).unwrap_or(u16::MAX);
    // The counts stay; the ghosts scroll under them.
    let scroll = scroll.min(lines.len().saturating_sub(3));
    lines.drain(2..2usize.saturating_add(scroll).min(lines.len()));
    let area = popup(frame, within, WIDTH + 8, height, words.results);
    if !area.is_empty() {
        frame.render_widget(Paragraph::new(lines), area);
    }
}

fn result_line(item: &BulkItem, cols: usize, words: &Words, theme: &Theme) -> Line<'static> {
    let (glyph, what, style) = match &item.outcome {
        Outcome::Deleted | Outcome::Updated => ("✓", words.done.to_string(), Style::new()),
        Outcome::Gone => ("✓", "already gone (404)".to_string(), Style::new()),
        Outcome::Failed(why) => ("✗", format!("{}: {why}", words.failed), theme.error),
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
