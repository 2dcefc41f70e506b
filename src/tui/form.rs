//! The edit form's draft: what the user typed and picked, checked and turned into the
//! smallest request that saves it (`NewGhost` or a `GhostPatch` of what changed).

use std::collections::HashSet;

use tui_input::Input;

use crate::api::{AssignAction, Ghost, GhostPatch, Id, NewGhost};

use super::lookups::{LookupKind, Lookups};
use super::msg::ReqId;
use super::picker::Picker;

/// The API's limit on names, in characters once trimmed.
pub const NAME_MAX: usize = 255;

/// The assignment lists, in the form's order.
pub const LISTS: [LookupKind; 3] = [LookupKind::Projects, LookupKind::Tasks, LookupKind::Teams];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Description,
    /// How the chosen assignments apply (editing only).
    Action,
    List(LookupKind),
    Save,
}

/// Ids per assignment list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists(pub [Vec<Id>; 3]);

impl Lists {
    pub fn get(&self, kind: LookupKind) -> &[Id] {
        &self.0[slot(kind)]
    }

    pub fn set(&mut self, kind: LookupKind, ids: Vec<Id>) {
        self.0[slot(kind)] = ids;
    }

    pub fn of(ghost: &Ghost) -> Lists {
        let a = &ghost.assigned;
        Lists([
            a.projects.iter().map(|p| p.id).collect(),
            a.tasks.iter().map(|t| t.id).collect(),
            a.team_ids.clone(),
        ])
    }
}

fn slot(kind: LookupKind) -> usize {
    match kind {
        LookupKind::Tasks => 1,
        LookupKind::Teams => 2,
        _ => 0,
    }
}

fn action_slot(action: AssignAction) -> usize {
    match action {
        AssignAction::Replace => 0,
        AssignAction::Add => 1,
        AssignAction::Remove => 2,
    }
}

/// Ids typed by hand (comma-separated), for a look-up that could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct TypedIds {
    pub input: Input,
    initial: String,
}

impl TypedIds {
    pub fn new(ids: &[Id]) -> Self {
        let text = ids.iter().map(Id::to_string).collect::<Vec<_>>().join(", ");
        TypedIds {
            input: Input::new(text.clone()),
            initial: text,
        }
    }

    pub fn changed(&self) -> bool {
        self.input.value() != self.initial
    }

    /// The ids, or the first piece that is not one.
    pub fn parse(&self) -> Result<Vec<Id>, String> {
        parse_ids(self.input.value())
    }
}

/// "12, 14,3" as ids; blanks between commas are ignored.
pub fn parse_ids(text: &str) -> Result<Vec<Id>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.parse::<Id>() {
            Ok(id) if id > 0 => Ok(id),
            _ => Err(format!("“{p}” is not an id (ids are positive numbers)")),
        })
        .collect()
}

/// Problems found before sending, shown next to their fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    pub name: Option<String>,
    pub lists: [Option<String>; 3],
}

impl Errors {
    pub fn list(&self, kind: LookupKind) -> Option<&str> {
        self.lists[slot(kind)].as_deref()
    }

    pub fn any(&self) -> bool {
        self.name.is_some() || self.lists.iter().any(Option::is_some)
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    /// The ghost being edited, as loaded; `None` for a new one.
    pub editing: Option<Ghost>,
    pub name: Input,
    pub description: Input,
    pub action: AssignAction,
    /// What is chosen for each action (replace, add, remove): switching the action
    /// shows its own choice and loses none. Replace starts from the ghost's own.
    picks: [Lists; 3],
    /// Per list: ids typed by hand once its look-up failed.
    pub typed: [Option<TypedIds>; 3],
    pub focus: Field,
    pub errors: Errors,
    /// Why the last save failed (the server's words).
    pub save_error: Option<String>,
    /// The save on its way; a second one is not sent meanwhile.
    pub saving: Option<ReqId>,
    /// The create last sent from this form, kept until its outcome is known.
    pub attempt: Option<Attempt>,
    /// Esc on a changed form asks first.
    pub confirm_discard: bool,
    pub picker: Option<Picker>,
    initial_picks: [Lists; 3],
    /// The bulk edit's form: no name; a list left empty is left alone on every ghost.
    pub bulk: bool,
}

/// A create sent from the form. When its answer is lost the server may have stored it,
/// so the next save looks for it before sending it again.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// The trimmed name that was sent.
    pub name: String,
    /// The ids the list held when it was first sent: a ghost found by name that is not
    /// among them is the one this form created. Ids rather than comparing `created_at`
    /// with the send time, as the app's clock and the server's need not agree.
    pub known: HashSet<Id>,
    /// The answer was lost (timeout, dropped connection, unreadable body): it may
    /// have been stored.
    pub unknown: bool,
}

