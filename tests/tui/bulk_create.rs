//! Bulk create through `update` (template numbering on the server's numbers, pasted
//! lists, chunks, failures, retry, stale answers), and its snapshots.

use crossterm::event::KeyCode;
use ghosts::api::{ApiError, Ghost, GhostPage, ListQuery, NewGhost, Reply};
use ghosts::tui::App;
use ghosts::tui::app::Modal;
use ghosts::tui::bulk_create::{BulkCreate, CreatePhase, Created, NameList};
use ghosts::tui::journal::{self, Entry};
use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};

use crate::fixtures::*;
use crate::render::screen;

fn bulk(app: &App) -> &BulkCreate {
    match &app.modal {
        Some(Modal::Create(bulk)) => bulk,
        other => panic!("no bulk create: {other:?}"),
    }
}

fn checks(effects: &[Effect]) -> Vec<(ReqId, ListQuery)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::CheckNumbers { req_id, query } => Some((*req_id, query.clone())),
            _ => None,
        })
        .collect()
}

fn the_check(effects: &[Effect]) -> (ReqId, ListQuery) {
    let all = checks(effects);
    assert_eq!(all.len(), 1, "one check: {effects:?}");
    all[0].clone()
}

fn the_chunk(effects: &[Effect]) -> (ReqId, Vec<NewGhost>) {
    let all: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::BulkCreate { req_id, ghosts } => Some((*req_id, ghosts.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(all.len(), 1, "one chunk at a time: {effects:?}");
    all[0].clone()
}

fn no_chunk(effects: &[Effect]) -> bool {
    !effects
        .iter()
        .any(|e| matches!(e, Effect::BulkCreate { .. }))
}

fn journal_of(effects: &[Effect]) -> Vec<Entry> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Journal { entry, .. } => Some(entry.clone()),
            _ => None,
        })
        .collect()
}

fn found(req_id: ReqId, reply: Reply<GhostPage>) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::Found(Ok(reply)),
    }
}

fn created(req_id: ReqId, result: Result<Vec<Ghost>, ApiError>) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::Created(Box::new(result.map(reply))),
    }
}

/// The server's answer to a chunk: its ghosts, with ids from `first_id`.
fn stored(chunk: &[NewGhost], first_id: i64) -> Vec<Ghost> {
    chunk
        .iter()
        .zip(first_id..)
        .map(|(g, id)| ghost(id, &g.name))
        .collect()
}

fn names(chunk: &[NewGhost]) -> Vec<String> {
    chunk.iter().map(|g| g.name.clone()).collect()
}

/// An app with ghosts 1..=8 loaded and a journal path (effects are only data here).
fn app(w: u16, h: u16) -> App {
    let mut app = loaded(w, h, ghosts(1, 8), 8);
    app.journal_path = Some("/nonexistent/journal.jsonl".into());
    app
}

/// `N`, a template and a count typed, Ctrl-S.
fn from_template(app: &mut App, template: &str, count: &str) -> Vec<Effect> {
    send(app, [ch('N'), key(KeyCode::Tab)]);
    send(app, typed(template));
    send(app, [key(KeyCode::Tab)]);
    send(app, typed(count));
    send(app, [ctrl('s')])
}

/// `N`, the list pasted (it switches the dialog to a list), Ctrl-S.
fn from_list(app: &mut App, text: &str) -> Vec<Effect> {
    send(app, [ch('N'), Msg::Paste(text.into())]);
    send(app, [ctrl('s')])
}

fn preview_names(app: &App) -> Vec<String> {
    assert!(
        matches!(bulk(app).phase, CreatePhase::Preview { .. }),
        "{:?}",
        bulk(app).phase
    );
    bulk(app).items.iter().map(|i| i.name.clone()).collect()
}

