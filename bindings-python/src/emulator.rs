//! The emulator crate's `ffi::EmulatorServer` for `maia_provision._native.Emulator` (`_api.py`):
//! started and stopped with the GIL released, then running on its own thread and runtime. The
//! configuration is the emulator's JSON `EmulatorConfig`; its errors are the emulator's envelopes,
//! raised by kind (`_api._fault`). `maia_provision.testing` wraps the class with the helpers.

use maia_provision_emulator::EmulatorConfig;
use maia_provision_emulator::ffi::EmulatorServer;
use pyo3::prelude::*;

/// Starts an emulator from the settings of `EmulatorConfig`: a setting that does not exist is a
/// `TypeError`, a bad value a `ValueError`, a port in use an `OSError`.
#[pyfunction]
#[pyo3(signature = (config = None))]
pub fn _start_emulator(py: Python<'_>, config: Option<&crate::Any<'_>>) -> PyResult<Handle> {
    let config = crate::read(config, "config")?.into_value();
    py.detach(|| EmulatorServer::start_json(config)).map(Handle).map_err(|refused| crate::fault(py, &refused.envelope()))
}

/// The names of the settings `Emulator(...)` takes.
#[pyfunction]
pub fn _emulator_settings() -> Vec<String> {
    EmulatorConfig::setting_names()
}

/// A running emulator on 127.0.0.1; `close()` (or garbage collection) stops it.
#[pyclass(frozen, name = "_Emulator", module = "maia_provision._native")]
pub struct Handle(EmulatorServer);

#[pymethods]
impl Handle {
    /// `(url, token_url, client_id, client_secret)`: where it is and the default account's credentials.
    fn info(&self) -> (&str, &str, &str, &str) {
        (self.0.url(), self.0.token_url(), self.0.client_id(), self.0.client_secret())
    }

    /// Whether the server still runs.
    #[getter]
    fn running(&self) -> bool {
        self.0.running()
    }

    /// Stops the server and closes its connections; a second call does nothing.
    fn close(&self, py: Python<'_>) {
        let handle = self.0.stop();
        py.detach(move || drop(handle));
    }

    fn __repr__(&self) -> String {
        self.0.describe()
    }
}
