//! A bulk create's state: the dialog's draft (names from a template and a count, or a
//! pasted list; one description and assignments for all), the check of the numbers
//! already in use, the preview, and how each ghost fared, chunk by chunk.

use std::collections::HashMap;

use tui_input::Input;

use crate::api::{Id, NewGhost};

use super::form::{LISTS, Lists, NAME_MAX, check_name};
use super::lookups::LookupKind;
use super::msg::ReqId;
use super::picker::Picker;

/// Ghosts per `bulk_create` request: the API's maximum.
pub const CHUNK: usize = 100;
/// Ghosts per run at most, so a slip of the finger (50000 for 50) costs nothing.
pub const MAX_GHOSTS: usize = 1000;
/// Where a template's number goes.
pub const PLACEHOLDER: &str = "{n}";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// "Backend developer #{n}" and a count.
    Template,
    /// One name per line, pasted or typed.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateField {
    Naming,
    Template,
    Count,
    Names,
    Description,
    List(LookupKind),
    Preview,
}

/// Problems found before anything is sent, shown next to their fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftErrors {
    pub template: Option<String>,
    pub count: Option<String>,
    pub names: Option<String>,
}

impl DraftErrors {
    pub fn any(&self) -> bool {
        self.template.is_some() || self.count.is_some() || self.names.is_some()
    }
}

/// What the user typed and picked.
#[derive(Debug, Clone)]
pub struct Draft {
    pub naming: Naming,
    pub template: Input,
    pub count: Input,
    /// One name per line.
    pub names: Input,
    pub description: Input,
    pub lists: Lists,
    pub focus: CreateField,
    pub errors: DraftErrors,
    /// Why the last step failed (a look-up, the numbering check).
    pub error: Option<String>,
    pub picker: Option<Picker>,
    /// Esc on a changed draft asks first.
    pub confirm_discard: bool,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            naming: Naming::Template,
            template: Input::default(),
            count: Input::default(),
            names: Input::default(),
            description: Input::default(),
            lists: Lists::default(),
            focus: CreateField::Naming,
            errors: DraftErrors::default(),
            error: None,
            picker: None,
            confirm_discard: false,
        }
    }
}

impl Draft {
    /// The fields Tab visits, in order: those of the naming in force.
    pub fn fields(&self) -> Vec<CreateField> {
        let mut out = vec![CreateField::Naming];
        match self.naming {
            Naming::Template => out.extend([CreateField::Template, CreateField::Count]),
            Naming::List => out.push(CreateField::Names),
        }
        out.push(CreateField::Description);
        out.extend(LISTS.map(CreateField::List));
        out.push(CreateField::Preview);
        out
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = super::dialogs::cycle(&self.fields(), self.focus, forward);
    }

    /// Whether anything would be lost by closing.
    pub fn is_changed(&self) -> bool {
        [&self.template, &self.count, &self.names, &self.description]
            .iter()
            .any(|i| !i.value().is_empty())
            || self.lists != Lists::default()
    }

    /// What every ghost gets besides its name.
    pub fn base(&self) -> NewGhost {
        let description = self.description.value();
        let some = |kind| {
            let ids = self.lists.get(kind);
            (!ids.is_empty()).then(|| ids.to_vec())
        };
        NewGhost {
            name: String::new(),
            description: (!description.trim().is_empty()).then(|| description.to_string()),
            assign_projects: some(LookupKind::Projects),
            assign_tasks: some(LookupKind::Tasks),
            assign_teams: some(LookupKind::Teams),
        }
    }

    /// Checks the draft (filling `errors`): the template and count, or the names.
    pub fn check(&mut self) -> Option<Plan> {
        self.errors = DraftErrors::default();
        match self.naming {
            Naming::Template => {
                let template = Template::parse(self.template.value())
                    .map_err(|why| self.errors.template = Some(why));
                let count =
                    parse_count(self.count.value()).map_err(|why| self.errors.count = Some(why));
                Some(Plan::Template(template.ok()?, count.ok()?))
            }
            Naming::List => {
                let list = NameList::parse(self.names.value());
                match list.problem() {
                    Some(why) => {
                        self.errors.names = Some(why);
                        None
                    }
                    None => Some(Plan::List(list.names)),
                }
            }
        }
    }
}

