//! The triage overview through `update` (cost asked first, pages one by one, counts,
//! failure and resume, cancel, stale answers, the kept result, Enter to the list) and
//! its snapshots.

use crossterm::event::KeyCode;
use ghosts::api::{Ghost, GhostFilter, Id, ProjectRef};
use ghosts::tui::App;
use ghosts::tui::app::Modal;
use ghosts::tui::filters::chips;
use ghosts::tui::msg::{Effect, ReqId};
use ghosts::tui::triage::{Overview, RunState};

use crate::fixtures::*;
use crate::render::screen;

fn project(id: Id, name: &str) -> ProjectRef {
    ProjectRef {
        id,
        name: name.into(),
        color: Some("#e36a00".into()),
        private: false,
    }
}

/// A ghost in `projects` and `teams`, created `day` days into 2025.
fn staffed(id: Id, projects: &[(Id, &str)], teams: &[Id], day: u32) -> Ghost {
    let mut g = ghost(id, &format!("Ghost {id:05}"));
    g.assigned.projects = projects.iter().map(|&(p, n)| project(p, n)).collect();
    g.assigned.team_ids = teams.to_vec();
    g.created_at = Some(format!("2025-01-{:02}T09:00:00Z", day.clamp(1, 28)));
    g
}

/// Page `n` (1..=3) of 250 open ghosts: ids 1..=250, in Rebrand (12) when even, also
/// in Mobile (21) when a multiple of 10, none when a multiple of 7; teams 3 when odd.
fn workspace_page(n: u32) -> Vec<Ghost> {
    let first = i64::from(n - 1) * 100 + 1;
    let last = (first + 99).min(250);
    (first..=last)
        .map(|id| {
            let mut projects = Vec::new();
            if id % 7 != 0 {
                if id % 2 == 0 {
                    projects.push((12, "Rebrand"));
                }
                if id % 10 == 0 {
                    projects.push((21, "Mobile app"));
                }
                if projects.is_empty() {
                    projects.push((14, "Website relaunch"));
                }
            }
            let teams: &[Id] = if id % 2 == 1 { &[3] } else { &[] };
            // 227..=250 are the oldest (one day), then 226, 225, ...
            let day = u32::try_from(28 - (id - 200).clamp(0, 27)).unwrap_or(1);
            staffed(id, &projects, teams, day)
        })
        .collect()
}

/// The page fetch among `effects` and its page, with no other fetch.
fn the_page(effects: &[Effect]) -> (ReqId, u32) {
    let (req, page, search) = only_fetch(effects);
    assert_eq!(search, "", "the overview ignores the search");
    (req, page)
}

/// The list loaded (250 open ghosts, first page), `T` pressed.
fn asked(w: u16, h: u16) -> App {
    let mut app = loaded(w, h, ghosts(1, 100), 250);
    let fx = send(&mut app, [ch('T')]);
    assert!(
        fx.is_empty(),
        "nothing is sent before the user agrees: {fx:?}"
    );
    app
}

/// `y`, then every page answered; the look-ups answered too.
fn counted(w: u16, h: u16) -> App {
    let mut app = asked(w, h);
    let fx = send(&mut app, [ch('y')]);
    answer_lookups(&mut app, &fx);
    let (mut req, mut page) = the_page(&fx);
    loop {
        let fx = send(&mut app, [page_answer(req, page_of(page))]);
        if fetches(&fx).is_empty() {
            break;
        }
        (req, page) = the_page(&fx);
    }
    app
}

/// Agreed, page 1 counted: the request for page 2.
fn at_page_two() -> (App, ReqId) {
    let mut app = asked(80, 24);
    let (req, _) = the_page(&send(&mut app, [ch('y')]));
    let (req, page) = the_page(&send(&mut app, [page_answer(req, page_of(1))]));
    assert_eq!(page, 2);
    (app, req)
}

fn page_of(n: u32) -> ghosts::api::Reply<ghosts::api::GhostPage> {
    page(workspace_page(n), n, 250)
}

fn result(app: &App) -> &Overview {
    app.triage.result.as_ref().expect("a finished count")
}

fn counts(rows: &[ghosts::tui::triage::CountRow]) -> Vec<(Option<Id>, u64)> {
    rows.iter().map(|r| (r.id, r.count)).collect()
}

