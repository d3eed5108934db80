//! What the fuzz targets hold the core to, as plain functions of a target's raw input: each one
//! drives an entry point of `maia_provision` and panics when a promise is broken. The libFuzzer
//! targets in `fuzz/fuzz_targets/` are one line each around these functions, and
//! `tests/corpus.rs` replays the committed corpus (`fuzz/corpus/<target>/`) through them, so CI
//! checks every interesting input without a fuzzer.
//!
//! Promises checked beyond "no panic":
//! - a `json` violation of the whole body appears exactly when `serde_json` refuses the text, and
//!   the core's reader builds the same tree `serde_json::Value` does;
//! - no canary secret put in a secret-bearing place (a `DWH_PASSWORD` `value` member, a cloud
//!   credential such as `secretKey`, the `Git-Provider-Access-Token` parameter, the bearer token)
//!   shows in a violation's message or pointer, in `HttpRequest::redacted()`, or in the request's
//!   `Debug`;
//! - a `Value` body and its JSON text give the same violations and the same request;
//! - a built body is JSON, and validating it again finds no error;
//! - `normalize_private_key` output passes `check_private_key` and is a fixed point;
//! - a response's three decodings agree, and the retry rule never waits past its caps;
//! - a routed path routes back from its own parameters.

#![allow(clippy::panic, reason = "a broken invariant is a panic: that is what libFuzzer and the corpus replay catch")]

use maia_provision::{
    ApiResponse, Attempt, BuildError, BuildOptions, HttpResponse, JsonTree, Location, Method, Operation, Outcome, Region, ResponseError, RetryPolicy,
    RouteError, Secret, Severity, Violation, build_request, check_private_key, has_errors, normalize_private_key, parse_response, route, validate,
};
use serde_json::{Map, Value, json};
use std::time::{Duration, SystemTime};

/// A target's invariants: a function of its raw input that panics when one is broken.
pub type Check = fn(&[u8]);

/// Every target: its name (the directory of its corpus) and its invariant function.
pub const TARGETS: &[(&str, Check)] = &[
    ("validate", validate_input),
    ("json_reader", json_reader),
    ("build_request", build_request_input),
    ("parse_response", parse_response_input),
    ("private_key", private_key),
    ("route", route_input),
];

/// The canary put into `DWH_PASSWORD` `value` members (base64 letters, so it survives in a PEM body).
pub const PASSWORD_CANARY: &str = "Cnry0PwdQx7Zk2";
/// The canary put into cloud credentials (`secretKey` and the other members that are secret).
pub const CLOUD_CANARY: &str = "Cnry1SecKeyWv8";
/// The canary put into the `Git-Provider-Access-Token` parameter.
pub const GIT_CANARY: &str = "Cnry2GitTokJm5";
/// The bearer token.
pub const BEARER_CANARY: &str = "Cnry3BearerHt4";
/// Every canary.
const CANARIES: &[&str] = &[PASSWORD_CANARY, CLOUD_CANARY, GIT_CANARY, BEARER_CANARY];

const GIT_TOKEN: &str = "Git-Provider-Access-Token";
const PROJECT: &str = "550e8400-e29b-41d4-a716-446655440002";
const AGENT: &str = "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3";
/// The members of cloud credentials that the core declares secret.
const CLOUD_SECRETS: &[&str] = &["secretKey", "accessKeyID", "tenantID", "clientID", "serviceAccount"];
/// Separates fuzzed parameters from the body (a byte that UTF-8 text never holds).
const SEPARATOR: u8 = 0xff;

/// The canary that `text` holds, if any.
fn canary_in(text: &str) -> Option<&'static str> {
    CANARIES.iter().copied().find(|canary| text.contains(canary))
}

/// Panics when a printable form holds a canary.
fn assert_no_canary(what: &str, text: &str) {
    if let Some(canary) = canary_in(text) {
        panic!("the canary secret `{canary}` shows in {what}: {text}");
    }
}