/// What a checked draft asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Numbered from one past the highest number in use, which the server is asked.
    Template(Template, usize),
    List(Vec<String>),
}

/// "12": a count of ghosts, 1 to [`MAX_GHOSTS`].
pub fn parse_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_GHOSTS).contains(&n) => Ok(n),
        _ => Err(format!("How many: a number from 1 to {MAX_GHOSTS}.")),
    }
}

/// A template split at its `{n}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub before: String,
    pub after: String,
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut parts = text.split(PLACEHOLDER);
        let (Some(before), Some(after), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("Put {PLACEHOLDER} once, where the number goes."));
        };
        let template = Template {
            before: before.trim_start().to_string(),
            after: after.trim_end().to_string(),
        };
        if template.search().is_empty() {
            return Err(format!("Some text besides {PLACEHOLDER}, please."));
        }
        Ok(template)
    }

    pub fn name(&self, n: u64) -> String {
        format!("{}{n}{}", self.before, self.after)
    }

    /// What the server is searched for to find the numbers in use: the text before
    /// `{n}` (or after it, when nothing comes before).
    pub fn search(&self) -> String {
        let before = self.before.trim();
        if before.is_empty() {
            self.after.trim().to_string()
        } else {
            before.to_string()
        }
    }

    /// The number of a name made from this template exactly (case and spaces too).
    pub fn number_of(&self, name: &str) -> Option<u64> {
        let digits = name.strip_prefix(&self.before)?.strip_suffix(&self.after)?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }

    /// The names for `count` ghosts numbered after `highest`; or why they cannot be.
    pub fn names(&self, highest: u64, count: usize) -> Result<Vec<String>, String> {
        let first = highest.saturating_add(1);
        let names: Vec<String> = (0..u64::try_from(count).unwrap_or(u64::MAX))
            .map(|i| self.name(first.saturating_add(i)))
            .collect();
        match names.last().map(|n| check_name(n)) {
            Some(Err(why)) => Err(format!("The names would be too long: {why}")),
            _ => Ok(names),
        }
    }
}

/// Names pasted or typed one per line, as they will be sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameList {
    /// Trimmed; blank lines skipped.
    pub names: Vec<String>,
    /// Lines (from 1) whose name is longer than the API takes, and its length.
    pub too_long: Vec<(usize, usize)>,
    /// Names given more than once, in order of first appearance.
    pub duplicates: Vec<String>,
}

impl NameList {
    pub fn parse(text: &str) -> NameList {
        let mut out = NameList::default();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (line, name) in text.lines().enumerate() {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let chars = name.chars().count();
            if chars > NAME_MAX {
                out.too_long.push((line.saturating_add(1), chars));
            }
            let times = seen.entry(name).or_default();
            *times += 1;
            if *times == 2 {
                out.duplicates.push(name.to_string());
            }
            out.names.push(name.to_string());
        }
        out
    }

