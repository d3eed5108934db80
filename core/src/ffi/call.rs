//! The text-in, text-out entry points both JS packages call (and Python's where it takes the
//! same text): every function takes its arguments as JSON text or plain text and answers one
//! envelope, so that a binding only moves strings across its boundary.

use super::{InputError, InputErrorKind, input_error, ok, option_error, validation_error};
use crate::{BuildOptions, HttpResponse, JsonObject, JsonTree, Operation, OptionError, Secret};
use std::borrow::Cow;

/// Reads JSON text that a binding's host layer wrote (already bounded to `MAX_DEPTH - 1` nested
/// containers, serde_json's own limit). Text that does not parse can only come from a caller of
/// a package's raw exports; it is refused, never read as null.
fn parse<'t>(argument: &'static str, text: &'t [u8]) -> Result<JsonTree<'t>, String> {
    // Read into JsonTree everywhere: the wasm module then carries no `serde_json::Value` (its
    // B-tree maps and their reader), which is about 2 KB gzipped.
    JsonTree::parse(text).map_err(|e| input_error(&InputError::not_json(argument, &e)))
}

/// The operation at `index` in [`Operation::ALL`], or an `input` error envelope.
fn operation(index: u32) -> Result<Operation, String> {
    super::operation_at(index).map_err(|e| input_error(&e))
}

/// The entry point of every function that takes and returns text: `function` names it (the JS
/// name: `validate`, `buildRequest`, `redactedRequest`, `operationIndex`, `inputErrorMessage`,
/// `optionTypeErrorMessage`, `checkPrivateKey`, `normalizePrivateKey`, and with the client
/// `interruptedError`, empty for a read), `operation` is the
/// operation's index where it takes one, and `args` are its text arguments in order (unused ones
/// empty). `product` is what a built request's `User-Agent` adds when the options name none
/// (`wasm`). One entry instead of seven: wasm-bindgen writes marshalling code per export in both
/// the module and the glue, and sharing it is 1.1 KB (gzipped) less to download.
pub fn call(product: &str, function: &str, operation: u32, args: [&str; 4]) -> String {
    let [a, b, c, d] = args;
    match function {
        "validate" => validate(operation, a.as_bytes(), b.as_bytes()),
        "buildRequest" => build_request(product, operation, a.as_bytes(), b.as_bytes(), c.as_bytes()),
        "redactedRequest" => self::operation(operation).map_or_else(|envelope| envelope, |op| super::redacted_request(op, a, b, c)),
        "operationIndex" => super::operation_index_envelope(a),
        "inputErrorMessage" => InputError::from_names(a, b, c, d).to_string(),
        "optionTypeErrorMessage" => super::option_wrong_type(a, b).to_string(),
        "checkPrivateKey" => crate::json_writer::to_string(&crate::check_private_key(a)),
        "normalizePrivateKey" => normalize_private_key(a),
        #[cfg(feature = "client")]
        "interruptedError" => super::interrupted_arguments(operation, a).unwrap_or_default(),
        _ => input_error(&InputError::new("function", "", InputErrorKind::HostError { message: "no such function".to_owned() })),
    }
}

/// Validates a request; `body` and `params` are JSON text.
fn validate(operation_index: u32, body: &[u8], params: &[u8]) -> String {
    let read = || -> Result<String, String> {
        let op = operation(operation_index)?;
        Ok(ok(&crate::validate(op, &parse("body", body)?, &parse("params", params)?).violations()))
    };
    read().unwrap_or_else(|envelope| envelope)
}

/// Validates the text `params body` (see [`super::split_arguments`]) for the operation at
/// `index`: `None` when there is no violation (the common case costs no JSON), else
/// `{"ok": violations}` or an `input` error envelope.
pub fn validate_arguments(index: u32, arguments: &[u8]) -> Option<String> {
    let read = || -> Result<Vec<crate::Violation>, InputError> {
        let (operation, (params, body)) = (super::operation_at(index)?, super::split_arguments(arguments)?);
        Ok(crate::validate(operation, body, &params).into_violations())
    };
    match read() {
        Ok(violations) => (!violations.is_empty()).then(|| ok(&violations)),
        Err(error) => Some(input_error(&error)),
    }
}

/// Builds a request; `body`, `params` and `options` (`{region?, baseUrl?, token?, userAgent?}`)
/// are JSON text: the built request's envelope ([`super::built_request`]), or the error's.
fn build_request(product: &str, operation_index: u32, body: &[u8], params: &[u8], options: &[u8]) -> String {
    let read = || -> Result<(Operation, JsonTree<'_>, JsonTree<'_>, JsonTree<'_>), String> {
        Ok((operation(operation_index)?, parse("body", body)?, parse("params", params)?, parse("options", options)?))
    };
    let (op, body, params, options) = match read() {
        Ok(read) => read,
        Err(envelope) => return envelope,
    };
    let options = match build_options(&options, product) {
        Ok(options) => options,
        Err(error) => return option_error(&error),
    };
    match crate::build_request(op, &body, &params, &options) {
        Ok(request) => super::built_request(&request),
        Err(failure) => super::build_error(failure),
    }
}

