//! The native client as the bindings hold it (features `ffi` and `client`): a [`ClientHandle`]
//! that can be closed, calls that answer envelopes (`{"ok": value}` or the fault of
//! [`super::client_error`]), cancellation by call id (the JS `AbortSignal`), and [`Task`], a call
//! running on the process's runtime whose answer a host waits for (blocking, with a timeout, so a
//! host can look for signals meanwhile) or is told about from the runtime's thread.

use super::{Fault, InputError, client_error, error, input_error, ok, option_error};
use crate::Operation;
use crate::client::{AttemptLog, AttemptLogger, Client, ClientOptions, Pages};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;
use tokio::task::AbortHandle;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The duration of a host's timeout in seconds; one that is not a positive duration becomes
/// zero, which the core refuses with its "longer than zero" error.
pub fn timeout_of(seconds: f64) -> Duration {
    Duration::try_from_secs_f64(seconds).unwrap_or(Duration::ZERO)
}

/// An attempt's record as JSON: `{message, operation, route, status, attempt, waitMs, reason,
/// headers}` (what the Node package's logger receives).
pub fn attempt_record(record: &AttemptLog) -> String {
    serde_json::json!({
        "message": record.to_string(),
        "operation": record.operation.map_or("token", Operation::id),
        "route": record.route,
        "status": record.status,
        "attempt": record.attempt,
        "waitMs": record.wait.map(|wait| wait.as_secs_f64() * 1000.0),
        "reason": record.reason,
        "headers": record.headers,
    })
    .to_string()
}

/// A logger that hands `send` each attempt's record as JSON (see [`attempt_record`]).
pub fn json_logger(send: impl Fn(String) + Send + Sync + 'static) -> AttemptLogger {
    Arc::new(move |record| send(attempt_record(record)))
}

/// The error an interrupted call of `operation` ends with when it is a create whose request may
/// have been sent (`OutcomeUnknownError`, with the natural key read from `body`), as an envelope;
/// `None` for a read, which an interruption simply stops.
pub fn interrupted_error(operation: Operation, body: &Value) -> Option<String> {
    if operation.is_idempotent() {
        return None;
    }
    let key = operation.key_name(body).map(str::to_owned);
    Some(client_error(&crate::client::ClientError::interrupted(operation, key)))
}

/// [`interrupted_error`] of the operation at `index` with the body's JSON text (`None` for an
/// index that names no operation).
pub fn interrupted_arguments(index: u32, body: &str) -> Option<String> {
    interrupted_error(super::operation_at(index).ok()?, &serde_json::from_str(body).unwrap_or_default())
}

/// Calls that can still be cancelled, by id.
type Cancels = Arc<Mutex<BTreeMap<u32, oneshot::Sender<()>>>>;

/// A client of the API that a host object owns: closing it drops the connection pool, and later
/// calls answer the core's "closed" error.
pub struct ClientHandle {
    client: Mutex<Option<Client>>,
    cancels: Cancels,
    describe: String,
}

impl ClientHandle {
    /// A client from options (unset ones from `MAIA_*` variables), or the option's error.
    pub fn new(options: ClientOptions) -> Result<ClientHandle, crate::OptionError> {
        let client = Client::new(options.with_env())?;
        let describe = format!("{client:?}");
        Ok(ClientHandle { client: Mutex::new(Some(client)), cancels: Cancels::default(), describe })
    }

