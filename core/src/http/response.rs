//! Responses as values: an [`HttpResponse`] (status, headers, body) is parsed by
//! [`parse_response`] into the operation's success value (a typed [`ApiResponse`], a
//! `serde_json::Value`, or JSON text) or a [`ResponseError`]: an [`ApiError`] carrying the
//! server's ProblemDetail and its `Retry-After`, or a [`DecodeError`] for a success body that is
//! not the operation's response.

use crate::json::{JsonTree, Node};
use crate::model::{ResponseKind, agent::Agent, connection::ProjectConnection, environment::EnvironmentSummary, page::Page, problem::ProblemDetail};
use crate::model::{project, secret};
use crate::operation::{Method, Operation};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;
use std::time::{Duration, SystemTime};

/// A response as received: status, headers in received order, body bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers, names as received.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response from its parts.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<Vec<u8>>) -> HttpResponse {
        HttpResponse { status, headers, body: body.into() }
    }

    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A `Retry-After` header (RFC 9110 §10.2.3): seconds, or an HTTP date, kept as received and
/// read into a wait by [`RetryAfter::delay`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryAfter {
    value: String,
    /// The response's `Date`, what an HTTP-date `Retry-After` is measured from when present
    /// (so that a skewed local clock does not matter).
    date: Option<String>,
}

impl RetryAfter {
    /// A `Retry-After` header's value, with the response's `Date` header when there is one.
    pub fn from_header(value: &str, date: Option<&str>) -> RetryAfter {
        RetryAfter { value: value.trim().to_owned(), date: date.map(|date| date.trim().to_owned()) }
    }

    /// The header as received (trimmed).
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// How long to wait: the seconds, or the time from the response's `Date` (else from `now`)
    /// to the given date, never negative. `None` when the header is neither.
    pub fn delay(&self, now: SystemTime) -> Option<Duration> {
        if let Ok(seconds) = self.value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        let at = httpdate::parse_http_date(&self.value).ok()?;
        let from = self.date.as_deref().and_then(|date| httpdate::parse_http_date(date).ok()).unwrap_or(now);
        Some(at.duration_since(from).unwrap_or(Duration::ZERO))
    }
}

/// A successful response, typed by operation. Serializes back to the server's JSON shape
/// (unknown members included), which is what bindings hand to their hosts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant, reason = "one value per response; boxing buys nothing")]
pub enum ApiResponse {
    /// createProject: `{projectId}`.
    ProjectCreated(project::ProjectCreated),
    /// createSecretValue: `{vaultSecretName, resolver_ref}`.
    SecretCreated(secret::SecretCreated),
    /// createProjectConnection: the connection.
    ProjectConnection(ProjectConnection),
    /// createDataPlatformConnection, createEnvironment, createRepository, rotateRepositoryToken: `{}`
    /// (members kept if the server ever sends some).
    Created(Map<String, Value>),
    /// listAgents.
    Agents(Page<Agent>),
    /// listProjects.
    Projects(Page<project::ProjectSummary>),
    /// listEnvironments.
    Environments(Page<EnvironmentSummary>),
    /// listProjectConnections.
    ProjectConnections(Page<ProjectConnection>),
}

/// An error status from the API, with its decoded ProblemDetail when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The decoded `application/problem+json` body, when the body is a JSON object.
    pub problem: Option<ProblemDetail>,
    /// The body as text (kept whatever it is).
    pub body: String,
    /// The `Retry-After` header, for 429 and 503.
    pub retry_after: Option<RetryAfter>,
}

