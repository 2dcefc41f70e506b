//! Reading the config file: its shape, where it went wrong (file, line, column, and
//! what to do about it), and whether a secret in it may be used.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::api::{Id, Secret};

/// The whole file. Unknown keys are refused so a misspelt key is caught, not ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    default_profile: Option<Spanned<String>>,
    #[serde(default)]
    profiles: BTreeMap<String, ProfileSettings>,
}

/// One `[profiles.NAME]` table: one workspace and how to sign in to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSettings {
    pub base_url: Option<String>,
    pub organization_id: Id,
    pub workspace_id: Id,
    #[serde(default, deserialize_with = "secret")]
    pub api_token: Option<Secret>,
    pub token_command: Option<String>,
    pub email: Option<String>,
    #[serde(default, deserialize_with = "secret")]
    pub password: Option<Secret>,
    pub password_command: Option<String>,
    pub connect_timeout_secs: Option<u64>,
    pub request_timeout_secs: Option<u64>,
    /// The app's colors: "dark" (default), "light" or "mono". `--theme` and
    /// `GHOSTS_THEME` win; `NO_COLOR` turns color off whatever is chosen.
    pub theme: Option<String>,
}

impl ProfileSettings {
    fn holds_secret(&self) -> bool {
        self.api_token.is_some() || self.password.is_some()
    }
}

/// Wraps a secret as soon as it is read, so no `Debug` of the settings can show it.
/// An empty one (`api_token = ""`, left from an example) counts as not given.
fn secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Secret>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(Secret::new))
}

/// A config file that parsed.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// The file's `default_profile` and where it stands (line, column), for messages.
    /// The text itself is not kept: it may hold a secret.
    default_profile: Option<(String, (usize, usize))>,
    profiles: BTreeMap<String, ProfileSettings>,
    /// Group or others may read the file (Unix permission bits), so secrets in it are
    /// not used.
    readable_by_others: bool,
}

/// The profile chosen for this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub path: PathBuf,
    /// With any secret from the file removed when the file is readable by others.
    pub settings: ProfileSettings,
    /// Why a secret in the file was not used, with the command that fixes it.
    pub refused_secret: Option<String>,
}

impl Profile {
    /// Names the profile in messages: `profile "work" in /home/u/.config/...`.
    pub fn describe(&self) -> String {
        format!("profile {:?} in {}", self.name, self.path.display())
    }
}

/// Reads and checks `path`.
pub fn read(path: &Path) -> Result<ConfigFile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the config file {}: {e}", path.display()))?;
    parse(path, text, readable_by_others(path))
}

fn parse(path: &Path, text: String, readable_by_others: bool) -> Result<ConfigFile, String> {
    let raw: RawFile = toml::from_str(&text).map_err(|err| located(path, &text, &err))?;
    let default_profile = raw.default_profile.map(|name| {
        let at = line_column(&text, name.span().start);
        (name.into_inner(), at)
    });
    Ok(ConfigFile {
        path: path.to_path_buf(),
        default_profile,
        profiles: raw.profiles,
        readable_by_others,
    })
}

impl ConfigFile {
    /// The profile `name`, else the file's `default_profile`, else the only profile
    /// there is. `Ok(None)` when the file holds none; an error when it holds several
    /// and nothing says which, since quietly using none of them would only surface
    /// later as "missing settings".
    pub fn profile(&self, name: Option<&str>) -> Result<Option<Profile>, String> {
        let (name, at) = match (name, &self.default_profile) {
            (Some(name), _) => (name.to_string(), None),
            (None, Some((default, at))) => (default.clone(), Some(*at)),
            (None, None) if self.profiles.len() == 1 => match self.profiles.keys().next() {
                Some(only) => (only.clone(), None),
                None => return Ok(None),
            },
            (None, None) if self.profiles.is_empty() => return Ok(None),
            (None, None) => {
                let names: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
                return Err(format!(
                    "{}: it has several profiles ({}) and no default_profile.\n  \
                     fix: pick one with --profile NAME (or GHOSTS_PROFILE), or add \
                     default_profile = {:?} at the top of the file",
                    self.path.display(),
                    names.join(", "),
                    names.first().copied().unwrap_or_default()
                ));
            }
        };
        let Some(settings) = self.profiles.get(&name) else {
            return Err(self.unknown_profile(&name, at));
        };
        let mut settings = settings.clone();
        let mut refused_secret = None;
        if self.readable_by_others && settings.holds_secret() {
            settings.api_token = None;
            settings.password = None;
            refused_secret = Some(format!(
                "{} holds a secret, but other users can read the file, so it is not used. \
                 Fix it with: chmod 600 {}",
                self.path.display(),
                self.path.display()
            ));
        }
        Ok(Some(Profile {
            name,
            path: self.path.clone(),
            settings,
            refused_secret,
        }))
    }

