//! What can happen to the app (`Msg`) and what the app asks the runtime to do (`Effect`).

use std::time::Duration;

use crossterm::event::{KeyEvent, MouseEvent};
use time::OffsetDateTime;

use crate::api::{
    ApiError, EmbodyRequest, Ghost, GhostPage, GhostPatch, Id, ListQuery, NewGhost, Reply,
};

use super::journal::Entry;
use super::lookups::{LookupData, LookupKind};

/// Identifies one request to the runtime; every answer carries the id it answers, so
/// `update` can drop answers nobody waits for any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReqId(pub u64);

#[derive(Debug, Clone)]
pub enum Msg {
    /// The app has just started: load the first page.
    Start,
    Key(KeyEvent),
    /// A bracketed paste: text, never keys.
    Paste(String),
    Resize(u16, u16),
    /// The clock moved on (the runtime sends one before each batch of messages, and
    /// periodically while something is loading, for the spinner).
    Tick(OffsetDateTime),
    /// An answer from the API to the request `req_id`.
    Api {
        req_id: ReqId,
        result: ApiResult,
    },
    /// The debounce timer `id` ran out.
    DebounceElapsed {
        id: u64,
    },
    /// A wheel turn or a click (other mouse events are not sent).
    Mouse(MouseEvent),
    /// The runtime's record of one request it ran, for the request log (sent just
    /// before the request's answer).
    RequestLogged(RequestRecord),
}

/// One request as the request log shows it. Never holds headers or bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRecord {
    pub req_id: ReqId,
    /// When it was sent.
    pub at: OffsetDateTime,
    /// Method and path, with the query ("GET ~/ghosts?page=2&rows=100").
    pub request: String,
    /// "ok", the status ("402"), an error kind ("timeout") or "cancelled".
    pub outcome: String,
    pub duration: Duration,
    pub quota_left: Option<u64>,
    pub trace_id: Option<String>,
}

/// The answers to the requests an [`Effect`] can start.
#[derive(Debug, Clone)]
pub enum ApiResult {
    Page(Result<Reply<GhostPage>, ApiError>),
    /// A ghost created or updated from the edit form (boxed, as ghosts are large and
    /// every message is as large as its largest kind).
    Saved(Box<Result<Reply<Ghost>, ApiError>>),
    Deleted(Result<Reply<()>, ApiError>),
    Embodied(Box<Result<Reply<Ghost>, ApiError>>),
    Lookup(Result<Reply<LookupData>, ApiError>),
    /// The ghosts one chunk of a bulk edit updated, in request order.
    BulkUpdated(Result<Reply<Vec<Ghost>>, ApiError>),
    /// The ghosts found by `FindCreated` or `CheckNumbers`.
    Found(Result<Reply<GhostPage>, ApiError>),
    /// One chunk of a bulk create: all its ghosts, or none.
    Created(Box<Result<Reply<Vec<Ghost>>, ApiError>>),
}

impl ApiResult {
    /// The quota a successful answer reported, or the error.
    pub fn outcome(&self) -> Result<crate::api::Quota, &ApiError> {
        match self {
            ApiResult::Page(r) | ApiResult::Found(r) => r.as_ref().map(|r| r.quota),
            ApiResult::Saved(r) | ApiResult::Embodied(r) => r.as_ref().as_ref().map(|r| r.quota),
            ApiResult::Deleted(r) => r.as_ref().map(|r| r.quota),
            ApiResult::Lookup(r) => r.as_ref().map(|r| r.quota),
            ApiResult::BulkUpdated(r) => r.as_ref().map(|r| r.quota),
            ApiResult::Created(r) => r.as_ref().as_ref().map(|r| r.quota),
        }
    }
}

/// Work for the runtime. Each runs in its own task and answers with a [`Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// `GET ~/ghosts` for one page; answers `Msg::Api { req_id, result: Page(..) }`.
    FetchPage {
        req_id: ReqId,
        query: ListQuery,
    },
    /// `POST ~/ghosts`; answers `Saved`.
    CreateGhost {
        req_id: ReqId,
        ghost: NewGhost,
    },
    /// `PATCH ~/ghosts/{id}`; answers `Saved`.
    UpdateGhost {
        req_id: ReqId,
        id: Id,
        patch: GhostPatch,
    },
    /// `DELETE ~/ghosts/{id}`; answers `Deleted`.
    DeleteGhost {
        req_id: ReqId,
        id: Id,
    },
    /// `PATCH ~/ghosts/bulk_update` for one chunk (at most 100, each with its id);
    /// answers `BulkUpdated`.
    BulkUpdate {
        req_id: ReqId,
        patches: Vec<GhostPatch>,
    },
    /// `PATCH ~/ghosts/{id}/embody`; answers `Embodied`.
    EmbodyGhost {
        req_id: ReqId,
        id: Id,
        request: EmbodyRequest,
    },
    /// Every item of one look-up (all its pages); answers `Lookup`.
    FetchLookup {
        req_id: ReqId,
        kind: LookupKind,
    },
    /// `GET ~/ghosts` searching for `name`, embodied ones too, to learn whether a
    /// create whose answer was lost was stored; answers `Found`.
    FindCreated {
        req_id: ReqId,
        name: String,
    },
    /// `GET ~/ghosts` for one page of the names a bulk create's template could have
    /// made, to number on after them; answers `Found`.
    CheckNumbers {
        req_id: ReqId,
        query: ListQuery,
    },
    /// `POST ~/ghosts/bulk_create` for one chunk; answers `Created`.
    BulkCreate {
        req_id: ReqId,
        ghosts: Vec<NewGhost>,
    },
    /// Sleep, then answer `Msg::DebounceElapsed { id }`.
    StartDebounce {
        id: u64,
        after: Duration,
    },
    /// Append one line to the journal of bulk operations (in order, before the next
    /// message is handled); no answer.
    Journal {
        path: std::path::PathBuf,
        entry: Entry,
    },
    /// Stop waiting for `req_id`: the runtime aborts its task (a write may still have
    /// reached the server).
    Cancel {
        req_id: ReqId,
    },
    Quit,
}

