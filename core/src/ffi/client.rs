//! The native client as the bindings hold it (features `ffi` and `client`): a [`ClientHandle`]
//! made from a host's options (read with the core's option rules and messages) that can be
//! closed, calls that answer envelopes (`{"ok": value}` or the fault of [`super::client_error`]),
//! cancellation by call id (the JS `AbortSignal`, Ctrl-C in Python), and [`spawn`], which runs a
//! call on the process's runtime for a host that is told its answer from the runtime's thread.

use super::{Answer, Fault, Handle, HostValue, HostView, InputError, client_error, error, input_error, ok, option_error, option_type_error};
use crate::client::{AttemptLog, AttemptLogger, Client, ClientOptions, Pages};
use crate::{Operation, OptionError, Secret};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The duration of a host's timeout in seconds; one that is not a positive duration becomes
/// zero, which the core refuses with its "longer than zero" error.
fn timeout_of(seconds: f64) -> Duration {
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

    /// A client from a host mapping of options by name, in either spelling (`max_retries` or
    /// `maxRetries`; unset and null ones from `MAIA_*` variables), with `product` added to the
    /// `User-Agent` when the options name none, and a logger: the client, or an error envelope
    /// (`optionType` for a value of the wrong type or a name that is no option, `option` for a
    /// value the option does not take).
    pub fn from_host<'h, H: HostValue<'h>>(options: &H, product: &str, on_attempt: Option<AttemptLogger>) -> Result<ClientHandle, String> {
        let options = client_options(options, product)?;
        ClientHandle::new(ClientOptions { on_attempt, ..options }).map_err(|option| option_error(&option))
    }

    /// A client from the JSON text `{region?, baseUrl?, tokenUrl?, clientId?, clientSecret?,
    /// token?, maxRetries?, rateLimit?, userAgent?}` (as the Node package checked it), read as
    /// [`ClientHandle::from_host`] reads a mapping, a timeout in seconds (apart: JSON has no
    /// infinity) and a logger: the client, or an error envelope.
    pub fn from_json(options: &str, timeout: Option<f64>, on_attempt: Option<AttemptLogger>) -> Result<ClientHandle, String> {
        let value: Value = serde_json::from_str(options).map_err(|error| input_error(&InputError::not_json("options", &error)))?;
        let options = client_options(&value, "")?;
        let timeout = timeout.map(timeout_of).or(options.timeout);
        ClientHandle::new(ClientOptions { timeout, on_attempt, ..options }).map_err(|option| option_error(&option))
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

    /// Starts `operation` as call `id`: the call's envelope to come (`null` when
    /// [`ClientHandle::cancel`]`(id)` comes first, which the host ignores: it has given up on the
    /// call already), or the "closed" error envelope now.
    pub fn call(&self, operation: Operation, body: Value, params: Value, id: u32) -> Result<impl Future<Output = String> + Send + 'static, String> {
        let client = self.client()?;
        Ok(cancellable(&self.cancels, id, async move {
            match client.call(operation, &body, &params).await {
                Ok(value) => ok(&value),
                Err(failure) => client_error(&failure),
            }
        }))
    }

    /// Sends operation `operation` (an index) with the text `params body` (as the Node package
    /// writes it) as call `id` (see [`ClientHandle::call`]): an envelope.
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
        match read().and_then(|(operation, body, params)| self.call(operation, body, params, id)) {
            Ok(work) => work.await,
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

    /// Stops call `id` (nothing more is sent for it).
    pub fn cancel(&self, id: u32) {
        if let Some(sender) = lock(&self.cancels).remove(&id) {
            sender.send(()).ok();
        }
    }
}

impl Handle for ClientHandle {
    /// `call` (an operation with its body and parameters: later), `pages` (a list operation's
    /// pages with its parameters: a handle), `cancel` (call `id`), `baseUrl` and `closed`.
    fn call(&self, method: &str, operation: &str, body: Value, params: Value, id: u32) -> Answer {
        let operation = || {
            Operation::from_id(operation)
                .map_err(|unknown| error(&Fault { kind: "unknownOperation", message: &unknown.to_string(), ..Fault::default() }))
        };
        if method == "call" {
            // A call answers later, even one that fails at once (a closed client, an unknown
            // operation): the host waits for every call in one way.
            let started = operation().and_then(|operation| Ok((interrupted_error(operation, &body), self.call(operation, body, params, id)?)));
            return match started {
                Ok((interrupted, work)) => Answer::Later(Box::pin(work), interrupted),
                Err(envelope) => Answer::Later(Box::pin(std::future::ready(envelope)), None),
            };
        }
        let answer = match method {
            "pages" => operation().and_then(|operation| self.pages(operation, &params)).map(|pages| Answer::Handle(Box::new(pages))),
            "cancel" => Ok(Answer::Now(ok(&self.cancel(id)))),
            "baseUrl" => self.base_url().map(|url| Answer::Now(ok(&url))),
            "closed" => Ok(Answer::Now(ok(&self.closed()))),
            _ => return super::no_such_method(method),
        };
        answer.unwrap_or_else(Answer::Now)
    }

    fn close(&self) -> Box<dyn Send> {
        Box::new(ClientHandle::close(self))
    }

    fn describe(&self) -> String {
        self.describe.clone()
    }
}

/// Runs `work` unless `cancel(id)` comes first (then `null`); `id` can be cancelled from now on,
/// before the work is first polled.
fn cancellable<F: Future<Output = String> + Send>(cancels: &Cancels, id: u32, work: F) -> impl Future<Output = String> + Send + use<F> {
    let (sender, receiver) = oneshot::channel();
    lock(cancels).insert(id, sender);
    let cancels = Arc::clone(cancels);
    async move {
        let answer = tokio::select! {
            answer = work => answer,
            _ = receiver => "null".to_owned(),
        };
        lock(&cancels).remove(&id);
        answer
    }
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

    /// [`PagesHandle::next`] as call `id`, unless the client's `cancel(id)` comes first (then `null`).
    pub fn next_cancellable(&self, id: u32) -> impl Future<Output = String> + Send + 'static {
        cancellable(&self.cancels, id, self.next())
    }
}

