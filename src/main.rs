//! The `ghosts` binary: parse the command line and hand over.

use std::process::ExitCode;

use clap::Parser;
use ghosts::cli::{Cli, Command, ENV_LOG, ServeArgs, resolve_connection};
use ghosts::{api, logging, sandbox, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = |key: &str| std::env::var(key).ok();
    // Read before any thread starts: the local offset cannot be read safely later.
    let local_offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);

    let log_path = logging::default_log_path(&env);
    let level = cli
        .log_level
        .clone()
        .or_else(|| env(ENV_LOG))
        .unwrap_or_else(|| "info".into());
    match &log_path {
        Some(path) => {
            if let Err(problem) = logging::init(path, &level) {
                eprintln!("ghosts: {problem}");
                return ExitCode::from(2);
            }
        }
        None => eprintln!(
            "ghosts: no log file (neither XDG_STATE_HOME nor HOME is set); going on without one"
        ),
    }

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
    let result = match cli.command {
        Some(Command::Serve(args)) => runtime.block_on(serve(args)),
        None => {
            let options = tui::RunOptions {
                demo: cli.demo,
                local_offset,
                log_path,
            };
            if cli.demo {
                runtime.block_on(demo(options))
            } else {
                match resolve_connection(&cli.connection, &env) {
                    Ok(config) => runtime.block_on(open(config, options)),
                    Err(message) => {
                        eprintln!("{message}");
                        return ExitCode::from(2);
                    }
                }
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("ghosts: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn open(config: api::ClientConfig, options: tui::RunOptions) -> anyhow::Result<()> {
    let client = api::Client::new(config)?;
    tui::run(client, options).await
}

/// The sandbox in this process, on a free loopback port, and the app on it.
async fn demo(options: tui::RunOptions) -> anyhow::Result<()> {
    let sandbox = sandbox::start(sandbox::SandboxOptions::default()).await?;
    tracing::info!(base_url = %sandbox.base_url(), "demo sandbox started");
    let result = open(sandbox.client_config(), options).await;
    sandbox.shutdown().await;
    result
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let options = sandbox::SandboxOptions {
        addr: args.addr,
        db: args.db,
        ghosts: args.ghosts,
        seed: args.seed,
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
