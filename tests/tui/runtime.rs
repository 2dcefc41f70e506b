//! The real event loop, with a scripted keyboard, a test terminal and a small HTTP
//! server that answers the ghosts list: what the user does costs the requests it
//! should, and no more.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc::{UnboundedSender, unbounded};
use ghosts::api::{Auth, Client, ClientConfig, Ghost, Secret};
use ghosts::tui::App;
use ghosts::tui::runtime::event_loop;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::fixtures::{NOW, OFFSET, world_ghosts};

type Seen = Arc<Mutex<Vec<HashMap<String, String>>>>;

/// Serves `GET ~/ghosts` from `ghosts`, honouring page, rows and search, and records
/// every query it is sent.
async fn serve(ghosts: Vec<Ghost>) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let state = (Arc::new(ghosts), seen.clone());
    let app = Router::new()
        .route("/organizations/1/workspaces/1/ghosts", get(list))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/"), seen)
}

async fn list(
    State((ghosts, seen)): State<(Arc<Vec<Ghost>>, Seen)>,
    Query(query): Query<HashMap<String, String>>,
) -> ([(&'static str, &'static str); 1], Json<serde_json::Value>) {
    seen.lock().expect("lock").push(query.clone());
    let search = query
        .get("search")
        .cloned()
        .unwrap_or_default()
        .to_lowercase();
    let page: usize = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let rows: usize = query.get("rows").and_then(|p| p.parse().ok()).unwrap_or(50);
    let matching: Vec<&Ghost> = ghosts
        .iter()
        .filter(|g| g.name.to_lowercase().contains(&search))
        .collect();
    let data: Vec<&Ghost> = matching
        .iter()
        .skip((page - 1) * rows)
        .take(rows)
        .copied()
        .collect();
    (
        [("X-Toggl-Quota-Remaining", "25")],
        Json(serde_json::json!({
            "data": data, "page": page, "rows": rows, "total": matching.len()
        })),
    )
}

fn press(tx: &UnboundedSender<std::io::Result<Event>>, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    tx.unbounded_send(Ok(event)).expect("the loop is listening");
}

