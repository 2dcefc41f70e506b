//! The bulk create's boxes: the dialog (and its numbering check), the preview, the
//! progress bar and the results.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::bulk_create::{
    BulkCreate, CHUNK, CreateField, CreateItem, CreatePhase, Created, NameList, Naming, PLACEHOLDER,
};
use super::super::form::LISTS;
use super::super::layout::inner;
use super::super::text::{one_line, truncate};
use super::super::update::quota::quota_left;
use super::bulk::Run;
use super::dialog::{button, input_field, label_span, popup, room, wrapped};
use super::form::{LABEL, capitalized, description, error_line, labels, put};

pub fn render(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkCreate) {
    match &bulk.phase {
        CreatePhase::Edit | CreatePhase::Checking { .. } => dialog(app, frame, full, bulk),
        CreatePhase::Preview { scroll } => preview(app, frame, full, bulk, *scroll),
        CreatePhase::Running {
            first,
            count,
            stopping,
            ..
        } => {
            let done = bulk.count(|o| *o != Created::Pending);
            let chunk = first / CHUNK + 1;
            let run = Run {
                title: " Creating ghosts ",
                current: format!(
                    "Now: chunk {chunk} of {} (ghosts {}–{})",
                    bulk.chunks(),
                    first + 1,
                    first + count
                ),
                done,
                total: bulk.items.len(),
                note: if *stopping {
                    "Stopping after this chunk…"
                } else {
                    "Esc stops after the current chunk"
                },
                failed: bulk.count(|o| !matches!(o, Created::Created(_) | Created::Pending)),
            };
            run.render(frame, full, &app.theme);
        }
        CreatePhase::Done { scroll } => results(app, frame, full, bulk, *scroll),
    }
}

/// A box over the whole body, as the edit form: a narrower one would leave fragments
/// of the panes beside it.
fn body(frame: &mut Frame, full: Rect, title: &str) -> Rect {
    let within = room(full);
    popup(frame, within, within.width, within.height, title)
}