impl Effect {
    /// The query `FindCreated` sends: one page of every ghost matching `name`.
    pub fn find_query(name: &str) -> ListQuery {
        ListQuery {
            filter: crate::api::GhostFilter {
                search: name.to_string(),
                include_embodied: true,
                ..Default::default()
            },
            page: 1,
            rows: 100,
        }
    }

    /// The request this effect sends, if it talks to the API.
    pub fn api_request(&self) -> Option<ReqId> {
        match self {
            Effect::FetchPage { req_id, .. }
            | Effect::CreateGhost { req_id, .. }
            | Effect::UpdateGhost { req_id, .. }
            | Effect::DeleteGhost { req_id, .. }
            | Effect::BulkUpdate { req_id, .. }
            | Effect::EmbodyGhost { req_id, .. }
            | Effect::FetchLookup { req_id, .. }
            | Effect::FindCreated { req_id, .. }
            | Effect::CheckNumbers { req_id, .. }
            | Effect::BulkCreate { req_id, .. } => Some(*req_id),
            Effect::StartDebounce { .. }
            | Effect::Journal { .. }
            | Effect::Cancel { .. }
            | Effect::Quit => None,
        }
    }

    /// For a write (never sent twice by itself), what it does to the ghost, in the
    /// past tense ("saved"); `None` for a read.
    pub fn write_verb(&self) -> Option<&'static str> {
        match self {
            Effect::CreateGhost { .. } | Effect::UpdateGhost { .. } => Some("saved"),
            Effect::BulkCreate { .. } => Some("created"),
            Effect::DeleteGhost { .. } => Some("deleted"),
            Effect::BulkUpdate { .. } => Some("updated"),
            Effect::EmbodyGhost { .. } => Some("embodied"),
            _ => None,
        }
    }

    /// What the user is waiting for, in the status bar's words ("saving", "loading
    /// page 3").
    pub fn label(&self) -> String {
        match self {
            Effect::FetchPage { query, .. } => format!("loading page {}", query.page),
            Effect::CreateGhost { .. } | Effect::UpdateGhost { .. } => "saving".into(),
            Effect::DeleteGhost { .. } => "deleting".into(),
            Effect::BulkUpdate { patches, .. } => format!("updating {} ghosts", patches.len()),
            Effect::EmbodyGhost { .. } => "embodying".into(),
            Effect::FetchLookup { kind, .. } => format!("loading {}", kind.name()),
            Effect::FindCreated { .. } => "checking".into(),
            Effect::CheckNumbers { query, .. } => {
                format!("checking the numbers in use (page {})", query.page)
            }
            Effect::BulkCreate { ghosts, .. } => format!("creating {} ghosts", ghosts.len()),
            Effect::StartDebounce { .. }
            | Effect::Journal { .. }
            | Effect::Cancel { .. }
            | Effect::Quit => String::new(),
        }
    }

    /// Method and path as the request log shows them (`~` is the workspace's path).
    /// Queries hold no secrets; headers are never shown.
    pub fn request_line(&self) -> String {
        match self {
            // The query as sent (filters included), unencoded for reading.
            Effect::FetchPage { query, .. } | Effect::CheckNumbers { query, .. } => {
                let pairs: Vec<String> = query
                    .to_pairs()
                    .into_iter()
                    .map(|(key, value)| format!("{key}={value}"))
                    .collect();
                format!("GET ~/ghosts?{}", pairs.join("&"))
            }
            Effect::CreateGhost { .. } => "POST ~/ghosts".into(),
            Effect::BulkCreate { .. } => "POST ~/ghosts/bulk_create".into(),
            Effect::UpdateGhost { id, .. } => format!("PATCH ~/ghosts/{id}"),
            Effect::DeleteGhost { id, .. } => format!("DELETE ~/ghosts/{id}"),
            Effect::BulkUpdate { patches, .. } => {
                format!("PATCH ~/ghosts/bulk_update ({} ghosts)", patches.len())
            }
            Effect::EmbodyGhost { id, .. } => format!("PATCH ~/ghosts/{id}/embody"),
            Effect::FetchLookup { kind, .. } => kind.request_line().into(),
            Effect::FindCreated { name, .. } => {
                format!("GET ~/ghosts?search={name}&include_embodied=true&rows=100")
            }
            Effect::StartDebounce { .. }
            | Effect::Journal { .. }
            | Effect::Cancel { .. }
            | Effect::Quit => String::new(),
        }
    }
}
