//! Marking ghosts for a bulk action.

use super::super::app::App;
use super::super::msg::Effect;
use super::{list, toast};

/// Space: marks or unmarks the ghost under the cursor, then moves down.
pub fn toggle(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(ghost) = app.selected() else {
        return;
    };
    let ghost = ghost.clone();
    app.marks.toggle(&ghost);
    list::move_by(app, 1, fx);
}

/// Marks every ghost loaded in the current view.
pub fn mark_all(app: &mut App) {
    let App { list, marks, .. } = app;
    for ghost in &list.ghosts {
        marks.mark(ghost);
    }
    let count = app.marks.len();
    toast(app, format!("{count} marked"));
}

/// Unmarks everything, in view or not.
pub fn clear(app: &mut App) {
    if !app.marks.is_empty() {
        app.marks.clear();
        toast(app, "Marks cleared".into());
    }
}