#[test]
fn a_template_numbers_on_after_the_highest_number_on_the_server() {
    let mut app = app(80, 24);
    // Locally nothing of the template is loaded: only the server knows #3 and #120.
    let (req, query) = the_check(&from_template(&mut app, "Backend developer #{n}", "2"));
    assert_eq!(query.filter.search, "Backend developer #");
    assert!(
        query.filter.include_embodied,
        "embodied ghosts hold numbers too"
    );
    assert_eq!(query.page, 1);
    assert!(matches!(bulk(&app).phase, CreatePhase::Checking { .. }));
    assert!(
        screen(&app).contains("Checking the numbers in use"),
        "{}",
        screen(&app)
    );
    // Page 1 of 2: other names that only look alike do not count.
    let mut first = vec![
        ghost(50, "Backend developer #1"),
        ghost(51, "Backend developer #3"),
        ghost(52, "Backend developer #900 (old)"),
        ghost(53, "backend developer #800"),
        ghost(54, "Senior Backend developer #700"),
    ];
    first.extend(ghosts(100, 95));
    let (req, query) = the_check(&send(&mut app, [found(req, page(first, 1, 101))]));
    assert_eq!(query.page, 2, "every page is read");
    let shown = screen(&app);
    assert!(shown.contains("page 2 of 2"), "{shown}");
    // A stale answer (an old request) changes nothing.
    assert!(send(&mut app, [found(ReqId(1), page(vec![], 1, 0))]).is_empty());
    let last = vec![ghost(60, "Backend developer #120")];
    let fx = send(&mut app, [found(req, page(last, 2, 101))]);
    assert!(checks(&fx).is_empty(), "{fx:?}");
    assert_eq!(
        preview_names(&app),
        ["Backend developer #121", "Backend developer #122"]
    );
    assert_eq!(bulk(&app).after, Some(120));
}

#[test]
fn numbering_starts_after_three_and_the_check_can_fail_and_be_retried() {
    let mut app = app(80, 24);
    let (req, _) = the_check(&from_template(&mut app, "Designer #{n}", "3"));
    let fx = send(
        &mut app,
        [Msg::Api {
            req_id: req,
            result: ApiResult::Found(Err(server_error())),
        }],
    );
    assert!(fx.is_empty());
    let b = bulk(&app);
    assert!(matches!(b.phase, CreatePhase::Edit));
    assert!(
        b.draft
            .error
            .as_deref()
            .is_some_and(|e| e.contains("nothing was created")),
        "{:?}",
        b.draft.error
    );
    let (req, _) = the_check(&send(&mut app, [ctrl('s')]));
    let taken = vec![
        ghost(5, "Designer #1"),
        ghost(6, "Designer #2"),
        ghost(7, "Designer #3"),
    ];
    send(&mut app, [found(req, page(taken, 1, 3))]);
    assert_eq!(
        preview_names(&app),
        ["Designer #4", "Designer #5", "Designer #6"]
    );
}

#[test]
fn esc_while_checking_stops_waiting_and_the_late_answer_is_dropped() {
    let mut app = app(80, 24);
    let (req, _) = the_check(&from_template(&mut app, "Designer #{n}", "2"));
    let fx = send(&mut app, [key(KeyCode::Esc)]);
    assert!(fx.contains(&Effect::Cancel { req_id: req }), "{fx:?}");
    let b = bulk(&app);
    assert!(
        matches!(b.phase, CreatePhase::Edit),
        "the dialog stays open"
    );
    let error = b.draft.error.clone().expect("says why");
    assert!(
        error.contains("Ctrl-S checks again") && !error.contains("r tries"),
        "{error}"
    );
    // The answer arrives all the same: nobody waits for it.
    let late = vec![ghost(9, "Designer #9")];
    assert!(send(&mut app, [found(req, page(late, 1, 1))]).is_empty());
    assert!(matches!(bulk(&app).phase, CreatePhase::Edit));
    assert_eq!(bulk(&app).draft.template.value(), "Designer #{n}");
    // Typed over while checking: the answer does not number the new text.
    let (req, _) = the_check(&send(&mut app, [ctrl('s')]));
    send(&mut app, [key(KeyCode::BackTab), ch('X')]);
    assert!(send(&mut app, [found(req, page(vec![], 1, 0))]).is_empty());
    let b = bulk(&app);
    assert!(matches!(b.phase, CreatePhase::Edit), "{:?}", b.phase);
    assert!(
        b.draft
            .error
            .as_deref()
            .is_some_and(|e| e.contains("changed"))
    );
}

