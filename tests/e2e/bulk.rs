//! Bulk edit through the real binary's screen: ghosts marked on two pages get a team in
//! one `bulk_update`, and the sandbox has it afterwards.

use ghosts::api::{Ghost, GhostFilter, Id, ListQuery, Team};

use crate::harness::server::{Server, options};
use crate::harness::{Session, TIMEOUT, loading, position};

/// The first two ghosts of page 1, the last of page 2, and a team none of them is in.
fn picked(server: &Server) -> (Vec<Ghost>, Team) {
    server.ask(|client| async move {
        let mut listed = Vec::new();
        for page in 1..=2 {
            let query = ListQuery {
                filter: GhostFilter::default(),
                page,
                rows: 100,
            };
            listed.extend(client.list_ghosts(&query).await.expect("list").data.data);
        }
        let last = listed.len() - 1;
        let picked = vec![listed[0].clone(), listed[1].clone(), listed[last].clone()];
        let team = client
            .all_teams()
            .await
            .expect("teams")
            .data
            .into_iter()
            .find(|t| picked.iter().all(|g| !g.assigned.team_ids.contains(&t.id)))
            .expect("a team none of them is in");
        (picked, team)
    })
}

fn teams_of(server: &Server, ids: Vec<Id>) -> Vec<Vec<Id>> {
    server.ask(|client| async move {
        let query = ListQuery {
            filter: GhostFilter {
                ghost_ids: ids,
                ..GhostFilter::default()
            },
            page: 1,
            rows: 100,
        };
        let found = client.list_ghosts(&query).await.expect("list").data.data;
        found.into_iter().map(|g| g.assigned.team_ids).collect()
    })
}

#[test]
fn ghosts_marked_on_two_pages_are_bulk_assigned_a_team() {
    let server = Server::start(options(150));
    let (picked, team) = picked(&server);
    let ids: Vec<Id> = picked.iter().map(|g| g.id).collect();
    let before = server.requests().len();
    let mut session = Session::start_on(server);
    let total = session.wait_for_data();
    assert!((101..=200).contains(&total), "two pages: {total}");

    // Two on page 1; then to the last ghost (loading page 2) and mark it.
    session.pty.send("  ");
    let mut at = 0;
    while at < total {
        session.pty.send("G");
        let screen = session.pty.wait_for("G to move on", TIMEOUT, |s| {
            position(s).is_some_and(|(now, _)| now > at) && !loading(s)
        });
        at = position(&screen).map(|(now, _)| now).unwrap_or(at);
    }
    session.pty.send(" ");
    session
        .pty
        .wait_for("3 marked", TIMEOUT, |s| s.contains("3 marked"));

    session.pty.send("e");
    session.pty.wait_for("the bulk form", TIMEOUT, |s| {
        s.contains("Edit 3 marked ghosts")
    });
    session.pty.send("\t\t\t\r");
    session
        .pty
        .wait_for("the teams picker", TIMEOUT, |s| s.contains("0 chosen"));
    // Space chooses, so only the first word is typed to filter.
    session
        .pty
        .send(team.name.split(' ').next().unwrap_or(&team.name));
    session.pty.send(" \r");
    session.pty.wait_for("the picker closed", TIMEOUT, |s| {
        !s.contains("Choose teams")
    });
    session.pty.send("\x13");
    session.pty.wait_for("the preview", TIMEOUT, |s| {
        s.contains("3 of 3 ghosts change: 1 request")
    });
    session.pty.send("\r");
    let screen = session.pty.wait_for("the results", TIMEOUT, |s| {
        s.contains("3 updated · 0 not changed")
    });
    assert!(screen.contains("Bulk edit: results"), "{screen}");

    let writes: Vec<String> = session
        .server
        .requests()
        .into_iter()
        .skip(before)
        .filter(|r| r.method != "GET")
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(writes.len(), 1, "one request for all three: {writes:?}");
    assert!(writes[0].ends_with("/ghosts/bulk_update"), "{writes:?}");
    let after = teams_of(&session.server, ids);
    assert_eq!(after.len(), 3);
    for (teams, ghost) in after.iter().zip(&picked) {
        assert!(teams.contains(&team.id), "{teams:?}");
        assert!(ghost.assigned.team_ids.iter().all(|t| teams.contains(t)));
    }
}
