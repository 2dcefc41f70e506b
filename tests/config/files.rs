//! The config file: every kind of mistake is located and explained, profiles join
//! flags and environment in order, secrets in files others can read are refused.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use ghosts::api::Auth;
use ghosts::cli::{ConnectionArgs, ENV_ORG, ENV_TOKEN};
use ghosts::config::resolve_connection;

use crate::common::*;

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |key| map.get(key).cloned()
}

/// The error for fixture `name` names the file with `line:column`, what is wrong and
/// a fix.
fn assert_located(name: &str, place: &str, what: &str, fix: &str) {
    let path = fixture(name);
    let err = profile_of(&path, None).unwrap_err();
    let expected = format!("{}:{place}: ", path.display());
    assert!(
        err.starts_with(&expected),
        "{name}: expected {expected:?} at the start of:\n{err}"
    );
    assert!(err.contains(what), "{name}: {what:?} missing from:\n{err}");
    assert!(
        err.contains(&format!("fix: {fix}")),
        "{name}: fix {fix:?} missing from:\n{err}"
    );
}

#[test]
fn a_syntax_error_is_located() {
    assert_located(
        "syntax.toml",
        "6:33",
        "invalid basic string",
        "correct the TOML syntax",
    );
}

#[test]
fn an_unknown_key_is_located_and_the_known_ones_listed() {
    assert_located(
        "unknown_key.toml",
        "6:1",
        "unknown field `api_tokn`",
        "remove that key",
    );
    let err = profile_of(&fixture("unknown_key.toml"), None).unwrap_err();
    assert!(err.contains("api_token"), "{err}");
}

#[test]
fn a_wrong_type_is_located_without_echoing_the_value() {
    assert_located(
        "wrong_type.toml",
        "4:19",
        "invalid type",
        "ids and timeouts are whole numbers",
    );
    let err = profile_of(&fixture("wrong_type.toml"), None).unwrap_err();
    assert!(!err.contains("\"one\""), "{err}");
}

#[test]
fn a_missing_field_is_located() {
    assert_located(
        "missing_field.toml",
        "3:1",
        "missing field `workspace_id`",
        "add that key",
    );
}

#[test]
fn an_unknown_profile_is_located_and_the_known_ones_listed() {
    assert_located(
        "unknown_profile.toml",
        "2:19",
        "no profile \"wrok\"; the profiles in it are: home, work",
        "pick one of those, or create it with: ghosts init --profile wrok",
    );
    let err = profile_of(&fixture("unknown_profile.toml"), Some("play")).unwrap_err();
    assert!(
        err.contains("no profile \"play\"") && err.contains("--profile play"),
        "{err}"
    );
    let home = profile_of(&fixture("unknown_profile.toml"), Some("home"))
        .unwrap()
        .unwrap();
    assert_eq!(home.settings.workspace_id, 4);
}

#[test]
fn the_example_config_is_valid_and_says_what_it_shows() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.example.toml");
    let work = profile_of(&path, None).unwrap().unwrap();
    assert_eq!(work.name, "work");
    assert_eq!(
        (work.settings.organization_id, work.settings.workspace_id),
        (123, 456)
    );
    assert_eq!(
        work.settings.token_command.as_deref(),
        Some("pass show toggl-focus")
    );
    assert_eq!(work.settings.request_timeout_secs, Some(20));
    let other = profile_of(&path, Some("client-b")).unwrap().unwrap();
    assert_eq!(other.settings.organization_id, 789);
}

const WITH_SECRET: &str = "default_profile = \"w\"\n[profiles.w]\nbase_url = \"http://profile/api\"\n\
    organization_id = 5\nworkspace_id = 6\napi_token = \"toggl_sk_from_file\"\n\
    request_timeout_secs = 7\n";

#[test]
fn flags_beat_environment_beat_profile_beat_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(dir.path(), WITH_SECRET, 0o600);
    let profile = profile_of(&path, None).unwrap().unwrap();

    let config =
        resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&profile)).unwrap();
    assert_eq!(config.base_url, "http://profile/api");
    assert_eq!((config.organization_id, config.workspace_id), (5, 6));
    assert_eq!(config.request_timeout, Duration::from_secs(7));
    assert_eq!(
        config.connect_timeout,
        Duration::from_secs(5),
        "the default"
    );

    let env = env_of(&[(ENV_ORG, "50"), (ENV_TOKEN, "toggl_sk_from_env")]);
    let config = resolve_connection(&ConnectionArgs::default(), &env, Some(&profile)).unwrap();
    assert_eq!((config.organization_id, config.workspace_id), (50, 6));
    assert!(matches!(&config.auth, Auth::ApiKey(k) if k.expose() == "toggl_sk_from_env"));

    let flags = ConnectionArgs {
        org: Some("500".into()),
        timeout: Some(70),
        ..ConnectionArgs::default()
    };
    let config = resolve_connection(&flags, &env, Some(&profile)).unwrap();
    assert_eq!(config.organization_id, 500);
    assert_eq!(config.request_timeout, Duration::from_secs(70));
}

#[test]
fn a_secret_in_a_file_others_can_read_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(dir.path(), WITH_SECRET, 0o644);
    let profile = profile_of(&path, None).unwrap().unwrap();
    // The rest of the profile is still used.
    assert_eq!(profile.settings.organization_id, 5);
    let err =
        resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&profile)).unwrap_err();
    let fix = format!("chmod 600 {}", path.display());
    assert!(err.contains(&fix), "{err}");
    assert!(!err.contains("toggl_sk_from_file"), "{err}");

    let path = write_config(dir.path(), WITH_SECRET, 0o600);
    let profile = profile_of(&path, None).unwrap().unwrap();
    assert_eq!(profile.refused_secret, None);
    let config =
        resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&profile)).unwrap();
    assert!(matches!(&config.auth, Auth::ApiKey(k) if k.expose() == "toggl_sk_from_file"));
}

#[test]
fn a_token_command_in_the_file_supplies_the_key_or_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[profiles.cmd]\norganization_id = 1\nworkspace_id = 1\n\
                token_command = \"printf '%s\\\\n' toggl_sk_from_command\"\n\
                [profiles.broken]\norganization_id = 1\nworkspace_id = 1\n\
                token_command = \"printf canary%s 42 && exit 4\"\n";
    // Commands are not secrets: a file others can read may hold them.
    let path = write_config(dir.path(), text, 0o644);
    let profile = profile_of(&path, Some("cmd")).unwrap().unwrap();
    let config =
        resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&profile)).unwrap();
    assert!(matches!(&config.auth, Auth::ApiKey(k) if k.expose() == "toggl_sk_from_command"));

    let broken = profile_of(&path, Some("broken")).unwrap().unwrap();
    let err =
        resolve_connection(&ConnectionArgs::default(), &env_of(&[]), Some(&broken)).unwrap_err();
    assert!(
        err.contains("profile \"broken\"") && err.contains("exited with 4"),
        "{err}"
    );
    assert!(!err.contains("canary42"), "{err}");
}
