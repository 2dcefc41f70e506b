//! What can happen to the app (`Msg`) and what the app asks the runtime to do (`Effect`).

use std::time::Duration;

use crossterm::event::KeyEvent;
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
    Quit,
}