    /// A client from the JSON text `{region?, baseUrl?, tokenUrl?, clientId?, clientSecret?,
    /// token?, maxRetries?, rateLimit?, userAgent?}` (as the Node package checked it), a timeout
    /// in seconds and a logger: the client, or an error envelope.
    pub fn from_json(options: &str, timeout: Option<f64>, on_attempt: Option<AttemptLogger>) -> Result<ClientHandle, String> {
        let value: Value = serde_json::from_str(options).map_err(|error| input_error(&InputError::not_json("options", &error)))?;
        let text = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
        let count = |name: &str| -> Result<Option<u32>, String> {
            let count = match value.get(name) {
                None | Some(Value::Null) => return Ok(None),
                Some(Value::Number(number)) => super::count_option(name, number.as_f64(), "number"),
                Some(other) => super::count_option(name, None, crate::rules::kind(other)),
            };
            count.map(Some).map_err(|option| option_error(&option))
        };
        let options = ClientOptions {
            region: text("region"),
            base_url: text("baseUrl"),
            token_url: text("tokenUrl"),
            client_id: text("clientId"),
            client_secret: text("clientSecret").map(crate::Secret::new),
            token: text("token").map(crate::Secret::new),
            timeout: timeout.map(timeout_of),
            max_retries: count("maxRetries")?,
            rate_limit: count("rateLimit")?,
            user_agent: text("userAgent"),
            on_attempt,
        };
        ClientHandle::new(options).map_err(|option| option_error(&option))
    }

    fn client(&self) -> Result<Client, String> {
        lock(&self.client).clone().ok_or_else(|| error(&Fault { kind: "option", message: super::CLIENT_CLOSED, ..Fault::default() }))
    }

    /// The client as text, without secrets (base URL, client id, limits).
    pub fn describe(&self) -> &str {
        &self.describe
    }

    /// The API base URL, or the "closed" error envelope.
    pub fn base_url(&self) -> Result<String, String> {
        self.client().map(|client| client.base_url().to_owned())
    }

    /// Whether [`ClientHandle::close`] was called.
    pub fn closed(&self) -> bool {
        lock(&self.client).is_none()
    }

    /// Closes the client and hands it back, for the host to drop where dropping may block.
    pub fn close(&self) -> Option<Client> {
        lock(&self.client).take()
    }

    /// Starts `operation`: the call's envelope to come, or the "closed" error envelope now.
    pub fn call(&self, operation: Operation, body: Value, params: Value) -> Result<impl Future<Output = String> + Send + 'static, String> {
        let client = self.client()?;
        Ok(async move {
            match client.call(operation, &body, &params).await {
                Ok(value) => ok(&value),
                Err(failure) => client_error(&failure),
            }
        })
    }

    /// Sends operation `operation` (an index) with the text `params body` (as the Node package
    /// writes it), unless [`ClientHandle::cancel`]`(id)` comes first (then `null`, which the JS
    /// layer ignores: it has rejected with the signal's reason already): an envelope.
    pub async fn call_arguments(&self, operation: u32, arguments: &[u8], id: u32) -> String {
        let read = || -> Result<(Operation, Value, Value), String> {
            let operation = super::operation_at(operation).map_err(|e| input_error(&e))?;
            let (params, body) = super::split_arguments(arguments).map_err(|e| input_error(&e))?;
            let body = if body.iter().all(u8::is_ascii_whitespace) {
                Value::Null
            } else {
                serde_json::from_slice(body).map_err(|e| input_error(&InputError::not_json("body", &e)))?
            };
            Ok((operation, body, params.into_value()))
        };
        match read().and_then(|(operation, body, params)| self.call(operation, body, params)) {
            Ok(work) => self.cancellable(id, work).await,
            Err(envelope) => envelope,
        }
    }

    /// The pages of list operation `operation` with `params`, or the "closed" error envelope.
    pub fn pages(&self, operation: Operation, params: &Value) -> Result<PagesHandle, String> {
        let pages = self.client()?.pages(operation, params);
        Ok(PagesHandle { pages: Arc::new(tokio::sync::Mutex::new(pages)), cancels: Arc::clone(&self.cancels) })
    }

    /// The pages of list operation `operation` (an index) with `params` as JSON text, or an error envelope.
    pub fn pages_arguments(&self, operation: u32, params: &str) -> Result<PagesHandle, String> {
        let operation = super::operation_at(operation).map_err(|e| input_error(&e))?;
        let params = serde_json::from_str(params).map_err(|e| input_error(&InputError::not_json("params", &e)))?;
        self.pages(operation, &params)
    }

    /// Runs `work` unless [`ClientHandle::cancel`]`(id)` comes first (then `null`).
    async fn cancellable(&self, id: u32, work: impl Future<Output = String>) -> String {
        cancellable(&self.cancels, id, work).await
    }

    /// Stops call `id` (nothing more is sent for it).
    pub fn cancel(&self, id: u32) {
        if let Some(sender) = lock(&self.cancels).remove(&id) {
            sender.send(()).ok();
        }
    }
}

