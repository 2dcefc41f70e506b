//! Bulk delete end to end: keys into the real event loop, the real client, a sandbox
//! that fails one ghost on purpose (until the test lifts the fault); then the
//! sandbox's state, its request log and the journal file are read back.

use crossterm::event::KeyCode;
use ghosts::api::{Client, GhostFilter, Id, ListQuery};
use ghosts::sandbox::{Faults, SandboxOptions};
use ghosts::tui::journal::{self, Entry};

use crate::writes::Run;

const SEEDED: usize = 150;

/// The ghosts the app will list on pages 1 and 2 (the sandbox is seeded alike each
/// time), read from a sandbox of its own so the real one sees only the app.
async fn listed() -> (Vec<ghosts::api::Ghost>, u64) {
    let probe = ghosts::sandbox::start(Run::options(SEEDED))
        .await
        .expect("sandbox");
    let client = Client::new(probe.client_config()).expect("client");
    let mut all = Vec::new();
    let mut total = 0;
    for page in 1..=2 {
        let query = ListQuery {
            filter: GhostFilter::default(),
            page,
            rows: 100,
        };
        let data = client.list_ghosts(&query).await.expect("list").data;
        total = data.total;
        all.extend(data.data);
    }
    probe.shutdown().await;
    (all, total)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marks_across_two_pages_are_deleted_one_by_one_and_a_failure_is_retried() {
    let (listed, total) = listed().await;
    assert!((101..=200).contains(&total), "two pages: {total}");
    let last = usize::try_from(total).expect("small") - 1;
    let picked = [listed[0].clone(), listed[1].clone(), listed[last].clone()];
    let mut ids: Vec<Id> = picked.iter().map(|g| g.id).collect();
    ids.sort_unstable();
    // Deletes go in id order: the middle one fails.
    let failing = ids[1];
    let dir = tempfile::tempdir().expect("temp dir");
    let journal_path = dir.path().join("ghosts/journal.jsonl");
    let options = failing_on(failing);
    let run = Run::start_with(options, Some(journal_path.clone())).await;
    assert_eq!(
        run.before.ghosts[0].id, picked[0].id,
        "the same seed, the same ghosts"
    );

    mark_across_two_pages(&run, total).await;
    run.press(KeyCode::Char('d'));
    run.wait_screen("Delete 3 ghosts").await;
    run.type_text("3");
    run.press(KeyCode::Enter);
    run.wait_screen("2 deleted · 0 already gone · 1 failed · 0 not attempted")
        .await;
    let failed_line = |screen: String| {
        let line = screen
            .lines()
            .find(|l| l.contains('✗'))
            .map(|l| l[l.find('✗').unwrap_or(0)..].to_string());
        line.unwrap_or_else(|| panic!("a failed line in\n{screen}"))
    };
    let first = failed_line(run.screen());
    assert!(
        first.contains(&format!("#{failing} — failed: the server had a problem")),
        "{first}"
    );

    // The fault still holds: the retry fails again, for the same reason.
    run.press(KeyCode::Char('r'));
    run.wait_for("the retry", |r| {
        r.count("DELETE", &format!("/ghosts/{failing}")) == 2
    })
    .await;
    run.wait_screen("0 deleted · 0 already gone · 1 failed · 0 not attempted")
        .await;
    let again = failed_line(run.screen());
    assert_eq!(
        again.split('│').next(),
        first.split('│').next(),
        "the same reason"
    );
    // Lifted, the next retry deletes it.
    run.sandbox.set_faults(Faults::default());
    run.press(KeyCode::Char('r'));
    run.wait_screen("1 deleted · 0 already gone · 0 failed · 0 not attempted")
        .await;
    run.press(KeyCode::Enter);
    run.wait_gone("Bulk delete").await;
    let (app, sandbox, client, requests, before) = run.quit().await;

    let deletes: Vec<(String, u16)> = requests
        .iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| (r.path.clone(), r.status))
        .collect();
    let statuses: Vec<u16> = deletes.iter().map(|d| d.1).collect();
    assert_eq!(statuses, vec![204, 500, 204, 500, 204], "{deletes:?}");
    for (i, id) in [ids[0], ids[1], ids[2], ids[1], ids[1]]
        .into_iter()
        .enumerate()
    {
        assert!(
            deletes[i].0.ends_with(&format!("/ghosts/{id}")),
            "{deletes:?}"
        );
    }
    assert_eq!(
        requests.len(),
        7,
        "two pages and five DELETEs: {requests:?}"
    );

    // The app: three fewer, no marks left.
    assert_eq!(app.list.total, Some(before.total - 3));
    assert!(ids.iter().all(|id| !app.list.ids.contains(id)));
    assert!(app.marks.is_empty());

    // The sandbox: all three are gone.
    let query = ListQuery {
        filter: GhostFilter {
            ghost_ids: ids.clone(),
            ..GhostFilter::default()
        },
        page: 1,
        rows: 100,
    };
    let left = client.list_ghosts(&query).await.expect("list").data;
    assert!(left.data.is_empty(), "{:?}", left.data);

    // The journal: three runs, each started, every result, each ended.
    let text = std::fs::read_to_string(&journal_path).expect("the journal");
    let entries: Vec<Entry> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a journal line"))
        .collect();
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| match e {
            Entry::Start { .. } => "start",
            Entry::Result { outcome, .. } | Entry::Chunk { outcome, .. } => outcome.as_str(),
            Entry::End { .. } => "end",
            Entry::Acknowledged { .. } => "ack",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "start", "deleted", "failed", "deleted", "end", "start", "failed", "end", "start",
            "deleted", "end"
        ]
    );
    assert_eq!(
        journal::read(&journal_path),
        None,
        "nothing left unfinished"
    );
    sandbox.shutdown().await;
}