impl ApiError {
    /// Replaces every occurrence of `values` (the request's secrets, from
    /// [`crate::HttpRequest::secret_values`]) in what the server said with `***`: in the
    /// ProblemDetail's texts and in the body, so that a server that echoes a password does not
    /// put it into a message or a traceback.
    pub fn redact_values(&mut self, values: &[String]) {
        let redact = |text: &mut String| {
            for value in values.iter().filter(|value| !value.is_empty()) {
                if text.contains(value.as_str()) {
                    *text = text.replace(value.as_str(), crate::redact::REDACTED);
                }
            }
        };
        redact(&mut self.body);
        if let Some(problem) = &mut self.problem {
            for text in [&mut problem.title, &mut problem.detail, &mut problem.instance, &mut problem.problem_type].into_iter().flatten() {
                redact(text);
            }
            problem.violations.iter_mut().for_each(redact);
        }
    }

    /// The server's violation messages (empty when it sent none).
    pub fn violations(&self) -> &[String] {
        self.problem.as_ref().map_or(&[], |problem| problem.violations.as_slice())
    }
}

/// The reason phrase of the statuses the API uses.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

fn status_hint(status: u16) -> &'static str {
    match status {
        401 => "the token is missing, invalid or expired (tokens last 30 minutes); get a new one",
        403 => "the API credential's role does not allow this request",
        404 => "check the region and the ids in the path",
        409 => "a resource with this name already exists in the project",
        429 => "too many requests; wait for `Retry-After` and try again",
        _ => "",
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", crate::rules::int(self.status))?;
        let reason = reason_phrase(self.status);
        if !reason.is_empty() {
            write!(f, " {reason}")?;
        }
        let problem = self.problem.as_ref();
        let title = problem.and_then(|p| p.title.as_deref()).filter(|t| *t != reason);
        let detail = problem.and_then(|p| p.detail.as_deref());
        for part in [title, detail].into_iter().flatten() {
            write!(f, ": {}", ServerText(part))?;
        }
        let violations = self.violations();
        if !violations.is_empty() {
            write!(f, " ({} violation{}: ", crate::rules::int(violations.len()), if violations.len() == 1 { "" } else { "s" })?;
            for (index, violation) in violations.iter().take(MAX_QUOTED_VIOLATIONS).enumerate() {
                write!(f, "{}{}", if index > 0 { "; " } else { "" }, ServerText(violation))?;
            }
            if violations.len() > MAX_QUOTED_VIOLATIONS {
                write!(f, "; and {} more", crate::rules::int(violations.len() - MAX_QUOTED_VIOLATIONS))?;
            }
            f.write_str(")")?;
        }
        let hint = status_hint(self.status);
        if !hint.is_empty() && detail.is_none() {
            write!(f, "; {hint}")?;
        }
        if let Some(after) = &self.retry_after {
            write!(f, "; retry after {}", ServerText(after.as_str()))?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// Longest piece of server text a message quotes (characters); the whole text stays in
/// [`ApiError::problem`] and [`ApiError::body`].
pub const MAX_QUOTED_SERVER_TEXT: usize = 300;
/// Most server violations a message quotes.
const MAX_QUOTED_VIOLATIONS: usize = 10;

/// Server text as a message quotes it: data, not a log line. Control characters (CR, LF, ANSI
/// escapes) and the invisible direction marks and overrides (U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069) are escaped as `\u{…}`, the text is cut at [`MAX_QUOTED_SERVER_TEXT`]
/// characters, and a run that looks like a secret is not repeated.
pub(crate) struct ServerText<'t>(pub(crate) &'t str);

impl fmt::Display for ServerText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        let mut written = 0;
        // `['c']`, not `'c'`: no memchr and its panic path in the wasm module (see `pem::find_dashed`).
        for word in self.0.split_inclusive([' ']) {
            if crate::redact::looks_secret(word.trim_end()) {
                f.write_str(crate::redact::REDACTED)?;
                written += 3;
                if word.ends_with(' ') {
                    f.write_char(' ')?;
                }
                continue;
            }
            for ch in word.chars() {
                if written >= MAX_QUOTED_SERVER_TEXT {
                    return f.write_char('…');
                }
                written += 1;
                if ch.is_control() || matches!(ch, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                    crate::rules::write_escaped(f, ch)?;
                } else {
                    f.write_char(ch)?;
                }
            }
        }
        Ok(())
    }
}

