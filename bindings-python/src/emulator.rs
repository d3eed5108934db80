//! `maia_provision._native.Emulator`: the emulator crate's server on its own thread and tokio
//! runtime ([`Emulator::start_blocking`]), started and stopped with the GIL released. The
//! configuration is the emulator's JSON `EmulatorConfig`; its errors are mapped, never written here.
//! `maia_provision.testing` wraps this class with the control-plane helpers.

use maia_provision::Secret;
use maia_provision_emulator::{BlockingEmulatorHandle, ConfigError, Emulator as Server, EmulatorConfig, StartError};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use std::sync::{Mutex, PoisonError};

/// A running emulator on 127.0.0.1; `close()` (or garbage collection) stops it.
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Emulator {
    handle: Mutex<Option<BlockingEmulatorHandle>>,
    url: String,
    token_url: String,
    client_id: String,
    client_secret: Secret,
}

#[pymethods]
impl Emulator {
    /// Starts an emulator from the settings of `EmulatorConfig` (`seed`, `token_ttl`, `rate_limit`,
    /// `accounts`, `faults`, `port`, `log_requests`).
    #[new]
    #[pyo3(signature = (config = None))]
    fn new(py: Python<'_>, config: Option<&Bound<'_, PyDict>>) -> PyResult<Emulator> {
        let value: serde_json::Value = match config {
            Some(config) => pythonize::depythonize(config.as_any()).map_err(|error| PyTypeError::new_err(error.to_string()))?,
            None => serde_json::Value::Null,
        };
        let config = EmulatorConfig::from_json(value).map_err(|error| match error {
            ConfigError::UnknownSetting { .. } => PyTypeError::new_err(error.to_string()),
            ConfigError::Invalid(_) => PyValueError::new_err(error.to_string()),
        })?;
        let handle = py.detach(|| Server::start_blocking(config)).map_err(|error| match error {
            StartError::Config(_) => PyValueError::new_err(error.to_string()),
            StartError::Io(_) => PyOSError::new_err(error.to_string()),
        })?;
        Ok(Emulator {
            url: handle.url().to_owned(),
            token_url: handle.token_url().to_owned(),
            client_id: handle.client_id().to_owned(),
            client_secret: handle.client_secret().clone(),
            handle: Mutex::new(Some(handle)),
        })
    }

    /// The names of the settings `Emulator(...)` takes.
    #[classattr]
    #[pyo3(name = "SETTINGS")]
    fn settings(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
        PyTuple::new(py, EmulatorConfig::setting_names())
    }

    /// The API base (`http://127.0.0.1:PORT`), for `build_request(..., base_url=...)`.
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }

    /// The OAuth token endpoint (client credentials).
    #[getter]
    fn token_url(&self) -> &str {
        &self.token_url
    }

    /// The default account's client id.
    #[getter]
    fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The default account's client secret (never in `repr`).
    #[getter]
    fn client_secret(&self) -> &str {
        self.client_secret.expose()
    }

    /// Whether the server still runs.
    #[getter]
    fn running(&self) -> bool {
        self.handle.lock().unwrap_or_else(PoisonError::into_inner).is_some()
    }

    /// Stops the server and closes its connections; a second call does nothing.
    fn close(&self, py: Python<'_>) {
        let handle = self.handle.lock().unwrap_or_else(PoisonError::into_inner).take();
        py.detach(move || drop(handle));
    }

    fn __repr__(&self) -> String {
        format!("Emulator(url='{}', client_id='{}', client_secret='***')", self.url, self.client_id)
    }
}