/// What a save asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Create(NewGhost),
    Update(Id, GhostPatch),
    /// Nothing changed: no request.
    Nothing,
    /// `errors` says what to fix.
    Invalid,
}

impl Form {
    pub fn new_ghost() -> Self {
        Self::build(None)
    }

    pub fn edit(ghost: &Ghost) -> Self {
        Self::build(Some(ghost.clone()))
    }

    /// The bulk edit's form. Add is the default, as the least destructive.
    pub fn bulk() -> Self {
        Form {
            action: AssignAction::Add,
            focus: Field::Action,
            bulk: true,
            ..Self::build(None)
        }
    }

    fn build(editing: Option<Ghost>) -> Self {
        let name = editing.as_ref().map(|g| g.name.clone()).unwrap_or_default();
        let description = editing
            .as_ref()
            .and_then(|g| g.description.clone())
            .unwrap_or_default();
        let current = editing.as_ref().map(Lists::of).unwrap_or_default();
        let picks = [current, Lists::default(), Lists::default()];
        Form {
            editing,
            name: Input::new(name),
            description: Input::new(description),
            action: AssignAction::Replace,
            initial_picks: picks.clone(),
            picks,
            typed: Default::default(),
            focus: Field::Name,
            errors: Errors::default(),
            save_error: None,
            saving: None,
            attempt: None,
            confirm_discard: false,
            picker: None,
            bulk: false,
        }
    }

    /// Turns a new ghost's form into the edit of `ghost`, the create found stored after
    /// its answer was lost, keeping the draft: what was typed since is then a change to
    /// save, not lost.
    pub fn adopt(&mut self, ghost: &Ghost) {
        let draft = self.picks[0].clone();
        let original = Self::edit(ghost);
        self.initial_picks = original.initial_picks;
        self.picks = [draft, Lists::default(), Lists::default()];
        self.action = AssignAction::Replace;
        self.editing = Some(ghost.clone());
        self.attempt = None;
    }

    /// The fields Tab visits, in order.
    pub fn fields(&self) -> Vec<Field> {
        if self.bulk {
            let mut out = vec![Field::Action];
            out.extend(LISTS.map(Field::List));
            out.extend([Field::Description, Field::Save]);
            return out;
        }
        let mut out = vec![Field::Name, Field::Description];
        if self.editing.is_some() {
            out.push(Field::Action);
        }
        out.extend(LISTS.map(Field::List));
        out.push(Field::Save);
        out
    }

    /// To the first field that needs fixing.
    pub fn focus_first_error(&mut self) {
        let first = self.fields().into_iter().find(|f| match f {
            Field::Name => self.errors.name.is_some(),
            Field::List(kind) => self.errors.list(*kind).is_some(),
            _ => false,
        });
        self.focus = first.unwrap_or(self.focus);
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = super::dialogs::cycle(&self.fields(), self.focus, forward);
    }

    pub fn cycle_action(&mut self) {
        self.action = match self.action {
            AssignAction::Replace => AssignAction::Add,
            AssignAction::Add => AssignAction::Remove,
            AssignAction::Remove => AssignAction::Replace,
        };
    }

    /// The ids picked for `kind` under the current action.
    pub fn picked(&self, kind: LookupKind) -> &[Id] {
        self.picks[action_slot(self.action)].get(kind)
    }

    pub fn set_picked(&mut self, kind: LookupKind, ids: Vec<Id>) {
        self.picks[action_slot(self.action)].set(kind, ids);
    }

    pub fn typed(&self, kind: LookupKind) -> Option<&TypedIds> {
        self.typed[slot(kind)].as_ref()
    }

    pub fn typed_mut(&mut self, kind: LookupKind) -> Option<&mut TypedIds> {
        self.typed[slot(kind)].as_mut()
    }

    /// From now on the ids of `kind` are typed (its look-up failed), starting from
    /// what was picked.
    pub fn start_typing(&mut self, kind: LookupKind) {
        if self.typed(kind).is_none() {
            self.typed[slot(kind)] = Some(TypedIds::new(self.picked(kind)));
        }
    }

