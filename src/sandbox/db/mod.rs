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
    if existing.is_some() {
        check_writable(&conn).with_context(|| {
            format!(
                "{} cannot be written (read-only file, folder or disk); make it writable \
                 or give another --db path",
                where_()
            )
        })?;
    } else {
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

/// Writes and rolls back, so a database that can be read but not written (file,
/// folder for its journal, or disk read-only) is refused at start, not at the first
/// write a user makes.
fn check_writable(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("BEGIN IMMEDIATE; CREATE TABLE main.write_probe (x); ROLLBACK;")
        .inspect_err(|_| {
            // Leaves no transaction open behind a failed probe.
            let _ = conn.execute_batch("ROLLBACK");
        })
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

#[cfg(test)]
mod tests {
    use rusqlite::OpenFlags;

    use super::*;

    #[test]
    fn a_database_that_cannot_be_written_is_refused_at_start() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("sandbox.db");
        let now = OffsetDateTime::UNIX_EPOCH;
        drop(open(Some(&path), 3, 1, now).expect("a fresh database"));
        // Reopened as it is: writable.
        let conn = open(Some(&path), 3, 1, now).expect("reused");
        check_writable(&conn).expect("writable");
        // Tests run as root, whom file modes do not stop; a read-only handle stands
        // in for a read-only file.
        let read_only = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("opened read-only");
        assert!(check_writable(&read_only).is_err());
        // The probe leaves nothing behind.
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'write_probe'",
                [],
                |row| row.get(0),
            )
            .expect("counted");
        assert_eq!(tables, 0);
    }
}
