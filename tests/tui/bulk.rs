//! Bulk delete through `update` (typed confirm, progress, stop, results, retry), its
//! snapshots, and the journal's recovery.

use crossterm::event::KeyCode;
use ghosts::tui::App;
use ghosts::tui::app::Modal;
use ghosts::tui::bulk::{BulkDelete, Items, Outcome, Phase};
use ghosts::tui::journal::{self, Entry, JournalGhost};
use ghosts::tui::msg::{Effect, ReqId};

use crate::fixtures::*;
use crate::render::screen;

/// Ghosts 1..=8 loaded, 1, 2, 3, 5 and 7 marked; a journal path that is never written
/// (here effects are only data).
fn marked_app(w: u16, h: u16) -> App {
    let mut app = loaded(w, h, ghosts(1, 8), 8);
    app.journal_path = Some("/nonexistent/journal.jsonl".into());
    send(
        &mut app,
        [
            ch(' '),
            ch(' '),
            ch(' '),
            ch('j'),
            ch(' '),
            ch('j'),
            ch(' '),
        ],
    );
    assert_eq!(app.marks.len(), 5);
    app
}

fn bulk(app: &App) -> &BulkDelete {
    match &app.modal {
        Some(Modal::Bulk(bulk)) => bulk,
        other => panic!("no bulk delete: {other:?}"),
    }
}

fn deletes(effects: &[Effect]) -> Vec<(ReqId, i64)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::DeleteGhost { req_id, id } => Some((*req_id, *id)),
            _ => None,
        })
        .collect()
}

fn the_delete(effects: &[Effect]) -> (ReqId, i64) {
    let all = deletes(effects);
    assert_eq!(all.len(), 1, "one DELETE at a time: {effects:?}");
    all[0]
}

/// The journal entries among `effects`.
pub(crate) fn journal(effects: &[Effect]) -> Vec<Entry> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Journal { entry, .. } => Some(entry.clone()),
            _ => None,
        })
        .collect()
}

fn confirmed(app: &mut App) -> Vec<Effect> {
    send(app, [ch('d')]);
    let mut fx = send(app, typed("5"));
    fx.extend(send(app, [key(KeyCode::Enter)]));
    fx
}

fn outcomes(app: &App) -> Vec<(i64, Outcome)> {
    bulk(app)
        .items
        .iter()
        .map(|i| (i.id, i.outcome.clone()))
        .collect()
}

#[test]
fn the_typed_count_must_be_right() {
    let mut app = marked_app(80, 24);
    send(&mut app, [ch('d')]);
    assert_eq!(bulk(&app).items.len(), 5);
    let mut fx = send(&mut app, typed("4"));
    fx.extend(send(&mut app, [key(KeyCode::Enter)]));
    assert!(fx.is_empty(), "a wrong number sends nothing: {fx:?}");
    match &bulk(&app).phase {
        Phase::Confirm { error: Some(e), .. } => assert!(e.contains("Type 5"), "{e}"),
        other => panic!("still asking, saying why: {other:?}"),
    }
    // Letters are not a number either; Esc closes with nothing sent.
    send(&mut app, [key(KeyCode::Backspace)]);
    assert!(
        send(
            &mut app,
            typed("five").into_iter().chain([key(KeyCode::Enter)])
        )
        .is_empty()
    );
    assert!(send(&mut app, [key(KeyCode::Esc)]).is_empty());
    assert!(app.modal.is_none());
    assert_eq!(app.marks.len(), 5, "cancelling keeps the marks");
}

