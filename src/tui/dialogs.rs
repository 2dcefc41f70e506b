//! The confirm-delete and embody dialogs' state.

use crate::api::{EmbodyRequest, Id};

use super::form::{TypedIds, parse_ids};
use super::lookups::{Item, LookupKind};
use super::msg::ReqId;
use super::picker::Picker;

/// The field after (or before) `current` in `fields`, wrapping round; from the first
/// when `current` is not among them.
pub fn cycle<T: Copy + PartialEq>(fields: &[T], current: T, forward: bool) -> T {
    let n = fields.len();
    if n == 0 {
        return current;
    }
    let at = fields.iter().position(|f| *f == current).unwrap_or(0);
    let next = if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    };
    fields[next]
}

#[derive(Debug, Clone)]
pub struct DeleteDialog {
    pub id: Id,
    pub name: String,
    /// The focused button; Cancel (the safe answer) starts focused.
    pub on_delete: bool,
    pub sending: Option<ReqId>,
    pub error: Option<String>,
}

impl DeleteDialog {
    pub fn new(id: Id, name: String) -> Self {
        DeleteDialog {
            id,
            name,
            on_delete: false,
            sending: None,
            error: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbodyField {
    Member,
    Role,
    Confirm,
    Cancel,
}

const EMBODY_FIELDS: [EmbodyField; 4] = [
    EmbodyField::Member,
    EmbodyField::Role,
    EmbodyField::Confirm,
    EmbodyField::Cancel,
];

#[derive(Debug, Clone)]
pub struct EmbodyDialog {
    pub ghost_id: Id,
    pub ghost_name: String,
    pub member: Option<Item>,
    pub role: Option<Item>,
    /// Ids typed by hand when a look-up failed: "org user id, account id" and "role id".
    pub typed_member: Option<TypedIds>,
    pub typed_role: Option<TypedIds>,
    pub focus: EmbodyField,
    pub picker: Option<Picker>,
    pub sending: Option<ReqId>,
    pub error: Option<String>,
}

impl EmbodyDialog {
    pub fn new(ghost_id: Id, ghost_name: String) -> Self {
        EmbodyDialog {
            ghost_id,
            ghost_name,
            member: None,
            role: None,
            typed_member: None,
            typed_role: None,
            focus: EmbodyField::Member,
            picker: None,
            sending: None,
            error: None,
        }
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = cycle(&EMBODY_FIELDS, self.focus, forward);
    }

    /// Whether the focused field takes typed ids.
    pub fn focus_is_typed(&self) -> bool {
        match self.focus {
            EmbodyField::Member => self.typed_member.is_some(),
            EmbodyField::Role => self.typed_role.is_some(),
            _ => false,
        }
    }

    /// The focused field's typed ids, if it is typed.
    pub fn focused_typed(&mut self) -> Option<&mut TypedIds> {
        match self.focus {
            EmbodyField::Member => self.typed_member.as_mut(),
            EmbodyField::Role => self.typed_role.as_mut(),
            _ => None,
        }
    }

    /// Switches `kind` to typed ids (its look-up failed).
    pub fn start_typing(&mut self, kind: LookupKind) {
        match kind {
            LookupKind::Members if self.typed_member.is_none() => {
                let ids: Vec<Id> = self
                    .member
                    .iter()
                    .flat_map(|m| [Some(m.id), m.account_id])
                    .flatten()
                    .collect();
                self.typed_member = Some(TypedIds::new(&ids));
            }
            LookupKind::Roles if self.typed_role.is_none() => {
                let ids: Vec<Id> = self.role.iter().map(|r| r.id).collect();
                self.typed_role = Some(TypedIds::new(&ids));
            }
            _ => {}
        }
    }

    /// The request, or what is missing.
    pub fn request(&self) -> Result<EmbodyRequest, String> {
        let (org_user, account) = match (&self.typed_member, &self.member) {
            (Some(typed), _) => match parse_ids(typed.input.value())?.as_slice() {
                [org_user, account] => (*org_user, *account),
                _ => return Err("Type the member as two ids: org user id, account id.".into()),
            },
            (None, Some(member)) => match member.account_id {
                Some(account) => (member.id, account),
                None => return Err("This member has no account id.".into()),
            },
            (None, None) => return Err("Choose a member.".into()),
        };
        let role = match (&self.typed_role, &self.role) {
            (Some(typed), _) => match parse_ids(typed.input.value())?.as_slice() {
                [role] => *role,
                _ => return Err("Type one role id.".into()),
            },
            (None, Some(role)) => role.id,
            (None, None) => return Err("Choose a role.".into()),
        };
        Ok(EmbodyRequest {
            recipient_org_user_id: org_user,
            recipient_user_account_id: account,
            role_id: role,
        })
    }

    /// "Embody X as Y, role Z": what Enter on Embody will do.
    pub fn summary(&self) -> Option<String> {
        let request = self.request().ok()?;
        let member = self
            .member
            .as_ref()
            .filter(|_| self.typed_member.is_none())
            .map_or_else(
                || {
                    format!(
                        "member {}/{}",
                        request.recipient_org_user_id, request.recipient_user_account_id
                    )
                },
                |m| m.name.clone(),
            );
        let role = self
            .role
            .as_ref()
            .filter(|_| self.typed_role.is_none())
            .map_or_else(|| format!("#{}", request.role_id), |r| r.name.clone());
        Some(format!(
            "Embody {} as {member}, role {role}",
            self.ghost_name
        ))
    }
}
