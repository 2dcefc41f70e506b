//! The binary's start-up: what `--version` says, and configuration problems stop it
//! with a plain message and exit code 2 before it touches the terminal.

use std::path::Path;
use std::process::Output;

use crate::common::*;

fn run(home: &Path, args: &[&str]) -> Output {
    ghosts_command(home).args(args).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn version_names_the_log_and_config_files() {
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["--version"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let log = home.path().join(".local/state/ghosts/ghosts.log");
    let config = home.path().join(".config/ghosts/config.toml");
    assert!(text.contains(&log.display().to_string()), "{text}");
    assert!(text.contains(&config.display().to_string()), "{text}");
}

#[test]
fn a_bad_config_file_stops_start_up_with_its_location() {
    let home = tempfile::tempdir().unwrap();
    let bad = fixture("unknown_key.toml");
    let output = run(home.path(), &["--config", &bad.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.starts_with(&format!("{}:6:1: unknown field", bad.display())),
        "{text}"
    );
    assert!(text.contains("fix:"), "{text}");
}

#[test]
fn the_profile_comes_from_the_flag_or_the_environment() {
    let home = tempfile::tempdir().unwrap();
    let config = fixture("unknown_profile.toml").display().to_string();
    let output = run(home.path(), &["--config", &config, "--profile", "play"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no profile \"play\""),
        "{}",
        stderr(&output)
    );
    let output = ghosts_command(home.path())
        .args(["--config", &config])
        .env("GHOSTS_PROFILE", "stage")
        .output()
        .unwrap();
    assert!(
        stderr(&output).contains("no profile \"stage\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_secret_others_can_read_stops_start_up_with_the_chmod_to_run() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/ghosts");
    std::fs::create_dir_all(&dir).unwrap();
    let text = "[profiles.w]\norganization_id = 1\nworkspace_id = 1\napi_token = \"toggl_sk_x\"\n";
    let path = write_config(&dir, text, 0o644);
    let output = run(home.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains(&format!("chmod 600 {}", path.display())),
        "{text}"
    );
    assert!(!text.contains("toggl_sk_x"), "{text}");
}

/// A misspelt level used to be taken as a module name and silently log nothing.
#[test]
fn a_misspelt_log_level_stops_start_up() {
    let home = tempfile::tempdir().unwrap();
    let output = run(home.path(), &["--demo", "--log-level", "chatty"]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("\"chatty\"") && said.contains("debug"),
        "{said}"
    );
}

/// A log folder that cannot be written is the machine's problem, not the user's: the
/// app says so and goes on (here, to tell what settings are missing).
#[test]
fn an_unwritable_log_folder_is_a_warning_not_a_stop() {
    let home = tempfile::tempdir().unwrap();
    let output = ghosts_command(home.path())
        .env("XDG_STATE_HOME", "/proc/no-such-place")
        .output()
        .unwrap();
    let said = stderr(&output);
    assert!(said.contains("going on without a log"), "{said}");
    assert!(said.contains("TOGGL_ORGANIZATION_ID"), "{said}");
}
