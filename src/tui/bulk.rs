//! A bulk delete's state: the ghosts it acts on and how each fared, and where it is
//! (asking for the typed count, deleting one by one, showing the results).

use tui_input::Input;

use crate::api::Id;

use super::msg::ReqId;

/// How many ghosts the confirm dialog names before "and N more".
pub const NAMED: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not tried yet in this run.
    Pending,
    Deleted,
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
}

impl BulkDelete {
    pub fn new(op: String, ghosts: impl IntoIterator<Item = (Id, String)>) -> Self {
        BulkDelete {
            op,
            items: ghosts
                .into_iter()
                .map(|(id, name)| BulkItem {
                    id,
                    name,
                    outcome: Outcome::Pending,
                })
                .collect(),
            phase: Phase::Confirm {
                input: Input::default(),
                error: None,
            },
        }
    }

    /// Ghosts tried so far in this run (for the progress bar).
    pub fn done_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.outcome != Outcome::Pending)
            .count()
    }

    pub fn count(&self, wanted: fn(&Outcome) -> bool) -> usize {
        self.items.iter().filter(|i| wanted(&i.outcome)).count()
    }

    /// The next ghost to try.
    pub fn next_pending(&self) -> Option<&BulkItem> {
        self.items.iter().find(|i| i.outcome == Outcome::Pending)
    }

    pub fn waits_for(&self, req: ReqId) -> bool {
        matches!(self.phase, Phase::Running { req_id, .. } if req_id == req)
    }
}
