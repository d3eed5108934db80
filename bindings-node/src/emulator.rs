//! The emulator for `maia-provision/testing` (`testing.js`): the emulator crate's
//! `ffi::EmulatorServer`, started (its JSON settings checked, with the emulator's messages) and
//! stopped on napi's blocking pool, running on its own thread and runtime: it never keeps Node's
//! event loop alive.

use maia_provision_emulator::EmulatorConfig;
use maia_provision_emulator::ffi::EmulatorServer;
use napi::bindgen_prelude::Either;
use napi_derive::napi;

/// The names of the settings a configuration may hold.
#[napi(catch_unwind)]
pub fn emulator_settings() -> Vec<String> {
    EmulatorConfig::setting_names()
}

/// A running emulator on 127.0.0.1 (from [`start_emulator`]); `stop()` or garbage collection stops it.
#[napi]
pub struct Emulator(EmulatorServer);

#[napi]
impl Emulator {
    /// `{url, tokenUrl, clientId, clientSecret}`: where it is and the default account's credentials.
    #[napi]
    pub fn info(&self) -> String {
        self.0.info()
    }

    /// Whether the server still runs.
    #[napi(getter)]
    pub fn running(&self) -> bool {
        self.0.running()
    }

    /// Stops the server and closes its connections (off the main thread); again: nothing.
    #[napi]
    pub async fn stop(&self) -> napi::Result<()> {
        let handle = self.0.stop();
        tokio::task::spawn_blocking(move || drop(handle)).await.map_err(|error| napi::Error::from_reason(error.to_string()))
    }
}

/// Starts an emulator from `JSON.stringify(settings)`: the emulator, or a refused setting as
/// `{"error": {kind: "unknownSetting" | "invalid", message}}`; a rejection is a failure to start
/// (a port in use).
#[napi]
pub async fn start_emulator(config_json: String) -> napi::Result<Either<Emulator, String>> {
    let started = tokio::task::spawn_blocking(move || EmulatorServer::start_text(&config_json)).await;
    match started.map_err(|error| napi::Error::from_reason(error.to_string()))? {
        Ok(server) => Ok(Either::A(Emulator(server))),
        Err(refused) if refused.kind == "io" => Err(napi::Error::from_reason(refused.message)),
        Err(refused) => Ok(Either::B(refused.envelope())),
    }
}
