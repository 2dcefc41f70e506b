//! The monkey: long random sequences of keys, pastes, resizes, API answers (late,
//! doubled, unasked for, odd), debounce timers and clock jumps fed to `update`, with a
//! render after every step. Nothing may panic and the app's invariants must hold.
//!
//! `cargo test --test monkey` runs a CI-sized batch, the same cases every time;
//! `GHOSTS_MONKEY_CASES=5000 GHOSTS_MONKEY_SEED=random cargo test --release --test
//! monkey` runs many more, and new ones. A failure is shrunk to a short
//! sequence and kept in `monkey/main.regressions` to be replayed first.

mod invariants;
mod steps;

use std::collections::HashMap;

use ghosts::api::{ApiError, Ghost, GhostPage, Member, Project, Quota, Reply, Role, Task, Team};
use ghosts::tui::lookups::{LookupData, LookupKind};
use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};
use ghosts::tui::view::view;
use ghosts::tui::{App, update};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::macros::{datetime, offset};
use time::{Duration as TimeDuration, OffsetDateTime};

use invariants::check_invariants;
use steps::{Answer, Step, Target, step};

const START: OffsetDateTime = datetime!(2026-12-03 12:00 UTC);

/// The app and what the monkey knows of it: the requests and timers it started (so
/// answers can come late, twice or never), and what the answers it took provided.
struct Monkey {
    app: App,
    terminal: Terminal<TestBackend>,
    issued: Vec<ReqId>,
    /// What each issued request asked for, so an answer can fit it.
    kinds: HashMap<ReqId, Kind>,
    timers: Vec<u64>,
    /// Entries delivered by the page answers the app took since its last page 1.
    provided: usize,
}

impl Monkey {
    fn new(size: (u16, u16)) -> Monkey {
        let mut monkey = Monkey {
            app: App::new(START, offset!(+2), true, size),
            terminal: terminal(size),
            issued: Vec::new(),
            kinds: HashMap::new(),
            timers: Vec::new(),
            provided: 0,
        };
        monkey.send(Msg::Start);
        monkey
    }

    fn send(&mut self, msg: Msg) {
        for effect in update(&mut self.app, msg) {
            if let Some((req_id, kind)) = kind(&effect) {
                // Writes and look-ups draw their ids from the same counter as pages; a
                // request held for "Spend requests?" goes out later with its older id,
                // but no id is ever sent twice.
                assert!(
                    self.kinds.insert(req_id, kind).is_none(),
                    "request id {req_id:?} sent twice"
                );
                self.issued.push(req_id);
            }
            if let Effect::StartDebounce { id, .. } = effect {
                self.timers.push(id);
            }
        }
    }

    fn step(&mut self, step: Step) {
        match step {
            Step::Key(key) => self.send(Msg::Key(key)),
            Step::Paste(text) => self.send(Msg::Paste(text)),
            Step::Resize(w, h) => self.send(Msg::Resize(w, h)),
            Step::Tick(seconds) => {
                let now = self.app.now + TimeDuration::seconds(seconds);
                self.send(Msg::Tick(now));
            }
            Step::Debounce(which) => {
                let id = match which.and_then(|back| back_from_end(&self.timers, back)) {
                    Some(id) => id,
                    None => self.app.search.debounce_id.wrapping_add(1_000),
                };
                let wanted = id == self.app.search.debounce_id;
                let filter = self.app.filter.clone();
                self.send(Msg::DebounceElapsed { id });
                if !wanted {
                    assert_eq!(self.app.filter, filter, "a stale timer changed the query");
                }
            }
            Step::Answer(target, answer) => self.answer(target, answer),
        }
    }

