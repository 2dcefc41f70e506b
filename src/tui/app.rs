//! The app's state: plain data, changed only by `update`.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use time::{OffsetDateTime, UtcOffset};
use tui_input::Input;

use crate::api::{ApiError, Ghost, GhostFilter, Id, Quota};

use super::bulk::{BulkDelete, BulkEdit, EditPhase};
use super::bulk_create::BulkCreate;
use super::dialogs::{DeleteDialog, EmbodyDialog};
use super::filters::FilterPanel;
use super::form::Form;
use super::journal::Interrupted;
use super::lookups::Lookups;
use super::marks::Marks;
use super::msg::{Effect, ReqId, RequestRecord};
use super::theme::Theme;
use super::triage::Triage;

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
}

/// A request sent and not yet answered: the status bar shows it with its elapsed time,
/// and Esc stops waiting for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// "saving", "loading page 3".
    pub label: String,
    pub started: OffsetDateTime,
    /// A write, in the past tense ("saved"): cancelling it leaves the user unsure
    /// whether it happened. `None` for a read.
    pub write: Option<&'static str>,
    /// Method and path, for the request log's entry if it is cancelled.
    pub request: String,
    /// A look-up: its picker says it is loading, and Esc there only goes back, leaving
    /// it to finish (it is kept for the session). Esc cancels the other requests.
    pub background: bool,
}

/// Why no request may be sent for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitKind {
    /// 402 with quota headers: the hourly quota is spent.
    Quota,
    /// 429: the server asked us to slow down (`Retry-After`).
    RateLimited,
}

/// A wait the server asked for. Nothing is sent until `until`; after it, nothing is
/// sent by itself either: the user asks (`r`, or the action again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub kind: WaitKind,
    pub until: OffsetDateTime,
}

/// Requests held until the user says they may be spent.
#[derive(Debug, Clone, PartialEq)]
pub struct CostConfirm {
    /// About how many requests (a look-up may take more than one page).
    pub requests: u64,
    /// What they are for, when more than the effects held ("Triage: 200 pages of
    /// ghosts"); empty for the gate's own questions.
    pub what: String,
    pub effects: Vec<Effect>,
}

/// How many requests the request log keeps.
pub const REQUEST_LOG_SIZE: usize = 500;

/// Every request of the session, newest last, at most [`REQUEST_LOG_SIZE`].
#[derive(Debug, Clone, Default)]
pub struct RequestLog {
    pub entries: VecDeque<RequestRecord>,
    /// The pane is open.
    pub open: bool,
    /// Rows scrolled from the newest entry (the top of the pane).
    pub scroll: usize,
}

impl RequestLog {
    pub fn push(&mut self, record: RequestRecord) {
        if self.entries.len() >= REQUEST_LOG_SIZE {
            self.entries.pop_front();
        }
        self.entries.push_back(record);
    }
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
    /// The query the loaded ghosts answer; the header shows `App::filter`, which runs
    /// ahead of it while a new query is on its way.
    pub loaded_for: Option<GhostFilter>,
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
    /// A wait the server asked for (spent quota, 429).
    pub wait: Option<Wait>,
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
    Filters(Box<FilterPanel>),
    /// Deleting the marked ghosts: confirm, progress, results.
    Bulk(Box<BulkDelete>),
    /// Editing the marked ghosts: form, preview, progress, results.
    BulkEdit(Box<BulkEdit>),
    /// Creating many ghosts: dialog, numbering check, preview, chunks, results.
    Create(Box<BulkCreate>),
    /// On start: an earlier bulk operation never ended.
    Interrupted(Box<Interrupted>),
    /// The triage overview (its data is `App::triage`, kept when it closes).
    Triage,
}

