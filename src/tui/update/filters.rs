//! The filter panel (`f`): projects, tasks and teams picked by name in the shared
//! picker, ghost ids typed, embodied or not. Applying a changed draft restarts the list
//! (one request per change, none per keystroke); `F` drops every filter at once.

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;

use super::super::app::{App, Modal};
use super::super::filters::{FilterField, FilterPanel, any};
use super::super::keymap::Action;
use super::super::msg::Effect;
use super::super::picker::Picker;
use super::super::text::{insert_text, paste_text};
use super::{list, lookups, toast};

pub fn open(app: &mut App) {
    lookups::forget_failures(app);
    app.modal = Some(Modal::Filters(Box::new(FilterPanel::new(&app.filter))));
}

fn panel_mut(app: &mut App) -> Option<&mut FilterPanel> {
    match &mut app.modal {
        Some(Modal::Filters(panel)) => Some(panel),
        _ => None,
    }
}

pub fn on_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(panel) = panel_mut(app) else {
        return;
    };
    match action {
        Action::NextField | Action::Down => panel.move_focus(true),
        Action::PrevField | Action::Up => panel.move_focus(false),
        Action::ClearField => panel.clear_focused(),
        Action::Save => apply(app, fx),
        Action::Cancel => app.modal = None,
        Action::Activate => match panel.focus {
            FilterField::List(kind) => {
                panel.picker = Some(Picker::new(kind, true, panel.lists.get(kind).to_vec()));
                lookups::ensure(app, kind, fx);
            }
            FilterField::Embodied => panel.include_embodied = !panel.include_embodied,
            FilterField::GhostIds | FilterField::Apply => apply(app, fx),
        },
        _ => {}
    }
}

/// Takes the draft: a changed filter starts the list over (page 1, a new generation);
/// an unchanged one only closes the panel. Ids that are not ids keep it open.
fn apply(app: &mut App, fx: &mut Vec<Effect>) {
    let App { modal, filter, .. } = app;
    let Some(Modal::Filters(panel)) = modal else {
        return;
    };
    let filter = match panel.apply_to(filter) {
        Ok(filter) => filter,
        Err(why) => {
            panel.error = Some(why);
            panel.focus = FilterField::GhostIds;
            return;
        }
    };
    app.modal = None;
    if filter != app.filter {
        app.filter = filter;
        list::restart(app, fx);
    }
}

/// `F`: drops the project, task, team and ghost-id filters (embodied is `i`'s).
pub fn clear_all(app: &mut App, fx: &mut Vec<Effect>) {
    if !any(&app.filter) {
        toast(app, "No filters to clear".into());
        return;
    }
    let f = &mut app.filter;
    f.project_ids.clear();
    f.task_ids.clear();
    f.team_ids.clear();
    f.ghost_ids.clear();
    list::restart(app, fx);
}

/// Typing goes to the ghost-ids field when it has the focus.
pub fn on_edit_key(app: &mut App, key: KeyEvent) {
    if let (Some(request), Some(panel)) = (to_input_request(&Event::Key(key)), panel_mut(app))
        && panel.focus == FilterField::GhostIds
    {
        panel.ghost_ids.handle(request);
        panel.error = None;
    }
}

pub fn on_paste(app: &mut App, text: &str) {
    if let Some(panel) = panel_mut(app).filter(|p| p.focus == FilterField::GhostIds) {
        insert_text(&mut panel.ghost_ids, &paste_text(text, false));
        panel.error = None;
    }
}