/// Panics when a violation is malformed or quotes a canary.
fn assert_sound(violation: &Violation) {
    assert!(!violation.message.is_empty(), "a violation without a message: {violation:?}");
    let pointer = &violation.pointer;
    assert!(pointer.is_empty() || pointer.starts_with('/'), "not an RFC 6901 pointer: {violation:?}");
    let mut escapes = pointer.split('~').skip(1);
    assert!(escapes.all(|after| after.starts_with(['0', '1'])), "a `~` not followed by 0 or 1 in the pointer: {violation:?}");
    assert_no_canary("a violation's message", &violation.message);
    assert_no_canary("a violation's pointer", pointer);
    assert_no_canary("a violation's Display", &violation.to_string());
}

/// The operation a byte picks.
fn operation(byte: u8) -> Operation {
    let all = Operation::ALL;
    all.get(usize::from(byte) % all.len()).copied().unwrap_or(Operation::CreateProject)
}

/// The parameters a selector byte picks: a fixed set (most reach deep checks) or fuzzed text.
fn fixed_params(selector: u8) -> Value {
    let token = format!("glpat-{GIT_CANARY}");
    match selector % 6 {
        0 => Value::Null,
        1 => json!({}),
        2 => json!({"projectId": PROJECT, "agentId": AGENT}),
        3 => json!({"projectId": PROJECT, "agentId": AGENT, GIT_TOKEN: token, "page": 2, "size": 10}),
        4 => json!({"projectId": PROJECT.to_uppercase(), "agentId": AGENT, "git-provider-access-token": format!("{GIT_CANARY} x\n")}),
        _ => json!({"projectId": "not-a-uuid", "agentId": "", "page": -1, "size": "500", "extra": 1, GIT_TOKEN: GIT_CANARY}),
    }
}

/// Parameters as a target gives them: a tree, or fuzzed text that may not be JSON.
enum Params<'a> {
    Tree(Value),
    Text(&'a [u8]),
}

/// Splits an input into operation (first byte), parameters (second byte: a fixed set, or fuzzed
/// text up to [`SEPARATOR`]) and body text.
fn request_parts(data: &[u8]) -> Option<(Operation, Params<'_>, &[u8])> {
    let (&op, rest) = data.split_first()?;
    let (&selector, rest) = rest.split_first().unwrap_or((&0, &[]));
    if selector % 8 < 6 {
        return Some((operation(op), Params::Tree(fixed_params(selector)), rest));
    }
    let (params, body) = match rest.iter().position(|&byte| byte == SEPARATOR) {
        Some(at) => (rest.get(..at).unwrap_or_default(), rest.get(at + 1..).unwrap_or_default()),
        None => (rest, &[][..]),
    };
    let params = match serde_json::from_slice::<Value>(params) {
        Ok(mut tree) if !serde_json::to_string(&tree).is_ok_and(|text| canary_in(&text).is_some()) => {
            plant_git_token(&mut tree);
            Params::Tree(tree)
        }
        _ => Params::Text(params),
    };
    Some((operation(op), params, body))
}

/// `secret` with `canary` planted where no truncation of a quoted value could cut it off: after
/// the first line break (inside a PEM body), else in front.
fn planted(secret: &str, canary: &str) -> String {
    match secret.split_once('\n') {
        Some((first, rest)) => format!("{first}\n{canary}\n{rest}"),
        None => format!("{canary}{secret}"),
    }
}

/// Plants `canary` in the member `key` of `object` when it is a non-empty string (an empty one
/// stays empty, so that its own checks keep running).
fn plant(object: &mut Map<String, Value>, key: &str, canary: &str) {
    if let Some(Value::String(text)) = object.get_mut(key).filter(|value| value.as_str().is_some_and(|text| !text.is_empty())) {
        *text = planted(text, canary);
    }
}

/// Plants [`GIT_CANARY`] in every spelling of the token parameter.
fn plant_git_token(params: &mut Value) {
    if let Some(map) = params.as_object_mut() {
        let keys: Vec<String> = map.keys().filter(|key| key.eq_ignore_ascii_case(GIT_TOKEN)).cloned().collect();
        for key in keys {
            plant(map, &key, GIT_CANARY);
        }
    }
}

