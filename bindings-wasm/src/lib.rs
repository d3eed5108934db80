//! The browser (and Node) binding of maia-provision, built with wasm-bindgen.
//!
//! The boundary is JSON text: the hand-written `js/` layer walks host values (enforcing the core's
//! [`MAX_DEPTH`], cycles and non-JSON values with the core's messages, see [`input_error_message`])
//! and hands the Rust side a JSON string; results come back as one JSON string, either
//! `{"ok": value}` or `{"error": {"kind": …, "message": …, …fields}}`, which the JS layer turns
//! into values or `Error` objects. JSON text keeps the module small: serde_json is already in the
//! core, so no second (de)serializer is linked in (measured against serde-wasm-bindgen; see
//! `bindings-wasm/README.md`).
//!
//! Nothing here holds a rule or a message: every check, enum list and sentence comes from the core.

use maia_provision::{
    BuildError, BuildOptions, InputError, InputErrorKind, MAX_DEPTH, Operation, ResponseError, Secret, Violation, check_private_key,
    normalize_private_key,
};
use serde::Serialize;
use serde_json::{Value, json};
use wasm_bindgen::prelude::wasm_bindgen;

/// `{"ok": value}`.
fn ok(value: impl Serialize) -> String {
    json!({ "ok": value }).to_string()
}

/// `{"error": {...}}`.
fn error(value: Value) -> String {
    json!({ "error": value }).to_string()
}

/// Reads JSON text that the JS layer produced (already bounded to `MAX_DEPTH - 1` nested
/// containers, serde_json's own limit). Text that does not parse can only come from a caller of
/// the raw exports; it is refused, never read as null.
fn parse(argument: &'static str, text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| {
        let message = InputError::new(argument, "", InputErrorKind::HostError { message: e.to_string() }).to_string();
        error(json!({ "kind": "input", "message": message }))
    })
}

fn operation(id: &str) -> Result<Operation, String> {
    Operation::from_id(id).map_err(|unknown| error(json!({ "kind": "unknownOperation", "message": unknown.to_string() })))
}

fn validation_error(operation: Operation, violations: &[Violation], message: String) -> String {
    error(json!({ "kind": "validation", "message": message, "operation": operation.id(), "violations": violations }))
}

/// Every operation descriptor, as JSON.
#[wasm_bindgen(js_name = operations)]
pub fn operations() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/operations.json")).to_owned()
}

/// Allowed values per operation and JSON pointer (`{operationId: {pointer: [values]}}`), as JSON.
#[wasm_bindgen(js_name = fieldOptions)]
pub fn field_options() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/field_options.json")).to_owned()
}

/// The combination table of project connections, as JSON.
#[wasm_bindgen(js_name = combinations)]
pub fn combinations() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/combinations.json")).to_owned()
}

/// The members each variant (vault type, cloud, Git provider, warehouse) takes, as JSON.
#[wasm_bindgen(js_name = variantMembers)]
pub fn variant_members() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/variant_members.json")).to_owned()
}

/// Every violation code id, as a JSON array.
#[wasm_bindgen(js_name = violationCodes)]
pub fn violation_codes_json() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/violation_codes.json")).to_owned()
}

/// The deepest nesting the core accepts in a body or parameters.
#[wasm_bindgen(js_name = maxDepth)]
pub fn max_depth() -> u32 {
    u32::try_from(MAX_DEPTH).unwrap_or(u32::MAX)
}

/// The core's message for a host value that cannot be read as JSON. `kind` is one of
/// `tooDeep`, `cycle`, `nonFiniteNumber`, `integerOutOfRange`, `nonStringKey`, `unsupported`,
/// `hostError`; `detail` is the type name or the host's message.
#[wasm_bindgen(js_name = inputErrorMessage)]
pub fn input_error_message(argument: &str, pointer: &str, kind: &str, detail: &str) -> String {
    let argument = match argument {
        "body" => "body",
        "params" => "params",
        "headers" => "headers",
        "options" => "options",
        "status" => "status",
        "text" => "text",
        _ => "value",
    };
    let kind = match kind {
        "tooDeep" => InputErrorKind::TooDeep,
        "cycle" => InputErrorKind::Cycle,
        "nonFiniteNumber" => InputErrorKind::NonFiniteNumber,
        "integerOutOfRange" => InputErrorKind::IntegerOutOfRange,
        "nonStringKey" => InputErrorKind::NonStringKey { type_name: detail.to_owned() },
        "hostError" => InputErrorKind::HostError { message: detail.to_owned() },
        _ => InputErrorKind::Unsupported { type_name: detail.to_owned() },
    };
    InputError::new(argument, pointer, kind).to_string()
}

