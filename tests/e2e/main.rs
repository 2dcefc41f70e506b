//! End-to-end: the built `ghosts` binary in a pseudo-terminal against a sandbox of the
//! test's own, keys in and screen out. One binary, one module per group of flows.
//!
//! To add a flow (edit, create, delete, embody, bulk): a new module here with plain
//! `#[test]`s that start a [`harness::Session`], send keys, `wait_for` the screen, then
//! check what the sandbox was asked (`Session::list_requests`, `Server::requests`).
//! Waits have generous timeouts that only catch hangs; never assert how fast.

mod browse;
mod bulk;
mod chaos;
mod exit;
mod filters;
mod harness;
mod requests;
mod writes;
