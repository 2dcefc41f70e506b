//! The typed client of the Toggl Focus ghosts API. Knows nothing of terminals.

pub mod client;
pub mod error;
pub mod models;
pub mod quota;
mod redact;
mod retry;
pub mod time;

pub use client::{Auth, Call, CallObserver, Client, ClientConfig, DEFAULT_BASE_URL, Reply, Secret};
pub use error::{ApiError, StatusError};
pub use models::*;
pub use quota::Quota;
pub use retry::MAX_AUTOMATIC_WAIT;
