//! The request bill of a whole session: one request per page, one per search word,
//! one per write, each look-up once.

use std::time::Duration;

use crate::harness::Session;
use crate::harness::script::run;
use crate::harness::server::{Server, options};

#[test]
fn a_session_spends_one_request_per_page_word_and_write() {
    let server = Server::start(options(1000));
    let before = server.requests().len();
    let mut session = Session::start_on(server);
    // Keys 10 ms apart: typed, not pasted, yet well inside the 300 ms debounce.
    let spent = run(
        &mut session,
        before,
        300,
        "designer",
        Duration::from_millis(10),
    );
    assert!(spent.is_frugal("designer"), "{spent:#?}");
    assert!(
        spent.pages.len() >= 3,
        "300 ghosts take three pages: {spent:?}"
    );
    let methods: Vec<&str> = spent
        .writes
        .iter()
        .filter_map(|w| w.split_once(' '))
        .map(|(method, path)| {
            if path.ends_with("/embody") {
                "embody"
            } else {
                method
            }
        })
        .collect();
    assert_eq!(methods, ["PATCH", "DELETE", "embody"], "{spent:#?}");
    assert_eq!(
        spent.lookups.len(),
        2,
        "members and roles, for the embody dialog: {spent:?}"
    );
}
