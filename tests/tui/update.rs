//! `update` driven by message sequences: state and effects.

use crossterm::event::KeyCode;
use ghosts::api::SortOrder;
use ghosts::tui::app::Focus;
use ghosts::tui::msg::{Effect, Msg};
use ghosts::tui::update;

use crate::fixtures::*;

#[test]
fn first_load_fetches_page_one_of_the_default_query() {
    let mut app = new_app(80, 24);
    let effects = update(&mut app, Msg::Start);
    match effects.as_slice() {
        [Effect::FetchPage { query, .. }] => {
            assert_eq!(query.page, 1);
            assert_eq!(query.rows, 100);
            assert_eq!(query.filter.order, SortOrder::NameAsc);
            assert!(query.filter.search.is_empty());
            assert!(!query.filter.include_embodied);
        }
        other => panic!("expected one page-1 fetch, got {other:?}"),
    }
    assert!(app.is_loading());
}

#[test]
fn page_one_answer_fills_the_list_and_reports_quota() {
    let app = loaded(80, 24, ghosts(1, 100), 250);
    assert_eq!(app.list.ghosts.len(), 100);
    assert_eq!(app.list.total, Some(250));
    assert_eq!(app.cursor, 0);
    assert!(!app.is_loading());
    assert_eq!(app.status.quota.and_then(|q| q.remaining), Some(27));
}

