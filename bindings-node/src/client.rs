//! The core's native client (feature `client`) for `client.js`: each call is a napi async
//! method on napi's tokio runtime, taking the JS layer's `params body` text and answering an
//! envelope (`{"ok": value}`, or the client error's fault from `ffi::client_error`). A call id
//! lets `cancel(id)` stop a call (the JS layer's `AbortSignal`). The attempt logger is a weak
//! threadsafe function: it never keeps Node's event loop alive.

use maia_provision::client::{AttemptLog, Client as Core, ClientOptions as CoreOptions, Pages as CorePages};
use maia_provision::{Operation, Secret, ffi};
use napi::Status;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::sync::oneshot;

/// Told about every attempt, with its JSON record (`{message, operation, route, status, attempt, waitMs, reason}`).
type Logger = ThreadsafeFunction<String, (), String, Status, false, true>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The client's options (the JS `new Client(options)`; `timeout` in milliseconds).
#[napi(object)]
pub struct ClientOptions {
    /// `eu1` or `us1`.
    pub region: Option<String>,
    /// Any `http(s)` base URL, instead of a region.
    pub base_url: Option<String>,
    /// The OAuth token endpoint.
    pub token_url: Option<String>,
    /// The OAuth client id.
    pub client_id: Option<String>,
    /// The OAuth client secret.
    pub client_secret: Option<String>,
    /// A bearer token instead of client credentials.
    pub token: Option<String>,
    /// How long one attempt may take, in milliseconds.
    pub timeout: Option<f64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Requests per minute, shared by every call.
    pub rate_limit: Option<u32>,
    /// Added to the `User-Agent`.
    pub user_agent: Option<String>,
}

/// Calls that can still be cancelled, by id.
type Cancels = Arc<Mutex<BTreeMap<u32, oneshot::Sender<()>>>>;

/// Runs `work` unless `cancel(id)` comes first (then `null`, which the JS layer ignores: it has
/// rejected with the signal's reason already).
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

fn parse_arguments(text: &str) -> Result<(Value, Value), String> {
    let (params, body) = ffi::split_arguments(text.as_bytes()).map_err(|error| ffi::input_error(&error))?;
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(body).map_err(|error| ffi::input_error(&ffi::InputError::not_json("body", &error)))?
    };
    Ok((params.into_value(), body))
}

fn operation_at(index: u32) -> napi::Result<Operation> {
    ffi::operation_at(index).map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))
}

/// A client of the API (from [`new_client`]).
#[napi]
pub struct NativeClient {
    client: Mutex<Option<Core>>,
    cancels: Cancels,
    repr: String,
}

impl NativeClient {
    fn core(&self) -> Result<Core, String> {
        lock(&self.client).clone().ok_or_else(|| ffi::error(&ffi::Fault { kind: "option", message: ffi::CLIENT_CLOSED, ..ffi::Fault::default() }))
    }
}

/// A client from options (unset ones from `MAIA_*` variables): the client, or an `option` error envelope.
#[napi(catch_unwind, ts_args_type = "options: ClientOptions, logger?: (record: string) => void")]
pub fn new_client(options: ClientOptions, logger: Option<Logger>) -> napi::bindgen_prelude::Either<NativeClient, String> {
    use napi::bindgen_prelude::Either;
    let on_attempt = logger.map(|logger| -> maia_provision::client::AttemptLogger {
        Arc::new(move |record: &AttemptLog| {
            let line = serde_json::json!({
                "message": record.to_string(),
                "operation": record.operation.map_or("token", Operation::id),
                "route": record.route,
                "status": record.status,
                "attempt": record.attempt,
                "waitMs": record.wait.map(|wait| wait.as_secs_f64() * 1000.0),
                "reason": record.reason,
                "headers": record.headers,
            });
            logger.call(line.to_string(), ThreadsafeFunctionCallMode::NonBlocking);
        })
    });
    let core_options = CoreOptions {
        region: options.region,
        base_url: options.base_url,
        token_url: options.token_url,
        client_id: options.client_id,
        client_secret: options.client_secret.map(Secret::new),
        token: options.token.map(Secret::new),
        // Not a positive duration: the core's "longer than zero" error.
        timeout: options.timeout.map(|ms| Duration::try_from_secs_f64(ms / 1000.0).unwrap_or(Duration::ZERO)),
        max_retries: options.max_retries,
        rate_limit: options.rate_limit,
        user_agent: options.user_agent,
        on_attempt,
    }
    .with_env();
    match Core::new(core_options) {
        Ok(core) => {
            let repr = format!("{core:?}");
            Either::A(NativeClient { client: Mutex::new(Some(core)), cancels: Cancels::default(), repr })
        }
        Err(option) => Either::B(ffi::option_error(&option)),
    }
}