/// A success status whose body could not be read as the operation's response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// What could not be read.
    pub message: String,
    /// The body as text.
    pub body: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} response could not be read: {}", crate::rules::int(self.status), self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Why a response is not a success value.
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseError {
    /// The API answered with an error status.
    Api(ApiError),
    /// The API answered with success, but the body is not what the operation returns.
    Decode(DecodeError),
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Api(error) => error.fmt(f),
            ResponseError::Decode(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ResponseError {}

/// What [`parse_response`] can give a success body as (sealed): a typed [`ApiResponse`], a
/// `serde_json::Value`, or JSON text (`String`: written as a `Value` would write it, read
/// without building one).
pub trait Decoded: Sized + sealed::Sealed {
    /// The success body of `operation`, from bytes that are a JSON object (`{}` when empty).
    #[doc(hidden)]
    #[allow(clippy::result_large_err, reason = "errors are rare and returned once per response")]
    fn decode(operation: Operation, status: u16, body: &[u8]) -> Result<Self, ResponseError>;
    /// The ProblemDetail of an error body.
    #[doc(hidden)]
    fn problem(body: &[u8]) -> Option<ProblemDetail>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::ApiResponse {}
    impl Sealed for serde_json::Value {}
    impl Sealed for String {}
}

/// Parses a response of `operation`: a 2xx body must be a JSON object (an empty body reads as
/// `{}`; a list's `results` must be an array) and becomes `T`; any other status is an
/// [`ApiError`] with the ProblemDetail decoded when the body has one.
#[allow(clippy::result_large_err, reason = "errors are rare and returned once per response")]
pub fn parse_response<T: Decoded>(operation: Operation, response: &HttpResponse) -> Result<T, ResponseError> {
    let (status, body) = (response.status, response.body.as_slice());
    if !response.is_success() {
        let retry_after = response.header("retry-after").map(|value| RetryAfter::from_header(value, response.header("date")));
        let problem = T::problem(body);
        return Err(ResponseError::Api(ApiError { status, problem, body: lossy_text(body), retry_after }));
    }
    T::decode(operation, status, body)
}

impl Decoded for Value {
    fn decode(operation: Operation, status: u16, body: &[u8]) -> Result<Value, ResponseError> {
        let value = if body.iter().all(u8::is_ascii_whitespace) {
            Value::Object(Map::new())
        } else {
            serde_json::from_slice(body).map_err(|error| not_json(status, body, &(&error).into()))?
        };
        check_success(operation, &value).map_err(|message| decode_error(status, body, message))?;
        Ok(value)
    }

    fn problem(body: &[u8]) -> Option<ProblemDetail> {
        serde_json::from_slice::<Value>(body).ok().and_then(ProblemDetail::from_value)
    }
}

/// JSON text. An [`ApiError`]'s `problem` has no `extra` members here: [`crate::ProblemView`]
/// reads them from the body.
impl Decoded for String {
    fn decode(operation: Operation, status: u16, body: &[u8]) -> Result<String, ResponseError> {
        let tree = if body.iter().all(u8::is_ascii_whitespace) {
            JsonTree::Object(crate::JsonObject::default())
        } else {
            crate::json::parse(body).map_err(|error| not_json(status, body, &error))?
        };
        check_success(operation, &tree).map_err(|message| decode_error(status, body, message))?;
        Ok(crate::wire::json_text(&tree, &[], crate::wire::Mode::Sent))
    }

    fn problem(body: &[u8]) -> Option<ProblemDetail> {
        crate::json::parse(body).ok().and_then(|tree: JsonTree<'_>| ProblemDetail::read(&tree))
    }
}

/// Typed by operation: unknown members and enum values kept, dates with or without zone.
impl Decoded for ApiResponse {
    fn decode(operation: Operation, status: u16, body: &[u8]) -> Result<ApiResponse, ResponseError> {
        let value = Value::decode(operation, status, body)?;
        let decode = |error: serde_json::Error| {
            ResponseError::Decode(DecodeError { status, message: format!("unexpected `{operation}` response: {error}"), body: lossy_text(body) })
        };
        Ok(match operation.endpoint().response {
            ResponseKind::ProjectCreated => ApiResponse::ProjectCreated(serde_json::from_value(value).map_err(decode)?),
            ResponseKind::SecretCreated => ApiResponse::SecretCreated(serde_json::from_value(value).map_err(decode)?),
            ResponseKind::ProjectConnection => ApiResponse::ProjectConnection(serde_json::from_value(value).map_err(decode)?),
            ResponseKind::Empty => ApiResponse::Created(serde_json::from_value(value).map_err(decode)?),
            ResponseKind::Agents => ApiResponse::Agents(serde_json::from_value(value).map_err(decode)?),
            ResponseKind::Projects => ApiResponse::Projects(serde_json::from_value(value).map_err(decode)?),
            ResponseKind::Environments => ApiResponse::Environments(serde_json::from_value(value).map_err(decode)?),
            ResponseKind::ProjectConnections => ApiResponse::ProjectConnections(serde_json::from_value(value).map_err(decode)?),
        })
    }

    fn problem(body: &[u8]) -> Option<ProblemDetail> {
        Value::problem(body)
    }
}

/// A body as text, each invalid UTF-8 sequence replaced by U+FFFD: what
/// `String::from_utf8_lossy` gives (a test holds the two equal), from `str::from_utf8`'s errors,
/// so that the wasm module carries one UTF-8 decoder rather than two.
fn lossy_text(mut bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                text.push_str(valid);
                return text;
            }
            Err(error) => {
                let (valid, rest) = bytes.split_at_checked(error.valid_up_to()).unwrap_or((bytes, &[]));
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                text.push(char::REPLACEMENT_CHARACTER);
                bytes = rest.get(error.error_len().unwrap_or(rest.len())..).unwrap_or_default();
            }
        }
    }
}