/// Every ghost whose name holds `search`, embodied too, by name.
async fn named_like(client: &Client, search: &str) -> Vec<String> {
    let query = ListQuery {
        filter: GhostFilter {
            search: search.into(),
            include_embodied: true,
            ..GhostFilter::default()
        },
        page: 1,
        rows: 100,
    };
    let mut names: Vec<String> = client
        .list_ghosts(&query)
        .await
        .expect("list")
        .data
        .data
        .into_iter()
        .map(|g| g.name)
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_create_from_a_template_and_from_a_pasted_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal_path = dir.path().join("ghosts/journal.jsonl");
    let run = Run::start_with(Run::options(30), Some(journal_path.clone())).await;
    // Someone else already made #4: numbering goes on after it.
    let taken = ghosts::api::NewGhost {
        name: "Zeta tester #4".into(),
        description: None,
        assign_projects: None,
        assign_tasks: None,
        assign_teams: None,
    };
    run.client.bulk_create(&[taken]).await.expect("create #4");

    run.press(KeyCode::Char('N'));
    run.wait_screen("Create many ghosts").await;
    run.press(KeyCode::Tab);
    run.type_text("Zeta tester #{n}");
    run.press(KeyCode::Tab);
    run.type_text("3");
    run.press(KeyCode::Tab);
    run.type_text("Hired in Q1");
    run.ctrl('s');
    run.wait_screen("Create 3 ghosts: preview").await;
    run.wait_screen("Numbered after 4").await;
    run.press(KeyCode::Enter);
    run.wait_screen("3 created · 0 failed · 0 unknown · 0 not attempted")
        .await;
    run.press(KeyCode::Enter);
    run.wait_gone("Bulk create").await;

    run.press(KeyCode::Char('N'));
    run.wait_screen("Create many ghosts").await;
    run.paste("Omega one\n\n  Omega two  \nOmega one\n");
    run.wait_screen("3 names · given more than once").await;
    run.ctrl('s');
    run.wait_screen("Create 3 ghosts: preview").await;
    run.press(KeyCode::Enter);
    run.wait_screen("3 created · 0 failed").await;
    run.press(KeyCode::Enter);
    run.wait_gone("Bulk create").await;
    let (app, sandbox, client, requests, before) = run.quit().await;

    assert_eq!(
        named_like(&client, "Zeta tester").await,
        [
            "Zeta tester #4",
            "Zeta tester #5",
            "Zeta tester #6",
            "Zeta tester #7"
        ]
    );
    assert_eq!(
        named_like(&client, "Omega").await,
        ["Omega one", "Omega one", "Omega two"]
    );
    // One check (its search) and two chunks: no reload.
    let app_posts = requests
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/ghosts/bulk_create"))
        .count();
    assert_eq!(
        app_posts, 3,
        "the test's own and the app's two: {requests:?}"
    );
    let gets: Vec<_> = requests.iter().filter(|r| r.method == "GET").collect();
    assert_eq!(gets.len(), 2, "page 1 and the numbering check: {gets:?}");
    // The app lists them (the seeded 30 fit one page) with the total up by six (the
    // test's own #4 was made after the app loaded).
    assert_eq!(app.list.total, Some(before.total + 6));
    assert!(app.list.ghosts.iter().any(|g| g.name == "Zeta tester #7"));
    let text = std::fs::read_to_string(&journal_path).expect("the journal");
    assert_eq!(text.lines().filter(|l| l.contains("\"chunk\"")).count(), 2);
    assert_eq!(journal::read(&journal_path), None, "both runs ended");
    sandbox.shutdown().await;
}

