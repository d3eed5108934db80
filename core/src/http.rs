//! Sans-IO HTTP: [`build_request`] turns an operation, a body and parameters into an
//! [`HttpRequest`] value; [`parse_response`] turns a status, headers and body bytes into a typed
//! [`ApiResponse`] or a [`ResponseError`]. Nothing here opens a socket: the host (reqwest,
//! `fetch`, `requests`, `httpx`) sends the request.

#[cfg(doc)]
use crate::model::problem::ProblemView;
use crate::model::{agent::Agent, connection::ProjectConnection, environment::EnvironmentSummary, page::Page, problem::ProblemDetail};
use crate::model::{connection, environment, page, project, repository, secret};
use crate::operation::{GIT_TOKEN_HEADER, Method, Operation};
use crate::redact::{REDACTED, Secret};
use crate::tree::{JsonTree, Node, Object as _};
use crate::violation::{Violation, has_errors};
use crate::write::Path;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The version of this crate, sent in the `User-Agent` header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Characters percent-encoded in a path segment (RFC 3986 `pchar` complement).
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// A Maia region; each has its own API host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// Europe: `https://eu1.api.matillion.com/dpc`.
    Eu1,
    /// United States: `https://us1.api.matillion.com/dpc`.
    Us1,
}

impl Region {
    /// Every region id.
    pub const IDS: &'static [&'static str] = &["eu1", "us1"];

    /// The base URL of the region's API.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Eu1 => "https://eu1.api.matillion.com/dpc",
            Region::Us1 => "https://us1.api.matillion.com/dpc",
        }
    }

    /// The region with this id (`eu1`, `us1`; case-insensitive).
    pub fn from_id(id: &str) -> Result<Region, OptionError> {
        match id.to_ascii_lowercase().as_str() {
            "eu1" => Ok(Region::Eu1),
            "us1" => Ok(Region::Us1),
            _ => Err(OptionError::new("region", format!("unknown region {}; use `eu1` or `us1`, or give a `baseUrl`", crate::walk::quote(id)))),
        }
    }
}

/// An option of [`build_request`] that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The option's name (`region`, `baseUrl`, `token`).
    pub option: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl OptionError {
    fn new(option: &'static str, message: String) -> OptionError {
        OptionError { option, message }
    }

    /// An option given as something other than a string; `option` is the name in the caller's
    /// language (`base_url`, `baseUrl`), `type_name` the host's name for what was given.
    pub fn wrong_type(option: &str, type_name: &str) -> OptionError {
        let option = ["region", "baseUrl", "base_url", "token"].into_iter().find(|name| *name == option).unwrap_or("option");
        OptionError::new(option, format!("`{option}` must be a string; got `{type_name}`"))
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OptionError {}

/// Where requests go, how they authenticate and how the client names itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildOptions {
    base_url: String,
    token: Option<Secret>,
    user_agent: String,
}

impl BuildOptions {
    /// Requests to a region's host.
    pub fn region(region: Region) -> BuildOptions {
        BuildOptions { base_url: region.base_url().to_owned(), token: None, user_agent: format!("maia-provision/{VERSION}") }
    }

    /// Requests to any `http` or `https` base URL (a proxy, an emulator, a non-production host).
    pub fn base_url(url: &str) -> Result<BuildOptions, OptionError> {
        let trimmed = url.trim_end_matches('/');
        let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://"));
        let host_ok = rest.is_some_and(|rest| {
            let host = rest.split('/').next().unwrap_or_default();
            !host.is_empty() && !host.contains(['@', ' '])
        });
        if !host_ok || trimmed.contains(['?', '#']) || trimmed.chars().any(char::is_control) {
            return Err(OptionError::new(
                "baseUrl",
                format!(
                    "`baseUrl` must be an `http://` or `https://` URL with a host and no query, such as `https://eu1.api.matillion.com/dpc`; got {}",
                    crate::walk::quote(url)
                ),
            ));
        }
        Ok(BuildOptions { base_url: trimmed.to_owned(), ..BuildOptions::region(Region::Eu1) })
    }

    /// Options from the loose form bindings receive: a region id or a base URL (exactly one), and a token.
    pub fn from_parts(region: Option<&str>, base_url: Option<&str>, token: Option<Secret>) -> Result<BuildOptions, OptionError> {
        let options = match (region, base_url) {
            (Some(_), Some(_)) => return Err(OptionError::new("baseUrl", "give either a region or a base URL, not both".to_owned())),
            (Some(region), None) => BuildOptions::region(Region::from_id(region)?),
            (None, Some(url)) => BuildOptions::base_url(url)?,
            (None, None) => {
                return Err(OptionError::new(
                    "region",
                    "choose where to send the request: a region (`eu1` or `us1`, the region of your Maia account) or a base URL".to_owned(),
                ));
            }
        };
        match token {
            Some(token) => options.with_token(token),
            None => Ok(options),
        }
    }

    /// Sends `Authorization: Bearer <token>`.
    pub fn with_token(mut self, token: Secret) -> Result<BuildOptions, OptionError> {
        let text = token.expose();
        let text = text.strip_prefix("Bearer ").unwrap_or(text);
        if text.is_empty() || text.chars().any(|ch| ch.is_control() || !ch.is_ascii() || ch == ' ') {
            // Never quote the token.
            return Err(OptionError::new(
                "token",
                "the token must be a non-empty access token without spaces, line breaks or non-ASCII characters".to_owned(),
            ));
        }
        self.token = Some(Secret::new(text));
        Ok(self)
    }

    /// Adds a product to the `User-Agent` header (for example `python/3.12`).
    pub fn with_user_agent_suffix(mut self, product: &str) -> BuildOptions {
        let clean: String = product.chars().filter(|ch| ch.is_ascii_graphic() || *ch == ' ').collect();
        if !clean.is_empty() {
            self.user_agent.push(' ');
            self.user_agent.push_str(&clean);
        }
        self
    }

    /// The base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base_url
    }
}