#[test]
fn nearing_the_end_loads_the_next_page_exactly_once() {
    let mut app = loaded(80, 24, ghosts(1, 100), 250);
    // Far from the end: nothing.
    assert!(fetches(&send(&mut app, [ch('j'), ch('j')])).is_empty());
    // The last loaded ghost is within a screen of the end: page 2, once.
    let (req2, page_no, _) = only_fetch(&send(&mut app, [ch('G')]));
    assert_eq!(page_no, 2);
    // More moves while page 2 is on its way ask for nothing.
    let again = send(
        &mut app,
        [
            ch('k'),
            ch('j'),
            ch('G'),
            key(KeyCode::PageDown),
            Msg::Resize(80, 50),
        ],
    );
    assert!(fetches(&again).is_empty(), "{again:?}");
    // Page 2 arrives; the cursor (99) is now more than a screen from the end (200).
    let effects = send(&mut app, [page_answer(req2, page_page(2))]);
    assert_eq!(app.list.ghosts.len(), 200);
    assert!(fetches(&effects).is_empty(), "{effects:?}");
    // One screen (45 rows at 80x50) before the end: page 3.
    send(&mut app, [ch('g')]);
    let effects = send(&mut app, [key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    assert!(
        fetches(&effects).is_empty(),
        "at {}: {effects:?}",
        app.cursor
    );
    let effects = send(&mut app, [key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    assert_eq!(app.cursor, 180);
    let (req3, page_no, _) = only_fetch(&effects);
    assert_eq!(page_no, 3);
    // The last page is short: nothing more to load, ever.
    let effects = send(
        &mut app,
        [
            page_answer(req3, page(ghosts(201, 50), 3, 250)),
            ch('G'),
            ch('G'),
        ],
    );
    assert!(fetches(&effects).is_empty(), "{effects:?}");
    assert_eq!(app.list.ghosts.len(), 250);
    assert_eq!(app.cursor, 249);
    // A late duplicate of page 2's answer changes nothing.
    send(&mut app, [page_answer(req2, page_page(2))]);
    assert_eq!(app.list.ghosts.len(), 250);
}

fn page_page(n: u32) -> ghosts::api::Reply<ghosts::api::GhostPage> {
    let first = i64::from(n - 1) * 100 + 1;
    page(ghosts(first, 100), n, 250)
}

#[test]
fn a_ghost_seen_on_an_earlier_page_is_not_listed_twice() {
    let mut app = loaded(80, 24, ghosts(1, 100), 250);
    let (req2, _, _) = only_fetch(&send(&mut app, [ch('G')]));
    // Something was inserted on the server: page 2 starts with page 1's last ghost.
    send(
        &mut app,
        [page_answer(req2, page(ghosts(100, 100), 2, 251))],
    );
    assert_eq!(app.list.ghosts.len(), 199);
}

#[test]
fn an_answer_for_an_older_query_is_dropped() {
    let mut app = new_app(80, 24);
    let (old, _, _) = only_fetch(&update(&mut app, Msg::Start));
    let generation = app.list.generation;
    let (new, page_no, _) = only_fetch(&send(&mut app, [ch('o')]));
    assert_eq!(page_no, 1);
    assert!(app.list.generation > generation);
    send(&mut app, [page_answer(old, page(ghosts(1, 10), 1, 10))]);
    assert!(app.list.ghosts.is_empty(), "the old query's page was taken");
    assert!(app.is_loading());
    send(&mut app, [page_answer(new, page(ghosts(50, 3), 1, 3))]);
    assert_eq!(app.list.ghosts[0].id, 50);
    assert!(!app.is_loading());
}

#[test]
fn typing_a_word_costs_one_request_when_the_last_debounce_fires() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    let effects = send(
        &mut app,
        [ch('/'), ch('a'), ch('b'), ch('c'), ch('d'), ch('e')],
    );
    let debounces: Vec<u64> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::StartDebounce { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(debounces.len(), 5);
    assert!(fetches(&effects).is_empty(), "typing fetched: {effects:?}");
    let (earlier, last) = debounces.split_at(4);
    let stale = send(
        &mut app,
        earlier.iter().map(|&id| Msg::DebounceElapsed { id }),
    );
    assert!(
        stale.is_empty(),
        "an earlier debounce fired a fetch: {stale:?}"
    );
    let (_, page_no, search) = only_fetch(&send(&mut app, [Msg::DebounceElapsed { id: last[0] }]));
    assert_eq!((page_no, search.as_str()), (1, "abcde"));
    assert!(app.search.open, "the search line stays open while typing");
}

#[test]
fn an_older_search_answer_never_replaces_a_newer_one() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(&mut app, [ch('/'), ch('a'), ch('b')]);
    let id = app.search.debounce_id;
    let (older, _, search) = only_fetch(&send(&mut app, [Msg::DebounceElapsed { id }]));
    assert_eq!(search, "ab");
    send(&mut app, [ch('c')]);
    let id = app.search.debounce_id;
    let (newer, _, search) = only_fetch(&send(&mut app, [Msg::DebounceElapsed { id }]));
    assert_eq!(search, "abc");
    send(&mut app, [page_answer(newer, page(ghosts(300, 2), 1, 2))]);
    send(&mut app, [page_answer(older, page(ghosts(200, 9), 1, 9))]);
    assert_eq!(app.list.total, Some(2));
    assert_eq!(app.list.ghosts[0].id, 300);
}

#[test]
fn enter_keeps_the_search_and_sends_it_without_waiting() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(&mut app, [ch('/'), ch('x'), ch('y')]);
    let pending = app.search.debounce_id;
    let (_, _, search) = only_fetch(&send(&mut app, [key(KeyCode::Enter)]));
    assert_eq!(search, "xy");
    assert!(!app.search.open);
    assert_eq!(app.filter.search, "xy");
    // The timer that was running when Enter was pressed fires late: nothing.
    assert!(send(&mut app, [Msg::DebounceElapsed { id: pending }]).is_empty());
    // Keys act on the list again.
    send(&mut app, [ch('j')]);
    assert_eq!(app.search.input.value(), "xy");
}

#[test]
fn esc_clears_the_search_and_reloads_the_unfiltered_list() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    let (req, _, _) = only_fetch(&send(&mut app, [ch('/'), ch('x'), key(KeyCode::Enter)]));
    assert_eq!(app.filter.search, "x");
    send(&mut app, [page_answer(req, page(ghosts(1, 1), 1, 1))]);
    // Esc in the list clears the search in force.
    let (req, _, search) = only_fetch(&send(&mut app, [key(KeyCode::Esc)]));
    assert_eq!(search, "");
    send(&mut app, [page_answer(req, page(ghosts(1, 5), 1, 5))]);
    assert_eq!(app.search.input.value(), "");
    // Esc in the search line clears it too, before or after the debounce.
    send(&mut app, [ch('/'), ch('z')]);
    let id = app.search.debounce_id;
    let (req, _, _) = only_fetch(&send(&mut app, [Msg::DebounceElapsed { id }]));
    send(&mut app, [page_answer(req, page(Vec::new(), 1, 0))]);
    let (_, _, search) = only_fetch(&send(&mut app, [key(KeyCode::Esc)]));
    assert_eq!(search, "");
    assert!(!app.search.open);
    // Esc with no search in force costs nothing.
    send(&mut app, [ch('/'), ch('q')]);
    assert!(fetches(&send(&mut app, [key(KeyCode::Esc)])).is_empty());
    assert!(fetches(&send(&mut app, [key(KeyCode::Esc)])).is_empty());
    assert!(!app.quit, "q typed in the search line must not quit");
}

#[test]
fn a_paste_is_text_never_keys() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    // Outside the search line a paste does nothing (its 'q' does not quit).
    assert!(send(&mut app, [Msg::Paste("q\n".into())]).is_empty());
    assert!(!app.quit);
    send(&mut app, [ch('/')]);
    let effects = send(
        &mut app,
        [Msg::Paste("senior\r\ndesigner\tq\u{1b}\n".into())],
    );
    assert_eq!(app.search.input.value(), "senior designer q ");
    assert!(app.search.open, "a pasted newline must not act as Enter");
    assert!(!app.quit);
    assert_eq!(
        effects.len(),
        1,
        "one debounce for the whole paste: {effects:?}"
    );
}