fn dialog(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkCreate) {
    let draft = &bulk.draft;
    let area = body(frame, full, " Create many ghosts ");
    if area.is_empty() {
        return;
    }
    let theme = &app.theme;
    let typing = draft.picker.is_none() && !draft.confirm_discard;
    let label_w = u16::try_from(LABEL).unwrap_or(u16::MAX);
    let value_x = area.x.saturating_add(label_w);
    let value_w = area.width.saturating_sub(label_w);
    let mut y = area.y;
    let focus = draft.focus;

    let mut spans = vec![label_span("Names", focus == CreateField::Naming, LABEL)];
    for (naming, text) in [
        (Naming::Template, "from a template"),
        (Naming::List, "from a list"),
    ] {
        let (mark, style) = if naming == draft.naming {
            (
                "●",
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            )
        } else {
            ("○", theme.dim)
        };
        spans.push(Span::styled(format!("{mark} {text} "), style));
    }
    if focus == CreateField::Naming {
        spans.push(Span::styled("  Enter switches", theme.dim));
    }
    put(frame, area, &mut y, Line::from(spans));

    let field = |frame: &mut Frame, y: &mut u16, label: &str, f: CreateField| {
        let at = put(
            frame,
            area,
            y,
            Line::from(label_span(label, focus == f, LABEL)),
        );
        Rect::new(value_x, at, value_w, 1).intersection(area)
    };
    let note = |frame: &mut Frame, y: &mut u16, text: &str, style: Style| {
        let text = truncate(text, usize::from(value_w)).into_owned();
        put(
            frame,
            area,
            y,
            Line::from(vec![
                Span::raw(" ".repeat(LABEL)),
                Span::styled(text, style),
            ]),
        );
    };
    let error = |frame: &mut Frame, y: &mut u16, error: &Option<String>| {
        if let Some(error) = error {
            put(frame, area, y, error_line(error, value_w, theme.error));
        }
    };
    // A labelled field of several lines.
    let text_area = |frame: &mut Frame,
                     y: &mut u16,
                     label: &str,
                     (input, f): (&tui_input::Input, CreateField),
                     rows: u16| {
        let first = field(frame, y, label, f);
        for _ in 1..rows {
            put(frame, area, y, Line::default());
        }
        let at = Rect::new(value_x, first.y, value_w, rows).intersection(area);
        description(frame, input, at, typing && focus == f);
    };
    let mut names_rows = 0;
    match draft.naming {
        Naming::Template => {
            let at = field(frame, &mut y, "Template", CreateField::Template);
            input_field(
                frame,
                &draft.template,
                at,
                typing && focus == CreateField::Template,
            );
            error(frame, &mut y, &draft.errors.template);
            note(
                frame,
                &mut y,
                &format!("{PLACEHOLDER} is the number, e.g. “Backend developer #{PLACEHOLDER}”"),
                theme.dim,
            );
            let at = field(frame, &mut y, "How many", CreateField::Count);
            input_field(
                frame,
                &draft.count,
                Rect {
                    width: at.width.min(8),
                    ..at
                },
                typing && focus == CreateField::Count,
            );
            error(frame, &mut y, &draft.errors.count);
        }
        Naming::List => {
            // Two thirds of what the other rows (and an error) leave.
            names_rows = (area.height.saturating_sub(10) * 2 / 3).clamp(1, 12);
            let names = (&draft.names, CreateField::Names);
            text_area(frame, &mut y, "List", names, names_rows);
            error(frame, &mut y, &draft.errors.names);
            let list = NameList::parse(draft.names.value());
            let (text, style) = names_note(&list);
            note(frame, &mut y, &text, style.unwrap_or(theme.dim));
        }
    }

    // The rest, after the other rows and an error or two.
    let others = match draft.naming {
        Naming::Template => 15,
        Naming::List => 10 + names_rows,
    };
    let desc_rows = area.height.saturating_sub(others).clamp(1, 4);
    let description = (&draft.description, CreateField::Description);
    text_area(frame, &mut y, "Description", description, desc_rows);
    for kind in LISTS {
        let f = CreateField::List(kind);
        let at = field(frame, &mut y, &capitalized(kind), f);
        let ids = draft.lists.get(kind);
        let text = if ids.is_empty() {
            "(none)".to_string()
        } else {
            labels(app, None, kind, ids)
        };
        let hint = if focus == f { "  Enter picks" } else { "" };
        let room = usize::from(value_w).saturating_sub(hint.chars().count());
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(truncate(&text, room).into_owned()),
                Span::styled(hint, theme.dim),
            ])),
            at,
        );
    }
    note(
        frame,
        &mut y,
        "The same description and assignments for all.",
        theme.dim,
    );

    put(frame, area, &mut y, Line::default());
    let mut spans = vec![Span::raw(" ".repeat(LABEL))];
    match &bulk.phase {
        CreatePhase::Checking {
            request,
            page,
            pages,
            ..
        } => {
            let (checking, each) = match pages {
                Some(pages) => (
                    format!("Checking the numbers in use… page {page} of {pages}"),
                    "1 request a page",
                ),
                None => (
                    "Checking the numbers in use…".to_string(),
                    "1 request (one more per 100 names that match)",
                ),
            };
            spans.push(Span::styled(
                checking,
                Style::new().add_modifier(Modifier::BOLD),
            ));
            put(frame, area, &mut y, Line::from(spans));
            let text = format!("{each}: {}", one_line(request));
            for line in wrapped(&text, value_w, 3, theme.dim) {
                let mut spans = vec![Span::raw(" ".repeat(LABEL))];
                spans.extend(line.spans);
                put(frame, area, &mut y, Line::from(spans));
            }
        }
        _ => {
            spans.push(button("Preview  ^S", focus == CreateField::Preview));
            spans.push(Span::styled("   Esc closes", theme.dim));
            put(frame, area, &mut y, Line::from(spans));
            let cost = match draft.naming {
                Naming::Template => format!(
                    "The preview checks the numbers in use first: 1 request{}",
                    quota_left(app, 1)
                ),
                Naming::List => "Nothing is sent before the preview.".into(),
            };
            note(frame, &mut y, &cost, theme.dim);
        }
    }
    if let Some(error) = &draft.error {
        let rows = usize::from(area.bottom().saturating_sub(y));
        for line in wrapped(error, area.width, rows, theme.error) {
            put(frame, area, &mut y, line);
        }
    }
}

/// "5 names · given twice: X, Y" under the list.
fn names_note(list: &NameList) -> (String, Option<Style>) {
    let n = list.names.len();
    let mut text = format!("{n} name{}", if n == 1 { "" } else { "s" });
    if list.duplicates.is_empty() {
        return (text, None);
    }
    text.push_str(&format!(
        " · given more than once (allowed): {}",
        list.duplicates.join(", ")
    ));
    (text, Some(Style::new().add_modifier(Modifier::BOLD)))
}

/// Rows left for the names in the preview, or the ghosts in the results, at the app's
/// size: how far scrolling can go.
pub fn list_rows(app: &App, bulk: &BulkCreate) -> usize {
    let area = inner(room(Rect::new(0, 0, app.size.0, app.size.1)));
    let head = match bulk.phase {
        CreatePhase::Done { .. } => results_head(app, bulk, area.width).len(),
        _ => preview_head(app, bulk, area.width).len(),
    };
    usize::from(area.height).saturating_sub(head)
}

