//! The command line, and turning flags plus environment into a connection.
//!
//! The environment is passed in as a function so the rules can be tested without
//! touching the process environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::api::{Auth, ClientConfig, DEFAULT_BASE_URL, Id, Secret};

pub const ENV_TOKEN: &str = "TOGGL_FOCUS_API_TOKEN";
pub const ENV_EMAIL: &str = "TOGGL_FOCUS_EMAIL";
pub const ENV_PASSWORD: &str = "TOGGL_FOCUS_PASSWORD";
pub const ENV_ORG: &str = "TOGGL_ORGANIZATION_ID";
pub const ENV_WORKSPACE: &str = "TOGGL_WORKSPACE_ID";
pub const ENV_BASE_URL: &str = "TOGGL_FOCUS_BASE_URL";
pub const ENV_LOG: &str = "GHOSTS_LOG";

/// Browse, search and triage Toggl Focus ghosts from the terminal.
#[derive(Debug, Parser)]
#[command(name = "ghosts", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Open the app on a built-in sandbox with demo data (no account needed).
    #[arg(long)]
    pub demo: bool,

    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Log level for the log file: error, warn, info, debug or trace [env: GHOSTS_LOG].
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the sandbox server: a local stand-in for the Focus API with demo data.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// Keep the data in this SQLite file (reused if it exists) instead of in memory.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// How many ghosts to seed.
    #[arg(long, default_value_t = 400)]
    pub ghosts: usize,
    /// Seed for the demo data; the same seed gives the same data.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

/// Where the app connects when not in demo mode. Flags win over the environment.
#[derive(Debug, Default, Args)]
pub struct ConnectionArgs {
    /// API base URL [env: TOGGL_FOCUS_BASE_URL] [default: https://focus.toggl.com/api]
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Organization id, from the Focus web app's address bar [env: TOGGL_ORGANIZATION_ID]
    #[arg(long, value_name = "ID")]
    pub org: Option<String>,
    /// Workspace id, from the Focus web app's address bar [env: TOGGL_WORKSPACE_ID]
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
    /// Email for Basic authentication [env: TOGGL_FOCUS_EMAIL]; the password is read
    /// from TOGGL_FOCUS_PASSWORD only, so it never shows in the process list.
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
}

