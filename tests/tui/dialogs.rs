//! The delete and embody dialogs through `update`.

use crossterm::event::KeyCode;
use ghosts::api::EmbodyRequest;
use ghosts::tui::App;
use ghosts::tui::lookups::LookupKind;
use ghosts::tui::msg::{ApiResult, Effect, Msg, ReqId};

use crate::fixtures::*;

fn world() -> App {
    loaded(80, 24, world_ghosts(), 6)
}

fn delete_request(effects: &[Effect]) -> ReqId {
    match effects {
        [Effect::DeleteGhost { req_id, id }] => {
            assert_eq!(*id, 4108);
            *req_id
        }
        other => panic!("expected one DELETE: {other:?}"),
    }
}

#[test]
fn delete_asks_with_cancel_focused_and_y_deletes_in_place() {
    let mut app = world();
    send(&mut app, [ch('j'), ch('d')]);
    let dialog = delete_dialog(&app);
    assert_eq!(dialog.name, "設計者（デザイナー）三号");
    assert!(!dialog.on_delete, "the safe answer is focused");
    // Enter on Cancel cancels, sending nothing.
    assert!(send(&mut app, [key(KeyCode::Enter)]).is_empty());
    assert!(app.modal.is_none());
    // Tab to Delete, Enter: one DELETE; y again meanwhile sends no second one.
    send(&mut app, [ch('d'), key(KeyCode::Tab)]);
    let req = delete_request(&send(&mut app, [key(KeyCode::Enter)]));
    assert!(send(&mut app, [ch('y')]).is_empty());
    send(&mut app, [deleted(req, Ok(()))]);
    assert!(app.modal.is_none());
    assert_eq!(app.list.total, Some(5));
    assert!(!app.list.ids.contains(&4108));
    assert_eq!(app.list.ghosts.len(), 5);
    assert_eq!(app.cursor, 1, "the cursor stays on the row");
    assert_eq!(app.selected().map(|g| g.id), Some(4109));
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("Deleted"))
    );
}

#[test]
fn n_and_esc_cancel() {
    let mut app = world();
    for cancel in [ch('n'), key(KeyCode::Esc)] {
        send(&mut app, [ch('d')]);
        assert!(send(&mut app, [cancel]).is_empty());
        assert!(app.modal.is_none());
    }
    assert_eq!(app.list.ghosts.len(), 6);
}

#[test]
fn a_404_means_already_gone_and_the_ghost_leaves() {
    let mut app = world();
    send(&mut app, [ch('j'), ch('d')]);
    let req = delete_request(&send(&mut app, [ch('y')]));
    send(
        &mut app,
        [deleted(req, Err(status_error(404, "no such ghost")))],
    );
    assert!(app.modal.is_none());
    assert!(!app.list.ids.contains(&4108));
    assert_eq!(app.list.total, Some(5));
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("already gone"))
    );
}

#[test]
fn a_failed_delete_keeps_the_dialog_and_the_ghost() {
    let mut app = world();
    send(&mut app, [ch('j'), ch('d')]);
    let req = delete_request(&send(&mut app, [ch('y')]));
    send(&mut app, [deleted(req, Err(server_error()))]);
    let error = delete_dialog(&app).error.clone().expect("the reason");
    assert!(
        error.contains("maintenance") && error.contains("trace-42"),
        "{error}"
    );
    assert_eq!(app.list.ghosts.len(), 6);
}

