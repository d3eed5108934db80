//! Node-API binding of `maia-provision`: the native half of the `maia-provision` npm package.
//!
//! The public API is `bindings-js/api-core.js` (copied here as `api-core.js`), adapted to this
//! addon by `wrapper.js`. It checks a body and parameters for what JSON cannot hold (NaN,
//! `undefined` in arrays, functions, symbols, BigInt, Map/Set/Date/class instances, cycles,
//! nesting deeper than the core's `MAX_DEPTH`, getters that throw), serializes them with
//! `JSON.stringify`, and passes that text here with the operation's index. Results come back as
//! one JSON text, an envelope `{"ok": value}` or `{"error": {kind, message, …fields}}`, that
//! the JS layer turns into values or into its error classes. `bench/node` measured why: one string
//! each way costs less than a Node-API call per member (see `bench/node/README.md`).
//!
//! No rule, list or message lives here: they all come from the core.

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "emulator")]
pub mod emulator;
mod text;

use maia_provision::ffi::{self, InputError};
use maia_provision::{BuildOptions, HttpResponse, JsonTree, Operation, Secret};
use napi::Status;
use napi::bindgen_prelude::{Either, Uint8Array, Unknown};
use napi_derive::napi;

/// The operation at `index` in [`Operation::ALL`] (the order of [`operations`]).
fn operation_at(index: u32) -> napi::Result<Operation> {
    ffi::operation_at(index).map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))
}

/// Runs `then` on the parameters and the body text of the JSON text `params body` that the
/// wrapper wrote.
pub fn with_arguments<T>(text: &Unknown<'_>, then: impl FnOnce(&JsonTree<'_>, &[u8]) -> T) -> napi::Result<T> {
    text::with_utf8(text, |bytes| ffi::split_arguments(bytes).map(|(params, body)| then(&params, body)))?
        .map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))
}

/// The descriptors of every operation, as JSON: `[{id, method, path, pathParams, queryParams, headers, hasBody, summary}]`.
#[napi(catch_unwind)]
pub fn operations() -> napi::Result<String> {
    serde_json::to_string(&maia_provision::operations()).map_err(|error| napi::Error::new(Status::GenericFailure, error.to_string()))
}

/// Allowed values per operation and JSON pointer, as JSON: `{operationId: {pointer: [values]}}`.
#[napi(catch_unwind)]
pub fn field_options() -> String {
    maia_provision::field_options().to_string()
}

/// The combination table of project connections, as JSON.
#[napi(catch_unwind)]
pub fn combinations() -> String {
    maia_provision::combinations().to_string()
}

/// The members each variant (vault type, cloud, Git provider, warehouse) takes, as JSON.
#[napi(catch_unwind)]
pub fn variant_members() -> String {
    maia_provision::variant_members().to_string()
}

/// The envelope's error kinds with the JS error each becomes, as JSON: `{kind: {name, code}}`.
#[napi(catch_unwind)]
pub fn fault_kinds() -> String {
    ffi::fault_kinds().to_string()
}

/// Every violation code id, in the core's documentation order.
#[napi(catch_unwind)]
pub fn violation_codes() -> Vec<&'static str> {
    maia_provision::violation_codes().collect()
}

/// The core's reading limits, as JSON: `{maxDepth, maxArrayLength, maxMembers, maxStringLength, maxBodyBytes}`.
#[napi(catch_unwind)]
pub fn limits() -> String {
    ffi::limits().to_string()
}

/// Resolves an operation id (camelCase or snake_case): `{"ok": index}`, or the core's
/// unknown-operation message as `{"error": {kind: "unknownOperation", message}}`.
#[napi(catch_unwind)]
pub fn operation_index(id: String) -> napi::Result<String> {
    Ok(ffi::operation_index_envelope(&id))
}

/// The core's message for a value that cannot be read as JSON. `kind`: `tooDeep`, `cycle`,
/// `nonFiniteNumber`, `integerOutOfRange`, `nonStringKey`, `unsupported`, `expectedStatus` (an
/// HTTP status argument that is not one) or `hostError`; `detail` is the type name or the host's
/// message.
#[napi(catch_unwind)]
pub fn input_error_message(argument: String, pointer: String, kind: String, detail: Option<String>) -> String {
    InputError::from_names(&argument, &pointer, &kind, &detail.unwrap_or_default()).to_string()
}

/// The core's message for an option (`region`, `baseUrl` or `token`) that is not a string;
/// `type_name` is the JS name of what was given.
#[napi(catch_unwind)]
pub fn option_type_error_message(option: String, type_name: String) -> String {
    ffi::option_wrong_type(&option, &type_name).to_string()
}