/// Validates a request; `body` and `params` are JSON text.
#[wasm_bindgen(js_name = validate)]
pub fn validate(operation_id: &str, body: &str, params: &str) -> String {
    let read = || -> Result<String, String> {
        let op = operation(operation_id)?;
        Ok(ok(maia_provision::validate(op, &parse("body", body)?, &parse("params", params)?)))
    };
    read().unwrap_or_else(|envelope| envelope)
}

/// Builds a request; `body`, `params` and `options` (`{region?, baseUrl?, token?}`) are JSON text.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(operation_id: &str, body: &str, params: &str, options: &str) -> String {
    let read = || -> Result<(Operation, Value, Value, Value), String> {
        Ok((operation(operation_id)?, parse("body", body)?, parse("params", params)?, parse("options", options)?))
    };
    let (op, body, params, options) = match read() {
        Ok(read) => read,
        Err(envelope) => return envelope,
    };
    let options = match build_options(&options) {
        Ok(options) => options,
        Err(error) => return option_error(&error),
    };
    match maia_provision::build_request(op, &body, &params, &options) {
        Ok(request) => {
            // Header pairs keep the sending order (a JSON object would come out sorted).
            let headers: Vec<(&str, &str)> = request.headers.iter().map(|(name, value)| (name.as_str(), value.expose())).collect();
            let redacted = request.redacted();
            ok(json!({
                "method": request.method.as_str(),
                "url": request.url,
                "headers": headers,
                "body": request.body,
                "redacted": { "method": redacted.method.as_str(), "url": redacted.url, "headers": redacted.headers, "body": redacted.body },
            }))
        }
        Err(error) => {
            let message = error.to_string();
            match error {
                BuildError::Invalid { operation, violations } => validation_error(operation, &violations, message),
                BuildError::Option(option) => option_error(&option),
            }
        }
    }
}

fn option_error(error: &maia_provision::OptionError) -> String {
    self::error(json!({ "kind": "option", "message": error.to_string(), "option": error.option }))
}

/// Reads `{region?, baseUrl?, token?}`. A value of another type is handed to the core as its JSON
/// text (so the core's message quotes it); a token that is not a string reads as empty.
fn build_options(options: &Value) -> Result<BuildOptions, maia_provision::OptionError> {
    let text = |name: &str| -> Option<String> {
        match options.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(other) => Some(other.to_string()),
        }
    };
    let token = match options.get("token") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(Secret::new(text.as_str())),
        Some(_) => Some(Secret::new(String::new())),
    };
    let region = text("region");
    let base_url = text("baseUrl");
    Ok(BuildOptions::from_parts(region.as_deref(), base_url.as_deref(), token)?.with_user_agent_suffix("wasm"))
}

/// Parses a response; `status` is the JS number (checked here to be a 16-bit integer), `headers`
/// JSON text of `[[name, value], …]`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(operation_id: &str, status: f64, headers: &str, body: &[u8]) -> String {
    let op = match operation(operation_id) {
        Ok(op) => op,
        Err(envelope) => return envelope,
    };
    let Some(status) = (status.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(&status)).then_some(status as u16) else {
        let message = InputError::new("status", "", InputErrorKind::IntegerOutOfRange).to_string();
        return error(json!({ "kind": "input", "message": message }));
    };
    let headers: Vec<(String, String)> = serde_json::from_str(headers).unwrap_or_default();
    match maia_provision::parse_response(op, status, &headers, body) {
        Ok(value) => ok(value),
        Err(ResponseError::Api(api)) => error(json!({
            "kind": "api",
            "message": api.to_string(),
            "status": api.status,
            "problem": api.problem,
            "violations": api.violations(),
            "body": api.body,
            "retryAfter": api.retry_after,
        })),
        Err(ResponseError::Decode(decode)) => {
            error(json!({ "kind": "decode", "message": decode.to_string(), "status": decode.status, "body": decode.body }))
        }
    }
}

/// Violations about a PEM private key, as JSON.
#[wasm_bindgen(js_name = checkPrivateKey)]
pub fn check_private_key_json(text: &str) -> String {
    serde_json::to_string(&check_private_key(text)).unwrap_or_default()
}

/// A repaired PEM private key, or a validation error envelope.
#[wasm_bindgen(js_name = normalizePrivateKey)]
pub fn normalize_private_key_json(text: &str) -> String {
    match normalize_private_key(text) {
        Ok(key) => ok(key),
        Err(violations) => {
            let message = violations.iter().map(|v| v.message.as_str()).collect::<Vec<_>>().join("; ");
            error(json!({ "kind": "validation", "message": message, "operation": Value::Null, "violations": violations }))
        }
    }
}

/// Stops the instance with a trap, as a Rust panic would; the binding's own tests use it to check
/// that the JS layer recovers (a fresh instance) instead of staying poisoned.
#[wasm_bindgen(js_name = __selfTestTrap)]
pub fn self_test_trap() {
    std::process::abort();
}
