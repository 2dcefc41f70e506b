//! The help overlay, written from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::super::app::App;
use super::super::keymap::{Binding, Context, KEYMAP};
use super::super::layout::inner;
use super::super::text::{fit, one_line, truncate};

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

/// Draws the overlay over the body, leaving the header, status bar and footer visible.
pub fn render(app: &App, frame: &mut Frame, full: Rect) {
    let mut content = entries(app, true);
    // The overlay's inner height: the body less its border.
    let rows = usize::from(full.height.saturating_sub(5)).max(1);
    if content.len().div_ceil(rows) > MAX_COLUMNS {
        content = entries(app, false);
    }
    let room = Rect::new(
        full.x,
        full.y.saturating_add(1),
        full.width,
        full.height.saturating_sub(3),
    );
    let width = room.width.saturating_sub(2).min(MAX_WIDTH);
    let needed = u16::try_from(content.len().saturating_add(2)).unwrap_or(u16::MAX);
    let height = room.height.min(needed);
    let area = Rect::new(
        room.x + room.width.saturating_sub(width) / 2,
        room.y + room.height.saturating_sub(height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Block::new()
            .borders(Borders::ALL)
            .border_style(Style::new().add_modifier(Modifier::BOLD))
            .title(" Keys: Esc or ? closes "),
        area,
    );
    let body = inner(area);
    let rows = usize::from(body.height);
    if rows == 0 || body.width == 0 {
        return;
    }
    // As many columns as it takes to show every line, each as wide as fits.
    let columns = content.len().div_ceil(rows).max(1);
    let column_width = body.width / u16::try_from(columns).unwrap_or(u16::MAX).max(1);
    let cols = usize::from(column_width.saturating_sub(1));
    for (i, chunk) in content.chunks(rows).enumerate() {
        let x = body
            .x
            .saturating_add(column_width.saturating_mul(u16::try_from(i).unwrap_or(u16::MAX)));
        let column = Rect::new(x, body.y, column_width, body.height).intersection(body);
        let lines: Vec<Line> = chunk.iter().map(|e| line(e, cols)).collect();
        frame.render_widget(Paragraph::new(lines), column);
    }
}
