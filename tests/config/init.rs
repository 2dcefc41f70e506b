//! `ghosts init` with scripted answers against the sandbox.

use std::io::Cursor;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use ghosts::cli::ConnectionArgs;
use ghosts::config::init::{InitOptions, run};
use ghosts::config::resolve_connection;
use ghosts::sandbox::{DEMO_API_KEY, Faults, Sandbox};

use crate::common::*;

struct Setup {
    _dir: tempfile::TempDir,
    options: InitOptions,
}

/// Options for a config file in a folder that does not exist yet.
fn setup(profile: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let options = InitOptions {
        config_path: dir.path().join("ghosts").join("config.toml"),
        profile: profile.into(),
        base_url: None,
        hide_key: false,
    };
    Setup { _dir: dir, options }
}

fn address(sandbox: &Sandbox, org: i64, workspace: i64) -> String {
    format!(
        "http://{}/organizations/{org}/workspaces/{workspace}/ghosts",
        sandbox.addr()
    )
}

/// Runs init with `answers` (one per line); returns the result and what was printed.
async fn init(options: &InitOptions, answers: &[&str]) -> (Result<PathBuf, String>, String) {
    let mut input = Cursor::new(answers.join("\n") + "\n");
    let mut out = Vec::new();
    let result = run(&mut input, &mut out, options).await;
    (result, String::from_utf8(out).unwrap())
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn a_good_key_is_checked_and_saved_privately() {
    let sandbox = sandbox(Faults::default()).await;
    let setup = setup("default");
    let (result, printed) = init(&setup.options, &[&address(&sandbox, 1, 1), DEMO_API_KEY]).await;
    let path = result.unwrap();
    assert!(printed.contains("It works"), "{printed}");
    assert!(
        !printed.contains(DEMO_API_KEY),
        "the key is not echoed back: {printed}"
    );
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    // Exactly one request checked it.
    assert_eq!(sandbox.requests().len(), 1);

    // What was saved connects.
    let profile = profile_of(&path, None).unwrap().unwrap();
    assert_eq!(profile.name, "default");
    assert_eq!(profile.settings.base_url, Some(sandbox.base_url()));
    let config = resolve_connection(&ConnectionArgs::default(), &|_| None, Some(&profile)).unwrap();
    client(config).list_ghosts(&first_page()).await.unwrap();
}

#[tokio::test]
async fn another_profile_is_added_beside_the_first() {
    let sandbox = sandbox(Faults::default()).await;
    let mut setup = setup("default");
    init(&setup.options, &[&address(&sandbox, 1, 1), DEMO_API_KEY])
        .await
        .0
        .unwrap();
    setup.options.profile = "second".into();
    setup.options.base_url = Some(sandbox.base_url());
    // Ids typed rather than pasted.
    let (result, printed) = init(&setup.options, &["1 1", DEMO_API_KEY]).await;
    let path = result.unwrap();
    assert!(printed.contains("ghosts --profile second"), "{printed}");
    assert_eq!(profile_of(&path, None).unwrap().unwrap().name, "default");
    let second = profile_of(&path, Some("second")).unwrap().unwrap();
    assert_eq!(second.settings.workspace_id, 1);
}

/// Init fails with a message containing each of `needles`; nothing is written.
async fn assert_refused(sandbox: &Sandbox, answers: &[&str], needles: &[&str]) {
    let setup = setup("default");
    let (result, _) = init(&setup.options, answers).await;
    let err = result.unwrap_err();
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} missing from:\n{err}");
    }
    for answer in answers {
        if answer.starts_with("toggl_sk") || answer.len() == 32 {
            assert!(!err.contains(answer), "the key is echoed in:\n{err}");
        }
    }
    assert!(!setup.options.config_path.exists());
    assert!(!sandbox.requests().iter().any(|r| r.status == 200));
}

/// A refused key is explained and asked again; the address is kept.
#[tokio::test]
async fn a_wrong_key_is_explained_as_401_and_asked_again() {
    let sandbox = sandbox(Faults::default()).await;
    let setup = setup("default");
    let wrong = "toggl_sk_ffffffffffffffffffffffffffffffff";
    let (result, printed) = init(
        &setup.options,
        &[&address(&sandbox, 1, 1), wrong, DEMO_API_KEY],
    )
    .await;
    result.unwrap();
    for needle in ["(401)", "wrong, has expired, or was revoked"] {
        assert!(
            printed.contains(needle),
            "{needle:?} missing from:\n{printed}"
        );
    }
    assert!(!printed.contains(wrong), "the key is echoed in:\n{printed}");
    assert_eq!(statuses(&sandbox), [401, 200]);
    // Input that ends after the refusal saves nothing.
    // (A sandbox of its own: this one has answered a 200 already.)
    let again = crate::common::sandbox(Faults::default()).await;
    assert_refused(&again, &[&address(&again, 1, 1), wrong], &["input ended"]).await;
}

