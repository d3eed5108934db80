//! The browser (and Node) binding of maia-provision, built with wasm-bindgen.
//!
//! The boundary is JSON text: the hand-written `js/` layer walks host values (enforcing the core's
//! [`MAX_DEPTH`](maia_provision::MAX_DEPTH), cycles and non-JSON values with the core's messages, see `inputErrorMessage` under [`call`])
//! and hands the Rust side a JSON string; results come back as one JSON string, either
//! `{"ok": value}` or `{"error": {"kind": …, "message": …, …fields}}`, which the JS layer turns
//! into values or `Error` objects. JSON text keeps the module small: serde_json is already in the
//! core, so no second (de)serializer is linked in (measured against serde-wasm-bindgen; see
//! `bindings-wasm/README.md`).
//!
//! Nothing here holds a rule or a message: every check, enum list and sentence comes from the core.

use maia_provision::ffi::{self, InputError, InputErrorKind, input_error, ok, option_error, validation_error};
use maia_provision::{BuildOptions, HttpResponse, JsonObject, JsonTree, Operation, OptionError, Secret, check_private_key, normalize_private_key};
use std::borrow::Cow;
use wasm_bindgen::prelude::wasm_bindgen;

/// talc instead of std's dlmalloc: the same job in 2.9 KB less (gzipped) of the module.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Reads JSON text that the JS layer produced (already bounded to `MAX_DEPTH - 1` nested
/// containers, serde_json's own limit). Text that does not parse can only come from a caller of
/// the raw exports; it is refused, never read as null.
fn parse<'t>(argument: &'static str, text: &'t str) -> Result<JsonTree<'t>, String> {
    // Read into JsonTree everywhere: the module then carries no `serde_json::Value` (its B-tree
    // maps and their reader), which is about 2 KB gzipped.
    JsonTree::parse(text.as_bytes()).map_err(|e| input_error(&InputError::not_json(argument, &e)))
}

/// The operation at `index` in [`Operation::ALL`] (the order of the `operations` table; the JS
/// layer maps ids to indexes, through `operationIndex` for those it does not know).
fn operation(index: u32) -> Result<Operation, String> {
    ffi::operation_at(index).map_err(|e| input_error(&e))
}

/// The entry point of every function that takes and returns text: `function` names it (the JS
/// name: `validate`, `buildRequest`, `operationIndex`, `inputErrorMessage`,
/// `optionTypeErrorMessage`, `checkPrivateKey`, `normalizePrivateKey`), `operation` is the
/// operation's index where it takes one, and `a`…`d` are its text arguments in order (unused ones
/// empty). One export instead of seven: wasm-bindgen writes marshalling code per export in both
/// the module and the glue, and sharing it is 1.1 KB (gzipped) less to download.
#[wasm_bindgen(js_name = call)]
pub fn call(function: &str, operation: u32, a: &str, b: &str, c: &str, d: &str) -> String {
    match function {
        "validate" => validate(operation, a, b),
        "buildRequest" => build_request(operation, a, b, c),
        "operationIndex" => ffi::operation_index_envelope(a),
        "inputErrorMessage" => input_error_message(a, b, c, d),
        "optionTypeErrorMessage" => option_type_error_message(a, b),
        "checkPrivateKey" => check_private_key_json(a),
        "normalizePrivateKey" => normalize_private_key_json(a),
        _ => input_error(&InputError::new("function", "", InputErrorKind::HostError { message: "no such function".to_owned() })),
    }
}

/// The core's static tables and constants as one JSON object: `operations` (descriptors),
/// `violationCodes`, `fieldOptions` (`{operationId: {pointer: [values]}}`), `combinations`,
/// `variantMembers`, `maxDepth`, `limits` and `internalErrorMessage` (read once at start-up: a trapped
/// instance cannot be asked).
#[wasm_bindgen(js_name = tables)]
pub fn tables() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/tables.json")).to_owned()
}

/// The core's message for a host value that cannot be read as JSON. `kind` is one of
/// `tooDeep`, `cycle`, `nonFiniteNumber`, `integerOutOfRange`, `nonStringKey`, `unsupported`,
/// `expectedStatus` (an HTTP status argument that is not one), `hostError`; `detail` is the type
/// name or the host's message.
fn input_error_message(argument: &str, pointer: &str, kind: &str, detail: &str) -> String {
    InputError::from_names(argument, pointer, kind, detail).to_string()
}

