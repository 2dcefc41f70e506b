//! Flags, environment and profile into one connection: flags win over the environment,
//! the environment over the profile, the profile over the defaults.
//!
//! The environment is passed in as a function so the rules can be tested without
//! touching the process environment.

use std::time::Duration;

use super::file::Profile;
use super::secrets::{self, is_track_token, is_track_url};
use crate::api::{Auth, ClientConfig, DEFAULT_BASE_URL, Id, Secret};
use crate::cli::{
    ConnectionArgs, ENV_BASE_URL, ENV_EMAIL, ENV_ORG, ENV_PASSWORD, ENV_TOKEN, ENV_WORKSPACE,
};

/// Resolves everything into a client configuration, or says exactly what is missing or
/// wrong, all at once, so the user fixes everything in one go. A profile's secret
/// commands run only when nothing earlier supplies the secret.
pub fn resolve_connection(
    args: &ConnectionArgs,
    env: &dyn Fn(&str) -> Option<String>,
    profile: Option<&Profile>,
) -> Result<ClientConfig, String> {
    let from = |flag: &Option<String>, var: &str| {
        flag.clone()
            .or_else(|| env(var))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let settings = profile.map(|p| &p.settings);
    let mut problems = Vec::new();

    let base_url = from(&args.base_url, ENV_BASE_URL)
        .or_else(|| settings.and_then(|s| s.base_url.clone()))
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    if is_track_url(&base_url) {
        problems.push(secrets::track_url_problem("as the base URL"));
    }
    let org = resolve_id(
        from(&args.org, ENV_ORG),
        profile.map(|p| (p, p.settings.organization_id)),
        &ORGANIZATION,
        &mut problems,
    );
    let workspace = resolve_id(
        from(&args.workspace, ENV_WORKSPACE),
        profile.map(|p| (p, p.settings.workspace_id)),
        &WORKSPACE,
        &mut problems,
    );
    let auth = resolve_auth(args, env, profile, &mut problems);

    let connect_timeout = timeout(
        args.connect_timeout,
        settings.and_then(|s| s.connect_timeout_secs),
        "--connect-timeout or connect_timeout_secs",
        &mut problems,
    );
    let request_timeout = timeout(
        args.timeout,
        settings.and_then(|s| s.request_timeout_secs),
        "--timeout or request_timeout_secs",
        &mut problems,
    );
    match (org, workspace, auth) {
        (Some(org), Some(workspace), Some(auth)) if problems.is_empty() => {
            let mut config = ClientConfig::new(base_url, org, workspace, auth);
            if let Some(connect) = connect_timeout {
                config.connect_timeout = connect;
            }
            if let Some(request) = request_timeout {
                config.request_timeout = request;
            }
            Ok(config)
        }
        _ => Err(format!(
            "ghosts cannot start; it needs:\n{}\n\nTo set up a profile, run: ghosts init\n\
             To look around without an account, run: ghosts --demo",
            problems
                .iter()
                .map(|p| format!("  - {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )),
    }
}

/// An API key from the environment; else email and password (the email from a flag, the
/// environment or the profile); else the profile's key.
fn resolve_auth(
    args: &ConnectionArgs,
    env: &dyn Fn(&str) -> Option<String>,
    profile: Option<&Profile>,
    problems: &mut Vec<String>,
) -> Option<Auth> {
    let settings = profile.map(|p| &p.settings);
    let owner = profile.map(Profile::describe).unwrap_or_default();
    let non_empty = |v: Option<String>| v.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    if let Some(token) = non_empty(env(ENV_TOKEN)) {
        return api_key(Secret::new(token), &format!("in {ENV_TOKEN}"), problems);
    }
    let email = non_empty(args.email.clone())
        .or_else(|| non_empty(env(ENV_EMAIL)))
        .or_else(|| settings.and_then(|s| s.email.clone()));
    if let Some(email) = email {
        let password = match env(ENV_PASSWORD).filter(|p| !p.is_empty()) {
            Some(password) => Some(Ok(Secret::new(password))),
            None => settings.and_then(|s| {
                s.password.clone().map(Ok).or_else(|| {
                    s.password_command
                        .as_deref()
                        .map(|c| secrets::from_command(c, &owner))
                })
            }),
        };
        return match password {
            Some(Ok(password)) => Some(Auth::Basic { email, password }),
            Some(Err(problem)) => {
                problems.push(problem);
                None
            }
            None => {
                problems.push(refused_or(
                    profile,
                    format!("a password: set {ENV_PASSWORD} (or use an API key in {ENV_TOKEN})"),
                ));
                None
            }
        };
    }
    let from_profile = settings.and_then(|s| {
        s.api_token.clone().map(Ok).or_else(|| {
            s.token_command
                .as_deref()
                .map(|c| secrets::from_command(c, &owner))
        })
    });
    match from_profile {
        Some(Ok(token)) => api_key(token, &format!("from {owner}"), problems),
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
        None => {
            problems.push(refused_or(
                profile,
                format!(
                    "credentials: set {ENV_TOKEN} to an API key from Focus settings \
                     (or {ENV_EMAIL} and {ENV_PASSWORD}), or put api_token or token_command \
                     in a profile"
                ),
            ));
            None
        }
    }
}

/// The profile's refused secret explains a missing credential better than a generic line.
fn refused_or(profile: Option<&Profile>, otherwise: String) -> String {
    profile
        .and_then(|p| p.refused_secret.clone())
        .unwrap_or(otherwise)
}

fn api_key(token: Secret, place: &str, problems: &mut Vec<String>) -> Option<Auth> {
    if is_track_token(token.expose()) {
        problems.push(secrets::track_token_problem(place));
        return None;
    }
    Some(Auth::ApiKey(token))
}

/// The names one id goes by, for messages.
struct IdNames {
    what: &'static str,
    flag: &'static str,
    var: &'static str,
    key: &'static str,
}

const ORGANIZATION: IdNames = IdNames {
    what: "organization id",
    flag: "--org",
    var: ENV_ORG,
    key: "organization_id",
};

const WORKSPACE: IdNames = IdNames {
    what: "workspace id",
    flag: "--workspace",
    var: ENV_WORKSPACE,
    key: "workspace_id",
};

/// The id from a flag or the environment (`text`), else from the profile.
fn resolve_id(
    text: Option<String>,
    from_profile: Option<(&Profile, Id)>,
    names: &IdNames,
    problems: &mut Vec<String>,
) -> Option<Id> {
    let IdNames {
        what,
        flag,
        var,
        key,
    } = names;
    let problem = match (text, from_profile) {
        (Some(text), _) => match text.parse::<Id>() {
            Ok(id) if id > 0 => return Some(id),
            _ => {
                format!("the {what} to be a positive whole number, not {text:?} ({flag} or {var})")
            }
        },
        (None, Some((_, id))) if id > 0 => return Some(id),
        (None, Some((profile, id))) => format!(
            "the {what} to be a positive whole number, not {id} ({key} in {})",
            profile.describe()
        ),
        (None, None) => format!(
            "the {what}: pass {flag}, set {var}, or put {key} in a profile (it is in the Focus \
             web app's address bar: .../organizations/<org>/workspaces/<workspace>/...)"
        ),
    };
    problems.push(problem);
    None
}

/// A flag's seconds, else the profile's; zero would fail every request, so it is refused.
fn timeout(
    flag: Option<u64>,
    profile: Option<u64>,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<Duration> {
    match flag.or(profile)? {
        0 => {
            problems.push(format!("a timeout of at least 1 second ({name})"));
            None
        }
        seconds => Some(Duration::from_secs(seconds)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ProfileSettings;
    use std::collections::HashMap;
    use std::path::PathBuf;

    const KEY: &str = "toggl_sk_0123456789abcdef0123456789abcdef";

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| map.get(key).cloned()
    }

    fn profile(settings: ProfileSettings) -> Profile {
        Profile {
            name: "work".into(),
            path: PathBuf::from("/c/config.toml"),
            settings,
            refused_secret: None,
        }
    }

    fn work() -> ProfileSettings {
        ProfileSettings {
            base_url: Some("http://profile/api".into()),
            organization_id: 5,
            workspace_id: 6,
            api_token: Some(Secret::new("toggl_sk_from_profile")),
            connect_timeout_secs: Some(3),
            request_timeout_secs: Some(9),
            ..ProfileSettings::default()
        }
    }

    fn key_of(config: &ClientConfig) -> &str {
        match &config.auth {
            Auth::ApiKey(key) => key.expose(),
            other => panic!("expected an API key, got {other:?}"),
        }
    }

    #[test]
    fn everything_from_the_environment() {
        let env = env_of(&[(ENV_ORG, "12"), (ENV_WORKSPACE, "34"), (ENV_TOKEN, KEY)]);
        let config = resolve_connection(&ConnectionArgs::default(), &env, None).unwrap();
        assert_eq!((config.organization_id, config.workspace_id), (12, 34));
        assert_eq!(config.base_url, DEFAULT_BASE_URL);
        assert_eq!(key_of(&config), KEY);
        assert_eq!(config.request_timeout, Duration::from_secs(20));
    }

    #[test]
    fn flags_win_over_the_environment() {
        let env = env_of(&[
            (ENV_ORG, "12"),
            (ENV_WORKSPACE, "34"),
            (ENV_BASE_URL, "http://env/api"),
            (ENV_EMAIL, "env@example.com"),
            (ENV_PASSWORD, "pw"),
        ]);
        let args = ConnectionArgs {
            base_url: Some("http://flag/api".into()),
            org: Some("7".into()),
            email: Some("flag@example.com".into()),
            ..ConnectionArgs::default()
        };
        let config = resolve_connection(&args, &env, None).unwrap();
        assert_eq!(config.base_url, "http://flag/api");
        assert_eq!((config.organization_id, config.workspace_id), (7, 34));
        match config.auth {
            Auth::Basic { email, .. } => assert_eq!(email, "flag@example.com"),
            other => panic!("expected Basic, got {other:?}"),
        }
    }

    #[test]
    fn the_profile_fills_what_flags_and_environment_leave_open() {
        let profile = profile(work());
        let config =
            resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&profile)).unwrap();
        assert_eq!(config.base_url, "http://profile/api");
        assert_eq!((config.organization_id, config.workspace_id), (5, 6));
        assert_eq!(key_of(&config), "toggl_sk_from_profile");
        assert_eq!(config.connect_timeout, Duration::from_secs(3));
        assert_eq!(config.request_timeout, Duration::from_secs(9));

        let env = env_of(&[
            (ENV_WORKSPACE, "60"),
            (ENV_TOKEN, KEY),
            (ENV_BASE_URL, "http://env/api"),
        ]);
        let args = ConnectionArgs {
            org: Some("50".into()),
            base_url: Some("http://flag/api".into()),
            timeout: Some(30),
            ..ConnectionArgs::default()
        };
        let config = resolve_connection(&args, &env, Some(&profile)).unwrap();
        assert_eq!(config.base_url, "http://flag/api");
        assert_eq!((config.organization_id, config.workspace_id), (50, 60));
        assert_eq!(key_of(&config), KEY);
        assert_eq!(config.request_timeout, Duration::from_secs(30));
        assert_eq!(config.connect_timeout, Duration::from_secs(3));
    }

    #[test]
    fn says_everything_that_is_missing_at_once() {
        let err = resolve_connection(&ConnectionArgs::default(), &env_of(&[]), None).unwrap_err();
        for needle in [ENV_ORG, ENV_WORKSPACE, ENV_TOKEN, "--demo", "ghosts init"] {
            assert!(err.contains(needle), "{needle} missing from {err}");
        }
        let args = ConnectionArgs {
            connect_timeout: Some(0),
            ..ConnectionArgs::default()
        };
        let err = resolve_connection(&args, &env_of(&[]), None).unwrap_err();
        assert!(err.contains("--connect-timeout"), "{err}");
    }

    #[test]
    fn bad_ids_and_half_credentials_are_named() {
        let env = env_of(&[
            (ENV_ORG, "abc"),
            (ENV_WORKSPACE, "-3"),
            (ENV_EMAIL, "a@b.c"),
        ]);
        let err = resolve_connection(&ConnectionArgs::default(), &env, None).unwrap_err();
        assert!(err.contains("\"abc\""), "{err}");
        assert!(err.contains("\"-3\""), "{err}");
        assert!(err.contains(ENV_PASSWORD), "{err}");
    }

    #[test]
    fn track_tokens_and_addresses_are_explained_and_never_echoed() {
        let token = "0123456789abcdef0123456789abcdef";
        let env = env_of(&[(ENV_ORG, "1"), (ENV_WORKSPACE, "1"), (ENV_TOKEN, token)]);
        let err = resolve_connection(&ConnectionArgs::default(), &env, None).unwrap_err();
        assert!(
            err.contains("Toggl Track") && err.contains(ENV_TOKEN),
            "{err}"
        );
        assert!(!err.contains(token), "{err}");

        let track = profile(ProfileSettings {
            api_token: Some(Secret::new(token)),
            base_url: Some("https://track.toggl.com/api/v9".into()),
            ..work()
        });
        let err =
            resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&track)).unwrap_err();
        assert!(err.contains("profile \"work\""), "{err}");
        assert!(err.contains("Toggl Track address"), "{err}");
        assert!(!err.contains(token), "{err}");
    }

    #[test]
    fn a_refused_secret_says_how_to_fix_the_file() {
        let mut refused = profile(ProfileSettings {
            api_token: None,
            ..work()
        });
        refused.refused_secret = Some("chmod 600 /c/config.toml".into());
        let err = resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&refused))
            .unwrap_err();
        assert!(err.contains("chmod 600 /c/config.toml"), "{err}");
        // With the key in the environment, the file's permissions do not matter.
        let env = env_of(&[(ENV_TOKEN, KEY)]);
        assert!(resolve_connection(&ConnectionArgs::default(), &env, Some(&refused)).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn secret_commands_run_only_when_needed() {
        let with_command = profile(ProfileSettings {
            api_token: None,
            token_command: Some("echo toggl_sk_from_command".into()),
            ..work()
        });
        let config = resolve_connection(
            &ConnectionArgs::default(),
            &env_of(&[]),
            Some(&with_command),
        )
        .unwrap();
        assert_eq!(key_of(&config), "toggl_sk_from_command");

        let failing = profile(ProfileSettings {
            api_token: None,
            token_command: Some("exit 1".into()),
            ..work()
        });
        let err = resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&failing))
            .unwrap_err();
        assert!(
            err.contains("profile \"work\"") && err.contains("`exit 1`"),
            "{err}"
        );
        // A key in the environment means the command is never run.
        let env = env_of(&[(ENV_TOKEN, KEY)]);
        assert!(resolve_connection(&ConnectionArgs::default(), &env, Some(&failing)).is_ok());

        let basic = profile(ProfileSettings {
            api_token: None,
            email: Some("me@example.com".into()),
            password_command: Some("printf hunter2".into()),
            ..work()
        });
        let config =
            resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&basic)).unwrap();
        match config.auth {
            Auth::Basic { email, password } => {
                assert_eq!(
                    (email.as_str(), password.expose()),
                    ("me@example.com", "hunter2")
                );
            }
            other => panic!("expected Basic, got {other:?}"),
        }
    }
}