    fn unknown_profile(&self, name: &str, at: Option<(usize, usize)>) -> String {
        let known = if self.profiles.is_empty() {
            "the file has no profiles yet".to_string()
        } else {
            let names: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
            format!("the profiles in it are: {}", names.join(", "))
        };
        let place = match at {
            Some((line, column)) => format!("{}:{line}:{column}", self.path.display()),
            None => self.path.display().to_string(),
        };
        format!(
            "{place}: there is no profile {name:?}; {known}.\n  \
             fix: pick one of those, or create it with: ghosts init --profile {name}"
        )
    }
}

/// `PATH:LINE:COLUMN: what is wrong`, then a line saying how to fix it. The message of
/// `toml`'s error is used, not its `Display`, which quotes the offending line of the
/// file, and that line could hold a secret.
fn located(path: &Path, text: &str, err: &toml::de::Error) -> String {
    let place = match err.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("{}:{line}:{column}", path.display())
        }
        None => path.display().to_string(),
    };
    let message = redact_strings(err.message().trim())
        .replace("expected i64", "expected a whole number")
        .replace("expected u64", "expected a whole number of seconds");
    format!("{place}: {message}\n  fix: {}", fix_for(&message))
}

fn fix_for(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "remove that key or correct its spelling; every key is described in \
         assets/config.example.toml"
    } else if message.starts_with("missing field") {
        "add that key; a profile needs organization_id and workspace_id \
         (both in the Focus web app's address bar)"
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        "ids and timeouts are whole numbers without quotes; URLs, commands, emails and \
         secrets are text in double quotes"
    } else {
        "correct the TOML syntax there: text in double quotes, one key = value per line, \
         profiles as [profiles.NAME]"
    }
}

/// serde quotes a string it did not expect (`invalid type: string "toggl_sk_..."`);
/// that string may be a secret typed under the wrong key, so it is left out.
fn redact_strings(message: &str) -> String {
    match message.split_once("string \"") {
        Some((before, rest)) => match rest.split_once("\",") {
            Some((_, after)) => format!("{before}a string,{after}"),
            None => format!("{before}a string"),
        },
        None => message.to_string(),
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

/// Windows has no such bits; its per-user profile folder is private by default.
#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<ConfigFile, String> {
        parse(Path::new("/c/config.toml"), text.to_string(), false)
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 6));
        assert_eq!(line_column(text, 10_000), (3, 1));
    }

    #[test]
    fn the_only_profile_is_chosen_without_a_default() {
        let file = parsed("[profiles.w]\norganization_id = 1\nworkspace_id = 2\n").unwrap();
        let profile = file.profile(None).unwrap().unwrap();
        assert_eq!(profile.name, "w");
        assert_eq!(profile.settings.workspace_id, 2);
        assert!(parsed("").unwrap().profile(None).unwrap().is_none());
    }

    #[test]
    fn several_profiles_and_no_default_is_an_error_that_names_them() {
        let text = "[profiles.a]\norganization_id = 1\nworkspace_id = 1\n[profiles.b]\norganization_id = 2\nworkspace_id = 2\n";
        let err = parsed(text).unwrap().profile(None).unwrap_err();
        assert!(err.contains("(a, b)") && err.contains("--profile"), "{err}");
        assert!(err.starts_with("/c/config.toml"), "{err}");
        let chosen = parsed(text).unwrap().profile(Some("b")).unwrap().unwrap();
        assert_eq!(chosen.name, "b");
    }

    #[test]
    fn a_secret_in_a_file_others_can_read_is_refused() {
        let text = "[profiles.w]\norganization_id = 1\nworkspace_id = 2\napi_token = \"s3cr3t\"\n";
        let file = parse(Path::new("/c/config.toml"), text.into(), true).unwrap();
        let profile = file.profile(Some("w")).unwrap().unwrap();
        assert_eq!(profile.settings.api_token, None);
        assert_eq!(profile.settings.organization_id, 1);
        let why = profile.refused_secret.unwrap();
        assert!(why.contains("chmod 600 /c/config.toml"), "{why}");
        assert!(!format!("{:?}", file).contains("s3cr3t"));
    }

    #[test]
    fn an_empty_secret_is_no_secret() {
        let text = "[profiles.w]\norganization_id = 1\nworkspace_id = 2\napi_token = \" \"\n";
        let profile = parsed(text).unwrap().profile(None).unwrap().unwrap();
        assert_eq!(profile.settings.api_token, None);
    }

    #[test]
    fn a_string_in_the_wrong_place_is_not_echoed() {
        let err = parsed("[profiles.w]\norganization_id = \"toggl_sk_secret\"\nworkspace_id = 2\n")
            .unwrap_err();
        assert!(!err.contains("toggl_sk_secret"), "{err}");
        assert!(
            err.starts_with("/c/config.toml:2:19: invalid type"),
            "{err}"
        );
    }
}
