//! The event loop: terminal events, answers from tasks and (while something loads) a
//! tick go in as messages; effects go out as tokio tasks calling the API.

use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::{FutureExt, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use time::OffsetDateTime;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::api::Client;

use super::app::App;
use super::msg::{ApiResult, Effect, Msg};
use super::update::update;
use super::view::view;

/// How often the spinner turns while something loads.
const TICK: Duration = Duration::from_millis(120);

/// Runs effects as tasks; their answers come back on `tx`.
#[derive(Clone)]
pub struct Executor {
    client: Client,
    tx: UnboundedSender<Msg>,
}

impl Executor {
    pub fn new(client: Client, tx: UnboundedSender<Msg>) -> Self {
        Executor { client, tx }
    }

    pub fn run(&self, effect: Effect) {
        match effect {
            Effect::FetchPage { req_id, query } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                tracing::debug!(?req_id, page = query.page, "fetching a page");
                tokio::spawn(async move {
                    let result = client.list_ghosts(&query).await;
                    if let Err(err) = &result {
                        tracing::warn!(?req_id, %err, "page load failed");
                    }
                    // The loop may have ended; then nobody wants the answer.
                    let _ = tx.send(Msg::Api {
                        req_id,
                        result: ApiResult::Page(result),
                    });
                });
            }
            Effect::StartDebounce { id, after } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::DebounceElapsed { id });
                });
            }
            // The loop sees `app.quit`.
            Effect::Quit => {}
        }
    }
}

/// Turns a terminal event into a message; releases and focus changes are dropped.
pub fn translate(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if matches!(key.kind, KeyEventKind::Press | KeyEventKind::Repeat) => {
            Some(Msg::Key(key))
        }
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
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

/// The loop proper, until the user quits, the terminal closes or a signal asks us to
/// end. The caller owns (and restores) the terminal.
pub async fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    client: Client,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let (tx, mut rx): (UnboundedSender<Msg>, UnboundedReceiver<Msg>) = unbounded_channel();
    let executor = Executor::new(client, tx);
    let mut events = EventStream::new();
    let mut sigterm = signal(SignalKind::terminate()).context("cannot watch for SIGTERM")?;
    let mut sighup = signal(SignalKind::hangup()).context("cannot watch for SIGHUP")?;
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    let size = terminal.size().context("cannot read the terminal size")?;
    let mut queue = vec![Msg::Resize(size.width, size.height), Msg::Start];
    apply_all(app, &executor, &mut queue);

    while !app.quit {
        // Keep the app's idea of the size true before drawing.
        let size = terminal.size().context("cannot read the terminal size")?;
        if (size.width, size.height) != app.size {
            queue.push(Msg::Resize(size.width, size.height));
            apply_all(app, &executor, &mut queue);
        }
        terminal
            .draw(|frame| view(app, frame))
            .context("cannot draw")?;

        let ticking = app.wants_ticks();
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => queue.extend(translate(event)),
                Some(Err(err)) => return Err(err).context("cannot read the terminal"),
                None => break,
            },
            Some(msg) = rx.recv() => queue.push(msg),
            _ = ticker.tick(), if ticking => queue.push(Msg::Tick(now())),
            _ = sigterm.recv() => break,
            _ = sighup.recv() => break,
        }
        // Drain whatever else is already waiting, so a burst costs one frame.
        loop {
            if let Ok(msg) = rx.try_recv() {
                queue.push(msg);
                continue;
            }
            match events.next().now_or_never() {
                Some(Some(Ok(event))) => queue.extend(translate(event)),
                Some(Some(Err(err))) => return Err(err).context("cannot read the terminal"),
                _ => break,
            }
        }
        apply_all(app, &executor, &mut queue);
    }
    Ok(())
}
