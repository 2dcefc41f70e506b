//! The `ghosts` binary: parse the command line and hand over.

use std::io::IsTerminal;
use std::process::ExitCode;

use ghosts::cli::{self, Cli, Command, ENV_BASE_URL, ENV_LOG, ENV_THEME, ServeArgs};
use ghosts::config::{self, ConfigLocation, ENV_PROFILE, init};
use ghosts::tui::runtime::Ended;
use ghosts::{api, logging, sandbox, tui};

fn main() -> ExitCode {
    let env = |key: &str| std::env::var(key).ok();
    let log_path = logging::default_log_path(&env);
    // `--version` shows the config file the environment points to; `--config` is not
    // parsed yet at that point.
    let default_config = config::locate(None, &env);
    let cli = cli::parse(
        log_path.as_deref(),
        default_config.as_ref().map(|l| l.path.as_path()),
    );
    // Read before any thread starts: the local offset cannot be read safely later.
    let local_offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);

    let level = cli
        .log_level
        .clone()
        .or_else(|| env(ENV_LOG))
        .unwrap_or_else(|| "info".into());
    // A bad level is the user's typo: stop and say so. A log file that cannot be
    // written is the machine's: say so and go on without one.
    let filter = match logging::parse_level(&level) {
        Ok(filter) => filter,
        Err(problem) => {
            eprintln!("ghosts: {problem}");
            return ExitCode::from(2);
        }
    };
    let log_path = match log_path {
        Some(path) => match logging::init(&path, filter) {
            Ok(()) => Some(path),
            Err(problem) => {
                eprintln!("ghosts: {problem}; going on without a log");
                None
            }
        },
        None => {
            eprintln!(
                "ghosts: no log file (neither XDG_STATE_HOME nor HOME is set); going on without one"
            );
            None
        }
    };

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("ghosts: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let location = config::locate(cli.config.as_deref(), &env);
    let profile_name = cli.profile.clone().or_else(|| env(ENV_PROFILE));
    let result = match cli.command {
        Some(Command::Serve(args)) => runtime.block_on(serve(args)).map(|()| Ended::Quit),
        Some(Command::Init) => {
            let base_url = cli
                .connection
                .base_url
                .clone()
                .or_else(|| env(ENV_BASE_URL));
            match runtime.block_on(run_init(location, profile_name, base_url)) {
                Ok(()) => return ExitCode::SUCCESS,
                Err(message) => {
                    // On a new line: piped answers leave the cursor after a prompt.
                    eprintln!("\nghosts init: {message}");
                    return ExitCode::from(2);
                }
            }
        }
        None => {
            // Everything about the configuration is settled here, before the terminal
            // is taken over, so every problem is plainly readable. The demo needs no
            // config file; it only takes a readable profile's theme.
            let (connection, profile) = if cli.demo {
                let profile = config::load_profile(location.as_ref(), profile_name.as_deref());
                (None, profile.ok().flatten())
            } else {
                match connection(&cli, location.as_ref(), profile_name.as_deref(), &env) {
                    Ok((config, profile)) => (Some(config), profile),
                    Err(message) => {
                        eprintln!("{message}");
                        return ExitCode::from(2);
                    }
                }
            };
            let theme = tui::theme::choose(
                cli.theme.as_deref(),
                env(ENV_THEME).as_deref(),
                profile.as_ref().and_then(|p| p.settings.theme.as_deref()),
                env("NO_COLOR").as_deref(),
            );
            let theme = match theme {
                Ok(theme) => theme,
                Err(message) => {
                    eprintln!("ghosts: {message}");
                    return ExitCode::from(2);
                }
            };
            let options = tui::RunOptions {
                demo: cli.demo,
                local_offset,
                log_path,
                theme,
                // The demo's data is gone when it ends: nothing to recover there.
                journal_path: if cli.demo {
                    None
                } else {
                    tui::journal::default_path(&env)
                },
            };
            match connection {
                Some(config) => runtime.block_on(open(config, options)),
                None => runtime.block_on(demo(options)),
            }
        }
    };
    match result {
        // The terminal is already restored here, whichever way the app ended.
        Ok(ended) => ExitCode::from(ended.exit_code()),
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("ghosts: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The profile, then flags, environment and profile joined; a warning about the file
/// is shown even when the connection can be made without its secret.
fn connection(
    cli: &Cli,
    location: Option<&ConfigLocation>,
    profile_name: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(api::ClientConfig, Option<config::Profile>), String> {
    let profile = config::load_profile(location, profile_name)?;
    let config = config::resolve_connection(&cli.connection, env, profile.as_ref())?;
    if let Some(warning) = profile.as_ref().and_then(|p| p.refused_secret.as_deref()) {
        tracing::warn!("{warning}");
        eprintln!("ghosts: warning: {warning}");
    }
    if let Some(profile) = &profile {
        tracing::info!(profile = %profile.name, file = %profile.path.display(), "using profile");
    }
    Ok((config, profile))
}

async fn run_init(
    location: Option<ConfigLocation>,
    profile: Option<String>,
    base_url: Option<String>,
) -> Result<(), String> {
    let location = location.ok_or(
        "there is nowhere to keep the config (neither XDG_CONFIG_HOME nor HOME is set); \
         pass --config PATH",
    )?;
    let options = init::InitOptions {
        config_path: location.path,
        profile: profile.unwrap_or_else(|| "default".into()),
        base_url,
        hide_key: std::io::stdin().is_terminal(),
    };
    let stdin = std::io::stdin();
    init::run(&mut stdin.lock(), &mut std::io::stdout(), &options)
        .await
        .map(|_| ())
}

async fn open(config: api::ClientConfig, options: tui::RunOptions) -> anyhow::Result<Ended> {
    let client = api::Client::new(config)?;
    tui::run(client, options).await
}

/// The sandbox in this process, on a free loopback port, and the app on it.
async fn demo(options: tui::RunOptions) -> anyhow::Result<Ended> {
    let sandbox = sandbox::start(sandbox::SandboxOptions::default()).await?;
    tracing::info!(base_url = %sandbox.base_url(), "demo sandbox started");
    let result = open(sandbox.client_config(), options).await;
    sandbox.shutdown().await;
    result
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let faults = args
        .faults
        .to_faults(args.seed)
        .map_err(anyhow::Error::msg)?;
    let options = sandbox::SandboxOptions {
        addr: args.addr,
        db: args.db,
        ghosts: args.ghosts,
        seed: args.seed,
        quota_per_hour: args.quota,
        faults,
        ..sandbox::SandboxOptions::default()
    };
    let sandbox = sandbox::start(options).await?;
    println!("{}", sandbox.banner());
    println!("Press Ctrl-C to stop.");
    shutdown_signal().await;
    sandbox.shutdown().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM where there is one.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
