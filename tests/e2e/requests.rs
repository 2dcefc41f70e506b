//! The request bill of a whole session: one request per page, one per search word.

use std::time::Duration;

use crate::harness::Session;
use crate::harness::script::browse_then_search;
use crate::harness::server::{Server, options};

#[test]
fn a_session_spends_one_request_per_page_and_one_per_word() {
    let server = Server::start(options(1000));
    let before = server.requests().len();
    let mut session = Session::start_on(server);
    // Keys 10 ms apart: typed, not pasted, yet well inside the 300 ms debounce.
    let spent = browse_then_search(
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
}
