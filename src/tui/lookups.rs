//! The look-ups that turn ids into names (projects, tasks, teams, members, roles):
//! fetched once per session, the first time a picker or dialog needs them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::api::{Id, Member, Project, Role, Task, Team};

use super::msg::ReqId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LookupKind {
    Projects,
    Tasks,
    Teams,
    Members,
    Roles,
}

impl LookupKind {
    /// Plural, lower case: "projects".
    pub fn name(self) -> &'static str {
        match self {
            LookupKind::Projects => "projects",
            LookupKind::Tasks => "tasks",
            LookupKind::Teams => "teams",
            LookupKind::Members => "members",
            LookupKind::Roles => "roles",
        }
    }

    /// The request as the request log shows it (pages after the first are asked for
    /// within the same look-up).
    pub fn request_line(self) -> &'static str {
        match self {
            LookupKind::Projects => "GET ~/projects?per_page=100 (all pages)",
            LookupKind::Tasks => "GET ~/tasks?per_page=100 (all pages)",
            LookupKind::Teams => "GET /organizations/…/teams?per_page=100 (all pages)",
            LookupKind::Members => "GET /organizations/…/users?per_page=100 (all pages)",
            LookupKind::Roles => "GET /organizations/…/roles",
        }
    }
}

/// The answer to one look-up.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupData {
    Projects(Vec<Project>),
    Tasks(Vec<Task>),
    Teams(Vec<Team>),
    Members(Vec<Member>),
    Roles(Vec<Role>),
}

/// Where one look-up stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Lookup {
    #[default]
    NotAsked,
    Loading(ReqId),
    Ready(Vec<Item>),
    /// Why it could not be loaded; the user types ids instead.
    Failed(String),
}

/// One entry of a look-up as pickers show it, whatever its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: Id,
    /// Members only: the account id that goes with the org-user id.
    pub account_id: Option<Id>,
    pub name: String,
    /// Shown dimmed after the name: a member's email, a role's code.
    pub detail: String,
    /// `#rrggbb` for projects and tasks.
    pub color: Option<String>,
    /// Teams' emoji.
    pub emoji: Option<String>,
    /// Tasks: the project they belong to, named in `detail` once projects are loaded
    /// (tasks of different projects often share a name: "Design", "QA").
    pub parent: Option<Id>,
}

impl Item {
    fn plain(id: Id, name: &str) -> Item {
        Item {
            id,
            account_id: None,
            name: name.to_string(),
            detail: String::new(),
            color: None,
            emoji: None,
            parent: None,
        }
    }

    /// Whether the filter finds this item: in its name, detail or id, ignoring case,
    /// accents ("zoe" finds "Zoë") and white space (Space toggles in a picker, so
    /// "websiteredesign" must find "Website redesign").
    pub fn matches(&self, filter: &str) -> bool {
        let filter = squash(filter);
        filter.is_empty()
            || squash(&self.name).contains(&filter)
            || squash(&self.detail).contains(&filter)
            || self.id.to_string().contains(&filter)
            || self
                .account_id
                .is_some_and(|a| a.to_string().contains(&filter))
    }
}

