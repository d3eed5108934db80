//! # maia-provision
//!
//! Every rule of the Maia (formerly Matillion Data Productivity Cloud) project-provisioning REST
//! API, in one pure-Rust crate that does no I/O:
//!
//! - [`validate`] reports **every** violation of a request at once, each with a location, an
//!   RFC 6901 JSON pointer, a stable [`Code`], a [`Severity`] and one plain sentence;
//! - [`build_request`] turns a valid request into an [`HttpRequest`] (method, URL, headers, JSON
//!   body) for any HTTP client to send;
//! - [`parse_response`] turns what came back into a typed [`ApiResponse`] or an [`ApiError`];
//! - [`check_private_key`] and [`normalize_private_key`] explain and repair pasted PEM keys.
//!
//! ```
//! use maia_provision::{BuildOptions, Operation, Region, build_request, validate};
//! use serde_json::json;
//!
//! let body = json!({
//!     "name": "my-aws-connection",
//!     "platformConnectionType": "CLOUD_PLATFORM_CREDENTIALS",
//!     "authProvider": "aws",
//!     "authType": "GENERIC_SECRET",
//! });
//! let params = json!({"projectId": "550e8400-e29b-41d4-a716-446655440002"});
//! let violations = validate(Operation::CreateProjectConnection, &body, &params);
//! assert_eq!(violations[0].pointer, "/authType");
//! assert_eq!(violations[0].code.as_str(), "combination");
//!
//! let mut fixed = body.clone();
//! fixed["authType"] = json!("CLOUD_PROVIDER_SECRET");
//! let request = build_request(Operation::CreateProjectConnection, &fixed, &params, &BuildOptions::region(Region::Eu1)).unwrap();
//! assert_eq!(request.url, "https://eu1.api.matillion.com/dpc/v1/projects/550e8400-e29b-41d4-a716-446655440002/connections");
//! ```

pub mod catalog;
pub mod http;
pub mod input;
pub mod model;
pub mod operation;
pub mod pem;
pub mod redact;
pub mod route;
mod tree;
pub mod violation;
mod walk;
mod write;

pub use catalog::{combinations, field_options, variant_members};
pub use http::{
    ApiError, ApiResponse, BuildError, BuildOptions, DecodeError, HeaderValue, HttpRequest, OptionError, RedactedRequest, Region, ResponseError,
    build_request, build_request_json, build_request_tree, parse_response, parse_response_text, parse_response_value,
};
pub use input::{EXPECTED_STATUS, INTERNAL_ERROR, InputError, InputErrorKind, MAX_DEPTH, json_pointer};
pub use model::problem::{ProblemDetail, ProblemView};
pub use operation::{KeyScope, Method, NaturalKey, Operation, OperationDescriptor, UnknownOperation, operations};
pub use pem::{check_private_key, normalize_private_key, unrepairable_key_message};
pub use redact::Secret;
pub use route::{Route, RouteError, route};
pub use tree::{JsonObject, JsonTree};
pub use violation::{Code, Location, Severity, Violation, format_violation, has_errors, summary, violation_codes};

use model::{connection, environment, page, project, repository, secret, warehouse};
use operation::GIT_TOKEN_HEADER;
use serde_json::Value;
use tree::Object as _;
use walk::{At, Sink, kind, lowercase_uuid};

/// Validates a request: the body and the parameters (`params` holds path parameters, query
/// parameters and headers by name, e.g. `{"projectId": "…", "Git-Provider-Access-Token": "…"}`;
/// `Value::Null` means none). Returns every violation, errors and warnings; empty when valid.
pub fn validate(operation: Operation, body: &Value, params: &Value) -> Vec<Violation> {
    validate_node(operation, body, params)
}

/// [`validate`] for a body given as JSON text. Text that is not JSON (or nests [`MAX_DEPTH`]
/// levels deep) gives one `json` violation. The text is read into a tree that borrows its strings,
/// which costs less than building a `serde_json::Value`; the result is the same as
/// `validate(operation, &serde_json::from_slice(body)?, params)`.
pub fn validate_json(operation: Operation, body: &[u8], params: &Value) -> Vec<Violation> {
    match tree::parse(body) {
        Ok(tree) => validate_node(operation, &tree, params),
        Err(error) => {
            let mut sink = Sink::default();
            validate_params(&mut sink, operation, params);
            sink.error(&At::root(Location::Body), Code::Json, format!("the body is not valid JSON: {error}"));
            sink.out
        }
    }
}

/// [`validate`] for a body held as a [`JsonTree`]: what bindings build from host values when that
/// is cheaper than a `serde_json::Value`. Same rules, same answer.
pub fn validate_tree(operation: Operation, body: &JsonTree<'_>, params: &Value) -> Vec<Violation> {
    validate_node(operation, body, params)
}

/// [`validate`] for a body and parameters held as [`JsonTree`]s (what the wasm module reads JSON
/// text into: it then carries no `serde_json::Value` code at all). Same rules, same answer.
pub fn validate_trees(operation: Operation, body: &JsonTree<'_>, params: &JsonTree<'_>) -> Vec<Violation> {
    validate_node(operation, body, params)
}