    /// What stops these names from being sent. Duplicates do not: two ghosts may
    /// share a name (they are only flagged).
    pub fn problem(&self) -> Option<String> {
        if let Some((line, chars)) = self.too_long.first() {
            let more = match self.too_long.len() {
                1 => String::new(),
                n => format!(" (and {} more lines)", n - 1),
            };
            Some(format!(
                "Line {line}: {chars} characters; at most {NAME_MAX}{more}."
            ))
        } else if self.names.is_empty() {
            Some("Paste or type the names, one per line.".into())
        } else if self.names.len() > MAX_GHOSTS {
            Some(format!(
                "{} names; at most {MAX_GHOSTS} at a time.",
                self.names.len()
            ))
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// Not tried yet in this run.
    Pending,
    Created(Id),
    /// Refused: nothing of its chunk was created.
    Failed(String),
    /// The answer was lost: the chunk may have been created. Not retried by itself,
    /// as that could create it twice.
    Unknown(String),
    /// The run was stopped before its chunk.
    NotAttempted,
}

impl Created {
    pub fn retryable(&self) -> bool {
        matches!(self, Created::Failed(_) | Created::NotAttempted)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateItem {
    pub name: String,
    pub outcome: Created,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CreatePhase {
    /// The dialog.
    Edit,
    /// Reading the numbers in use, page by page; `highest` so far.
    Checking {
        req_id: ReqId,
        template: Template,
        count: usize,
        page: u32,
        /// Pages the search takes, once page 1 told the total.
        pages: Option<u32>,
        highest: u64,
        /// The request on its way, as the request log shows it.
        request: String,
    },
    /// What will be sent; `scroll` in the names.
    Preview {
        scroll: usize,
    },
    /// One chunk on its way: the items `first..first + count`.
    Running {
        req_id: ReqId,
        first: usize,
        count: usize,
        stopping: bool,
    },
    Done {
        scroll: usize,
    },
}

#[derive(Debug, Clone)]
pub struct BulkCreate {
    /// Names this run in the journal.
    pub op: String,
    pub draft: Draft,
    /// The ghosts to create (from the preview on).
    pub items: Vec<CreateItem>,
    /// A template's numbering went on after this number.
    pub after: Option<u64>,
    /// What every ghost gets besides its name, fixed at the preview.
    pub base: NewGhost,
    pub phase: CreatePhase,
}

impl BulkCreate {
    pub fn new(op: String) -> Self {
        BulkCreate {
            op,
            draft: Draft::default(),
            items: Vec::new(),
            after: None,
            base: Draft::default().base(),
            phase: CreatePhase::Edit,
        }
    }

    pub fn set_names(&mut self, names: Vec<String>) {
        self.items = names
            .into_iter()
            .map(|name| CreateItem {
                name,
                outcome: Created::Pending,
            })
            .collect();
    }

    /// Requests the run takes: one per chunk.
    pub fn chunks(&self) -> usize {
        self.items.len().div_ceil(CHUNK)
    }

    pub fn count(&self, wanted: fn(&Created) -> bool) -> usize {
        self.items.iter().filter(|i| wanted(&i.outcome)).count()
    }

    /// The next chunk to send: up to [`CHUNK`] pending ghosts in a row.
    pub fn next_chunk(&self) -> Option<(usize, usize)> {
        let first = self
            .items
            .iter()
            .position(|i| i.outcome == Created::Pending)?;
        let count = self.items[first..]
            .iter()
            .take(CHUNK)
            .take_while(|i| i.outcome == Created::Pending)
            .count();
        Some((first, count))
    }

    /// The body of the chunk `first..first + count`.
    pub fn payload(&self, first: usize, count: usize) -> Vec<NewGhost> {
        self.items
            .iter()
            .skip(first)
            .take(count)
            .map(|i| NewGhost {
                name: i.name.clone(),
                ..self.base.clone()
            })
            .collect()
    }

    /// Whether the answer `req` is one this run waits for (a check or a chunk).
    pub fn waits_for(&self, req: ReqId) -> bool {
        match &self.phase {
            CreatePhase::Checking { req_id, .. } | CreatePhase::Running { req_id, .. } => {
                *req_id == req
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_number_exactly_their_own_names() {
        let t = Template::parse("Backend developer #{n}").expect("valid");
        assert_eq!(t.search(), "Backend developer #");
        assert_eq!(t.number_of("Backend developer #12"), Some(12));
        assert_eq!(t.number_of("Backend developer #12 (old)"), None);
        assert_eq!(t.number_of("backend developer #3"), None);
        assert_eq!(t.number_of("Backend developer #"), None);
        assert_eq!(t.number_of("Backend developer #-1"), None);
        assert_eq!(
            t.names(3, 2),
            Ok(vec![
                "Backend developer #4".into(),
                "Backend developer #5".into()
            ])
        );
        let t = Template::parse("{n}. designer").expect("valid");
        assert_eq!(t.search(), ". designer");
        assert!(Template::parse("No number").is_err());
        assert!(Template::parse("{n} and {n}").is_err());
        assert!(Template::parse(" {n} ").is_err());
        let long = Template::parse(&format!("{}{{n}}", "x".repeat(254))).expect("valid");
        assert!(long.names(0, 9).is_ok());
        assert!(long.names(0, 10).is_err(), "#10 is 256 characters");
    }

    #[test]
    fn counts_are_bounded() {
        assert_eq!(parse_count(" 5 "), Ok(5));
        for bad in ["0", "", "x", "1001", "-3"] {
            assert!(parse_count(bad).is_err(), "{bad}");
        }
    }
}
