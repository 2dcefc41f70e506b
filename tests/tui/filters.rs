//! The filter panel through `update`, its chips on screen, and its snapshots.

use crossterm::event::KeyCode;
use ghosts::api::GhostFilter;
use ghosts::tui::App;
use ghosts::tui::app::Modal;
use ghosts::tui::filters::FilterPanel;
use ghosts::tui::msg::{Effect, ReqId};

use crate::fixtures::*;
use crate::render::screen;

/// The one page fetch among `effects`, with its filter.
fn filter_fetch(effects: &[Effect]) -> (ReqId, GhostFilter) {
    let all: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchPage { req_id, query } => {
                assert_eq!(query.page, 1, "a new filter starts at page 1");
                Some((*req_id, query.filter.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(all.len(), 1, "expected exactly one fetch in {effects:?}");
    all[0].clone()
}

fn panel(app: &App) -> &FilterPanel {
    match &app.modal {
        Some(Modal::Filters(panel)) => panel,
        other => panic!("no filter panel: {other:?}"),
    }
}

fn tab() -> ghosts::tui::Msg {
    key(KeyCode::Tab)
}

/// Opens the panel and picks, in the projects picker, the entries at `rows`.
fn pick_projects(app: &mut App, rows: &[usize]) -> Vec<Effect> {
    let mut fx = send(app, [ch('f'), key(KeyCode::Enter)]);
    answer_lookups(app, &fx);
    for (i, &row) in rows.iter().enumerate() {
        let down = row - if i == 0 { 0 } else { rows[i - 1] };
        fx.extend(send(app, std::iter::repeat_n(key(KeyCode::Down), down)));
        fx.extend(send(app, [ch(' ')]));
    }
    fx.extend(send(app, [key(KeyCode::Enter)]));
    fx
}

#[test]
fn projects_picked_by_name_filter_the_list_with_one_fetch() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    let generation = app.list.generation;
    let fx = pick_projects(&mut app, &[1, 2]);
    assert_eq!(fetches(&fx).len(), 0, "picking costs no page fetch");
    assert_eq!(lookup_fetches(&fx).len(), 1, "the projects look-up, once");
    assert_eq!(
        panel(&app)
            .lists
            .get(ghosts::tui::lookups::LookupKind::Projects),
        [12, 14]
    );
    let fx = send(&mut app, [ctrl('s')]);
    let (req, filter) = filter_fetch(&fx);
    assert!(app.modal.is_none());
    assert_eq!(filter.project_ids, vec![12, 14]);
    // The request log shows the filter as sent.
    let line = fx.iter().map(Effect::request_line).collect::<String>();
    assert!(line.contains("&project_ids=12,14"), "{line}");
    assert!(filter.task_ids.is_empty() && filter.ghost_ids.is_empty());
    assert_eq!(app.filter, filter);
    assert_eq!(app.list.generation, generation + 1);
    send(
        &mut app,
        [page_answer(req, page(world_ghosts()[..1].to_vec(), 1, 1))],
    );
    assert_eq!(app.list.total, Some(1));
    // A second look at the panel asks for no look-up again.
    let fx = send(&mut app, [ch('f'), key(KeyCode::Enter)]);
    assert!(lookup_fetches(&fx).is_empty());
}

#[test]
fn tasks_teams_ids_and_embodied_each_build_their_filter() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    // Tasks: second field (the picker lists by name).
    let mut fx = send(&mut app, [ch('f'), tab(), key(KeyCode::Enter)]);
    answer_lookups(&mut app, &fx);
    fx = send(&mut app, [ch(' '), key(KeyCode::Enter)]);
    // Teams: third field, second entry.
    fx.extend(send(&mut app, [tab(), key(KeyCode::Enter)]));
    answer_lookups(&mut app, &fx);
    send(&mut app, [key(KeyCode::Down), ch(' '), key(KeyCode::Enter)]);
    // Ghost ids, typed; then embodied switched on.
    send(&mut app, [tab()]);
    send(&mut app, typed("4107, 4111"));
    send(&mut app, [tab(), key(KeyCode::Enter)]);
    let (_, filter) = filter_fetch(&send(&mut app, [ctrl('s')]));
    assert_eq!(
        filter,
        GhostFilter {
            task_ids: vec![310],
            team_ids: vec![3],
            ghost_ids: vec![4107, 4111],
            include_embodied: true,
            ..GhostFilter::default()
        }
    );
}

#[test]
fn typed_ids_that_are_not_ids_are_refused_with_a_message_and_no_request() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    send(&mut app, [ch('f'), tab(), tab(), tab()]);
    let mut fx = send(&mut app, typed("12, x7"));
    fx.extend(send(&mut app, [ctrl('s')]));
    assert!(
        fx.is_empty(),
        "typing and a refused apply cost nothing: {fx:?}"
    );
    let error = panel(&app).error.clone().expect("a reason");
    assert!(error.contains("“x7”"), "{error}");
    send(&mut app, [key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert!(panel(&app).error.is_none(), "editing clears the reason");
    let (_, filter) = filter_fetch(&send(&mut app, [key(KeyCode::Enter)]));
    assert_eq!(filter.ghost_ids, vec![12]);
}

#[test]
fn filters_combine_with_search_and_an_unchanged_apply_costs_nothing() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    let mut fx = send(&mut app, [ch('/')]);
    fx.extend(send(&mut app, typed("de")));
    fx.extend(send(&mut app, [key(KeyCode::Enter)]));
    let (req, _, _) = fetches(&fx).pop().expect("the search's fetch");
    send(&mut app, [page_answer(req, page(world_ghosts(), 1, 6))]);
    pick_projects(&mut app, &[3]);
    let (req, filter) = filter_fetch(&send(&mut app, [ctrl('s')]));
    assert_eq!(filter.search, "de");
    assert_eq!(filter.project_ids, vec![20]);
    // (Esc would stop waiting for the page while it is on its way.)
    send(&mut app, [page_answer(req, page(vec![], 1, 0))]);
    // Opening and applying again without a change sends nothing.
    assert!(send(&mut app, [ch('f'), ctrl('s')]).is_empty());
    assert!(send(&mut app, [ch('f'), key(KeyCode::Esc)]).is_empty());
    assert!(app.modal.is_none());
}

#[test]
fn chips_show_the_filters_and_go_one_by_one_or_all_at_once() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    pick_projects(&mut app, &[1]);
    send(&mut app, [tab(), tab(), tab()]);
    send(&mut app, typed("4107"));
    filter_fetch(&send(&mut app, [ctrl('s')]));
    let text = screen(&app);
    assert!(
        text.contains("Filters: project: Rebrand × ghost: #4107 ×"),
        "{text}"
    );
    // Ctrl-D on the projects field drops that chip only.
    send(&mut app, [ch('f'), ctrl('d')]);
    let (_, filter) = filter_fetch(&send(&mut app, [ctrl('s')]));
    assert!(filter.project_ids.is_empty());
    assert_eq!(filter.ghost_ids, vec![4107]);
    assert!(!screen(&app).contains("project: Rebrand"));
    // F drops the rest, with one fetch; a second F has nothing to drop.
    let (_, filter) = filter_fetch(&send(&mut app, [ch('F')]));
    assert_eq!(filter, GhostFilter::default());
    assert!(!screen(&app).contains("Filters:"));
    assert!(send(&mut app, [ch('F')]).is_empty());
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("No filters"))
    );
}

