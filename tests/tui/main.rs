//! Tests of the terminal app: `update` driven by message sequences, and render
//! snapshots. One test binary, to keep link time down.

mod bulk;
mod bulk_writes;
mod dialogs;
mod filters;
mod fixtures;
mod forms;
mod marks;
mod render;
mod render_forms;
mod runtime;
mod update;
mod writes;