#[test]
fn sort_and_embodied_toggles_restart_from_page_one_and_keep_the_cursor() {
    let mut app = loaded(80, 24, ghosts(1, 100), 250);
    send(&mut app, [ch('j'), ch('j'), ch('j')]);
    let on = app.selected().map(|g| g.id);
    assert_eq!(on, Some(4));
    let (req, page_no, _) = only_fetch(&send(&mut app, [ch('o')]));
    assert_eq!(page_no, 1);
    assert_eq!(app.filter.order, SortOrder::NameDesc);
    // The ghost is still in the new page 1, elsewhere: the cursor follows it.
    let mut reversed = ghosts(1, 100);
    reversed.reverse();
    send(&mut app, [page_answer(req, page(reversed, 1, 250))]);
    assert_eq!(app.selected().map(|g| g.id), Some(4));
    assert_eq!(app.cursor, 96);
    // Including embodied ghosts: the ghost is not in page 1 any more: top.
    let effects = send(&mut app, [ch('i')]);
    let (req, page_no, _) = only_fetch(&effects);
    assert_eq!(page_no, 1);
    match &effects[0] {
        Effect::FetchPage { query, .. } => {
            assert!(query.filter.include_embodied);
            assert_eq!(query.filter.order, SortOrder::NameDesc);
        }
        other => panic!("{other:?}"),
    }
    send(
        &mut app,
        [page_answer(req, page(ghosts(1000, 100), 1, 400))],
    );
    assert_eq!(app.cursor, 0);
    assert_eq!(app.list.pages_loaded, 1);
}

#[test]
fn reload_restarts_from_page_one() {
    let mut app = loaded(80, 24, ghosts(1, 100), 250);
    let (req2, _, _) = only_fetch(&send(&mut app, [ch('G')]));
    send(&mut app, [page_answer(req2, page_page(2))]);
    let (req, page_no, _) = only_fetch(&send(&mut app, [ch('g'), ch('r')]));
    assert_eq!(page_no, 1);
    // A second r while page 1 is on its way does not spend another request.
    assert!(fetches(&send(&mut app, [ch('r')])).is_empty());
    send(&mut app, [page_answer(req, page_page(1))]);
    assert_eq!(app.list.ghosts.len(), 100);
    assert_eq!(app.list.pages_loaded, 1);
}

#[test]
fn a_failed_page_keeps_what_is_loaded_and_r_retries_it() {
    let mut app = loaded(80, 24, ghosts(1, 100), 250);
    let (req2, _, _) = only_fetch(&send(&mut app, [ch('G')]));
    send(&mut app, [page_failure(req2, server_error())]);
    assert_eq!(app.list.ghosts.len(), 100);
    assert_eq!(app.cursor, 99);
    let err = app.status.last_error.as_ref().expect("the error is kept");
    assert_eq!(err.trace_id(), Some("trace-42"));
    assert_eq!(app.status.quota.and_then(|q| q.remaining), Some(12));
    // No automatic retry loop spending the quota.
    assert!(fetches(&send(&mut app, [ch('k'), ch('j'), ch('G')])).is_empty());
    let (retry, page_no, _) = only_fetch(&send(&mut app, [ch('r')]));
    assert_eq!(page_no, 2);
    send(&mut app, [page_answer(retry, page_page(2))]);
    assert_eq!(app.list.ghosts.len(), 200);
    assert!(app.status.last_error.is_none());
}

