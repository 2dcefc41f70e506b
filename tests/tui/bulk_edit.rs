//! Bulk edit through `update` (form, preview, chunks, results, retry), and its
//! snapshots.

use crossterm::event::KeyCode;
use ghosts::api::{AssignAction, Ghost, GhostPatch, Id};
use ghosts::tui::App;
use ghosts::tui::app::Modal;
use ghosts::tui::bulk::{BulkEdit, EditPhase, Items, Outcome};
use ghosts::tui::journal::Entry;
use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};

use crate::bulk::journal;
use crate::fixtures::*;
use crate::render::screen;

/// `n` ghosts loaded, all marked (with `*`); ghost 2 is already in team 3.
fn marked_app(w: u16, h: u16, n: usize) -> App {
    let mut data = ghosts(1, n);
    data[1].assigned.team_ids = vec![3];
    data[0].assigned.projects = vec![ghosts::api::ProjectRef {
        id: 12,
        name: "Rebrand".into(),
        color: None,
        private: false,
    }];
    let total = u64::try_from(n).expect("small");
    let mut app = loaded(w, h, data, total);
    app.journal_path = Some("/nonexistent/journal.jsonl".into());
    send(&mut app, [ch('*')]);
    assert_eq!(app.marks.len(), n);
    // The "marked" toast gone, so the footer shows the keys.
    let later = app.now + time::Duration::seconds(5);
    send(&mut app, [Msg::Tick(later)]);
    app
}

fn bulk(app: &App) -> &BulkEdit {
    match &app.modal {
        Some(Modal::BulkEdit(bulk)) => bulk,
        other => panic!("no bulk edit: {other:?}"),
    }
}

/// `e`, then the team whose name has `name` picked; the form is left open.
fn team_picked(app: &mut App, name: &str) {
    send(app, [ch('e')]);
    assert!(matches!(bulk(app).phase, EditPhase::Form));
    let fx = send(
        app,
        [
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Enter),
        ],
    );
    answer_lookups(app, &fx);
    send(app, typed(name));
    send(app, [ch(' '), key(KeyCode::Enter)]);
}

fn chunks(effects: &[Effect]) -> Vec<(ReqId, Vec<GhostPatch>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::BulkUpdate { req_id, patches } => Some((*req_id, patches.clone())),
            _ => None,
        })
        .collect()
}

fn the_chunk(effects: &[Effect]) -> (ReqId, Vec<GhostPatch>) {
    let all = chunks(effects);
    assert_eq!(all.len(), 1, "one chunk at a time: {effects:?}");
    all[0].clone()
}

fn ids(patches: &[GhostPatch]) -> Vec<Id> {
    patches.iter().filter_map(|p| p.id).collect()
}

/// The server's answer: the ghosts as patched.
fn answered(app: &App, req_id: ReqId, patches: &[GhostPatch]) -> Msg {
    let ghosts: Vec<Ghost> = patches
        .iter()
        .map(|p| {
            let id = p.id.expect("an id");
            let mut g = app
                .marks
                .ghosts()
                .find(|g| g.id == id)
                .cloned()
                .expect("marked");
            for team in p.assign_teams.iter().flatten() {
                if !g.assigned.team_ids.contains(team) {
                    g.assigned.team_ids.push(*team);
                }
            }
            g
        })
        .collect();
    Msg::Api {
        req_id,
        result: ApiResult::BulkUpdated(Ok(reply(ghosts))),
    }
}

fn failed(req_id: ReqId) -> Msg {
    Msg::Api {
        req_id,
        result: ApiResult::BulkUpdated(Err(status_error(
            400,
            "item 3: there is no ghost 4 in this workspace",
        ))),
    }
}

fn outcomes(app: &App) -> Vec<Outcome> {
    bulk(app).items.iter().map(|i| i.outcome.clone()).collect()
}

