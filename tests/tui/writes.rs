//! Every write flow end to end: keys into the real event loop, the real client, the
//! sandbox answering. The sandbox's state is then read back through the client, and
//! its request log shows that each save cost exactly one write and look-ups one read.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc::{UnboundedSender, unbounded};
use ghosts::api::{
    Client, EmbodyRequest, Ghost, GhostFilter, Id, ListQuery, Member, Project, Role,
};
use ghosts::sandbox::{RecordedRequest, Sandbox, SandboxOptions};
use ghosts::tui::App;
use ghosts::tui::runtime::{Ended, event_loop};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use tokio::task::JoinHandle;

use crate::fixtures::{NOW, OFFSET};

/// A test terminal the test can read while the loop draws on it.
#[derive(Clone)]
struct SharedBackend(Arc<Mutex<TestBackend>>);

impl SharedBackend {
    fn with<T>(&self, f: impl FnOnce(&mut TestBackend) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Backend for SharedBackend {
    type Error = Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Infallible>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.with(|b| b.draw(content))
    }
    fn hide_cursor(&mut self) -> Result<(), Infallible> {
        self.with(Backend::hide_cursor)
    }
    fn show_cursor(&mut self) -> Result<(), Infallible> {
        self.with(Backend::show_cursor)
    }
    fn get_cursor_position(&mut self) -> Result<Position, Infallible> {
        self.with(Backend::get_cursor_position)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Infallible> {
        let position = position.into();
        self.with(|b| b.set_cursor_position(position))
    }
    fn clear(&mut self) -> Result<(), Infallible> {
        self.with(Backend::clear)
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Infallible> {
        self.with(|b| b.clear_region(clear_type))
    }
    fn size(&self) -> Result<Size, Infallible> {
        self.with(|b| b.size())
    }
    fn window_size(&mut self) -> Result<WindowSize, Infallible> {
        self.with(Backend::window_size)
    }
    fn flush(&mut self) -> Result<(), Infallible> {
        self.with(Backend::flush)
    }
}

/// The app running on a fresh sandbox, driven by keys, watched through its screen.
pub(crate) struct Run {
    pub(crate) sandbox: Sandbox,
    pub(crate) client: Client,
    keys: UnboundedSender<std::io::Result<Event>>,
    backend: SharedBackend,
    running: JoinHandle<(anyhow::Result<Ended>, App)>,
    /// Requests the test itself made before the app started (not the app's).
    baseline: usize,
    /// What the sandbox held when the app started, read by the test beforehand.
    pub(crate) before: Before,
}

pub(crate) struct Before {
    /// The ghosts the app lists first, in its order, and their total.
    pub(crate) ghosts: Vec<Ghost>,
    pub(crate) total: u64,
    projects: Vec<Project>,
    members: Vec<Member>,
    roles: Vec<Role>,
}

impl Run {
    async fn start(ghosts: usize) -> Run {
        Run::start_with(Run::options(ghosts), None).await
    }

    /// The sandbox every run starts from (seeded alike, so ids are known in advance).
    pub(crate) fn options(ghosts: usize) -> SandboxOptions {
        SandboxOptions {
            ghosts,
            seed: 11,
            now: NOW,
            ..Default::default()
        }
    }

    /// A run on a sandbox with `options`, keeping the bulk journal at `journal`.
    pub(crate) async fn start_with(options: SandboxOptions, journal: Option<PathBuf>) -> Run {
        let sandbox = ghosts::sandbox::start(options).await.expect("sandbox");
        let client = Client::new(sandbox.client_config()).expect("client");
        let (keys, events) = unbounded();
        let backend = SharedBackend(Arc::new(Mutex::new(TestBackend::new(100, 30))));
        let mut terminal = Terminal::new(backend.clone()).expect("terminal");
        let app_client = Client::new(sandbox.client_config()).expect("client");
        let query = ListQuery {
            filter: GhostFilter::default(),
            page: 1,
            rows: 100,
        };
        let page = client.list_ghosts(&query).await.expect("list").data;
        let before = Before {
            ghosts: page.data,
            total: page.total,
            projects: client.all_projects().await.expect("projects").data,
            members: client.all_members().await.expect("members").data,
            roles: client.list_roles().await.expect("roles").data,
        };
        let baseline = sandbox.requests().len();
        let running = tokio::spawn(async move {
            let mut app = App::new(NOW, OFFSET, true, (0, 0));
            app.journal_path = journal;
            let result = event_loop(&mut terminal, &mut app, app_client, events).await;
            (result, app)
        });
        let run = Run {
            sandbox,
            client,
            keys,
            backend,
            running,
            baseline,
            before,
        };
        run.wait_for("the first page", |r| r.count("GET", "/ghosts") == 1)
            .await;
        run.wait_screen("1 of ").await;
        run
    }

    fn send(&self, code: KeyCode, modifiers: KeyModifiers) {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        // The loop may already have ended (a test pressing q until it does).
        let _ = self.keys.unbounded_send(Ok(event));
    }

    pub(crate) fn press(&self, code: KeyCode) {
        self.send(code, KeyModifiers::NONE);
    }

    pub(crate) fn ctrl(&self, c: char) {
        self.send(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// A bracketed paste.
    pub(crate) fn paste(&self, text: &str) {
        let _ = self.keys.unbounded_send(Ok(Event::Paste(text.into())));
    }

    pub(crate) fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    pub(crate) fn screen(&self) -> String {
        self.backend.with(|b| {
            let buffer = b.buffer();
            let mut out = String::new();
            for y in 0..buffer.area.height {
                for x in 0..buffer.area.width {
                    out.push_str(buffer[(x, y)].symbol());
                }
                out.push('\n');
            }
            out
        })
    }

    /// The app's requests (not the test's own look-ups of the sandbox).
    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.sandbox
            .requests()
            .into_iter()
            .skip(self.baseline)
            .collect()
    }

    pub(crate) fn count(&self, method: &str, path_end: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.method == method && r.path.ends_with(path_end))
            .count()
    }

    /// Waits (up to a generous limit: machines are shared) until `ready` holds.
    pub(crate) async fn wait_for(&self, what: &str, ready: impl Fn(&Run) -> bool) {
        for _ in 0..400 {
            if ready(self) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub(crate) async fn wait_screen(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |r| {
            r.screen().contains(text)
        })
        .await;
    }

    pub(crate) async fn wait_gone(&self, text: &str) {
        self.wait_for(&format!("{text:?} to leave the screen"), |r| {
            !r.screen().contains(text)
        })
        .await;
    }

    /// Quits and hands back the app as it ended.
    pub(crate) async fn quit(self) -> (App, Sandbox, Client, Vec<RecordedRequest>, Before) {
        self.press(KeyCode::Char('q'));
        let requests = self.requests();
        let (result, app) = tokio::time::timeout(Duration::from_secs(10), self.running)
            .await
            .expect("the loop ends on q")
            .expect("the loop does not panic");
        assert_eq!(result.expect("the loop ends cleanly"), Ended::Quit);
        (app, self.sandbox, self.client, requests, self.before)
    }
}

async fn ghost(client: &Client, id: Id) -> Option<Ghost> {
    client.get_ghost(id).await.ok().map(|r| r.data)
}

fn project_ids(ghost: &Ghost) -> Vec<Id> {
    let mut ids: Vec<Id> = ghost.assigned.projects.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_a_ghost_costs_one_post_and_lists_it() {
    let run = Run::start(30).await;
    run.press(KeyCode::Char('n'));
    run.wait_screen("New ghost").await;
    run.type_text("Aaa analyst 設計者");
    run.press(KeyCode::Tab);
    run.type_text("Covers Q1");
    run.ctrl('s');
    run.wait_gone("New ghost").await;
    let (app, sandbox, client, requests, before) = run.quit().await;

    let writes: Vec<_> = requests.iter().filter(|r| r.method != "GET").collect();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].method, "POST");
    assert_eq!(writes[0].status, 201);
    let gets = requests.iter().filter(|r| r.method == "GET").count();
    assert_eq!(gets, 1, "no reload after saving: {requests:?}");
    // The app shows it in place, with the cursor on it.
    let selected = app.selected().expect("a ghost").clone();
    assert_eq!(selected.name, "Aaa analyst 設計者");
    assert_eq!(app.list.total, Some(before.total + 1));
    assert_eq!(app.cursor, 0, "it sorts first");
    // And the sandbox has it.
    let stored = ghost(&client, selected.id).await.expect("stored");
    assert_eq!(stored.description.as_deref(), Some("Covers Q1"));
    sandbox.shutdown().await;
}

/// One edit of the first ghost's projects: `enters` presses on the action (0 replace,
/// 1 add, 2 remove), then the project whose name is typed is toggled, and saved.
async fn edit_projects(run: &Run, ghost_id: Id, enters: usize, project: &str, projects: usize) {
    let patches_before = run.count("PATCH", &format!("/ghosts/{ghost_id}"));
    run.press(KeyCode::Char('e'));
    run.wait_screen(&format!("Edit ghost #{ghost_id}")).await;
    run.press(KeyCode::Tab);
    run.press(KeyCode::Tab);
    for _ in 0..enters {
        run.press(KeyCode::Enter);
    }
    run.press(KeyCode::Tab);
    run.press(KeyCode::Enter);
    run.wait_screen(&format!("of {projects} shown")).await;
    // Space toggles, so the filter is typed without spaces (it ignores them).
    run.type_text(&project.replace(' ', ""));
    run.wait_screen(&format!("1 of {projects} shown")).await;
    run.press(KeyCode::Char(' '));
    run.press(KeyCode::Enter);
    run.ctrl('s');
    run.wait_for("the PATCH", |r| {
        r.count("PATCH", &format!("/ghosts/{ghost_id}")) == patches_before + 1
    })
    .await;
    run.wait_gone(&format!("Edit ghost #{ghost_id}")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_with_replace_add_and_remove_costs_one_patch_each() {
    let run = Run::start(30).await;
    let first = run.before.ghosts[0].clone();
    let all = &run.before.projects;
    // Projects whose name no other project's name contains, so typing it finds one.
    let unique = |p: &&Project| {
        let squash = |t: &str| t.replace(' ', "").to_lowercase();
        let name = squash(&p.name);
        all.iter()
            .filter(|q| squash(&q.name).contains(&name) || q.id.to_string().contains(&name))
            .count()
            == 1
    };
    let mut spare = all
        .iter()
        .filter(|p| !project_ids(&first).contains(&p.id))
        .filter(unique);
    let (a, b) = (
        spare.next().expect("a spare project"),
        spare.next().expect("another"),
    );
    let before = project_ids(&first);

    // Replace: the current projects plus A.
    edit_projects(&run, first.id, 0, &a.name, all.len()).await;
    let after = project_ids(&ghost(&run.client, first.id).await.expect("ghost"));
    let mut expected = before.clone();
    expected.push(a.id);
    expected.sort_unstable();
    assert_eq!(after, expected, "replace");

    // Add B.
    edit_projects(&run, first.id, 1, &b.name, all.len()).await;
    let after = project_ids(&ghost(&run.client, first.id).await.expect("ghost"));
    expected.push(b.id);
    expected.sort_unstable();
    assert_eq!(after, expected, "add");

    // Remove A.
    edit_projects(&run, first.id, 2, &a.name, all.len()).await;
    let stored = ghost(&run.client, first.id).await.expect("ghost");
    expected.retain(|&id| id != a.id);
    assert_eq!(project_ids(&stored), expected, "remove");

    let (app, sandbox, _, requests, _) = run.quit().await;
    let writes: Vec<_> = requests.iter().filter(|r| r.method != "GET").collect();
    assert_eq!(writes.len(), 3, "one PATCH per save: {writes:?}");
    assert!(writes.iter().all(|w| w.status == 200), "{writes:?}");
    let lookups = requests
        .iter()
        .filter(|r| r.path.ends_with("/projects"))
        .count();
    assert_eq!(lookups, 1, "projects are looked up once per session");
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.path.ends_with("/ghosts"))
            .count(),
        1,
        "no reloads"
    );
    // The list shows the answer of the last save, in place.
    assert_eq!(app.list.ghosts[0].id, first.id);
    assert_eq!(project_ids(&app.list.ghosts[0]), expected);
    assert_eq!(app.list.ghosts[0], stored);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_costs_one_delete_and_drops_the_row() {
    let run = Run::start(30).await;
    let listed = run.before.ghosts.clone();
    let target = listed[1].clone();
    run.press(KeyCode::Char('j'));
    run.press(KeyCode::Char('d'));
    run.wait_screen("Delete ghost").await;
    run.press(KeyCode::Char('y'));
    run.wait_gone("Delete ghost").await;
    let (app, sandbox, client, requests, before) = run.quit().await;
    let writes: Vec<_> = requests.iter().filter(|r| r.method != "GET").collect();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(
        (writes[0].method.as_str(), writes[0].status),
        ("DELETE", 204)
    );
    assert!(
        ghost(&client, target.id).await.is_none(),
        "gone from the sandbox"
    );
    assert_eq!(app.list.total, Some(before.total - 1));
    assert!(!app.list.ids.contains(&target.id));
    assert_eq!(app.selected().map(|g| g.id), Some(listed[2].id));
    sandbox.shutdown().await;
}

/// Opens the embody dialog on the selected ghost, picks the member by email and the
/// role by name, and sends.
async fn embody_selected(run: &Run, email: &str, role: &str) {
    run.press(KeyCode::Char('E'));
    run.wait_screen("(none chosen)").await;
    run.press(KeyCode::Enter);
    run.wait_screen("Choose members").await;
    run.type_text(email);
    run.press(KeyCode::Enter);
    run.press(KeyCode::Enter);
    run.wait_screen("Choose roles").await;
    run.type_text(&role.replace(' ', ""));
    run.press(KeyCode::Enter);
    run.wait_screen(", role ").await;
    run.ctrl('s');
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embodying_hands_the_ghost_over_and_a_409_is_reported() {
    let run = Run::start(30).await;
    let listed = run.before.ghosts.clone();
    let members = run.before.members.clone();
    let roles = run.before.roles.clone();
    let (member, other) = (&members[0], &members[1]);
    let role = roles
        .iter()
        .find(|r| {
            roles
                .iter()
                .filter(|q| {
                    let squash = |t: &str| t.replace(' ', "").to_lowercase();
                    squash(&q.name).contains(&squash(&r.name))
                })
                .count()
                == 1
        })
        .expect("a role with a distinct name");

    // The first ghost, through the dialog.
    let first = listed[0].clone();
    embody_selected(&run, &member.email, &role.name).await;
    run.wait_gone("Embody “").await;
    let stored = ghost(&run.client, first.id).await.expect("ghost");
    assert!(stored.is_embodied());
    assert_eq!(stored.user_id, Some(member.user_account_id));

    // The next ghost is embodied behind the app's back: the app's try gets a 409.
    let second = listed[1].clone();
    let request = EmbodyRequest {
        recipient_org_user_id: other.id,
        recipient_user_account_id: other.user_account_id,
        role_id: role.role_id,
    };
    run.client
        .embody_ghost(second.id, &request)
        .await
        .expect("embody directly");
    embody_selected(&run, &member.email, &role.name).await;
    run.wait_screen("already embodied").await;
    run.press(KeyCode::Esc);
    run.wait_gone("Embody “").await;
    let (app, sandbox, client, requests, before) = run.quit().await;

    let embodies: Vec<_> = requests
        .iter()
        .filter(|r| r.path.ends_with("/embody"))
        .collect();
    let statuses: Vec<u16> = embodies.iter().map(|r| r.status).collect();
    // The test's own direct embody is among them (it ran after the app started).
    assert_eq!(statuses, vec![200, 200, 409], "{embodies:?}");
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.path.ends_with("/users"))
            .count(),
        1
    );
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.path.ends_with("/roles"))
            .count(),
        1
    );
    // The first ghost left the list (embodied ones are hidden); the second stays.
    assert!(!app.list.ids.contains(&first.id));
    assert!(app.list.ids.contains(&second.id));
    assert_eq!(app.list.total, Some(before.total - 1));
    let second = ghost(&client, second.id).await.expect("ghost");
    assert_eq!(
        second.user_id,
        Some(other.user_account_id),
        "not taken over"
    );
    sandbox.shutdown().await;
}