/// Plants canaries in a createSecretValue body: every `value` member of the flat shape, and the
/// secret members of wrapped (or misplaced flat) cloud credentials.
fn plant_secrets(body: &mut Value) {
    let Some(root) = body.as_object_mut() else { return };
    if let Some(Value::Object(value)) = root.get_mut("value") {
        let keys: Vec<String> = value.keys().cloned().collect();
        for key in keys {
            let canary = if CLOUD_SECRETS.contains(&key.as_str()) { CLOUD_CANARY } else { PASSWORD_CANARY };
            plant(value, &key, canary);
        }
    }
    if let Some(Value::Object(value)) = root.get_mut("secret").and_then(|secret| secret.get_mut("value")) {
        for key in CLOUD_SECRETS {
            plant(value, key, CLOUD_CANARY);
        }
    }
}

/// What two runs must agree on: each violation as its plain parts.
fn parts(violations: &[Violation]) -> Vec<String> {
    violations.iter().map(Violation::to_string).collect()
}

/// Target `validate`: the operation from the first byte, parameters from the second, the rest as
/// the body's JSON text.
pub fn validate_input(data: &[u8]) {
    let Some((op, params, body)) = request_parts(data) else { return };
    let own_canary = canary_in(&String::from_utf8_lossy(data)).is_some();
    let checked = match &params {
        Params::Tree(tree) => validate(op, body, tree).into_violations(),
        Params::Text(text) => validate(op, body, *text).into_violations(),
    };
    let body_json = serde_json::from_slice::<Value>(body);
    // A body written with escapes may spell a canary that the raw bytes do not show.
    let own_canary = own_canary || body_json.as_ref().is_ok_and(|tree| canary_in(&tree.to_string()).is_some());
    for violation in &checked {
        if own_canary {
            let (message, pointer) = (&violation.message, &violation.pointer);
            assert!(!message.is_empty() && (pointer.is_empty() || pointer.starts_with('/')), "malformed violation: {violation:?}");
        } else {
            assert_sound(violation);
        }
    }
    let unreadable = checked.iter().any(|v| v.location == Location::Body && v.pointer.is_empty() && v.code.as_str() == "json");
    assert_eq!(unreadable, body_json.is_err(), "a body `json` violation iff serde_json refuses the body: {checked:?}");
}

/// Target `json_reader`: arbitrary bytes as a body and as parameters, against `serde_json`.
pub fn json_reader(data: &[u8]) {
    let reference = serde_json::from_slice::<Value>(data);
    let checked = validate(Operation::CreateProject, data, &Value::Null);
    let unreadable = checked.iter().any(|v| v.location == Location::Body && v.pointer.is_empty() && v.code.as_str() == "json");
    assert_eq!(unreadable, reference.is_err(), "a `json` violation iff serde_json refuses the text: {:?} / {reference:?}", checked.violations());
    let params = validate(Operation::ListAgents, &Value::Null, data);
    let unreadable = params.iter().any(|v| v.location == Location::Path && v.pointer.is_empty() && v.code.as_str() == "json");
    assert_eq!(unreadable, reference.is_err(), "a parameters `json` violation iff serde_json refuses the text: {:?}", params.violations());
    match (JsonTree::parse(data), &reference) {
        (Ok(tree), Ok(value)) => assert_eq!(&tree_value(&tree), value, "the core's reader and serde_json read different trees"),
        (Err(_), Err(_)) => {}
        (tree, _) => panic!("the core's reader and serde_json disagree: {tree:?} / {reference:?}"),
    }
}

/// A [`JsonTree`] as the `Value` serde_json would build (the last of repeated keys counts).
fn tree_value(tree: &JsonTree<'_>) -> Value {
    match tree {
        JsonTree::Null => Value::Null,
        JsonTree::Bool(flag) => Value::Bool(*flag),
        JsonTree::Number(number) => Value::Number(number.clone()),
        JsonTree::String(text) => Value::String(text.to_string()),
        JsonTree::Array(items) => Value::Array(items.iter().map(tree_value).collect()),
        JsonTree::Object(members) => {
            let mut map = Map::new();
            for (key, value) in &members.0 {
                map.insert(key.to_string(), tree_value(value));
            }
            Value::Object(map)
        }
    }
}

