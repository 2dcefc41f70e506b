//! Turns request bodies into writes the store can apply, or a 400 that names the field.

use rusqlite::Connection;
use serde_json::Value;

use super::db::Link;
use super::db::ghosts::Assignments;
use super::db::lookups::first_unknown;
use super::error::{ApiFailure, ApiResult};
use super::names::clean_name;
use super::routes::extract::decode;
use crate::api::{AssignAction, GhostPatch, Id, NewGhost};

/// A create that passed every check.
pub struct ValidNew {
    pub name: String,
    pub description: Option<String>,
    pub assignments: Assignments,
}

/// An update that passed every check.
pub struct ValidPatch {
    pub id: Option<Id>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub assignments: Assignments,
    pub action: AssignAction,
}

pub fn new_ghost(conn: &Connection, workspace_id: Id, body: Value) -> ApiResult<ValidNew> {
    let new: NewGhost = decode(body)?;
    Ok(ValidNew {
        name: clean_name(&new.name)?,
        description: new.description,
        assignments: assignments(
            conn,
            workspace_id,
            Assignments {
                projects: new.assign_projects,
                tasks: new.assign_tasks,
                teams: new.assign_teams,
            },
        )?,
    })
}

pub fn patch(conn: &Connection, workspace_id: Id, body: Value) -> ApiResult<ValidPatch> {
    // Checked before decoding so that the 400 names the field and the allowed values.
    if let Some(action) = body.get("assign_action").filter(|v| !v.is_null()) {
        if !matches!(action.as_str(), Some("replace" | "add" | "remove")) {
            return Err(ApiFailure::invalid(
                "assign_action",
                "assign_action must be replace, add or remove",
            )
            .with_value("value", action.clone()));
        }
    }
    let patch: GhostPatch = decode(body)?;
    if patch.is_empty() {
        return Err(ApiFailure::bad_request(
            "nothing to change: give name, description or an assign_* list",
        ));
    }
    Ok(ValidPatch {
        id: patch.id,
        name: patch.name.as_deref().map(clean_name).transpose()?,
        description: patch.description,
        assignments: assignments(
            conn,
            workspace_id,
            Assignments {
                projects: patch.assign_projects,
                tasks: patch.assign_tasks,
                teams: patch.assign_teams,
            },
        )?,
        action: patch.assign_action.unwrap_or_default(),
    })
}

/// Each list without repeats, every id one of the workspace's.
fn assignments(
    conn: &Connection,
    workspace_id: Id,
    mut lists: Assignments,
) -> ApiResult<Assignments> {
    for (link, list) in [
        (Link::Projects, &mut lists.projects),
        (Link::Tasks, &mut lists.tasks),
        (Link::Teams, &mut lists.teams),
    ] {
        let Some(ids) = list else { continue };
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(*id));
        if let Some(unknown) = first_unknown(conn, workspace_id, link, ids)? {
            return Err(ApiFailure::invalid(
                link.field(),
                format!(
                    "{unknown} is not one of this workspace's {}",
                    link.target_table()
                ),
            )
            .with_value("id", unknown));
        }
    }
    Ok(lists)
}
