//! Deterministic ghosts, pages and apps with a frozen clock.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ghosts::api::{
    ApiError, Assigned, Ghost, GhostPage, ProjectRef, Quota, Reply, StatusError, TaskRef,
};
use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};
use ghosts::tui::{App, update};
use time::macros::{datetime, offset};
use time::{OffsetDateTime, UtcOffset};

pub const NOW: OffsetDateTime = datetime!(2026-12-03 12:00 UTC);
pub const OFFSET: UtcOffset = offset!(+1);

pub fn ghost(id: i64, name: &str) -> Ghost {
    Ghost {
        id,
        name: name.to_string(),
        description: None,
        user_id: None,
        embodied_at: None,
        created_at: Some("2026-11-02T09:14:03.512347Z".into()),
        updated_at: Some("2026-11-20T16:40:11Z".into()),
        deleted_at: None,
        assigned: Assigned::default(),
    }
}

/// `n` plain ghosts with ids from `first`.
pub fn ghosts(first: i64, n: usize) -> Vec<Ghost> {
    (0..n as i64)
        .map(|i| ghost(first + i, &format!("Ghost {:05}", first + i)))
        .collect()
}

/// Ghosts from all over the world, with every field the detail pane shows.
pub fn world_ghosts() -> Vec<Ghost> {
    let mut designer = ghost(4107, "Senior designer #2");
    designer.description = Some(
        "Covers the Q3 rebrand until we hire. Works with the brand team on the logo, \
         the type scale and the new colour palette.\nSecond paragraph: onboarding notes."
            .into(),
    );
    designer.assigned = Assigned {
        projects: vec![
            ProjectRef {
                id: 12,
                name: "Rebrand".into(),
                color: Some("#e36a00".into()),
                private: false,
            },
            ProjectRef {
                id: 14,
                name: "Website relaunch".into(),
                color: Some("#1f6feb".into()),
                private: true,
            },
        ],
        tasks: vec![TaskRef {
            id: 310,
            name: "Logo exploration".into(),
            color: Some("#2da608".into()),
        }],
        team_ids: vec![3, 7],
    };
    let mut cjk = ghost(4108, "設計者（デザイナー）三号");
    cjk.description = Some("東京オフィスのプロジェクトを担当します。".into());
    cjk.assigned.projects = vec![ProjectRef {
        id: 20,
        name: "新ブランド".into(),
        color: Some("#aa00ff".into()),
        private: false,
    }];
    let mut accents = ghost(4109, "Éloïse Müller-Ström, ingénieure");
    accents.description = Some(String::new());
    let mut emoji = ghost(4110, "🎨 Illustrator 👩🏽‍🎨 (contract)");
    emoji.created_at = Some("last Tuesday".into());
    let mut embodied = ghost(4111, "Backend engineer");
    embodied.user_id = Some(5120);
    embodied.embodied_at = Some("2026-12-01T08:30:00Z".into());
    embodied.assigned.team_ids = vec![9];
    let long = ghost(
        4112,
        "A ghost with a very long name that will certainly not fit in any list column at all",
    );
    vec![designer, cjk, accents, emoji, embodied, long]
}

pub fn page(data: Vec<Ghost>, page: u32, total: u64) -> Reply<GhostPage> {
    Reply {
        data: GhostPage {
            rows: 100,
            data,
            page,
            total,
            skipped: 0,
        },
        quota: Quota {
            remaining: Some(27),
            resets_in: Some(std::time::Duration::from_secs(1800)),
        },
    }
}

pub fn server_error() -> ApiError {
    ApiError::Status(Box::new(StatusError {
        status: 503,
        body: Some(ghosts::api::ErrorBody {
            error: "unavailable".into(),
            error_description: Some("the service is down for maintenance".into()),
            error_values: None,
            trace_id: Some("trace-42".into()),
        }),
        raw_excerpt: String::new(),
        quota: Quota {
            remaining: Some(12),
            resets_in: None,
        },
        retry_after: None,
    }))
}

pub fn new_app(w: u16, h: u16) -> App {
    App::new(NOW, OFFSET, false, (w, h))
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Msg::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
}

pub fn release(c: char) -> Msg {
    Msg::Key(KeyEvent::new_with_kind(
        KeyCode::Char(c),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    ))
}

/// Sends the messages, collecting every effect.
pub fn send(app: &mut App, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    msgs.into_iter().flat_map(|m| update(app, m)).collect()
}

pub fn page_answer(req_id: ReqId, reply: Reply<GhostPage>) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::Page(Ok(reply)),
    }
}

pub fn page_failure(req_id: ReqId, err: ApiError) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::Page(Err(err)),
    }
}

/// The page fetches among `effects`, as (request, page, search).
pub fn fetches(effects: &[Effect]) -> Vec<(ReqId, u32, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchPage { req_id, query } => {
                Some((*req_id, query.page, query.filter.search.clone()))
            }
            _ => None,
        })
        .collect()
}

/// The one fetch among `effects`; panics (failing the test) otherwise.
pub fn only_fetch(effects: &[Effect]) -> (ReqId, u32, String) {
    let all = fetches(effects);
    assert_eq!(all.len(), 1, "expected exactly one fetch in {effects:?}");
    all[0].clone()
}