#[test]
fn one_mark_edits_that_ghost_alone_and_several_open_the_bulk_form() {
    let mut app = loaded(80, 24, ghosts(1, 8), 8);
    send(&mut app, [ch('j'), ch('j'), ch(' '), ch('g')]);
    send(&mut app, [ch('e')]);
    assert_eq!(
        form(&app).editing.as_ref().map(|g| g.id),
        Some(3),
        "the marked ghost, not the cursor's"
    );
    send(&mut app, [key(KeyCode::Esc), ch(' ')]);
    assert_eq!(app.marks.len(), 2);
    send(&mut app, [ch('e')]);
    let form = &bulk(&app).form;
    assert!(
        form.bulk && form.action == AssignAction::Add,
        "add by default"
    );
}

#[test]
fn assigning_a_team_previews_before_and_after_and_sends_only_what_changes() {
    let mut app = marked_app(80, 24, 3);
    team_picked(&mut app, "Design");
    assert!(
        send(&mut app, [ctrl('s')]).is_empty(),
        "the preview sends nothing"
    );
    let preview = bulk(&app);
    assert!(matches!(preview.phase, EditPhase::Preview { .. }));
    assert_eq!(preview.targets.len(), 3);
    assert_eq!(preview.changing(), 2, "ghost 2 is in team 3 already");
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(&journal(&fx)[..], [Entry::Start { kind, ghosts, .. }] if kind == "update" && ghosts.len() == 2),
        "{fx:?}"
    );
    let (req, patches) = the_chunk(&fx);
    assert_eq!(ids(&patches), vec![1, 3]);
    assert!(patches.iter().all(|p| p.assign_teams == Some(vec![3])
        && p.assign_action == Some(AssignAction::Add)
        && p.description.is_none()
        && p.assign_projects.is_none()));
    let answer = answered(&app, req, &patches);
    let fx = send(&mut app, [answer]);
    assert!(chunks(&fx).is_empty());
    assert!(matches!(
        &journal(&fx)[..],
        [
            Entry::Result { id: 1, .. },
            Entry::Result { id: 3, .. },
            Entry::End { .. }
        ]
    ));
    assert!(matches!(bulk(&app).phase, EditPhase::Done));
    assert_eq!(outcomes(&app), vec![Outcome::Updated, Outcome::Updated]);
    // The list and the marks' snapshots follow the answer, with no reload.
    assert_eq!(app.list.ghosts[0].assigned.team_ids, vec![3]);
    assert!(app.marks.ghosts().all(|g| g.assigned.team_ids == vec![3]));
    assert!(fetches(&fx).is_empty());
}

#[test]
fn nothing_is_sent_when_nothing_would_change() {
    let mut app = marked_app(80, 24, 3);
    send(&mut app, [ch('e')]);
    // Nothing chosen at all: every ghost keeps what it has.
    send(&mut app, [ctrl('s')]);
    assert_eq!(bulk(&app).changing(), 0);
    // The footer does not offer Enter to send what is not there.
    let shown = crate::render::screen(&app);
    let footer = shown.lines().last().unwrap_or_default();
    assert!(!footer.contains("Enter send"), "{footer}");
    assert!(send(&mut app, [key(KeyCode::Enter)]).is_empty());
    assert!(
        app.visible_toast()
            .is_some_and(|t| t.text.contains("Nothing would change"))
    );
    // Esc goes back to the form, its choice kept.
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(bulk(&app).phase, EditPhase::Form));
}

