//! Ghosts in storage: listing, reading, writing. Input is already validated here;
//! these functions only say what SQLite says.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;

use super::Link;
use super::index::{NameIndex, Narrowing};
use crate::api::time::format_timestamp;
use crate::api::{AssignAction, Ghost, Id, ListQuery, ProjectRef, TaskRef};
use crate::sandbox::names::fold;

/// A ghost row as written; timestamps already formatted.
pub struct GhostRow<'a> {
    pub workspace_id: Id,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub user_id: Option<Id>,
    pub embodied_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// Assignment lists of a write; `None` leaves that kind alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignments {
    pub projects: Option<Vec<Id>>,
    pub tasks: Option<Vec<Id>>,
    pub teams: Option<Vec<Id>>,
}

impl Assignments {
    pub fn of(&self, link: Link) -> Option<&[Id]> {
        match link {
            Link::Projects => self.projects.as_deref(),
            Link::Tasks => self.tasks.as_deref(),
            Link::Teams => self.teams.as_deref(),
        }
    }
}

const COLUMNS: &str =
    "id, name, description, user_id, embodied_at, created_at, updated_at, deleted_at";

fn ghost_from_row(row: &Row<'_>) -> rusqlite::Result<Ghost> {
    Ok(Ghost {
        id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        user_id: row.get(3)?,
        embodied_at: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
        deleted_at: row.get(7)?,
        assigned: Default::default(),
    })
}

/// One page of the list and the number of ghosts matching across all pages. Order,
/// search and the embodied rule come from `index` (refreshed here if the store
/// changed); only the page's rows are read from SQLite.
pub fn list(
    conn: &Connection,
    index: &mut NameIndex,
    workspace_id: Id,
    query: &ListQuery,
) -> rusqlite::Result<(Vec<Ghost>, u64)> {
    index.refresh(conn)?;
    let filter = &query.filter;
    let mut sets = Vec::new();
    if !filter.ghost_ids.is_empty() {
        sets.push(filter.ghost_ids.iter().copied().collect());
    }
    for (link, ids) in [
        (Link::Projects, &filter.project_ids),
        (Link::Tasks, &filter.task_ids),
        (Link::Teams, &filter.team_ids),
    ] {
        if !ids.is_empty() {
            sets.push(assigned_to(conn, link, ids)?);
        }
    }
    let narrowing = Narrowing::new(filter, fold(&filter.search), sets);
    let offset = u64::from(query.page - 1) * u64::from(query.rows);
    let (ids, total) = index.page(
        workspace_id,
        filter.order,
        &narrowing,
        offset,
        query.rows as usize,
    );
    Ok((load(conn, &ids)?, total))
}

/// The ghosts assigned to any of `ids` of this kind (from the link's target index).
fn assigned_to(conn: &Connection, link: Link, ids: &[Id]) -> rusqlite::Result<HashSet<Id>> {
    // Ids are parsed integers, so writing them into the SQL is safe, and it keeps a long
    // filter from running into SQLite's limit on bound parameters.
    conn.prepare(&format!(
        "SELECT ghost_id FROM {} WHERE target_id IN ({})",
        link.link_table(),
        id_list(ids)
    ))?
    .query_map([], |row| row.get(0))?
    .collect()
}

fn id_list(ids: &[Id]) -> String {
    ids.iter().map(Id::to_string).collect::<Vec<_>>().join(",")
}

/// A ghost of the workspace that is not deleted.
pub fn get(conn: &Connection, workspace_id: Id, id: Id) -> rusqlite::Result<Option<Ghost>> {
    let ghost = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM ghosts \
                 WHERE id = ?1 AND workspace_id = ?2 AND deleted_at IS NULL"
            ),
            params![id, workspace_id],
            ghost_from_row,
        )
        .optional()?;
    let mut ghosts: Vec<Ghost> = ghost.into_iter().collect();
    attach_assignments(conn, &mut ghosts)?;
    Ok(ghosts.pop())
}

/// The ghosts with these ids, in this order (every id must exist).
pub fn load(conn: &Connection, ids: &[Id]) -> rusqlite::Result<Vec<Ghost>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM ghosts WHERE id = ?1"))?;
    let mut ghosts = ids
        .iter()
        .map(|id| statement.query_row([id], ghost_from_row))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    attach_assignments(conn, &mut ghosts)?;
    Ok(ghosts)
}

