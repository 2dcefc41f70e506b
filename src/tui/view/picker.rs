//! A picker over its form or dialog: the filter line, then the entries it lets
//! through, the highlighted one reversed, chosen ones ticked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::layout::scroll_to_cursor;
use super::super::lookups::{Item, Lookup};
use super::super::picker::Picker;
use super::super::text::{fit, one_line, truncate, width};
use super::super::theme::Theme;
use super::detail::parse_color;
use super::dialog::{band, input_field, popup, room};

const MAX_WIDTH: u16 = 72;

pub fn render(app: &App, picker: &Picker, frame: &mut Frame, full: Rect) {
    let within = room(full);
    let items = app.lookups.items(picker.kind);
    let visible = picker.visible(items);
    let wanted = u16::try_from(visible.len().saturating_add(4)).unwrap_or(u16::MAX);
    let title = format!(" Choose {} ", picker.kind.name());
    let area = popup(
        frame,
        within,
        within.width.saturating_sub(4).min(MAX_WIDTH),
        wanted.max(8),
        &title,
    );
    if area.is_empty() {
        return;
    }
    let prompt = "Filter: ";
    let prompt_w = u16::try_from(width(prompt)).unwrap_or(0);
    frame.render_widget(
        Paragraph::new(Span::styled(
            prompt,
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let filter = Rect::new(
        area.x.saturating_add(prompt_w),
        area.y,
        area.width.saturating_sub(prompt_w),
        1,
    );
    input_field(frame, &picker.filter, filter, true);

    let status = match app.lookups.get(picker.kind) {
        Lookup::Ready(_) if picker.multi => format!(
            "{} chosen · {} of {} shown",
            picker.chosen.len(),
            visible.len(),
            items.len()
        ),
        Lookup::Ready(_) => format!("{} of {} shown", visible.len(), items.len()),
        Lookup::Failed(why) => format!("could not load {}: {why}", picker.kind.name()),
        Lookup::NotAsked | Lookup::Loading(_) => format!("loading {}…", picker.kind.name()),
    };
    let cols = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&status, cols).into_owned(),
            app.theme.dim,
        )),
        band(area, 1, 1),
    );

    let list = band(area, 2, area.height.saturating_sub(2));
    let rows = usize::from(list.height);
    if rows == 0 {
        return;
    }
    let offset = scroll_to_cursor(0, picker.cursor, rows);
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, item)| entry(&app.theme, picker, item, i == picker.cursor, cols))
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn entry(
    theme: &Theme,
    picker: &Picker,
    item: &Item,
    highlighted: bool,
    cols: usize,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    let tick = match (picker.multi, picker.is_chosen(item.id)) {
        (true, true) => "[x] ",
        (true, false) => "[ ] ",
        (false, _) if highlighted => "› ",
        (false, _) => "  ",
    };
    spans.push(Span::raw(tick));
    used += width(tick);
    if let Some(color) = &item.color {
        let (mark, style) = theme.swatch(parse_color(color));
        spans.push(Span::styled(mark, style));
        used += 2;
    }
    if let Some(emoji) = &item.emoji {
        let emoji = format!("{} ", one_line(emoji));
        used += width(&emoji);
        spans.push(Span::raw(emoji));
    }
    let detail = if item.detail.is_empty() {
        String::new()
    } else {
        format!("  {}", one_line(&item.detail))
    };
    let id = format!("  #{}", item.id);
    let name_room = cols.saturating_sub(used + width(&detail) + width(&id));
    let name = one_line(&item.name);
    let name = if width(&name) > name_room {
        truncate(&name, name_room.max(cols.saturating_sub(used).min(12))).into_owned()
    } else {
        name.into_owned()
    };
    used += width(&name);
    spans.push(Span::raw(name));
    let rest = format!("{detail}{id}");
    spans.push(Span::styled(
        fit(&rest, cols.saturating_sub(used)),
        theme.dim,
    ));
    let style = if highlighted {
        theme.selected
    } else {
        Style::new()
    };
    Line::from(spans).style(style)
}