#[napi]
impl NativeClient {
    /// Sends operation `operation` (an index) with `arguments` (`params body`): an envelope.
    #[napi(catch_unwind)]
    pub async fn call(&self, operation: u32, arguments: String, id: u32) -> napi::Result<String> {
        let operation = operation_at(operation)?;
        let (params, body) = match parse_arguments(&arguments) {
            Ok(parts) => parts,
            Err(envelope) => return Ok(envelope),
        };
        let core = match self.core() {
            Ok(core) => core,
            Err(envelope) => return Ok(envelope),
        };
        let work = async move {
            match core.call(operation, &body, &params).await {
                Ok(value) => ffi::ok(&value),
                Err(error) => ffi::client_error(&error),
            }
        };
        Ok(cancellable(&self.cancels, id, work).await)
    }

    /// The pages of list operation `operation` with `params` (JSON text).
    #[napi(catch_unwind, ts_return_type = "NativePages | string")]
    pub fn pages(&self, operation: u32, params: String) -> napi::Result<PagesOrError> {
        let operation = operation_at(operation)?;
        let params = match serde_json::from_str::<Value>(&params) {
            Ok(params) => params,
            Err(error) => return Ok(napi::bindgen_prelude::Either::B(ffi::input_error(&ffi::InputError::not_json("params", &error)))),
        };
        Ok(match self.core() {
            Ok(core) => napi::bindgen_prelude::Either::A(NativePages {
                pages: Arc::new(tokio::sync::Mutex::new(core.pages(operation, &params))),
                cancels: Arc::clone(&self.cancels),
            }),
            Err(envelope) => napi::bindgen_prelude::Either::B(envelope),
        })
    }

    /// Stops call `id` (nothing more is sent for it).
    #[napi(catch_unwind)]
    pub fn cancel(&self, id: u32) {
        if let Some(sender) = lock(&self.cancels).remove(&id) {
            sender.send(()).ok();
        }
    }

    /// Drops the connection pool; calls after it answer an error.
    #[napi(catch_unwind)]
    pub fn close(&self) {
        drop(lock(&self.client).take());
    }

    /// Whether `close()` was called.
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        lock(&self.client).is_none()
    }

    /// The client as text, without secrets (base URL, client id, limits).
    #[napi]
    pub fn describe(&self) -> String {
        self.repr.clone()
    }
}

/// The error an aborted call of `operation` ends with when it is a create whose request may have
/// been sent (`OutcomeUnknownError`, as an envelope, with the natural key read from `body`); `None`
/// for a read, which an abort simply stops.
#[napi(catch_unwind)]
pub fn interrupted_error(operation: u32, body: String) -> Option<String> {
    let operation = ffi::operation_at(operation).ok()?;
    if operation.is_idempotent() {
        return None;
    }
    let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let key = operation.key_name(&body).map(str::to_owned);
    Some(ffi::client_error(&maia_provision::client::ClientError::interrupted(operation, key)))
}

/// A listing's pages, or an error envelope.
pub type PagesOrError = napi::bindgen_prelude::Either<NativePages, String>;

/// The pages of one listing.
#[napi]
pub struct NativePages {
    pages: Arc<tokio::sync::Mutex<CorePages>>,
    cancels: Cancels,
}

#[napi]
impl NativePages {
    /// The next page's items as an envelope (`{"ok": null}` after the last page).
    #[napi(catch_unwind)]
    pub async fn next(&self, id: u32) -> String {
        let pages = Arc::clone(&self.pages);
        let work = async move {
            match pages.lock().await.next_page().await {
                Ok(page) => ffi::ok(&page),
                Err(error) => ffi::client_error(&error),
            }
        };
        cancellable(&self.cancels, id, work).await
    }
}
