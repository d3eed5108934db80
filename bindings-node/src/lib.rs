//! Node-API binding of `maia-provision`: the native half of the `maia-provision` npm package.
//!
//! The public API is `bindings-js/api-core.js` (copied here as `api-core.js`), adapted to this
//! addon by `wrapper.js`. It checks a body and parameters for what JSON cannot hold (NaN,
//! `undefined` in arrays, functions, symbols, BigInt, Map/Set/Date/class instances, cycles,
//! nesting deeper than the core's `MAX_DEPTH`, getters that throw), serializes them with
//! `JSON.stringify`, and passes that text here with the operation's index. Every entry point is
//! the core's `ffi` (as in the wasm package), answering one JSON text, an envelope `{"ok": value}`
//! or `{"error": {kind, message, …fields}}`, that the JS layer turns into values or its error
//! classes. `bench/node` measured why: one string each way costs less than a Node-API call per
//! member (see `bench/node/README.md`). No rule, list or message lives here.

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "emulator")]
pub mod emulator;
mod text;

use maia_provision::ffi;
use napi::bindgen_prelude::{Uint8Array, Unknown};
use napi_derive::napi;

/// The core's static tables and constants as one JSON object, read once at start-up (`operations`,
/// `violationCodes`, `fieldOptions`, `combinations`, `variantMembers`, `limits`, `faultKinds`, …).
#[napi(catch_unwind)]
pub fn tables() -> String {
    ffi::tables()
}

/// The core's `ffi::call`, as in the wasm package: the text functions off the hot path
/// (`operationIndex`, `inputErrorMessage`, `checkPrivateKey`, `interruptedError`, …).
#[napi(catch_unwind)]
pub fn call(name: String, operation: u32, a: String, b: String, c: String, d: String) -> String {
    ffi::call("", &name, operation, [&a, &b, &c, &d])
}

/// Validates a request from `params body` (JSON texts): `null` when there is no violation (the
/// common case costs no JSON), else `{"ok": violations}`, or an `input` error envelope.
#[napi(catch_unwind, ts_args_type = "operation: number, json: string")]
pub fn validate(operation: u32, arguments: Unknown<'_>) -> napi::Result<Option<String>> {
    text::with_utf8(&arguments, |bytes| ffi::validate_arguments(operation, bytes))
}

/// Builds a request from `options params body` (JSON texts): the built request, or the `option`,
/// `validation` or `input` error (see `ffi::build_request_arguments`).
#[napi(catch_unwind, ts_args_type = "operation: number, json: string")]
pub fn build_request(operation: u32, arguments: Unknown<'_>) -> napi::Result<String> {
    text::with_utf8(&arguments, |bytes| ffi::build_request_arguments(operation, bytes))
}

/// Parses a response (`body` as bytes, `headers` as JSON `[[name, value], …]`): `{"ok": value}`,
/// or the errors `api` (status, problem, violations, body, retryAfter) and `decode` (status, body).
#[napi(catch_unwind)]
pub fn parse_response(operation: u32, status: f64, body: Uint8Array, headers: String) -> String {
    ffi::parse_response(operation, status, ffi::header_pairs(&headers), &body)
}

/// Panics, for the test that a panic reaches JS as `ERR_MAIA_INTERNAL` and the addon keeps working.
#[napi(catch_unwind, js_name = "__selfTestPanic")]
#[allow(clippy::panic, reason = "the point of this test hook")]
pub fn self_test_panic() {
    panic!("self-test panic");
}
