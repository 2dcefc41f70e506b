//! The edit form through `update`: what is sent, what is kept, what is dropped.

use crossterm::event::KeyCode;
use ghosts::api::{AssignAction, GhostPatch, NewGhost};
use ghosts::tui::App;
use ghosts::tui::form::Field;
use ghosts::tui::lookups::LookupKind;
use ghosts::tui::msg::{Effect, Msg};

use crate::fixtures::*;

fn world() -> App {
    loaded(80, 24, world_ghosts(), 6)
}

/// The one write among `effects`.
fn write(effects: &[Effect]) -> Effect {
    let writes: Vec<&Effect> = effects
        .iter()
        .filter(|e| matches!(e, Effect::CreateGhost { .. } | Effect::UpdateGhost { .. }))
        .collect();
    assert_eq!(writes.len(), 1, "expected one write in {effects:?}");
    writes[0].clone()
}

fn patch_of(effects: &[Effect]) -> GhostPatch {
    match write(effects) {
        Effect::UpdateGhost { id, patch, .. } => {
            assert_eq!(id, 4107);
            patch
        }
        other => panic!("not an update: {other:?}"),
    }
}

fn tabs(n: usize) -> Vec<Msg> {
    (0..n).map(|_| key(KeyCode::Tab)).collect()
}

#[test]
fn creating_sends_a_post_and_inserts_the_ghost_in_its_place() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(&mut app, [ch('n')]);
    send(&mut app, typed("  ghost 00003½ "));
    send(
        &mut app,
        [key(KeyCode::Tab), Msg::Paste("Line one\r\nline two".into())],
    );
    let fx = send(&mut app, [ctrl('s')]);
    let req = save_request(&fx);
    match write(&fx) {
        Effect::CreateGhost { ghost, .. } => assert_eq!(
            ghost,
            NewGhost {
                name: "ghost 00003½".into(),
                description: Some("Line one\nline two".into()),
                ..NewGhost::default()
            }
        ),
        other => panic!("{other:?}"),
    }
    // A second save while the first is on its way is not sent.
    assert!(send(&mut app, [ctrl('s')]).is_empty());
    let mut created = ghost(5000, "ghost 00003½");
    created.description = Some("Line one\nline two".into());
    send(&mut app, [saved(req, Ok(created))]);
    assert!(app.modal.is_none());
    assert_eq!(app.list.total, Some(6));
    // Names compare case-insensitively, as the server sorts them.
    let ids: Vec<i64> = app.list.ghosts.iter().map(|g| g.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 5000, 4, 5]);
    assert_eq!(
        app.selected().map(|g| g.id),
        Some(5000),
        "cursor on the new ghost"
    );
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("Created") && !t.text.contains("not in"))
    );
}

#[test]
fn a_new_ghost_outside_the_search_is_not_listed_but_nothing_else_breaks() {
    let mut app = world();
    app.filter.search = "designer".into();
    send(&mut app, [ch('n')]);
    send(&mut app, typed("Analyst"));
    let req = save_request(&send(&mut app, [ctrl('s')]));
    send(&mut app, [saved(req, Ok(ghost(5000, "Analyst")))]);
    assert_eq!(app.list.total, Some(6));
    assert!(!app.list.ids.contains(&5000));
    // The user is told where it went, not left looking for it.
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        toast.contains("#5000") && toast.contains("not in the loaded part"),
        "{toast}"
    );
}

#[test]
fn editing_sends_only_what_changed_and_updates_in_place() {
    let mut app = world();
    send(&mut app, [ch('j')]);
    send(&mut app, [ch('e')]);
    send(&mut app, typed("!"));
    let fx = send(&mut app, [ctrl('s')]);
    let req = save_request(&fx);
    match write(&fx) {
        Effect::UpdateGhost { id, patch, .. } => {
            assert_eq!(id, 4108);
            assert_eq!(
                patch,
                GhostPatch {
                    name: Some("設計者（デザイナー）三号!".into()),
                    ..GhostPatch::default()
                }
            );
        }
        other => panic!("{other:?}"),
    }
    let mut answer = app.list.ghosts[1].clone();
    answer.name = "設計者（デザイナー）三号!".into();
    send(&mut app, [saved(req, Ok(answer.clone()))]);
    assert!(app.modal.is_none());
    assert_eq!(app.cursor, 1, "the cursor stays on the ghost");
    assert_eq!(app.list.ghosts[1], answer);
    assert_eq!(app.list.total, Some(6));
}