/// Closing the dialog does not unsend the DELETE: when the server answers that it
/// deleted the ghost, the list must say so too, not keep showing it.
#[test]
fn a_delete_answered_after_its_dialog_closed_still_reaches_the_list() {
    let mut app = world();
    send(&mut app, [ch('j'), ch('d')]);
    let req = delete_request(&send(&mut app, [ch('y')]));
    app.modal = None; // however the dialog went away
    send(&mut app, [deleted(req, Ok(()))]);
    assert!(!app.list.ids.contains(&4108));
    assert_eq!(app.list.total, Some(5));
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        toast.contains("設計者（デザイナー）三号") && toast.contains("deleted"),
        "{toast}"
    );
    assert!(app.writes.is_empty(), "the write is settled");
    // A failure after the dialog closed is said, and the ghost stays.
    send(&mut app, [ch('d')]);
    let req = match send(&mut app, [ch('y')]).as_slice() {
        [Effect::DeleteGhost { req_id, .. }] => *req_id,
        other => panic!("expected one DELETE: {other:?}"),
    };
    app.modal = None;
    send(&mut app, [deleted(req, Err(server_error()))]);
    assert_eq!(app.list.ghosts.len(), 5);
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        toast.starts_with("Deleting") && toast.contains("maintenance"),
        "{toast}"
    );
}

#[test]
fn an_embody_answered_after_its_dialog_closed_still_hides_the_ghost() {
    let mut app = embody_open();
    choose(&mut app);
    let (req, _) = embody_request(&send(&mut app, [ctrl('s')]));
    let id = app.selected().map(|g| g.id).expect("a ghost is selected");
    app.modal = None;
    let mut ghost = app.selected().cloned().expect("a ghost is selected");
    ghost.embodied_at = Some("2026-12-03T12:00:00Z".into());
    send(&mut app, [embodied(req, Ok(ghost))]);
    assert!(!app.list.ids.contains(&id), "embodied ghosts are hidden");
}

#[test]
fn deleting_from_loaded_pages_does_not_skip_a_ghost_on_the_next_page() {
    let mut app = loaded(80, 24, ghosts(1, 100), 250);
    let (req2, page_no, _) = only_fetch(&send(&mut app, [ch('G')]));
    assert_eq!(page_no, 2);
    send(
        &mut app,
        [page_answer(req2, page(ghosts(101, 100), 2, 250))],
    );
    // Delete ghost 50 (on page 1).
    send(&mut app, [ch('g')]);
    for _ in 0..49 {
        send(&mut app, [ch('j')]);
    }
    assert_eq!(app.selected().map(|g| g.id), Some(50));
    let fx = send(&mut app, [ch('d'), ch('y')]);
    let req = match fx.as_slice() {
        [Effect::DeleteGhost { req_id, .. }] => *req_id,
        other => panic!("{other:?}"),
    };
    send(&mut app, [deleted(req, Ok(()))]);
    assert_eq!(app.list.total, Some(249));
    // The server's page 3 now starts at ghost 202: ghost 201 moved to page 2. So page
    // 2 is asked again; its repeats are dropped by id and 201 is not skipped.
    let (req, page_no, _) = only_fetch(&send(&mut app, [ch('G')]));
    assert_eq!(page_no, 2);
    let shifted: Vec<_> = (1..=250).filter(|&i| i != 50).collect();
    let page2: Vec<_> = shifted[100..200]
        .iter()
        .map(|&i| ghost(i, &format!("Ghost {i:05}")))
        .collect();
    // The cursor is at the end: page 3 is asked as soon as page 2 is in.
    let (req, page_no, _) = only_fetch(&send(&mut app, [page_answer(req, page(page2, 2, 249))]));
    assert!(app.list.ids.contains(&201));
    assert_eq!(app.list.ghosts.len(), 200);
    assert_eq!(page_no, 3);
    let page3: Vec<_> = shifted[200..]
        .iter()
        .map(|&i| ghost(i, &format!("Ghost {i:05}")))
        .collect();
    send(&mut app, [page_answer(req, page(page3, 3, 249))]);
    let ids: Vec<i64> = app.list.ghosts.iter().map(|g| g.id).collect();
    assert_eq!(ids, shifted, "every ghost once, in order");
    assert!(fetches(&send(&mut app, [ch('G')])).is_empty(), "all loaded");
}

/// Opens the embody dialog on the designer and answers its look-ups.
fn embody_open() -> App {
    let mut app = world();
    let fx = send(&mut app, [ch('E')]);
    let kinds: Vec<LookupKind> = lookup_fetches(&fx).into_iter().map(|(_, k)| k).collect();
    assert_eq!(kinds, vec![LookupKind::Members, LookupKind::Roles]);
    answer_lookups(&mut app, &fx);
    app
}