fn decode_error(status: u16, body: &[u8], message: String) -> ResponseError {
    ResponseError::Decode(DecodeError { status, message, body: lossy_text(body) })
}

fn not_json(status: u16, body: &[u8], error: &crate::SyntaxError) -> ResponseError {
    decode_error(status, body, format!("the body is not JSON: {}", crate::json::text_error(body, error)))
}

/// What is wrong with a 2xx body, if anything: it must be an object, and a list's `results` an array.
fn check_success<N: Node>(operation: Operation, value: &N) -> Result<(), String> {
    if !value.is_object() {
        return Err(format!("a `{operation}` response is a JSON object; got {}", crate::rules::kind(value)));
    }
    if operation.endpoint().method == Method::Get && value.get("results").is_some_and(|results| results.as_array().is_none()) {
        return Err(format!("the `results` of a `{operation}` response must be an array"));
    }
    // What a create's answer must name for the next call to use it.
    if operation.endpoint().response == ResponseKind::ProjectCreated && value.get("projectId").and_then(Node::as_str).is_none_or(str::is_empty) {
        return Err(format!("a `{operation}` response names the new project's `projectId` (a string); this one does not"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x7574_6638),
            failure_persistence: None,
            ..ProptestConfig::with_cases(4096)
        })]
        #[test]
        fn lossy_text_is_from_utf8_lossy(bytes in proptest::collection::vec(prop_oneof![any::<u8>(), 0x80u8..0xC0, 0xE0u8..0xF8], 0..40), text in ".{0,8}") {
            prop_assert_eq!(super::lossy_text(&bytes), String::from_utf8_lossy(&bytes).into_owned());
            let mixed = [text.as_bytes(), &bytes, text.as_bytes()].concat();
            prop_assert_eq!(super::lossy_text(&mixed), String::from_utf8_lossy(&mixed).into_owned());
        }
    }
}
