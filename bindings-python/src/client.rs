//! `maia_provision._native.Client`: the core's native client (feature `client`) under
//! `maia_provision.Client` and `AsyncClient` (`_client.py`). Calls run on one tokio runtime per
//! process, started by the first client (never at import). Each call's result waits in a
//! [`Pending`]: a sync call waits on it with the GIL released, polling for Ctrl-C; an asyncio
//! call is woken from the runtime's thread. Values are converted and errors mapped here; every
//! message is the core's `ClientError` text.

use crate::{convert, input_error, operation_of, raise, validation_error};
use maia_provision::client::{AttemptLog, Client as Core, ClientError, ClientOptions, Pages as CorePages};
use maia_provision::{BuildError, JsonTree, Secret};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyString, PyType};
use serde_json::Value;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::task::AbortHandle;

/// How often a waiting sync call looks for a signal (Ctrl-C answers within this).
const SIGNAL_POLL: Duration = Duration::from_millis(50);

static RUNTIME: OnceLock<Runtime> = OnceLock::new();
static API_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DECODE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TRANSPORT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static AUTH_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RATE_LIMITED_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static OUTCOME_UNKNOWN_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The process's runtime for client calls, started on first use (two worker threads).
fn runtime() -> PyResult<&'static Runtime> {
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let built = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("maia-provision")
        .enable_all()
        .build()
        .map_err(|error| PyOSError::new_err(error.to_string()))?;
    // Two threads may build one at once; the loser's is dropped unused.
    Ok(RUNTIME.get_or_init(|| built))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn secret(text: Option<String>) -> Option<Secret> {
    text.map(Secret::new)
}

/// What a finished call produced.
enum Answer {
    /// An operation's parsed answer.
    Value(Value),
    /// One page of a listing (`None` after the last).
    Page(Option<Vec<Value>>),
}

#[derive(Default)]
struct Slot {
    outcome: Option<Result<Answer, ClientError>>,
    waker: Option<Py<PyAny>>,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    done: Condvar,
}

/// A call running on the runtime: `wait()` (sync) or `on_done(callback)` then `result()` (asyncio).
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Pending {
    shared: Arc<Shared>,
    task: AbortHandle,
    operation: maia_provision::Operation,
    key: Option<String>,
}

impl Pending {
    fn spawn<F>(operation: maia_provision::Operation, key: Option<String>, work: F) -> PyResult<Pending>
    where
        F: Future<Output = Result<Answer, ClientError>> + Send + 'static,
    {
        let shared = Arc::new(Shared::default());
        let settled = Arc::clone(&shared);
        let task = runtime()?.spawn(async move {
            let outcome = work.await;
            let waker = {
                let mut slot = lock(&settled.slot);
                slot.outcome = Some(outcome);
                slot.waker.take()
            };
            settled.done.notify_all();
            if let Some(waker) = waker {
                // Not while the interpreter shuts down; a closed event loop is the caller's business.
                Python::try_attach(|py| drop(waker.call0(py)));
            }
        });
        Ok(Pending { shared, task: task.abort_handle(), operation, key })
    }

    fn finished(&self) -> bool {
        lock(&self.shared.slot).outcome.is_some()
    }
}

#[pymethods]
impl Pending {
    /// Waits for the answer with the GIL released and returns it (or raises its error); Ctrl-C
    /// stops the call: `KeyboardInterrupt`, or `OutcomeUnknownError` for a create.
    fn wait(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        loop {
            let done = py.detach(|| {
                let slot = lock(&self.shared.slot);
                let (slot, _) =
                    self.shared.done.wait_timeout_while(slot, SIGNAL_POLL, |slot| slot.outcome.is_none()).unwrap_or_else(PoisonError::into_inner);
                slot.outcome.is_some()
            });
            if done {
                return self.result(py);
            }
            if let Err(interrupt) = py.check_signals() {
                self.task.abort();
                if self.operation.is_idempotent() {
                    return Err(interrupt);
                }
                let error = client_error(py, ClientError::interrupted(self.operation, self.key.clone()));
                error.set_cause(py, Some(interrupt));
                return Err(error);
            }
        }
    }