#[test]
fn an_unchanged_form_sends_nothing() {
    let mut app = world();
    send(&mut app, [ch('e')]);
    // Typing and deleting again leaves it unchanged.
    send(&mut app, [ch('x'), key(KeyCode::Backspace)]);
    assert!(send(&mut app, [ctrl('s')]).is_empty(), "{{}} is never sent");
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("Nothing to save"))
    );
    assert!(app.modal.is_some());
    // Esc on an unchanged form just closes.
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(app.modal.is_none());
    // Trailing spaces are trimmed: still nothing to save.
    send(&mut app, [ch('e'), ch(' ')]);
    assert!(send(&mut app, [ctrl('s')]).is_empty());
}

#[test]
fn names_are_validated_before_sending() {
    let mut app = world();
    send(&mut app, [ch('n')]);
    send(&mut app, typed("   "));
    assert!(send(&mut app, [ctrl('s')]).is_empty());
    assert!(
        form(&app)
            .errors
            .name
            .as_deref()
            .is_some_and(|e| e.contains("required"))
    );
    // 256 CJK characters are 256 characters (768 bytes): one too many.
    send(&mut app, [ctrl('u'), Msg::Paste("設".repeat(256))]);
    assert!(form(&app).errors.name.is_none(), "editing clears the error");
    assert!(send(&mut app, [ctrl('s')]).is_empty());
    assert!(
        form(&app)
            .errors
            .name
            .as_deref()
            .is_some_and(|e| e.contains("256"))
    );
    send(&mut app, [key(KeyCode::Backspace)]);
    let fx = send(&mut app, [ctrl('s')]);
    match write(&fx) {
        Effect::CreateGhost { ghost, .. } => assert_eq!(ghost.name.chars().count(), 255),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_pasted_name_has_no_line_breaks_and_a_description_keeps_them() {
    let mut app = world();
    send(
        &mut app,
        [ch('n'), Msg::Paste("Senior\ndesigner\r\n".into())],
    );
    assert_eq!(form(&app).name.value(), "Senior designer ");
    assert_eq!(
        form(&app).focus,
        Field::Name,
        "a pasted newline is not Enter"
    );
    send(&mut app, [key(KeyCode::Tab), Msg::Paste("a\nb\tc".into())]);
    assert_eq!(form(&app).description.value(), "a\nb c");
    // Enter in the description is a new line too.
    send(&mut app, [key(KeyCode::Enter), ch('d')]);
    assert_eq!(form(&app).description.value(), "a\nb c\nd");
    assert!(app.modal.is_some());
}

/// Opens the edit form on the designer (projects 12, 14; tasks 310; teams 3, 7),
/// with the action set by pressing Enter on it `presses` times.
fn edit_with_action(presses: usize) -> App {
    let mut app = world();
    send(&mut app, [ch('e')]);
    send(&mut app, tabs(2));
    assert_eq!(form(&app).focus, Field::Action);
    send(&mut app, (0..presses).map(|_| key(KeyCode::Enter)));
    app
}

/// Opens the projects picker (Tab from the action), answering its look-up once.
fn pick_projects(app: &mut App, choose: &[&str]) {
    send(app, [key(KeyCode::Tab)]);
    let fx = send(app, [key(KeyCode::Enter)]);
    answer_lookups(app, &fx);
    for name in choose {
        send(app, [ctrl('u')]);
        send(app, typed(name));
        send(app, [ch(' ')]);
    }
    send(app, [key(KeyCode::Enter)]);
}

#[test]
fn replace_sends_the_whole_new_list() {
    let mut app = edit_with_action(0);
    assert_eq!(form(&app).action, AssignAction::Replace);
    // Untick Rebrand (12), tick Mobile app (21).
    pick_projects(&mut app, &["rebr", "mobile"]);
    assert_eq!(form(&app).result(LookupKind::Projects), Ok(vec![14, 21]));
    let patch = patch_of(&send(&mut app, [ctrl('s')]));
    assert_eq!(patch.assign_projects, Some(vec![14, 21]));
    assert_eq!(patch.assign_action, Some(AssignAction::Replace));
    assert_eq!(patch.assign_tasks, None, "untouched lists are left out");
    assert_eq!(patch.name, None);
}

#[test]
fn add_sends_only_new_ids() {
    let mut app = edit_with_action(1);
    assert_eq!(form(&app).action, AssignAction::Add);
    pick_projects(&mut app, &["rebr", "mobile"]);
    assert_eq!(
        form(&app).result(LookupKind::Projects),
        Ok(vec![12, 14, 21])
    );
    let patch = patch_of(&send(&mut app, [ctrl('s')]));
    assert_eq!(patch.assign_projects, Some(vec![21]));
    assert_eq!(patch.assign_action, Some(AssignAction::Add));
}

#[test]
fn remove_sends_only_assigned_ids() {
    let mut app = edit_with_action(2);
    assert_eq!(form(&app).action, AssignAction::Remove);
    pick_projects(&mut app, &["rebr", "mobile"]);
    assert_eq!(form(&app).result(LookupKind::Projects), Ok(vec![14]));
    let patch = patch_of(&send(&mut app, [ctrl('s')]));
    assert_eq!(patch.assign_projects, Some(vec![12]));
    assert_eq!(patch.assign_action, Some(AssignAction::Remove));
}

#[test]
fn switching_the_action_loses_no_choice() {
    let mut app = edit_with_action(1);
    pick_projects(&mut app, &["mobile"]);
    // To remove, and back to add: the pick for add is still there.
    send(&mut app, [back_tab(), key(KeyCode::Enter)]);
    assert_eq!(form(&app).picked(LookupKind::Projects), &[] as &[i64]);
    send(&mut app, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(form(&app).action, AssignAction::Add);
    assert_eq!(form(&app).picked(LookupKind::Projects), &[21]);
}

#[test]
fn a_picker_cancelled_with_esc_changes_nothing() {
    let mut app = edit_with_action(0);
    send(&mut app, [key(KeyCode::Tab)]);
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    answer_lookups(&mut app, &fx);
    send(&mut app, [ch(' '), key(KeyCode::Esc)]);
    assert!(form(&app).picker.is_none());
    assert_eq!(form(&app).picked(LookupKind::Projects), &[12, 14]);
    assert!(!form(&app).is_changed());
}

/// Saves an edited name, then answers the save with `err`.
fn failed_save(err: ghosts::api::ApiError) -> App {
    let mut app = world();
    send(&mut app, [ch('e')]);
    send(&mut app, typed(" II"));
    let req = save_request(&send(&mut app, [ctrl('s')]));
    send(&mut app, [saved(req, Err(err))]);
    app
}

#[test]
fn every_failure_keeps_the_draft_and_says_why() {
    use ghosts::api::ApiError;
    use std::time::Duration;
    let failures = [
        (
            status_error(400, "name must not be empty"),
            "name must not be empty",
        ),
        (status_error(404, "ghost 4107 not found"), "not found"),
        (status_error(409, "already embodied"), "conflict"),
        (
            status_error(500, "database is locked"),
            "database is locked",
        ),
        (ApiError::Timeout(Duration::from_secs(20)), "no answer"),
        (
            ApiError::Connect {
                host: "focus.toggl.com".into(),
                detail: "connection refused".into(),
            },
            "connection refused",
        ),
    ];
    for (err, says) in failures {
        let mut app = failed_save(err);
        let form = form(&app);
        assert_eq!(
            form.name.value(),
            "Senior designer #2 II",
            "the draft is kept"
        );
        let why = form.save_error.as_deref().expect("the reason is shown");
        assert!(why.contains(says), "{why:?} should say {says:?}");
        assert_eq!(
            app.list.ghosts[0].name, "Senior designer #2",
            "nothing applied"
        );
        // The user can retry: one more write, no more.
        let fx = send(&mut app, [ctrl('s')]);
        save_request(&fx);
    }
}

#[test]
fn an_answer_after_the_form_closed_reaches_the_list_but_not_another_form() {
    let mut app = world();
    send(&mut app, [ch('e')]);
    send(&mut app, typed(" II"));
    let req = save_request(&send(&mut app, [ctrl('s')]));
    // The first Esc stops waiting for the save (which may still land); the draft stays.
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(form(&app).saving.is_none() && !form(&app).confirm_discard);
    // Esc on the changed form then asks; y throws the changes away.
    send(&mut app, [key(KeyCode::Esc)]);
    assert!(form(&app).confirm_discard);
    send(&mut app, [ch('n')]);
    assert!(!form(&app).confirm_discard, "n keeps editing");
    send(&mut app, [key(KeyCode::Esc), ch('y')]);
    assert!(app.modal.is_none());
    // Another ghost's form is open when the old answer arrives: that form is left
    // alone, but the server did save, so the list shows the saved name.
    send(&mut app, [ch('j'), ch('e')]);
    let mut late = app.list.ghosts[0].clone();
    late.name = "Senior designer #2 II".into();
    send(&mut app, [saved(req, Ok(late))]);
    assert_eq!(app.list.ghosts[0].name, "Senior designer #2 II");
    assert_eq!(form(&app).editing.as_ref().map(|g| g.id), Some(4108));
    assert!(form(&app).save_error.is_none());
}

#[test]
fn a_failed_lookup_falls_back_to_typed_ids() {
    let mut app = edit_with_action(0);
    send(&mut app, [key(KeyCode::Tab)]);
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    let (req, kind) = lookup_fetches(&fx)[0];
    assert_eq!(kind, LookupKind::Projects);
    send(
        &mut app,
        [Msg::Api {
            req_id: req,
            result: ghosts::tui::msg::ApiResult::Lookup(Err(status_error(500, "boom"))),
        }],
    );
    assert!(form(&app).picker.is_none());
    let typed_ids = form(&app).typed(LookupKind::Projects).expect("typed ids");
    assert_eq!(typed_ids.input.value(), "12, 14");
    send(&mut app, [ch(','), ch(' '), ch('x')]);
    assert!(send(&mut app, [ctrl('s')]).is_empty());
    assert!(
        form(&app)
            .errors
            .list(LookupKind::Projects)
            .is_some_and(|e| e.contains("“x”"))
    );
    send(&mut app, [key(KeyCode::Backspace), ch('2'), ch('1')]);
    let patch = patch_of(&send(&mut app, [ctrl('s')]));
    assert_eq!(patch.assign_projects, Some(vec![12, 14, 21]));
}

#[test]
fn lookups_are_fetched_once_per_session() {
    let mut app = edit_with_action(0);
    send(&mut app, [key(KeyCode::Tab)]);
    let asked = send(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(lookup_fetches(&asked).len(), 1);
    // Opening the picker again while the look-up is on its way asks nothing more.
    let fx = send(&mut app, [key(KeyCode::Esc), key(KeyCode::Enter)]);
    assert!(lookup_fetches(&fx).is_empty());
    answer_lookups(&mut app, &asked);
    assert_eq!(app.lookups.items(LookupKind::Projects).len(), 4);
    // Close everything; a new form's picker reuses what is loaded.
    send(&mut app, [key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(app.modal.is_none());
    send(&mut app, [ch('n'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert!(lookup_fetches(&send(&mut app, [key(KeyCode::Enter)])).is_empty());
    assert!(form(&app).picker.is_some());
}

#[test]
fn keys_never_reach_the_list_while_the_form_is_open() {
    let mut app = world();
    send(&mut app, [ch('e')]);
    let fx = send(&mut app, typed("qjdG"));
    assert!(fx.is_empty(), "{fx:?}");
    assert!(!app.quit);
    assert_eq!(app.cursor, 0);
    assert_eq!(form(&app).name.value(), "Senior designer #2qjdG");
}

#[test]
fn enter_on_save_saves_and_ctrl_c_asks_before_discarding() {
    let mut app = world();
    send(&mut app, [ch('n')]);
    send(&mut app, typed("Planner"));
    // Shift-Tab from the name wraps round to the Save button.
    send(&mut app, [back_tab()]);
    assert_eq!(form(&app).focus, Field::Save);
    save_request(&send(&mut app, [key(KeyCode::Enter)]));
    // Ctrl-C in a changed form does not quit: it asks, like Esc.
    send(&mut app, [ctrl('c')]);
    assert!(!app.quit);
    assert!(form(&app).confirm_discard);
}

#[test]
fn arrows_move_between_lines_of_the_description_and_between_fields() {
    let mut app = world();
    send(&mut app, [ch('n'), key(KeyCode::Down)]);
    assert_eq!(form(&app).focus, Field::Description);
    send(&mut app, [Msg::Paste("設計者\nabcdef".into())]);
    // Up from the end of "abcdef" (column 6): the end of 設計者 (column 6).
    send(&mut app, [key(KeyCode::Up), ch('!')]);
    assert_eq!(form(&app).description.value(), "設計者!\nabcdef");
    send(&mut app, [key(KeyCode::Down), ch('?')]);
    assert_eq!(form(&app).description.value(), "設計者!\nabcdef?");
    // ↓ on the last line goes on to the next field, ↑ back into the text, whose first
    // line's ↑ goes on to the name.
    send(&mut app, [key(KeyCode::Down)]);
    assert_eq!(form(&app).focus, Field::List(LookupKind::Projects));
    send(&mut app, [key(KeyCode::Up), key(KeyCode::Up)]);
    assert_eq!(form(&app).focus, Field::Description);
    send(&mut app, [key(KeyCode::Up)]);
    assert_eq!(form(&app).focus, Field::Name);
}

/// A create answered with `err`: the app with the form still open.
fn failed_create(err: ghosts::api::ApiError) -> App {
    let mut app = world();
    send(&mut app, [ch('n')]);
    send(&mut app, typed("Night shift"));
    let req = save_request(&send(&mut app, [ctrl('s')]));
    send(&mut app, [saved(req, Err(err))]);
    app
}

/// The look-up among `effects` (and that nothing else is sent).
fn lookup(effects: &[Effect]) -> ghosts::tui::msg::ReqId {
    match effects {
        [Effect::FindCreated { req_id, name }] => {
            assert_eq!(name, "Night shift");
            *req_id
        }
        other => panic!("expected only the look-up, got {other:?}"),
    }
}

fn found(
    req_id: ghosts::tui::msg::ReqId,
    result: Result<Vec<ghosts::api::Ghost>, ghosts::api::ApiError>,
) -> Msg {
    Msg::Api {
        req_id,
        result: ghosts::tui::msg::ApiResult::Found(result.map(|data| {
            let total = data.len() as u64;
            page(data, 1, total)
        })),
    }
}

fn lost_answers() -> Vec<ghosts::api::ApiError> {
    use ghosts::api::ApiError;
    vec![
        ApiError::Timeout(std::time::Duration::from_secs(20)),
        ApiError::Network("connection closed before message completed".into()),
        ApiError::Decode("expected value at line 1 column 1".into()),
    ]
}

#[test]
fn a_create_whose_answer_was_lost_is_looked_for_before_it_is_sent_again() {
    for err in lost_answers() {
        let mut app = failed_create(err);
        let why = form(&app).save_error.clone().expect("the reason is shown");
        assert!(
            why.contains("may have created “Night shift”") && why.contains("checks first"),
            "{why:?}"
        );
        assert_eq!(form(&app).name.value(), "Night shift", "the draft is kept");
        let check = lookup(&send(&mut app, [ctrl('s')]));
        // A second Ctrl-S while checking sends nothing.
        assert!(send(&mut app, [ctrl('s')]).is_empty());
        // A same-named ghost the list already held is not this form's: it was
        // there before; the new one is.
        let old = app.list.ghosts[0].clone();
        let mut before = old.clone();
        before.name = "Night shift".into();
        let fx = send(
            &mut app,
            [found(check, Ok(vec![before, ghost(5000, " Night shift ")]))],
        );
        assert!(
            !fx.iter().any(|e| e.write_verb().is_some()),
            "nothing written: {fx:?}"
        );
        assert!(app.modal.is_none(), "the form closes");
        assert!(app.list.ids.contains(&5000), "the ghost is listed");
        let toast = app.toast.as_ref().map(|t| t.text.as_str());
        assert!(
            toast.is_some_and(|t| t.contains("had been created after all")),
            "{toast:?}"
        );
    }
}

/// What the user typed after the lost answer is not thrown away when the ghost turns
/// out to have been stored: it is saved as an edit of that ghost.
#[test]
fn edits_typed_after_a_lost_create_are_saved_on_the_found_ghost() {
    let mut app = failed_create(lost_answers().remove(0));
    // The user goes on: a description, then a changed name.
    send(&mut app, [key(KeyCode::Tab)]);
    send(&mut app, typed("Covers weekends"));
    send(&mut app, [back_tab()]);
    send(&mut app, typed(" B"));
    let check = lookup(&send(&mut app, [ctrl('s')]));
    let fx = send(
        &mut app,
        [found(check, Ok(vec![ghost(5000, "Night shift")]))],
    );
    let (req_id, id, patch) = match fx.as_slice() {
        [Effect::UpdateGhost { req_id, id, patch }] => (*req_id, *id, patch.clone()),
        other => panic!("expected one update: {other:?}"),
    };
    assert_eq!(id, 5000);
    assert_eq!(patch.name.as_deref(), Some("Night shift B"));
    assert_eq!(patch.description.as_deref(), Some("Covers weekends"));
    assert!(!patch.has_assignments(), "nothing else changed: {patch:?}");
    assert!(app.list.ids.contains(&5000), "listed at once");
    assert!(app.modal.is_some(), "the form waits for the edit");
    let mut stored = ghost(5000, "Night shift B");
    stored.description = Some("Covers weekends".into());
    send(&mut app, [saved(req_id, Ok(stored))]);
    assert!(app.modal.is_none());
    let listed = app
        .list
        .ghosts
        .iter()
        .find(|g| g.id == 5000)
        .expect("listed");
    assert_eq!(listed.name, "Night shift B");
}

/// A name stored with surrounding spaces is not sent back trimmed when the user
/// changed something else.
#[test]
fn an_untrimmed_stored_name_is_not_a_change() {
    let mut app = world();
    app.list.ghosts[0].name = format!(" {} ", app.list.ghosts[0].name);
    send(&mut app, [ch('e'), key(KeyCode::Tab)]);
    send(&mut app, typed("!"));
    match send(&mut app, [ctrl('s')]).as_slice() {
        [Effect::UpdateGhost { patch, .. }] => {
            assert_eq!(patch.name, None, "{patch:?}");
            assert!(patch.description.is_some(), "{patch:?}");
        }
        other => panic!("expected one update: {other:?}"),
    }
}

#[test]
fn a_lost_create_not_found_is_sent_once() {
    for err in lost_answers() {
        let mut app = failed_create(err);
        let check = lookup(&send(&mut app, [ctrl('s')]));
        let fx = send(
            &mut app,
            [found(check, Ok(vec![ghost(5001, "Night shift 2")]))],
        );
        let req = save_request(&fx);
        assert_eq!(form(&app).saving, Some(req));
        send(&mut app, [saved(req, Ok(ghost(5000, "Night shift")))]);
        assert!(app.modal.is_none());
        assert!(app.list.ids.contains(&5000));
    }
}

#[test]
fn a_failed_check_sends_nothing_and_says_why() {
    let mut app = failed_create(ghosts::api::ApiError::Timeout(
        std::time::Duration::from_secs(20),
    ));
    let check = lookup(&send(&mut app, [ctrl('s')]));
    let fx = send(
        &mut app,
        [found(check, Err(status_error(500, "database is locked")))],
    );
    assert!(fx.is_empty(), "no POST sent blindly: {fx:?}");
    let why = form(&app).save_error.clone().expect("the reason is shown");
    assert!(
        why.contains("Could not check") && why.contains("database is locked"),
        "{why:?}"
    );
    // Ctrl-S checks again.
    lookup(&send(&mut app, [ctrl('s')]));
    // A stale answer to the old check is dropped.
    assert!(send(&mut app, [found(check, Ok(vec![]))]).is_empty());
}

#[test]
fn a_refused_create_is_not_saved_and_is_sent_again() {
    use ghosts::api::ApiError;
    let refusals = [
        status_error(400, "name must not be empty"),
        status_error(500, "database is locked"),
        ApiError::Connect {
            host: "focus.toggl.com".into(),
            detail: "connection refused".into(),
        },
    ];
    for err in refusals {
        let mut app = failed_create(err);
        let why = form(&app).save_error.clone().expect("the reason is shown");
        assert!(why.starts_with("Not saved: "), "{why:?}");
        let fx = send(&mut app, [ctrl('s')]);
        save_request(&fx);
        assert!(!fx.iter().any(|e| matches!(e, Effect::FindCreated { .. })));
    }
}

#[test]
fn a_lost_edit_may_have_been_saved_and_is_sent_again() {
    let mut app = failed_save(ghosts::api::ApiError::Timeout(
        std::time::Duration::from_secs(20),
    ));
    let why = form(&app).save_error.clone().expect("the reason is shown");
    assert!(why.contains("may have saved"), "{why:?}");
    save_request(&send(&mut app, [ctrl('s')]));
}
