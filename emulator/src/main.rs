//! `maia-provision-emulator`: the emulator as a process. Prints one JSON line
//! `{url, token_url, client_id, client_secret}` on stdout, one line per request on stderr, and
//! runs until SIGINT, SIGTERM or the end of stdin.

use clap::Parser;
use maia_provision_emulator::{Emulator, EmulatorConfig, control};
use std::process::ExitCode;
use tokio::io::AsyncReadExt as _;

/// The Maia project-provisioning API on 127.0.0.1, in memory.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The seed every generated id derives from.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// A JSON file of fault rules (one rule, a list, or `{"faults": [...]}`).
    #[arg(long)]
    faults: Option<std::path::PathBuf>,
    /// A JSON file with a whole `EmulatorConfig`; the other flags override it.
    #[arg(long)]
    config: Option<std::path::PathBuf>,
    /// Token lifetime in seconds.
    #[arg(long)]
    token_ttl: Option<u64>,
    /// Requests per minute per account (0: no limit).
    #[arg(long)]
    rate_limit: Option<u32>,
    /// Keep running when stdin closes (stop only on SIGINT or SIGTERM).
    #[arg(long)]
    ignore_stdin: bool,
    /// Do not log requests on stderr.
    #[arg(long)]
    quiet: bool,
}

fn config(args: &Args) -> Result<EmulatorConfig, String> {
    let read = |path: &std::path::Path| std::fs::read_to_string(path).map_err(|error| format!("cannot read `{}`: {error}", path.display()));
    let mut config = match &args.config {
        Some(path) => {
            let value = serde_json::from_str(&read(path)?).map_err(|error| format!("`{}` is not JSON: {error}", path.display()))?;
            EmulatorConfig::from_json(value).map_err(|error| format!("`{}`: {error}", path.display()))?
        }
        None => EmulatorConfig::default(),
    };
    config.port = args.port;
    config.seed = args.seed;
    config.log_requests = !args.quiet;
    if let Some(path) = &args.faults {
        config.faults = control::parse_faults(&read(path)?)?;
    }
    if let Some(ttl) = args.token_ttl {
        config.token_ttl = ttl;
    }
    if let Some(limit) = args.rate_limit {
        config.rate_limit = (limit > 0).then_some(limit);
    }
    Ok(config)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = match config(&args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let emulator = match Emulator::start(config).await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let line = serde_json::json!({
        "url": emulator.url(),
        "token_url": emulator.token_url(),
        "client_id": emulator.client_id(),
        "client_secret": emulator.client_secret().expose(),
    });
    println!("{line}");
    let stdin_closed = async {
        if args.ignore_stdin {
            std::future::pending::<()>().await;
        }
        let mut stdin = tokio::io::stdin();
        let mut buffer = [0u8; 256];
        while matches!(stdin.read(&mut buffer).await, Ok(n) if n > 0) {}
    };
    let terminated = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => _ = signal.recv().await,
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminated => {}
        () = stdin_closed => {}
    }
    drop(emulator);
    ExitCode::SUCCESS
}