#[test]
fn a_description_is_given_to_all_and_replace_sends_the_whole_list() {
    let mut app = marked_app(80, 24, 3);
    send(
        &mut app,
        [ch('e'), key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    assert_eq!(bulk(&app).form.action, AssignAction::Replace);
    // Projects: Mobile app (21); description typed.
    let fx = send(&mut app, [key(KeyCode::Tab), key(KeyCode::Enter)]);
    answer_lookups(&mut app, &fx);
    send(&mut app, typed("Mobile"));
    send(&mut app, [ch(' '), key(KeyCode::Enter)]);
    send(
        &mut app,
        [key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)],
    );
    send(&mut app, typed("Q3 hire"));
    send(&mut app, [ctrl('s')]);
    let (_, patches) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    assert_eq!(patches.len(), 3);
    assert!(patches.iter().all(|p| p.assign_projects == Some(vec![21])
        && p.assign_action == Some(AssignAction::Replace)
        && p.description.as_deref() == Some("Q3 hire")
        && p.assign_teams.is_none()));
}

#[test]
fn a_failed_chunk_keeps_the_rest_and_retry_sends_only_its_ghosts() {
    let mut app = marked_app(80, 24, 250);
    team_picked(&mut app, "Platform");
    send(&mut app, [ctrl('s')]);
    // All 250 change: chunks of 100, 100 and 50.
    let (req, first) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    assert_eq!(first.len(), 100);
    // A stale answer (an old request) moves nothing.
    assert!(chunks(&send(&mut app, [failed(ReqId(1))])).is_empty());
    assert_eq!(bulk(&app).done_count(), 0);
    let fx = send(&mut app, [failed(req)]);
    let failures = journal(&fx);
    assert_eq!(failures.len(), 100);
    assert!(failures.iter().all(
        |e| matches!(e, Entry::Result { outcome, reason: Some(r), .. } if outcome == "failed" && r.contains("no ghost 4"))
    ));
    let (req, second) = the_chunk(&fx);
    assert_eq!(second.len(), 100);
    assert!(ids(&first).iter().all(|id| !ids(&second).contains(id)));
    let answer = answered(&app, req, &second);
    let (req, third) = the_chunk(&send(&mut app, [answer]));
    assert_eq!(third.len(), 50);
    let answer = answered(&app, req, &third);
    send(&mut app, [answer]);
    let results = outcomes(&app);
    assert_eq!(
        results.iter().filter(|o| **o == Outcome::Updated).count(),
        150
    );
    assert_eq!(
        results
            .iter()
            .filter(|o| matches!(o, Outcome::Failed(_)))
            .count(),
        100
    );
    // r: just the first chunk's ghosts, again.
    let (_, again) = the_chunk(&send(&mut app, [ch('r')]));
    assert_eq!(ids(&again), ids(&first));
    assert_eq!(bulk(&app).items.len(), 100);
}

#[test]
fn esc_stops_after_the_current_chunk() {
    let mut app = marked_app(80, 24, 250);
    team_picked(&mut app, "Platform");
    send(&mut app, [ctrl('s')]);
    let (req, first) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    assert!(send(&mut app, [key(KeyCode::Esc)]).is_empty());
    let answer = answered(&app, req, &first);
    let fx = send(&mut app, [answer]);
    assert!(chunks(&fx).is_empty(), "stopped");
    assert!(matches!(journal(&fx).last(), Some(Entry::End { .. })));
    let results = outcomes(&app);
    assert_eq!(
        results
            .iter()
            .filter(|o| **o == Outcome::NotAttempted)
            .count(),
        150
    );
}

fn preview_app(w: u16, h: u16) -> App {
    let mut app = marked_app(w, h, 12);
    team_picked(&mut app, "Design");
    app
}

#[test]
fn snapshots_of_form_preview_and_results() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = preview_app(w, h);
        insta::assert_snapshot!(format!("bulk_edit_form_{w}x{h}"), screen(&app));
        send(&mut app, [ctrl('s')]);
        insta::assert_snapshot!(format!("bulk_edit_preview_{w}x{h}"), screen(&app));
        let (req, _) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
        insta::assert_snapshot!(format!("bulk_edit_running_{w}x{h}"), screen(&app));
        send(&mut app, [failed(req)]);
        insta::assert_snapshot!(format!("bulk_edit_results_{w}x{h}"), screen(&app));
    }
}

#[test]
fn a_chunk_refused_by_a_wait_in_force_ends_the_run_with_all_not_attempted() {
    let mut app = marked_app(80, 24, 3);
    team_picked(&mut app, "Design");
    send(&mut app, [ctrl('s')]);
    app.status.wait = Some(ghosts::tui::app::Wait {
        kind: ghosts::tui::app::WaitKind::RateLimited,
        until: app.now + time::Duration::seconds(30),
    });
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    assert!(chunks(&fx).is_empty(), "nothing sent while waiting: {fx:?}");
    assert!(matches!(journal(&fx).last(), Some(Entry::End { .. })));
    assert!(matches!(bulk(&app).phase, EditPhase::Done));
    assert_eq!(outcomes(&app), vec![Outcome::NotAttempted; 2]);
    assert!(app.pending.is_empty());
}