    fn answer(&mut self, target: Target, answer: Answer) {
        let latest = self.issued.last().copied().unwrap_or(ReqId(0));
        let req_id = match target {
            Target::Latest => latest,
            Target::Earlier(back) => back_from_end(&self.issued, back).unwrap_or(latest),
            Target::Never(0) => ReqId(0),
            // Past the highest id issued (the latest sent may be an older one).
            Target::Never(past) => {
                let highest = self.kinds.keys().max().copied().unwrap_or(ReqId(0));
                ReqId(highest.0.saturating_add(past))
            }
        };
        let awaited = self
            .app
            .list
            .in_flight
            .clone()
            .filter(|f| f.req_id == req_id);
        let before = snapshot(&self.app);
        let kind = self.kinds.get(&req_id).copied().unwrap_or(Kind::Page);
        let (result, delivered, reads) = match answer {
            Answer::Page {
                ghosts,
                total,
                skipped,
                quota,
            } => {
                let n = ghosts.len();
                let page = page(ghosts, total, skipped);
                (
                    ApiResult::Page(Ok(Reply { data: page, quota })),
                    Some(n),
                    true,
                )
            }
            Answer::Failure(err) => (ApiResult::Page(Err(err)), None, true),
            Answer::Fitting {
                ghosts,
                failure,
                quota,
            } => {
                let n = ghosts.len();
                // A saved create, one found after its answer was lost, or a bulk
                // create's chunk may add their ghosts to the list.
                match kind {
                    _ if failure.is_some() => {}
                    Kind::Saved | Kind::Found => self.provided += 1,
                    Kind::Created => self.provided += n,
                    _ => {}
                }
                let result = fitting(kind, ghosts, failure, quota);
                let delivered = matches!(result, ApiResult::Page(Ok(_))).then_some(n);
                (result, delivered, kind.is_read())
            }
        };
        self.send(Msg::Api { req_id, result });
        match (awaited, delivered) {
            // A late write's answer still reaches the list (what the server did is
            // shown); no read may touch it unless it was waited for.
            (None, _) if reads => assert_eq!(
                snapshot(&self.app),
                before,
                "an answer to {req_id:?}, which nobody waited for, changed the list"
            ),
            (Some(flight), Some(n)) => {
                if flight.page == 1 {
                    self.provided = 0;
                }
                self.provided += n;
            }
            _ => {}
        }
    }

    fn render_and_check(&mut self) {
        if self.terminal.backend().buffer().area.as_size() != self.app.size.into() {
            self.terminal = terminal(self.app.size);
        }
        let app = &self.app;
        let frame = self
            .terminal
            .draw(|frame| view(app, frame))
            .expect("a test backend draws");
        check_invariants(app, frame.buffer, &self.issued, self.provided);
    }
}

/// What a request asked for, so an answer can fit it.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Page,
    Saved,
    Deleted,
    Embodied,
    BulkUpdated,
    Lookup(LookupKind),
    Found,
    /// A chunk of a bulk create.
    Created,
}

impl Kind {
    fn is_read(self) -> bool {
        matches!(self, Kind::Page | Kind::Lookup(_) | Kind::Found)
    }
}

/// The request an effect sends, if it sends one.
fn kind(effect: &Effect) -> Option<(ReqId, Kind)> {
    let (req_id, kind) = match effect {
        Effect::FetchPage { req_id, .. } => (req_id, Kind::Page),
        Effect::CreateGhost { req_id, .. } | Effect::UpdateGhost { req_id, .. } => {
            (req_id, Kind::Saved)
        }
        Effect::DeleteGhost { req_id, .. } => (req_id, Kind::Deleted),
        Effect::EmbodyGhost { req_id, .. } => (req_id, Kind::Embodied),
        Effect::BulkUpdate { req_id, .. } => (req_id, Kind::BulkUpdated),
        Effect::FetchLookup { req_id, kind } => (req_id, Kind::Lookup(*kind)),
        Effect::FindCreated { req_id, .. } | Effect::CheckNumbers { req_id, .. } => {
            (req_id, Kind::Found)
        }
        Effect::BulkCreate { req_id, .. } => (req_id, Kind::Created),
        // Only written by the runtime, or stopping it: nothing here answers them.
        Effect::StartDebounce { .. }
        | Effect::Journal { .. }
        | Effect::Cancel { .. }
        | Effect::Quit => return None,
    };
    Some((*req_id, kind))
}

fn page(ghosts: Vec<Ghost>, total: u64, skipped: usize) -> GhostPage {
    GhostPage {
        data: ghosts,
        page: 1,
        rows: 100,
        total,
        skipped,
    }
}