/// Resolves flags and environment into a client configuration, or says exactly what is
/// missing or wrong, all at once, so the user fixes everything in one go.
pub fn resolve_connection(
    args: &ConnectionArgs,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<ClientConfig, String> {
    let from = |flag: &Option<String>, var: &str| {
        flag.clone()
            .or_else(|| env(var))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut problems = Vec::new();
    let base_url =
        from(&args.base_url, ENV_BASE_URL).unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    let org = parse_id(
        from(&args.org, ENV_ORG),
        "organization id",
        "--org",
        ENV_ORG,
        &mut problems,
    );
    let workspace = parse_id(
        from(&args.workspace, ENV_WORKSPACE),
        "workspace id",
        "--workspace",
        ENV_WORKSPACE,
        &mut problems,
    );
    let token = env(ENV_TOKEN)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let email = from(&args.email, ENV_EMAIL);
    let password = env(ENV_PASSWORD).filter(|p| !p.is_empty());
    let auth = match (token, email, password) {
        (Some(token), _, _) => match token_problem(&token) {
            Some(problem) => {
                problems.push(problem);
                None
            }
            None => Some(Auth::ApiKey(Secret::new(token))),
        },
        (None, Some(email), Some(password)) => Some(Auth::Basic {
            email,
            password: Secret::new(password),
        }),
        (None, Some(_), None) => {
            problems.push(format!(
                "a password: set {ENV_PASSWORD} (or use an API key in {ENV_TOKEN})"
            ));
            None
        }
        (None, None, _) => {
            problems.push(format!(
                "credentials: set {ENV_TOKEN} to an API key from Focus settings \
                 (or {ENV_EMAIL} and {ENV_PASSWORD})"
            ));
            None
        }
    };
    match (org, workspace, auth) {
        (Some(org), Some(workspace), Some(auth)) if problems.is_empty() => {
            Ok(ClientConfig::new(base_url, org, workspace, auth))
        }
        _ => Err(format!(
            "ghosts cannot start; it needs:\n{}\n\nTo look around without an account, run: ghosts --demo",
            problems
                .iter()
                .map(|p| format!("  - {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )),
    }
}

fn parse_id(
    value: Option<String>,
    what: &str,
    flag: &str,
    var: &str,
    problems: &mut Vec<String>,
) -> Option<Id> {
    match value {
        None => {
            problems.push(format!(
                "the {what}: pass {flag} or set {var} (it is in the Focus web app's address bar: \
                 .../organizations/<org>/workspaces/<workspace>/...)"
            ));
            None
        }
        Some(text) => match text.parse::<Id>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                problems.push(format!(
                    "the {what} to be a positive whole number, not {text:?} ({flag} or {var})"
                ));
                None
            }
        },
    }
}

/// Recognises a Toggl Track token, which looks like a Focus key without its prefix and
/// would only earn a bare 401.
fn token_problem(token: &str) -> Option<String> {
    let is_hex32 = token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit());
    is_hex32.then(|| {
        format!(
            "a Focus API key in {ENV_TOKEN}: the value set looks like a Toggl Track token \
             (32 hex digits), which Focus does not accept. Create an API key in Focus settings; \
             it starts with toggl_sk_"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| map.get(key).cloned()
    }

    #[test]
    fn everything_from_the_environment() {
        let env = env_of(&[
            (ENV_ORG, "12"),
            (ENV_WORKSPACE, "34"),
            (ENV_TOKEN, "toggl_sk_0123456789abcdef0123456789abcdef"),
        ]);
        let config = resolve_connection(&ConnectionArgs::default(), &env).unwrap();
        assert_eq!((config.organization_id, config.workspace_id), (12, 34));
        assert_eq!(config.base_url, DEFAULT_BASE_URL);
        assert!(matches!(config.auth, Auth::ApiKey(_)));
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
            workspace: None,
            email: Some("flag@example.com".into()),
        };
        let config = resolve_connection(&args, &env).unwrap();
        assert_eq!(config.base_url, "http://flag/api");
        assert_eq!((config.organization_id, config.workspace_id), (7, 34));
        match config.auth {
            Auth::Basic { email, .. } => assert_eq!(email, "flag@example.com"),
            other => panic!("expected Basic, got {other:?}"),
        }
    }

    #[test]
    fn says_everything_that_is_missing_at_once() {
        let err = resolve_connection(&ConnectionArgs::default(), &env_of(&[])).unwrap_err();
        assert!(err.contains(ENV_ORG), "{err}");
        assert!(err.contains(ENV_WORKSPACE), "{err}");
        assert!(err.contains(ENV_TOKEN), "{err}");
        assert!(err.contains("--demo"), "{err}");
    }

    #[test]
    fn bad_ids_and_half_credentials_are_named() {
        let env = env_of(&[
            (ENV_ORG, "abc"),
            (ENV_WORKSPACE, "-3"),
            (ENV_EMAIL, "a@b.c"),
        ]);
        let err = resolve_connection(&ConnectionArgs::default(), &env).unwrap_err();
        assert!(err.contains("\"abc\""), "{err}");
        assert!(err.contains("\"-3\""), "{err}");
        assert!(err.contains(ENV_PASSWORD), "{err}");
    }

    #[test]
    fn a_track_token_is_explained_and_never_echoed() {
        let token = "0123456789abcdef0123456789abcdef";
        let env = env_of(&[(ENV_ORG, "1"), (ENV_WORKSPACE, "1"), (ENV_TOKEN, token)]);
        let err = resolve_connection(&ConnectionArgs::default(), &env).unwrap_err();
        assert!(err.contains("Toggl Track"), "{err}");
        assert!(!err.contains(token), "{err}");
    }

    #[test]
    fn the_command_line_parses() {
        let cli = Cli::try_parse_from(["ghosts", "--demo"]).unwrap();
        assert!(cli.demo && cli.command.is_none());
        let cli = Cli::try_parse_from([
            "ghosts",
            "serve",
            "--ghosts",
            "100000",
            "--addr",
            "127.0.0.1:0",
        ])
        .unwrap();
        match cli.command {
            Some(Command::Serve(serve)) => assert_eq!(serve.ghosts, 100_000),
            None => panic!("expected serve"),
        }
        assert!(Cli::try_parse_from(["ghosts", "serve", "--addr", "nowhere"]).is_err());
    }
}