#[test]
fn a_failed_look_up_lets_ids_be_typed_in_the_bulk_form() {
    let mut app = marked_app(80, 24, 3);
    send(&mut app, [ch('e')]);
    let fx = send(
        &mut app,
        [
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Enter),
        ],
    );
    let (req_id, _) = lookup_fetches(&fx)[0];
    send(
        &mut app,
        [Msg::Api {
            req_id,
            result: ApiResult::Lookup(Err(server_error())),
        }],
    );
    assert!(bulk(&app).form.picker.is_none(), "the picker closed");
    send(&mut app, typed("9"));
    send(&mut app, [ctrl('s')]);
    let (_, patches) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    assert!(patches.iter().all(|p| p.assign_teams == Some(vec![9])));
    assert_eq!(patches.len(), 3);
}

#[test]
fn the_preview_scrolls_by_ghost_and_stays_in_bounds() {
    let mut app = marked_app(80, 24, 25);
    team_picked(&mut app, "Design");
    send(&mut app, [ctrl('s')]);
    let scroll = |app: &App| match bulk(app).phase {
        EditPhase::Preview { scroll } => scroll,
        ref other => panic!("not the preview: {other:?}"),
    };
    send(&mut app, [ch('j'), ch('j')]);
    assert_eq!(scroll(&app), 2);
    send(
        &mut app,
        [
            key(KeyCode::PageDown),
            key(KeyCode::PageDown),
            key(KeyCode::PageDown),
        ],
    );
    assert_eq!(scroll(&app), 24, "the last ghost");
    send(&mut app, [ch('k'), key(KeyCode::PageUp)]);
    assert_eq!(scroll(&app), 13);
    send(&mut app, [ch('g')]);
    assert_eq!(scroll(&app), 0);
    send(&mut app, [ch('G')]);
    assert!(screen(&app).contains("Ghost 00025 #25"));
}

#[test]
fn the_results_scroll_under_their_counts() {
    let mut app = marked_app(80, 24, 40);
    team_picked(&mut app, "Platform");
    send(&mut app, [ctrl('s')]);
    let (req, patches) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    let answer = answered(&app, req, &patches);
    send(&mut app, [answer]);
    assert!(!screen(&app).contains("Ghost 00040 #40"), "below the box");
    send(&mut app, [ch('G')]);
    let shown = screen(&app);
    assert!(shown.contains("Ghost 00040 #40"), "{shown}");
    assert!(
        shown.contains("40 updated · 0 not changed"),
        "the counts stay"
    );
    assert!(!shown.contains("Ghost 00001 #1 "), "scrolled past");
    send(&mut app, [ch('g')]);
    assert_eq!(bulk(&app).scroll, 0);
    // r with nothing to retry sends nothing; Enter closes.
    assert!(send(&mut app, [ch('r')]).is_empty());
    send(&mut app, [key(KeyCode::Enter)]);
    assert!(app.modal.is_none());
}

#[test]
fn a_page_that_brings_a_marked_ghost_again_refreshes_its_snapshot() {
    let mut app = marked_app(80, 24, 3);
    // Reloaded: ghost 3 has meanwhile joined team 3 elsewhere.
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    let mut data = ghosts(1, 3);
    data[1].assigned.team_ids = vec![3];
    data[2].assigned.team_ids = vec![3];
    send(&mut app, [page_answer(req, page(data, 1, 3))]);
    team_picked(&mut app, "Design");
    send(&mut app, [ctrl('s')]);
    assert_eq!(
        bulk(&app).changing(),
        1,
        "only ghost 1 still lacks the team"
    );
    let (_, patches) = the_chunk(&send(&mut app, [key(KeyCode::Enter)]));
    assert_eq!(ids(&patches), vec![1]);
}