/// The core's message for an option (`region`, `baseUrl` or `token`) that is not a string;
/// `type_name` is the JS name of what was given.
fn option_type_error_message(option: &str, type_name: &str) -> String {
    ffi::option_wrong_type(option, type_name).to_string()
}

/// Validates a request; `body` and `params` are JSON text.
fn validate(operation_index: u32, body: &str, params: &str) -> String {
    let read = || -> Result<String, String> {
        let op = operation(operation_index)?;
        Ok(ok(&maia_provision::validate(op, &parse("body", body)?, &parse("params", params)?).violations()))
    };
    read().unwrap_or_else(|envelope| envelope)
}

/// Builds a request; `body`, `params` and `options` (`{region?, baseUrl?, token?}`) are JSON text.
fn build_request(operation_index: u32, body: &str, params: &str, options: &str) -> String {
    let read = || -> Result<(Operation, JsonTree<'_>, JsonTree<'_>, JsonTree<'_>), String> {
        Ok((operation(operation_index)?, parse("body", body)?, parse("params", params)?, parse("options", options)?))
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
        Ok(request) => ffi::built_request(&request),
        Err(failure) => ffi::build_error(failure),
    }
}

/// Reads `{region?, baseUrl?, token?}` (the JS layer passes strings or null; another JSON type
/// can only come from a caller of the raw export, and is refused by its JSON kind).
fn build_options(options: &JsonTree<'_>) -> Result<BuildOptions, OptionError> {
    let members: &[(Cow<'_, str>, JsonTree<'_>)] = match options {
        JsonTree::Object(JsonObject(members)) => members,
        _ => &[],
    };
    let text = |name: &'static str| -> Result<Option<&str>, OptionError> {
        match members.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value) {
            None | Some(JsonTree::Null) => Ok(None),
            Some(JsonTree::String(text)) => Ok(Some(text)),
            Some(JsonTree::Bool(_)) => Err(ffi::option_wrong_type(name, "boolean")),
            Some(JsonTree::Number(_)) => Err(ffi::option_wrong_type(name, "number")),
            Some(_) => Err(ffi::option_wrong_type(name, "object")),
        }
    };
    let token = text("token")?.map(Secret::new);
    Ok(BuildOptions::from_parts(text("region")?, text("baseUrl")?, token)?.with_user_agent_suffix("wasm"))
}

/// Parses a response; `status` is the JS number (checked here to be a 16-bit integer), `headers`
/// JSON text of `[[name, value], …]`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(operation_index: u32, status: f64, headers: &str, body: &[u8]) -> String {
    let op = match operation(operation_index) {
        Ok(op) => op,
        Err(envelope) => return envelope,
    };
    let status = match InputError::http_status(status) {
        Ok(status) => status,
        Err(error) => return input_error(&error),
    };
    // `[[name, value], …]`.
    let headers: Vec<(String, String)> = match JsonTree::parse(headers.as_bytes()) {
        Ok(JsonTree::Array(pairs)) => pairs
            .iter()
            .filter_map(|pair| match pair {
                JsonTree::Array(pair) => match pair.as_slice() {
                    [JsonTree::String(name), JsonTree::String(value)] => Some((name.to_string(), value.to_string())),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let response = HttpResponse::new(status, headers, body);
    ffi::parsed_response(maia_provision::parse_response::<String>(op, &response), body)
}

/// Violations about a PEM private key, as JSON.
fn check_private_key_json(text: &str) -> String {
    serde_json::to_string(&check_private_key(text)).unwrap_or_default()
}

/// A repaired PEM private key, or a validation error envelope.
fn normalize_private_key_json(text: &str) -> String {
    match normalize_private_key(text) {
        Ok(key) => ok(&key),
        Err(violations) => {
            let message = maia_provision::unrepairable_key_message(&violations);
            validation_error(None, &violations, &message)
        }
    }
}

/// Stops the instance with a trap, as a Rust panic would; the binding's own tests use it to check
/// that the JS layer recovers (a fresh instance) instead of staying poisoned.
#[wasm_bindgen(js_name = __selfTestTrap)]
pub fn self_test_trap() {
    std::process::abort();
}