/// What the preview says above the names.
fn preview_head(app: &App, bulk: &BulkCreate, width: u16) -> Vec<Line<'static>> {
    let cols = usize::from(width);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let fit = |text: String| truncate(&text, cols).into_owned();
    let origin = match bulk.after {
        Some(0) => "Numbered from 1: no name of this template is in use on the server.".into(),
        Some(after) => format!("Numbered after {after}, the highest in use on the server."),
        None => {
            let list = NameList::parse(bulk.draft.names.value());
            names_note(&list).0
        }
    };
    let mut lines = vec![Line::styled(fit(origin), bold)];
    let description = bulk
        .base
        .description
        .as_deref()
        .map_or("(none)".into(), |d| one_line(d).into_owned());
    lines.push(Line::raw(fit(format!(
        "{:<13}{description}",
        "Description"
    ))));
    for kind in LISTS {
        let ids = bulk.draft.lists.get(kind);
        let text = if ids.is_empty() {
            "(none)".to_string()
        } else {
            labels(app, None, kind, ids)
        };
        lines.push(Line::raw(fit(format!("{:<13}{text}", capitalized(kind)))));
    }
    let chunks = bulk.chunks();
    lines.push(Line::styled(
        fit(format!(
            "{chunks} request{} (chunks of at most {CHUNK}): POST ~/ghosts/bulk_create{}",
            if chunks == 1 { "" } else { "s" },
            quota_left(app, u64::try_from(chunks).unwrap_or(u64::MAX))
        )),
        bold,
    ));
    lines.push(Line::styled(
        "Enter creates · Esc back to the dialog · j/k scroll",
        app.theme.dim,
    ));
    lines.push(Line::default());
    lines
}

fn preview(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkCreate, scroll: usize) {
    let n = bulk.items.len();
    let area = body(frame, full, &format!(" Create {n} ghosts: preview "));
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width);
    let mut lines = preview_head(app, bulk, area.width);
    let room_rows = usize::from(area.height).saturating_sub(lines.len());
    let top = scroll.min(n.saturating_sub(room_rows));
    let digits = n.to_string().len();
    for (i, item) in bulk.items.iter().enumerate().skip(top).take(room_rows) {
        let text = format!("{:>digits$}. {}", i + 1, one_line(&item.name));
        lines.push(Line::raw(truncate(&text, cols).into_owned()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What the results say above the ghosts: the counts, one line per chunk.
fn results_head(app: &App, bulk: &BulkCreate, width: u16) -> Vec<Line<'static>> {
    let summary = format!(
        "{} created · {} failed · {} unknown · {} not attempted",
        bulk.count(|o| matches!(o, Created::Created(_))),
        bulk.count(|o| matches!(o, Created::Failed(_))),
        bulk.count(|o| matches!(o, Created::Unknown(_))),
        bulk.count(|o| *o == Created::NotAttempted),
    );
    let mut lines = vec![Line::styled(
        truncate(&summary, usize::from(width)).into_owned(),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let retryable = bulk.count(Created::retryable);
    let hint = if retryable > 0 {
        format!("r retries the {retryable} not created · j/k scroll · Enter closes")
    } else {
        "j/k scroll · Enter closes".to_string()
    };
    lines.push(Line::styled(hint, app.theme.dim));
    for (k, chunk) in bulk.items.chunks(CHUNK).enumerate() {
        let first = k * CHUNK + 1;
        // All or nothing: the chunk fared as its first ghost did.
        let what = match chunk.first().map(|i| &i.outcome) {
            Some(Created::Created(_)) => "created".to_string(),
            Some(Created::Failed(why)) => format!("failed, nothing created: {why}"),
            Some(Created::Unknown(why)) => format!("unknown: {why}"),
            _ => "not attempted".to_string(),
        };
        let text = format!(
            "Chunk {} (ghosts {first}–{}): {what}",
            k + 1,
            first + chunk.len() - 1
        );
        lines.extend(wrapped(&text, width, 3, Style::new()));
    }
    lines.push(Line::default());
    lines
}

/// The head, then one line per ghost, those not created first.
fn results(app: &App, frame: &mut Frame, full: Rect, bulk: &BulkCreate, scroll: usize) {
    let area = body(frame, full, " Bulk create: results ");
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width);
    let mut lines = results_head(app, bulk, area.width);
    // Those not created first, each with its place (which tells its chunk).
    let mut all: Vec<(usize, &CreateItem)> = bulk.items.iter().enumerate().collect();
    all.sort_by_key(|(_, i)| matches!(i.outcome, Created::Created(_)));
    let room_rows = usize::from(area.height).saturating_sub(lines.len());
    let top = scroll.min(all.len().saturating_sub(room_rows));
    for (at, item) in all.into_iter().skip(top).take(room_rows) {
        let (glyph, what) = outcome(item, at / CHUNK + 1);
        let style = match item.outcome {
            Created::Created(_) => Style::new(),
            Created::NotAttempted | Created::Pending => Style::new().add_modifier(Modifier::BOLD),
            _ => app.theme.error,
        };
        let text = format!("{glyph} {} — {what}", one_line(&item.name));
        lines.push(Line::styled(truncate(&text, cols).into_owned(), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A ghost's outcome: its glyph and its words (the reason is its chunk's, above).
fn outcome(item: &CreateItem, chunk: usize) -> (&'static str, String) {
    match &item.outcome {
        Created::Created(id) => ("✓", format!("created #{id}")),
        Created::Failed(_) => ("✗", format!("not created: chunk {chunk} failed")),
        Created::Unknown(_) => ("?", format!("unknown: chunk {chunk}'s answer was lost")),
        Created::NotAttempted | Created::Pending => ("–", "not attempted".to_string()),
    }
}
