//! The help overlay, written from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::super::app::App;
use super::super::keymap::{Binding, Context, KEYMAP};
use super::super::layout::inner;
use super::super::text::{fit, one_line, truncate};
use super::dialog::clear;

/// The sections shown, in order. The help overlay's own keys are in its title.
const SECTIONS: [Context; 4] = [
    Context::List,
    Context::Detail,
    Context::Global,
    Context::Search,
];
/// Forms, dialogs, panes and waiting: shown when there is room (their footers always
/// show their keys).
const MODAL_SECTIONS: [Context; 6] = [
    Context::Pending,
    Context::Form,
    Context::Picker,
    Context::Delete,
    Context::Embody,
    Context::Log,
];
/// More columns than this cut the help too short to read.
const MAX_COLUMNS: usize = 2;
/// Narrower columns than this are cut too short to read: fewer columns, and scrolling.
const MIN_COLUMN_WIDTH: u16 = 34;
const KEYS_COLS: usize = 10;
const MAX_WIDTH: u16 = 110;

enum Entry {
    Title(&'static str),
    Key(&'static Binding),
    Text(String),
}

/// Every line of help; `modal` adds the forms' and dialogs' keys, else a pointer to
/// their footers.
fn entries(app: &App, modal: bool) -> Vec<Entry> {
    let mut out = Vec::new();
    let extra: &[Context] = if modal { &MODAL_SECTIONS } else { &[] };
    for &context in SECTIONS.iter().chain(extra) {
        out.push(Entry::Title(context.title()));
        out.extend(
            KEYMAP
                .iter()
                .filter(|b| b.context == context)
                .map(Entry::Key),
        );
    }
    if !modal {
        out.push(Entry::Title("Forms and dialogs"));
        out.push(Entry::Text("  their keys are in the footer".into()));
    }
    if let Some(path) = &app.log_path {
        out.push(Entry::Title("Log file"));
        out.push(Entry::Text(format!("  {}", one_line(path))));
    }
    out
}

fn line(entry: &Entry, cols: usize) -> Line<'static> {
    match entry {
        Entry::Title(title) => Line::styled(
            truncate(title, cols).into_owned(),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ),
        Entry::Text(text) => Line::raw(truncate(text, cols).into_owned()),
        Entry::Key(binding) => {
            let keys = fit(binding.keys_label, KEYS_COLS.min(cols.saturating_sub(2)));
            let room = cols.saturating_sub(3 + KEYS_COLS);
            Line::from(vec![
                Span::styled(
                    format!("  {keys}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(" "),
                Span::raw(truncate(binding.help, room).into_owned()),
            ])
        }
    }
}

/// Where the overlay goes and what it shows: the same for drawing and for scrolling.
struct Plan {
    content: Vec<Entry>,
    area: Rect,
    columns: usize,
    /// Lines per column.
    rows: usize,
}

impl Plan {
    /// How far the help scrolls: the lines that do not fit.
    fn scroll_limit(&self) -> usize {
        self.content
            .len()
            .saturating_sub(self.columns.saturating_mul(self.rows))
    }
}

/// Over the body, leaving the header, status bar and footer visible; as wide as the
/// body up to [`MAX_WIDTH`], so at narrow sizes its border covers the list's.
fn plan(app: &App, full: Rect) -> Plan {
    let room = Rect::new(
        full.x,
        full.y.saturating_add(1),
        full.width,
        full.height.saturating_sub(3),
    );
    let width = room.width.min(MAX_WIDTH);
    let rows = usize::from(room.height.saturating_sub(2));
    let fitting = usize::from(width.saturating_sub(2) / MIN_COLUMN_WIDTH).clamp(1, MAX_COLUMNS);
    let mut content = entries(app, true);
    if content.len() > fitting.saturating_mul(rows) {
        content = entries(app, false);
    }
    let columns = content.len().div_ceil(rows.max(1)).clamp(1, fitting);
    let needed = content.len().div_ceil(columns).saturating_add(2);
    let height = room.height.min(u16::try_from(needed).unwrap_or(u16::MAX));
    let area = Rect::new(
        room.x + room.width.saturating_sub(width) / 2,
        room.y + room.height.saturating_sub(height) / 2,
        width,
        height,
    );
    Plan {
        content,
        area,
        columns,
        rows,
    }
}

/// How far `j`/`PgDn` can scroll the help at the app's size.
pub fn scroll_limit(app: &App) -> usize {
    plan(app, Rect::new(0, 0, app.size.0, app.size.1)).scroll_limit()
}

pub fn render(app: &App, frame: &mut Frame, full: Rect) {
    let plan = plan(app, full);
    let limit = plan.scroll_limit();
    let title = if limit > 0 {
        " Keys: j/k more, Esc closes "
    } else {
        " Keys: Esc or ? closes "
    };
    clear(frame, plan.area);
    frame.render_widget(
        Block::new()
            .borders(Borders::ALL)
            .border_style(Style::new().add_modifier(Modifier::BOLD))
            .title(title),
        plan.area,
    );
    let body = inner(plan.area);
    let rows = usize::from(body.height);
    if rows == 0 || body.width == 0 {
        return;
    }
    let column_width = body.width / u16::try_from(plan.columns).unwrap_or(u16::MAX).max(1);
    let cols = usize::from(column_width.saturating_sub(1));
    let shown = plan
        .content
        .get(app.help_scroll.min(limit)..)
        .unwrap_or_default();
    for (i, chunk) in shown.chunks(rows).take(plan.columns).enumerate() {
        let x = body
            .x
            .saturating_add(column_width.saturating_mul(u16::try_from(i).unwrap_or(u16::MAX)));
        let column = Rect::new(x, body.y, column_width, body.height).intersection(body);
        let lines: Vec<Line> = chunk.iter().map(|e| line(e, cols)).collect();
        frame.render_widget(Paragraph::new(lines), column);
    }
}