    /// The ids chosen for `kind`: typed or picked.
    pub fn chosen(&self, kind: LookupKind) -> Result<Vec<Id>, String> {
        match self.typed(kind) {
            Some(typed) => typed.parse(),
            None => Ok(self.picked(kind).to_vec()),
        }
    }

    /// The ghost's own assignments of `kind` (none for a new ghost).
    pub fn current(&self, kind: LookupKind) -> Vec<Id> {
        self.editing
            .as_ref()
            .map(|g| Lists::of(g).get(kind).to_vec())
            .unwrap_or_default()
    }

    /// What the ghost will be assigned once saved, for the preview (typed ids that do
    /// not read as ids: why).
    pub fn result(&self, kind: LookupKind) -> Result<Vec<Id>, String> {
        let chosen = self.chosen(kind)?;
        Ok(apply(self.action, &self.current(kind), &chosen))
    }

    /// Whether anything would be lost by closing.
    pub fn is_changed(&self) -> bool {
        let original = self.editing.as_ref();
        self.name.value() != original.map_or("", |g| g.name.as_str())
            || self.description.value()
                != original
                    .and_then(|g| g.description.as_deref())
                    .unwrap_or("")
            || self.picks != self.initial_picks
            || self.typed.iter().flatten().any(TypedIds::changed)
    }

    /// Checks the draft (filling `errors`) and says what to send.
    pub fn request(&mut self) -> Request {
        self.errors = Errors::default();
        let name = match check_name(self.name.value()) {
            Ok(name) => Some(name),
            Err(why) => {
                self.errors.name = Some(why);
                None
            }
        };
        let mut lists: [Vec<Id>; 3] = Default::default();
        for kind in LISTS {
            match self.chosen(kind) {
                Ok(ids) => lists[slot(kind)] = ids,
                Err(why) => self.errors.lists[slot(kind)] = Some(why),
            }
        }
        let Some(name) = name.filter(|_| !self.errors.any()) else {
            return Request::Invalid;
        };
        let description = self.description.value().to_string();
        let Some(ghost) = &self.editing else {
            let [projects, tasks, teams] = lists;
            let some = |ids: Vec<Id>| (!ids.is_empty()).then_some(ids);
            return Request::Create(NewGhost {
                name,
                description: (!description.trim().is_empty()).then_some(description),
                assign_projects: some(projects),
                assign_tasks: some(tasks),
                assign_teams: some(teams),
            });
        };
        let chosen = Choice {
            action: self.action,
            lists: lists.map(Some),
            description: Some(description),
        };
        let mut patch = chosen.patch(ghost);
        // Names are stored trimmed; one that was not is not a change of the user's.
        patch.name = (name != ghost.name.trim()).then_some(name);
        if patch.is_empty() {
            Request::Nothing
        } else {
            Request::Update(ghost.id, patch)
        }
    }

    /// The bulk edit's choice (filling `errors` for typed ids that are not ids): a list
    /// with nothing chosen is left alone, an empty description too.
    pub fn bulk_choice(&mut self) -> Option<Choice> {
        self.errors = Errors::default();
        let mut lists: [Option<Vec<Id>>; 3] = Default::default();
        for kind in LISTS {
            match self.chosen(kind) {
                Ok(ids) => lists[slot(kind)] = (!ids.is_empty()).then_some(ids),
                Err(why) => self.errors.lists[slot(kind)] = Some(why),
            }
        }
        let description = self.description.value();
        (!self.errors.any()).then(|| Choice {
            action: self.action,
            lists,
            description: (!description.trim().is_empty()).then(|| description.to_string()),
        })
    }
}

/// Assignments and a description to give a ghost: a list or description that is
/// `None` is left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub action: AssignAction,
    pub lists: [Option<Vec<Id>>; 3],
    pub description: Option<String>,
}

impl Choice {
    /// The smallest patch that gives `ghost` this choice (empty if it has it already).
    pub fn patch(&self, ghost: &Ghost) -> GhostPatch {
        let current = Lists::of(ghost);
        let [projects, tasks, teams] = LISTS.map(|kind| {
            self.lists[slot(kind)]
                .as_ref()
                .and_then(|ids| change(self.action, current.get(kind), ids))
        });
        let description = self
            .description
            .clone()
            .filter(|d| d != ghost.description.as_deref().unwrap_or(""));
        let mut patch = GhostPatch {
            description,
            assign_projects: projects,
            assign_tasks: tasks,
            assign_teams: teams,
            ..GhostPatch::default()
        };
        if patch.has_assignments() {
            patch.assign_action = Some(self.action);
        }
        patch
    }