/// A header value: plain, or a secret that prints as `***`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// An ordinary value.
    Plain(String),
    /// A token or other secret.
    Secret(Secret),
}

impl HeaderValue {
    /// The value to send.
    pub fn expose(&self) -> &str {
        match self {
            HeaderValue::Plain(text) => text,
            HeaderValue::Secret(secret) => secret.expose(),
        }
    }

    /// The value to print.
    pub fn redacted(&self) -> &str {
        match self {
            HeaderValue::Plain(text) => text,
            HeaderValue::Secret(_) => REDACTED,
        }
    }
}

/// A request ready to send: method, full URL, headers and JSON body text.
/// `Debug` prints the redacted form; use [`HttpRequest::redacted`] for any other printing.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL, path parameters filled and encoded, query included.
    pub url: String,
    /// Headers in sending order.
    pub headers: Vec<(String, HeaderValue)>,
    /// The JSON body, for operations that take one.
    pub body: Option<String>,
    operation: Operation,
    /// The body with its secrets as `***`, for bodies that hold secrets (createSecretValue).
    redacted_body: Option<String>,
}

/// A request with every secret replaced by `***`: safe to print, log or show in a preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RedactedRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// Headers, secrets as `***`.
    pub headers: Vec<(String, String)>,
    /// The body, secrets as `***`.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The operation this request performs.
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// The value of a header (case-insensitive name), as sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, value)| value.expose())
    }

    /// The request with every secret replaced by `***`.
    pub fn redacted(&self) -> RedactedRequest {
        let body = self.redacted_body.clone().or_else(|| self.body.clone());
        RedactedRequest {
            method: self.method,
            url: self.url.clone(),
            headers: self.headers.iter().map(|(name, value)| (name.clone(), value.redacted().to_owned())).collect(),
            body,
        }
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = self.redacted();
        f.debug_struct("HttpRequest")
            .field("method", &redacted.method)
            .field("url", &redacted.url)
            .field("headers", &redacted.headers)
            .field("body", &redacted.body)
            .finish()
    }
}

impl fmt::Display for RedactedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            writeln!(f)?;
            f.write_str(body)?;
        }
        Ok(())
    }
}

/// Why a request was not built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The request has error-severity violations (all violations are included).
    Invalid {
        /// The operation.
        operation: Operation,
        /// Every violation, errors and warnings.
        violations: Vec<Violation>,
    },
    /// An option (region, base URL, token) cannot be used.
    Option(OptionError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Invalid { operation, violations } => write!(f, "`{operation}` request {}", crate::violation::summary(violations)),
            BuildError::Option(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<OptionError> for BuildError {
    fn from(error: OptionError) -> BuildError {
        BuildError::Option(error)
    }
}

/// Builds the request for `operation`: validates body and parameters (refusing when any error
/// exists), fills the path, adds headers and serializes the normalised body.
pub fn build_request(operation: Operation, body: &Value, params: &Value, options: &BuildOptions) -> Result<HttpRequest, BuildError> {
    build(operation, body, params, options)
}

/// [`build_request`] for a body given as JSON text (read into a [`JsonTree`], which borrows its
/// strings).
pub fn build_request_json(operation: Operation, body: &[u8], params: &Value, options: &BuildOptions) -> Result<HttpRequest, BuildError> {
    match crate::tree::parse(body) {
        Ok(tree) => build(operation, &tree, params, options),
        Err(_) => Err(BuildError::Invalid { operation, violations: crate::validate_json(operation, body, params) }),
    }
}

/// [`build_request`] for a body and parameters held as [`JsonTree`]s (what the wasm module reads
/// JSON text into). Same rules, same request.
pub fn build_request_tree(
    operation: Operation,
    body: &JsonTree<'_>,
    params: &JsonTree<'_>,
    options: &BuildOptions,
) -> Result<HttpRequest, BuildError> {
    build(operation, body, params, options)
}

fn build<B: Node, P: Node>(operation: Operation, body: &B, params: &P, options: &BuildOptions) -> Result<HttpRequest, BuildError> {
    let violations = crate::validate_node(operation, body, params);
    if has_errors(&violations) {
        return Err(BuildError::Invalid { operation, violations });
    }
    Ok(assemble(operation, body, params, options))
}

fn param<'p, P: Node>(params: &'p P, name: &str) -> Option<&'p P> {
    params.as_object().and_then(|map| map.get(name))
}

