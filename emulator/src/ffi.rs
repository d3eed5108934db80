//! The emulator as the bindings hold it (Python `maia_provision.testing`, Node
//! `maia-provision/testing`): started from the JSON settings of [`EmulatorConfig`] on its own
//! thread and runtime ([`Emulator::start_blocking`]), where it is and the default account's
//! credentials, and stopped when the host says so (or drops it); to Python, a core `ffi::Handle`.
//! Errors come with a kind a binding maps to its host's error types; their messages are the
//! emulator's.

use crate::{BlockingEmulatorHandle, ConfigError, Emulator, EmulatorConfig, StartError};
use maia_provision::Secret;
use maia_provision::ffi::{Answer, Handle};
use std::sync::{Mutex, PoisonError};

/// Why an emulator did not start: `kind` is `unknownSetting` (a misspelt setting), `invalid` (a
/// setting's value) or `io` (the port could not be bound, the thread not started).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartFailure {
    /// `unknownSetting`, `invalid` or `io`.
    pub kind: &'static str,
    /// The emulator's message.
    pub message: String,
}

impl StartFailure {
    /// The failure as an envelope, `{"error": {kind, message}}`.
    pub fn envelope(&self) -> String {
        serde_json::json!({"error": {"kind": self.kind, "message": self.message}}).to_string()
    }
}

impl From<ConfigError> for StartFailure {
    fn from(error: ConfigError) -> StartFailure {
        let kind = match error {
            ConfigError::UnknownSetting { .. } => "unknownSetting",
            ConfigError::Invalid(_) => "invalid",
        };
        StartFailure { kind, message: error.to_string() }
    }
}

impl From<StartError> for StartFailure {
    fn from(error: StartError) -> StartFailure {
        let kind = match error {
            StartError::Config(_) => "invalid",
            StartError::Io(_) => "io",
        };
        StartFailure { kind, message: error.to_string() }
    }
}

/// A configuration from the JSON text of its settings.
pub fn config_of(text: &str) -> Result<EmulatorConfig, StartFailure> {
    let value = serde_json::from_str(text).map_err(|error| ConfigError::Invalid(error.to_string()))?;
    Ok(EmulatorConfig::from_json(value)?)
}

/// What is wrong with the JSON text of a configuration, as an envelope; `None` when nothing.
pub fn check_config(text: &str) -> Option<String> {
    config_of(text).err().map(|failure| failure.envelope())
}

/// A running emulator on 127.0.0.1 that a host object owns.
pub struct EmulatorServer {
    handle: Mutex<Option<BlockingEmulatorHandle>>,
    url: String,
    token_url: String,
    client_id: String,
    client_secret: Secret,
}

impl EmulatorServer {
    /// Starts an emulator (blocking until it listens).
    pub fn start(config: EmulatorConfig) -> Result<EmulatorServer, StartFailure> {
        let handle = Emulator::start_blocking(config)?;
        Ok(EmulatorServer {
            url: handle.url().to_owned(),
            token_url: handle.token_url().to_owned(),
            client_id: handle.client_id().to_owned(),
            client_secret: handle.client_secret().clone(),
            handle: Mutex::new(Some(handle)),
        })
    }

    /// Starts an emulator from the JSON text of its settings.
    pub fn start_text(config: &str) -> Result<EmulatorServer, StartFailure> {
        EmulatorServer::start(config_of(config)?)
    }

    /// Starts an emulator from its settings as JSON (`null` for the defaults).
    pub fn start_json(config: serde_json::Value) -> Result<EmulatorServer, StartFailure> {
        EmulatorServer::start(EmulatorConfig::from_json(config)?)
    }

    /// The API base (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The OAuth token endpoint (client credentials).
    pub fn token_url(&self) -> &str {
        &self.token_url
    }

    /// The default account's client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The default account's client secret.
    pub fn client_secret(&self) -> &str {
        self.client_secret.expose()
    }

    /// Where it is and the default account's credentials, as JSON: `{url, tokenUrl, clientId,
    /// clientSecret}` (the secret in clear: for a host object to keep out of its printed forms).
    pub fn info(&self) -> String {
        let info = [("url", self.url()), ("tokenUrl", self.token_url()), ("clientId", self.client_id()), ("clientSecret", self.client_secret())];
        serde_json::to_string(&std::collections::BTreeMap::from(info)).unwrap_or_default()
    }

    /// Whether the server still runs.
    pub fn running(&self) -> bool {
        self.handle.lock().unwrap_or_else(PoisonError::into_inner).is_some()
    }

    /// Stops the server: what to drop (dropping joins its thread and closes its connections,
    /// which a host does off its main thread); `None` when it was stopped already.
    pub fn stop(&self) -> Option<BlockingEmulatorHandle> {
        self.handle.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// The emulator as text, without the secret.
    pub fn describe(&self) -> String {
        format!("Emulator(url='{}', client_id='{}', client_secret='***')", self.url, self.client_id)
    }
}

impl Handle for EmulatorServer {
    /// `info` (`{url, tokenUrl, clientId, clientSecret}`) and `running`.
    fn call(&self, method: &str, _: &str, _: serde_json::Value, _: serde_json::Value, _: u32) -> Answer {
        match method {
            "info" => Answer::Now(["{\"ok\":", &self.info(), "}"].concat()),
            "running" => Answer::Now(maia_provision::ffi::ok(&self.running())),
            _ => maia_provision::ffi::no_such_method(method),
        }
    }

    fn close(&self) -> Box<dyn Send> {
        Box::new(self.stop())
    }

    fn describe(&self) -> String {
        EmulatorServer::describe(self)
    }
}