#[test]
fn deletes_go_one_by_one_with_results_for_404_and_failures() {
    let mut app = marked_app(80, 24);
    let fx = confirmed(&mut app);
    let start = journal(&fx);
    assert!(
        matches!(&start[..], [Entry::Start { kind, ghosts, .. }] if kind == "delete" && ghosts.len() == 5),
        "{start:?}"
    );
    let (req, id) = the_delete(&fx);
    assert_eq!(id, 1);
    // Deleted: it leaves the list and the marks; the next one goes.
    let fx = send(&mut app, [deleted(req, Ok(()))]);
    assert!(
        matches!(&journal(&fx)[..], [Entry::Result { id: 1, outcome, .. }] if outcome == "deleted")
    );
    assert!(!app.list.ids.contains(&1));
    assert_eq!(app.list.total, Some(7));
    assert!(!app.marks.contains(1));
    assert_eq!(bulk(&app).done_count(), 1);
    let (req, id) = the_delete(&fx);
    assert_eq!(id, 2);
    // A stale answer (an old request id) changes nothing.
    assert!(send(&mut app, [deleted(ReqId(1), Ok(()))]).is_empty());
    // 404: already gone, leaves the list too.
    let (req, _) = the_delete(&send(
        &mut app,
        [deleted(req, Err(status_error(404, "gone")))],
    ));
    // 500: failed, stays listed and marked.
    let fx = send(&mut app, [deleted(req, Err(server_error()))]);
    assert!(
        matches!(&journal(&fx)[..], [Entry::Result { id: 3, outcome, reason: Some(_), .. }] if outcome == "failed")
    );
    assert!(app.list.ids.contains(&3) && app.marks.contains(3));
    let (req, _) = the_delete(&fx);
    let (req, _) = the_delete(&send(&mut app, [deleted(req, Ok(()))]));
    let fx = send(&mut app, [deleted(req, Ok(()))]);
    assert!(deletes(&fx).is_empty());
    assert!(matches!(
        &journal(&fx)[..],
        [Entry::Result { .. }, Entry::End { .. }]
    ));
    assert!(matches!(bulk(&app).phase, Phase::Done));
    let results = outcomes(&app);
    assert_eq!(results[0], (1, Outcome::Deleted));
    assert_eq!(results[1], (2, Outcome::Gone));
    assert!(
        matches!(&results[2], (3, Outcome::Failed(why)) if why.contains("503")),
        "{results:?}"
    );
    assert_eq!(app.list.total, Some(4));
    assert_eq!(
        app.marks.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        vec![3]
    );
    // r retries only the failed one.
    let fx = send(&mut app, [ch('r')]);
    assert_eq!(the_delete(&fx).1, 3);
    assert!(matches!(&journal(&fx)[..], [Entry::Start { ghosts, .. }] if ghosts.len() == 1));
}

#[test]
fn esc_stops_after_the_current_ghost_and_retry_takes_the_rest() {
    let mut app = marked_app(80, 24);
    let (req, _) = the_delete(&confirmed(&mut app));
    let (req, _) = the_delete(&send(&mut app, [deleted(req, Ok(()))]));
    // Esc while the second is on its way: nothing is sent, the answer still counts.
    assert!(send(&mut app, [key(KeyCode::Esc)]).is_empty());
    assert!(matches!(
        bulk(&app).phase,
        Phase::Running { stopping: true, .. }
    ));
    let fx = send(&mut app, [deleted(req, Err(server_error()))]);
    assert!(deletes(&fx).is_empty(), "stopped: {fx:?}");
    assert!(matches!(journal(&fx).last(), Some(Entry::End { .. })));
    let results = outcomes(&app);
    assert_eq!(results[0].1, Outcome::Deleted);
    assert!(matches!(results[1].1, Outcome::Failed(_)));
    assert!(
        results[2..]
            .iter()
            .all(|(_, o)| *o == Outcome::NotAttempted),
        "{results:?}"
    );
    // Retry: the failed one and the three not attempted, in order.
    let mut fx = send(&mut app, [ch('r')]);
    let mut tried = Vec::new();
    while let [(req, id)] = deletes(&fx)[..] {
        tried.push(id);
        fx = send(&mut app, [deleted(req, Ok(()))]);
    }
    assert_eq!(tried, vec![2, 3, 5, 7]);
    assert_eq!(app.list.total, Some(3));
    assert!(app.marks.is_empty());
    assert!(send(&mut app, [key(KeyCode::Enter)]).is_empty());
    assert!(app.modal.is_none());
}