/// Target `build_request`: as `validate`, for bodies that are JSON, with canaries planted in
/// every secret-bearing place; the request is built from the tree and from its text.
pub fn build_request_input(data: &[u8]) {
    let Some((op, Params::Tree(mut params), body)) = request_parts(data) else { return };
    let Ok(mut body) = serde_json::from_slice::<Value>(body) else { return };
    if canary_in(&body.to_string()).is_some() || canary_in(&params.to_string()).is_some() {
        return;
    }
    if op == Operation::CreateSecretValue {
        plant_secrets(&mut body);
    }
    plant_git_token(&mut params);
    let text = body.to_string();
    let violations = validate(op, &body, &params).into_violations();
    violations.iter().for_each(assert_sound);
    assert_eq!(parts(&violations), parts(&validate(op, text.as_str(), &params)), "a body and its JSON text give different violations");
    let options = BuildOptions::region(Region::Eu1).with_token(Secret::new(BEARER_CANARY)).unwrap_or_else(|error| panic!("{error}"));
    let built = build_request(op, &body, &params, &options);
    assert_eq!(built, build_request(op, text.as_bytes(), &params, &options), "a body and its JSON text build different requests");
    let request = match built {
        Ok(request) => request,
        Err(BuildError::Invalid { violations: refused, .. }) => {
            assert_eq!(refused, violations, "the refusal does not carry the violations");
            assert!(has_errors(&refused), "a request refused without an error");
            return;
        }
        Err(BuildError::Option(error)) => panic!("fixed options refused: {error}"),
    };
    assert!(!has_errors(&violations), "a request built despite errors: {violations:?}");
    assert_eq!(request.header("Authorization"), Some(format!("Bearer {BEARER_CANARY}").as_str()), "the bearer token was not sent");
    let redacted = request.redacted();
    assert_no_canary("the redacted request", &redacted.to_string());
    assert_no_canary("the redacted request's Debug", &format!("{redacted:?}"));
    assert_no_canary("the request's Debug", &format!("{request:?}"));
    if let Some(redacted_body) = &redacted.body {
        assert!(serde_json::from_str::<Value>(redacted_body).is_ok(), "the redacted body is not JSON: {redacted_body}");
    }
    if let Some(sent) = &request.body {
        assert!(serde_json::from_str::<Value>(sent).is_ok(), "the built body is not JSON: {}", redacted.body.as_deref().unwrap_or_default());
        let again = validate(op, sent.as_str(), &params).into_violations();
        let errors: Vec<&Violation> = again.iter().filter(|v| v.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "the built body has errors when validated again: {errors:?}");
    }
}

/// The status two bytes pick: mostly one the API uses, else any.
fn status(high: u8, low: u8) -> u16 {
    const USED: &[u16] = &[200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504, 302, 299];
    if high & 0x80 == 0 { USED.get(usize::from(low) % USED.len()).copied().unwrap_or(200) } else { u16::from_be_bytes([high & 0x7f, low]) }
}

/// Target `parse_response`: operation, status (two bytes), retry draws (two bytes), then header
/// lines (`name: value`) up to [`SEPARATOR`], then the body.
pub fn parse_response_input(data: &[u8]) {
    let [op, high, low, retries, jitter, rest @ ..] = data else { return };
    let (op, status) = (operation(*op), status(*high, *low));
    let (head, body) = match rest.iter().position(|&byte| byte == SEPARATOR) {
        Some(at) => (rest.get(..at).unwrap_or_default(), rest.get(at + 1..).unwrap_or_default()),
        None => (&[][..], rest),
    };
    let headers = String::from_utf8_lossy(head)
        .lines()
        .map(|line| line.split_once(':').map_or((line.to_owned(), String::new()), |(name, value)| (name.to_owned(), value.trim().to_owned())))
        .collect();
    let response = HttpResponse::new(status, headers, body);
    let typed = parse_response::<ApiResponse>(op, &response);
    let tree = parse_response::<Value>(op, &response);
    let text = parse_response::<String>(op, &response);
    for error in [typed.as_ref().err(), tree.as_ref().err(), text.as_ref().err()].into_iter().flatten() {
        let _ = error.to_string();
        if !response.is_success() {
            let ResponseError::Api(api) = error else { panic!("an error status did not give an API error: {error:?}") };
            assert_eq!(api.status, status);
            assert_eq!(api.retry_after.is_some(), response.header("retry-after").is_some(), "Retry-After lost or invented");
        }
    }
    if response.is_success() {
        assert_eq!(tree.is_ok(), text.is_ok(), "the tree and the text decodings disagree: {tree:?} / {text:?}");
        if let (Ok(tree), Ok(text)) = (&tree, &text) {
            assert_eq!(text, &tree.to_string(), "the text decoding is not what the tree writes");
        }
        if let Ok(typed) = &typed {
            assert!(tree.is_ok(), "typed decoding succeeded where the tree's failed");
            assert!(serde_json::to_value(typed).is_ok(), "a typed response does not serialize");
        }
    } else {
        assert!(typed.is_err() && tree.is_err() && text.is_err(), "an error status decoded as success");
    }
    let policy = RetryPolicy::default();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let draw = f64::from(*jitter) / 255.0;
    match policy.classify(op, Attempt::Response(&response), u32::from(*retries % 8), draw, now) {
        Outcome::Done => assert!(response.is_success()),
        Outcome::Retry { wait, .. } => assert!(wait <= policy.max_retry_after.max(policy.cap), "waits {wait:?}, past both caps"),
        _ => assert!(!response.is_success()),
    }
}

