//! The event loop: terminal events, answers from tasks and (while something loads) a
//! tick go in as messages; effects go out as tokio tasks calling the API.

use std::collections::HashMap;
use std::io;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use futures::{FutureExt, Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use time::OffsetDateTime;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::oneshot;

use crate::api::{ApiError, Call, Client, Ghost, Reply};

use super::app::App;
use super::journal;
use super::lookups::{LookupData, LookupKind};
use super::msg::{ApiResult, Effect, Msg, ReqId, RequestRecord};
use super::terminal;
use super::update::update;
use super::view::view;

/// How often the spinner turns while something loads.
const TICK: Duration = Duration::from_millis(120);
/// How often a countdown (a wait the server asked for) moves on, when nothing else
/// needs ticks: it shows seconds at the finest.
const COUNTDOWN_TICK: Duration = Duration::from_secs(1);

tokio::task_local! {
    /// The request a task serves, so the client's observer can file its exchanges.
    static CURRENT: ReqId;
}

/// The tasks of requests on their way, so `Effect::Cancel` can abort them.
type Running = Arc<Mutex<HashMap<ReqId, tokio::task::AbortHandle>>>;

/// Runs effects as tasks; their answers come back on `tx`.
#[derive(Clone)]
pub struct Executor {
    client: Client,
    tx: UnboundedSender<Msg>,
    running: Running,
}

impl Executor {
    pub fn new(client: Client, tx: UnboundedSender<Msg>) -> Self {
        let log = tx.clone();
        // Every HTTP exchange (a retry, each page of a look-up) is one entry of the
        // request log, under the request it serves.
        let client = client.observed(Arc::new(move |call: Call| {
            let req_id = CURRENT.try_with(|id| *id).unwrap_or(ReqId(0));
            let _ = log.send(Msg::RequestLogged(RequestRecord {
                req_id,
                at: OffsetDateTime::now_utc() - call.duration,
                request: call.request,
                outcome: call.outcome,
                duration: call.duration,
                quota_left: call.quota.remaining,
                trace_id: call.trace_id,
            }));
        }));
        Executor {
            client,
            tx,
            running: Running::default(),
        }
    }

    pub fn run(&self, effect: Effect) {
        let client = self.client.clone();
        match effect {
            Effect::FetchPage { req_id, query } => {
                tracing::debug!(?req_id, page = query.page, "fetching a page");
                self.call(req_id, ApiResult::Page, async move {
                    client.list_ghosts(&query).await
                });
            }
            Effect::CreateGhost { req_id, ghost } => {
                self.call(
                    req_id,
                    saved,
                    async move { client.create_ghost(&ghost).await },
                );
            }
            Effect::UpdateGhost { req_id, id, patch } => {
                self.call(req_id, saved, async move {
                    client.update_ghost(id, &patch).await
                });
            }
            Effect::DeleteGhost { req_id, id } => {
                self.call(req_id, ApiResult::Deleted, async move {
                    client.delete_ghost(id).await
                });
            }
            Effect::BulkUpdate { req_id, patches } => {
                self.call(req_id, ApiResult::BulkUpdated, async move {
                    client.bulk_update(&patches).await
                });
            }
            Effect::EmbodyGhost {
                req_id,
                id,
                request,
            } => {
                self.call(req_id, embodied, async move {
                    client.embody_ghost(id, &request).await
                });
            }
            Effect::FetchLookup { req_id, kind } => {
                self.call(req_id, ApiResult::Lookup, async move {
                    fetch_lookup(&client, kind).await
                });
            }
            Effect::FindCreated { req_id, name } => {
                let query = Effect::find_query(&name);
                self.call(req_id, ApiResult::Found, async move {
                    client.list_ghosts(&query).await
                });
            }
            Effect::CheckNumbers { req_id, query } => {
                self.call(req_id, ApiResult::Found, async move {
                    client.list_ghosts(&query).await
                });
            }
            Effect::BulkCreate { req_id, ghosts } => {
                self.call(
                    req_id,
                    created,
                    async move { client.bulk_create(&ghosts).await },
                );
            }
            Effect::StartDebounce { id, after } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::DebounceElapsed { id });
                });
            }
            Effect::Journal { path, entry } => {
                if let Err(err) = journal::append(&path, &entry) {
                    tracing::warn!(path = %path.display(), %err, "cannot write the journal");
                }
            }
            Effect::Cancel { req_id } => {
                if let Some(task) = self.running().remove(&req_id) {
                    tracing::info!(?req_id, "request cancelled by the user");
                    task.abort();
                }
            }
            // The loop sees `app.quit`.
            Effect::Quit => {}
        }
    }

    fn running(&self) -> std::sync::MutexGuard<'_, HashMap<ReqId, tokio::task::AbortHandle>> {
        // A panic while holding the lock leaves the map usable.
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs one API call in a task and posts its answer, tagged with `req_id` (the
    /// client's observer posts a record of each HTTP exchange it makes, before). The
    /// task can be aborted by `Effect::Cancel`.
    fn call<T, F>(&self, req_id: ReqId, wrap: fn(Result<T, ApiError>) -> ApiResult, call: F)
    where
        T: Send + 'static,
        F: Future<Output = Result<T, ApiError>> + Send + 'static,
    {
        let tx = self.tx.clone();
        let running = self.running.clone();
        // Held while spawning, so the task cannot finish (and forget itself) before it
        // is remembered.
        let mut tasks = self.running();
        let task = tokio::spawn(CURRENT.scope(req_id, async move {
            // A panic must not leave the app waiting forever for this answer.
            let result = AssertUnwindSafe(call)
                .catch_unwind()
                .await
                .unwrap_or_else(|_| Err(ApiError::Network("internal error in a request".into())));
            running
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&req_id);
            if let Err(err) = &result {
                tracing::warn!(?req_id, %err, "request failed");
            }
            // The loop may have ended; then nobody wants the answer.
            let _ = tx.send(Msg::Api {
                req_id,
                result: wrap(result),
            });
        }));
        tasks.insert(req_id, task.abort_handle());
    }
}

