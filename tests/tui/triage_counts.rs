//! The triage overview end to end: keys into the real event loop, the real client, the
//! sandbox; its counts are then compared with counts made here from the same pages.

use std::collections::HashMap;

use crossterm::event::KeyCode;
use ghosts::api::{Client, GhostFilter, Id, ListQuery};
use ghosts::tui::triage::CountRow;

use crate::writes::Run;

const SEEDED: usize = 250;

/// Every open ghost, page by page, counted per project and per team.
async fn expected(client: &Client) -> (u64, Vec<(Option<Id>, u64)>, Vec<(Option<Id>, u64)>) {
    let (mut projects, mut teams) = (HashMap::new(), HashMap::new());
    let mut ghosts = 0;
    for page in 1.. {
        let query = ListQuery {
            filter: GhostFilter::default(),
            page,
            rows: 100,
        };
        let data = client.list_ghosts(&query).await.expect("list").data;
        if data.data.is_empty() {
            break;
        }
        for ghost in &data.data {
            ghosts += 1;
            let a = &ghost.assigned;
            let mut ps: Vec<Option<Id>> = a.projects.iter().map(|p| Some(p.id)).collect();
            let mut ts: Vec<Option<Id>> = a.team_ids.iter().copied().map(Some).collect();
            for (ids, counts) in [(&mut ps, &mut projects), (&mut ts, &mut teams)] {
                if ids.is_empty() {
                    ids.push(None);
                }
                for id in ids.iter() {
                    *counts.entry(*id).or_insert(0u64) += 1;
                }
            }
        }
    }
    let sorted = |m: HashMap<Option<Id>, u64>| {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort();
        v
    };
    (ghosts, sorted(projects), sorted(teams))
}

fn by_id(rows: &[CountRow]) -> Vec<(Option<Id>, u64)> {
    let mut v: Vec<_> = rows.iter().map(|r| (r.id, r.count)).collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overview_counts_every_page_as_the_client_does() {
    let run = Run::start_with(Run::options(SEEDED), None).await;
    let total = run.before.total;
    let pages = total.div_ceil(100);
    assert!(pages >= 2, "several pages: {total}");
    run.press(KeyCode::Char('T'));
    run.wait_screen("Spend requests?").await;
    assert_eq!(run.count("GET", "/ghosts"), 1, "nothing sent before y");
    assert!(
        run.screen().contains(&format!("{pages} pages")),
        "{}",
        run.screen()
    );
    run.press(KeyCode::Char('y'));
    run.wait_screen(&format!("{total} open ghosts · as of"))
        .await;
    // Closed and opened again: shown at once, no request.
    let sent = run.requests().len();
    run.press(KeyCode::Esc);
    run.wait_gone("Triage:").await;
    run.press(KeyCode::Char('T'));
    run.wait_screen("open ghosts · as of").await;
    assert_eq!(run.requests().len(), sent);
    // Enter on the second row (the first is "no project" in this seed): its list.
    run.press(KeyCode::Char('j'));
    run.press(KeyCode::Enter);
    run.wait_screen("Filters: project:").await;
    let (app, sandbox, client, requests, _) = run.quit().await;

    let result = app.triage.result.as_ref().expect("a count");
    let (ghosts, projects, teams) = expected(&client).await;
    assert_eq!(result.ghosts, ghosts);
    assert_eq!(ghosts, total);
    assert_eq!(by_id(&result.projects), projects);
    assert_eq!(by_id(&result.teams), teams);
    // The project's count is the filtered list's total.
    let row = &result.projects[1];
    assert_eq!(app.list.total, Some(row.count));
    assert_eq!(
        app.filter.project_ids,
        row.id.into_iter().collect::<Vec<_>>()
    );

    // Pages 1..=N once each, in order, between the list's first page and the filtered one.
    let counted: Vec<String> = requests
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/ghosts"))
        .map(|r| r.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(counted.len() as u64, 1 + pages + 1, "{counted:?}");
    for (i, query) in counted[1..=pages as usize].iter().enumerate() {
        assert!(query.contains(&format!("page={}", i + 1)), "{counted:?}");
        assert!(
            query.contains("rows=100") && !query.contains("search"),
            "{query}"
        );
    }
    sandbox.shutdown().await;
}