/// Target `private_key`: the input as a pasted key, as it is and with a canary line in its body.
pub fn private_key(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _unchecked = key_invariants(&text);
    if canary_in(&text).is_none() {
        let marked = planted(&text, PASSWORD_CANARY);
        let repaired = key_invariants(&marked);
        let violations = check_private_key(&marked).into_iter().chain(repaired.err().unwrap_or_default());
        for violation in violations {
            assert_no_canary("a private key's violation", &violation.message);
        }
    }
}

/// Checks and repairs `text`: the repair passes the check and is a fixed point.
fn key_invariants(text: &str) -> Result<String, Vec<Violation>> {
    let checked = check_private_key(text);
    assert!(checked.iter().all(|v| v.pointer.is_empty() && !v.message.is_empty()), "key violations have pointers or no message: {checked:?}");
    let repaired = normalize_private_key(text);
    match &repaired {
        Ok(key) => {
            let errors: Vec<Violation> = check_private_key(key).into_iter().filter(Violation::is_error).collect();
            assert!(errors.is_empty(), "the repaired key {key:?} fails the check: {errors:?}");
            assert_eq!(normalize_private_key(key).as_ref(), Ok(key), "repairing a repaired key changes it");
        }
        Err(refusal) => assert!(has_errors(refusal), "a key refused without an error: {refusal:?}"),
    }
    repaired
}

/// `value` percent-encoded as a path segment (everything but RFC 3986 unreserved characters).
fn encoded(value: &str) -> String {
    value
        .bytes()
        .map(|byte| if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) { char::from(byte).to_string() } else { format!("%{byte:02X}") })
        .collect()
}

/// Target `route`: the first byte picks a method, the rest is the path.
pub fn route_input(data: &[u8]) {
    const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "get", "post", "", "GET "];
    let Some((&pick, path)) = data.split_first() else { return };
    let method = METHODS.get(usize::from(pick) % METHODS.len()).copied().unwrap_or("GET");
    let path = String::from_utf8_lossy(path);
    match route(method, &path) {
        Ok(found) => {
            let op = found.operation;
            assert_eq!(op.method().as_str(), method, "routed to an operation of another method");
            assert!(found.path_params.iter().all(|(_, value)| !value.is_empty()), "an empty path parameter: {found:?}");
            let mut rebuilt = op.path().to_owned();
            for (name, value) in &found.path_params {
                rebuilt = rebuilt.replace(&format!("{{{name}}}"), &encoded(value));
            }
            assert_eq!(route(method, &rebuilt).as_ref(), Ok(&found), "{rebuilt:?} does not route back to {found:?}");
            let params = validate(op, &Value::Null, &found.params());
            assert!(!params.iter().any(|v| v.location == Location::Path && v.code.as_str() == "required"), "routed parameters missing: {params:?}");
        }
        Err(RouteError::MethodNotAllowed { allowed }) => {
            assert!(!allowed.is_empty(), "a path that takes no method");
            for other in allowed {
                assert_ne!(other.as_str(), method, "{method} refused on a path that takes it");
                assert!(route(other.as_str(), &path).is_ok(), "{path:?} takes {other} but does not route it");
            }
        }
        Err(RouteError::NotFound) => {
            for other in [Method::Get, Method::Post] {
                assert_eq!(route(other.as_str(), &path), Err(RouteError::NotFound), "{path:?} not found for {method} but routes {other}");
            }
        }
    }
}