/// An app of the given size that has loaded page 1 with `ghosts` of `total`.
pub fn loaded(w: u16, h: u16, data: Vec<Ghost>, total: u64) -> App {
    let mut app = new_app(w, h);
    let (req, _, _) = only_fetch(&update(&mut app, Msg::Start));
    update(&mut app, page_answer(req, page(data, 1, total)));
    app
}

// ---- forms and dialogs -------------------------------------------------------------

use ghosts::api::{ErrorBody, Member, Project, Role, Task, Team};
use ghosts::tui::app::Modal;
use ghosts::tui::dialogs::{DeleteDialog, EmbodyDialog};
use ghosts::tui::form::Form;
use ghosts::tui::lookups::{LookupData, LookupKind};

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn back_tab() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT))
}

/// Each character typed as a key.
pub fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(ch).collect()
}

pub fn form(app: &App) -> &Form {
    match &app.modal {
        Some(Modal::Form(form)) => form,
        other => panic!("no form open: {other:?}"),
    }
}

pub fn delete_dialog(app: &App) -> &DeleteDialog {
    match &app.modal {
        Some(Modal::Delete(dialog)) => dialog,
        other => panic!("no delete dialog: {other:?}"),
    }
}

pub fn embody_dialog(app: &App) -> &EmbodyDialog {
    match &app.modal {
        Some(Modal::Embody(dialog)) => dialog,
        other => panic!("no embody dialog: {other:?}"),
    }
}

/// An error status with the contract's body.
pub fn status_error(status: u16, description: &str) -> ApiError {
    ApiError::Status(Box::new(StatusError {
        status,
        body: Some(ErrorBody {
            error: "error".into(),
            error_description: Some(description.into()),
            error_values: None,
            trace_id: None,
        }),
        raw_excerpt: String::new(),
        quota: Quota::default(),
        retry_after: None,
    }))
}

pub fn reply<T>(data: T) -> Reply<T> {
    Reply {
        data,
        quota: Quota {
            remaining: Some(20),
            resets_in: None,
        },
    }
}

pub fn saved(req_id: ReqId, result: Result<Ghost, ApiError>) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::Saved(Box::new(result.map(reply))),
    }
}

pub fn deleted(req_id: ReqId, result: Result<(), ApiError>) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::Deleted(result.map(reply)),
    }
}

pub fn embodied(req_id: ReqId, result: Result<Ghost, ApiError>) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::Embodied(Box::new(result.map(reply))),
    }
}

/// The look-ups the world ghosts refer to (and a few more).
pub fn lookup_data(kind: LookupKind) -> LookupData {
    let project = |id, name: &str, color: &str| Project {
        id,
        name: name.into(),
        color: Some(color.into()),
        private: false,
    };
    let task = |id, name: &str, color: &str| Task {
        id,
        name: name.into(),
        color: Some(color.into()),
        project_id: Some(12),
    };
    let team = |id, name: &str, emoji: &str| Team {
        id,
        name: name.into(),
        emoji: Some(emoji.into()),
    };
    match kind {
        LookupKind::Projects => LookupData::Projects(vec![
            project(12, "Rebrand", "#e36a00"),
            project(14, "Website relaunch", "#1f6feb"),
            project(20, "新ブランド", "#aa00ff"),
            project(21, "Mobile app", "#2da608"),
        ]),
        LookupKind::Tasks => LookupData::Tasks(vec![
            task(310, "Logo exploration", "#2da608"),
            task(311, "Type scale", "#e36a00"),
        ]),
        LookupKind::Teams => LookupData::Teams(vec![
            team(3, "Design", "🎨"),
            team(7, "Brand", "✨"),
            team(9, "Platform", "🛠"),
        ]),
        LookupKind::Members => LookupData::Members(vec![
            Member {
                id: 88,
                user_account_id: 5120,
                name: "Ana Lima".into(),
                email: "ana@example.com".into(),
            },
            Member {
                id: 89,
                user_account_id: 5121,
                name: "Bo Chen 陈博".into(),
                email: "bo@example.com".into(),
            },
        ]),
        LookupKind::Roles => LookupData::Roles(vec![
            Role {
                role_id: 4,
                code: "admin".into(),
                name: "Admin".into(),
                entity: "organization".into(),
                kind: "system".into(),
            },
            Role {
                role_id: 5,
                code: "member".into(),
                name: "Member".into(),
                entity: "organization".into(),
                kind: "system".into(),
            },
        ]),
    }
}

/// The look-up fetches among `effects`, as (request, kind).
pub fn lookup_fetches(effects: &[Effect]) -> Vec<(ReqId, LookupKind)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchLookup { req_id, kind } => Some((*req_id, *kind)),
            _ => None,
        })
        .collect()
}

/// Answers every look-up fetch among `effects` with the fixture data.
pub fn answer_lookups(app: &mut App, effects: &[Effect]) {
    for (req_id, kind) in lookup_fetches(effects) {
        update(
            app,
            Msg::Api {
                req_id,
                result: ApiResult::Lookup(Ok(reply(lookup_data(kind)))),
            },
        );
    }
}

/// The one save (create or update) among `effects`.
pub fn save_request(effects: &[Effect]) -> ReqId {
    let saves: Vec<ReqId> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::CreateGhost { req_id, .. } | Effect::UpdateGhost { req_id, .. } => {
                Some(*req_id)
            }
            _ => None,
        })
        .collect();
    assert_eq!(saves.len(), 1, "expected one save in {effects:?}");
    saves[0]
}
