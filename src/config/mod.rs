//! Configuration: the TOML file of named profiles, where secrets come from, `ghosts
//! init`, and the rule that joins them with flags and environment
//! (flags > environment > profile > defaults).

mod file;
pub mod init;
mod resolve;
pub mod secrets;
mod write;

use std::path::{Path, PathBuf};

pub use file::{ConfigFile, Profile, ProfileSettings};
pub use resolve::resolve_connection;

/// Overrides where the config file is, like `--config`.
pub const ENV_CONFIG: &str = "GHOSTS_CONFIG";
/// Chooses the profile, like `--profile`.
pub const ENV_PROFILE: &str = "GHOSTS_PROFILE";

/// Where the config file is, and whether the user named it (then it must exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    pub path: PathBuf,
    pub explicit: bool,
}

/// `--config`, else `GHOSTS_CONFIG`, else `$XDG_CONFIG_HOME/ghosts/config.toml`, else
/// `~/.config/ghosts/config.toml`. The last holds on macOS too: a terminal tool's
/// config is looked for there, not in `~/Library/Application Support`.
pub fn locate(flag: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Option<ConfigLocation> {
    let named = flag
        .map(Path::to_path_buf)
        .or_else(|| env(ENV_CONFIG).filter(|v| !v.is_empty()).map(PathBuf::from));
    if let Some(path) = named {
        return Some(ConfigLocation {
            path,
            explicit: true,
        });
    }
    let base = env("XDG_CONFIG_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(".config"))
        })?;
    Some(ConfigLocation {
        path: base.join("ghosts").join("config.toml"),
        explicit: false,
    })
}

/// The profile for this run: `name` (from `--profile` or `GHOSTS_PROFILE`), else the
/// file's default. No file at the default place is fine (flags and environment may say
/// everything); a file the user named, or a profile asked for, that is not there is not.
pub fn load_profile(
    location: Option<&ConfigLocation>,
    name: Option<&str>,
) -> Result<Option<Profile>, String> {
    let Some(location) = location else {
        return match name {
            Some(name) => Err(format!(
                "there is no config file to take profile {name:?} from \
                 (neither XDG_CONFIG_HOME nor HOME is set); pass --config PATH"
            )),
            None => Ok(None),
        };
    };
    if !location.path.exists() {
        let path = location.path.display();
        return match (location.explicit, name) {
            (true, _) => Err(format!(
                "the config file {path} does not exist; create it with: ghosts init --config {path}"
            )),
            (false, Some(name)) => Err(format!(
                "there is no config file at {path}, so no profile {name:?}; \
                 create it with: ghosts init --profile {name}"
            )),
            (false, None) => Ok(None),
        };
    }
    file::read(&location.path)?.profile(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_path_follows_flag_env_xdg_then_home() {
        let env = |k: &str| match k {
            "XDG_CONFIG_HOME" => Some("/xdg".to_string()),
            "HOME" => Some("/home/u".to_string()),
            _ => None,
        };
        assert_eq!(
            locate(None, &env).unwrap().path,
            PathBuf::from("/xdg/ghosts/config.toml")
        );
        let flag = locate(Some(Path::new("/f.toml")), &env).unwrap();
        assert!(flag.explicit && flag.path == Path::new("/f.toml"));
        let named = |k: &str| (k == ENV_CONFIG).then(|| "/e.toml".to_string());
        assert_eq!(locate(None, &named).unwrap().path, PathBuf::from("/e.toml"));
        let home = |k: &str| (k == "HOME").then(|| "/home/u".to_string());
        let found = locate(None, &home).unwrap();
        assert!(!found.explicit);
        assert_eq!(
            found.path,
            PathBuf::from("/home/u/.config/ghosts/config.toml")
        );
        assert_eq!(locate(None, &|_| None), None);
    }

    #[test]
    fn a_missing_file_matters_only_when_asked_for() {
        let location = |explicit| ConfigLocation {
            path: PathBuf::from("/nonexistent/ghosts/config.toml"),
            explicit,
        };
        assert_eq!(load_profile(Some(&location(false)), None), Ok(None));
        let err = load_profile(Some(&location(true)), None).unwrap_err();
        assert!(err.contains("ghosts init --config"), "{err}");
        let err = load_profile(Some(&location(false)), Some("work")).unwrap_err();
        assert!(err.contains("ghosts init --profile work"), "{err}");
    }
}