#[test]
fn a_failed_reload_keeps_the_old_list() {
    let mut app = loaded(80, 24, ghosts(1, 20), 20);
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    send(&mut app, [page_failure(req, server_error())]);
    assert_eq!(app.list.ghosts.len(), 20);
    assert!(app.status.last_error.is_some());
    let (_, page_no, _) = only_fetch(&send(&mut app, [ch('r')]));
    assert_eq!(page_no, 1);
}

#[test]
fn cursor_stays_in_bounds() {
    let mut app = loaded(80, 24, ghosts(1, 50), 50);
    send(&mut app, [ch('k'), key(KeyCode::PageUp), ch('g')]);
    assert_eq!(app.cursor, 0);
    send(&mut app, [key(KeyCode::PageDown)]);
    assert_eq!(app.cursor, 19, "one screen is 19 rows at 80x24");
    send(
        &mut app,
        [ch('G'), ch('j'), key(KeyCode::PageDown), key(KeyCode::Down)],
    );
    assert_eq!(app.cursor, 49);
    send(&mut app, [key(KeyCode::PageUp)]);
    assert_eq!(app.cursor, 30);
    assert!(app.offset <= app.cursor && app.cursor < app.offset + 19);
    // A shrinking terminal keeps the cursor on screen.
    send(&mut app, [ch('G'), Msg::Resize(80, 12)]);
    assert!(
        app.offset <= 49 && 49 < app.offset + 7,
        "offset {}",
        app.offset
    );
}

#[test]
fn an_empty_list_survives_every_move() {
    let mut app = loaded(80, 24, Vec::new(), 0);
    let effects = send(
        &mut app,
        [
            ch('j'),
            ch('k'),
            ch('g'),
            ch('G'),
            key(KeyCode::PageUp),
            key(KeyCode::PageDown),
            key(KeyCode::Enter),
        ],
    );
    assert!(fetches(&effects).is_empty());
    assert_eq!(app.cursor, 0);
    assert_eq!(app.focus, Focus::List, "no detail for nothing");
    assert!(app.selected().is_none());
}