fn toast(app: &App) -> String {
    app.visible_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_cost_is_asked_first_then_pages_go_one_by_one() {
    let mut app = asked(80, 24);
    assert!(matches!(app.modal, Some(Modal::Triage)));
    let confirm = app.confirm.as_ref().expect("the cost is asked");
    // Three pages of ghosts and the two look-ups for names.
    assert_eq!(confirm.requests, 5);
    assert!(confirm.what.contains("3 pages"), "{}", confirm.what);
    let fx = send(&mut app, [ch('y')]);
    let (req, page) = the_page(&fx);
    assert_eq!(page, 1);
    assert_eq!(lookup_fetches(&fx).len(), 2);
    match &fx[0] {
        Effect::FetchPage { query, .. } => {
            assert_eq!(query.filter, GhostFilter::default(), "every open ghost");
            assert_eq!(query.rows, 100);
        }
        other => panic!("{other:?}"),
    }
    let fx = send(&mut app, [page_answer(req, page_of(1))]);
    let (req, page) = the_page(&fx);
    assert_eq!(page, 2, "the next page only once the first is in");
    assert!(app.confirm.is_none(), "asked once for all pages");
    let fx = send(&mut app, [page_answer(req, page_of(2))]);
    let (req, page) = the_page(&fx);
    assert_eq!(page, 3);
    let fx = send(&mut app, [page_answer(req, page_of(3))]);
    assert!(fx.is_empty(), "done after the last page: {fx:?}");
    assert_eq!(result(&app).pages, 3);
    assert!(app.triage.run.is_none());
    // The list is untouched.
    assert_eq!(app.list.ghosts.len(), 100);
}

#[test]
fn counts_cover_no_project_multi_project_ghosts_teams_and_the_oldest() {
    let app = counted(80, 24);
    let r = result(&app);
    assert_eq!(r.ghosts, 250);
    // Multiples of 7: no project (35). Even and not of 7: Rebrand (125 - 17). Multiples
    // of 10 not of 7 are in Mobile as well (25 - 3). Odd, not of 7: Website (125 - 18).
    assert_eq!(
        counts(&r.projects),
        vec![(Some(12), 108), (Some(14), 107), (None, 35), (Some(21), 22)]
    );
    // "No team" after a named one of the same count.
    assert_eq!(counts(&r.teams), vec![(Some(3), 125), (None, 125)]);
    let oldest: Vec<Id> = r.oldest.iter().map(|g| g.id).collect();
    assert_eq!(oldest.len(), ghosts::tui::triage::OLDEST);
    assert_eq!(&oldest[..3], &[227, 228, 229], "oldest first, ties by id");
    assert!(oldest.iter().all(|&id| id >= 227));
}

#[test]
fn ghosts_met_twice_count_once_and_embodied_ones_not_at_all() {
    let (mut app, req) = at_page_two();
    // Page 2 shifted by one: ghost 100 again; and an embodied one slipped in.
    let mut shifted = workspace_page(2);
    shifted.insert(0, workspace_page(1).pop().expect("ghost 100"));
    shifted.pop();
    let mut embodied = staffed(999, &[(12, "Rebrand")], &[], 1);
    embodied.embodied_at = Some("2026-01-01T00:00:00Z".into());
    shifted.push(embodied);
    let fx = send(&mut app, [page_answer(req, page(shifted, 2, 250))]);
    let (req, _) = the_page(&fx);
    send(&mut app, [page_answer(req, page_of(3))]);
    // Ghost 200 was lost in the shift; 100 is not counted twice, 999 not at all.
    assert_eq!(result(&app).ghosts, 249);
}

#[test]
fn a_failed_page_stops_the_count_and_r_resumes_from_it() {
    let (mut app, req) = at_page_two();
    let fx = send(&mut app, [page_failure(req, server_error())]);
    assert!(fetches(&fx).is_empty(), "it stops: {fx:?}");
    let run = app.triage.run.as_ref().expect("stopped, kept");
    assert_eq!(run.page, 2);
    assert!(
        matches!(&run.state, RunState::Failed(why) if why.contains("503")),
        "{:?}",
        run.state
    );
    assert_eq!(run.tally.ghosts, 100, "page 1 stays counted");
    insta::assert_snapshot!("triage_failed_80x24", screen(&app));
    let fx = send(&mut app, [ch('r')]);
    let (req, page) = the_page(&fx);
    assert_eq!(page, 2, "resumes from the failed page, not from 1");
    let (req, _) = the_page(&send(&mut app, [page_answer(req, page_of(2))]));
    send(&mut app, [page_answer(req, page_of(3))]);
    let whole = counted(80, 24);
    assert_eq!(result(&app).projects, result(&whole).projects);
    assert_eq!(result(&app).ghosts, 250);
}

#[test]
fn esc_cancels_the_count_keeps_nothing_and_drops_its_late_answer() {
    let (mut app, req) = at_page_two();
    let fx = send(&mut app, [key(KeyCode::Esc)]);
    assert!(fx.contains(&Effect::Cancel { req_id: req }), "{fx:?}");
    assert!(app.triage.run.is_none() && app.triage.result.is_none());
    assert!(app.modal.is_none(), "nothing to show");
    assert!(
        toast(&app).contains("the 100 ghosts counted so far were dropped"),
        "{}",
        toast(&app)
    );
    // The answer still arriving is dropped, by the list too.
    let fx = send(&mut app, [page_answer(req, page_of(2))]);
    assert!(fx.is_empty());
    assert!(app.triage.result.is_none());
    assert_eq!(app.list.ghosts.len(), 100);
    // T asks again.
    assert!(send(&mut app, [ch('T')]).is_empty());
    assert!(app.confirm.is_some());
}

#[test]
fn declining_the_cost_sends_nothing_and_closes() {
    let mut app = asked(80, 24);
    let fx = send(&mut app, [ch('n')]);
    assert!(
        fetches(&fx).is_empty() && lookup_fetches(&fx).is_empty(),
        "{fx:?}"
    );
    assert!(app.modal.is_none() && app.triage.run.is_none());
}

#[test]
fn the_result_is_kept_and_reopens_without_requests_until_recounted() {
    let mut app = counted(80, 24);
    let before = result(&app).clone();
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(app.modal.is_none());
    let fx = send(&mut app, [ch('T')]);
    assert!(fx.is_empty() && app.confirm.is_none(), "{fx:?}");
    assert!(matches!(app.modal, Some(Modal::Triage)));
    assert!(screen(&app).contains("as of 13:00"), "{}", screen(&app));
    // r counts again, asking first (look-ups are loaded: only the pages).
    assert!(send(&mut app, [ch('r')]).is_empty());
    assert_eq!(app.confirm.as_ref().map(|c| c.requests), Some(3));
    let (old_req, _) = the_page(&send(&mut app, [ch('y')]));
    // Cancelled midway: the kept result stays and shows again.
    send(&mut app, [key(KeyCode::Esc)]);
    assert_eq!(result(&app), &before);
    assert!(matches!(app.modal, Some(Modal::Triage)));
    assert!(toast(&app).contains("as of 13:00 stays"), "{}", toast(&app));
    // A stale answer to the cancelled count changes nothing.
    assert!(send(&mut app, [page_answer(old_req, page_of(1))]).is_empty());
    assert_eq!(result(&app), &before);
}

#[test]
fn an_unknown_total_costs_one_page_then_asks_for_the_rest() {
    let mut app = loaded(80, 24, ghosts(1, 100), 250);
    app.filter.search = "zz".into();
    app.list.loaded_for = Some(app.filter.clone());
    assert!(send(&mut app, [ch('T')]).is_empty());
    let confirm = app.confirm.as_ref().expect("asked");
    assert_eq!(confirm.requests, 3);
    assert!(
        confirm.what.contains("1 request to count"),
        "{}",
        confirm.what
    );
    let (req, page) = the_page(&send(&mut app, [ch('y')]));
    assert_eq!(page, 1);
    let fx = send(&mut app, [page_answer(req, page_of(1))]);
    assert!(fetches(&fx).is_empty(), "the rest is asked first: {fx:?}");
    assert_eq!(app.confirm.as_ref().map(|c| c.requests), Some(2));
    // Declined: the count stops after page 1; r asks again rather than sending.
    assert!(fetches(&send(&mut app, [ch('n')])).is_empty());
    assert!(matches!(
        app.triage.run.as_ref().map(|r| &r.state),
        Some(RunState::Failed(_))
    ));
    assert!(send(&mut app, [ch('r')]).is_empty());
    assert_eq!(app.confirm.as_ref().map(|c| c.requests), Some(2));
    let (req, page) = the_page(&send(&mut app, [ch('y')]));
    assert_eq!(page, 2);
    // Agreed: page 3 follows without asking.
    let (_, page) = the_page(&send(&mut app, [page_answer(req, page_of(2))]));
    assert_eq!(page, 3);
    assert!(app.confirm.is_none());
}

#[test]
fn enter_on_a_project_or_team_shows_the_list_filtered_by_it() {
    let mut app = counted(80, 24);
    app.filter.search = "old".into();
    // The first project row: Rebrand (12).
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    let (_, page, search) = only_fetch(&fx);
    assert_eq!((page, search.as_str()), (1, ""), "search cleared, page 1");
    assert_eq!(app.filter.project_ids, vec![12]);
    assert!(app.modal.is_none());
    assert_eq!(chips(&app.filter, &app.lookups), vec!["project: Rebrand"]);
    assert!(toast(&app).contains("cleared"), "{}", toast(&app));
    // F clears it.
    let (_, page, _) = only_fetch(&send(&mut app, [ch('F')]));
    assert_eq!(page, 1);
    assert!(app.filter.project_ids.is_empty());
    // A team row; "no team" cannot be a filter and sends nothing.
    send(&mut app, [ch('T'), key(KeyCode::Tab), ch('j')]);
    assert!(send(&mut app, [key(KeyCode::Enter)]).is_empty());
    assert!(toast(&app).contains("without a team"));
    only_fetch(&send(&mut app, [ch('k'), key(KeyCode::Enter)]));
    assert_eq!(app.filter.team_ids, vec![3]);
    assert_eq!(chips(&app.filter, &app.lookups), vec!["team: 🎨 Design"]);
}

#[test]
fn enter_on_an_oldest_ghost_goes_to_it() {
    let mut app = counted(80, 24);
    send(&mut app, [key(KeyCode::BackTab)]);
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    only_fetch(&fx);
    assert_eq!(app.filter.ghost_ids, vec![227]);
    // One already listed: the cursor goes there, nothing is sent.
    let mut app = loaded(80, 24, workspace_page(3), 250);
    let mut fx = send(&mut app, [ch('T'), ch('y')]);
    answer_lookups(&mut app, &fx);
    for page in 1..=3 {
        let (req, _) = the_page(&fx);
        fx = send(&mut app, [page_answer(req, page_of(page))]);
    }
    let fx = send(
        &mut app,
        [key(KeyCode::BackTab), ch('j'), key(KeyCode::Enter)],
    );
    assert!(fetches(&fx).is_empty(), "{fx:?}");
    assert_eq!(app.selected().map(|g| g.id), Some(228));
}

#[test]
fn moving_stays_within_the_section() {
    let mut app = counted(80, 24);
    send(&mut app, [ch('G')]);
    assert_eq!(app.triage.cursor(), 3);
    send(&mut app, [ch('j'), key(KeyCode::PageDown)]);
    assert_eq!(app.triage.cursor(), 3);
    send(
        &mut app,
        [key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::PageDown)],
    );
    assert_eq!(app.triage.cursor(), 17, "a screen of the oldest at 80x24");
    send(&mut app, [ch('g')]);
    assert_eq!(app.triage.cursor(), 0);
}

#[test]
fn triage_snapshots() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut app = asked(w, h);
        let fx = send(&mut app, [ch('y')]);
        answer_lookups(&mut app, &fx);
        let (req, _) = the_page(&fx);
        send(&mut app, [page_answer(req, page_of(1))]);
        insta::assert_snapshot!(format!("triage_loading_{w}x{h}"), screen(&app));
        let mut app = counted(w, h);
        insta::assert_snapshot!(format!("triage_projects_{w}x{h}"), screen(&app));
        send(&mut app, [key(KeyCode::BackTab), ch('j')]);
        insta::assert_snapshot!(format!("triage_oldest_{w}x{h}"), screen(&app));
    }
}
