//! ghosts: a terminal app for triaging Toggl Focus ghosts, and the sandbox server that
//! speaks the same API.

pub mod api;
pub mod cli;
pub mod config;
pub mod logging;
pub mod private;
pub mod sandbox;
pub mod tui;
