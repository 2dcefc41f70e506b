//! The embody dialog: member, role, what will happen, the buttons.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::dialogs::{EmbodyDialog, EmbodyField};
use super::super::form::TypedIds;
use super::super::lookups::{Item, Lookup, LookupKind};
use super::super::text::{one_line, truncate};
use super::dialog::{button, input_field, label_span, popup, room, wrapped};

const LABEL: usize = 10;

pub fn render(app: &App, dialog: &EmbodyDialog, frame: &mut Frame, full: Rect) {
    let error_rows = dialog.error.as_ref().map_or(0, |_| 3);
    let title = format!(" Embody “{}” ", dialog.ghost_name);
    let area = popup(frame, room(full), 76, 10 + error_rows, &title);
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width);
    let typing = dialog.picker.is_none();
    let dim = app.theme.dim;
    let mut lines = wrapped(
        "Hand this ghost to a member of the organization; its assignments go with it.",
        area.width,
        2,
        dim,
    );
    let fields = [
        (
            EmbodyField::Member,
            "Member",
            LookupKind::Members,
            &dialog.typed_member,
            &dialog.member,
        ),
        (
            EmbodyField::Role,
            "Role",
            LookupKind::Roles,
            &dialog.typed_role,
            &dialog.role,
        ),
    ];
    let mut inputs: Vec<(u16, &TypedIds, bool)> = Vec::new();
    for (field, label, kind, typed, chosen) in fields {
        let focused = dialog.focus == field;
        let mut spans = vec![label_span(label, focused, LABEL)];
        match typed {
            Some(typed) => {
                let row = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                inputs.push((row, typed, focused));
                lines.push(Line::from(spans));
                let what = if kind == LookupKind::Members {
                    "org user id, account id"
                } else {
                    "role id"
                };
                let why = app.lookups.failed(kind).unwrap_or("");
                let note = format!(
                    "  {} could not be loaded ({why}): type the {what}",
                    kind.name()
                );
                lines.push(Line::styled(truncate(&note, cols).into_owned(), dim));
                continue;
            }
            None => spans.push(Span::raw(
                truncate(
                    &chosen_text(app, kind, chosen.as_ref()),
                    cols.saturating_sub(LABEL),
                )
                .into_owned(),
            )),
        }
        if focused {
            spans.push(Span::styled("  Enter picks", dim));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    let summary = dialog
        .summary()
        .unwrap_or_else(|| "Choose a member and a role.".into());
    lines.extend(wrapped(
        &summary,
        area.width,
        2,
        Style::new().add_modifier(Modifier::BOLD),
    ));
    if dialog.sending.is_some() {
        lines.push(Line::raw("Embodying…"));
    } else {
        lines.push(Line::from(vec![
            button("Embody  ^S", dialog.focus == EmbodyField::Confirm),
            Span::raw("  "),
            button("Cancel", dialog.focus == EmbodyField::Cancel),
        ]));
    }
    if let Some(error) = &dialog.error {
        lines.extend(wrapped(error, area.width, 3, app.theme.error));
    }
    frame.render_widget(Paragraph::new(lines), area);
    let value_x = area
        .x
        .saturating_add(u16::try_from(LABEL).unwrap_or(u16::MAX));
    for (row, typed, focused) in inputs {
        let field = Rect::new(
            value_x,
            area.y.saturating_add(row),
            area.width
                .saturating_sub(u16::try_from(LABEL).unwrap_or(u16::MAX)),
            1,
        )
        .intersection(area);
        input_field(frame, &typed.input, field, typing && focused);
    }
}

fn chosen_text(app: &App, kind: LookupKind, chosen: Option<&Item>) -> String {
    match (chosen, app.lookups.get(kind)) {
        (Some(item), _) if item.detail.is_empty() => one_line(&item.name).into_owned(),
        (Some(item), _) if kind == LookupKind::Members => {
            format!("{} <{}>", one_line(&item.name), one_line(&item.detail))
        }
        (Some(item), _) => format!("{} ({})", one_line(&item.name), one_line(&item.detail)),
        (None, Lookup::Ready(_)) => "(none chosen)".into(),
        (None, _) => format!("(loading {}…)", kind.name()),
    }
}
