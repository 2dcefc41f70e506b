//! The filter panel's draft (projects, tasks, teams picked by name, ghost ids typed,
//! embodied or not) and the chips that show the filters in force above the list.

use tui_input::Input;

use crate::api::{GhostFilter, Id};

use super::dialogs::cycle;
use super::form::{LISTS, Lists, label, parse_ids};
use super::lookups::{LookupKind, Lookups};
use super::picker::Picker;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    List(LookupKind),
    GhostIds,
    Embodied,
    Apply,
}

const FIELDS: [FilterField; 6] = [
    FilterField::List(LookupKind::Projects),
    FilterField::List(LookupKind::Tasks),
    FilterField::List(LookupKind::Teams),
    FilterField::GhostIds,
    FilterField::Embodied,
    FilterField::Apply,
];

#[derive(Debug, Clone)]
pub struct FilterPanel {
    pub lists: Lists,
    /// Ghost ids, comma-separated; checked when applied.
    pub ghost_ids: Input,
    pub include_embodied: bool,
    pub focus: FilterField,
    pub picker: Option<Picker>,
    /// Why the draft was refused.
    pub error: Option<String>,
}

impl FilterPanel {
    /// A draft of the filters in force.
    pub fn new(filter: &GhostFilter) -> Self {
        let ids = filter
            .ghost_ids
            .iter()
            .map(Id::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        FilterPanel {
            lists: Lists([
                filter.project_ids.clone(),
                filter.task_ids.clone(),
                filter.team_ids.clone(),
            ]),
            ghost_ids: Input::new(ids),
            include_embodied: filter.include_embodied,
            focus: FIELDS[0],
            picker: None,
            error: None,
        }
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = cycle(&FIELDS, self.focus, forward);
    }

    /// Empties the focused filter (Ctrl-D): the way to drop one chip.
    pub fn clear_focused(&mut self) {
        match self.focus {
            FilterField::List(kind) => self.lists.set(kind, Vec::new()),
            FilterField::GhostIds => self.ghost_ids = Input::default(),
            FilterField::Embodied => self.include_embodied = false,
            FilterField::Apply => {}
        }
        self.error = None;
    }

    /// `base` (search and order stay) with this draft's filters, or why the typed ids
    /// are refused.
    pub fn apply_to(&self, base: &GhostFilter) -> Result<GhostFilter, String> {
        let ghost_ids = parse_ids(self.ghost_ids.value()).map_err(|e| format!("Ghost ids: {e}"))?;
        Ok(GhostFilter {
            project_ids: self.lists.get(LookupKind::Projects).to_vec(),
            task_ids: self.lists.get(LookupKind::Tasks).to_vec(),
            team_ids: self.lists.get(LookupKind::Teams).to_vec(),
            ghost_ids,
            include_embodied: self.include_embodied,
            ..base.clone()
        })
    }
}

/// Whether any project, task, team or ghost-id filter is in force.
pub fn any(filter: &GhostFilter) -> bool {
    !(filter.project_ids.is_empty()
        && filter.task_ids.is_empty()
        && filter.team_ids.is_empty()
        && filter.ghost_ids.is_empty())
}

/// One filter in force, as shown above the list: "project: Rebrand".
pub fn chips(filter: &GhostFilter, lookups: &Lookups) -> Vec<String> {
    let mut out = Vec::new();
    for kind in LISTS {
        let ids = match kind {
            LookupKind::Projects => &filter.project_ids,
            LookupKind::Tasks => &filter.task_ids,
            _ => &filter.team_ids,
        };
        for &id in ids {
            out.push(format!(
                "{}: {}",
                singular(kind),
                label(lookups, None, kind, id)
            ));
        }
    }
    for id in &filter.ghost_ids {
        out.push(format!("ghost: #{id}"));
    }
    out
}

fn singular(kind: LookupKind) -> &'static str {
    match kind {
        LookupKind::Projects => "project",
        LookupKind::Tasks => "task",
        LookupKind::Teams => "team",
        LookupKind::Members => "member",
        LookupKind::Roles => "role",
    }
}
