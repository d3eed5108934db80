//! `maia_provision._native.Client`: the core's native client (`ffi::ClientHandle`, feature
//! `client`) under `maia_provision.Client` and `AsyncClient` (`_client.py`), its options read by
//! the core. Calls run on the core's runtime (one per process, started by the first call, never
//! at import); each hands its envelope to a callback from the runtime's thread, which
//! `_client.py` waits for (with the GIL released) or wakes its event loop with.

use crate::{Any, Host, Str, fault, operation_of, read, user_agent};
use maia_provision::ffi::{self, ClientHandle, PagesHandle};
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;

/// Runs `work` on the core's runtime; `done(envelope)` is called from its thread (not while the
/// interpreter shuts down).
fn spawn(work: impl Future<Output = String> + Send + 'static, done: Py<PyAny>) -> PyResult<()> {
    let done = move |envelope: String| drop(Python::try_attach(|py| done.call1(py, (envelope,))));
    ffi::spawn(work, done).map_err(|error| PyOSError::new_err(error.to_string()))
}

/// The pages of one listing.
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Pages(PagesHandle);

#[pymethods]
impl Pages {
    /// Fetches the next page's items (`None` after the last page) as call `id` of the client:
    /// `done(envelope)`.
    fn next(&self, id: u32, done: Py<PyAny>) -> PyResult<()> {
        spawn(self.0.next_cancellable(id), done)
    }
}

/// The client: `call()` and `pages()` start calls, `cancel()` stops one, `close()` drops its
/// connections.
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Client(ClientHandle);

#[pymethods]
impl Client {
    /// A client from a dict of options by their Python names (unset ones from `MAIA_*`
    /// variables); `on_attempt(record)` is told about every attempt with its JSON record.
    #[new]
    #[pyo3(signature = (options, on_attempt = None))]
    fn new(options: &Any<'_>, on_attempt: Option<Py<PyAny>>) -> PyResult<Client> {
        // A logging failure must not fail the call; nothing is logged while the interpreter shuts down.
        let on_attempt = on_attempt.map(|log| ffi::json_logger(move |record| drop(Python::try_attach(|py| log.call1(py, (record,))))));
        let py = options.py();
        ClientHandle::from_host(&Host(options.clone()), user_agent(py), on_attempt).map(Client).map_err(|envelope| fault(py, &envelope))
    }

    /// Starts `operation` with its body and parameters (path, query and header parameters by
    /// name) as call `id`: `done(envelope)` once it answers. Returns the error envelope of the
    /// call interrupted under way (a create's `OutcomeUnknownError`), `None` for a read.
    fn call(&self, operation: &Str<'_>, body: &Any<'_>, params: &Any<'_>, id: u32, done: Py<PyAny>) -> PyResult<Option<String>> {
        let (py, operation) = (operation.py(), operation_of(operation)?);
        let (body, params) = (read(Some(body), "body")?.into_value(), read(Some(params), "params")?.into_value());
        let interrupted = ffi::interrupted_error(operation, &body);
        spawn(self.0.call(operation, body, params, id).map_err(|envelope| fault(py, &envelope))?, done)?;
        Ok(interrupted)
    }

    /// The pages of a list operation (`params`: path parameters, `size`, `connectionNames`).
    fn pages(&self, operation: &Str<'_>, params: &Any<'_>) -> PyResult<Pages> {
        let (py, operation) = (operation.py(), operation_of(operation)?);
        self.0.pages(operation, &read(Some(params), "params")?.into_value()).map(Pages).map_err(|envelope| fault(py, &envelope))
    }

    /// Stops call `id` (nothing more is sent for it; its `done` is told `null`).
    fn cancel(&self, id: u32) {
        self.0.cancel(id);
    }

    /// The API base URL.
    #[getter]
    fn base_url(&self, py: Python<'_>) -> PyResult<String> {
        self.0.base_url().map_err(|envelope| fault(py, &envelope))
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.0.closed()
    }

    /// Drops the client's connections (calls still running finish first); again: nothing.
    fn close(&self, py: Python<'_>) {
        let client = self.0.close();
        py.detach(move || drop(client));
    }

    fn __repr__(&self) -> &str {
        self.0.describe()
    }
}
