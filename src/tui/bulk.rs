//! The bulk runs' state: the ghosts each acts on and how each fared, and where it is.
//! A bulk delete asks for the typed count, deletes one by one, shows the results; a bulk
//! edit has its form, a preview, sends chunks of patches, shows the results.

use tui_input::Input;

use crate::api::{Ghost, GhostPatch, Id};

use super::form::{Form, Lists};
use super::keymap::Action;
use super::msg::ReqId;

/// Ghosts per `bulk_update` request (the API's limit).
pub const CHUNK: usize = 100;

/// Rows PgUp/PgDn move a preview or results list by.
const PAGE: usize = 10;

/// Where a list scrolled to `scroll` goes on `action`, at most `last`; `None` for a
/// key that does not scroll.
pub fn scrolled(scroll: usize, action: Action, last: usize) -> Option<usize> {
    let to = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(PAGE),
        Action::PageDown => scroll.saturating_add(PAGE),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to.min(last))
}

/// How many ghosts the confirm dialog names before "and N more".
pub const NAMED: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not tried yet in this run.
    Pending,
    Deleted,
    /// Its chunk of a bulk edit was applied.
    Updated,
    /// 404: someone else deleted it first; what the user wanted all the same.
    Gone,
    Failed(String),
    /// The run was stopped before its turn.
    NotAttempted,
}

impl Outcome {
    /// Worth another try.
    pub fn retryable(&self) -> bool {
        matches!(self, Outcome::Failed(_) | Outcome::NotAttempted)
    }

    /// The ghost is no more.
    pub fn removed(&self) -> bool {
        matches!(self, Outcome::Deleted | Outcome::Gone)
    }
}

/// What the bulk runs share: their ghosts and how each fared.
pub trait Items {
    fn items(&self) -> &[BulkItem];

    /// Ghosts tried so far in this run (for the progress bar).
    fn done_count(&self) -> usize {
        self.items()
            .iter()
            .filter(|i| i.outcome != Outcome::Pending)
            .count()
    }

    fn count(&self, wanted: fn(&Outcome) -> bool) -> usize {
        self.items().iter().filter(|i| wanted(&i.outcome)).count()
    }

    /// The next ghost to try.
    fn next_pending(&self) -> Option<&BulkItem> {
        self.items().iter().find(|i| i.outcome == Outcome::Pending)
    }

    /// `(id, name)` of the ghosts worth another try, for the retry's run.
    fn to_retry(&self) -> Vec<(Id, String)> {
        self.items()
            .iter()
            .filter(|i| i.outcome.retryable())
            .map(|i| (i.id, i.name.clone()))
            .collect()
    }
}

/// Items not tried yet, for `(id, name)` pairs.
fn pending_items(ghosts: impl IntoIterator<Item = (Id, String)>) -> Vec<BulkItem> {
    ghosts
        .into_iter()
        .map(|(id, name)| BulkItem {
            id,
            name,
            outcome: Outcome::Pending,
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkItem {
    pub id: Id,
    pub name: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Phase {
    /// The user types the number of ghosts to go ahead.
    Confirm {
        input: Input,
        error: Option<String>,
    },
    /// One DELETE at a time; `stopping` once Esc asked to stop after this one.
    Running {
        req_id: ReqId,
        stopping: bool,
    },
    Done,
}

#[derive(Debug, Clone)]
pub struct BulkDelete {
    /// Names this run in the journal.
    pub op: String,
    pub items: Vec<BulkItem>,
    pub phase: Phase,
    /// Rows the results are scrolled down.
    pub scroll: usize,
}

impl BulkDelete {
    pub fn new(op: String, ghosts: impl IntoIterator<Item = (Id, String)>) -> Self {
        BulkDelete {
            op,
            items: pending_items(ghosts),
            phase: Phase::Confirm {
                input: Input::default(),
                error: None,
            },
            scroll: 0,
        }
    }

    pub fn waits_for(&self, req: ReqId) -> bool {
        matches!(self.phase, Phase::Running { req_id, .. } if req_id == req)
    }
}

impl Items for BulkDelete {
    fn items(&self) -> &[BulkItem] {
        &self.items
    }
}

/// One marked ghost in a bulk edit's preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// As last seen (the marks' snapshot).
    pub ghost: Ghost,
    pub after: Lists,
    /// `None`: it has what was chosen already; nothing is sent for it.
    pub patch: Option<GhostPatch>,
}

#[derive(Debug, Clone)]
pub enum EditPhase {
    Form,
    /// Each marked ghost before and after; `scroll` rows down.
    Preview {
        scroll: usize,
    },
    /// One chunk on its way; `stopping` once Esc asked to stop after it.
    Running {
        req_id: ReqId,
        stopping: bool,
        chunk: Vec<Id>,
    },
    Done,
}

#[derive(Debug, Clone)]
pub struct BulkEdit {
    pub form: Form,
    pub phase: EditPhase,
    /// Names this run in the journal (set when it starts).
    pub op: String,
    /// The marked ghosts, as the preview shows them.
    pub targets: Vec<Target>,
    /// The ghosts the run sends (those that change), and how each fared.
    pub items: Vec<BulkItem>,
    /// Rows the results are scrolled down.
    pub scroll: usize,
}

impl BulkEdit {
    pub fn new() -> Self {
        BulkEdit {
            form: Form::bulk(),
            phase: EditPhase::Form,
            op: String::new(),
            targets: Vec::new(),
            items: Vec::new(),
            scroll: 0,
        }
    }

    /// A new run (journaled as `op`) over `ghosts`, which must have patches.
    pub fn start_run(&mut self, op: String, ghosts: impl IntoIterator<Item = (Id, String)>) {
        self.op = op;
        self.items = pending_items(ghosts);
        self.scroll = 0;
    }

    /// The patch for `id`, with its id.
    pub fn patch(&self, id: Id) -> Option<GhostPatch> {
        let target = self.targets.iter().find(|t| t.ghost.id == id)?;
        let patch = target.patch.clone()?;
        Some(GhostPatch {
            id: Some(id),
            ..patch
        })
    }

    /// How many of the marked ghosts would change.
    pub fn changing(&self) -> usize {
        self.targets.iter().filter(|t| t.patch.is_some()).count()
    }

    pub fn waits_for(&self, req: ReqId) -> bool {
        matches!(self.phase, EditPhase::Running { req_id, .. } if req_id == req)
    }
}

impl Default for BulkEdit {
    fn default() -> Self {
        Self::new()
    }
}

impl Items for BulkEdit {
    fn items(&self) -> &[BulkItem] {
        &self.items
    }
}