/// The seeded sandbox, with every request about ghost `id` failing.
fn failing_on(id: Id) -> SandboxOptions {
    SandboxOptions {
        faults: Faults {
            fail_ghost_ids: vec![id],
            ..Faults::default()
        },
        ..Run::options(SEEDED)
    }
}

/// Marks the first two ghosts of page 1 and the last of page 2 (which it loads).
async fn mark_across_two_pages(run: &Run, total: u64) {
    run.press(KeyCode::Char(' '));
    run.press(KeyCode::Char(' '));
    run.press(KeyCode::Char('G'));
    run.wait_for("page 2", |r| r.count("GET", "/ghosts") == 2)
        .await;
    let end = format!("{total} of {total}");
    run.wait_for("the cursor on the last ghost", |r| {
        r.press(KeyCode::End);
        r.screen().contains(&end)
    })
    .await;
    run.press(KeyCode::Char(' '));
    run.wait_screen("3 marked").await;
}

/// `e`, the team `name` picked (add, the default), previewed and sent.
async fn bulk_assign_team(run: &Run, name: &str) {
    run.press(KeyCode::Char('e'));
    run.wait_screen("Edit 3 marked ghosts").await;
    for _ in 0..3 {
        run.press(KeyCode::Tab);
    }
    run.press(KeyCode::Enter);
    run.wait_screen("Choose teams").await;
    run.wait_screen("0 chosen").await;
    // Space would choose: the first word filters well enough.
    run.type_text(name.split(' ').next().unwrap_or(name));
    run.press(KeyCode::Char(' '));
    run.press(KeyCode::Enter);
    run.wait_gone("Choose teams").await;
    run.ctrl('s');
    run.wait_screen("3 of 3 ghosts change: 1 request").await;
    run.press(KeyCode::Enter);
}

/// The team to assign: one none of `ghosts` is in yet.
async fn a_new_team(client: &Client, ghosts: &[ghosts::api::Ghost]) -> ghosts::api::Team {
    let teams = client.all_teams().await.expect("teams").data;
    teams
        .into_iter()
        .find(|t| ghosts.iter().all(|g| !g.assigned.team_ids.contains(&t.id)))
        .expect("a team none of them is in")
}

