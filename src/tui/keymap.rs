//! The one table of keys. It decides what a key does, and feeds the help overlay and
//! the footer hints, so what the user reads is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Applies in the list and the detail pane.
    Global,
    List,
    Detail,
    /// The search line is open and has the keyboard.
    Search,
    Help,
    /// The edit form (new or existing ghost).
    Form,
    /// A picker (assignments, member, role) over the form or the embody dialog.
    Picker,
    /// "Discard your changes?" over the form.
    Discard,
    Delete,
    Embody,
    /// The filter panel.
    Filters,
    /// "Type the number" before a bulk delete.
    BulkConfirm,
    /// A bulk edit's preview: each marked ghost before and after.
    BulkPreview,
    /// A bulk delete or edit under way.
    BulkRunning,
    /// A bulk delete's or edit's results.
    BulkDone,
    /// The bulk create dialog (and its numbering check).
    CreateForm,
    /// A bulk create's preview.
    CreatePreview,
    /// A bulk create under way.
    CreateRunning,
    /// A bulk create's results.
    CreateDone,
    /// A notice over the list (an interrupted bulk operation).
    Notice,
    /// A request is on its way: checked before the context's own keys.
    Pending,
    /// The request log pane.
    Log,
    /// "This will use N requests. Continue?"
    Confirm,
    /// The triage overview's counts.
    Triage,
    /// The triage overview counting, a page on its way.
    TriageRunning,
    /// A triage count stopped midway (a page failed or was not sent).
    TriageStopped,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::List => "List",
            Context::Detail => "Detail pane",
            Context::Search => "Search line",
            Context::Help => "Help",
            Context::Form => "Edit form",
            Context::Picker => "Pickers",
            Context::Discard => "Discard changes?",
            Context::Delete => "Delete dialog",
            Context::Embody => "Embody dialog",
            Context::Filters => "Filter panel",
            Context::BulkConfirm => "Bulk delete: confirm",
            Context::BulkPreview => "Bulk edit: preview",
            Context::BulkRunning => "Bulk delete or edit: running",
            Context::BulkDone => "Bulk delete or edit: results",
            Context::CreateForm => "Bulk create",
            Context::CreatePreview => "Bulk create: preview",
            Context::CreateRunning => "Bulk create: running",
            Context::CreateDone => "Bulk create: results",
            Context::Notice => "Notice",
            Context::Pending => "While waiting",
            Context::Log => "Request log",
            Context::Confirm => "Spend requests?",
            Context::Triage => "Triage overview",
            Context::TriageRunning => "Triage: counting",
            Context::TriageStopped => "Triage: count stopped",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Enter or Tab in the list: to the detail pane.
    FocusDetail,
    /// Esc or Tab in the detail pane: back to the list.
    FocusList,
    /// Esc in the list: clear an active search.
    ClearSearch,
    OpenSearch,
    /// Enter in the search line: keep the search, back to the list.
    AcceptSearch,
    /// Esc in the search line: clear it and reload unfiltered.
    CancelSearch,
    ToggleSort,
    ToggleEmbodied,
    Reload,
    Help,
    CloseHelp,
    /// `e`: the edit form for the selected ghost (the bulk form for marked ones).
    Edit,
    /// `n`: the form for a new ghost.
    New,
    /// `N`: the bulk create dialog.
    BulkNew,
    /// `d`: ask, then delete the selected ghost.
    Delete,
    /// `E`: the embody dialog for the selected ghost.
    Embody,
    NextField,
    PrevField,
    /// Enter in a form or dialog: what the focused field or button does.
    Activate,
    /// Ctrl-S: save the form, send the embody.
    Save,
    /// Esc in a form or dialog: close it (a changed form asks first).
    Cancel,
    PickUp,
    PickDown,
    PickToggle,
    PickDone,
    PickCancel,
    /// `y` in a confirm dialog.
    Yes,
    /// `n`/Esc in a confirm dialog.
    No,
    /// Tab/arrows in the delete dialog: the other button.
    SwitchButton,
    /// Space: mark or unmark the ghost, then move down.
    Mark,
    /// Mark every ghost loaded in the view.
    MarkAll,
    ClearMarks,
    /// `f`: the filter panel.
    OpenFilters,
    /// Drop every filter (project, task, team, ghost ids).
    ClearFilters,
    /// Ctrl-D in the filter panel: empty the focused filter.
    ClearField,
    /// `r` on a bulk run's results: again for the ghosts it did not get to.
    Retry,
    /// `L`: the request log pane.
    OpenLog,
    CloseLog,
    /// Esc while requests are on their way: stop waiting for them.
    CancelRequests,
    /// `T`: the triage overview (open ghosts per project and team, the oldest).
    OpenTriage,
}

