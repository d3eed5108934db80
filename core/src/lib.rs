//! # maia-provision
//!
//! Every rule of the Maia (formerly Matillion Data Productivity Cloud) project-provisioning REST
//! API, in one pure-Rust crate that does no I/O:
//!
//! - [`validate`] reports **every** violation of a request at once, each with a location, an
//!   RFC 6901 JSON pointer, a stable [`Code`], a [`Severity`] and one plain sentence, in a
//!   [`Checked`] request that building consumes (no rule runs twice);
//! - [`build_request`] turns a valid request into an [`HttpRequest`] (method, URL, headers, JSON
//!   body) for any HTTP client to send;
//! - [`parse_response`] turns what came back ([`HttpResponse`]) into a typed [`ApiResponse`] (or a
//!   `Value`, or JSON text) or an [`ApiError`];
//! - [`RetryPolicy`] says what to do after an attempt (one retry rule for every host), [`route()`]
//!   matches an incoming request to its operation (for servers);
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
//! // The same request from JSON text: every entry point takes a `Value`, a `JsonTree` or text.
//! let text = serde_json::to_string(&fixed).unwrap();
//! assert_eq!(build_request(Operation::CreateProjectConnection, text.as_str(), &params, &BuildOptions::region(Region::Eu1)).unwrap(), request);
//! assert_eq!(request.url, "https://eu1.api.matillion.com/dpc/v1/projects/550e8400-e29b-41d4-a716-446655440002/connections");
//! ```

pub mod catalog;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "ffi")]
pub mod ffi;
pub mod http;
mod json;
mod json_writer;
pub mod model;
pub mod operation;
pub mod pem;
mod pointer;
pub mod redact;
mod rules;
mod validate;
pub mod violation;
mod wire;

pub use catalog::{combinations, field_options, variant_members};
pub use http::{
    ApiError, ApiResponse, Attempt, BuildError, BuildOptions, DecodeError, Decoded, HeaderValue, HttpRequest, HttpResponse, OptionError, Outcome,
    RedactedRequest, Region, ResponseError, RetryAfter, RetryPolicy, Route, RouteError, build_request, parse_response, route,
};
pub use json::{
    JsonInput, JsonObject, JsonTree, MAX_ARRAY_LENGTH, MAX_BODY_BYTES, MAX_DEPTH, MAX_MEMBERS, MAX_STRING_LENGTH, Node, Object, SyntaxError, View,
};
pub use model::problem::{ProblemDetail, ProblemView};
pub use model::{BodyKind, ResponseKind};
pub use operation::{Endpoint, KeyScope, Method, NaturalKey, Operation, UnknownOperation, operations};
pub use pem::{check_private_key, normalize_private_key, unrepairable_key_message};
pub use pointer::json_pointer;
pub use redact::Secret;
pub use validate::{Checked, Facts, Reference, ReferenceKind, validate};
pub use violation::{Code, Location, Severity, Violation, format_violation, has_errors, summary, violation_codes};

/// The README's Rust examples, run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