#[test]
fn template_and_count_errors_are_shown_and_nothing_is_sent() {
    let mut app = app(80, 24);
    let fx = from_template(&mut app, "No number here", "0");
    assert!(checks(&fx).is_empty(), "{fx:?}");
    let errors = &bulk(&app).draft.errors;
    assert!(
        errors
            .template
            .as_deref()
            .is_some_and(|e| e.contains("{n}"))
    );
    assert!(errors.count.is_some());
    let shown = screen(&app);
    assert!(shown.contains("Put {n} once"), "{shown}");
    // Esc on a changed dialog asks first; n keeps everything typed.
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(bulk(&app).draft.confirm_discard);
    send(&mut app, [ch('n')]);
    assert_eq!(bulk(&app).draft.template.value(), "No number here");
    send(&mut app, [key(KeyCode::Esc), ch('y')]);
    assert!(app.modal.is_none());
    // An untouched dialog closes at once.
    send(&mut app, [ch('N'), key(KeyCode::Esc)]);
    assert!(app.modal.is_none());
}

#[test]
fn a_pasted_list_skips_blanks_trims_flags_duplicates_and_refuses_long_names() {
    let list = NameList::parse("  Alpha  \n\n\t\nBeta\r\nAlpha\n");
    assert_eq!(list.names, ["Alpha", "Beta", "Alpha"]);
    assert_eq!(list.duplicates, ["Alpha"]);
    assert_eq!(list.problem(), None, "duplicates are only flagged");

    let mut app = app(80, 24);
    let long = "x".repeat(256);
    let fx = from_list(&mut app, &format!("Alpha\n\n{long}\nBeta\n"));
    assert!(fx.is_empty(), "{fx:?}");
    let error = bulk(&app).draft.errors.names.clone().expect("an error");
    assert!(error.contains("Line 3: 256 characters"), "{error}");
    // 255 is fine; blanks and spaces go; the duplicate is flagged on screen.
    send(&mut app, [ctrl('u')]);
    send(
        &mut app,
        [Msg::Paste(format!(" Alpha \n\n{}\nAlpha", "y".repeat(255)))],
    );
    let shown = screen(&app);
    assert!(shown.contains("3 names · given more than once"), "{shown}");
    let fx = send(&mut app, [ctrl('s')]);
    assert!(fx.is_empty(), "a list needs no check: {fx:?}");
    assert_eq!(
        preview_names(&app),
        ["Alpha", "y".repeat(255).as_str(), "Alpha"]
    );
    // Esc goes back to the dialog with everything kept.
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(bulk(&app).phase, CreatePhase::Edit));
    assert!(bulk(&app).draft.names.value().contains("Alpha"));
}

