//! The emulator of `maia-provision-emulator` for `maia-provision/testing` (`testing.js`): started
//! and stopped on libuv's thread pool, then running on its own thread and tokio runtime
//! ([`Server::start_blocking`]), so it never keeps Node's event loop alive. The configuration is
//! the emulator's JSON `EmulatorConfig`; its errors are the emulator's, mapped to an envelope.

use maia_provision::Secret;
use maia_provision_emulator::{BlockingEmulatorHandle, ConfigError, Emulator as Server, EmulatorConfig};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Status, Task};
use napi_derive::napi;
use serde_json::json;
use std::sync::{Mutex, PoisonError};

fn config_of(text: &str) -> Result<EmulatorConfig, ConfigError> {
    let value = serde_json::from_str(text).map_err(|error| ConfigError::Invalid(error.to_string()))?;
    EmulatorConfig::from_json(value)
}

/// What is wrong with a configuration (`JSON.stringify` of the settings): `null` when nothing,
/// else `{"error": {kind: "unknownSetting" | "invalid", message}}`.
#[napi(catch_unwind)]
pub fn check_emulator_config(config_json: String) -> Option<String> {
    let error = config_of(&config_json).err()?;
    let kind = match error {
        ConfigError::UnknownSetting { .. } => "unknownSetting",
        ConfigError::Invalid(_) => "invalid",
    };
    Some(json!({"error": {"kind": kind, "message": error.to_string()}}).to_string())
}

/// The names of the settings a configuration may hold.
#[napi(catch_unwind)]
pub fn emulator_settings() -> Vec<String> {
    EmulatorConfig::setting_names()
}

/// A running emulator on 127.0.0.1 (from [`start_emulator`]); `stop()` or garbage collection stops it.
#[napi]
pub struct Emulator {
    handle: Mutex<Option<BlockingEmulatorHandle>>,
    url: String,
    token_url: String,
    client_id: String,
    client_secret: Secret,
}

#[napi]
impl Emulator {
    /// The API base (`http://127.0.0.1:PORT`), for `buildRequest(..., { baseUrl })`.
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The OAuth token endpoint (client credentials).
    #[napi(getter)]
    pub fn token_url(&self) -> String {
        self.token_url.clone()
    }

    /// The default account's client id.
    #[napi(getter)]
    pub fn client_id(&self) -> String {
        self.client_id.clone()
    }

    /// The default account's client secret.
    #[napi(getter)]
    pub fn client_secret(&self) -> String {
        self.client_secret.expose().to_owned()
    }

    /// Whether the server still runs.
    #[napi(getter)]
    pub fn running(&self) -> bool {
        self.handle.lock().unwrap_or_else(PoisonError::into_inner).is_some()
    }

    /// Stops the server and closes its connections (off the main thread); again: nothing.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn stop(&self) -> AsyncTask<Stop> {
        AsyncTask::new(Stop { handle: self.handle.lock().unwrap_or_else(PoisonError::into_inner).take() })
    }
}

/// Starts a server on the thread pool.
pub struct Start {
    config: Option<EmulatorConfig>,
}

impl Task for Start {
    type Output = BlockingEmulatorHandle;
    type JsValue = Emulator;

    fn compute(&mut self) -> napi::Result<BlockingEmulatorHandle> {
        let config = self.config.take().unwrap_or_default();
        Server::start_blocking(config).map_err(|error| napi::Error::new(Status::GenericFailure, error.to_string()))
    }

    fn resolve(&mut self, _: Env, handle: BlockingEmulatorHandle) -> napi::Result<Emulator> {
        Ok(Emulator {
            url: handle.url().to_owned(),
            token_url: handle.token_url().to_owned(),
            client_id: handle.client_id().to_owned(),
            client_secret: handle.client_secret().clone(),
            handle: Mutex::new(Some(handle)),
        })
    }
}

/// Stops a server on the thread pool (dropping the handle joins its thread).
pub struct Stop {
    handle: Option<BlockingEmulatorHandle>,
}

impl Task for Stop {
    type Output = ();
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<()> {
        drop(self.handle.take());
        Ok(())
    }

    fn resolve(&mut self, _: Env, (): ()) -> napi::Result<()> {
        Ok(())
    }
}

/// Starts an emulator from `JSON.stringify(settings)`; `testing.js` checks the settings first
/// with [`check_emulator_config`], so a rejection here is a failure to start (a port in use).
#[napi(ts_return_type = "Promise<Emulator>")]
pub fn start_emulator(config_json: String) -> napi::Result<AsyncTask<Start>> {
    let config = config_of(&config_json).map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))?;
    Ok(AsyncTask::new(Start { config: Some(config) }))
}