/// Builds a request whose body and parameters are known to be valid.
fn assemble<B: Node, P: Node>(operation: Operation, body: &B, params: &P, options: &BuildOptions) -> HttpRequest {
    let mut url = options.base_url.clone();
    let mut template = operation.path();
    while let Some((head, tail)) = template.find('{').and_then(|open| template.split_at_checked(open)) {
        url.push_str(head);
        let close = tail.find('}').unwrap_or(tail.len() - 1);
        let name = tail.get(1..close).unwrap_or_default();
        let value = param(params, name).and_then(Node::as_str).unwrap_or_default();
        url.extend(utf8_percent_encode(value, PATH_SEGMENT));
        template = tail.get(close + 1..).unwrap_or_default();
    }
    url.push_str(template);
    if operation.method() == Method::Get {
        let query = page::query_string(param(params, "page"), param(params, "size"));
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
    }

    let mut headers: Vec<(String, HeaderValue)> = Vec::with_capacity(5);
    headers.push(("Accept".to_owned(), HeaderValue::Plain("application/json, application/problem+json".to_owned())));
    let gitlab = body.get("provider").and_then(Node::as_str) == Some("gitlab");
    // The body as the API takes it, written straight from the caller's tree.
    let body_text = operation.has_body().then(|| {
        let rewrite = |path: &Path<'_>, node: &B| match operation {
            Operation::CreateProjectConnection => connection::rewrite(path, node),
            Operation::CreateEnvironment => environment::rewrite(path, node),
            Operation::CreateRepository => repository::rewrite(gitlab, path, node),
            _ => None,
        };
        crate::write::json_text(body, &rewrite)
    });
    let redacted_body = (operation == Operation::CreateSecretValue)
        .then(|| crate::write::json_text(body, &|path: &Path<'_>, node: &B| secret::redaction(path, node)));
    if body_text.is_some() {
        headers.push(("Content-Type".to_owned(), HeaderValue::Plain("application/json".to_owned())));
    }
    headers.push(("User-Agent".to_owned(), HeaderValue::Plain(options.user_agent.clone())));
    if let Some(token) = &options.token {
        headers.push(("Authorization".to_owned(), HeaderValue::Secret(Secret::new(format!("Bearer {}", token.expose())))));
    }
    let sends_token = match operation {
        Operation::RotateRepositoryToken => true,
        Operation::CreateRepository => gitlab,
        _ => false,
    };
    if sends_token {
        if let Some(token) = crate::header_param(params, GIT_TOKEN_HEADER).and_then(Node::as_str) {
            headers.push((GIT_TOKEN_HEADER.to_owned(), HeaderValue::Secret(Secret::new(token))));
        }
    }
    HttpRequest { method: operation.method(), url, headers, body: body_text, operation, redacted_body }
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
    pub retry_after: Option<String>,
}

impl ApiError {
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
        write!(f, "HTTP {}", self.status)?;
        let reason = reason_phrase(self.status);
        if !reason.is_empty() {
            write!(f, " {reason}")?;
        }
        let problem = self.problem.as_ref();
        let title = problem.and_then(|p| p.title.as_deref()).filter(|t| *t != reason);
        let detail = problem.and_then(|p| p.detail.as_deref());
        for part in [title, detail].into_iter().flatten() {
            write!(f, ": {part}")?;
        }
        let violations = self.violations();
        if !violations.is_empty() {
            write!(f, " ({} violation{}: {})", violations.len(), if violations.len() == 1 { "" } else { "s" }, violations.join("; "))?;
        }
        let hint = status_hint(self.status);
        if !hint.is_empty() && detail.is_none() {
            write!(f, "; {hint}")?;
        }
        if let Some(after) = &self.retry_after {
            write!(f, "; retry after {after}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

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
        write!(f, "HTTP {} response could not be read: {}", self.status, self.message)
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

/// Parses a response of `operation` into plain JSON: a 2xx body must be a JSON object (an empty
/// body reads as `{}`; a list's `results` must be an array); anything else is an [`ApiError`] with
/// the ProblemDetail decoded when present. This is what bindings hand to their hosts; Rust callers
/// who want typed values use [`parse_response`].
#[allow(clippy::result_large_err, reason = "errors are rare and returned once per response")]
pub fn parse_response_value(operation: Operation, status: u16, headers: &[(String, String)], body: &[u8]) -> Result<Value, ResponseError> {
    if !(200..300).contains(&status) {
        let problem = serde_json::from_slice::<Value>(body).ok().and_then(ProblemDetail::from_value);
        return Err(api_error(status, headers, body, problem));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    let value: Value = serde_json::from_slice(body).map_err(|error| not_json(status, body, &error))?;
    check_success(operation, &value).map_err(|message| decode_error(status, body, message))?;
    Ok(value)
}

/// [`parse_response_value`] as JSON text: the success body written as a `serde_json::Value` would
/// write it (keys sorted, each once), read without building one. What the wasm module hands to
/// JavaScript. An [`ApiError`]'s `problem` has no `extra` members here: [`ProblemView`] reads them
/// from the body.
#[allow(clippy::result_large_err, reason = "errors are rare and returned once per response")]
pub fn parse_response_text(operation: Operation, status: u16, headers: &[(String, String)], body: &[u8]) -> Result<String, ResponseError> {
    if !(200..300).contains(&status) {
        let problem = crate::tree::parse(body).ok().and_then(|tree| ProblemDetail::read(&tree));
        return Err(api_error(status, headers, body, problem));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok("{}".to_owned());
    }
    let tree = crate::tree::parse(body).map_err(|error| not_json(status, body, &error))?;
    check_success(operation, &tree).map_err(|message| decode_error(status, body, message))?;
    Ok(crate::write::json_text(&tree, &|_, _| None))
}

fn api_error(status: u16, headers: &[(String, String)], body: &[u8], problem: Option<ProblemDetail>) -> ResponseError {
    let retry_after = headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("retry-after")).map(|(_, value)| value.trim().to_owned());
    ResponseError::Api(ApiError { status, problem, body: String::from_utf8_lossy(body).into_owned(), retry_after })
}

fn decode_error(status: u16, body: &[u8], message: String) -> ResponseError {
    ResponseError::Decode(DecodeError { status, message, body: String::from_utf8_lossy(body).into_owned() })
}

fn not_json(status: u16, body: &[u8], error: &serde_json::Error) -> ResponseError {
    decode_error(status, body, format!("the body is not JSON: {}", crate::input::json_syntax_error(error)))
}

/// What is wrong with a 2xx body, if anything: it must be an object, and a list's `results` an array.
fn check_success<N: Node>(operation: Operation, value: &N) -> Result<(), String> {
    if !value.is_object() {
        return Err(format!("a `{operation}` response is a JSON object; got {}", crate::walk::kind(value)));
    }
    if operation.method() == Method::Get && value.get("results").is_some_and(|results| results.as_array().is_none()) {
        return Err(format!("the `results` of a `{operation}` response must be an array"));
    }
    Ok(())
}

/// Parses a response of `operation`: 2xx bodies into a typed [`ApiResponse`] (unknown members and
/// enum values kept, dates with or without zone), anything else into an [`ApiError`].
#[allow(clippy::result_large_err, reason = "errors are rare and returned once per response")]
pub fn parse_response(operation: Operation, status: u16, headers: &[(String, String)], body: &[u8]) -> Result<ApiResponse, ResponseError> {
    let value = parse_response_value(operation, status, headers, body)?;
    let decode = |error: serde_json::Error| {
        ResponseError::Decode(DecodeError {
            status,
            message: format!("unexpected `{operation}` response: {error}"),
            body: String::from_utf8_lossy(body).into_owned(),
        })
    };
    Ok(match operation {
        Operation::CreateProject => ApiResponse::ProjectCreated(serde_json::from_value(value).map_err(decode)?),
        Operation::CreateSecretValue => ApiResponse::SecretCreated(serde_json::from_value(value).map_err(decode)?),
        Operation::CreateProjectConnection => ApiResponse::ProjectConnection(serde_json::from_value(value).map_err(decode)?),
        Operation::CreateDataPlatformConnection | Operation::CreateEnvironment | Operation::CreateRepository | Operation::RotateRepositoryToken => {
            ApiResponse::Created(serde_json::from_value(value).map_err(decode)?)
        }
        Operation::ListAgents => ApiResponse::Agents(serde_json::from_value(value).map_err(decode)?),
        Operation::ListProjects => ApiResponse::Projects(serde_json::from_value(value).map_err(decode)?),
        Operation::ListEnvironments => ApiResponse::Environments(serde_json::from_value(value).map_err(decode)?),
        Operation::ListProjectConnections => ApiResponse::ProjectConnections(serde_json::from_value(value).map_err(decode)?),
    })
}