#[test]
fn marks_across_pages_are_all_deleted_even_out_of_view() {
    let mut app = loaded(80, 24, ghosts(1, 100), 150);
    send(&mut app, [ch(' ')]);
    let (req, _, _) = only_fetch(&send(&mut app, [ch('G')]));
    send(&mut app, [page_answer(req, page(ghosts(101, 50), 2, 150))]);
    send(&mut app, [ch('G'), ch(' ')]);
    // A search that shows neither.
    let mut fx = send(&mut app, [ch('/')]);
    fx.extend(send(&mut app, typed("zz")));
    fx.extend(send(&mut app, [key(KeyCode::Enter)]));
    let (req, _, _) = fetches(&fx).pop().expect("the search's fetch");
    send(
        &mut app,
        [page_answer(req, page(vec![ghost(900, "Zz")], 1, 1))],
    );
    let mut fx = send(&mut app, [ch('d'), ch('2'), key(KeyCode::Enter)]);
    let mut tried = Vec::new();
    while let [(req, id)] = deletes(&fx)[..] {
        tried.push(id);
        fx = send(&mut app, [deleted(req, Ok(()))]);
    }
    assert_eq!(tried, vec![1, 150]);
    assert!(app.marks.is_empty());
    assert_eq!(app.list.ids.len(), 1, "the search's ghost stays");
}

#[test]
fn bulk_delete_snapshots() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut app = marked_app(w, h);
        send(&mut app, [ch('d')]);
        send(&mut app, typed("4"));
        send(&mut app, [key(KeyCode::Enter)]);
        insta::assert_snapshot!(format!("bulk_confirm_wrong_{w}x{h}"), screen(&app));
        send(&mut app, [key(KeyCode::Backspace), ch('5')]);
        let (req, _) = the_delete(&send(&mut app, [key(KeyCode::Enter)]));
        let (req, _) = the_delete(&send(&mut app, [deleted(req, Ok(()))]));
        let (req, _) = the_delete(&send(
            &mut app,
            [deleted(req, Err(status_error(404, "gone")))],
        ));
        let (req, _) = the_delete(&send(&mut app, [deleted(req, Err(server_error()))]));
        insta::assert_snapshot!(format!("bulk_progress_{w}x{h}"), screen(&app));
        send(&mut app, [key(KeyCode::Esc), deleted(req, Ok(()))]);
        insta::assert_snapshot!(format!("bulk_results_{w}x{h}"), screen(&app));
    }
}

fn line(entry: &Entry) -> String {
    serde_json::to_string(entry).expect("an entry serializes")
}

fn start(op: &str, n: i64) -> Entry {
    start_of("delete", op, n)
}

fn start_of(kind: &str, op: &str, n: i64) -> Entry {
    Entry::Start {
        op: op.into(),
        kind: kind.into(),
        ghosts: (1..=n)
            .map(|id| JournalGhost {
                id: Some(id),
                name: format!("G{id}"),
            })
            .collect(),
    }
}

fn result(op: &str, id: i64, outcome: &str) -> Entry {
    Entry::Result {
        op: op.into(),
        id,
        outcome: outcome.into(),
        reason: None,
    }
}

#[test]
fn the_journal_finds_an_unfinished_operation_and_skips_corrupt_lines() {
    let text = [
        line(&start("a", 2)),
        line(&result("a", 1, "deleted")),
        line(&Entry::End { op: "a".into() }),
        line(&start("b", 5)),
        "{not json".into(),
        line(&result("b", 1, "deleted")),
        line(&result("b", 2, "gone")),
        r#"{"event":"result","op":"b"}"#.into(),
        line(&result("b", 3, "failed")),
        "\u{0}\u{1} garbage".into(),
    ]
    .join("\n");
    let (found, skipped) = journal::recover(&text);
    assert_eq!(skipped, 3);
    let found = found.expect("b never ended");
    assert_eq!(found.op, "b");
    // Named with their ids: ghosts often share a name.
    assert_eq!(found.changed, vec!["G1 #1", "G2 #2"]);
    assert_eq!(found.failed, vec!["G3 #3"]);
    assert_eq!(found.not_attempted, vec!["G4 #4", "G5 #5"]);
    assert_eq!(
        found.summary(),
        "An earlier bulk delete was interrupted: 2 of 5 deleted, 1 failed, 2 not attempted: G4 #4, G5 #5"
    );
    // Ended or acknowledged: nothing to show.
    for last in [
        Entry::End { op: "b".into() },
        Entry::Acknowledged { op: "b".into() },
    ] {
        let text = format!("{text}\n{}\n", line(&last));
        assert_eq!(journal::recover(&text).0, None);
    }
    assert_eq!(journal::recover("").0, None);
}

