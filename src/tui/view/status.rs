//! The search line, the status bar and the footer of key hints.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, short_duration};
use super::super::keymap::{self, Context};
use super::super::text::{ELLIPSIS, fit, one_line, skip_width, truncate, width, wrap};
use super::super::update::quota::{LOW_QUOTA, wait_text};
use super::super::update::{cancels_requests, context, offers, pending_oldest as oldest};

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const PROMPT: &str = "Search: ";

pub fn search_line(app: &App, frame: &mut Frame, area: Rect) {
    let input = &app.search.input;
    let room = usize::from(area.width).saturating_sub(width(PROMPT) + 1);
    let scroll = input.visual_scroll(room);
    let shown = truncate(skip_width(input.value(), scroll), room).into_owned();
    let line = Line::from(vec![
        Span::styled(PROMPT, Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(one_line(&shown).into_owned()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if !app.help_open {
        let column = width(PROMPT) + input.visual_cursor().saturating_sub(scroll);
        let x = area
            .x
            .saturating_add(u16::try_from(column).unwrap_or(u16::MAX))
            .min(area.right().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The last error in full (the API's sentence and the trace id support asks for).
pub fn error_line(app: &App, frame: &mut Frame, area: Rect) {
    let Some(text) = app.error_text() else {
        return;
    };
    let cols = usize::from(area.width);
    let rows = usize::from(area.height);
    let mut lines = wrap(&text, cols);
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            // Mark the cut: the last line ends in an ellipsis.
            *last = if width(last) < cols {
                format!("{last}{ELLIPSIS}")
            } else {
                truncate(last, cols).into_owned()
            };
        }
    }
    let style = app.theme.error;
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(fit(&l, cols)).style(style))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn status_bar(app: &App, frame: &mut Frame, area: Rect) {
    let (right, right_style) = right_side(app);
    let right_w = width(&right);
    let left_room = usize::from(area.width).saturating_sub(right_w + 1);
    let mut spans = Vec::new();
    let mut used = 0;
    let mut add = |text: String, style: Style| {
        let text = truncate(&text, left_room.saturating_sub(used)).into_owned();
        used += width(&text);
        spans.push(Span::styled(text, style));
    };
    if let Some(pending) = oldest(app) {
        let elapsed = (app.now - pending.started).max(time::Duration::ZERO);
        let millis = u64::try_from(elapsed.whole_milliseconds()).unwrap_or(0);
        let frame_index = usize::try_from(millis / 100).unwrap_or(0) % SPINNER.len();
        let more = match app.pending.len() {
            0 | 1 => String::new(),
            n => format!(" (+{})", n - 1),
        };
        add(
            format!(
                "{} {}… {}.{}s{more} ",
                SPINNER[frame_index],
                pending.label,
                millis / 1000,
                millis % 1000 / 100
            ),
            Style::new(),
        );
    }
    if let Some(wait) = wait_text(app) {
        add(format!("{wait} "), app.theme.warning);
    }
    if app.list.skipped > 0 {
        let text = format!(
            "{} unreadable entr{} skipped",
            app.list.skipped,
            if app.list.skipped == 1 { "y" } else { "ies" }
        );
        add(text, Style::new().add_modifier(Modifier::BOLD));
    }
    let pad = usize::from(area.width).saturating_sub(used + right_w);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, right_style));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "12 of 137 · quota 27 left": always shown, so never cut. Low quota is a warning,
/// in words and in style.
fn right_side(app: &App) -> (String, Style) {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let position = match app.list.total {
        None => "– of ?".to_string(),
        Some(total) if app.list.ghosts.is_empty() => format!("0 of {total}"),
        Some(total) => format!("{} of {total}", app.cursor.saturating_add(1)),
    };
    let position = match app.marks.len() {
        0 => position,
        marked => format!("✓ {marked} marked · {position}"),
    };
    let Some(quota) = app.status.quota else {
        return (format!("{position} "), bold);
    };
    match (quota.remaining, quota.resets_in) {
        (Some(remaining), resets) if remaining <= LOW_QUOTA => {
            // A wait in force already counts down to the reset, on the left.
            let resets = resets
                .filter(|_| app.status.wait.is_none())
                .map(|r| format!(", resets in {}", short_duration(r)))
                .unwrap_or_default();
            (
                format!("{position} · quota low: {remaining} left{resets} "),
                app.theme.warning,
            )
        }
        (Some(remaining), _) => (format!("{position} · quota {remaining} left "), bold),
        (None, _) => (format!("{position} "), bold),
    }
}

/// Footer hints kept when the rest do not fit.
const PINNED: [&str; 2] = ["?", "q"];

pub fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let room = usize::from(area.width);
    if let Some(toast) = app.visible_toast() {
        let text = truncate(&one_line(&toast.text), room).into_owned();
        frame.render_widget(
            Paragraph::new(text).style(Style::new().add_modifier(Modifier::BOLD)),
            area,
        );
        return;
    }
    // While Esc stops waiting, that is what the footer says Esc does.
    let waiting = cancels_requests(app);
    let hints: Vec<(&str, &str)> = waiting
        .then(|| keymap::hints(Context::Pending))
        .into_iter()
        .flatten()
        .chain(keymap::hints(context(app)).filter(|(_, keys, _)| !(waiting && *keys == "Esc")))
        .filter(|(action, ..)| offers(app, *action))
        .map(|(_, keys, word)| (keys, word))
        .collect();
    let cost = |(keys, hint): &(&str, &str)| 2 + width(keys) + 1 + width(hint);
    let all: usize = hints.iter().map(cost).sum::<usize>().saturating_sub(2);
    let spans = if all <= room {
        hint_spans(&hints)
    } else {
        // Not all fit: the way to the full list ("? help") and out ("q quit") are
        // kept, and "…" says that some were left out rather than dropping them
        // silently.
        let (pinned, rest): (Vec<_>, Vec<_>) = hints
            .iter()
            .copied()
            .partition(|(keys, _)| PINNED.contains(keys));
        let mut left = room
            .saturating_sub(pinned.iter().map(cost).sum())
            .saturating_sub(3);
        let mut shown: Vec<(&str, &str)> = Vec::new();
        for hint in rest {
            let needed = cost(&hint).saturating_sub(if shown.is_empty() { 2 } else { 0 });
            if needed > left {
                break;
            }
            left -= needed;
            shown.push(hint);
        }
        let mut spans = hint_spans(&shown);
        spans.push(Span::raw(if spans.is_empty() { "…" } else { "  …" }));
        if !pinned.is_empty() {
            spans.push(Span::raw("  "));
            spans.extend(hint_spans(&pinned));
        }
        spans
    };
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn hint_spans(hints: &[(&str, &str)]) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (keys, hint) in hints {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(
            keys.to_string(),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        ));
        spans.push(Span::raw(format!(" {hint}")));
    }
    spans
}