#[test]
fn marks_survive_a_filter() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    send(&mut app, [ch(' '), ch(' ')]);
    pick_projects(&mut app, &[3]);
    let (req, _) = filter_fetch(&send(&mut app, [ctrl('s')]));
    send(&mut app, [page_answer(req, page(vec![], 1, 0))]);
    assert_eq!(app.marks.len(), 2);
    assert!(screen(&app).contains("2 marked"));
}

#[test]
fn filter_panel_snapshots() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = loaded(w, h, world_ghosts(), 6);
        pick_projects(&mut app, &[1, 2]);
        send(&mut app, [tab(), tab(), tab()]);
        send(&mut app, typed("4107, nope"));
        send(&mut app, [ctrl('s')]);
        insta::assert_snapshot!(format!("filter_panel_{w}x{h}"), screen(&app));
        send(&mut app, [ctrl('u')]);
        send(&mut app, typed("4107"));
        let (req, _) = filter_fetch(&send(&mut app, [ctrl('s')]));
        send(
            &mut app,
            [page_answer(req, page(world_ghosts()[..1].to_vec(), 1, 1))],
        );
        insta::assert_snapshot!(format!("filter_chips_{w}x{h}"), screen(&app));
    }
}

#[test]
fn a_failed_lookup_closes_the_picker_and_says_so() {
    let mut app = loaded(80, 24, world_ghosts(), 6);
    let fx = send(&mut app, [ch('f'), key(KeyCode::Enter)]);
    let [(req_id, _)] = lookup_fetches(&fx)[..] else {
        panic!("one look-up: {fx:?}");
    };
    let answer = ghosts::tui::Msg::Api {
        req_id,
        result: ghosts::tui::msg::ApiResult::Lookup(Err(server_error())),
    };
    assert!(send(&mut app, [answer]).is_empty());
    let panel = panel(&app);
    assert!(panel.picker.is_none());
    let error = panel.error.as_deref().unwrap_or_default();
    assert!(error.starts_with("projects could not be loaded"), "{error}");
    // The ghost ids still work; reopening the panel asks for the projects again.
    send(&mut app, [key(KeyCode::Esc)]);
    let fx = send(&mut app, [ch('f'), key(KeyCode::Enter)]);
    assert_eq!(lookup_fetches(&fx).len(), 1);
}
