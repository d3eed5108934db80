//! The native client (feature `client`) for `client.js`: the core's `ffi::ClientHandle`, each call
//! a napi async method on napi's tokio runtime taking `params body` text and answering an envelope;
//! `cancel(id)` stops a call (the JS `AbortSignal`). The attempt logger is a weak threadsafe
//! function: it never keeps Node's event loop alive.

use maia_provision::ffi::{self, ClientHandle, PagesHandle};
use napi::Status;
use napi::bindgen_prelude::Either;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

/// Told about every attempt, with its JSON record (`{message, operation, route, status, attempt, waitMs, reason, headers}`).
type Logger = ThreadsafeFunction<String, (), String, Status, false, true>;

/// A client of the API (from [`new_client`]).
#[napi]
pub struct NativeClient(ClientHandle);

/// A client from `JSON.stringify(options)` (checked by `client.js`; unset ones from `MAIA_*`
/// variables) and `timeout` in milliseconds: the client, or an error envelope.
#[napi(catch_unwind, ts_args_type = "options: string, timeout?: number, logger?: (record: string) => void")]
pub fn new_client(options: String, timeout: Option<f64>, logger: Option<Logger>) -> Either<NativeClient, String> {
    let on_attempt = logger.map(|logger| ffi::json_logger(move |line| _ = logger.call(line, ThreadsafeFunctionCallMode::NonBlocking)));
    ClientHandle::from_json(&options, timeout.map(|ms| ms / 1000.0), on_attempt).map_or_else(Either::B, |handle| Either::A(NativeClient(handle)))
}

#[napi]
impl NativeClient {
    /// Sends operation `operation` (an index) with `arguments` (`params body`): an envelope.
    #[napi(catch_unwind)]
    pub async fn call(&self, operation: u32, arguments: String, id: u32) -> String {
        self.0.call_arguments(operation, arguments.as_bytes(), id).await
    }

    /// The pages of list operation `operation` with `params` (JSON text), or an error envelope.
    #[napi(catch_unwind)]
    pub fn pages(&self, operation: u32, params: String) -> Either<NativePages, String> {
        self.0.pages_arguments(operation, &params).map_or_else(Either::B, |pages| Either::A(NativePages(pages)))
    }

    /// Stops call `id` (nothing more is sent for it).
    #[napi(catch_unwind)]
    pub fn cancel(&self, id: u32) {
        self.0.cancel(id);
    }

    /// Drops the connection pool; calls after it answer an error.
    #[napi(catch_unwind)]
    pub fn close(&self) {
        drop(self.0.close());
    }

    /// The client as text, without secrets (base URL, client id, limits).
    #[napi]
    pub fn describe(&self) -> String {
        self.0.describe().to_owned()
    }
}

/// The pages of one listing.
#[napi]
pub struct NativePages(PagesHandle);

#[napi]
impl NativePages {
    /// The next page's items as an envelope (`{"ok": null}` after the last page).
    #[napi(catch_unwind)]
    pub async fn next(&self, id: u32) -> String {
        self.0.next_cancellable(id).await
    }
}