    /// Calls `callback()` (from the runtime's thread, or now when done already) once the answer is there.
    fn on_done(&self, py: Python<'_>, callback: Py<PyAny>) -> PyResult<()> {
        {
            let mut slot = lock(&self.shared.slot);
            if slot.outcome.is_none() {
                slot.waker = Some(callback);
                return Ok(());
            }
        }
        callback.call0(py).map(drop)
    }

    /// Whether the answer is there.
    #[getter]
    fn done(&self) -> bool {
        self.finished()
    }

    /// The answer (a dict, a list of dicts for a page, `None` after the last page), or its error raised.
    fn result(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let outcome = lock(&self.shared.slot).outcome.take();
        match outcome {
            None => Err(PyValueError::new_err(maia_provision::ffi::CALL_PENDING)),
            Some(Ok(Answer::Value(value))) => Ok(pythonize::pythonize(py, &value)?.unbind()),
            Some(Ok(Answer::Page(None))) => Ok(py.None()),
            Some(Ok(Answer::Page(Some(items)))) => Ok(pythonize::pythonize(py, &items)?.unbind()),
            Some(Err(error)) => Err(client_error(py, error)),
        }
    }

    /// Stops the call (nothing more is sent; a request on the way is dropped).
    fn cancel(&self) {
        self.task.abort();
    }
}

/// The pages of one listing; `next()` fetches the next page.
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Pages {
    pages: Arc<tokio::sync::Mutex<CorePages>>,
    operation: maia_provision::Operation,
}

#[pymethods]
impl Pages {
    /// The next page's items, or `None` after the last page.
    fn next(&self) -> PyResult<Pending> {
        let pages = Arc::clone(&self.pages);
        Pending::spawn(self.operation, None, async move { pages.lock().await.next_page().await.map(Answer::Page) })
    }
}

/// The client: `call()` and `pages()` start calls; `close()` drops its connections.
#[pyclass(frozen, module = "maia_provision._native")]
pub struct Client {
    client: Mutex<Option<Core>>,
    repr: String,
}

impl Client {
    fn core(&self) -> PyResult<Core> {
        lock(&self.client).clone().ok_or_else(|| PyValueError::new_err(maia_provision::ffi::CLIENT_CLOSED))
    }
}

