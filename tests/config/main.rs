//! Configuration, `ghosts init`, the client's quota and retry behaviour against a
//! misbehaving sandbox, and log hygiene: one test binary.

mod common;
mod files;
mod hygiene;
mod init;
mod proxy;
mod resilience;
