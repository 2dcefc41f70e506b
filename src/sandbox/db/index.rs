//! The list order of live ghosts, kept in memory so a list request costs the page, not
//! the workspace: SQLite answered every page, search and filter by walking all matches
//! in name order to count them and skip to the page (p99 12–30 ms at 100,000 ghosts).
//!
//! The index holds, per live ghost, what ordering, search and the embodied rule need
//! (workspace, folded name, id, embodied). A write handler tells it which ghosts it
//! touched ([`NameIndex::written`]), and only those entries are read again: rebuilding
//! all of them made the first list after a write wait (p99 24 ms at 100,000 ghosts).
//! Any other change (a write path that does not say, a failed write, another process
//! on the same file) is caught by SQLite's own change counter and `data_version`, and
//! the next list rebuilds. Assignment filters are not kept here: they are read from
//! their small link indexes per request.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use rusqlite::{Connection, Row};

use crate::api::{GhostFilter, Id, SortOrder};

struct Entry {
    workspace_id: Id,
    folded: String,
    id: Id,
    embodied: bool,
}

/// Which state of the store an index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Rows changed by this connection since it opened.
    changes: u64,
    /// Moves when another connection (another process on the same file) commits.
    data_version: i64,
}

/// The store's state now: taken by a write handler before it writes.
pub fn stamp(conn: &Connection) -> rusqlite::Result<Stamp> {
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
    /// keep ids ascending, so this is not `entries` reversed). Worked out by the first
    /// Z→A list after a change, so a write does not pay for it (walking runs of names
    /// backwards on every Z→A list instead made those lists 2–3× slower).
    descending: OnceCell<Vec<usize>>,
}

impl Entry {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
        Ok(Entry {
            workspace_id: row.get(0)?,
            folded: row.get(1)?,
            id: row.get(2)?,
            embodied: row.get(3)?,
        })
    }

    fn key(&self) -> (Id, &str, Id) {
        (self.workspace_id, &self.folded, self.id)
    }
}

