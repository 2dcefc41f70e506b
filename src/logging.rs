//! The log file. The terminal belongs to the app, so logs never go to it.

use std::fs::{self, OpenOptions};
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

/// Starts logging to `path` at `level` (an `EnvFilter` directive such as `info` or
/// `ghosts=debug`). Returns a sentence for the user when it cannot; the app runs on
/// without a log rather than refusing to start.
pub fn init(path: &Path, level: &str) -> Result<(), String> {
    let filter = EnvFilter::try_new(level).map_err(|e| {
        format!("the log level {level:?} is not valid ({e}); try info, debug or warn")
    })?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the log folder {}: {e}", dir.display()))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
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
