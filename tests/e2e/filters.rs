//! The filter panel: a project chosen by name narrows the list on the server, the
//! chip says so, and `F` brings every ghost back.

use ghosts::api::{GhostFilter, ListQuery};

use crate::harness::server::{Server, options};
use crate::harness::{Session, TIMEOUT, listed_ids, loading, param, position, script};

const PROJECT: &str = "Checkout revamp";

#[test]
fn a_project_chosen_by_name_filters_the_list_and_f_clears_it() {
    // Everything asked directly is asked before the app starts, so that all the
    // app's requests are counted after `before`.
    let server = Server::start(options(400));
    let projects = server.run(server.client().all_projects());
    let project = projects
        .iter()
        .find(|p| p.name == PROJECT)
        .expect("the seed has the project")
        .id;
    let filter = GhostFilter {
        project_ids: vec![project],
        ..GhostFilter::default()
    };
    let query = ListQuery {
        filter,
        page: 1,
        rows: 100,
    };
    let assigned = server.run(server.client().list_ghosts(&query));
    let before = server.requests().len();
    let mut session = Session::start_on(server);
    let all = session.wait_for_data();
    assert!(
        0 < assigned.total && assigned.total < all,
        "the project must narrow the list"
    );

    session.pty.send("f");
    session
        .pty
        .wait_for("the filter panel", TIMEOUT, |s| s.contains("┌ Filters"));
    script::pick(&mut session, "projects", "Checkout", true);
    session
        .pty
        .wait_for("the project in the panel", TIMEOUT, |s| {
            s.contains(&format!("Projects    {PROJECT}"))
        });
    session.pty.send("\x13");
    let chip = format!("project: {PROJECT}");
    let screen = session.pty.wait_for("the filtered list", TIMEOUT, |s| {
        s.contains(&chip) && position(s) == Some((1, assigned.total)) && !loading(s)
    });
    let shown = listed_ids(&screen);
    let expected: Vec<_> = assigned.data.iter().map(|g| g.id).collect();
    assert!(
        !shown.is_empty() && expected.starts_with(&shown),
        "the list shows the project's ghosts, in order: {shown:?} of {expected:?}\n{screen}"
    );

    session.pty.send("F");
    let screen = session.pty.wait_for("the whole list again", TIMEOUT, |s| {
        !s.contains(&chip) && position(s).is_some_and(|(_, total)| total == all) && !loading(s)
    });
    assert!(!screen.contains("F clears"), "no chip left:\n{screen}");

    let lists: Vec<Option<String>> = session
        .list_requests(before)
        .iter()
        .map(|r| param(r, "project_ids"))
        .collect();
    assert_eq!(
        lists,
        [None, Some(project.to_string()), None],
        "first page, filtered page, whole list again: one request each"
    );
    assert!(
        session.writes(before).is_empty(),
        "filtering writes nothing"
    );
}