    /// What `ghost` is assigned once given this choice.
    pub fn after(&self, ghost: &Ghost) -> Lists {
        let current = Lists::of(ghost);
        Lists(LISTS.map(|kind| match &self.lists[slot(kind)] {
            Some(ids) => apply(self.action, current.get(kind), ids),
            None => current.get(kind).to_vec(),
        }))
    }
}

/// A name as the API takes it: trimmed, 1 to 255 characters (not bytes).
pub fn check_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    let count = name.chars().count();
    if count == 0 {
        Err("A name is required.".into())
    } else if count > NAME_MAX {
        Err(format!("{count} characters; at most {NAME_MAX}."))
    } else {
        Ok(name.to_string())
    }
}

/// The list to send for one assignment, if it changes anything: replace sends the
/// whole new list, add only the ids not yet assigned, remove only those assigned.
fn change(action: AssignAction, current: &[Id], chosen: &[Id]) -> Option<Vec<Id>> {
    let ids: Vec<Id> = match action {
        AssignAction::Replace => {
            let mut a = current.to_vec();
            let mut b = chosen.to_vec();
            a.sort_unstable();
            b.sort_unstable();
            b.dedup();
            return (a != b).then(|| dedup(chosen));
        }
        AssignAction::Add => chosen
            .iter()
            .filter(|id| !current.contains(id))
            .copied()
            .collect(),
        AssignAction::Remove => chosen
            .iter()
            .filter(|id| current.contains(id))
            .copied()
            .collect(),
    };
    let ids = dedup(&ids);
    (!ids.is_empty()).then_some(ids)
}

/// What an assignment becomes when `chosen` applies to `current` by `action`.
pub fn apply(action: AssignAction, current: &[Id], chosen: &[Id]) -> Vec<Id> {
    let out: Vec<Id> = match action {
        AssignAction::Replace => chosen.to_vec(),
        AssignAction::Add => current.iter().chain(chosen).copied().collect(),
        AssignAction::Remove => current
            .iter()
            .filter(|id| !chosen.contains(id))
            .copied()
            .collect(),
    };
    dedup(&out)
}

fn dedup(ids: &[Id]) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

/// A name for an assigned id: from the look-up, else from the ghost's own data, else
/// the id itself.
pub fn label(lookups: &Lookups, ghost: Option<&Ghost>, kind: LookupKind, id: Id) -> String {
    if let Some(item) = lookups.find(kind, id) {
        return match &item.emoji {
            Some(emoji) => format!("{emoji} {}", item.name),
            None => item.name.clone(),
        };
    }
    let known = ghost.and_then(|g| match kind {
        LookupKind::Projects => g
            .assigned
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone()),
        LookupKind::Tasks => g
            .assigned
            .tasks
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.clone()),
        _ => None,
    });
    known.unwrap_or_else(|| format!("#{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_counted_in_characters() {
        assert!(check_name("  ").is_err());
        assert_eq!(check_name(" a ").as_deref(), Ok("a"));
        assert!(check_name(&"設".repeat(255)).is_ok());
        assert!(check_name(&"設".repeat(256)).is_err());
    }

    #[test]
    fn ids_parse_or_say_which_piece_is_wrong() {
        assert_eq!(parse_ids(" 12, 3,,"), Ok(vec![12, 3]));
        assert!(parse_ids("12, x").unwrap_err().contains("“x”"));
        assert!(parse_ids("-4").is_err());
    }

    #[test]
    fn changes_are_only_what_moves() {
        use AssignAction::*;
        assert_eq!(change(Replace, &[1, 2], &[2, 1]), None);
        assert_eq!(change(Replace, &[1, 2], &[]), Some(vec![]));
        assert_eq!(change(Add, &[1], &[1, 3]), Some(vec![3]));
        assert_eq!(change(Add, &[1], &[1]), None);
        assert_eq!(change(Remove, &[1, 2], &[2, 9]), Some(vec![2]));
        assert_eq!(apply(Add, &[1], &[3, 1]), vec![1, 3]);
        assert_eq!(apply(Remove, &[1, 2], &[2]), vec![1]);
    }
}
