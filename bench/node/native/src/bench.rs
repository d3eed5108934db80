//! Alternative ways across the boundary, measured by `bench/node` and never shipped: napi-rs's
//! serde conversion of the whole value, a native walk of the JS object, a plain `String`
//! argument, and the bare crossing.

use crate::walk_native::{Reader, Stop};
use crate::{operation_at, with_arguments};
use maia_provision::ffi;
use napi::bindgen_prelude::Unknown;
use napi::{Env, Status};
use napi_derive::napi;
use serde_json::Value;

fn violations(operation: u32, body: &Value, params: &Value) -> napi::Result<Option<String>> {
    let found = maia_provision::validate(operation_at(operation)?, body, params).into_violations();
    if found.is_empty() {
        return Ok(None);
    }
    serde_json::to_string(&found).map(Some).map_err(|error| napi::Error::new(Status::GenericFailure, error.to_string()))
}

/// `validate` with napi-rs's serde conversion (`Env::from_js_value`). It has no depth, cycle,
/// NaN or BigInt checks (a cycle overflows the stack), so it is here only to be measured.
#[napi(catch_unwind)]
pub fn bench_validate_serde(env: Env, operation: u32, body: Unknown<'_>, params: Unknown<'_>) -> napi::Result<Option<String>> {
    let body: Value = env.from_js_value(body)?;
    let params: Value = env.from_js_value(params)?;
    violations(operation, &body, &params)
}

/// `validate` with a native walk of the JS values (raw Node-API calls, with every check).
#[napi(catch_unwind)]
pub fn bench_validate_walk(env: Env, operation: u32, body: Unknown<'_>, params: Unknown<'_>) -> napi::Result<Option<String>> {
    let fail = |stop: Stop| match stop {
        Stop::Input(input) => napi::Error::new(Status::InvalidArg, input.to_string()),
        Stop::Napi(status) => napi::Error::new(Status::from(status), String::new()),
    };
    let mut reader = Reader::new(&env).map_err(fail)?;
    let body = reader.read("body", &body).map_err(fail)?;
    let params = reader.read("params", &params).map_err(fail)?;
    violations(operation, &body, &params)
}

/// `validate` over two napi-rs `String` arguments (length, allocate, copy) instead of one
/// string read into a reused buffer.
#[napi(catch_unwind)]
pub fn bench_validate_strings(operation: u32, body: String, params: String) -> napi::Result<Option<String>> {
    let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let params: Value = serde_json::from_str(&params).unwrap_or(Value::Null);
    violations(operation, &body, &params)
}

/// The text entry point without validating: reading the arguments and parsing them into values.
#[napi(catch_unwind)]
pub fn bench_parse_only(arguments: Unknown<'_>) -> napi::Result<bool> {
    with_arguments(&arguments, |_, body| serde_json::from_slice::<Value>(body).is_ok())
}

/// The bare crossing: one string argument in, `null` out.
#[napi(catch_unwind)]
pub fn bench_noop(_operation: u32, _arguments: Unknown<'_>) -> Option<String> {
    None
}

/// Nanoseconds per `maia_provision::validate` call on text held in Rust: the core's own
/// cost (its parse included), with no crossing at all.
#[napi(catch_unwind)]
pub fn bench_core_only(operation: u32, arguments: Unknown<'_>, repeat: u32) -> napi::Result<f64> {
    let operation = operation_at(operation)?;
    let text = crate::text::with_utf8(&arguments, <[u8]>::to_vec)?;
    let (params, body) = ffi::split_arguments(&text).map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))?;
    let start = std::time::Instant::now();
    for _ in 0..repeat {
        std::hint::black_box(maia_provision::validate(operation, std::hint::black_box(body), &params));
    }
    Ok(start.elapsed().as_secs_f64() * 1e9 / f64::from(repeat.max(1)))
}

/// Nanoseconds per parse of the arguments text (parameters as a tree, body as a `serde_json::Value`), inside Rust.
#[napi(catch_unwind)]
pub fn bench_parse_inside(arguments: Unknown<'_>, repeat: u32) -> napi::Result<f64> {
    crate::text::with_utf8(&arguments, |bytes| {
        let start = std::time::Instant::now();
        for _ in 0..repeat {
            let _ = std::hint::black_box(
                ffi::split_arguments(std::hint::black_box(bytes)).map(|(_, body)| serde_json::from_slice::<Value>(body).is_ok()),
            );
        }
        start.elapsed().as_secs_f64() * 1e9 / f64::from(repeat.max(1))
    })
}