/// Waits (up to a generous limit: machines are shared) until `ready` holds.
async fn wait_for(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_search_costs_one_request_end_to_end() {
    let (base, seen) = serve(world_ghosts()).await;
    let config = ClientConfig::new(base, 1, 1, Auth::ApiKey(Secret::new("toggl_sk_test")));
    let client = Client::new(config).expect("client");
    let (tx, events) = unbounded();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut app = App::new(NOW, OFFSET, true, (0, 0));
    let running = tokio::spawn(async move {
        let result = event_loop(&mut terminal, &mut app, client, events).await;
        (result, terminal, app)
    });

    let count = || seen.lock().expect("lock").len();
    wait_for("the first page", || count() == 1).await;
    press(&tx, KeyCode::Char('/'));
    // Typed at a brisk but human pace: well inside the debounce between keys.
    for c in "designer".chars() {
        press(&tx, KeyCode::Char(c));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    wait_for("the search request", || count() >= 2).await;
    // Give a second, stray request every chance to show up.
    tokio::time::sleep(Duration::from_millis(600)).await;
    press(&tx, KeyCode::Enter);
    press(&tx, KeyCode::Char('q'));
    let (result, terminal, app) = tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the loop ends on q")
        .expect("the loop does not panic");
    result.expect("the loop ends cleanly");

    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 2, "requests: {seen:?}");
    assert_eq!(seen[0].get("page").map(String::as_str), Some("1"));
    assert_eq!(seen[0].get("rows").map(String::as_str), Some("100"));
    assert_eq!(seen[1].get("search").map(String::as_str), Some("designer"));
    assert_eq!(app.filter.search, "designer");
    assert_eq!(app.list.total, Some(1));
    assert_eq!(app.status.quota.and_then(|q| q.remaining), Some(25));
    let shown = screen(&terminal);
    assert!(shown.contains("Senior designer #2"), "{shown}");
    assert!(shown.contains("DEMO"), "{shown}");
    assert!(shown.contains("1 of 1"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loop_ends_when_the_input_ends() {
    let (base, _seen) = serve(Vec::new()).await;
    let config = ClientConfig::new(base, 1, 1, Auth::ApiKey(Secret::new("toggl_sk_test")));
    let client = Client::new(config).expect("client");
    let (tx, events) = unbounded::<std::io::Result<Event>>();
    drop(tx);
    let mut terminal = Terminal::new(TestBackend::new(0, 0)).expect("terminal");
    let mut app = App::new(NOW, OFFSET, false, (0, 0));
    let result = tokio::time::timeout(
        Duration::from_secs(10),
        event_loop(&mut terminal, &mut app, client, events),
    )
    .await
    .expect("the loop ends");
    assert!(result.is_ok(), "{result:?}");
}

/// The query pairs of the sandbox's recorded ghost-list requests.
fn list_queries(sandbox: &ghosts::sandbox::Sandbox) -> Vec<HashMap<String, String>> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/ghosts"))
        .map(|r| {
            r.query
                .unwrap_or_default()
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsing_the_sandbox_loads_every_page_once() {
    let options = ghosts::sandbox::SandboxOptions {
        ghosts: 400,
        seed: 7,
        now: NOW,
        ..Default::default()
    };
    let sandbox = ghosts::sandbox::start(options).await.expect("sandbox");
    let client = Client::new(sandbox.client_config()).expect("client");
    let (tx, events) = unbounded();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut app = App::new(NOW, OFFSET, true, (0, 0));
    let running = tokio::spawn(async move {
        let result = event_loop(&mut terminal, &mut app, client, events).await;
        (result, terminal, app)
    });

    let count = || list_queries(&sandbox).len();
    wait_for("the first page", || count() == 1).await;
    // G to the end of what is loaded, again and again, until two presses in a row
    // bring no new request (a G pressed while a page is on its way asks for nothing,
    // so one quiet press alone proves little on a slow machine).
    let mut quiet = 0;
    while quiet < 2 {
        let before = count();
        press(&tx, KeyCode::Char('G'));
        for _ in 0..14 {
            if count() > before {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        quiet = if count() > before { 0 } else { quiet + 1 };
        assert!(
            count() <= 10,
            "runaway paging: {:?}",
            list_queries(&sandbox)
        );
    }
    let pages_requested = count();
    press(&tx, KeyCode::Char('G'));
    press(&tx, KeyCode::Char('q'));
    let (result, terminal, app) = tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the loop ends on q")
        .expect("the loop does not panic");
    result.expect("the loop ends cleanly");

    let queries = list_queries(&sandbox);
    assert_eq!(
        queries.len(),
        pages_requested,
        "no request after the last page"
    );
    let pages: Vec<&str> = queries
        .iter()
        .map(|q| q.get("page").map_or("?", String::as_str))
        .collect();
    let expected: Vec<String> = (1..=queries.len()).map(|p| p.to_string()).collect();
    assert_eq!(pages, expected, "each page once, in order");
    let total = app.list.total.expect("a total");
    assert_eq!(app.list.ghosts.len() as u64, total, "everything loaded");
    assert_eq!(
        queries.len() as u64,
        total.div_ceil(100),
        "exactly the pages needed for {total} ghosts"
    );
    assert_eq!(app.cursor as u64, total - 1);
    let shown = screen(&terminal);
    assert!(shown.contains(&format!("{total} of {total}")), "{shown}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spent_quota_stops_the_app_sending_anything() {
    let options = ghosts::sandbox::SandboxOptions {
        ghosts: 30,
        seed: 7,
        now: NOW,
        quota_per_hour: 3,
        ..Default::default()
    };
    let sandbox = ghosts::sandbox::start(options).await.expect("sandbox");
    let client = Client::new(sandbox.client_config()).expect("client");
    let (tx, events) = unbounded();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut app = App::new(NOW, OFFSET, true, (0, 0));
    let running = tokio::spawn(async move {
        let result = event_loop(&mut terminal, &mut app, client, events).await;
        (result, terminal, app)
    });

    let count = || sandbox.requests().len();
    wait_for("the first page", || count() == 1).await;
    // Two reloads spend the quota; the third is answered 402. An r pressed before
    // the previous answer reached the app asks for nothing ("already reloading"), so
    // press again until the request shows up.
    for sent in 2..=4 {
        for _ in 0..20 {
            press(&tx, KeyCode::Char('r'));
            for _ in 0..50 {
                if count() >= sent {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(30)).await;
            }
            if count() >= sent {
                break;
            }
        }
        assert_eq!(count(), sent, "{:?}", sandbox.requests());
    }
    // Let the 402 reach the app, then ask for everything that would cost a request.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for code in [
        KeyCode::Char('r'),
        KeyCode::Char('o'),
        KeyCode::Char('i'),
        KeyCode::Char('E'),
        KeyCode::Esc,
        KeyCode::Char('/'),
        KeyCode::Char('x'),
        KeyCode::Enter,
        KeyCode::Char('r'),
    ] {
        press(&tx, code);
    }
    // Give a stray request every chance to show up.
    tokio::time::sleep(Duration::from_millis(800)).await;
    press(&tx, KeyCode::Char('q'));
    let (result, terminal, app) = tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the loop ends on q")
        .expect("the loop does not panic");
    result.expect("the loop ends cleanly");

    let requests = sandbox.requests();
    assert_eq!(
        requests.len(),
        4,
        "nothing sent after the 402: {requests:?}"
    );
    assert_eq!(
        app.status.wait.map(|w| w.kind),
        Some(ghosts::tui::app::WaitKind::Quota)
    );
    // Every request is in the log, the refused one with its status.
    let outcomes: Vec<&str> = app
        .request_log
        .entries
        .iter()
        .map(|r| r.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["ok", "ok", "ok", "402"]);
    let shown = screen(&terminal);
    assert!(shown.contains("quota used up, resets in"), "{shown}");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_request_is_aborted_and_never_answers() {
    use ghosts::api::{GhostFilter, ListQuery};
    use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};
    use ghosts::tui::runtime::Executor;

    let options = ghosts::sandbox::SandboxOptions {
        ghosts: 5,
        now: NOW,
        faults: ghosts::sandbox::Faults {
            latency: Duration::from_millis(400),
            ..Default::default()
        },
        ..Default::default()
    };
    let sandbox = ghosts::sandbox::start(options).await.expect("sandbox");
    let client = Client::new(sandbox.client_config()).expect("client");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let executor = Executor::new(client, tx);
    let fetch = |id| Effect::FetchPage {
        req_id: ReqId(id),
        query: ListQuery {
            filter: GhostFilter::default(),
            page: 1,
            rows: 10,
        },
    };
    executor.run(fetch(1));
    executor.run(fetch(2));
    executor.run(Effect::Cancel { req_id: ReqId(1) });
    // Request 2 is answered (its record first); request 1 never is.
    let mut seen = Vec::new();
    while !seen.iter().any(|m| matches!(m, Msg::Api { .. })) {
        let msg = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("request 2 is answered")
            .expect("the channel is open");
        seen.push(msg);
    }
    // Give a late answer to request 1 every chance to arrive.
    tokio::time::sleep(Duration::from_millis(800)).await;
    while let Ok(msg) = rx.try_recv() {
        seen.push(msg);
    }
    let answered: Vec<ReqId> = seen
        .iter()
        .filter_map(|m| match m {
            Msg::Api { req_id, result } => {
                assert!(matches!(result, ApiResult::Page(Ok(_))), "{result:?}");
                Some(*req_id)
            }
            _ => None,
        })
        .collect();
    assert_eq!(answered, [ReqId(2)]);
    let logged: Vec<ReqId> = seen
        .iter()
        .filter_map(|m| match m {
            Msg::RequestLogged(record) => Some(record.req_id),
            _ => None,
        })
        .collect();
    assert_eq!(logged, [ReqId(2)]);
    sandbox.shutdown().await;
}

/// Every HTTP exchange is one entry of the request log, filed under the request it
/// serves: each page of a look-up, and an answer that could not be read says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_exchange_is_logged_under_its_request() {
    use ghosts::tui::lookups::LookupKind;
    use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};
    use ghosts::tui::runtime::Executor;

    let options = ghosts::sandbox::SandboxOptions {
        ghosts: 5,
        now: NOW,
        ..Default::default()
    };
    let sandbox = ghosts::sandbox::start(options).await.expect("sandbox");
    let client = Client::new(sandbox.client_config()).expect("client");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let executor = Executor::new(client, tx);
    let mut next = async || {
        tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an answer in time")
            .expect("the channel is open")
    };

    // The seeded workspace has 120 tasks: two pages of 100.
    executor.run(Effect::FetchLookup {
        req_id: ReqId(7),
        kind: LookupKind::Tasks,
    });
    let mut logged = Vec::new();
    loop {
        match next().await {
            Msg::RequestLogged(record) => logged.push(record),
            Msg::Api { req_id, result } => {
                assert_eq!(req_id, ReqId(7));
                assert!(matches!(result, ApiResult::Lookup(Ok(_))), "{result:?}");
                break;
            }
            _ => {}
        }
    }
    let lines: Vec<(ReqId, &str, &str)> = logged
        .iter()
        .map(|r| (r.req_id, r.request.as_str(), r.outcome.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (ReqId(7), "GET ~/tasks?page=1&per_page=100", "ok"),
            (ReqId(7), "GET ~/tasks?page=2&per_page=100", "ok"),
        ]
    );
    assert_eq!(sandbox.requests().len(), 2, "one entry per request sent");

    // An answer that cannot be read is logged as such, not as "ok".
    sandbox.set_faults(ghosts::sandbox::Faults {
        malformed_rate: 1.0,
        ..Default::default()
    });
    executor.run(Effect::DeleteGhost {
        req_id: ReqId(8),
        id: 1,
    });
    executor.run(Effect::FetchLookup {
        req_id: ReqId(9),
        kind: LookupKind::Roles,
    });
    let mut outcomes = Vec::new();
    let mut answered = 0;
    while answered < 2 {
        match next().await {
            Msg::RequestLogged(record) if record.req_id == ReqId(9) => {
                outcomes.push(record.outcome)
            }
            Msg::Api { .. } => answered += 1,
            _ => {}
        }
    }
    assert_eq!(
        outcomes.first().map(String::as_str),
        Some("unreadable answer")
    );
    sandbox.shutdown().await;
}