pub(crate) fn validate_node<B: tree::Node, P: tree::Node>(operation: Operation, body: &B, params: &P) -> Vec<Violation> {
    let mut sink = Sink::default();
    validate_params(&mut sink, operation, params);
    let root = At::root(Location::Body);
    let provider = validate_body(&mut sink, operation, &root, body);
    let token = header_param(params, GIT_TOKEN_HEADER);
    let header = At::root(Location::Header);
    match operation {
        Operation::CreateRepository => repository::check_token_header(&mut sink, &header, token, provider, false),
        Operation::RotateRepositoryToken => repository::check_token_header(&mut sink, &header, token, None, true),
        _ => {}
    }
    sorted(sink.out)
}

/// Violations in a canonical order, whatever the tree that was walked (a `Value` walks members
/// sorted, a `JsonTree` in input order): by location (path, query, header, body), then pointer;
/// the sort is stable, so violations at one place keep the order the rules gave them.
fn sorted(violations: Vec<Violation>) -> Vec<Violation> {
    let rank = |location: Location| match location {
        Location::Path => 0,
        Location::Query => 1,
        Location::Header => 2,
        Location::Body => 3,
    };
    merge_sort(violations, &|a: &Violation, b: &Violation| (rank(a.location), &a.pointer) <= (rank(b.location), &b.pointer))
}

/// A stable merge sort (`in_order(a, b)`: `a` may come before `b`), O(n) on sorted input (the
/// usual case) and O(n log n) at worst. Not `slice::sort_by`: std's driftsort is 3.6 KB of the
/// wasm module (1.8 KB gzipped) for lists that hold a few violations; the tests hold this one
/// equal to it.
fn merge_sort<T>(mut items: Vec<T>, in_order: &impl Fn(&T, &T) -> bool) -> Vec<T> {
    if items.is_sorted_by(in_order) {
        return items;
    }
    let right = items.split_off(items.len() / 2);
    let (left, right) = (merge_sort(items, in_order), merge_sort(right, in_order));
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut left, mut right) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (left.peek(), right.peek()) {
        let from_left = in_order(a, b);
        out.extend(if from_left { left.next() } else { right.next() });
    }
    out.extend(left);
    out.extend(right);
    out
}

/// A header given in `params`, whatever the case of its name (when several spellings are given,
/// the first in key order; of repeated keys, the last, as in a `Value`).
pub(crate) fn header_param<'p, P: tree::Node>(params: &'p P, name: &str) -> Option<&'p P> {
    let mut found: Option<(&str, &P)> = None;
    for (key, value) in params.as_object()?.entries() {
        if key.eq_ignore_ascii_case(name) && found.is_none_or(|(best, _)| key <= best) {
            found = Some((key, value));
        }
    }
    found.map(|(_, value)| value)
}

fn validate_body<N: tree::Node>(sink: &mut Sink, operation: Operation, at: &At<'_>, body: &N) -> Option<&'static str> {
    match operation {
        Operation::CreateProject => project::validate(sink, at, body),
        Operation::CreateDataPlatformConnection => warehouse::validate(sink, at, body),
        Operation::CreateSecretValue => secret::validate(sink, at, body),
        Operation::CreateProjectConnection => connection::validate(sink, at, body),
        Operation::CreateEnvironment => environment::validate(sink, at, body),
        Operation::CreateRepository => return repository::validate(sink, at, body),
        _ => {
            if !body.is_null() {
                sink.warn(at, Code::Ignored, format!("`{operation}` takes no body; the body is not sent"));
            }
        }
    }
    None
}

fn validate_params<P: tree::Node>(sink: &mut Sink, operation: Operation, params: &P) {
    let path = At::root(Location::Path);
    let map = match params.view() {
        tree::View::Null => None,
        tree::View::Object(map) => Some(map),
        _ => {
            sink.error(&path, Code::Type, format!("the parameters must be an object such as `{{\"projectId\": \"…\"}}`; got {}", kind(params)));
            return;
        }
    };
    for name in operation.path_params() {
        let at = path.key(name);
        match map.and_then(|m| m.get(name)) {
            None => sink.error(&at, Code::Required, format!("the path parameter `{name}` is required by `{}`", operation.path())),
            Some(value) => lowercase_uuid(sink, &at, value),
        }
    }
    let Some(map) = map else { return };
    let query = At::root(Location::Query);
    if operation.method() == Method::Get {
        page::check_query(sink, &query, walk::member(map, "page"), walk::member(map, "size"));
    }
    // Header names are case-insensitive in HTTP; path and query names are not.
    let is_param = |key: &str| {
        operation.path_params().contains(&key)
            || operation.query_params().contains(&key)
            || operation.headers().iter().any(|h| h.name.eq_ignore_ascii_case(key))
    };
    for key in map.keys().filter(|key| !is_param(key)) {
        let known = operation.path_params().iter().chain(operation.query_params()).copied().chain(operation.headers().iter().map(|h| h.name));
        let hint = walk::did_you_mean(key, known);
        let at = path.key(key);
        sink.warn(&at, Code::UnknownField, format!("{} is not a parameter of `{operation}` and is not sent{hint}", walk::quote(key)));
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn merge_sort_is_std_stable_sort(items in proptest::collection::vec((0u8..6, proptest::prelude::any::<u16>()), 0..300)) {
            // Ordered by the first field only, so equal keys show whether the order they came in is kept.
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            proptest::prop_assert_eq!(super::merge_sort(items, &|a: &(u8, u16), b: &(u8, u16)| a.0 <= b.0), expected);
        }
    }
}

/// The README's Rust examples, run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
