//! The app's state: plain data, changed only by `update`.

use std::collections::{HashMap, HashSet};

use time::{OffsetDateTime, UtcOffset};
use tui_input::Input;

use crate::api::{ApiError, Ghost, GhostFilter, Id, Quota};

use super::dialogs::{DeleteDialog, EmbodyDialog};
use super::form::Form;
use super::lookups::Lookups;
use super::msg::ReqId;

/// Ghosts asked for per page (the API's maximum, to spend the quota well).
pub const PAGE_ROWS: u32 = 100;

/// How long a toast stays on screen.
pub const TOAST_SECONDS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Detail,
}

/// A page request the app is waiting for.
#[derive(Debug, Clone, PartialEq)]
pub struct InFlight {
    pub req_id: ReqId,
    pub page: u32,
    /// The first page of a new query: its answer replaces what is loaded (a page 1
    /// asked again to continue after deletions is added to it instead).
    pub fresh: bool,
    /// For the status bar's elapsed time.
    pub started: OffsetDateTime,
}

/// The ghosts of the current query, as far as they are loaded.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    pub ghosts: Vec<Ghost>,
    /// Ids in `ghosts`, so a ghost that moved between pages is not listed twice.
    pub ids: HashSet<Id>,
    /// `total` of the latest page answer; `None` before the first answer.
    pub total: Option<u64>,
    /// Pages 1..=pages_loaded are in `ghosts`.
    pub pages_loaded: u32,
    /// How far into the server's order the loaded pages reach (entries, readable or
    /// not): compared with `total` to know whether more pages exist, and the start of
    /// the next page. Ghosts removed from or added to the loaded part (delete, embody,
    /// create) move it, so the next page neither skips nor repeats one.
    pub received: u64,
    /// Entries per page as the server really pages (it may give fewer than asked).
    pub page_rows: u64,
    /// A page came back empty: nothing more to load, whatever `total` says.
    pub exhausted: bool,
    /// Entries the server sent that could not be read, over the loaded pages.
    pub skipped: usize,
    pub in_flight: Option<InFlight>,
    /// Bumped for every new query (search, sort, embodied, reload); a page answer for an
    /// older generation is dropped.
    pub generation: u64,
    /// A page after the first that failed: `r` retries it (instead of reloading all).
    pub failed_page: Option<u32>,
    /// The ghost the cursor was on when the query restarted; the cursor goes back to it
    /// if page 1 of the new query holds it.
    pub restore_id: Option<Id>,
}

impl ListState {
    /// Whether more pages exist beyond those loaded.
    pub fn has_more(&self) -> bool {
        match self.total {
            None => true,
            Some(total) => !self.exhausted && self.received < total,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: Input,
    /// The search line is open and has the keyboard.
    pub open: bool,
    /// Id of the debounce timer whose expiry is still wanted; older timers are ignored.
    pub debounce_id: u64,
}

#[derive(Debug, Clone)]
pub struct Toast {
    pub text: String,
    pub until: OffsetDateTime,
}

#[derive(Debug, Clone, Default)]
pub struct Status {
    pub last_error: Option<ApiError>,
    /// Quota reported by the last answer that carried one.
    pub quota: Option<Quota>,
}

/// Which write a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind {
    Create,
    Update,
    Delete,
    Embody,
}

/// A write on its way to the server, remembered apart from the dialog that sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingWrite {
    pub kind: WriteKind,
    pub ghost_id: Option<Id>,
    pub name: String,
}

/// What has the keyboard over the list, if anything.
#[derive(Debug, Clone)]
pub enum Modal {
    Form(Box<Form>),
    Delete(DeleteDialog),
    Embody(Box<EmbodyDialog>),
}

#[derive(Debug, Clone)]
pub struct App {
    pub list: ListState,
    /// The query in force (its `search` is what the server was asked, which may lag
    /// behind what is typed in the search line).
    pub filter: GhostFilter,
    pub cursor: usize,
    /// First list row on screen.
    pub offset: usize,
    pub detail_scroll: usize,
    pub focus: Focus,
    pub search: SearchState,
    pub help_open: bool,
    /// The edit form or a dialog, when open.
    pub modal: Option<Modal>,
    /// Writes sent and not yet answered, by request.
    pub writes: HashMap<ReqId, PendingWrite>,
    /// Names for ids, loaded once per session when first needed.
    pub lookups: Lookups,
    pub status: Status,
    pub toast: Option<Toast>,
    pub now: OffsetDateTime,
    pub local_offset: UtcOffset,
    pub demo: bool,
    /// Where the log goes, shown in help.
    pub log_path: Option<String>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub next_req: u64,
    pub quit: bool,
}

impl App {
    pub fn new(now: OffsetDateTime, local_offset: UtcOffset, demo: bool, size: (u16, u16)) -> Self {
        App {
            list: ListState::default(),
            filter: GhostFilter::default(),
            cursor: 0,
            offset: 0,
            detail_scroll: 0,
            focus: Focus::List,
            search: SearchState::default(),
            help_open: false,
            modal: None,
            writes: HashMap::new(),
            lookups: Lookups::default(),
            status: Status::default(),
            toast: None,
            now,
            local_offset,
            demo,
            log_path: None,
            size,
            next_req: 0,
            quit: false,
        }
    }

    pub fn selected(&self) -> Option<&Ghost> {
        self.list.ghosts.get(self.cursor)
    }

    pub fn is_loading(&self) -> bool {
        self.list.in_flight.is_some()
    }

    /// Whether the runtime should send ticks: a spinner turns or a toast must expire.
    pub fn wants_ticks(&self) -> bool {
        self.is_loading() || self.toast.is_some()
    }

    /// The toast to show now, if any.
    pub fn visible_toast(&self) -> Option<&Toast> {
        self.toast.as_ref().filter(|t| t.until > self.now)
    }

    /// The last error as the error line shows it, with the trace id support asks for.
    pub fn error_text(&self) -> Option<String> {
        let err = self.status.last_error.as_ref()?;
        let mut text = format!("error: {err}");
        if let Some(trace) = err.trace_id() {
            text.push_str(&format!(" (trace {trace})"));
        }
        let wait = err.as_status().and_then(|s| {
            s.retry_after.or_else(|| {
                s.is_quota_exhausted()
                    .then_some(s.quota.resets_in)
                    .flatten()
            })
        });
        match wait {
            Some(wait) => text.push_str(&format!(" · r retries (wait {})", short_duration(wait))),
            None => text.push_str(" · r retries"),
        }
        Some(text)
    }

    pub fn new_req_id(&mut self) -> ReqId {
        self.next_req += 1;
        ReqId(self.next_req)
    }
}

/// "45 s", "12 min", "2 h": how long to wait, roughly.
pub fn short_duration(d: std::time::Duration) -> String {
    let secs = d.as_secs();
    if secs < 90 {
        format!("{secs} s")
    } else if secs < 90 * 60 {
        format!("{} min", secs.div_ceil(60))
    } else {
        format!("{} h", secs.div_ceil(3600))
    }
}
