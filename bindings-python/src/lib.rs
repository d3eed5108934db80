//! The Python binding of maia-provision: the module `maia_provision._native`. Its functions and
//! classes are the core's Python glue (`maia_provision::ffi::python`, feature `python`), as
//! cedar-wasm only re-exports the wasm functions of `cedar_policy::ffi`; the emulator's start is
//! here, because the emulator crate is built on the core and the core cannot reach it.

#[cfg(feature = "emulator")]
use maia_provision::ffi::{Handle, python};
use pyo3::prelude::*;

/// Starts an emulator (with the GIL released) from the settings of `EmulatorConfig`: a setting
/// that does not exist is a `TypeError`, a bad value a `ValueError`, a port in use an `OSError`.
#[cfg(feature = "emulator")]
#[pyfunction]
#[pyo3(signature = (config = None))]
fn _start_emulator(py: Python<'_>, config: Option<&Bound<'_, PyAny>>) -> PyResult<python::Handle> {
    let config = python::read_value(config, "config")?;
    let started = py.detach(|| maia_provision_emulator::ffi::EmulatorServer::start_json(config));
    let server = started.map_err(|refused| python::fault(py, &refused.envelope()))?;
    Ok(python::Handle::from(Box::new(server) as Box<dyn Handle>))
}

/// The names of the settings `Emulator(...)` takes.
#[cfg(feature = "emulator")]
#[pyfunction]
fn _emulator_settings() -> Vec<String> {
    maia_provision_emulator::EmulatorConfig::setting_names()
}

/// The native module, re-exported by `maia_provision`; `_api.py` adds its half at import.
#[pymodule]
mod _native {
    #[pymodule_export]
    use maia_provision::ffi::python::{_call, _parse_response, _tables, HttpRequest, Violation, build_request, validate};

    #[cfg(any(feature = "client", feature = "emulator"))]
    #[pymodule_export]
    use maia_provision::ffi::python::Handle;

    #[cfg(feature = "client")]
    #[pymodule_export]
    use maia_provision::ffi::python::_start_client;

    #[cfg(feature = "emulator")]
    #[pymodule_export]
    use super::{_emulator_settings, _start_emulator};

    #[pymodule_init]
    fn init(module: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        maia_provision::ffi::python::init(module)
    }
}
