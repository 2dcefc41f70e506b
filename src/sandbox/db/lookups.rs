//! Projects, tasks, teams, members and roles: what the pickers look up, and what
//! writes check their ids against.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Link;
use crate::api::{Id, Member, Project, Role, Task, Team};

/// One page of rows and the count across all pages.
pub struct Page<T> {
    pub data: Vec<T>,
    pub total: u64,
}

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub page: u32,
    pub size: u32,
}

impl Window {
    fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.size)
    }
}

/// Runs `SELECT <columns> FROM <from_where>` paged by id, and its count.
fn paged<T>(
    conn: &Connection,
    columns: &str,
    from_where: &str,
    params: &[&dyn rusqlite::ToSql],
    window: Window,
    read: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Page<T>> {
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {from_where}"),
        params,
        |row| row.get(0),
    )?;
    let sql = format!(
        "SELECT {columns} FROM {from_where} ORDER BY id LIMIT {} OFFSET {}",
        window.size,
        window.offset()
    );
    let data = conn
        .prepare(&sql)?
        .query_map(params, read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page {
        data,
        total: total.unsigned_abs(),
    })
}

pub fn projects(
    conn: &Connection,
    workspace_id: Id,
    window: Window,
) -> rusqlite::Result<Page<Project>> {
    paged(
        conn,
        "id, name, color, private",
        "projects WHERE workspace_id = ?1",
        &[&workspace_id],
        window,
        |row| {
            Ok(Project {
                id: row.get(0)?,
                name: row.get(1)?,
                color: row.get(2)?,
                private: row.get(3)?,
            })
        },
    )
}

pub fn tasks(
    conn: &Connection,
    workspace_id: Id,
    project_id: Option<Id>,
    window: Window,
) -> rusqlite::Result<Page<Task>> {
    paged(
        conn,
        "id, name, color, project_id",
        "tasks WHERE workspace_id = ?1 AND (?2 IS NULL OR project_id = ?2)",
        &[&workspace_id, &project_id],
        window,
        |row| {
            Ok(Task {
                id: row.get(0)?,
                name: row.get(1)?,
                color: row.get(2)?,
                project_id: row.get(3)?,
            })
        },
    )
}

pub fn teams(
    conn: &Connection,
    organization_id: Id,
    workspace_id: Option<Id>,
    window: Window,
) -> rusqlite::Result<Page<Team>> {
    paged(
        conn,
        "id, name, emoji",
        "teams WHERE organization_id = ?1 AND (?2 IS NULL OR workspace_id = ?2)",
        &[&organization_id, &workspace_id],
        window,
        |row| {
            Ok(Team {
                id: row.get(0)?,
                name: row.get(1)?,
                emoji: row.get(2)?,
            })
        },
    )
}

pub fn members(
    conn: &Connection,
    organization_id: Id,
    window: Window,
) -> rusqlite::Result<Page<Member>> {
    paged(
        conn,
        "id, user_account_id, name, email",
        "members WHERE organization_id = ?1",
        &[&organization_id],
        window,
        |row| {
            Ok(Member {
                id: row.get(0)?,
                user_account_id: row.get(1)?,
                name: row.get(2)?,
                email: row.get(3)?,
            })
        },
    )
}

pub fn roles(conn: &Connection, organization_id: Id) -> rusqlite::Result<Vec<Role>> {
    conn.prepare("SELECT role_id, code, name, entity, type FROM roles WHERE organization_id = ?1 ORDER BY role_id")?
        .query_map([organization_id], |row| {
            Ok(Role {
                role_id: row.get(0)?,
                code: row.get(1)?,
                name: row.get(2)?,
                entity: row.get(3)?,
                kind: row.get(4)?,
            })
        })?
        .collect()
}

/// The first id in `ids` that is not a project, task or team of the workspace.
pub fn first_unknown(
    conn: &Connection,
    workspace_id: Id,
    link: Link,
    ids: &[Id],
) -> rusqlite::Result<Option<Id>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT 1 FROM {} WHERE id = ?1 AND workspace_id = ?2",
        link.target_table()
    ))?;
    for id in ids {
        if !statement.exists(params![id, workspace_id])? {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}

/// The user account id of the organization's member with this org-user id.
pub fn member_account(
    conn: &Connection,
    organization_id: Id,
    org_user_id: Id,
) -> rusqlite::Result<Option<Id>> {
    conn.query_row(
        "SELECT user_account_id FROM members WHERE id = ?1 AND organization_id = ?2",
        params![org_user_id, organization_id],
        |row| row.get(0),
    )
    .optional()
}

pub fn role_exists(conn: &Connection, organization_id: Id, role_id: Id) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM roles WHERE role_id = ?1 AND organization_id = ?2")?
        .exists(params![role_id, organization_id])
}
