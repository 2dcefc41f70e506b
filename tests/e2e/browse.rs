//! Browsing and searching: what the user sees, and that it costs exactly the requests
//! it should.

use ghosts::api::GhostFilter;

use crate::harness::server::{Server, options};
use crate::harness::{Session, TIMEOUT, loading, param, position};

/// `G` again and again walks to the last ghost, loading each page once.
#[test]
fn browsing_to_the_end_loads_every_page_exactly_once() {
    // Totals asked before the app starts, so its requests are all counted after.
    let server = Server::start(options(400));
    let total = server.total(GhostFilter::default());
    let before = server.requests().len();
    let mut session = Session::start_on(server);
    assert_eq!(session.wait_for_data(), total);

    let mut at = 1;
    while at < total {
        session.pty.send("G");
        let screen = session
            .pty
            .wait_for("G to move on, its page loaded", TIMEOUT, |s| {
                position(s).is_some_and(|(now, _)| now > at) && !loading(s)
            });
        at = position(&screen).map(|(now, _)| now).unwrap_or(at);
    }
    assert_eq!(at, total, "the cursor stops at the last ghost");

    let pages: Vec<u32> = session
        .list_requests(before)
        .iter()
        .map(|r| param(r, "page").and_then(|p| p.parse().ok()).unwrap_or(0))
        .collect();
    let expected: Vec<u32> = (1..=u32::try_from(total.div_ceil(100)).expect("pages")).collect();
    assert_eq!(pages, expected, "each page requested once, in order");
}

#[test]
fn a_typed_word_costs_one_search_request_and_filters_the_list() {
    let server = Server::start(options(400));
    let word = "designer";
    let matching = server.total(GhostFilter {
        search: word.into(),
        ..GhostFilter::default()
    });
    let before = server.requests().len();
    let mut session = Session::start_on(server);
    let total = session.wait_for_data();
    assert!(0 < matching && matching < total, "the word must filter");

    session.pty.send("/");
    session
        .pty
        .wait_for("the search line", TIMEOUT, |s| s.contains("Search:"));
    // One write, so however loaded the machine, the keys arrive within the debounce.
    session.pty.send(word);
    let screen = session.pty.wait_for("the filtered list", TIMEOUT, |s| {
        position(s) == Some((1, matching)) && !loading(s)
    });
    let list_rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.strip_prefix('│'))
        .filter(|l| l.contains('#'))
        .collect();
    assert!(!list_rows.is_empty(), "rows shown:\n{screen}");
    assert!(
        list_rows.iter().all(|l| l.to_lowercase().contains(word)),
        "only matching ghosts are listed:\n{screen}"
    );
    let searches: Vec<String> = session
        .list_requests(before)
        .iter()
        .filter_map(|r| param(r, "search"))
        .collect();
    assert_eq!(searches, [word], "one request for the whole word");
}

#[test]
fn sorting_asks_the_server_for_the_other_order() {
    let mut session = Session::start(400);
    session.wait_for_data();
    let before = session.server.requests().len();
    session.pty.send("o");
    session.pty.wait_for("the reversed list", TIMEOUT, |s| {
        s.contains("name Z→A") && position(s).is_some_and(|(at, _)| at == 1) && !loading(s)
    });
    let orders: Vec<String> = session
        .list_requests(before)
        .iter()
        .filter_map(|r| param(r, "order_by"))
        .collect();
    assert_eq!(orders, ["name,desc"]);
}

#[test]
fn including_embodied_ghosts_shows_them_all() {
    let mut session = Session::start(400);
    let all = session.server.total(GhostFilter {
        include_embodied: true,
        ..GhostFilter::default()
    });
    let hidden = session.wait_for_data();
    assert!(all > hidden, "the seed has embodied ghosts");
    session.pty.send("i");
    let screen = session
        .pty
        .wait_for("embodied ghosts listed", TIMEOUT, |s| {
            s.contains("embodied shown") && position(s).is_some_and(|(_, total)| total == all)
        });
    assert!(screen.contains("embodied shown"));
}

/// The help overlay's title, which names its own keys.
const HELP_TITLE: &str = "Keys: Esc or ? closes";

#[test]
fn help_opens_and_closes() {
    let mut session = Session::start(50);
    session.wait_for_data();
    session.pty.send("?");
    session
        .pty
        .wait_for("the help overlay", TIMEOUT, |s| s.contains(HELP_TITLE));
    session.pty.send("\x1b");
    // A lone Esc waits for crossterm to tell it from a sequence; the list returns.
    session.pty.wait_for("help closed", TIMEOUT, |s| {
        !s.contains(HELP_TITLE) && s.contains("? help")
    });
}