fn embody_request(effects: &[Effect]) -> (ReqId, EmbodyRequest) {
    match effects {
        [
            Effect::EmbodyGhost {
                req_id,
                id,
                request,
            },
        ] => {
            assert_eq!(*id, 4107);
            (*req_id, *request)
        }
        other => panic!("expected one embody: {other:?}"),
    }
}

/// Member Bo Chen (89/5121), role Member (5, where the role picker opens), via the
/// pickers.
fn choose(app: &mut App) {
    send(app, [key(KeyCode::Enter)]);
    send(app, typed("bo"));
    send(
        app,
        [
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
}

#[test]
fn embody_fills_both_member_ids_and_hides_the_ghost() {
    let mut app = embody_open();
    // Nothing chosen: nothing sent, and the dialog says what is missing.
    assert!(send(&mut app, [ctrl('s')]).is_empty());
    assert!(
        embody_dialog(&app)
            .error
            .as_deref()
            .is_some_and(|e| e.contains("member"))
    );
    choose(&mut app);
    let summary = embody_dialog(&app).summary().expect("ready");
    assert_eq!(
        summary,
        "Embody Senior designer #2 as Bo Chen 陈博, role Member"
    );
    let (req, request) = embody_request(&send(&mut app, [key(KeyCode::Enter)]));
    assert_eq!(
        request,
        EmbodyRequest {
            recipient_org_user_id: 89,
            recipient_user_account_id: 5121,
            role_id: 5,
        }
    );
    assert!(
        send(&mut app, [ctrl('s')]).is_empty(),
        "no second embody in flight"
    );
    let mut answer = app.list.ghosts[0].clone();
    answer.embodied_at = Some("2026-12-03T12:00:00Z".into());
    answer.user_id = Some(5121);
    send(&mut app, [embodied(req, Ok(answer))]);
    assert!(app.modal.is_none());
    assert!(!app.list.ids.contains(&4107), "embodied ghosts are hidden");
    assert_eq!(app.list.total, Some(5));
}

#[test]
fn pickers_open_on_the_choice_and_roles_on_the_everyday_one() {
    let mut app = embody_open();
    let highlighted = |app: &App| {
        let dialog = embody_dialog(app);
        let picker = dialog.picker.as_ref().expect("a picker");
        picker
            .highlighted(app.lookups.items(picker.kind))
            .map(|i| i.name.clone())
    };
    // Admin sorts first, but a hurried Enter must not hand out admin rights.
    send(&mut app, [key(KeyCode::Tab), key(KeyCode::Enter)]);
    assert_eq!(highlighted(&app).as_deref(), Some("Member"));
    send(&mut app, [key(KeyCode::Up), key(KeyCode::Enter)]);
    assert_eq!(embody_dialog(&app).role.as_ref().map(|r| r.id), Some(4));
    // Reopened, each picker starts on what is chosen (a choice moves the focus on).
    send(&mut app, [back_tab(), key(KeyCode::Enter)]);
    assert_eq!(highlighted(&app).as_deref(), Some("Admin"));
    send(
        &mut app,
        [key(KeyCode::Esc), back_tab(), key(KeyCode::Enter)],
    );
    send(&mut app, typed("bo"));
    send(
        &mut app,
        [key(KeyCode::Enter), back_tab(), key(KeyCode::Enter)],
    );
    assert_eq!(highlighted(&app).as_deref(), Some("Bo Chen 陈博"));
}

#[test]
fn embodied_ghosts_stay_when_shown() {
    let mut app = embody_open();
    app.filter.include_embodied = true;
    choose(&mut app);
    let (req, _) = embody_request(&send(&mut app, [ctrl('s')]));
    let mut answer = app.list.ghosts[0].clone();
    answer.embodied_at = Some("2026-12-03T12:00:00Z".into());
    send(&mut app, [embodied(req, Ok(answer))]);
    assert!(app.list.ghosts[0].is_embodied());
    assert_eq!(app.list.total, Some(6));
}

#[test]
fn embody_failures_stay_in_the_dialog() {
    for (status, says) in [
        (409, "already embodied"),
        (404, "not found"),
        (400, "role 4 is unknown"),
        (500, "the server had a problem"),
    ] {
        let mut app = embody_open();
        choose(&mut app);
        let (req, _) = embody_request(&send(&mut app, [ctrl('s')]));
        send(
            &mut app,
            [embodied(
                req,
                Err(status_error(status, "role 4 is unknown")),
            )],
        );
        let error = embody_dialog(&app).error.clone().expect("the reason");
        assert!(error.contains(says), "{status}: {error}");
        assert_eq!(app.list.ghosts.len(), 6);
        assert!(embody_dialog(&app).member.is_some(), "the choice is kept");
    }
}

#[test]
fn an_embodied_ghost_is_refused_up_front() {
    let mut app = world();
    app.filter.include_embodied = true;
    send(&mut app, [ch('G')]);
    send(&mut app, [ch('k')]);
    assert_eq!(app.selected().map(|g| g.id), Some(4111));
    assert!(send(&mut app, [ch('E')]).is_empty());
    assert!(app.modal.is_none());
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(toast.contains("already embodied by user 5120"), "{toast}");
}

#[test]
fn embody_ids_can_be_typed_when_lookups_fail() {
    let mut app = world();
    let fx = send(&mut app, [ch('E')]);
    for (req_id, _) in lookup_fetches(&fx) {
        send(
            &mut app,
            [Msg::Api {
                req_id,
                result: ApiResult::Lookup(Err(status_error(403, "no access"))),
            }],
        );
    }
    send(&mut app, typed("88, 5120"));
    send(&mut app, [key(KeyCode::Tab)]);
    send(&mut app, [Msg::Paste("4\n".into())]);
    let (_, request) = embody_request(&send(&mut app, [ctrl('s')]));
    assert_eq!(
        request,
        EmbodyRequest {
            recipient_org_user_id: 88,
            recipient_user_account_id: 5120,
            role_id: 4,
        }
    );
}

#[test]
fn stale_lookups_and_answers_are_dropped() {
    let mut app = world();
    // An answer nobody asked for changes nothing.
    send(
        &mut app,
        [Msg::Api {
            req_id: ReqId(999),
            result: ApiResult::Lookup(Ok(reply(lookup_data(LookupKind::Roles)))),
        }],
    );
    assert!(app.lookups.items(LookupKind::Roles).is_empty());
    send(
        &mut app,
        [
            deleted(ReqId(998), Ok(())),
            embodied(ReqId(997), Ok(ghost(4107, "x"))),
        ],
    );
    assert_eq!(app.list.ghosts.len(), 6);
}

/// A DELETE or embody whose answer was lost may have been done: the dialog says so,
/// and trying again is safe (the server then answers 404 or 409, read as done).
#[test]
fn a_lost_delete_or_embody_may_have_been_done() {
    let lost = || ghosts::api::ApiError::Timeout(std::time::Duration::from_secs(20));
    let mut app = world();
    send(&mut app, [ch('j'), ch('d')]);
    let req = delete_request(&send(&mut app, [ch('y')]));
    send(&mut app, [deleted(req, Err(lost()))]);
    let error = delete_dialog(&app).error.clone().expect("the reason");
    assert!(error.contains("may have been deleted"), "{error}");
    let req = delete_request(&send(&mut app, [ch('y')]));
    send(
        &mut app,
        [deleted(req, Err(status_error(404, "not found")))],
    );
    assert!(
        !app.list.ids.contains(&4108),
        "already gone leaves the list"
    );

    let mut app = embody_open();
    choose(&mut app);
    let (req, _) = embody_request(&send(&mut app, [ctrl('s')]));
    send(&mut app, [embodied(req, Err(lost()))]);
    let error = embody_dialog(&app).error.clone().expect("the reason");
    assert!(error.contains("may have been embodied"), "{error}");
}
