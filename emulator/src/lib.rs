//! # maia-provision-emulator
//!
//! The Maia project-provisioning API on `127.0.0.1`, in memory: the OAuth token endpoint, every
//! operation of the core's [`maia_provision::Operation::ALL`] (requests checked by the core's
//! [`maia_provision::validate`]), state per account, a rate limit, fault injection and a control
//! plane under `/_emulator/`. See `emulator/README.md`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), maia_provision_emulator::StartError> {
//! use maia_provision_emulator::{Emulator, EmulatorConfig};
//! let emulator = Emulator::start(EmulatorConfig { seed: 7, ..EmulatorConfig::default() }).await?;
//! println!("{} {}", emulator.url(), emulator.token_url());
//! # Ok(()) }
//! ```

mod api;
pub mod config;
pub mod control;
pub mod faults;
pub mod ffi;
mod journal;
mod server;
mod state;

pub use config::{AccountConfig, ConfigError, EmulatorConfig};
pub use faults::{FaultAction, FaultRule};
pub use journal::JournalEntry;

use maia_provision::Secret;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The path of the token endpoint, relative to [`EmulatorHandle::url`].
pub const TOKEN_PATH: &str = "/oauth/dpc/token";

/// Locks a mutex, whether or not a panicking thread poisoned it (the data stay consistent: every
/// critical section here is a few assignments).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts emulators.
pub struct Emulator;

/// Why an emulator did not start.
#[derive(Debug)]
pub enum StartError {
    /// The configuration is inconsistent.
    Config(String),
    /// The listener could not be bound or the runtime not built.
    Io(std::io::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Config(message) => write!(f, "the emulator configuration is invalid: {message}"),
            StartError::Io(error) => write!(f, "the emulator could not start: {error}"),
        }
    }
}

impl std::error::Error for StartError {}

impl Emulator {
    /// Binds `127.0.0.1:{config.port}` and serves until the handle is dropped.
    pub async fn start(config: EmulatorConfig) -> Result<EmulatorHandle, StartError> {
        config.check().map_err(StartError::Config)?;
        let listener = tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, config.port)).await.map_err(StartError::Io)?;
        let addr = listener.local_addr().map_err(StartError::Io)?;
        let shared = Arc::new(api::Shared::new(config));
        let task = tokio::spawn(server::accept_loop(listener, server::router(shared.clone())));
        Ok(EmulatorHandle { info: EmulatorInfo::new(addr, &shared), task })
    }

    /// [`Emulator::start`] for callers without an async runtime: the emulator runs on its own
    /// thread with its own two-worker runtime, and stops when the handle is dropped.
    pub fn start_blocking(config: EmulatorConfig) -> Result<BlockingEmulatorHandle, StartError> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("maia-emulator".to_owned())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        _ = ready_tx.send(Err(StartError::Io(error)));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match Emulator::start(config).await {
                        Ok(handle) => {
                            _ = ready_tx.send(Ok(handle.info.clone()));
                            _ = stop_rx.await;
                            drop(handle);
                        }
                        Err(error) => _ = ready_tx.send(Err(error)),
                    }
                });
            })
            .map_err(StartError::Io)?;
        let info = ready_rx.recv().map_err(|_| StartError::Io(std::io::Error::other("the emulator thread stopped before it was ready")))??;
        Ok(BlockingEmulatorHandle { info, stop: Some(stop_tx), thread: Some(thread) })
    }
}

/// Where a running emulator is and the default account's credentials.
#[derive(Clone, Debug)]
struct EmulatorInfo {
    addr: SocketAddr,
    url: String,
    token_url: String,
    client_id: String,
    client_secret: Secret,
}

impl EmulatorInfo {
    fn new(addr: SocketAddr, shared: &api::Shared) -> EmulatorInfo {
        let url = format!("http://{addr}");
        let (client_id, client_secret) = shared.default_credentials();
        EmulatorInfo { addr, token_url: format!("{url}{TOKEN_PATH}"), url, client_id, client_secret }
    }
}

/// A running emulator (from [`Emulator::start`]); dropping it stops the server and closes every connection.
#[derive(Debug)]
pub struct EmulatorHandle {
    info: EmulatorInfo,
    task: tokio::task::JoinHandle<()>,
}

/// A running emulator on its own thread (from [`Emulator::start_blocking`]); stopped on drop.
#[derive(Debug)]
pub struct BlockingEmulatorHandle {
    info: EmulatorInfo,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

macro_rules! accessors {
    ($handle:ty) => {
        impl $handle {
            /// The API base (`http://127.0.0.1:PORT`): operation paths such as `/v1/projects` go after it.
            pub fn url(&self) -> &str {
                &self.info.url
            }

            /// The token endpoint (`{url}/oauth/dpc/token`).
            pub fn token_url(&self) -> &str {
                &self.info.token_url
            }

            /// The socket address the emulator listens on.
            pub fn addr(&self) -> SocketAddr {
                self.info.addr
            }

            /// The default account's client id.
            pub fn client_id(&self) -> &str {
                &self.info.client_id
            }

            /// The default account's client secret.
            pub fn client_secret(&self) -> &Secret {
                &self.info.client_secret
            }

            /// The control plane's base (`{url}/_emulator`).
            pub fn control_url(&self) -> String {
                format!("{}/_emulator", self.info.url)
            }
        }
    };
}

accessors!(EmulatorHandle);
accessors!(BlockingEmulatorHandle);

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        // The accept loop owns every connection task; aborting it drops them all.
        self.task.abort();
    }
}

impl Drop for BlockingEmulatorHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            _ = thread.join();
        }
    }
}