fn saved(result: Result<Reply<Ghost>, ApiError>) -> ApiResult {
    ApiResult::Saved(Box::new(result))
}

fn embodied(result: Result<Reply<Ghost>, ApiError>) -> ApiResult {
    ApiResult::Embodied(Box::new(result))
}

fn created(result: Result<Reply<Vec<Ghost>>, ApiError>) -> ApiResult {
    ApiResult::Created(Box::new(result))
}

/// Every item of one look-up, all pages.
async fn fetch_lookup(client: &Client, kind: LookupKind) -> Result<Reply<LookupData>, ApiError> {
    Ok(match kind {
        LookupKind::Projects => client.all_projects().await?.map(LookupData::Projects),
        LookupKind::Tasks => client.all_tasks().await?.map(LookupData::Tasks),
        LookupKind::Teams => client.all_teams().await?.map(LookupData::Teams),
        LookupKind::Members => client.all_members().await?.map(LookupData::Members),
        LookupKind::Roles => client.list_roles().await?.map(LookupData::Roles),
    })
}

/// Turns a terminal event into a message; releases and focus changes are dropped.
pub fn translate(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if matches!(key.kind, KeyEventKind::Press | KeyEventKind::Repeat) => {
            Some(Msg::Key(key))
        }
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        // Wheel turns and left clicks; moves and drags would only cost frames.
        Event::Mouse(mouse)
            if matches!(
                mouse.kind,
                MouseEventKind::ScrollUp
                    | MouseEventKind::ScrollDown
                    | MouseEventKind::Down(MouseButton::Left)
            ) =>
        {
            Some(Msg::Mouse(mouse))
        }
        _ => None,
    }
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Applies messages until the queue is empty, running the effects they ask for.
fn apply_all(app: &mut App, executor: &Executor, queue: &mut Vec<Msg>) {
    if queue.is_empty() {
        return;
    }
    for effect in update(app, Msg::Tick(now())) {
        executor.run(effect);
    }
    for msg in queue.drain(..) {
        for effect in update(app, msg) {
            executor.run(effect);
        }
        if app.quit {
            return;
        }
    }
}

/// Reads terminal events in a task of its own and posts them on the one channel.
/// (Polling crossterm's `EventStream` from outside a task, e.g. with `now_or_never`,
/// would hand it a waker that never wakes the loop.) `done` says how input ended.
async fn forward_input<E>(
    mut events: E,
    tx: UnboundedSender<Msg>,
    done: oneshot::Sender<io::Result<()>>,
) where
    E: Stream<Item = io::Result<Event>> + Unpin,
{
    while let Some(event) = events.next().await {
        match event {
            Ok(event) => {
                if let Some(msg) = translate(event)
                    && tx.send(msg).is_err()
                {
                    return;
                }
            }
            Err(err) => {
                let _ = done.send(Err(err));
                return;
            }
        }
    }
    let _ = done.send(Ok(()));
}

/// Ends the input task when the loop ends, however it ends.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit, or the input ended.
    Quit,
    /// A signal asked us to end (its number).
    Signal(i32),
}

impl Ended {
    /// What the process exits with: 0, or 128 + N after signal N as shells report a
    /// program a signal ended (143 for SIGTERM, 129 for SIGHUP), so a script or a
    /// supervisor can tell a stop from a quit.
    pub fn exit_code(self) -> u8 {
        match self {
            Ended::Quit => 0,
            Ended::Signal(number) => u8::try_from(128 + number).unwrap_or(u8::MAX),
        }
    }
}