impl Modal {
    /// The edit form in it: a ghost's, or the bulk edit's while it shows its form.
    pub fn form(&self) -> Option<&Form> {
        match self {
            Modal::Form(form) => Some(form),
            Modal::BulkEdit(bulk) if matches!(bulk.phase, EditPhase::Form) => Some(&bulk.form),
            _ => None,
        }
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        match self {
            Modal::Form(form) => Some(form),
            Modal::BulkEdit(bulk) if matches!(bulk.phase, EditPhase::Form) => Some(&mut bulk.form),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct App {
    pub list: ListState,
    /// The query in force (its `search` is what the server was asked, which may lag
    /// behind what is typed in the search line).
    pub filter: GhostFilter,
    pub cursor: usize,
    /// Ghosts marked for a bulk action, in view or not.
    pub marks: Marks,
    /// First list row on screen.
    pub offset: usize,
    pub detail_scroll: usize,
    pub focus: Focus,
    pub search: SearchState,
    pub help_open: bool,
    /// Lines the help is scrolled, where it does not fit.
    pub help_scroll: usize,
    /// The edit form or a dialog, when open.
    pub modal: Option<Modal>,
    /// Writes sent and not yet answered, by request.
    pub writes: HashMap<ReqId, PendingWrite>,
    /// Names for ids, loaded once per session when first needed.
    pub lookups: Lookups,
    /// The triage overview's counts, kept until the user counts again.
    pub triage: Triage,
    pub status: Status,
    /// Requests sent and not yet answered, by id.
    pub pending: BTreeMap<ReqId, Pending>,
    /// "This will use N requests. Continue?", when open.
    pub confirm: Option<CostConfirm>,
    pub request_log: RequestLog,
    pub theme: Theme,
    pub toast: Option<Toast>,
    pub now: OffsetDateTime,
    pub local_offset: UtcOffset,
    pub demo: bool,
    /// Where the log goes, shown in help.
    pub log_path: Option<String>,
    /// The journal of bulk operations; `None`: not kept.
    pub journal_path: Option<std::path::PathBuf>,
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
            marks: Marks::default(),
            offset: 0,
            detail_scroll: 0,
            focus: Focus::List,
            search: SearchState::default(),
            help_open: false,
            help_scroll: 0,
            modal: None,
            writes: HashMap::new(),
            lookups: Lookups::default(),
            triage: Triage::default(),
            status: Status::default(),
            pending: BTreeMap::new(),
            confirm: None,
            request_log: RequestLog::default(),
            theme: Theme::default(),
            toast: None,
            now,
            local_offset,
            demo,
            log_path: None,
            journal_path: None,
            size,
            next_req: 0,
            quit: false,
        }
    }

    /// The open edit form: a ghost's, or the bulk edit's while it shows its form.
    pub fn form(&self) -> Option<&Form> {
        self.modal.as_ref().and_then(Modal::form)
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        self.modal.as_mut().and_then(Modal::form_mut)
    }

    pub fn selected(&self) -> Option<&Ghost> {
        self.list.ghosts.get(self.cursor)
    }

    pub fn is_loading(&self) -> bool {
        self.list.in_flight.is_some()
    }

    /// Whether the runtime should send ticks: a spinner turns, a toast must expire or
    /// a wait counts down. (Ticks never send requests.)
    pub fn wants_ticks(&self) -> bool {
        self.wants_fast_ticks() || self.wait_left().is_some()
    }

    /// Whether ticks must come often (a spinner, a toast), not just once a second for
    /// a countdown.
    pub fn wants_fast_ticks(&self) -> bool {
        !self.pending.is_empty() || self.toast.is_some()
    }

    /// `by` from now, saturating: a clock or a server's wait near the end of the
    /// calendar must not panic.
    pub fn later(&self, by: time::Duration) -> OffsetDateTime {
        self.now
            .checked_add(by)
            .unwrap_or_else(|| time::PrimitiveDateTime::MAX.assume_utc())
    }

    /// How long the wait in force still lasts; `None` when there is none or it is over.
    pub fn wait_left(&self) -> Option<std::time::Duration> {
        let wait = self.status.wait?;
        let left = wait.until - self.now;
        left.is_positive()
            .then(|| std::time::Duration::try_from(left).ok())
            .flatten()
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
        if err.as_status().is_some_and(|s| s.is_plan_limit()) {
            // Waiting or retrying will not help.
            return Some(text);
        }
        // Credentials or ids are wrong: retrying cannot help, fixing them does.
        match err.status() {
            Some(401) => {
                text.push_str(" · check the API key or password (ghosts init sets a new one), then start again");
                return Some(text);
            }
            Some(403) => {
                text.push_str(" · check the organization and workspace ids, then start again");
                return Some(text);
            }
            _ => {}
        }
        match self.wait_left() {
            Some(wait) => text.push_str(&format!(" · r retries in {}", short_duration(wait))),
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