async fn cancellable(cancels: &Cancels, id: u32, work: impl Future<Output = String>) -> String {
    let (sender, receiver) = oneshot::channel();
    lock(cancels).insert(id, sender);
    let answer = tokio::select! {
        answer = work => answer,
        _ = receiver => "null".to_owned(),
    };
    lock(cancels).remove(&id);
    answer
}

/// The pages of one listing.
pub struct PagesHandle {
    pages: Arc<tokio::sync::Mutex<Pages>>,
    cancels: Cancels,
}

impl PagesHandle {
    /// The next page's items as an envelope (`{"ok": null}` after the last page).
    pub fn next(&self) -> impl Future<Output = String> + Send + 'static {
        let pages = Arc::clone(&self.pages);
        async move {
            match pages.lock().await.next_page().await {
                Ok(page) => ok(&page),
                Err(failure) => client_error(&failure),
            }
        }
    }

    /// [`PagesHandle::next`], unless the client's `cancel(id)` comes first (then `null`).
    pub async fn next_cancellable(&self, id: u32) -> String {
        cancellable(&self.cancels, id, self.next()).await
    }
}

/// The process's runtime for client calls, started on first use (two worker threads), or why it
/// could not start.
pub fn runtime() -> Result<&'static Runtime, std::io::Error> {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let built = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("maia-provision").enable_all().build()?;
    // Two threads may build one at once; the loser's is dropped unused.
    Ok(RUNTIME.get_or_init(|| built))
}

/// Told once, from the runtime's thread, that a [`Task`]'s answer is there.
pub type Waker = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct Slot {
    answer: Option<String>,
    waker: Option<Waker>,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    done: Condvar,
}

/// A call running on [`runtime`], whose envelope a host waits for or is woken by.
pub struct Task {
    shared: Arc<Shared>,
    abort: AbortHandle,
}

impl Task {
    /// Starts `work` on the process's runtime.
    pub fn spawn(work: impl Future<Output = String> + Send + 'static) -> Result<Task, std::io::Error> {
        let shared = Arc::new(Shared::default());
        let settled = Arc::clone(&shared);
        let task = runtime()?.spawn(async move {
            let answer = work.await;
            let waker = {
                let mut slot = lock(&settled.slot);
                slot.answer = Some(answer);
                slot.waker.take()
            };
            settled.done.notify_all();
            if let Some(waker) = waker {
                waker();
            }
        });
        Ok(Task { shared, abort: task.abort_handle() })
    }

    /// Waits up to `timeout` for the answer (blocking the thread): whether it is there.
    pub fn wait(&self, timeout: Duration) -> bool {
        let slot = lock(&self.shared.slot);
        let (slot, _) = self.shared.done.wait_timeout_while(slot, timeout, |slot| slot.answer.is_none()).unwrap_or_else(PoisonError::into_inner);
        slot.answer.is_some()
    }

    /// Whether the answer is there.
    pub fn done(&self) -> bool {
        lock(&self.shared.slot).answer.is_some()
    }

    /// Has `waker` called once the answer is there; hands it back when the answer is there
    /// already (the host calls it itself).
    pub fn on_done(&self, waker: Waker) -> Option<Waker> {
        let mut slot = lock(&self.shared.slot);
        if slot.answer.is_some() {
            return Some(waker);
        }
        slot.waker = Some(waker);
        None
    }

    /// The answer's envelope (once; `None` before it is there).
    pub fn take(&self) -> Option<String> {
        lock(&self.shared.slot).answer.take()
    }

    /// Stops the call (nothing more is sent; a request on the way is dropped).
    pub fn cancel(&self) {
        self.abort.abort();
    }
}
