//! Where a secret comes from besides the environment: a command such as
//! `pass show focus`, and recognising the Toggl Track credentials people paste by mistake.

use std::process::{Command, Stdio};

use crate::api::Secret;

/// Runs `command` with `sh -c` and takes its standard output, trimmed, as the secret.
/// `owner` names where the command was configured, for the error. The error never
/// carries the command's output, which may be the secret or part of it.
pub fn from_command(command: &str, owner: &str) -> Result<Secret, String> {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        // Its own complaints ("gpg: decryption failed") go to the user's terminal,
        // before the app takes it over.
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{owner}: cannot run `{command}`: {e}"))?;
    if !output.status.success() {
        let how = output.status.code().map_or_else(
            || "was stopped by a signal".to_string(),
            |c| format!("exited with {c}"),
        );
        return Err(format!(
            "{owner}: the command `{command}` {how}; run it yourself to see why"
        ));
    }
    let text = String::from_utf8(output.stdout).map_err(|_| {
        format!("{owner}: the command `{command}` printed something that is not text")
    })?;
    let secret = text.trim();
    if secret.is_empty() {
        return Err(format!(
            "{owner}: the command `{command}` printed nothing; it should print the secret"
        ));
    }
    Ok(Secret::new(secret))
}

/// A Toggl Track API token: 32 hex digits, where a Focus key is `toggl_sk_` + 32 hex.
pub fn is_track_token(token: &str) -> bool {
    let token = token.trim();
    token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// Why a Track token does not work, and what to get instead.
pub const TRACK_TOKEN: &str = "looks like a Toggl Track token (32 hex digits), which Focus \
    does not accept. Create an API key in Focus settings; it starts with toggl_sk_";

/// What to tell someone who gave a Track token `place` ("in TOGGL_FOCUS_API_TOKEN").
pub fn track_token_problem(place: &str) -> String {
    format!("a Focus API key {place}: the value there {TRACK_TOKEN}")
}

/// A Toggl Track address (`https://track.toggl.com/...`), not a Focus one.
pub fn is_track_url(url: &str) -> bool {
    url.to_ascii_lowercase().contains("track.toggl.com")
}

/// Why a Track address does not work, and where to look instead.
pub const TRACK_URL: &str = "is a Toggl Track address. Ghosts live in Toggl Focus: open \
    https://focus.toggl.com, go to the workspace, and copy that address";

pub fn track_url_problem(place: &str) -> String {
    format!("a Focus address {place}: the one given {TRACK_URL}")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_command_prints_the_secret() {
        let secret = from_command("printf '  toggl_sk_abc\\n'", "profile x").unwrap();
        assert_eq!(secret.expose(), "toggl_sk_abc");
    }

    #[test]
    fn a_failing_or_silent_command_is_named_without_its_output() {
        // The output is "leaked123", a text the command itself does not contain.
        let err = from_command("printf leaked%s 123; exit 3", "profile \"work\"").unwrap_err();
        assert!(
            err.contains("profile \"work\"") && err.contains("exited with 3"),
            "{err}"
        );
        assert!(!err.contains("leaked123"), "{err}");
        let err = from_command("true", "profile \"work\"").unwrap_err();
        assert!(err.contains("printed nothing"), "{err}");
    }

    #[test]
    fn track_credentials_are_recognised() {
        assert!(is_track_token("0123456789abcdef0123456789ABCDEF"));
        assert!(!is_track_token("toggl_sk_0123456789abcdef0123456789abcdef"));
        assert!(is_track_url("https://track.toggl.com/timer"));
        assert!(!is_track_url(
            "https://focus.toggl.com/organizations/1/workspaces/2"
        ));
    }
}