fn many(n: usize) -> String {
    (1..=n)
        // Before "Ghost 00001" and the rest: they all land above the cursor.
        .map(|i| format!("Agent {i:03}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn two_hundred_fifty_names_go_in_chunks_of_100_100_and_50() {
    let mut app = app(80, 24);
    send(&mut app, [ch('j'), ch('j')]);
    let on = app.selected().expect("a ghost").id;
    from_list(&mut app, &many(250));
    assert_eq!(bulk(&app).chunks(), 3);
    assert!(screen(&app).contains("3 requests"), "{}", screen(&app));
    // The names scroll: G shows the last at the bottom, and k moves off it at once.
    send(&mut app, [ch('G')]);
    assert!(screen(&app).contains("250. Agent 250"), "{}", screen(&app));
    send(&mut app, [ch('k')]);
    assert!(!screen(&app).contains("250. Agent 250"), "{}", screen(&app));
    assert!(screen(&app).contains("249. Agent 249"), "{}", screen(&app));
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(&journal_of(&fx)[..], [Entry::Start { kind, ghosts, .. }]
            if kind == "create" && ghosts.len() == 250 && ghosts.iter().all(|g| g.id.is_none())),
        "{fx:?}"
    );
    let mut sizes = Vec::new();
    let mut next_id = 1000;
    let (mut req, mut chunk) = the_chunk(&fx);
    loop {
        sizes.push(chunk.len());
        let ghosts = stored(&chunk, next_id);
        next_id += 1000;
        let fx = send(&mut app, [created(req, Ok(ghosts))]);
        assert!(
            matches!(journal_of(&fx).first(), Some(Entry::Chunk { outcome, ids, .. }) if outcome == "created" && ids.len() == chunk.len())
        );
        if no_chunk(&fx) {
            assert!(matches!(journal_of(&fx).last(), Some(Entry::End { .. })));
            break;
        }
        (req, chunk) = the_chunk(&fx);
    }
    assert_eq!(sizes, [100, 100, 50]);
    assert_eq!(bulk(&app).count(|o| matches!(o, Created::Created(_))), 250);
    assert!(matches!(bulk(&app).phase, CreatePhase::Done { .. }));
    assert_eq!(
        app.toast.as_ref().map(|t| t.text.as_str()),
        Some("Created 250 ghosts")
    );
    // In their sorted places, no reload; the cursor stays on its ghost.
    assert_eq!(app.list.total, Some(258));
    assert_eq!(app.selected().map(|g| g.id), Some(on));
    let names: Vec<&str> = app.list.ghosts.iter().map(|g| g.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
}

#[test]
fn a_failed_chunk_is_reported_and_retried_alone() {
    let mut app = app(80, 24);
    from_list(&mut app, &many(250));
    let (req, chunk) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    let (req, second) = the_chunk(&send(&mut app, [created(req, Ok(stored(&chunk, 1000)))]));
    // The second chunk is refused: none of it exists; the run goes on.
    let fx = send(
        &mut app,
        [created(req, Err(status_error(400, "item 7: bad team")))],
    );
    assert!(
        matches!(journal_of(&fx).first(), Some(Entry::Chunk { outcome, first: 100, count: 100, .. }) if outcome == "failed")
    );
    let (req, third) = the_chunk(&fx);
    assert_eq!(third.len(), 50);
    send(&mut app, [created(req, Ok(stored(&third, 3000)))]);
    let b = bulk(&app);
    assert_eq!(b.count(|o| matches!(o, Created::Created(_))), 150);
    assert!(matches!(&b.items[100].outcome, Created::Failed(why) if why.contains("bad team")));
    assert_eq!(app.list.total, Some(158));
    let shown = screen(&app);
    assert!(shown.contains("150 created · 100 failed"), "{shown}");
    // r: a new run of just those 100, journaled on its own.
    let fx = send(&mut app, [ch('r')]);
    assert!(matches!(&journal_of(&fx)[..], [Entry::Start { ghosts, .. }] if ghosts.len() == 100));
    let (req, again) = the_chunk(&fx);
    assert_eq!(names(&again), names(&second));
    let fx = send(&mut app, [created(req, Ok(stored(&again, 2000)))]);
    assert!(no_chunk(&fx));
    assert_eq!(bulk(&app).count(|o| matches!(o, Created::Created(_))), 100);
    assert_eq!(app.list.total, Some(258));
    send(&mut app, [key(KeyCode::Enter)]);
    assert!(app.modal.is_none());
}

#[test]
fn esc_stops_after_the_current_chunk_and_a_lost_answer_is_not_retried() {
    let mut app = app(80, 24);
    from_list(&mut app, &many(250));
    let (req, _) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    // Esc while a chunk is on its way: nothing cancelled, the run stops after it.
    let fx = send(&mut app, [key(KeyCode::Esc)]);
    assert!(fx.is_empty(), "{fx:?}");
    // A stale answer changes nothing.
    assert!(send(&mut app, [created(ReqId(1), Ok(vec![]))]).is_empty());
    let lost = ApiError::Timeout(std::time::Duration::from_secs(30));
    let fx = send(&mut app, [created(req, Err(lost))]);
    assert!(no_chunk(&fx));
    let b = bulk(&app);
    assert!(matches!(b.items[0].outcome, Created::Unknown(_)));
    assert_eq!(b.count(|o| *o == Created::NotAttempted), 150);
    // r retries only the 150 never sent: the lost chunk may exist.
    let (_, chunk) = the_chunk(&send(&mut app, [ch('r')]));
    assert_eq!(chunk[0].name, "Agent 101");
    assert_eq!(bulk(&app).items.len(), 150);
}

#[test]
fn everything_created_shares_the_description_and_assignments() {
    let mut app = app(80, 24);
    send(&mut app, [ch('N'), Msg::Paste("One\nTwo".into())]);
    // Names, then description, then the projects picker (the form's own).
    send(&mut app, [key(KeyCode::Tab)]);
    send(&mut app, typed("Shared"));
    let fx = send(&mut app, [key(KeyCode::Tab), key(KeyCode::Enter)]);
    answer_lookups(&mut app, &fx);
    send(&mut app, [ch(' '), key(KeyCode::Enter)]);
    let projects = bulk(&app)
        .draft
        .lists
        .get(ghosts::tui::lookups::LookupKind::Projects)
        .to_vec();
    assert_eq!(projects.len(), 1);
    send(&mut app, [ctrl('s')]);
    let (_, chunk) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    for ghost in &chunk {
        assert_eq!(ghost.description.as_deref(), Some("Shared"));
        assert_eq!(ghost.assign_projects.as_deref(), Some(&projects[..]));
    }
}

#[test]
fn ghosts_that_sort_past_the_loaded_pages_count_in_the_total_and_the_toast_says_so() {
    let mut app = loaded(80, 24, ghosts(1, 100), 150);
    send(&mut app, [ch('j')]);
    from_list(&mut app, "Aaa first\nZzz last");
    let (req, chunk) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    send(&mut app, [created(req, Ok(stored(&chunk, 500)))]);
    assert_eq!(app.list.total, Some(152));
    assert!(app.list.ids.contains(&500) && !app.list.ids.contains(&501));
    assert_eq!(
        app.selected().map(|g| g.id),
        Some(2),
        "the cursor stays on its ghost"
    );
    assert_eq!(
        app.toast.as_ref().map(|t| t.text.as_str()),
        Some("Created 2 ghosts (1 not in the loaded part of this list)")
    );
}

#[test]
fn an_interrupted_create_is_told_from_the_journal() {
    let lines = [
        Entry::Start {
            op: "c".into(),
            kind: "create".into(),
            ghosts: ["A", "B", "C"]
                .map(|n| journal::JournalGhost {
                    id: None,
                    name: n.into(),
                })
                .to_vec(),
        },
        Entry::Chunk {
            op: "c".into(),
            first: 0,
            count: 2,
            outcome: "created".into(),
            ids: vec![7, 8],
            reason: None,
        },
    ]
    .map(|e| serde_json::to_string(&e).expect("json"))
    .join("\n");
    let found = journal::recover(&lines).0.expect("never ended");
    assert_eq!(found.changed, ["A", "B"]);
    assert_eq!(found.not_attempted, ["C"]);
    assert_eq!(
        found.summary(),
        "An earlier bulk create was interrupted: 2 of 3 created, 1 not attempted: C"
    );
}

#[test]
fn bulk_create_snapshots() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut app = app(w, h);
        from_template(&mut app, "Backend developer #{n}", "x");
        insta::assert_snapshot!(format!("bulk_create_template_{w}x{h}"), screen(&app));
        send(&mut app, [key(KeyCode::Backspace), ch('3')]);
        let (req, _) = the_check(&send(&mut app, [ctrl('s')]));
        insta::assert_snapshot!(format!("bulk_create_checking_{w}x{h}"), screen(&app));
        let taken = vec![ghost(40, "Backend developer #3")];
        send(&mut app, [found(req, page(taken, 1, 1))]);
        insta::assert_snapshot!(format!("bulk_create_preview_{w}x{h}"), screen(&app));

        let mut app = self::app(w, h);
        send(
            &mut app,
            [ch('N'), Msg::Paste("Alpha\n\nBeta\nAlpha\nGamma".into())],
        );
        insta::assert_snapshot!(format!("bulk_create_list_{w}x{h}"), screen(&app));
        send(&mut app, [ctrl('s')]);
        let (req, _) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
        insta::assert_snapshot!(format!("bulk_create_running_{w}x{h}"), screen(&app));
        send(&mut app, [created(req, Err(server_error()))]);
        insta::assert_snapshot!(format!("bulk_create_results_{w}x{h}"), screen(&app));
    }
}
