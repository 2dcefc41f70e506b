//! Tests of the terminal app: `update` driven by message sequences, and render
//! snapshots. One test binary, to keep link time down.

mod fixtures;
mod render;
mod runtime;
mod update;