/// Ids that are not the user's are explained and the address asked again; the key is
/// kept.
#[tokio::test]
async fn ids_that_are_not_yours_are_explained_as_403_and_asked_again() {
    let sandbox = sandbox(Faults::default()).await;
    let setup = setup("default");
    let (result, printed) = init(
        &setup.options,
        &[
            &address(&sandbox, 2, 2),
            DEMO_API_KEY,
            &address(&sandbox, 1, 1),
        ],
    )
    .await;
    let path = result.unwrap();
    assert!(
        printed.contains("(403)") && printed.contains("not yours"),
        "{printed}"
    );
    let profile = profile_of(&path, None).unwrap().unwrap();
    assert_eq!(profile.settings.workspace_id, 1);
}

#[tokio::test]
async fn track_credentials_are_explained_and_asked_again_before_any_request() {
    let sandbox = sandbox(Faults::default()).await;
    let setup = setup("default");
    let track_token = "0123456789abcdef0123456789abcdef";
    let (result, printed) = init(
        &setup.options,
        &[
            "https://track.toggl.com/timer",
            &address(&sandbox, 1, 1),
            track_token,
            DEMO_API_KEY,
        ],
    )
    .await;
    result.unwrap();
    for needle in ["Toggl Track address", "Toggl Track token", "toggl_sk_"] {
        assert!(
            printed.contains(needle),
            "{needle:?} missing from:\n{printed}"
        );
    }
    assert!(
        !printed.contains(track_token),
        "the token is echoed:\n{printed}"
    );
    // Only the good key was sent.
    assert_eq!(sandbox.requests().len(), 1);
}

#[tokio::test]
async fn a_typo_is_explained_and_asked_again_keeping_earlier_answers() {
    let sandbox = sandbox(Faults::default()).await;
    let mut setup = setup("default");
    setup.options.base_url = Some(sandbox.base_url());
    // A letter for a digit in the organization, then in the workspace id.
    let (result, printed) = init(&setup.options, &["1o", "1", "one", "1", "", DEMO_API_KEY]).await;
    let path = result.unwrap();
    assert_eq!(printed.matches("Try again.").count(), 3, "{printed}");
    assert!(printed.contains("not \"1o\""), "{printed}");
    assert!(printed.contains("no API key given"), "{printed}");
    assert_eq!(
        profile_of(&path, None)
            .unwrap()
            .unwrap()
            .settings
            .workspace_id,
        1
    );
}

#[tokio::test]
async fn an_existing_profile_is_replaced_only_when_the_user_says_so() {
    let sandbox = sandbox(Faults::default()).await;
    let mut setup = setup("default");
    setup.options.base_url = Some(sandbox.base_url());
    let path = init(&setup.options, &["1 1", DEMO_API_KEY])
        .await
        .0
        .unwrap();
    let first = std::fs::read_to_string(&path).unwrap();

    // Anything but yes keeps the file as it was, without asking for the rest.
    let (result, printed) = init(&setup.options, &["", "1 2", DEMO_API_KEY]).await;
    let err = result.unwrap_err();
    assert!(printed.contains("already exists"), "{printed}");
    assert!(err.contains("nothing was saved"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);

    let (result, _) = init(&setup.options, &["y", "1 1", DEMO_API_KEY]).await;
    result.unwrap();
    setup.options.profile = "other".into();
    let (_, printed) = init(&setup.options, &["1 1", DEMO_API_KEY]).await;
    assert!(!printed.contains("already exists"), "{printed}");
}

#[tokio::test]
async fn an_unreachable_server_and_cut_input_are_explained() {
    let sandbox = sandbox(Faults::default()).await;
    // A port that was free a moment ago: nothing listens there now.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let address = format!("http://127.0.0.1:{port}/organizations/1/workspaces/1");
    assert_refused(
        &sandbox,
        &[&address, DEMO_API_KEY],
        &["cannot reach", "network"],
    )
    .await;
    assert_refused(&sandbox, &["1"], &["input ended", "nothing was saved"]).await;
}
