//! The request log pane (`L`): every request of the session, newest first, so a user
//! can see what the app did and report it. And the "spend requests?" question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, CostConfirm};
use super::super::msg::RequestRecord;
use super::super::text::{fit, truncate, width};
use super::super::update::quota::quota_left;
use super::dialog::{popup, room, wrapped};

/// Time, outcome, duration, quota left: then the request, then the trace id.
const HEAD: &str = "time      result       took  quota  request";

pub fn render(app: &App, frame: &mut Frame, full: Rect) {
    let log = &app.request_log;
    let within = room(full);
    let title = format!(
        " Requests this session: {} (newest first) · Esc closes ",
        log.entries.len()
    );
    let area = popup(frame, within, within.width, within.height, &title);
    let rows = usize::from(area.height);
    if rows == 0 || area.width == 0 {
        return;
    }
    let cols = usize::from(area.width);
    let mut lines = vec![Line::styled(
        truncate(HEAD, cols).into_owned(),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )];
    if log.entries.is_empty() {
        lines.push(Line::raw("No request sent yet."));
    }
    // Newest first; an entry too wide goes on over more lines, so nothing (the trace
    // id least of all) is cut.
    for record in log.entries.iter().rev().skip(log.scroll) {
        if lines.len() >= rows {
            break;
        }
        lines.extend(entry(app, record, cols));
    }
    lines.truncate(rows);
    frame.render_widget(Paragraph::new(lines), area);
}

/// Where a continued entry's lines start: under the request.
const INDENT: usize = 36;

fn entry(app: &App, record: &RequestRecord, cols: usize) -> Vec<Line<'static>> {
    let time = record
        .at
        .to_offset(app.local_offset)
        .time()
        .format(time::macros::format_description!(
            "[hour]:[minute]:[second]"
        ))
        .unwrap_or_default();
    let millis = record.duration.as_millis();
    let took = if millis < 1000 {
        format!("{millis}ms")
    } else {
        format!("{:.1}s", record.duration.as_secs_f64())
    };
    let quota = record
        .quota_left
        .map_or("–".to_string(), |left| left.to_string());
    let trace = record
        .trace_id
        .as_ref()
        .map(|t| format!("  trace {t}"))
        .unwrap_or_default();
    let failed = record.outcome != "ok";
    let text = format!(
        "{time}  {:<11} {took:>5}  {quota:>5}  {}{trace}",
        fit(&record.outcome, 11).trim_end(),
        record.request
    );
    let style = if failed {
        app.theme.warning
    } else {
        Style::new()
    };
    let head_cols = INDENT.min(cols.saturating_sub(1));
    let (head, mut rest) = split_at_width(&text, head_cols);
    let room = cols.saturating_sub(head_cols).max(1);
    let mut lines = Vec::new();
    loop {
        let (part, more) = split_at_width(rest, room);
        let lead = if lines.is_empty() {
            head.to_string()
        } else {
            " ".repeat(head_cols)
        };
        lines.push(Line::styled(
            truncate(&format!("{lead}{part}"), cols).into_owned(),
            style,
        ));
        if more.is_empty() || part.is_empty() {
            return lines;
        }
        rest = more;
    }
}

/// The text up to `cols` columns and the rest (cut on a character boundary).
fn split_at_width(text: &str, cols: usize) -> (&str, &str) {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > cols {
            return text.split_at(at);
        }
    }
    (text, "")
}

/// "This will use N requests (Q left). Continue? y/n".
pub fn confirm(app: &App, confirm: &CostConfirm, frame: &mut Frame, full: Rect) {
    // Wrapped to the box's inside (60 wide, less on a narrow terminal).
    let cols = room(full).width.min(60).saturating_sub(2);
    // The gate's own questions say no more than the cost.
    let what = if confirm.what.is_empty() {
        Vec::new()
    } else {
        wrapped(&confirm.what, cols, 3, Style::new())
    };
    // Wrapped, so "Continue?" shows on a narrow terminal too.
    let question = format!(
        "This will use ~{} requests{}. Continue?",
        confirm.requests,
        quota_left(app, confirm.requests)
    );
    let question = wrapped(&question, cols, 4, app.theme.warning);
    let rows = what.len().saturating_add(question.len());
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(4);
    let area = popup(frame, room(full), 60, height, " Spend requests? ");
    if area.is_empty() {
        return;
    }
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = what;
    lines.extend(question);
    lines.extend([
        Line::default(),
        Line::from(vec![
            Span::styled("y", bold),
            Span::raw(" continue   "),
            Span::styled("n", bold),
            Span::raw(" send nothing"),
        ]),
    ]);
    frame.render_widget(Paragraph::new(lines), area);
}