impl Handle for PagesHandle {
    /// `next`: the next page's items as call `id` (later).
    fn call(&self, method: &str, _: &str, _: Value, _: Value, id: u32) -> Answer {
        match method {
            "next" => Answer::Later(Box::pin(self.next_cancellable(id)), None),
            _ => super::no_such_method(method),
        }
    }

    fn close(&self) -> Box<dyn Send> {
        Box::new(())
    }

    fn describe(&self) -> String {
        "Pages".to_owned()
    }
}

/// The process's runtime for client calls, started on first use (two worker threads), or why it
/// could not start.
fn runtime() -> Result<&'static Runtime, std::io::Error> {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let built = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("maia-provision").enable_all().build()?;
    // Two threads may build one at once; the loser's is dropped unused.
    Ok(RUNTIME.get_or_init(|| built))
}

/// Runs `work` on the process's runtime (started by the first call) and hands its envelope to
/// `done` on the runtime's thread; an error when the runtime cannot start.
pub fn spawn(work: impl Future<Output = String> + Send + 'static, done: impl FnOnce(String) + Send + 'static) -> Result<(), std::io::Error> {
    runtime()?.spawn(async move { done(work.await) });
    Ok(())
}

/// Client options from a host mapping (see [`ClientHandle::from_host`]), or the error envelope.
fn client_options<'h, H: HostValue<'h>>(host: &H, product: &str) -> Result<ClientOptions, String> {
    let mut options = ClientOptions { user_agent: (!product.is_empty()).then(|| product.to_owned()), ..ClientOptions::default() };
    if !matches!(host.view(), HostView::Object { .. }) {
        return Err(input_error(&InputError::new("options", "", super::InputErrorKind::Unsupported { type_name: host.type_name() })));
    }
    for (key, value) in host.members() {
        let name = super::host_text(&key).unwrap_or_default();
        let Some((option, js, _)) = super::option_named(&name) else {
            return Err(option_type_error(&OptionError::new("option", format!("the client has no option {}", crate::rules::quote(&name)))));
        };
        if matches!(value.view(), HostView::Null) {
            continue;
        }
        let wrong = || option_type_error(&super::option_wrong_type(option, &value.type_name()));
        let number = || match value.view() {
            // An integer beyond 64 bits is out of range like any other.
            HostView::Integer(number) => Ok(number.and_then(|number| number.as_f64()).unwrap_or(f64::INFINITY)),
            HostView::Float(number) => Ok(number),
            _ => Err(wrong()),
        };
        let count = || super::count_option(option, number()?).map_err(|error| option_error(&error));
        let text = || super::text_option(option, &value);
        match js {
            "region" => options.region = text()?,
            "baseUrl" => options.base_url = text()?,
            "tokenUrl" => options.token_url = text()?,
            "clientId" => options.client_id = text()?,
            "clientSecret" => options.client_secret = text()?.map(Secret::new),
            "token" => options.token = text()?.map(Secret::new),
            "userAgent" => options.user_agent = text()?,
            "timeout" => options.timeout = Some(timeout_of(number()?)),
            "maxRetries" => options.max_retries = Some(count()?),
            "rateLimit" => options.rate_limit = Some(count()?),
            // `logger`: a function, which a mapping of values does not carry.
            _ => return Err(wrong()),
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::ClientHandle;
    use serde_json::{Value, json};

    /// The `{kind, option, message}` of the error envelope that `options` (JSON text) make.
    fn refused(options: &str) -> (String, String, String) {
        let envelope: Value = serde_json::from_str(&ClientHandle::from_json(options, None, None).err().unwrap_or_default()).unwrap_or_default();
        let field = |name: &str| envelope["error"][name].as_str().unwrap_or_default().to_owned();
        (field("kind"), field("option"), field("message"))
    }

    #[test]
    fn a_wrong_type_is_refused_by_the_cores_rule_not_ignored() {
        let given = |kind: &str, option: &str, message: &str| (kind.to_owned(), option.to_owned(), message.to_owned());
        assert_eq!(refused(r#"{"baseUrl": 3}"#), given("optionType", "baseUrl", "`baseUrl` must be a string; got `number`"));
        assert_eq!(refused(r#"{"tokenUrl": []}"#), given("optionType", "tokenUrl", "`tokenUrl` must be a string; got `array`"));
        assert_eq!(refused(r#"{"maxRetries": "3"}"#), given("optionType", "maxRetries", "`maxRetries` must be a whole number; got `string`"));
        assert_eq!(refused(r#"{"rateLimit": 2.5}"#).0, "option");
        assert_eq!(refused(r#"{"colour": "red"}"#), given("optionType", "option", "the client has no option `colour`"));
    }

    #[test]
    fn options_are_named_in_the_spelling_given() {
        let options = json!({"base_url": "http://127.0.0.1:9", "token": "t0ken", "max_retries": -1});
        let envelope = ClientHandle::from_host(&options, "python/3", None).err().unwrap_or_default();
        assert!(envelope.contains("`max_retries` must be a whole number from 0 to 4294967295; got `-1`"), "{envelope}");
        let options = json!({"base_url": "http://127.0.0.1:9", "token": "t0ken", "timeout": 2, "user_agent": null});
        assert!(ClientHandle::from_host(&options, "python/3", None).is_ok_and(|client| !client.describe().contains("t0ken")));
    }
}
