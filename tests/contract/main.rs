//! Contract tests: the real client (and raw HTTP where the client cannot express a
//! request) against the sandbox over loopback, for every endpoint and every status the
//! contract names. One binary with modules, to keep link time down.

mod bulk;
mod common;
mod errors;
mod ghosts;
mod list;
mod lookups;
mod storage;
