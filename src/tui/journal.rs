//! The journal of bulk operations: one JSON object per line in a file in the state
//! directory, so that after an interruption the user can tell which ghosts changed.
//! `update` only asks for entries (`Effect::Journal`); the runtime writes them; this
//! module reads the file back on start and finds an operation that never ended.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::api::Id;

/// `$XDG_STATE_HOME/ghosts/journal.jsonl`, next to the log.
pub fn default_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    crate::logging::default_log_path(env).map(|log| log.with_file_name("journal.jsonl"))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalGhost {
    /// `None` for a ghost still to be created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    pub name: String,
}

impl JournalGhost {
    /// The name with the id when there is one: ghosts often share a name.
    fn label(&self) -> String {
        match self.id {
            Some(id) => format!("{} #{id}", self.name),
            None => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Entry {
    Start {
        op: String,
        kind: String,
        ghosts: Vec<JournalGhost>,
    },
    /// `outcome`: "deleted", "gone", "updated" or "failed" (with `reason`).
    Result {
        op: String,
        id: Id,
        outcome: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// One chunk of a bulk create, all or nothing: the ghosts `first..first + count`
    /// of the start's list; `outcome` "created" (with their `ids`, in order), "failed"
    /// or "unknown" (the answer was lost), with `reason`.
    Chunk {
        op: String,
        first: usize,
        count: usize,
        outcome: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        ids: Vec<Id>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    End {
        op: String,
    },
    /// The user has seen that `op` was interrupted.
    Acknowledged {
        op: String,
    },
}

impl Entry {
    /// The start of the run `op` of `kind` ("delete", "create", "update") over `ghosts`.
    pub fn start(
        op: &str,
        kind: &str,
        ghosts: impl IntoIterator<Item = (Option<Id>, String)>,
    ) -> Entry {
        Entry::Start {
            op: op.to_string(),
            kind: kind.to_string(),
            ghosts: ghosts
                .into_iter()
                .map(|(id, name)| JournalGhost { id, name })
                .collect(),
        }
    }
}

/// An operation that started and never ended, as far as the journal tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interrupted {
    pub op: String,
    pub kind: String,
    pub total: usize,
    /// Deleted (or already gone), created, or updated.
    pub changed: Vec<String>,
    pub failed: Vec<String>,
    pub not_attempted: Vec<String>,
}

impl Interrupted {
    /// "An earlier bulk delete was interrupted: 7 of 12 deleted, 5 not attempted: …"
    pub fn summary(&self) -> String {
        let mut text = format!(
            "An earlier bulk {} was interrupted: {} of {} {}",
            self.kind,
            self.changed.len(),
            self.total,
            match self.kind.as_str() {
                "create" => "created",
                "update" => "updated",
                _ => "deleted",
            }
        );
        if !self.failed.is_empty() {
            text.push_str(&format!(", {} failed", self.failed.len()));
        }
        if !self.not_attempted.is_empty() {
            text.push_str(&format!(
                ", {} not attempted: {}",
                self.not_attempted.len(),
                self.not_attempted.join(", ")
            ));
        }
        text
    }
}

/// The last operation in `text`, if it never ended and was not acknowledged, and the
/// number of lines that could not be read (skipped).
pub fn recover(text: &str) -> (Option<Interrupted>, usize) {
    let mut skipped = 0;
    // The operation, its ghosts, and which of them have a result.
    let mut last: Option<(Interrupted, Vec<JournalGhost>, Vec<bool>)> = None;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(entry) = serde_json::from_str::<Entry>(line) else {
            skipped += 1;
            continue;
        };
        match entry {
            Entry::Start { op, kind, ghosts } => {
                let state = Interrupted {
                    op,
                    kind,
                    total: ghosts.len(),
                    changed: Vec::new(),
                    failed: Vec::new(),
                    not_attempted: Vec::new(),
                };
                let done = vec![false; ghosts.len()];
                last = Some((state, ghosts, done));
            }
            Entry::Result {
                op, id, outcome, ..
            } => {
                if let Some((state, ghosts, done)) = last.as_mut().filter(|(s, ..)| s.op == op)
                    && let Some(at) =
                        (0..ghosts.len()).find(|&i| !done[i] && ghosts[i].id == Some(id))
                {
                    done[at] = true;
                    let name = ghosts[at].label();
                    match outcome.as_str() {
                        "deleted" | "gone" | "updated" => state.changed.push(name),
                        _ => state.failed.push(name),
                    }
                }
            }
            Entry::Chunk {
                op,
                first,
                count,
                outcome,
                ..
            } => {
                if let Some((state, ghosts, done)) = last.as_mut().filter(|(s, ..)| s.op == op) {
                    let end = first.saturating_add(count).min(ghosts.len());
                    for at in first..end {
                        if std::mem::replace(&mut done[at], true) {
                            continue;
                        }
                        let name = ghosts[at].label();
                        match outcome.as_str() {
                            "created" => state.changed.push(name),
                            "unknown" => {
                                state.failed.push(format!("{name} (may have been created)"))
                            }
                            _ => state.failed.push(name),
                        }
                    }
                }
            }
            Entry::End { op } | Entry::Acknowledged { op } => {
                if last.as_ref().is_some_and(|(s, ..)| s.op == op) {
                    last = None;
                }
            }
        }
    }
    let interrupted = last.map(|(mut state, ghosts, done)| {
        state.not_attempted = ghosts
            .into_iter()
            .zip(done)
            .filter(|(_, done)| !done)
            .map(|(g, _)| g.label())
            .collect();
        state
    });
    (interrupted, skipped)
}

/// Reads the journal at `path`; a missing file is an empty journal, an unreadable one
/// is logged and treated as empty, unreadable lines are logged and skipped.
pub fn read(path: &Path) -> Option<Interrupted> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return None,
        Err(err) => {
            tracing::warn!(path = %path.display(), %err, "cannot read the journal");
            return None;
        }
    };
    let (interrupted, skipped) = recover(&text);
    if skipped > 0 {
        tracing::warn!(path = %path.display(), skipped, "unreadable journal lines skipped");
    }
    interrupted
}

/// Appends `entry` as one line (creating the file and its directory).
pub fn append(path: &Path, entry: &Entry) -> std::io::Result<()> {
    let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    line.push('\n');
    crate::private::append(path)?.write_all(line.as_bytes())
}
