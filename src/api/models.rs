//! The data shapes of the Focus ghosts API (`shared/api/ghosts-api.md`).
//!
//! Both the client and the sandbox use these types. Decoding is lenient, as the
//! contract's last section asks: `null` where a list belongs is an empty list, missing
//! optional fields are fine, unknown fields are ignored. Sending is strict: optional
//! request fields are left out rather than sent as `null`.

use serde::{Deserialize, Deserializer, Serialize};

/// Ids in the API are positive integers; `i64` holds any of them.
pub type Id = i64;

/// A placeholder team member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ghost {
    pub id: Id,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub user_id: Option<Id>,
    /// Timestamps stay as the server wrote them; see [`crate::api::time`] to read them.
    /// Keeping the raw text means one we cannot parse is shown, never dropped.
    #[serde(default)]
    pub embodied_at: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub deleted_at: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub assigned: Assigned,
}

impl Ghost {
    pub fn is_embodied(&self) -> bool {
        self.embodied_at.is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assigned {
    #[serde(default, deserialize_with = "null_as_default")]
    pub projects: Vec<ProjectRef>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tasks: Vec<TaskRef>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub team_ids: Vec<Id>,
}

/// A project as embedded in a ghost's `assigned` block: the same fields as the
/// projects look-up gives.
pub type ProjectRef = Project;

/// A task as embedded in a ghost's `assigned` block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRef {
    pub id: Id,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
}

/// One page of `GET ~/ghosts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GhostPage {
    pub data: Vec<Ghost>,
    pub page: u32,
    pub rows: u32,
    pub total: u64,
    /// Entries of `data` that could not be read as a ghost. They are dropped so that
    /// one odd ghost does not lose the page; the count lets the app say so.
    #[serde(skip)]
    pub skipped: usize,
}

impl<'de> Deserialize<'de> for GhostPage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default, deserialize_with = "null_as_default")]
            data: Vec<serde_json::Value>,
            #[serde(default, deserialize_with = "null_as_default")]
            page: u32,
            #[serde(default, deserialize_with = "null_as_default")]
            rows: u32,
            #[serde(default, deserialize_with = "null_as_default")]
            total: u64,
        }
        let raw = Raw::deserialize(deserializer)?;
        let (data, skipped) = decode_each(raw.data);
        Ok(GhostPage {
            data,
            page: raw.page,
            rows: raw.rows,
            total: raw.total,
            skipped,
        })
    }
}

/// Decodes each value on its own, keeping the good ones and counting the bad.
pub fn decode_each<T: serde::de::DeserializeOwned>(
    values: Vec<serde_json::Value>,
) -> (Vec<T>, usize) {
    let mut good = Vec::with_capacity(values.len());
    let mut skipped = 0;
    for value in values {
        match serde_json::from_value(value) {
            Ok(item) => good.push(item),
            Err(_) => skipped += 1,
        }
    }
    (good, skipped)
}

/// Sort order of the ghost list; the API sorts by name only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    #[default]
    NameAsc,
    NameDesc,
}

impl SortOrder {
    /// The `order_by` query value.
    pub fn as_param(self) -> &'static str {
        match self {
            SortOrder::NameAsc => "name,asc",
            SortOrder::NameDesc => "name,desc",
        }
    }

    pub fn from_param(value: &str) -> Option<Self> {
        match value {
            "name,asc" => Some(SortOrder::NameAsc),
            "name,desc" => Some(SortOrder::NameDesc),
            _ => None,
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            SortOrder::NameAsc => SortOrder::NameDesc,
            SortOrder::NameDesc => SortOrder::NameAsc,
        }
    }
}

/// Everything `GET ~/ghosts` can be asked, except the page number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct GhostFilter {
    pub order: SortOrder,
    pub search: String,
    pub project_ids: Vec<Id>,
    pub task_ids: Vec<Id>,
    pub team_ids: Vec<Id>,
    pub ghost_ids: Vec<Id>,
    pub include_embodied: bool,
}

/// A full list request: a filter plus which page of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListQuery {
    pub filter: GhostFilter,
    /// 1-based.
    pub page: u32,
    /// 1 to 100.
    pub rows: u32,
}

impl ListQuery {
    /// The query pairs as the contract decides: arrays comma-separated, defaults left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let f = &self.filter;
        let mut pairs = vec![
            ("page", self.page.to_string()),
            ("rows", self.rows.to_string()),
            ("order_by", f.order.as_param().to_string()),
        ];
        if !f.search.is_empty() {
            pairs.push(("search", f.search.clone()));
        }
        for (key, ids) in [
            ("project_ids", &f.project_ids),
            ("task_ids", &f.task_ids),
            ("team_ids", &f.team_ids),
            ("ghost_ids", &f.ghost_ids),
        ] {
            if !ids.is_empty() {
                pairs.push((key, join_ids(ids)));
            }
        }
        if f.include_embodied {
            pairs.push(("include_embodied", "true".to_string()));
        }
        pairs
    }
}

fn join_ids(ids: &[Id]) -> String {
    ids.iter().map(Id::to_string).collect::<Vec<_>>().join(",")
}