/// Builds a request for the operation at `index` from the text `options params body` (three
/// JSON texts separated by spaces, as the Node package writes them), as `build_request` does.
pub fn build_request_arguments(index: u32, arguments: &[u8]) -> String {
    let read = || -> Result<(Operation, JsonTree<'_>, JsonTree<'_>, &[u8]), InputError> {
        let mut values = serde_json::Deserializer::from_slice(arguments).into_iter::<JsonTree<'_>>();
        let options = values.next().unwrap_or(Ok(JsonTree::Null)).map_err(|error| InputError::not_json("options", &error))?;
        let (params, body) = super::split_arguments(arguments.get(values.byte_offset()..).unwrap_or_default())?;
        Ok((super::operation_at(index)?, options, params, body))
    };
    let (operation, options, params, body) = match read() {
        Ok(read) => read,
        Err(error) => return input_error(&error),
    };
    match build_options(&options, "").map_err(|error| option_error(&error)) {
        Ok(options) => match crate::build_request(operation, body, &params, &options) {
            Ok(request) => super::built_request(&request),
            Err(failure) => super::build_error(failure),
        },
        Err(envelope) => envelope,
    }
}

/// Reads `{region?, baseUrl?, token?, userAgent?}` (the JS layers pass strings or null; another
/// JSON type can only come from a caller of a raw export, and is refused by its JSON kind).
/// `product` is added to the `User-Agent` when `userAgent` is not given.
pub fn build_options(options: &JsonTree<'_>, product: &str) -> Result<BuildOptions, OptionError> {
    let members: &[(Cow<'_, str>, JsonTree<'_>)] = match options {
        JsonTree::Object(JsonObject(members)) => members,
        _ => &[],
    };
    let text = |name: &'static str| -> Result<Option<&str>, OptionError> {
        match members.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value) {
            None | Some(JsonTree::Null) => Ok(None),
            Some(JsonTree::String(text)) => Ok(Some(text)),
            Some(JsonTree::Bool(_)) => Err(super::option_wrong_type(name, "boolean")),
            Some(JsonTree::Number(_)) => Err(super::option_wrong_type(name, "number")),
            Some(_) => Err(super::option_wrong_type(name, "object")),
        }
    };
    let token = text("token")?.map(Secret::new);
    let product = text("userAgent")?.unwrap_or(product);
    Ok(BuildOptions::from_parts(text("region")?, text("baseUrl")?, token)?.with_user_agent_suffix(product))
}

/// Parses a response: `status` is the host's number (checked here to be a whole number from 100
/// to 599), `headers` the name-value pairs: `{"ok": value}`, or the `api` / `decode` fault.
pub fn parse_response(operation_index: u32, status: f64, headers: Vec<(String, String)>, body: &[u8]) -> String {
    let op = match operation(operation_index) {
        Ok(op) => op,
        Err(envelope) => return envelope,
    };
    let status = match InputError::http_status(status) {
        Ok(status) => status,
        Err(error) => return input_error(&error),
    };
    response_envelope(op, status, headers, body)
}

/// The envelope of a response to `operation`, parsed: `{"ok": value}`, or the `api` / `decode`
/// fault (see [`super::parsed_response`]).
pub fn response_envelope(operation: Operation, status: u16, headers: Vec<(String, String)>, body: &[u8]) -> String {
    let response = HttpResponse::new(status, headers, body);
    super::parsed_response(crate::parse_response::<String>(operation, &response), body)
}

/// Header pairs from the JSON text `[[name, value], …]` (pairs that are not two strings are
/// skipped: the JS layer wrote the text after its own checks).
pub fn header_pairs(text: &str) -> Vec<(String, String)> {
    let Ok(JsonTree::Array(pairs)) = JsonTree::parse(text.as_bytes()) else { return Vec::new() };
    pairs
        .iter()
        .filter_map(|pair| match pair {
            JsonTree::Array(pair) => match pair.as_slice() {
                [JsonTree::String(name), JsonTree::String(value)] => Some((name.to_string(), value.to_string())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// A repaired PEM private key, or a validation error envelope.
fn normalize_private_key(text: &str) -> String {
    match crate::normalize_private_key(text) {
        Ok(key) => ok(&key),
        Err(violations) => validation_error(None, &violations, &crate::unrepairable_key_message(&violations)),
    }
}