/// One key as the user presses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        let has_ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if has_ctrl != self.ctrl || event.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        match (self.code, event.code) {
            // Shift is already in the character ('G'), whatever the modifiers say.
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            // Shift-Tab arrives as BackTab; plain Tab must not have Shift.
            (a, b) => {
                a == b && (a == KeyCode::BackTab || !event.modifiers.contains(KeyModifiers::SHIFT))
            }
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in help and the footer.
    pub keys_label: &'static str,
    pub action: Action,
    /// The footer's hint, keys first ("j/k move"); empty when not hinted there.
    pub hint: &'static str,
    /// The help overlay's line.
    pub help: &'static str,
    pub context: Context,
}

use Action as A;
use Context as C;
use KeyCode as K;

const fn b(
    context: Context,
    keys: &'static [Key],
    keys_label: &'static str,
    action: Action,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        keys_label,
        action,
        hint,
        help,
        context,
    }
}

/// Every key the app knows. Earlier rows win; context rows before global ones.
#[rustfmt::skip]
pub static KEYMAP: &[Binding] = &[
    // The list.
    b(C::List, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k move", "next ghost"),
    b(C::List, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "previous ghost"),
    b(C::List, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "first ghost"),
    b(C::List, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "last ghost loaded (loads more)"),
    b(C::List, &[key(K::PageDown)], "PgDn", A::PageDown, "", "one screen down"),
    b(C::List, &[key(K::PageUp)], "PgUp", A::PageUp, "", "one screen up"),
    b(C::List, &[key(K::Enter), key(K::Tab)], "Enter/Tab", A::FocusDetail, "Enter details", "show the ghost's details"),
    b(C::List, &[key(K::Esc)], "Esc", A::ClearSearch, "", "clear the search"),
    // The detail pane.
    b(C::Detail, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k scroll", "scroll down"),
    b(C::Detail, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "scroll up"),
    b(C::Detail, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "to the top"),
    b(C::Detail, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "to the bottom"),
    b(C::Detail, &[key(K::PageDown)], "PgDn", A::PageDown, "", "one screen down"),
    b(C::Detail, &[key(K::PageUp)], "PgUp", A::PageUp, "", "one screen up"),
    b(C::Detail, &[key(K::Esc), key(K::Tab)], "Esc/Tab", A::FocusList, "Esc back", "back to the list"),
    // The search line.
    b(C::Search, &[key(K::Enter)], "Enter", A::AcceptSearch, "Enter keep", "keep the search, back to the list"),
    b(C::Search, &[key(K::Esc)], "Esc", A::CancelSearch, "Esc clear", "clear the search, list all"),
    b(C::Search, &[ctrl('c')], "Ctrl-C", A::Quit, "", "quit"),
    // The help overlay.
    b(C::Help, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k scroll", "more keys, when they do not fit"),
    b(C::Help, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "back up"),
    b(C::Help, &[key(K::PageDown)], "PgDn", A::PageDown, "", "one screen down"),
    b(C::Help, &[key(K::PageUp)], "PgUp", A::PageUp, "", "one screen up"),
    b(C::Help, &[key(K::Esc), ch('?'), ch('q')], "Esc/?", A::CloseHelp, "Esc close", "close this help"),
    b(C::Help, &[ctrl('c')], "Ctrl-C", A::Quit, "", "quit"),
    // The edit form.
    b(C::Form, &[ctrl('s')], "Ctrl-S", A::Save, "^S save", "save what changed (bulk: preview first)"),
    b(C::Form, &[key(K::Tab)], "Tab", A::NextField, "Tab next", "next field"),
    b(C::Form, &[key(K::BackTab)], "Shift-Tab", A::PrevField, "S-Tab prev", "previous field"),
    b(C::Form, &[key(K::Up)], "↑", A::Up, "", "previous line (description) or field"),
    b(C::Form, &[key(K::Down)], "↓", A::Down, "", "next line (description) or field"),
    b(C::Form, &[key(K::Enter)], "Enter", A::Activate, "Enter pick", "per field: pick, switch action, new line, save"),
    b(C::Form, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc close", "close (asks first if anything changed)"),
    // Pickers.
    b(C::Picker, &[key(K::Up)], "↑", A::PickUp, "↑/↓ move", "previous entry"),
    b(C::Picker, &[key(K::Down)], "↓", A::PickDown, "", "next entry"),
    b(C::Picker, &[ch(' ')], "Space", A::PickToggle, "Space toggle", "choose / unchoose (type to filter)"),
    b(C::Picker, &[key(K::Enter)], "Enter", A::PickDone, "Enter done", "done: take the choice"),
    b(C::Picker, &[key(K::Esc), ctrl('c')], "Esc", A::PickCancel, "Esc back", "back, choice unchanged"),
    // Discard changes?
    b(C::Discard, &[ch('y')], "y", A::Yes, "y discard", "throw the changes away"),
    b(C::Discard, &[ch('n'), key(K::Esc), ctrl('c')], "n/Esc", A::No, "n keep editing", "back to the form"),
    // The delete dialog.
    b(C::Delete, &[ch('y')], "y", A::Yes, "y delete", "delete"),
    b(C::Delete, &[ch('n'), key(K::Esc), ctrl('c')], "n/Esc", A::No, "n/Esc cancel", "keep the ghost"),
    b(C::Delete, &[key(K::Tab), key(K::BackTab), key(K::Left), key(K::Right)], "Tab/←/→", A::SwitchButton, "Tab switch", "the other button"),
    b(C::Delete, &[key(K::Enter)], "Enter", A::Activate, "Enter press", "press the focused button"),
    // The embody dialog.
    b(C::Embody, &[key(K::Tab)], "Tab", A::NextField, "Tab next", "next field"),
    b(C::Embody, &[key(K::BackTab)], "Shift-Tab", A::PrevField, "", "previous field"),
    b(C::Embody, &[key(K::Enter)], "Enter", A::Activate, "Enter choose", "pick the member or role; press the button"),
    b(C::Embody, &[ctrl('s')], "Ctrl-S", A::Save, "^S embody", "embody now"),
    b(C::Embody, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc cancel", "close, nothing sent"),
    // The filter panel.
    b(C::Filters, &[key(K::Tab), key(K::Down)], "Tab/↓", A::NextField, "Tab next", "next filter"),
    b(C::Filters, &[key(K::BackTab), key(K::Up)], "S-Tab/↑", A::PrevField, "", "previous filter"),
    b(C::Filters, &[key(K::Enter)], "Enter", A::Activate, "Enter pick", "pick names, switch embodied, or apply"),
    b(C::Filters, &[ctrl('d')], "Ctrl-D", A::ClearField, "^D clear", "clear the focused filter"),
    b(C::Filters, &[ctrl('s')], "Ctrl-S", A::Save, "^S apply", "apply the filters (reloads the list)"),
    b(C::Filters, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc cancel", "close, filters unchanged"),
    // Bulk delete.
    b(C::BulkConfirm, &[key(K::Enter)], "Enter", A::Activate, "Enter delete", "delete, if the number typed is right"),
    b(C::BulkConfirm, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc cancel", "close, nothing deleted"),
    // Bulk edit (its form is the edit form's).
    b(C::BulkPreview, &[key(K::Enter), ctrl('s')], "Enter", A::Activate, "Enter send", "send the changes, in chunks of 100"),
    b(C::BulkPreview, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k scroll", "next ghost"),
    b(C::BulkPreview, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "previous ghost"),
    b(C::BulkPreview, &[key(K::PageDown)], "PgDn", A::PageDown, "", "ten ghosts down"),
    b(C::BulkPreview, &[key(K::PageUp)], "PgUp", A::PageUp, "", "ten ghosts up"),
    b(C::BulkPreview, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "the first ghost"),
    b(C::BulkPreview, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "the last ghost"),
    b(C::BulkPreview, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc back", "back to the form, nothing sent"),
    // Bulk runs.
    b(C::BulkRunning, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc stop", "stop after the current ghost (delete) or chunk (edit)"),
    b(C::BulkDone, &[ch('r')], "r", A::Retry, "r retry", "retry the failed and not attempted"),
    b(C::BulkDone, &[key(K::Enter), key(K::Esc), ctrl('c')], "Enter/Esc", A::Cancel, "Enter close", "close the results"),
    b(C::BulkDone, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k scroll", "scroll the results down"),
    b(C::BulkDone, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "scroll the results up"),
    b(C::BulkDone, &[key(K::PageDown)], "PgDn", A::PageDown, "", "ten rows down"),
    b(C::BulkDone, &[key(K::PageUp)], "PgUp", A::PageUp, "", "ten rows up"),
    b(C::BulkDone, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "to the top"),
    b(C::BulkDone, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "to the bottom"),
    // Bulk create.
    b(C::CreateForm, &[ctrl('s')], "Ctrl-S", A::Save, "^S preview", "check the names, then preview (sends nothing)"),
    b(C::CreateForm, &[key(K::Tab)], "Tab", A::NextField, "Tab next", "next field"),
    b(C::CreateForm, &[key(K::BackTab)], "Shift-Tab", A::PrevField, "S-Tab prev", "previous field"),
    b(C::CreateForm, &[key(K::Up)], "↑", A::Up, "", "previous line (names, description) or field"),
    b(C::CreateForm, &[key(K::Down)], "↓", A::Down, "", "next line (names, description) or field"),
    b(C::CreateForm, &[key(K::Enter)], "Enter", A::Activate, "Enter pick", "per field: switch naming, pick, new line, preview"),
    b(C::CreateForm, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc close", "close (asks first if anything was typed)"),
    b(C::CreatePreview, &[key(K::Enter), ctrl('s')], "Enter", A::Activate, "Enter create", "create the ghosts"),
    b(C::CreatePreview, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k scroll", "scroll the names down"),
    b(C::CreatePreview, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "scroll the names up"),
    b(C::CreatePreview, &[key(K::PageDown)], "PgDn", A::PageDown, "", "one screen down"),
    b(C::CreatePreview, &[key(K::PageUp)], "PgUp", A::PageUp, "", "one screen up"),
    b(C::CreatePreview, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "to the top"),
    b(C::CreatePreview, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "to the bottom"),
    b(C::CreatePreview, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc back", "back to the dialog, nothing sent"),
    b(C::CreateRunning, &[key(K::Esc), ctrl('c')], "Esc", A::Cancel, "Esc stop", "stop after the current chunk"),
    b(C::CreateDone, &[ch('r')], "r", A::Retry, "r retry", "retry the ghosts not created"),
    b(C::CreateDone, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k scroll", "scroll down"),
    b(C::CreateDone, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "scroll up"),
    b(C::CreateDone, &[key(K::PageDown)], "PgDn", A::PageDown, "", "one screen down"),
    b(C::CreateDone, &[key(K::PageUp)], "PgUp", A::PageUp, "", "one screen up"),
    b(C::CreateDone, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "to the top"),
    b(C::CreateDone, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "to the bottom"),
    b(C::CreateDone, &[key(K::Enter), key(K::Esc), ctrl('c')], "Enter/Esc", A::Cancel, "Enter close", "close the results"),
    b(C::Notice, &[key(K::Enter), key(K::Esc), ctrl('c')], "Enter/Esc", A::Cancel, "Enter dismiss", "dismiss (the journal keeps it)"),
    // While a request is on its way (anywhere but help and the request log).
    b(C::Pending, &[key(K::Esc)], "Esc", A::CancelRequests, "Esc stop waiting", "stop waiting (a save may still land)"),
    // The request log.
    b(C::Log, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k scroll", "older requests"),
    b(C::Log, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "newer requests"),
    b(C::Log, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "the newest"),
    b(C::Log, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "the oldest"),
    b(C::Log, &[key(K::PageDown)], "PgDn", A::PageDown, "", "one screen down"),
    b(C::Log, &[key(K::PageUp)], "PgUp", A::PageUp, "", "one screen up"),
    b(C::Log, &[key(K::Esc), ch('L'), ch('q')], "Esc/L", A::CloseLog, "Esc close", "close the request log"),
    b(C::Log, &[ctrl('c')], "Ctrl-C", A::Quit, "", "quit"),
    // Spend requests?
    b(C::Confirm, &[ch('y')], "y", A::Yes, "y continue", "send the requests"),
    b(C::Confirm, &[ch('n'), key(K::Esc), ctrl('c')], "n/Esc", A::No, "n cancel", "send nothing"),
    // The triage overview.
    b(C::Triage, &[ch('j'), key(K::Down)], "j/↓", A::Down, "j/k move", "next row"),
    b(C::Triage, &[ch('k'), key(K::Up)], "k/↑", A::Up, "", "previous row"),
    b(C::Triage, &[ch('g'), key(K::Home)], "g/Home", A::Top, "", "first row"),
    b(C::Triage, &[ch('G'), key(K::End)], "G/End", A::Bottom, "", "last row"),
    b(C::Triage, &[key(K::PageDown)], "PgDn", A::PageDown, "", "one screen down"),
    b(C::Triage, &[key(K::PageUp)], "PgUp", A::PageUp, "", "one screen up"),
    b(C::Triage, &[key(K::Tab)], "Tab", A::NextField, "Tab section", "next section: projects, teams, oldest"),
    b(C::Triage, &[key(K::BackTab)], "Shift-Tab", A::PrevField, "", "previous section"),
    b(C::Triage, &[key(K::Enter)], "Enter", A::Activate, "Enter list", "the list of this project or team; the oldest ghost itself"),
    b(C::Triage, &[ch('r')], "r", A::Reload, "r recount", "count again (asks first)"),
    b(C::Triage, &[key(K::Esc), ch('T')], "Esc/T", A::Cancel, "Esc close", "close (the counts are kept)"),
    b(C::Triage, &[ctrl('c')], "Ctrl-C", A::Quit, "", "quit"),
    b(C::TriageRunning, &[key(K::Esc)], "Esc", A::Cancel, "Esc cancel", "cancel the count (nothing of it is kept)"),
    b(C::TriageRunning, &[ctrl('c')], "Ctrl-C", A::Quit, "", "quit"),
    b(C::TriageStopped, &[ch('r')], "r", A::Reload, "r resume", "resume from the page that failed"),
    b(C::TriageStopped, &[key(K::Esc)], "Esc", A::Cancel, "Esc drop", "drop what was counted"),
    b(C::TriageStopped, &[ctrl('c')], "Ctrl-C", A::Quit, "", "quit"),
    // Anywhere but the search line and help.
    b(C::Global, &[ch('/')], "/", A::OpenSearch, "/ search", "search names (on the server)"),
    b(C::Global, &[ch('o')], "o", A::ToggleSort, "o sort", "sort by name A→Z / Z→A"),
    b(C::Global, &[ch('i')], "i", A::ToggleEmbodied, "i embodied", "show / hide embodied ghosts"),
    b(C::Global, &[ch('r')], "r", A::Reload, "r reload", "reload (or retry what failed)"),
    b(C::Global, &[ch('?')], "?", A::Help, "? help", "all keys"),
    b(C::Global, &[ch('q'), ctrl('c')], "q", A::Quit, "q quit", "quit (Ctrl-C too; in a form it closes the form)"),
    b(C::Global, &[ch('L')], "L", A::OpenLog, "L requests", "request log: every request of this session"),
    b(C::Global, &[ch('e')], "e", A::Edit, "e edit", "edit (the marked, if any)"),
    b(C::Global, &[ch('n')], "n", A::New, "n new", "new ghost"),
    b(C::Global, &[ch('N')], "N", A::BulkNew, "N many", "bulk create: many ghosts from a template or a list"),
    b(C::Global, &[ch('d')], "d", A::Delete, "d delete", "delete the ghost (asks first)"),
    b(C::Global, &[ch('E')], "E", A::Embody, "E embody", "embody: hand the ghost to a member"),
    b(C::Global, &[ch(' ')], "Space", A::Mark, "Space mark", "mark / unmark the ghost, then move down"),
    b(C::Global, &[ch('*')], "*", A::MarkAll, "", "mark every ghost loaded in the view"),
    b(C::Global, &[ch('u')], "u", A::ClearMarks, "", "clear all marks"),
    b(C::Global, &[ch('f')], "f", A::OpenFilters, "f filters", "filters: projects, tasks, teams, ghost ids"),
    b(C::Global, &[ch('F')], "F", A::ClearFilters, "", "clear all filters"),
    b(C::Global, &[ch('T')], "T", A::OpenTriage, "", "triage overview: open ghosts per project and team, the oldest"),
];

/// Whether `context` falls back to the global bindings.
fn uses_global(context: Context) -> bool {
    matches!(context, Context::List | Context::Detail)
}

/// The bindings in force in `context`, in table order (context first, then global).
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    let own = KEYMAP.iter().filter(move |b| b.context == context);
    let global = KEYMAP
        .iter()
        .filter(move |b| uses_global(context) && b.context == Context::Global);
    own.chain(global)
}

/// What `event` does in `context`, if anything.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    bindings(context)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.action)
}

/// Footer hints for `context`: `(keys, what)` pairs.
/// The footer's hints of `context`: the action, its keys and its word.
pub fn hints(context: Context) -> impl Iterator<Item = (Action, &'static str, &'static str)> {
    bindings(context).filter(|b| !b.hint.is_empty()).map(|b| {
        let (keys, word) = b.hint.split_once(' ').unwrap_or((b.hint, ""));
        (b.action, keys, word)
    })
}

/// The keys as a Markdown table, for the README (a test keeps the README in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what |\n|---|---|---|\n");
    for binding in KEYMAP {
        let keys = binding.keys_label.replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{keys}` | {} |\n",
            binding.context.title(),
            binding.help
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_resolve_per_context() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::List, &j), Some(Action::Down));
        assert_eq!(lookup(Context::Search, &j), None);
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::List, &big_g), Some(Action::Bottom));
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(lookup(Context::Detail, &esc), Some(Action::FocusList));
        assert_eq!(lookup(Context::Search, &esc), Some(Action::CancelSearch));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in [
            Context::List,
            Context::Detail,
            Context::Search,
            Context::Help,
        ] {
            assert_eq!(lookup(context, &ctrl_c), Some(Action::Quit), "{context:?}");
        }
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Help, &q), Some(Action::CloseHelp));
        let plain_c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::List, &plain_c), None);
        let shift_tab = press(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::List, &shift_tab), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [
            Context::List,
            Context::Detail,
            Context::Search,
            Context::Help,
            Context::Form,
            Context::Picker,
            Context::Discard,
            Context::Delete,
            Context::Embody,
            Context::Filters,
            Context::BulkConfirm,
            Context::BulkPreview,
            Context::BulkRunning,
            Context::BulkDone,
            Context::CreateForm,
            Context::CreatePreview,
            Context::CreateRunning,
            Context::CreateDone,
            Context::Notice,
            Context::Pending,
            Context::Log,
            Context::Confirm,
            Context::Triage,
            Context::TriageRunning,
            Context::TriageStopped,
        ] {
            let all: Vec<Key> = bindings(context)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in all.iter().enumerate() {
                assert!(
                    !all[i + 1..].contains(a),
                    "{a:?} bound twice in {context:?}"
                );
            }
        }
    }
}
