//! The command line. Joining it with the environment and the config file is
//! `config::resolve_connection`'s job.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::sandbox::Faults;

pub const ENV_TOKEN: &str = "TOGGL_FOCUS_API_TOKEN";
pub const ENV_EMAIL: &str = "TOGGL_FOCUS_EMAIL";
pub const ENV_PASSWORD: &str = "TOGGL_FOCUS_PASSWORD";
pub const ENV_ORG: &str = "TOGGL_ORGANIZATION_ID";
pub const ENV_WORKSPACE: &str = "TOGGL_WORKSPACE_ID";
pub const ENV_BASE_URL: &str = "TOGGL_FOCUS_BASE_URL";
pub const ENV_LOG: &str = "GHOSTS_LOG";
pub const ENV_THEME: &str = "GHOSTS_THEME";

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

    /// Config file [env: GHOSTS_CONFIG] [default: $XDG_CONFIG_HOME/ghosts/config.toml,
    /// else ~/.config/ghosts/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Profile of the config file to use [env: GHOSTS_PROFILE] [default: the file's
    /// default_profile]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Colors: dark (for dark terminal backgrounds), light or mono [env: GHOSTS_THEME]
    /// [default: the profile's theme, else dark]. NO_COLOR, when set, turns color off.
    #[arg(long, value_name = "NAME", value_parser = ["dark", "light", "mono"])]
    pub theme: Option<String>,

    /// Log level for the log file: error, warn, info, debug or trace [env: GHOSTS_LOG].
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the sandbox server: a local stand-in for the Focus API with demo data.
    Serve(ServeArgs),
    /// Set up a profile: asks for the workspace's Focus address and an API key, checks
    /// them with one request, and saves them to the config file (readable only by you).
    Init,
}

/// `HOST:PORT` with a host name too (`localhost:8787`), not only an IP address; the
/// first address the name resolves to is used.
fn listen_addr(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    let usage =
        || format!("expected HOST:PORT such as 127.0.0.1:8787 or localhost:8787, not {text:?}");
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    if text
        .rsplit_once(':')
        .is_none_or(|(host, port)| host.is_empty() || port.parse::<u16>().is_err())
    {
        return Err(usage());
    }
    text.to_socket_addrs()
        .map_err(|e| format!("{}: {e}", usage()))?
        .next()
        .ok_or_else(usage)
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on: HOST:PORT, such as 127.0.0.1:8787 or localhost:8787.
    #[arg(long, default_value = "127.0.0.1:8787", value_parser = listen_addr)]
    pub addr: SocketAddr,
    /// Keep the data in this SQLite file (reused if it exists) instead of in memory.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// How many ghosts to seed.
    #[arg(long, default_value_t = 400)]
    pub ghosts: usize,
    /// Seed for the demo data and for the random misbehaviour below; the same seed gives
    /// the same data and the same failures.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Requests allowed per caller and organization per hour (the free plan allows 30).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub quota: u32,
    #[command(flatten)]
    pub faults: FaultArgs,
}

/// Misbehaving on purpose, to see how the app copes. All off by default.
#[derive(Debug, Default, Args)]
pub struct FaultArgs {
    /// Wait this long before answering each request.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency: u64,
    /// Share of requests (0 to 1) answered 502 with an HTML page, like a failing gateway.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub fail_rate: f64,
    /// Every Nth request answers 429 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub burst_429: u32,
    /// The Retry-After of those 429 answers, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 1)]
    pub retry_after: u64,
    /// Send the headers and half the body of each successful answer, then stall this long.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub stall_ms: u64,
    /// Share of successful answers (0 to 1) whose body is replaced by broken JSON.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub malformed_rate: f64,
    /// Send the headers and half the body of each successful answer, then drop the
    /// connection.
    #[arg(long)]
    pub drop_mid_body: bool,
    /// Answer null where a list belongs (the `data` of pages, a ghost's assignments).
    #[arg(long)]
    pub nulls: bool,
    /// Requests about this ghost answer 500 (repeatable).
    #[arg(long = "fail-id", value_name = "ID")]
    pub fail_ids: Vec<i64>,
}

impl FaultArgs {
    /// The sandbox's faults, or what is wrong with the flags.
    pub fn to_faults(&self, seed: u64) -> Result<Faults, String> {
        for (name, rate) in [
            ("--fail-rate", self.fail_rate),
            ("--malformed-rate", self.malformed_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} is a share between 0 and 1, not {rate}"));
            }
        }
        Ok(Faults {
            fail_ghost_ids: self.fail_ids.clone(),
            latency: Duration::from_millis(self.latency),
            fail_rate: self.fail_rate,
            burst_429: self.burst_429,
            retry_after: Duration::from_secs(self.retry_after),
            stall: Duration::from_millis(self.stall_ms),
            malformed_rate: self.malformed_rate,
            drop_mid_body: self.drop_mid_body,
            nulls: self.nulls,
            seed,
        })
    }
}

