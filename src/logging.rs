//! The log file. The terminal belongs to the app, so logs never go to it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// `$XDG_STATE_HOME/ghosts/ghosts.log`, else `~/.local/state/ghosts/ghosts.log`.
pub fn default_log_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let state = env("XDG_STATE_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(".local/state"))
        })?;
    Some(state.join("ghosts").join("ghosts.log"))
}

const LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

/// Reads a log level: a level word (`info`), or directives such as `ghosts=debug`.
/// `EnvFilter` alone takes a misspelt word (`chatty`) as the name of a module to log,
/// which silently logs nothing; here each directive must name a level.
pub fn parse_level(level: &str) -> Result<EnvFilter, String> {
    let names_a_level = |directive: &str| {
        let wanted = directive.rsplit_once('=').map_or(directive, |(_, lvl)| lvl);
        LEVELS.contains(&wanted.trim().to_ascii_lowercase().as_str())
    };
    let bad = || {
        format!(
            "the log level {level:?} is not valid; use one of {}",
            LEVELS.join(", ")
        )
    };
    if level.trim().is_empty() || !level.split(',').all(names_a_level) {
        return Err(bad());
    }
    EnvFilter::try_new(level).map_err(|_| bad())
}

/// Starts logging to `path` with `filter`. Returns a sentence for the user when it
/// cannot; the caller runs on without a log rather than refusing to start.
pub fn init(path: &Path, filter: EnvFilter) -> Result<(), String> {
    // The log names ghosts and paths: only its owner reads it.
    let file = crate::private::append(path)
        .map_err(|e| format!("cannot open the log file {}: {e}", path.display()))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_must_name_a_level() {
        for good in ["info", "DEBUG", "ghosts=trace", "warn,ghosts=debug", "off"] {
            assert!(parse_level(good).is_ok(), "{good}");
        }
        for bad in ["chatty", "", "ghosts=loud", "info,verbose"] {
            let err = parse_level(bad).expect_err(bad);
            assert!(err.contains("trace"), "{err}");
        }
    }

    #[test]
    fn log_path_follows_xdg_then_home() {
        let xdg = |k: &str| match k {
            "XDG_STATE_HOME" => Some("/state".to_string()),
            "HOME" => Some("/home/u".to_string()),
            _ => None,
        };
        assert_eq!(
            default_log_path(&xdg),
            Some(PathBuf::from("/state/ghosts/ghosts.log"))
        );
        let home = |k: &str| (k == "HOME").then(|| "/home/u".to_string());
        assert_eq!(
            default_log_path(&home),
            Some(PathBuf::from("/home/u/.local/state/ghosts/ghosts.log"))
        );
        // A relative XDG path is invalid per the spec and is ignored.
        let relative = |k: &str| (k == "XDG_STATE_HOME").then(|| "state".to_string());
        assert_eq!(default_log_path(&relative), None);
    }
}