#[test]
fn an_unfinished_bulk_update_counts_its_updated_ghosts() {
    let text = [
        line(&start_of("update", "u", 4)),
        line(&result("u", 1, "updated")),
        line(&result("u", 2, "updated")),
        line(&result("u", 3, "failed")),
    ]
    .join("\n");
    let found = journal::recover(&text).0.expect("u never ended");
    assert_eq!(found.changed, vec!["G1 #1", "G2 #2"]);
    assert_eq!(
        found.summary(),
        "An earlier bulk update was interrupted: 2 of 4 updated, 1 failed, 1 not attempted: G4 #4"
    );
}

#[test]
fn the_journal_is_appended_and_read_back_from_a_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("state/ghosts/journal.jsonl");
    assert_eq!(journal::read(&path), None, "no file, nothing to recover");
    for entry in [start("c", 3), result("c", 2, "deleted")] {
        journal::append(&path, &entry).expect("append");
    }
    let found = journal::read(&path).expect("c never ended");
    assert_eq!(found.changed, vec!["G2 #2"]);
    assert_eq!(found.not_attempted, vec!["G1 #1", "G3 #3"]);
    // A directory where the file should be is an unreadable journal, not a crash.
    assert_eq!(journal::read(dir.path()), None);
}

#[test]
fn the_interrupted_notice_is_dismissed_and_acknowledged() {
    let mut app = loaded(80, 24, ghosts(1, 3), 3);
    app.journal_path = Some("/nonexistent/journal.jsonl".into());
    let text = [line(&start("b", 3)), line(&result("b", 1, "deleted"))].join("\n");
    let mut notice = journal::recover(&text).0.expect("interrupted");
    notice.failed = vec!["G9 (failed before)".into()];
    app.modal = Some(Modal::Interrupted(Box::new(notice)));
    insta::assert_snapshot!("interrupted_notice_80x24", screen(&app));
    // Keys for the list do nothing meanwhile.
    assert!(send(&mut app, [ch('j')]).is_empty());
    assert_eq!(app.cursor, 0);
    let fx = send(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(journal(&fx), vec![Entry::Acknowledged { op: "b".into() }]);
    assert!(app.modal.is_none());
}

#[test]
fn a_spent_quota_stops_the_run_and_leaves_the_rest_not_attempted() {
    let mut app = marked_app(80, 24);
    let (req, _) = the_delete(&confirmed(&mut app));
    let (req, _) = the_delete(&send(&mut app, [deleted(req, Ok(()))]));
    // The second answer says the hourly quota is spent: nothing more may be sent.
    let fx = send(&mut app, [deleted(req, Err(crate::budget::spent(600)))]);
    assert!(
        deletes(&fx).is_empty(),
        "nothing sent while the quota is spent: {fx:?}"
    );
    assert!(
        matches!(journal(&fx).last(), Some(Entry::End { .. })),
        "{fx:?}"
    );
    assert!(matches!(bulk(&app).phase, Phase::Done));
    let results = outcomes(&app);
    assert_eq!(results[0].1, Outcome::Deleted);
    assert!(matches!(results[1].1, Outcome::Failed(_)), "{results:?}");
    assert!(
        results[2..]
            .iter()
            .all(|(_, o)| *o == Outcome::NotAttempted),
        "{results:?}"
    );
    assert!(app.pending.is_empty(), "nothing left waiting");
}

/// The footer offers `r` only when there is something to retry.
#[test]
fn the_results_footer_offers_retry_only_when_something_failed() {
    let footer = |app: &App| {
        crate::render::screen(app)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    for fail_one in [false, true] {
        let mut app = marked_app(80, 24);
        let mut fx = confirmed(&mut app);
        for n in 0..5 {
            let (req, _) = the_delete(&fx);
            let result = if fail_one && n == 2 {
                Err(server_error())
            } else {
                Ok(())
            };
            fx = send(&mut app, [deleted(req, result)]);
        }
        assert!(matches!(bulk(&app).phase, Phase::Done));
        let shown = footer(&app);
        assert_eq!(shown.contains("r retry"), fail_one, "{shown}");
    }
}
