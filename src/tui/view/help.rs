//! The help overlay, written from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::super::keymap::{Context, KEYMAP};
use super::super::layout::inner;
use super::super::text::fit;

const SECTIONS: [Context; 5] = [
    Context::List,
    Context::Detail,
    Context::Global,
    Context::Search,
    Context::Help,
];
const KEYS_COLS: usize = 8;

fn lines() -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for context in SECTIONS {
        out.push(Line::styled(
            context.title(),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ));
        for binding in KEYMAP.iter().filter(|b| b.context == context) {
            out.push(Line::from(vec![
                Span::styled(
                    format!("  {}", fit(binding.keys_label, KEYS_COLS)),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(binding.help),
            ]));
        }
    }
    out
}

pub fn render(frame: &mut Frame, full: Rect) {
    let content = lines();
    let width = full.width.saturating_sub(4).min(110);
    let height = full.height.saturating_sub(2);
    let area = Rect::new(
        full.x + (full.width.saturating_sub(width)) / 2,
        full.y + (full.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Block::new()
            .borders(Borders::ALL)
            .border_style(Style::new().add_modifier(Modifier::BOLD))
            .title(" Keys (Esc closes) "),
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
    for (i, chunk) in content.chunks(rows).enumerate() {
        let x = body
            .x
            .saturating_add(column_width.saturating_mul(u16::try_from(i).unwrap_or(u16::MAX)));
        let column = Rect::new(x, body.y, column_width, body.height).intersection(body);
        frame.render_widget(Paragraph::new(chunk.to_vec()), column);
    }
}
