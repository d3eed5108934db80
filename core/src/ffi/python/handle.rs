//! `maia_provision._native._Handle`: every native object Python holds (the client of `_client.py`
//! and its listings' pages, the emulator of `_api.py`, which the binding starts) as the core's
//! `ffi::Handle`, whose methods answer envelopes. Work that answers later runs on the core's
//! runtime (one per process, started by the first call, never at import) and hands its envelope to
//! `done` from the runtime's thread, which `_client.py` waits for (with the GIL released) or wakes
//! its event loop with.

use super::{Any, Str, fault, read_value, str_arg};
use crate::ffi::{self, Answer};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;

/// A native object: `call()` runs one of its methods, `close()` lets go of what it holds.
#[pyclass(frozen, name = "_Handle", module = "maia_provision._native")]
pub struct Handle(Box<dyn ffi::Handle>);

#[pymethods]
impl Handle {
    /// Runs `method` as call `id`: its envelope, a new handle, or (for work whose envelope comes
    /// later, to `done`) the error envelope the call ends with if it is interrupted, or `None`.
    #[pyo3(signature = (method, operation = None, body = None, params = None, id = 0, done = None))]
    #[allow(clippy::too_many_arguments, reason = "the arguments of every method of every handle")]
    #[cfg_attr(not(feature = "client"), allow(unused_variables, reason = "only the client's work answers later"))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        operation: Option<&Str<'py>>,
        body: Option<&Any<'py>>,
        params: Option<&Any<'py>>,
        id: u32,
        done: Option<Py<PyAny>>,
    ) -> PyResult<Any<'py>> {
        let operation = operation.map(|operation| str_arg(operation, "operation")).transpose()?;
        let (body, params) = (read_value(body, "body")?, read_value(params, "params")?);
        match self.0.call(method, operation.as_deref().unwrap_or_default(), body, params, id) {
            Answer::Now(envelope) => envelope.into_bound_py_any(py),
            Answer::Handle(handle) => Ok(Bound::new(py, Handle(handle))?.into_any()),
            #[cfg(feature = "client")]
            Answer::Later(work, interrupted) => {
                // Nobody is told while the interpreter shuts down.
                let done = move |envelope: String| drop(Python::try_attach(|py| done.map(|done| done.call1(py, (envelope,)))));
                ffi::spawn(work, done).map_err(|error| pyo3::exceptions::PyOSError::new_err(error.to_string()))?;
                interrupted.into_bound_py_any(py)
            }
        }
    }

    /// Closes it, with the GIL released (the client's calls still running finish first; the
    /// emulator's thread is joined); again: nothing.
    fn close(&self, py: Python<'_>) {
        let closed = self.0.close();
        py.detach(move || drop(closed));
    }

    fn __repr__(&self) -> String {
        self.0.describe()
    }
}

impl From<Box<dyn ffi::Handle>> for Handle {
    fn from(handle: Box<dyn ffi::Handle>) -> Handle {
        Handle(handle)
    }
}

/// The client from a dict of options by their Python names (unset ones from `MAIA_*` variables);
/// `on_attempt(record)` is told about every attempt with its JSON record.
#[cfg(feature = "client")]
#[pyfunction]
pub fn _start_client(options: &Any<'_>, on_attempt: Option<Py<PyAny>>) -> PyResult<Handle> {
    // A logging failure must not fail the call; nothing is logged while the interpreter shuts down.
    let on_attempt = on_attempt.map(|log| ffi::json_logger(move |record| drop(Python::try_attach(|py| log.call1(py, (record,))))));
    let (py, product) = (options.py(), super::user_agent(options.py()));
    let client = ffi::ClientHandle::from_host(&super::Host(options.clone(), &super::Texts::new()), product, on_attempt)
        .map_err(|envelope| fault(py, &envelope))?;
    Ok(Handle(Box::new(client)))
}
