//! Configuration, `ghosts init`, the client's quota and retry behaviour against a
//! misbehaving sandbox, and log hygiene: one test binary.
//!
//! Unix only: file permissions and `sh -c` secret commands are what much of it checks.
#![cfg(unix)]

mod common;
mod files;
mod hygiene;
mod init;
mod proxy;
mod resilience;
mod startup;