/// Where the app connects when not in demo mode. Flags win over the environment, which
/// wins over the config file's profile.
#[derive(Debug, Default, Args)]
pub struct ConnectionArgs {
    /// API base URL [env: TOGGL_FOCUS_BASE_URL] [default: https://focus.toggl.com/api]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// Organization id, from the Focus web app's address bar [env: TOGGL_ORGANIZATION_ID]
    #[arg(long, value_name = "ID")]
    pub org: Option<String>,
    /// Workspace id, from the Focus web app's address bar [env: TOGGL_WORKSPACE_ID]
    #[arg(long, value_name = "ID")]
    pub workspace: Option<String>,
    /// Email for Basic authentication [env: TOGGL_FOCUS_EMAIL]; the password is read
    /// from TOGGL_FOCUS_PASSWORD or the profile only, so it never shows in the process list.
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// Seconds to wait for a connection [default: 5, or the profile's connect_timeout_secs]
    #[arg(long, value_name = "SECS")]
    pub connect_timeout: Option<u64>,
    /// Seconds a whole request may take [default: 20, or the profile's request_timeout_secs]
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
}

/// Parses the process's arguments. `--version` also says where the log and the config
/// file are, which is what someone asking for help needs to tell.
pub fn parse(log_path: Option<&Path>, config_path: Option<&Path>) -> Cli {
    let matches = Cli::command()
        .long_version(long_version(log_path, config_path))
        .get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

fn long_version(log_path: Option<&Path>, config_path: Option<&Path>) -> String {
    let show = |path: Option<&Path>| {
        path.map_or_else(
            || "(none: HOME is not set)".to_string(),
            |p| p.display().to_string(),
        )
    };
    format!(
        "{}\nlog file:    {}\nconfig file: {}",
        env!("CARGO_PKG_VERSION"),
        show(log_path),
        show(config_path)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_parses() {
        let cli = Cli::try_parse_from(["ghosts", "--demo"]).unwrap();
        assert!(cli.demo && cli.command.is_none());
        let cli = Cli::try_parse_from(["ghosts", "--theme", "light"]).unwrap();
        assert_eq!(cli.theme.as_deref(), Some("light"));
        assert!(Cli::try_parse_from(["ghosts", "--theme", "pink"]).is_err());
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
            other => panic!("expected serve, got {other:?}"),
        }
        assert!(Cli::try_parse_from(["ghosts", "serve", "--addr", "nowhere"]).is_err());
        assert!(Cli::try_parse_from(["ghosts", "serve", "--addr", "localhost:99999"]).is_err());
        // A host name is fine, as users type it.
        match Cli::try_parse_from(["ghosts", "serve", "--addr", "localhost:8787"]) {
            Ok(Cli {
                command: Some(Command::Serve(serve)),
                ..
            }) => {
                assert!(serve.addr.ip().is_loopback());
                assert_eq!(serve.addr.port(), 8787);
            }
            other => panic!("expected serve on localhost: {other:?}"),
        }
        let cli =
            Cli::try_parse_from(["ghosts", "init", "--profile", "work", "--config", "/c.toml"])
                .unwrap();
        assert!(matches!(cli.command, Some(Command::Init)));
        assert_eq!(cli.profile.as_deref(), Some("work"));
        let cli = Cli::try_parse_from([
            "ghosts",
            "serve",
            "--fail-id",
            "3",
            "--fail-id",
            "4",
            "--burst-429",
            "5",
            "--nulls",
        ])
        .unwrap();
        match cli.command {
            Some(Command::Serve(serve)) => {
                assert_eq!(serve.faults.fail_ids, [3, 4]);
                assert_eq!(serve.faults.burst_429, 5);
                assert!(serve.faults.nulls);
            }
            other => panic!("expected serve, got {other:?}"),
        }
    }

    #[test]
    fn fault_flags_become_faults_and_bad_rates_are_refused() {
        let args = FaultArgs {
            latency: 250,
            fail_rate: 0.25,
            stall_ms: 1500,
            ..FaultArgs::default()
        };
        let faults = args.to_faults(9).unwrap();
        assert_eq!(faults.latency, Duration::from_millis(250));
        assert_eq!(faults.stall, Duration::from_millis(1500));
        assert_eq!((faults.fail_rate, faults.seed), (0.25, 9));
        let bad = FaultArgs {
            malformed_rate: 1.5,
            ..FaultArgs::default()
        };
        assert!(bad.to_faults(0).unwrap_err().contains("--malformed-rate"));
    }

    #[test]
    fn the_long_version_names_the_log_and_config_files() {
        let text = long_version(
            Some(Path::new("/s/ghosts.log")),
            Some(Path::new("/c/config.toml")),
        );
        assert!(
            text.contains("/s/ghosts.log") && text.contains("/c/config.toml"),
            "{text}"
        );
    }
}