/// An answer of the kind `kind` asks for, made from `ghosts` (or the failure).
fn fitting(kind: Kind, ghosts: Vec<Ghost>, failure: Option<ApiError>, quota: Quota) -> ApiResult {
    fn done<T>(data: T, failure: Option<ApiError>, quota: Quota) -> Result<Reply<T>, ApiError> {
        failure.map_or(Ok(Reply { data, quota }), Err)
    }
    let first = ghosts.first().cloned();
    match (kind, first) {
        (Kind::Page, _) => {
            let total = ghosts.len() as u64;
            ApiResult::Page(done(page(ghosts, total, 0), failure, quota))
        }
        (Kind::Found, _) => {
            let total = ghosts.len() as u64;
            ApiResult::Found(done(page(ghosts, total, 0), failure, quota))
        }
        (Kind::Saved, Some(ghost)) => ApiResult::Saved(Box::new(done(ghost, failure, quota))),
        (Kind::Embodied, Some(ghost)) => ApiResult::Embodied(Box::new(done(ghost, failure, quota))),
        (Kind::Deleted, _) => ApiResult::Deleted(done((), failure, quota)),
        (Kind::BulkUpdated, _) => ApiResult::BulkUpdated(done(ghosts, failure, quota)),
        (Kind::Created, _) => ApiResult::Created(Box::new(done(ghosts, failure, quota))),
        (Kind::Lookup(lookup), _) => {
            ApiResult::Lookup(done(lookup_data(lookup, &ghosts), failure, quota))
        }
        // The strategy gives at least one ghost; a wrong kind of answer otherwise.
        (Kind::Saved | Kind::Embodied, None) => ApiResult::Deleted(done((), failure, quota)),
    }
}

/// Look-up items named like the random ghosts (awkward names, odd ids).
fn lookup_data(kind: LookupKind, ghosts: &[Ghost]) -> LookupData {
    let each = |g: &Ghost| (g.id, g.name.clone());
    match kind {
        LookupKind::Projects => LookupData::Projects(
            ghosts
                .iter()
                .map(each)
                .map(|(id, name)| Project {
                    id,
                    name,
                    color: Some("#3d9be9".into()),
                    private: id % 2 == 0,
                })
                .collect(),
        ),
        LookupKind::Tasks => LookupData::Tasks(
            ghosts
                .iter()
                .map(each)
                .map(|(id, name)| Task {
                    id,
                    name,
                    color: None,
                    project_id: Some(id / 2),
                })
                .collect(),
        ),
        LookupKind::Teams => LookupData::Teams(
            ghosts
                .iter()
                .map(each)
                .map(|(id, name)| Team {
                    id,
                    name,
                    emoji: Some("🧪".into()),
                })
                .collect(),
        ),
        LookupKind::Members => LookupData::Members(
            ghosts
                .iter()
                .map(each)
                .map(|(id, name)| Member {
                    id,
                    user_account_id: id.wrapping_mul(7),
                    email: format!("{name}@example.com"),
                    name,
                })
                .collect(),
        ),
        LookupKind::Roles => LookupData::Roles(
            ghosts
                .iter()
                .map(each)
                .map(|(id, name)| Role {
                    role_id: id,
                    code: name.to_lowercase(),
                    name,
                    entity: "organization".into(),
                    kind: "system".into(),
                })
                .collect(),
        ),
    }
}

/// What an unwanted answer must leave alone.
fn snapshot(app: &App) -> (Vec<i64>, Option<u64>, u32, usize, Option<ReqId>) {
    (
        app.list.ghosts.iter().map(|g| g.id).collect(),
        app.list.total,
        app.list.pages_loaded,
        app.cursor,
        app.list.in_flight.as_ref().map(|f| f.req_id),
    )
}

fn back_from_end<T: Copy>(items: &[T], back: usize) -> Option<T> {
    items.len().checked_sub(back + 1).map(|i| items[i])
}

fn terminal((w, h): (u16, u16)) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("a test terminal")
}

fn cases() -> u32 {
    std::env::var("GHOSTS_MONKEY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

/// The same cases on every run, so `cargo test` passes or fails alike on every
/// machine; `GHOSTS_MONKEY_SEED=N` (or `random`) explores others.
fn seed() -> RngSeed {
    match std::env::var("GHOSTS_MONKEY_SEED").ok().as_deref() {
        Some("random") => RngSeed::Random,
        Some(n) => n.parse().map_or(RngSeed::Fixed(SEED), RngSeed::Fixed),
        None => RngSeed::Fixed(SEED),
    }
}

const SEED: u64 = 20_261_203;

proptest! {
    #![proptest_config(Config {
        cases: cases(),
        rng_seed: seed(),
        // Shrinking 200-step sequences of big answers is slow; enough to get short.
        max_shrink_iters: 2_000,
        // Next to this file, as `main.regressions`: replayed first on every run.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..Config::default()
    })]

    #[test]
    fn the_app_survives_anything(
        size in (0u16..=400, 0u16..=120),
        steps in prop::collection::vec(step(), 1..=200),
    ) {
        let mut monkey = Monkey::new(size);
        monkey.render_and_check();
        for step in steps {
            monkey.step(step);
            monkey.render_and_check();
        }
    }
}