/// The teams of each of `ids`, read by listing (a failing ghost's own path fails).
async fn team_ids_of(client: &Client, ids: &[Id]) -> Vec<Vec<Id>> {
    let query = ListQuery {
        filter: GhostFilter {
            ghost_ids: ids.to_vec(),
            ..GhostFilter::default()
        },
        page: 1,
        rows: 100,
    };
    let found = client.list_ghosts(&query).await.expect("list").data.data;
    assert_eq!(found.len(), ids.len(), "all still there");
    found.into_iter().map(|g| g.assigned.team_ids).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marks_across_two_pages_are_bulk_assigned_a_team_in_one_request() {
    let (listed, total) = listed().await;
    let last = usize::try_from(total).expect("small") - 1;
    let picked = [listed[0].clone(), listed[1].clone(), listed[last].clone()];
    let ids: Vec<Id> = picked.iter().map(|g| g.id).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let journal_path = dir.path().join("ghosts/journal.jsonl");
    let run = Run::start_with(Run::options(SEEDED), Some(journal_path.clone())).await;
    let team = a_new_team(&run.client, &picked).await;

    mark_across_two_pages(&run, total).await;
    bulk_assign_team(&run, &team.name).await;
    run.wait_screen("3 updated · 0 not changed").await;
    run.press(KeyCode::Enter);
    run.wait_gone("Bulk edit").await;
    let (app, sandbox, client, requests, _) = run.quit().await;

    let patches: Vec<&str> = requests
        .iter()
        .filter(|r| r.method == "PATCH")
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(patches.len(), 1, "one bulk_update: {patches:?}");
    assert!(patches[0].ends_with("/ghosts/bulk_update"));
    // The sandbox: each has the team, and kept the teams it had.
    for (ghost, teams) in picked.iter().zip(team_ids_of(&client, &ids).await) {
        assert!(teams.contains(&team.id), "{teams:?}");
        assert!(ghost.assigned.team_ids.iter().all(|t| teams.contains(t)));
    }
    // The app: the list and the marks show it without a reload.
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.method == "GET" && r.path.ends_with("/ghosts"))
            .count(),
        2
    );
    let shown = app
        .list
        .ghosts
        .iter()
        .find(|g| g.id == ids[2])
        .expect("listed");
    assert!(shown.assigned.team_ids.contains(&team.id));
    assert!(
        app.marks
            .ghosts()
            .all(|g| g.assigned.team_ids.contains(&team.id))
    );
    assert_eq!(journal::read(&journal_path), None, "the run ended");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_edit_chunk_failing_on_one_ghost_changes_none_and_the_retry_changes_all() {
    let (listed, total) = listed().await;
    let last = usize::try_from(total).expect("small") - 1;
    let picked = [listed[0].clone(), listed[1].clone(), listed[last].clone()];
    let ids: Vec<Id> = picked.iter().map(|g| g.id).collect();
    let failing = ids[1];
    let options = failing_on(failing);
    let dir = tempfile::tempdir().expect("temp dir");
    let journal_path = dir.path().join("ghosts/journal.jsonl");
    let run = Run::start_with(options, Some(journal_path.clone())).await;
    let team = a_new_team(&run.client, &picked).await;

    mark_across_two_pages(&run, total).await;
    bulk_assign_team(&run, &team.name).await;
    // All or nothing: the chunk failed for one ghost, so none changed.
    run.wait_screen("0 updated · 3 not changed").await;
    assert!(
        run.screen()
            .contains(&format!("injected failure for ghost {failing}")),
        "the server's reason:\n{}",
        run.screen()
    );
    for teams in team_ids_of(&run.client, &ids).await {
        assert!(!teams.contains(&team.id), "nothing written: {teams:?}");
    }
    run.sandbox.set_faults(Faults::default());
    run.press(KeyCode::Char('r'));
    run.wait_screen("3 updated · 0 not changed").await;
    run.press(KeyCode::Enter);
    let (_, sandbox, client, requests, _) = run.quit().await;
    let statuses: Vec<u16> = requests
        .iter()
        .filter(|r| r.method == "PATCH")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![500, 200]);
    for teams in team_ids_of(&client, &ids).await {
        assert!(teams.contains(&team.id), "{teams:?}");
    }
    // Two runs, each started, every result, each ended.
    let text = std::fs::read_to_string(&journal_path).expect("the journal");
    let outcomes: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<Entry>(l).expect("a journal line"))
        .map(|e| match e {
            Entry::Start { kind, .. } => kind,
            Entry::Result { outcome, .. } | Entry::Chunk { outcome, .. } => outcome,
            Entry::End { .. } => "end".into(),
            Entry::Acknowledged { .. } => "ack".into(),
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            "update", "failed", "failed", "failed", "end", "update", "updated", "updated",
            "updated", "end"
        ]
    );
    sandbox.shutdown().await;
}
