//! One ghost written through the app: create, edit, delete, embody. Each checks the
//! screen, the sandbox's state, and what was sent: exactly one write, and for an edit
//! only the fields that changed.

use ghosts::api::{Ghost, GhostFilter, Id, ListQuery};
use ghosts::sandbox::RecordedRequest;
use serde_json::Value;

use crate::harness::server::{Server, options};
use crate::harness::{Session, TIMEOUT, listed_ids, loading, position, script};

/// The app on a sandbox of 400 ghosts, the first page on screen. Returns the session,
/// the first ghost of the list (where the cursor is), the total shown, and how many
/// requests the sandbox had answered before the app started.
fn start() -> (Session, Ghost, u64, usize) {
    let server = Server::start(options(400));
    let query = ListQuery {
        filter: GhostFilter::default(),
        page: 1,
        rows: 1,
    };
    let first = server
        .run(server.client().list_ghosts(&query))
        .data
        .remove(0);
    let before = server.requests().len();
    let session = Session::start_on(server);
    let total = session.wait_for_data();
    (session, first, total, before)
}

/// The one write sent after the first `skip` requests; fails the test if there were
/// more or none, or it was refused.
fn one_write(session: &Session, skip: usize) -> RecordedRequest {
    let writes = session.writes(skip);
    let [write] = writes.as_slice() else {
        panic!("exactly one write expected: {writes:#?}");
    };
    assert!(write.status < 300, "the write succeeded: {write:?}");
    write.clone()
}

/// The write's body as JSON.
fn body(write: &RecordedRequest) -> Value {
    let text = write.body.as_deref().expect("the write has a body");
    serde_json::from_str(text).expect("a JSON body")
}

/// Live ghosts matching `filter`, embodied or not, asked directly.
fn found(session: &Session, filter: GhostFilter) -> Vec<Ghost> {
    let query = ListQuery {
        filter: GhostFilter {
            include_embodied: true,
            ..filter
        },
        page: 1,
        rows: 100,
    };
    let server = &session.server;
    server.run(server.client().list_ghosts(&query)).data
}

fn by_id(session: &Session, id: Id) -> Option<Ghost> {
    found(
        session,
        GhostFilter {
            ghost_ids: vec![id],
            ..GhostFilter::default()
        },
    )
    .pop()
}

/// A row of the list pane for ghost `id` (its `#ID` against the pane's border).
fn row_of(id: Id) -> String {
    format!("#{id}│")
}

#[test]
fn a_new_ghost_with_a_cjk_and_emoji_name_and_a_team_is_created_once() {
    const NAME: &str = "幽霊 テスト 👻 ghost";
    let (mut session, _, total, before) = start();
    let server = &session.server;
    let teams = server.run(server.client().all_teams());
    let data = teams
        .iter()
        .find(|t| t.name == "Data")
        .expect("the seed has a Data team")
        .id;

    script::new_ghost(&mut session, NAME);
    // Name, description, projects, tasks: teams is the fifth field.
    session.pty.send("\t\t\t\t");
    script::pick(&mut session, "teams", "Data", true);
    session.pty.wait_for("the team in the form", TIMEOUT, |s| {
        s.contains("Data  Enter picks")
    });
    session.pty.send("\x13");
    let screen = session.pty.wait_for("the ghost created", TIMEOUT, |s| {
        s.contains(&format!("Created “{NAME}”"))
    });
    assert_eq!(
        position(&screen).map(|(_, t)| t),
        Some(total + 1),
        "{screen}"
    );

    let write = one_write(&session, before);
    assert_eq!((write.method.as_str(), write.status), ("POST", 201));
    assert!(write.path.ends_with("/ghosts"), "{write:?}");
    let created = found(
        &session,
        GhostFilter {
            search: "幽霊".into(),
            ..GhostFilter::default()
        },
    );
    let [ghost] = created.as_slice() else {
        panic!("one ghost saved: {created:#?}");
    };
    assert_eq!(ghost.name, NAME);
    assert_eq!(ghost.assigned.team_ids, [data]);

    // On screen in the list too, found as anyone would find it.
    session.pty.send("/幽霊\r");
    let screen = session.pty.wait_for("the new ghost listed", TIMEOUT, |s| {
        position(s) == Some((1, 1)) && !loading(s)
    });
    assert_eq!(listed_ids(&screen), [ghost.id], "{screen}");
    assert!(screen.contains(NAME), "{screen}");
    assert_eq!(session.writes(before).len(), 1, "searching writes nothing");
}

