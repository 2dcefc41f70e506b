//! The list order of live ghosts, kept in memory so a list request costs the page, not
//! the workspace: SQLite answered every page, search and filter by walking all matches
//! in name order to count them and skip to the page (p99 12–30 ms at 100,000 ghosts).
//!
//! The index holds, per live ghost, what ordering, search and the embodied rule need
//! (workspace, folded name, id, embodied). It is rebuilt from SQLite whenever the
//! connection has written anything since (SQLite's own change counter and
//! `data_version`, so no write path has to remember to update it). Assignment filters
//! are not kept here: they are read from their small link indexes per request.

use std::collections::HashSet;
use std::ops::Range;

use rusqlite::Connection;

use crate::api::{GhostFilter, Id, SortOrder};

struct Entry {
    workspace_id: Id,
    folded: String,
    id: Id,
    embodied: bool,
}

/// Which state of the store an index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    /// Rows changed by this connection since it opened.
    changes: u64,
    /// Moves when another connection (another process on the same file) commits.
    data_version: i64,
}

fn stamp(conn: &Connection) -> rusqlite::Result<Stamp> {
    Ok(Stamp {
        changes: conn.total_changes(),
        data_version: conn.query_row("PRAGMA data_version", [], |row| row.get(0))?,
    })
}

#[derive(Default)]
pub struct NameIndex {
    built: Option<Stamp>,
    /// By workspace, folded name, id: the ascending order, workspaces contiguous.
    entries: Vec<Entry>,
    /// Positions in `entries` by workspace, folded name descending, id ascending (ties
    /// keep ids ascending, so this is not `entries` reversed).
    descending: Vec<usize>,
}

/// Which ghosts a query keeps beyond workspace and liveness.
pub struct Narrowing {
    include_embodied: bool,
    /// Folded; empty keeps every name.
    search: String,
    /// Each set must hold the ghost (AND across kinds, any id within one).
    sets: Vec<HashSet<Id>>,
}

impl Narrowing {
    pub fn new(filter: &GhostFilter, folded_search: String, sets: Vec<HashSet<Id>>) -> Self {
        Narrowing {
            include_embodied: filter.include_embodied,
            search: folded_search,
            sets,
        }
    }

    fn keeps(&self, entry: &Entry) -> bool {
        (self.include_embodied || !entry.embodied)
            && (self.search.is_empty() || entry.folded.contains(&self.search))
            && self.sets.iter().all(|set| set.contains(&entry.id))
    }
}

impl NameIndex {
    /// Rebuilds the index if the store changed since it was built.
    pub fn refresh(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let now = stamp(conn)?;
        if self.built == Some(now) {
            return Ok(());
        }
        let mut statement = conn.prepare(
            "SELECT workspace_id, name_folded, id, embodied_at IS NOT NULL FROM ghosts \
             WHERE deleted_at IS NULL ORDER BY workspace_id, name_folded, id",
        )?;
        let entries = statement
            .query_map([], |row| {
                Ok(Entry {
                    workspace_id: row.get(0)?,
                    folded: row.get(1)?,
                    id: row.get(2)?,
                    embodied: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let descending = descending(&entries);
        *self = NameIndex {
            built: Some(now),
            entries,
            descending,
        };
        Ok(())
    }

    /// The ids of one page (`rows` after skipping `offset` matches) in `order`, and
    /// how many ghosts of the workspace match in all.
    pub fn page(
        &self,
        workspace_id: Id,
        order: SortOrder,
        narrowing: &Narrowing,
        offset: u64,
        rows: usize,
    ) -> (Vec<Id>, u64) {
        let range = self.workspace(workspace_id);
        let in_order: Box<dyn Iterator<Item = &Entry>> = match order {
            SortOrder::NameAsc => Box::new(self.entries[range.clone()].iter()),
            SortOrder::NameDesc => {
                Box::new(self.descending[range].iter().map(|&at| &self.entries[at]))
            }
        };
        let (mut ids, mut total) = (Vec::with_capacity(rows), 0u64);
        for entry in in_order.filter(|entry| narrowing.keeps(entry)) {
            if total >= offset && ids.len() < rows {
                ids.push(entry.id);
            }
            total += 1;
        }
        (ids, total)
    }

    /// Where the workspace's ghosts are, in `entries` and in `descending` alike.
    fn workspace(&self, workspace_id: Id) -> Range<usize> {
        let start = self
            .entries
            .partition_point(|e| e.workspace_id < workspace_id);
        let end = self
            .entries
            .partition_point(|e| e.workspace_id <= workspace_id);
        start..end
    }
}

/// The descending order, from the ascending one without sorting again (the rebuild
/// after a write is what a list then waits for): runs of one workspace and one name
/// in reverse, each run's ids still ascending.
fn descending(entries: &[Entry]) -> Vec<usize> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for end in 1..=entries.len() {
        let same = entries.get(end).is_some_and(|next| {
            next.workspace_id == entries[start].workspace_id && next.folded == entries[start].folded
        });
        if !same {
            runs.push(start..end);
            start = end;
        }
    }
    let mut out = Vec::with_capacity(entries.len());
    for workspace in
        runs.chunk_by(|a, b| entries[a.start].workspace_id == entries[b.start].workspace_id)
    {
        for run in workspace.iter().rev() {
            out.extend(run.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE ghosts (id INTEGER PRIMARY KEY, workspace_id INTEGER, \
             name_folded TEXT, embodied_at TEXT, deleted_at TEXT);
             INSERT INTO ghosts VALUES (1, 1, 'b', NULL, NULL), (2, 1, 'a', NULL, NULL),
               (3, 1, 'b', NULL, NULL), (4, 1, 'c', 'x', NULL), (5, 1, 'a', NULL, 'x'),
               (6, 2, 'a', NULL, NULL), (7, 2, 'b', NULL, NULL), (8, 0, 'z', NULL, NULL);",
        )
        .unwrap();
        conn
    }

    fn page(index: &NameIndex, order: SortOrder, search: &str, embodied: bool) -> Vec<Id> {
        let narrowing = Narrowing {
            include_embodied: embodied,
            search: search.into(),
            sets: Vec::new(),
        };
        let (ids, total) = index.page(1, order, &narrowing, 0, 10);
        assert_eq!(total, ids.len() as u64);
        ids
    }

    #[test]
    fn orders_both_ways_with_ties_by_id_and_keeps_to_live_ghosts_of_the_workspace() {
        let conn = store();
        let mut index = NameIndex::default();
        index.refresh(&conn).unwrap();
        assert_eq!(page(&index, SortOrder::NameAsc, "", false), [2, 1, 3]);
        assert_eq!(page(&index, SortOrder::NameDesc, "", true), [4, 1, 3, 2]);
        assert_eq!(page(&index, SortOrder::NameAsc, "b", true), [1, 3]);
        let narrowing = Narrowing::new(&GhostFilter::default(), String::new(), Vec::new());
        let other = index.page(2, SortOrder::NameDesc, &narrowing, 0, 10);
        assert_eq!(other, (vec![7, 6], 2));
        assert_eq!(
            index.page(1, SortOrder::NameAsc, &narrowing, 1, 1),
            (vec![1], 3)
        );
    }

    #[test]
    fn a_write_is_seen_by_the_next_refresh() {
        let conn = store();
        let mut index = NameIndex::default();
        index.refresh(&conn).unwrap();
        conn.execute("UPDATE ghosts SET deleted_at = 'x' WHERE id = 2", [])
            .unwrap();
        index.refresh(&conn).unwrap();
        assert_eq!(page(&index, SortOrder::NameAsc, "", false), [1, 3]);
    }
}
