//! Tests of the terminal app: `update` driven by message sequences, and render
//! snapshots. One test binary, to keep link time down.

mod budget;
mod bulk;
mod bulk_create;
mod bulk_edit;
mod bulk_writes;
mod dialogs;
mod filters;
mod fixtures;
mod forms;
mod marks;
mod mouse;
mod pending;
mod render;
mod render_budget;
mod render_forms;
mod runtime;
mod triage;
mod triage_counts;
mod update;
mod writes;
