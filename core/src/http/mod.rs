//! Sans-IO HTTP: requests and responses as plain values. Nothing here opens a socket: the host
//! (reqwest in the native client, `fetch`, `requests`, `httpx`) sends what [`build_request`]
//! made and hands back an [`HttpResponse`] for [`parse_response`].
//!
//! - [`options`]: where requests go ([`Region`] or a base URL) and the bearer token;
//! - [`request`]: [`HttpRequest`], built, signed and redacted; the OAuth token request;
//! - [`response`]: [`HttpResponse`] parsed into a success value or a [`ResponseError`];
//! - [`retry`]: what to do after an attempt, one rule for every host;
//! - [`route()`]: an incoming `(method, path)` matched to its operation (what a server needs).

pub mod options;
pub mod request;
pub mod response;
pub mod retry;
pub mod route;

pub use options::{BuildOptions, OptionError, Region, VERSION};
pub(crate) use request::fill_path;
pub use request::{BuildError, HeaderValue, HttpRequest, RedactedRequest, build_request};
pub use response::{ApiError, ApiResponse, DecodeError, Decoded, HttpResponse, ResponseError, RetryAfter, parse_response, reason_phrase};
pub use retry::{Attempt, Outcome, RetryPolicy};
pub use route::{Route, RouteError, route};
