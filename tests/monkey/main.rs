//! The monkey: long random sequences of keys, pastes, resizes, API answers (late,
//! doubled, unasked for, odd), debounce timers and clock jumps fed to `update`, with a
//! render after every step. Nothing may panic and the app's invariants must hold.
//!
//! `cargo test --test monkey` runs a CI-sized batch; `GHOSTS_MONKEY_CASES=5000 cargo
//! test --release --test monkey` runs many more. A failure is shrunk to a short
//! sequence and kept in `monkey/main.regressions` to be replayed first.

mod invariants;
mod steps;

use ghosts::api::{GhostPage, Reply};
use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};
use ghosts::tui::view::view;
use ghosts::tui::{App, update};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
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
            timers: Vec::new(),
            provided: 0,
        };
        monkey.send(Msg::Start);
        monkey
    }

    fn send(&mut self, msg: Msg) {
        for effect in update(&mut self.app, msg) {
            match effect {
                // Writes and look-ups draw their ids from the same counter as pages.
                Effect::FetchPage { req_id, .. }
                | Effect::CreateGhost { req_id, .. }
                | Effect::UpdateGhost { req_id, .. }
                | Effect::DeleteGhost { req_id, .. }
                | Effect::BulkUpdate { req_id, .. }
                | Effect::EmbodyGhost { req_id, .. }
                | Effect::FetchLookup { req_id, .. }
                | Effect::FindCreated { req_id, .. } => {
                    assert!(
                        self.issued.last().is_none_or(|last| req_id > *last),
                        "request ids must be new: {req_id:?} after {:?}",
                        self.issued.last()
                    );
                    self.issued.push(req_id);
                }
                Effect::StartDebounce { id, .. } => self.timers.push(id),
                // Only written by the runtime; nothing here answers it.
                Effect::Journal { .. } => {}
                // The runtime would stop (or abort a task); the state must stay sound.
                Effect::Quit | Effect::Cancel { .. } => {}
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
            Target::Never(past) => ReqId(latest.0.saturating_add(past)),
        };
        let awaited = self
            .app
            .list
            .in_flight
            .clone()
            .filter(|f| f.req_id == req_id);
        let before = snapshot(&self.app);
        let delivered = match &answer {
            Answer::Page { ghosts, .. } => Some(ghosts.len()),
            Answer::Failure(_) => None,
        };
        let result = match answer {
            Answer::Page {
                ghosts,
                total,
                skipped,
                quota,
            } => Ok(Reply {
                data: GhostPage {
                    data: ghosts,
                    page: 1,
                    rows: 100,
                    total,
                    skipped,
                },
                quota,
            }),
            Answer::Failure(err) => Err(err),
        };
        self.send(Msg::Api {
            req_id,
            result: ApiResult::Page(result),
        });
        match (awaited, delivered) {
            (None, _) => assert_eq!(
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
            (Some(_), None) => {}
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

proptest! {
    #![proptest_config(Config {
        cases: cases(),
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