/// The core's message for a failure inside the binding (a Rust panic), shown instead of its text.
#[napi(catch_unwind)]
pub fn internal_error_message() -> &'static str {
    ffi::INTERNAL_ERROR
}

/// Validates a request. `arguments` is `JSON.stringify(params) + " " + JSON.stringify(body)`.
/// Returns `null` when there is no violation (the common case costs no JSON), else
/// `{"ok": violations}`.
#[napi(catch_unwind, ts_args_type = "operation: number, json: string")]
pub fn validate(operation: u32, arguments: Unknown<'_>) -> napi::Result<Option<String>> {
    let operation = operation_at(operation)?;
    let violations = with_arguments(&arguments, |params, body| maia_provision::validate(operation, body, params).into_violations())?;
    if violations.is_empty() {
        return Ok(None);
    }
    Ok(Some(ffi::ok(&violations)))
}

/// Where a request goes and how it authenticates (the JS `options` object, read by `wrapper.js`).
#[napi(object)]
pub struct RequestOptions {
    /// `eu1` or `us1`.
    pub region: Option<String>,
    /// Any `http(s)` base URL, instead of a region.
    pub base_url: Option<String>,
    /// The bearer token (sent as `Authorization: Bearer …`).
    pub token: Option<String>,
    /// Appended to the `User-Agent` (`node/20.20.2`).
    pub user_agent: Option<String>,
}

/// Builds a request from `arguments` (as for [`validate`]): `{"ok": {method, url, headers:
/// [[name, value]], body, redacted}}`; errors `option` (with `option`) and `validation` (with
/// `operation` and `violations`).
#[napi(catch_unwind, ts_args_type = "operation: number, json: string, options: RequestOptions")]
pub fn build_request(operation: u32, arguments: Unknown<'_>, options: RequestOptions) -> napi::Result<String> {
    let operation = operation_at(operation)?;
    let token = options.token.map(Secret::new);
    let built = match BuildOptions::from_parts(options.region.as_deref(), options.base_url.as_deref(), token) {
        Ok(built) => built,
        Err(option) => return Ok(ffi::option_error(&option)),
    };
    let built = match options.user_agent.as_deref() {
        Some(product) => built.with_user_agent_suffix(product),
        None => built,
    };
    match with_arguments(&arguments, |params, body| maia_provision::build_request(operation, body, params, &built))? {
        Ok(request) => Ok(ffi::built_request(&request)),
        Err(failure) => Ok(ffi::build_error(failure)),
    }
}

/// Parses a response: `{"ok": value}`; errors `api` (status, problem, violations, body,
/// retryAfter) and `decode` (status, body). `headers` is `[name, value, name, value, …]`.
#[napi(catch_unwind)]
pub fn parse_response(operation: u32, status: f64, body: Option<Either<String, Uint8Array>>, headers: Vec<String>) -> napi::Result<String> {
    let operation = operation_at(operation)?;
    let status = match InputError::http_status(status) {
        Ok(status) => status,
        Err(error) => return Ok(ffi::input_error(&error)),
    };
    let pairs: Vec<(String, String)> = headers.chunks_exact(2).filter_map(|pair| Some((pair.first()?.clone(), pair.get(1)?.clone()))).collect();
    let bytes: &[u8] = match &body {
        None => &[],
        Some(Either::A(text)) => text.as_bytes(),
        Some(Either::B(array)) => array,
    };
    let response = HttpResponse::new(status, pairs, bytes);
    Ok(ffi::parsed_response(maia_provision::parse_response::<String>(operation, &response), bytes))
}

/// Checks a PEM private key: its violations as a JSON array.
#[napi(catch_unwind)]
pub fn check_private_key(text: String) -> napi::Result<String> {
    serde_json::to_string(&maia_provision::check_private_key(&text)).map_err(|error| napi::Error::new(Status::GenericFailure, error.to_string()))
}

/// Repairs a PEM private key: `{"ok": "key"}`, or `{"error": {kind: "validation", violations}}`
/// when it cannot be repaired.
#[napi(catch_unwind)]
pub fn normalize_private_key(text: String) -> napi::Result<String> {
    match maia_provision::normalize_private_key(&text) {
        Ok(key) => Ok(ffi::ok(&key)),
        Err(violations) => Ok(ffi::validation_error(None, &violations, &maia_provision::unrepairable_key_message(&violations))),
    }
}

/// Panics, for the test that a Rust panic reaches JS as an `ERR_MAIA_INTERNAL` error and the
/// addon keeps working (every function here is `catch_unwind`). Not part of the API.
#[napi(catch_unwind, js_name = "__selfTestPanic")]
#[allow(clippy::panic, reason = "the point of this test hook")]
pub fn self_test_panic() {
    panic!("self-test panic");
}