/// What an entry is made of, for the live ghosts `WHERE` picks, in `entries`' order
/// (SQLite's binary collation orders UTF-8 as Rust's `str` does).
fn read_entries(conn: &Connection, where_: &str) -> rusqlite::Result<Vec<Entry>> {
    conn.prepare(&format!(
        "SELECT workspace_id, name_folded, id, embodied_at IS NOT NULL FROM ghosts \
         WHERE deleted_at IS NULL{where_} ORDER BY workspace_id, name_folded, id"
    ))?
    .query_map([], Entry::from_row)?
    .collect()
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
        *self = NameIndex {
            built: Some(now),
            entries: read_entries(conn, "")?,
            descending: OnceCell::new(),
        };
        Ok(())
    }

    /// Brings the index up to date after a write on `conn` that changed only the ghosts
    /// `ids` (created, renamed, deleted or embodied them), `before` being the store's
    /// stamp from before that write. Reads just those ghosts again. If the index was
    /// not current before the write, or anything else changed the store meanwhile, it
    /// stays stale and the next list rebuilds it; a failure here does the same, so the
    /// write it follows still succeeds.
    pub fn written(&mut self, conn: &Connection, before: Stamp, ids: &[Id]) {
        if self.built != Some(before) {
            return;
        }
        if let Err(err) = self.reread(conn, before, ids) {
            tracing::warn!(error = %err, "cannot update the list index; it will be rebuilt");
        }
    }

    fn reread(&mut self, conn: &Connection, before: Stamp, ids: &[Id]) -> rusqlite::Result<()> {
        let now = stamp(conn)?;
        if now.data_version != before.data_version {
            return Ok(());
        }
        let mut touched = ids.to_vec();
        touched.sort_unstable();
        touched.dedup();
        // Ids are integers from the store, so writing them into the SQL is safe.
        let list = touched
            .iter()
            .map(Id::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let fresh = read_entries(conn, &format!(" AND id IN ({list})"))?;
        let mut old = std::mem::take(&mut self.entries);
        old.retain(|e| touched.binary_search(&e.id).is_err());
        self.entries = merge(old, fresh);
        self.descending = OnceCell::new();
        self.built = Some(now);
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
            SortOrder::NameAsc => Box::new(self.entries[range].iter()),
            SortOrder::NameDesc => {
                let positions = self.descending.get_or_init(|| descending(&self.entries));
                Box::new(positions[range].iter().map(|&at| &self.entries[at]))
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

/// The descending order, from the ascending one without sorting again: runs of one
/// workspace and one name in reverse, each run's ids still ascending.
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

/// Two runs in `entries`' order as one.
fn merge(a: Vec<Entry>, b: Vec<Entry>) -> Vec<Entry> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.key() < x.key() => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(entry) => out.push(entry),
            None => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::sandbox::db::ghosts as store;

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

    /// One write the randomized check makes, as the handlers would.
    #[derive(Debug, Clone)]
    enum Write {
        Create {
            workspace_id: Id,
            name: &'static str,
        },
        Rename {
            pick: usize,
            name: &'static str,
        },
        Delete {
            pick: usize,
        },
        Embody {
            pick: usize,
        },
        /// Several of the above in one transaction, as the bulk routes do.
        Bulk(Vec<Write>),
    }

    /// Few, short names, so ties and shared prefixes are common; folding makes some
    /// of them equal; the searches below look for some of them.
    const NAMES: [&str; 8] = ["a", "A", "ab", "b", "Ba", "東京", "ΟΔΟΣ", "οδος"];

    fn write() -> impl Strategy<Value = Write> {
        let name = proptest::sample::select(&NAMES[..]);
        let one = prop_oneof![
            (1..=2 as Id, name.clone())
                .prop_map(|(workspace_id, name)| Write::Create { workspace_id, name }),
            (any::<usize>(), name).prop_map(|(pick, name)| Write::Rename { pick, name }),
            any::<usize>().prop_map(|pick| Write::Delete { pick }),
            any::<usize>().prop_map(|pick| Write::Embody { pick }),
        ];
        prop_oneof![
            4 => one.clone(),
            1 => proptest::collection::vec(one, 1..5).prop_map(Write::Bulk),
        ]
    }

    /// Applies `write` with the store's own functions; returns the ghosts it touched.
    fn apply(conn: &Connection, write: &Write) -> Vec<Id> {
        let now = time::macros::datetime!(2026-12-01 12:00 UTC);
        let ids: Vec<Id> = conn
            .prepare("SELECT id FROM ghosts ORDER BY id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let pick = |at: usize| ids[at % ids.len()];
        match write {
            Write::Create { workspace_id, name } => {
                let row = store::GhostRow {
                    workspace_id: *workspace_id,
                    name,
                    description: None,
                    user_id: None,
                    embodied_at: None,
                    created_at: "x".into(),
                    updated_at: "x".into(),
                    deleted_at: None,
                };
                vec![store::insert_row(conn, &row).unwrap()]
            }
            Write::Rename { pick: at, name } => {
                store::update_fields(conn, pick(*at), Some(name), None, now).unwrap();
                vec![pick(*at)]
            }
            Write::Delete { pick: at } => {
                // Either workspace: a miss writes nothing, as a 404 would.
                store::soft_delete(conn, 1, pick(*at), now).unwrap();
                vec![pick(*at)]
            }
            Write::Embody { pick: at } => {
                store::embody(conn, pick(*at), 7, now).unwrap();
                vec![pick(*at)]
            }
            Write::Bulk(writes) => {
                conn.execute_batch("BEGIN").unwrap();
                let touched = writes.iter().flat_map(|w| apply(conn, w)).collect();
                conn.execute_batch("COMMIT").unwrap();
                touched
            }
        }
    }

    /// Every page a list could ask of `index`, in a form to compare.
    fn answers(index: &NameIndex) -> Vec<(Vec<Id>, u64)> {
        let mut out = Vec::new();
        for workspace_id in [1, 2] {
            for order in [SortOrder::NameAsc, SortOrder::NameDesc] {
                for search in ["", "a", "東", "οδοσ"] {
                    for include_embodied in [false, true] {
                        for sets in [Vec::new(), vec![(1..=20).collect::<HashSet<Id>>()]] {
                            let narrowing = Narrowing {
                                include_embodied,
                                search: search.into(),
                                sets,
                            };
                            for offset in [0, 3] {
                                out.push(index.page(workspace_id, order, &narrowing, offset, 5));
                            }
                        }
                    }
                }
            }
        }
        out
    }

    proptest! {
        // The same cases on every run: `cargo test` passes or fails alike everywhere.
        #![proptest_config(ProptestConfig {
            cases: 64,
            rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_203),
            ..ProptestConfig::default()
        })]

        /// After any writes that said what they touched, the index answers every list
        /// as one built afresh would, without having been rebuilt.
        #[test]
        fn writes_kept_up_incrementally_answer_as_a_rebuild_does(
            writes in proptest::collection::vec(write(), 1..12)
        ) {
            let conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(include_str!("schema.sql")).unwrap();
            for (workspace_id, name) in [(1, "b"), (1, "a"), (1, "B"), (2, "a"), (1, "東京")] {
                apply(&conn, &Write::Create { workspace_id, name });
            }
            let mut index = NameIndex::default();
            index.refresh(&conn).unwrap();
            for write in &writes {
                let before = stamp(&conn).unwrap();
                let touched = apply(&conn, write);
                index.written(&conn, before, &touched);
                prop_assert_eq!(index.built, Some(stamp(&conn).unwrap()), "kept current");
                let mut fresh = NameIndex::default();
                fresh.refresh(&conn).unwrap();
                prop_assert_eq!(answers(&index), answers(&fresh), "after {:?}", write);
            }
        }
    }

    #[test]
    fn an_index_stale_before_a_write_stays_stale_after_it() {
        let conn = store();
        let mut index = NameIndex::default();
        index.refresh(&conn).unwrap();
        // A write nobody reported, then one that is.
        conn.execute("UPDATE ghosts SET deleted_at = 'x' WHERE id = 2", [])
            .unwrap();
        let before = stamp(&conn).unwrap();
        conn.execute("UPDATE ghosts SET deleted_at = 'x' WHERE id = 1", [])
            .unwrap();
        index.written(&conn, before, &[1]);
        assert_ne!(index.built, Some(stamp(&conn).unwrap()));
        index.refresh(&conn).unwrap();
        assert_eq!(page(&index, SortOrder::NameAsc, "", false), [3]);
    }
}