/// Lower case, accents and white space removed (decomposed, then the combining
/// marks dropped).
fn squash(text: &str) -> String {
    text.nfd()
        .filter(|c| !c.is_whitespace() && !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

impl LookupData {
    pub fn kind(&self) -> LookupKind {
        match self {
            LookupData::Projects(_) => LookupKind::Projects,
            LookupData::Tasks(_) => LookupKind::Tasks,
            LookupData::Teams(_) => LookupKind::Teams,
            LookupData::Members(_) => LookupKind::Members,
            LookupData::Roles(_) => LookupKind::Roles,
        }
    }

    /// The entries as pickers show them, sorted by name.
    pub fn into_items(self) -> Vec<Item> {
        let mut items: Vec<Item> = match self {
            LookupData::Projects(all) => all
                .into_iter()
                .map(|p| Item {
                    color: p.color,
                    detail: if p.private {
                        "private".into()
                    } else {
                        String::new()
                    },
                    ..Item::plain(p.id, &p.name)
                })
                .collect(),
            LookupData::Tasks(all) => all
                .into_iter()
                .map(|t| Item {
                    color: t.color,
                    parent: t.project_id,
                    ..Item::plain(t.id, &t.name)
                })
                .collect(),
            LookupData::Teams(all) => all
                .into_iter()
                .map(|t| Item {
                    emoji: t.emoji,
                    ..Item::plain(t.id, &t.name)
                })
                .collect(),
            LookupData::Members(all) => all
                .into_iter()
                .map(|m| Item {
                    account_id: Some(m.user_account_id),
                    detail: m.email,
                    ..Item::plain(m.id, &m.name)
                })
                .collect(),
            LookupData::Roles(all) => all
                .into_iter()
                .map(|r| Item {
                    detail: r.code,
                    ..Item::plain(r.role_id, &r.name)
                })
                .collect(),
        };
        items.sort_by_cached_key(|i| (i.name.to_lowercase(), i.id));
        items
    }
}

/// All look-ups of the session.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    pub projects: Lookup,
    pub tasks: Lookup,
    pub teams: Lookup,
    pub members: Lookup,
    pub roles: Lookup,
}

impl Lookups {
    pub fn get(&self, kind: LookupKind) -> &Lookup {
        match kind {
            LookupKind::Projects => &self.projects,
            LookupKind::Tasks => &self.tasks,
            LookupKind::Teams => &self.teams,
            LookupKind::Members => &self.members,
            LookupKind::Roles => &self.roles,
        }
    }

    pub fn get_mut(&mut self, kind: LookupKind) -> &mut Lookup {
        match kind {
            LookupKind::Projects => &mut self.projects,
            LookupKind::Tasks => &mut self.tasks,
            LookupKind::Teams => &mut self.teams,
            LookupKind::Members => &mut self.members,
            LookupKind::Roles => &mut self.roles,
        }
    }

    /// The loaded items of `kind` (empty while not loaded).
    pub fn items(&self, kind: LookupKind) -> &[Item] {
        match self.get(kind) {
            Lookup::Ready(items) => items,
            _ => &[],
        }
    }

    /// The item `id` of `kind`, if loaded.
    pub fn find(&self, kind: LookupKind, id: Id) -> Option<&Item> {
        self.items(kind).iter().find(|i| i.id == id)
    }

    /// Names each task's project in its detail, once both look-ups are loaded (they
    /// arrive in either order).
    pub fn name_parents(&mut self) {
        let Lookup::Ready(projects) = &self.projects else {
            return;
        };
        let names: std::collections::HashMap<Id, &str> =
            projects.iter().map(|p| (p.id, p.name.as_str())).collect();
        if let Lookup::Ready(tasks) = &mut self.tasks {
            for task in tasks.iter_mut().filter(|t| t.detail.is_empty()) {
                if let Some(name) = task.parent.and_then(|id| names.get(&id)) {
                    task.detail = (*name).to_string();
                }
            }
        }
    }

    pub fn failed(&self, kind: LookupKind) -> Option<&str> {
        match self.get(kind) {
            Lookup::Failed(why) => Some(why),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, detail: &str) -> Item {
        Item {
            detail: detail.into(),
            ..Item::plain(7, name)
        }
    }

    #[test]
    fn tasks_are_named_with_their_project_whichever_arrives_first() {
        let projects = LookupData::Projects(vec![Project {
            id: 1,
            name: "Website redesign".into(),
            color: None,
            private: false,
        }]);
        let tasks = LookupData::Tasks(vec![
            Task {
                id: 10,
                name: "QA".into(),
                color: None,
                project_id: Some(1),
            },
            Task {
                id: 11,
                name: "QA".into(),
                color: None,
                project_id: None,
            },
        ]);
        for tasks_first in [true, false] {
            let mut lookups = Lookups::default();
            let mut arrive = |data: LookupData| {
                let kind = data.kind();
                *lookups.get_mut(kind) = Lookup::Ready(data.into_items());
                lookups.name_parents();
            };
            if tasks_first {
                arrive(tasks.clone());
                arrive(projects.clone());
            } else {
                arrive(projects.clone());
                arrive(tasks.clone());
            }
            let details: Vec<&str> = lookups
                .items(LookupKind::Tasks)
                .iter()
                .map(|t| t.detail.as_str())
                .collect();
            assert_eq!(details, ["Website redesign", ""]);
            // The project's name finds its tasks.
            assert!(lookups.items(LookupKind::Tasks)[0].matches("redesign"));
        }
    }

    #[test]
    fn a_filter_ignores_case_accents_and_spaces() {
        let zoe = item("Zoë van Dijk", "zoe.vandijk@example.com");
        for filter in ["zoe", "ZOË", "zoevan", "vandijk", "Zoé"] {
            assert!(zoe.matches(filter), "{filter}");
        }
        let eloise = item("Éloïse Müller-Ström", "");
        for filter in ["eloise", "muller", "strom", "MÜLLER"] {
            assert!(eloise.matches(filter), "{filter}");
        }
        // Scripts without accents are matched as typed.
        assert!(item("設計者", "").matches("設計"));
        assert!(!zoe.matches("zoey"));
    }
}
