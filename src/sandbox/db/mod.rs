//! SQLite storage: in memory by default, or a file that keeps its data across runs.

pub mod ghosts;
pub mod index;
pub mod lookups;

use std::path::Path;

use anyhow::Context;
use rusqlite::{Connection, OptionalExtension};
use time::OffsetDateTime;

use crate::api::Id;

/// Opens the store: a file that already holds sandbox data is reused as it is;
/// anything else gets the schema and freshly seeded demo data.
pub fn open(
    path: Option<&Path>,
    ghosts: usize,
    seed: u64,
    now: OffsetDateTime,
) -> anyhow::Result<Connection> {
    let mut conn = match path {
        Some(path) => Connection::open(path)
            .with_context(|| format!("cannot open the sandbox database {}", path.display()))?,
        None => Connection::open_in_memory().context("cannot open an in-memory database")?,
    };
    let where_ = || match path {
        Some(path) => format!("the sandbox database {}", path.display()),
        None => "the in-memory sandbox database".to_string(),
    };
    let existing: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ghosts'",
            [],
            |row| row.get(0),
        )
        .optional()
        .with_context(|| format!("cannot read {}", where_()))?;
    if existing.is_none() {
        let tx = conn
            .transaction()
            .with_context(|| format!("cannot write to {}", where_()))?;
        tx.execute_batch(include_str!("schema.sql"))
            .with_context(|| format!("cannot create the tables of {}", where_()))?;
        super::seed::seed(&tx, ghosts, seed, now)
            .with_context(|| format!("cannot seed {}", where_()))?;
        // Statistics let the planner pick the small index for totals.
        tx.execute_batch("ANALYZE")
            .with_context(|| format!("cannot analyze {}", where_()))?;
        tx.commit()
            .with_context(|| format!("cannot write to {}", where_()))?;
    }
    Ok(conn)
}

/// The organization a workspace belongs to, if the workspace exists.
pub fn workspace_organization(conn: &Connection, workspace_id: Id) -> rusqlite::Result<Option<Id>> {
    conn.query_row(
        "SELECT organization_id FROM workspaces WHERE id = ?1",
        [workspace_id],
        |row| row.get(0),
    )
    .optional()
}

/// The three kinds of thing a ghost can be assigned to. Each has its own link table
/// `ghost_<kind>(ghost_id, target_id)`, so one set of queries serves all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Projects,
    Tasks,
    Teams,
}

impl Link {
    pub const ALL: [Link; 3] = [Link::Projects, Link::Tasks, Link::Teams];

    /// The table of the things themselves; each has a `workspace_id`.
    pub fn target_table(self) -> &'static str {
        match self {
            Link::Projects => "projects",
            Link::Tasks => "tasks",
            Link::Teams => "teams",
        }
    }

    pub fn link_table(self) -> &'static str {
        match self {
            Link::Projects => "ghost_projects",
            Link::Tasks => "ghost_tasks",
            Link::Teams => "ghost_teams",
        }
    }

    /// The request field that lists ids of this kind.
    pub fn field(self) -> &'static str {
        match self {
            Link::Projects => "assign_projects",
            Link::Tasks => "assign_tasks",
            Link::Teams => "assign_teams",
        }
    }
}