/// How the `assign_*` lists of an update change a ghost's assignments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssignAction {
    #[default]
    Replace,
    Add,
    Remove,
}

impl AssignAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignAction::Replace => "replace",
            AssignAction::Add => "add",
            AssignAction::Remove => "remove",
        }
    }
}

/// Body of `POST ~/ghosts` and one item of `bulk_create`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGhost {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_projects: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_tasks: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_teams: Option<Vec<Id>>,
}

/// Body of `PATCH ~/ghosts/{id}` and one item of `bulk_update` (which needs `id`).
/// Absent fields are left alone by the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GhostPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_projects: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_tasks: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_teams: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_action: Option<AssignAction>,
}

impl GhostPatch {
    /// True when the patch would change nothing (`{}` is a 400, so it is never sent).
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.description.is_none()
            && self.assign_projects.is_none()
            && self.assign_tasks.is_none()
            && self.assign_teams.is_none()
    }

    pub fn has_assignments(&self) -> bool {
        self.assign_projects.is_some() || self.assign_tasks.is_some() || self.assign_teams.is_some()
    }
}

/// Body of `PATCH ~/ghosts/{id}/embody`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbodyRequest {
    pub recipient_org_user_id: Id,
    pub recipient_user_account_id: Id,
    pub role_id: Id,
}

/// The error body every failed request carries (when the server is the API and not a
/// proxy in front of it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "null_as_default")]
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_values: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

/// `GET ~/projects` item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: Id,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub private: bool,
}

/// `GET ~/tasks` item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: Id,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub project_id: Option<Id>,
}

/// `GET /organizations/{org}/teams` item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: Id,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default)]
    pub emoji: Option<String>,
}

/// `GET /organizations/{org}/users` item; `id` is the org-user id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: Id,
    pub user_account_id: Id,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub email: String,
}

/// `GET /organizations/{org}/roles` item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub role_id: Id,
    #[serde(default, deserialize_with = "null_as_default")]
    pub code: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub entity: String,
    #[serde(default, rename = "type", deserialize_with = "null_as_default")]
    pub kind: String,
}

/// One page of a look-up (projects, tasks, teams). The live service names the page
/// size `per_page` for some and `rows` for others; both are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct LookupPage<T> {
    #[serde(default = "Vec::new", deserialize_with = "null_as_default")]
    pub data: Vec<T>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub page: u32,
    #[serde(default, alias = "rows", deserialize_with = "null_as_default")]
    pub per_page: u32,
    #[serde(default, deserialize_with = "null_as_default")]
    pub total: u64,
}

/// Reads `null` as the type's default, so `"projects": null` is an empty list.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_where_lists_belong_decode_as_empty() {
        let json = r#"{"id": 1, "name": "A", "description": null,
            "assigned": {"projects": null, "tasks": null, "team_ids": null}}"#;
        let ghost: Ghost = serde_json::from_str(json).unwrap();
        assert_eq!(ghost.assigned, Assigned::default());
        let json = r#"{"id": 2, "name": null, "assigned": null, "extra": [1]}"#;
        let ghost: Ghost = serde_json::from_str(json).unwrap();
        assert_eq!(ghost.name, "");
    }

    #[test]
    fn one_bad_ghost_does_not_lose_the_page() {
        let json = r#"{"data": [{"id": 1, "name": "ok"}, {"name": "no id"}, 7, {"id": 3}],
            "page": 1, "rows": 50, "total": 3}"#;
        let page: GhostPage = serde_json::from_str(json).unwrap();
        assert_eq!(
            page.data.iter().map(|g| g.id).collect::<Vec<_>>(),
            vec![1, 3]
        );
        assert_eq!(page.skipped, 2);
        assert_eq!(page.total, 3);
    }

    #[test]
    fn list_query_sends_arrays_comma_separated_and_leaves_defaults_out() {
        let query = ListQuery {
            filter: GhostFilter {
                project_ids: vec![3, 7],
                search: "a%_b".into(),
                include_embodied: true,
                ..GhostFilter::default()
            },
            page: 2,
            rows: 100,
        };
        let pairs = query.to_pairs();
        assert!(pairs.contains(&("project_ids", "3,7".to_string())));
        assert!(pairs.contains(&("search", "a%_b".to_string())));
        assert!(pairs.contains(&("include_embodied", "true".to_string())));
        assert!(!pairs.iter().any(|(k, _)| *k == "task_ids"));
    }

    #[test]
    fn patch_leaves_absent_fields_out() {
        let patch = GhostPatch {
            name: Some("X".into()),
            ..GhostPatch::default()
        };
        assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"name":"X"}"#);
        assert!(GhostPatch::default().is_empty());
        assert!(!patch.is_empty());
    }

    #[test]
    fn lookup_page_reads_rows_or_per_page() {
        let teams: LookupPage<Team> = serde_json::from_str(
            r#"{"data":[{"id":1,"name":"Design"}],"page":1,"rows":100,"total":1}"#,
        )
        .unwrap();
        assert_eq!(teams.per_page, 100);
        assert_eq!(teams.data[0].emoji, None);
    }
}