/// Fills in `assigned` for each ghost: three queries, however many ghosts.
fn attach_assignments(conn: &Connection, ghosts: &mut [Ghost]) -> rusqlite::Result<()> {
    if ghosts.is_empty() {
        return Ok(());
    }
    let ids = id_list(&ghosts.iter().map(|g| g.id).collect::<Vec<_>>());
    let position: HashMap<Id, usize> = ghosts.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    let mut statement = conn.prepare(&format!(
        "SELECT l.ghost_id, p.id, p.name, p.color, p.private FROM ghost_projects l \
         JOIN projects p ON p.id = l.target_id WHERE l.ghost_id IN ({ids}) ORDER BY p.id"
    ))?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let ghost = row.get::<_, Id>(0)?;
        ghosts[position[&ghost]].assigned.projects.push(ProjectRef {
            id: row.get(1)?,
            name: row.get(2)?,
            color: row.get(3)?,
            private: row.get(4)?,
        });
    }
    let mut statement = conn.prepare(&format!(
        "SELECT l.ghost_id, t.id, t.name, t.color FROM ghost_tasks l \
         JOIN tasks t ON t.id = l.target_id WHERE l.ghost_id IN ({ids}) ORDER BY t.id"
    ))?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let ghost = row.get::<_, Id>(0)?;
        ghosts[position[&ghost]].assigned.tasks.push(TaskRef {
            id: row.get(1)?,
            name: row.get(2)?,
            color: row.get(3)?,
        });
    }
    let mut statement = conn.prepare(&format!(
        "SELECT ghost_id, target_id FROM ghost_teams WHERE ghost_id IN ({ids}) ORDER BY target_id"
    ))?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let ghost = row.get::<_, Id>(0)?;
        ghosts[position[&ghost]].assigned.team_ids.push(row.get(1)?);
    }
    Ok(())
}

/// Writes a new ghost row; returns its id.
pub fn insert_row(conn: &Connection, row: &GhostRow<'_>) -> rusqlite::Result<Id> {
    let mut statement = conn.prepare_cached(
        "INSERT INTO ghosts (workspace_id, name, name_folded, description, user_id, \
         embodied_at, created_at, updated_at, deleted_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    statement.execute(params![
        row.workspace_id,
        row.name,
        fold(row.name),
        row.description,
        row.user_id,
        row.embodied_at,
        row.created_at,
        row.updated_at,
        row.deleted_at,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Changes the ghost's assignments of each kind present in `assignments`.
pub fn set_links(
    conn: &Connection,
    ghost_id: Id,
    assignments: &Assignments,
    action: AssignAction,
) -> rusqlite::Result<()> {
    for link in Link::ALL {
        let Some(ids) = assignments.of(link) else {
            continue;
        };
        let table = link.link_table();
        if action == AssignAction::Replace {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE ghost_id = ?1"))?
                .execute([ghost_id])?;
        }
        let sql = match action {
            AssignAction::Replace | AssignAction::Add => {
                format!("INSERT OR IGNORE INTO {table} (ghost_id, target_id) VALUES (?1, ?2)")
            }
            AssignAction::Remove => {
                format!("DELETE FROM {table} WHERE ghost_id = ?1 AND target_id = ?2")
            }
        };
        let mut statement = conn.prepare_cached(&sql)?;
        for id in ids {
            statement.execute([ghost_id, *id])?;
        }
    }
    Ok(())
}

/// Sets name and description where given, and moves `updated_at` on.
pub fn update_fields(
    conn: &Connection,
    id: Id,
    name: Option<&str>,
    description: Option<&str>,
    now: OffsetDateTime,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE ghosts SET name = coalesce(?2, name), name_folded = coalesce(?3, name_folded), \
         description = CASE WHEN ?4 THEN ?5 ELSE description END, updated_at = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        name,
        name.map(fold),
        description.is_some(),
        description,
        format_timestamp(now),
    ])?;
    Ok(())
}

/// Soft delete: the ghost keeps its row with `deleted_at` set. False if there was no
/// live ghost to delete.
pub fn soft_delete(
    conn: &Connection,
    workspace_id: Id,
    id: Id,
    now: OffsetDateTime,
) -> rusqlite::Result<bool> {
    let stamp = format_timestamp(now);
    let changed = conn.execute(
        "UPDATE ghosts SET deleted_at = ?3, updated_at = ?3 \
         WHERE id = ?1 AND workspace_id = ?2 AND deleted_at IS NULL",
        params![id, workspace_id, stamp],
    )?;
    Ok(changed == 1)
}

/// Marks the ghost embodied by the user account `user_id`.
pub fn embody(conn: &Connection, id: Id, user_id: Id, now: OffsetDateTime) -> rusqlite::Result<()> {
    let stamp = format_timestamp(now);
    conn.execute(
        "UPDATE ghosts SET user_id = ?2, embodied_at = ?3, updated_at = ?3 WHERE id = ?1",
        params![id, user_id, stamp],
    )?;
    Ok(())
}
