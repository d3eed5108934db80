//! `maia_provision._native.Client`: the core's native client (`ffi::ClientHandle`, feature
//! `client`) under `maia_provision.Client` and `AsyncClient` (`_client.py`). Calls run on the
//! core's runtime (one per process, started by the first call, never at import); each answers an
//! envelope in a `_Task`, which `Pending` (`_api.py`) waits for with the GIL released (a sync
//! call, answering Ctrl-C) or is woken by from the runtime's thread (asyncio).

use crate::{Any, Str, fault, operation_of, read};
use maia_provision::client::{AttemptLog, AttemptLogger, ClientOptions};
use maia_provision::ffi::{self, ClientHandle, PagesHandle};
use maia_provision::{Operation, Secret};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt};
use std::sync::Arc;
use std::time::Duration;

static PENDING: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Starts `work` on the core's runtime: a `Pending` (`_api.py`); `interrupted` is the error of
/// the call stopped under way (a create's `OutcomeUnknownError`), `None` for a read.
fn pending<'py>(py: Python<'py>, work: impl Future<Output = String> + Send + 'static, interrupted: Option<String>) -> PyResult<Any<'py>> {
    let task = ffi::Task::spawn(work).map_err(|error| PyOSError::new_err(error.to_string()))?;
    PENDING.import(py, crate::API, "_pending")?.call1((Task(task), interrupted))
}

/// A call running on the core's runtime; `Pending` (`_api.py`) waits for it.
#[pyclass(frozen, name = "_Task", module = "maia_provision._native")]
pub struct Task(ffi::Task);

#[pymethods]
impl Task {
    /// Waits up to `seconds` for the answer with the GIL released: whether it is there.
    fn wait(&self, py: Python<'_>, seconds: f64) -> bool {
        py.detach(|| self.0.wait(Duration::from_secs_f64(seconds)))
    }

    /// Has `callback()` called from the runtime's thread once the answer is there: `False` when
    /// it is there already (nothing is registered; the caller calls it).
    fn on_done(&self, callback: Py<PyAny>) -> bool {
        // Not while the interpreter shuts down; a closed event loop is the caller's business.
        let waker = Box::new(move || {
            Python::try_attach(|py| drop(callback.call0(py)));
        });
        self.0.on_done(waker).is_none()
    }

    /// The answer's envelope (once); `ValueError` before it is there.
    fn take(&self) -> PyResult<String> {
        self.0.take().ok_or_else(|| PyValueError::new_err(ffi::CALL_PENDING))
    }

    /// Stops the call (nothing more is sent; a request on the way is dropped).
    fn cancel(&self) {
        self.0.cancel();
    }
}

/// The pages of one listing; `next()` fetches the next page.
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Pages(PagesHandle);

#[pymethods]
impl Pages {
    /// The next page's items, or `None` after the last page.
    fn next<'py>(&self, py: Python<'py>) -> PyResult<Any<'py>> {
        pending(py, self.0.next(), None)
    }
}

/// The client: `call()` and `pages()` start calls; `close()` drops its connections.
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Client(ClientHandle);

#[pymethods]
impl Client {
    /// A client from options (unset ones from `MAIA_*` variables); `on_attempt(line, fields)` is
    /// told about every attempt.
    #[new]
    #[pyo3(signature = (*, base_url = None, token_url = None, client_id = None, client_secret = None, timeout = None, region = None, token = None, max_retries = None, rate_limit = None, user_agent = None, on_attempt = None))]
    #[allow(clippy::too_many_arguments, reason = "the Python keyword arguments, one per option")]
    fn new(
        py: Python<'_>,
        base_url: Option<String>,
        token_url: Option<String>,
        client_id: Option<String>,
        client_secret: Option<String>,
        timeout: Option<f64>,
        region: Option<String>,
        token: Option<String>,
        max_retries: Option<&Any<'_>>,
        rate_limit: Option<&Any<'_>>,
        user_agent: Option<String>,
        on_attempt: Option<Py<PyAny>>,
    ) -> PyResult<Client> {
        // The rule and its message are the core's; a non-number is a TypeError, a bad one a ValueError.
        let count = |value: Option<&Any<'_>>, name: &str| -> PyResult<Option<u32>> {
            let Some(value) = value.filter(|value| !value.is_none()) else { return Ok(None) };
            let number = (value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>()) && !value.is_instance_of::<PyBool>();
            let type_name = value.get_type().name().map_or_else(|_| "object".to_owned(), |name| name.to_string());
            let counted = ffi::count_option(name, number.then(|| value.extract::<f64>().unwrap_or(f64::INFINITY)), &type_name);
            counted.map(Some).map_err(|error| if number { PyValueError::new_err(error.message) } else { PyTypeError::new_err(error.message) })
        };
        let on_attempt = on_attempt.map(|callback| -> AttemptLogger {
            Arc::new(move |record: &AttemptLog| {
                Python::try_attach(|py| {
                    let (id, route, wait) =
                        (record.operation.map_or("token", Operation::id), record.route.as_str(), record.wait.map(|w| w.as_secs_f64()));
                    let fields = (record.to_string(), id, route, record.status, record.attempt, wait, record.reason, record.headers.clone());
                    // A logging failure must not fail the call.
                    drop(callback.call1(py, fields));
                });
            })
        });
        let options = ClientOptions {
            region,
            base_url,
            token_url,
            client_id,
            client_secret: client_secret.map(Secret::new),
            token: token.map(Secret::new),
            timeout: timeout.map(ffi::timeout_of),
            max_retries: count(max_retries, "max_retries")?,
            rate_limit: count(rate_limit, "rate_limit")?,
            user_agent: Some(user_agent.unwrap_or_else(|| crate::user_agent(py).to_owned())),
            on_attempt,
        };
        ClientHandle::new(options).map(Client).map_err(|error| PyValueError::new_err(error.to_string()))
    }

    /// Starts `operation` with its body and parameters (path, query and header parameters by name).
    #[pyo3(signature = (operation, body = None, params = None))]
    fn call<'py>(&self, operation: &Str<'py>, body: Option<&Any<'py>>, params: Option<&Any<'py>>) -> PyResult<Any<'py>> {
        let py = operation.py();
        let operation = operation_of(operation)?;
        let (body, params) = (read(body, "body")?.into_value(), read(params, "params")?.into_value());
        let interrupted = ffi::interrupted_error(operation, &body);
        pending(py, self.0.call(operation, body, params).map_err(|envelope| fault(py, &envelope))?, interrupted)
    }

    /// The pages of a list operation (`params`: path parameters, `size`, `connectionNames`).
    #[pyo3(signature = (operation, params = None))]
    fn pages(&self, operation: &Str<'_>, params: Option<&Any<'_>>) -> PyResult<Pages> {
        let (py, operation) = (operation.py(), operation_of(operation)?);
        self.0.pages(operation, &read(params, "params")?.into_value()).map(Pages).map_err(|envelope| fault(py, &envelope))
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