/// The loop proper, until the user quits, the input ends or a signal (SIGTERM, SIGHUP,
/// SIGINT) asks us to end. The caller owns (and restores) the terminal; `events` is
/// crossterm's `EventStream` in the app, a scripted stream in tests.
pub async fn event_loop<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    client: Client,
    events: E,
) -> anyhow::Result<Ended>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Stream<Item = io::Result<Event>> + Send + Unpin + 'static,
{
    let (tx, mut rx): (UnboundedSender<Msg>, UnboundedReceiver<Msg>) = unbounded_channel();
    let (done_tx, mut input_done) = oneshot::channel();
    let _input = AbortOnDrop(tokio::spawn(forward_input(events, tx.clone(), done_tx)));
    let executor = Executor::new(client, tx);
    let (term, hup, int) = (
        SignalKind::terminate(),
        SignalKind::hangup(),
        SignalKind::interrupt(),
    );
    let mut sigterm = signal(term).context("cannot watch for SIGTERM")?;
    let mut sighup = signal(hup).context("cannot watch for SIGHUP")?;
    let mut sigint = signal(int).context("cannot watch for SIGINT")?;
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut countdown = tokio::time::interval(COUNTDOWN_TICK);
    countdown.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    let size = terminal.size().context("cannot read the terminal size")?;
    let mut queue = vec![Msg::Resize(size.width, size.height), Msg::Start];
    apply_all(app, &executor, &mut queue);

    while !app.quit {
        if terminal::panicked() {
            anyhow::bail!("the app hit an internal error (see the message above)");
        }
        // Keep the app's idea of the size true before drawing.
        let size = terminal.size().context("cannot read the terminal size")?;
        if (size.width, size.height) != app.size {
            queue.push(Msg::Resize(size.width, size.height));
            apply_all(app, &executor, &mut queue);
        }
        terminal
            .draw(|frame| view(app, frame))
            .context("cannot draw")?;

        let fast = app.wants_fast_ticks();
        let slow = !fast && app.wants_ticks();
        tokio::select! {
            // Messages first: what the user typed before the input ended still counts.
            biased;
            Some(msg) = rx.recv() => queue.push(msg),
            _ = sigterm.recv() => return Ok(Ended::Signal(term.as_raw_value())),
            _ = sighup.recv() => return Ok(Ended::Signal(hup.as_raw_value())),
            _ = sigint.recv() => return Ok(Ended::Signal(int.as_raw_value())),
            ended = &mut input_done => match ended {
                Ok(Err(err)) => return Err(err).context("cannot read the terminal"),
                // The input is closed (the terminal went away): nothing more to do.
                Ok(Ok(())) | Err(_) => return Ok(Ended::Quit),
            },
            _ = ticker.tick(), if fast => queue.push(Msg::Tick(now())),
            _ = countdown.tick(), if slow => queue.push(Msg::Tick(now())),
        }
        // Take whatever else is already waiting, so a burst costs one frame.
        while let Ok(msg) = rx.try_recv() {
            queue.push(msg);
        }
        apply_all(app, &executor, &mut queue);
    }
    Ok(Ended::Quit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventState, KeyModifiers};

    fn key(kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn only_presses_and_repeats_become_messages() {
        assert!(matches!(
            translate(key(KeyEventKind::Press)),
            Some(Msg::Key(_))
        ));
        assert!(matches!(
            translate(key(KeyEventKind::Repeat)),
            Some(Msg::Key(_))
        ));
        assert!(translate(key(KeyEventKind::Release)).is_none());
        assert!(translate(Event::FocusGained).is_none());
        assert!(matches!(
            translate(Event::Paste("a\nb".into())),
            Some(Msg::Paste(text)) if text == "a\nb"
        ));
        assert!(matches!(
            translate(Event::Resize(3, 4)),
            Some(Msg::Resize(3, 4))
        ));
    }

    #[test]
    fn wheel_turns_and_left_clicks_become_messages_moves_do_not() {
        use crossterm::event::MouseEvent;
        let mouse = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 1,
                row: 2,
                modifiers: KeyModifiers::NONE,
            })
        };
        for kind in [
            MouseEventKind::ScrollUp,
            MouseEventKind::ScrollDown,
            MouseEventKind::Down(MouseButton::Left),
        ] {
            assert!(
                matches!(translate(mouse(kind)), Some(Msg::Mouse(_))),
                "{kind:?}"
            );
        }
        for kind in [
            MouseEventKind::Moved,
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Down(MouseButton::Right),
        ] {
            assert!(translate(mouse(kind)).is_none(), "{kind:?}");
        }
    }
}