fn json_value(value: Option<&Bound<'_, PyAny>>, argument: &'static str) -> PyResult<Value> {
    match value {
        None => Ok(Value::Null),
        Some(value) => convert::to_json(value, argument).map(JsonTree::into_value).map_err(input_error),
    }
}

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
        max_retries: Option<&Bound<'_, PyAny>>,
        rate_limit: Option<&Bound<'_, PyAny>>,
        user_agent: Option<String>,
        on_attempt: Option<Py<PyAny>>,
    ) -> PyResult<Client> {
        let count = |value: Option<&Bound<'_, PyAny>>, name: &str| -> PyResult<Option<u32>> {
            value
                .filter(|value| !value.is_none())
                .map(|value| value.extract::<u32>().map_err(|error| PyValueError::new_err(format!("`{name}`: {error}"))))
                .transpose()
        };
        // A timeout that is not a positive duration is the core's "longer than zero" error.
        let timeout = timeout.map(|seconds| Duration::try_from_secs_f64(seconds).unwrap_or(Duration::ZERO));
        let on_attempt = on_attempt.map(|callback| -> maia_provision::client::AttemptLogger {
            Arc::new(move |record: &AttemptLog| {
                Python::try_attach(|py| {
                    let fields = (
                        record.to_string(),
                        record.operation.map_or("token", maia_provision::Operation::id),
                        record.route.as_str(),
                        record.status,
                        record.attempt,
                        record.wait.map(|wait| wait.as_secs_f64()),
                        record.reason,
                        record.headers.clone(),
                    );
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
            client_secret: secret(client_secret),
            token: secret(token),
            timeout,
            max_retries: count(max_retries, "max_retries")?,
            rate_limit: count(rate_limit, "rate_limit")?,
            user_agent: Some(user_agent.unwrap_or_else(|| crate::user_agent(py).to_owned())),
            on_attempt,
        }
        .with_env();
        let core = Core::new(options).map_err(|error| PyValueError::new_err(error.to_string()))?;
        let repr = format!("{core:?}");
        Ok(Client { client: Mutex::new(Some(core)), repr })
    }

    /// Starts `operation` with its body and parameters (path, query and header parameters by name).
    #[pyo3(signature = (operation, body = None, params = None))]
    fn call(&self, operation: &Bound<'_, PyString>, body: Option<&Bound<'_, PyAny>>, params: Option<&Bound<'_, PyAny>>) -> PyResult<Pending> {
        let operation = operation_of(operation)?;
        let body = json_value(body, "body")?;
        let params = json_value(params, "params")?;
        let core = self.core()?;
        let key = operation.key_name(&body).map(str::to_owned);
        Pending::spawn(operation, key, async move { core.call(operation, &body, &params).await.map(Answer::Value) })
    }

    /// The pages of a list operation (`params`: path parameters, `size`, `connectionNames`).
    #[pyo3(signature = (operation, params = None))]
    fn pages(&self, operation: &Bound<'_, PyString>, params: Option<&Bound<'_, PyAny>>) -> PyResult<Pages> {
        let operation = operation_of(operation)?;
        let params = json_value(params, "params")?;
        let pages = self.core()?.pages(operation, &params);
        Ok(Pages { pages: Arc::new(tokio::sync::Mutex::new(pages)), operation })
    }

    /// The API base URL.
    #[getter]
    fn base_url(&self) -> PyResult<String> {
        Ok(self.core()?.base_url().to_owned())
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        lock(&self.client).is_none()
    }

    /// Drops the client's connections (calls still running finish first); again: nothing.
    fn close(&self, py: Python<'_>) {
        let core = lock(&self.client).take();
        py.detach(move || drop(core));
    }

    fn __repr__(&self) -> String {
        self.repr.clone()
    }
}

fn with_call(py: Python<'_>, error: PyErr, operation: &'static str, attempts: u32) -> PyErr {
    let value = error.value(py);
    // Only fails for an exception class that refuses attributes, which these are not.
    drop(value.setattr("operation", operation));
    drop(value.setattr("attempts", attempts));
    error
}

/// The Python exception of a client error: the class of its phase, the core's message, and
/// the operation, the attempts and what the server said as attributes.
pub(crate) fn client_error(py: Python<'_>, error: ClientError) -> PyErr {
    let message = error.to_string();
    let operation = error.operation().id();
    let attempts = error.attempts();
    let problem_of = |api: &maia_provision::ApiError| -> PyResult<Option<Bound<'_, PyAny>>> {
        api.problem.as_ref().map(|problem| pythonize::pythonize(py, problem).map_err(PyErr::from)).transpose()
    };
    let api_error = |cell: &PyOnceLock<Py<PyType>>, name: &str, api: &maia_provision::ApiError| -> PyErr {
        let made = problem_of(api).and_then(|problem| Ok((problem, PyList::new(py, api.violations())?)));
        match made {
            Ok((problem, violations)) => {
                let retry_after = api.retry_after.as_ref().map(|after| after.as_str().to_owned());
                let args = (message.clone(), api.status, problem, violations, api.body.clone(), retry_after);
                with_call(py, raise(py, cell, name, args), operation, attempts)
            }
            Err(error) => error,
        }
    };
    match error {
        ClientError::Validation { error: BuildError::Invalid { violations, .. }, .. } => validation_error(py, message, violations, Some(operation)),
        ClientError::Validation { error: BuildError::Option(_), .. } => PyValueError::new_err(message),
        ClientError::Api { error, .. } => api_error(&API_ERROR, "ApiError", &error),
        ClientError::RateLimited { error, .. } => api_error(&RATE_LIMITED_ERROR, "RateLimitedError", &error),
        ClientError::Decode { error, .. } => {
            with_call(py, raise(py, &DECODE_ERROR, "DecodeError", (message, error.status, error.body)), operation, attempts)
        }
        ClientError::Transport { timed_out, .. } => raise(py, &TRANSPORT_ERROR, "TransportError", (message, operation, attempts, timed_out)),
        ClientError::Auth { status, .. } => raise(py, &AUTH_ERROR, "AuthError", (message, operation, attempts, status)),
        ClientError::OutcomeUnknown { key, .. } => raise(py, &OUTCOME_UNKNOWN_ERROR, "OutcomeUnknownError", (message, operation, attempts, key)),
        // A phase added to the core later: its message, under the base class.
        _ => raise(py, &crate::MAIA_ERROR, "MaiaError", (message,)),
    }
}