#[test]
fn an_edit_sends_only_the_changed_name_and_description_once() {
    const NAME: &str = "Ångström lead – renamed";
    const DESCRIPTION: &str = "Wrote this in the e2e test";
    let (mut session, first, _, before) = start();

    let screen = script::edit(&mut session, NAME, DESCRIPTION);
    assert!(
        screen.contains(&format!("{NAME}  ")) && screen.contains(DESCRIPTION),
        "the list row and the detail pane show the new text:\n{screen}"
    );

    let write = one_write(&session, before);
    assert_eq!(write.method, "PATCH");
    assert!(
        write.path.ends_with(&format!("/ghosts/{}", first.id)),
        "{write:?}"
    );
    let sent = body(&write);
    let mut fields: Vec<&str> = sent
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["description", "name"], "only what changed: {sent}");
    assert_eq!(sent["name"], NAME);
    assert_eq!(sent["description"], DESCRIPTION);

    let saved = by_id(&session, first.id).expect("the ghost is still there");
    assert_eq!(saved.name, NAME);
    assert_eq!(saved.description.as_deref(), Some(DESCRIPTION));
    assert_eq!(saved.assigned, first.assigned, "assignments untouched");
}

#[test]
fn a_confirmed_delete_removes_the_ghost_from_screen_and_sandbox() {
    let (mut session, first, total, before) = start();

    script::delete(&mut session);
    let screen = session.pty.wait_for("the total down by one", TIMEOUT, |s| {
        position(s).is_some_and(|(_, t)| t == total - 1)
    });
    assert!(
        screen.contains(&format!("Deleted “{}”", first.name)),
        "{screen}"
    );
    assert!(
        !screen.contains(&row_of(first.id)),
        "gone from the list:\n{screen}"
    );
    assert!(
        !listed_ids(&screen).is_empty(),
        "the rest still listed:\n{screen}"
    );

    let write = one_write(&session, before);
    assert_eq!((write.method.as_str(), write.status), ("DELETE", 204));
    assert!(
        write.path.ends_with(&format!("/ghosts/{}", first.id)),
        "{write:?}"
    );
    assert!(by_id(&session, first.id).is_none(), "gone from the sandbox");
    assert_eq!(session.server.total(GhostFilter::default()), total - 1);
}

#[test]
fn an_embodied_ghost_leaves_the_list_until_embodied_ones_are_shown() {
    let (mut session, first, total, before) = start();
    let server = &session.server;
    let members = server.run(server.client().all_members());
    let nora = members
        .iter()
        .find(|m| m.name == "Nora Berg")
        .expect("the seed has the member")
        .clone();
    let roles = server.run(server.client().list_roles());
    let lead = roles
        .iter()
        .find(|r| r.name == "Team lead")
        .expect("the seed has the role")
        .role_id;

    script::embody(&mut session, "Nora", "Team");
    let screen = session.pty.wait_for("the total down by one", TIMEOUT, |s| {
        position(s).is_some_and(|(_, t)| t == total - 1)
    });
    assert!(
        screen.contains(&format!(
            "embodied {} as Nora Berg, role Team lead",
            first.name
        )),
        "{screen}"
    );
    assert!(
        !screen.contains(&row_of(first.id)),
        "hidden from the list:\n{screen}"
    );

    let write = one_write(&session, before);
    assert_eq!(write.method, "PATCH");
    assert!(
        write
            .path
            .ends_with(&format!("/ghosts/{}/embody", first.id)),
        "{write:?}"
    );
    let sent = body(&write);
    assert_eq!(sent["recipient_org_user_id"], nora.id);
    assert_eq!(sent["recipient_user_account_id"], nora.user_account_id);
    assert_eq!(sent["role_id"], lead);
    let embodied = by_id(&session, first.id).expect("still a ghost of the workspace");
    assert_eq!(embodied.user_id, Some(nora.user_account_id));
    assert!(embodied.embodied_at.is_some(), "{embodied:?}");

    session.pty.send("i");
    let screen = session.pty.wait_for("embodied ghosts shown", TIMEOUT, |s| {
        s.contains("embodied shown") && position(s).is_some_and(|(_, t)| t > total) && !loading(s)
    });
    assert!(
        screen.contains(&row_of(first.id)),
        "listed again with i:\n{screen}"
    );
    assert_eq!(session.writes(before).len(), 1, "showing writes nothing");
}