#[test]
fn enter_opens_the_detail_and_esc_goes_back() {
    // Small enough that the detail needs scrolling.
    let mut app = loaded(80, 12, world_ghosts(), 6);
    send(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(app.focus, Focus::Detail);
    // j scrolls the detail, not the list.
    send(&mut app, [ch('j'), ch('j')]);
    assert_eq!(app.cursor, 0);
    assert_eq!(app.detail_scroll, 2);
    send(&mut app, [ch('G')]);
    let bottom = app.detail_scroll;
    send(&mut app, [ch('j')]);
    assert_eq!(app.detail_scroll, bottom, "scrolling stops at the end");
    send(&mut app, [key(KeyCode::Esc)]);
    assert_eq!(app.focus, Focus::List);
    send(&mut app, [key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn a_toast_says_what_mark_all_did_and_goes_away_on_its_own() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    let effects = send(&mut app, [ch('*')]);
    assert!(effects.is_empty(), "{effects:?}");
    let toast = app.toast.as_ref().expect("a toast");
    assert_eq!(toast.text, "6 marked");
    send(&mut app, [Msg::Tick(NOW + time::Duration::seconds(10))]);
    assert!(app.toast.is_none());
}

#[test]
fn key_releases_are_ignored_and_quit_quits() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    assert!(send(&mut app, [release('q'), release('j')]).is_empty());
    assert_eq!(app.cursor, 0);
    assert!(!app.quit);
    assert_eq!(send(&mut app, [ch('q')]), vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn help_takes_the_keyboard_until_closed() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(&mut app, [ch('?'), ch('j')]);
    assert!(app.help_open);
    assert_eq!(app.cursor, 0);
    send(&mut app, [ch('q')]);
    assert!(!app.help_open);
    assert!(!app.quit, "q closes help first");
}

#[test]
fn paging_follows_total_even_when_the_server_pages_by_fewer_rows() {
    // A server that caps pages at 50 rows although 100 were asked.
    let mut app = loaded(80, 24, ghosts(1, 50), 120);
    let (req2, page_no, _) = only_fetch(&send(&mut app, [ch('G')]));
    assert_eq!(page_no, 2);
    send(&mut app, [page_answer(req2, page(ghosts(51, 50), 2, 120))]);
    let (req3, page_no, _) = only_fetch(&send(&mut app, [ch('G')]));
    assert_eq!(page_no, 3);
    send(&mut app, [page_answer(req3, page(ghosts(101, 20), 3, 120))]);
    assert_eq!(app.list.ghosts.len(), 120);
    assert!(
        fetches(&send(&mut app, [ch('G')])).is_empty(),
        "all 120 are loaded"
    );
}

#[test]
fn an_empty_page_ends_paging_even_if_total_promised_more() {
    let mut app = loaded(80, 24, ghosts(1, 100), 150);
    let (req2, _, _) = only_fetch(&send(&mut app, [ch('G')]));
    // Ghosts were deleted meanwhile: page 2 is past the end.
    send(&mut app, [page_answer(req2, page(Vec::new(), 2, 100))]);
    assert!(fetches(&send(&mut app, [ch('k'), ch('G')])).is_empty());
}

/// Found by a fresh-user trial: after `o` whose page 1 failed, the header said Z→A over
/// the A→Z list. A new query that fails now shows nothing (and `r` retries it); a
/// failed reload of the same query keeps what is shown, which still matches it.
#[test]
fn a_failed_new_query_leaves_no_old_ghosts_under_its_header() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    let (req, page, _) = only_fetch(&send(&mut app, [ch('r')]));
    assert_eq!(page, 1);
    send(&mut app, [page_failure(req, server_error())]);
    assert_eq!(
        app.list.ghosts.len(),
        6,
        "same query: what is shown still fits it"
    );

    let (req, _, _) = only_fetch(&send(&mut app, [ch('o')]));
    send(&mut app, [page_failure(req, server_error())]);
    assert_eq!(app.filter.order, SortOrder::NameDesc);
    assert!(
        app.list.ghosts.is_empty(),
        "no A→Z ghosts under a Z→A header"
    );
    assert_eq!(app.list.total, None);
    let (_, page, _) = only_fetch(&send(&mut app, [ch('r')]));
    assert_eq!(page, 1, "r retries the new query");
}

/// While the terminal is too small to show the app, keys act on nothing the user can
/// see: `d` `y` deletes nothing, `n` opens nothing; Ctrl-C still quits.
#[test]
fn keys_are_ignored_while_the_terminal_is_too_small() {
    let mut app = loaded(36, 8, ghosts(1, 5), 5);
    for msg in [ch('d'), ch('y'), ch('n'), key(KeyCode::Enter), ch('q')] {
        assert!(send(&mut app, [msg]).is_empty());
    }
    assert!(app.modal.is_none());
    assert!(!app.quit);
    assert_eq!(send(&mut app, [ctrl('c')]), vec![Effect::Quit]);
    // Large enough again, keys work.
    let mut app = loaded(36, 8, ghosts(1, 5), 5);
    send(&mut app, [Msg::Resize(80, 24), ch('d')]);
    assert!(app.modal.is_some());
}

/// A search longer than the longest name is cut to it, with a word why (a huge paste
/// once made an address too long to send, reported as a network error).
#[test]
fn a_huge_search_is_cut_to_the_longest_name() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(&mut app, [ch('/'), Msg::Paste("設計".repeat(2_000))]);
    assert_eq!(app.search.input.value().chars().count(), 255);
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(toast.contains("255 characters"), "{toast}");
    // Typing past it changes nothing more.
    send(&mut app, [ch('x')]);
    assert_eq!(app.search.input.value().chars().count(), 255);
}

/// A refused key or workspace is not something `r` can fix: the error says what can.
#[test]
fn credentials_errors_say_what_to_fix_not_r_retries() {
    for (status, says) in [(401, "check the API key"), (403, "check the organization")] {
        let mut app = ghosts::tui::App::new(
            time::OffsetDateTime::UNIX_EPOCH,
            time::UtcOffset::UTC,
            false,
            (80, 24),
        );
        let (req, _, _) = only_fetch(&send(&mut app, [Msg::Start]));
        send(&mut app, [page_failure(req, status_error(status, "no"))]);
        let text = app.error_text().unwrap_or_default();
        assert!(text.contains(says), "{text}");
        assert!(!text.contains("r retries"), "{text}");
    }
}
