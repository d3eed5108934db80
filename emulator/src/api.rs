//! The API side: every request that is not the control plane's goes through [`handle`]: journal
//! number, fault decision, then the token endpoint or an operation (route, auth, rate limit, the
//! core's validation, state), then what a fault does after processing.

use crate::config::EmulatorConfig;
use crate::faults::{FaultAction, Faults, Fired, TOKEN_OPERATION};
use crate::journal::JournalEntry;
use crate::server::ConnectionControl;
use crate::state::{AccountState, Failure, IdSource, ListQuery, Outcome, Request as StateRequest};
use crate::{TOKEN_PATH, lock};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{ALLOW, AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use maia_provision::{Operation, ProblemDetail, Route, RouteError, Secret, Violation, route, validate};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// The largest body read; larger ones answer 413.
const MAX_BODY: usize = 1 << 20;
/// The audience the token endpoint requires.
pub(crate) const AUDIENCE: &str = "https://api.matillion.com";

/// Everything the handlers share.
pub(crate) struct Shared {
    pub config: EmulatorConfig,
    pub accounts: Vec<Account>,
    tokens: Mutex<BTreeMap<u64, Vec<IssuedToken>>>,
    token_rng: Mutex<ChaCha8Rng>,
    pub faults: Faults,
    /// The latest entries, and how many older ones were dropped.
    journal: Mutex<(std::collections::VecDeque<JournalEntry>, u64)>,
    seq: AtomicU64,
}

/// One account: credentials, state and rate-limit bucket.
pub(crate) struct Account {
    pub name: String,
    pub id: String,
    client_id: String,
    client_secret: Secret,
    user_id: String,
    pub ids: IdSource,
    pub state: Mutex<AccountState>,
    bucket: Mutex<Bucket>,
}

struct IssuedToken {
    token: Secret,
    account: usize,
    expires: Instant,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Shared {
    pub(crate) fn new(config: EmulatorConfig) -> Shared {
        let accounts = config
            .accounts
            .iter()
            .enumerate()
            .map(|(index, account)| {
                let ids = IdSource::new(config.seed, index);
                Account {
                    name: account.name.clone(),
                    id: account.id.clone().unwrap_or_else(|| ids.account_id(2)),
                    client_id: account.client_id.clone(),
                    client_secret: account.client_secret.clone(),
                    user_id: ids.account_id(3),
                    ids,
                    state: Mutex::new(AccountState::new(ids)),
                    bucket: Mutex::new(Bucket { tokens: f64::from(config.rate_limit.unwrap_or(0)), last: Instant::now() }),
                }
            })
            .collect();
        // Tokens are not derived from the seed: std's per-process random hasher keys seed them.
        let entropy = std::collections::hash_map::RandomState::new().build_hasher().finish();
        Shared {
            faults: Faults::new(config.seed, &config.faults),
            accounts,
            tokens: Mutex::new(BTreeMap::new()),
            token_rng: Mutex::new(ChaCha8Rng::seed_from_u64(entropy)),
            journal: Mutex::new((std::collections::VecDeque::new(), 0)),
            seq: AtomicU64::new(0),
            config,
        }
    }

    /// The default (first) account's client id and secret.
    pub(crate) fn default_credentials(&self) -> (String, Secret) {
        self.accounts.first().map(|account| (account.client_id.clone(), account.client_secret.clone())).unwrap_or_default()
    }

    /// Back to the start: seeded state, empty journal, the configured faults, full buckets.
    /// Issued tokens stay valid.
    pub(crate) fn reset(&self) {
        for account in &self.accounts {
            *lock(&account.state) = AccountState::new(account.ids);
            *lock(&account.bucket) = Bucket { tokens: f64::from(self.config.rate_limit.unwrap_or(0)), last: Instant::now() };
        }
        *lock(&self.journal) = (std::collections::VecDeque::new(), 0);
        self.faults.reset(&self.config.faults);
    }

    /// The journal, in arrival order, and how many older entries were dropped past
    /// [`EmulatorConfig::journal_limit`](crate::EmulatorConfig::journal_limit).
    pub(crate) fn journal(&self) -> (Vec<JournalEntry>, u64) {
        let (entries, dropped) = &*lock(&self.journal);
        let mut entries: Vec<JournalEntry> = entries.iter().cloned().collect();
        entries.sort_by_key(|entry| entry.seq);
        (entries, *dropped)
    }

    fn record(&self, entry: JournalEntry) {
        if self.config.log_requests {
            eprintln!("{}", entry.log_line());
        }
        let (entries, dropped) = &mut *lock(&self.journal);
        entries.push_back(entry);
        while entries.len() > self.config.journal_limit {
            entries.pop_front();
            *dropped += 1;
        }
    }

    fn issue_token(&self, account: usize) -> Secret {
        let mut bytes = [0u8; 24];
        lock(&self.token_rng).fill_bytes(&mut bytes);
        let token = Secret::new(format!("emu.{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()));
        let now = Instant::now();
        let expires = now + Duration::from_secs(self.config.token_ttl);
        let mut tokens = lock(&self.tokens);
        // Forget tokens that expired more than a minute ago (they answer "not issued" from then on).
        for entries in tokens.values_mut() {
            entries.retain(|entry| entry.expires + Duration::from_secs(60) > now);
        }
        tokens.retain(|_, entries| !entries.is_empty());
        tokens.entry(token_hash(token.expose())).or_default().push(IssuedToken { token: token.clone(), account, expires });
        token
    }

    /// The account a bearer token belongs to, or why it does not authenticate.
    fn authenticate(&self, headers: &HeaderMap) -> Result<usize, String> {
        let Some(value) = headers.get(AUTHORIZATION) else {
            return Err("the request needs an `Authorization: Bearer <token>` header".to_owned());
        };
        let value = value.to_str().unwrap_or_default();
        let token = match value.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => token.trim(),
            _ => return Err("the `Authorization` header must be `Bearer <token>`".to_owned()),
        };
        let tokens = lock(&self.tokens);
        let issued = tokens.get(&token_hash(token)).and_then(|entries| entries.iter().find(|entry| entry.token.expose() == token));
        let Some(issued) = issued else {
            return Err("the bearer token was not issued by this emulator".to_owned());
        };
        if Instant::now() >= issued.expires {
            return Err("the bearer token has expired; get a new one from the token endpoint".to_owned());
        }
        let account = issued.account;
        if let Some(named) = headers.get("account-id").map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            && self.accounts.get(account).is_some_and(|account| account.id != named)
        {
            return Err(format!("the bearer token is not one of account `{named}`"));
        }
        Ok(account)
    }

    /// Takes one request from the account's bucket; `Err(seconds)` to wait when it is empty.
    fn take_rate(&self, account: &Account) -> Result<(), u64> {
        let Some(limit) = self.config.rate_limit else { return Ok(()) };
        let limit = f64::from(limit);
        let per_second = limit / 60.0;
        let mut bucket = lock(&account.bucket);
        let now = Instant::now();
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.last).as_secs_f64() * per_second).min(limit);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Ok(());
        }
        let wait = ((1.0 - bucket.tokens) / per_second).ceil();
        Err((wait as u64).max(1))
    }
}

fn token_hash(token: &str) -> u64 {
    // Not for secrecy: the map's key. The token is compared in full afterwards.
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(token.as_bytes());
    hasher.finish()
}

/// The time as `createdDate` shows it: `2024-01-15T10:30:00.123Z`.
pub(crate) fn now_text() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// A JSON answer.
pub(crate) fn json_response(status: u16, content_type: &'static str, body: &impl serde::Serialize) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// An `application/json` answer from its text.
fn text_response(status: u16, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// An `application/problem+json` answer.
pub(crate) fn problem(status: u16, detail: String, instance: &str, violations: Vec<String>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let slug = match status {
        400 => "validation",
        401 => "unauthorized",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        413 => "too-large",
        429 => "rate-limited",
        _ => "error",
    };
    let body = ProblemDetail {
        problem_type: Some(format!("https://maia-provision.invalid/problems/{slug}")),
        title: Some(code.canonical_reason().unwrap_or("Error").to_owned()),
        status: Some(status),
        detail: Some(detail),
        instance: Some(instance.to_owned()),
        violations,
        extra: serde_json::Map::new(),
    };
    json_response(status, "application/problem+json", &body)
}

fn with_header(mut response: Response, name: HeaderName, value: String) -> Response {
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(name, value);
    }
    response
}

/// How a violation reads in a 400's `violations`: `/authType: <message>` for the body, with the
/// location first for the others (`path /projectId: …`, `header /Git-Provider-Access-Token: …`).
/// Closes the connection the request came on, without answering (the future never finishes).
async fn drop_connection(control: Option<ConnectionControl>, path: &str) -> Response {
    match control {
        Some(control) => {
            control.drop_connection();
            std::future::pending::<Response>().await
        }
        None => problem(500, "this connection cannot be dropped".to_owned(), path, Vec::new()),
    }
}

/// Every request that is not the control plane's.
pub(crate) async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let seq = shared.seq.fetch_add(1, Ordering::Relaxed) + 1;
    let control = request.extensions().get::<ConnectionControl>().cloned();
    let (parts, body) = request.into_parts();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let is_token = path == TOKEN_PATH;
    let routed = if is_token { Err(RouteError::NotFound) } else { route(&method, &path) };
    let operation = if is_token { Some(TOKEN_OPERATION) } else { routed.as_ref().ok().map(|found| found.operation.id()) };
    let mut entry = JournalEntry {
        seq,
        method: method.clone(),
        path: path.clone(),
        operation: operation.map(str::to_owned),
        account: None,
        status: None,
        changed: false,
        key: None,
        fault: None,
    };
    let bytes = axum::body::to_bytes(body, MAX_BODY).await;
    let fired = shared.faults.decide(&method, &path, operation);
    entry.fault = fired.as_ref().map(Fired::label);
    if fired.is_some() {
        // A request answered or dropped before processing still says what it would have created.
        let found = routed.as_ref().ok().map(|found| found.operation);
        let parsed = bytes.as_ref().ok().and_then(|bytes| serde_json::from_slice::<Value>(bytes).ok());
        entry.key = found.zip(parsed.as_ref()).and_then(|(operation, body)| operation.key_name(body)).map(str::to_owned);
    }
    match fired.as_ref().map(|fired| &fired.action) {
        Some(FaultAction::Delay { ms }) => tokio::time::sleep(Duration::from_millis(*ms)).await,
        Some(FaultAction::Status { status, retry_after }) => {
            let response = fault_response(*status, *retry_after, &path, false);
            entry.status = Some(*status);
            shared.record(entry);
            return response;
        }
        Some(FaultAction::DropBefore) => {
            shared.record(entry);
            return drop_connection(control, &path).await;
        }
        _ => {}
    }
    let response = if let Err(error) = &bytes {
        problem(413, format!("the body could not be read (at most {MAX_BODY} bytes): {error}"), &path, Vec::new())
    } else if is_token {
        token_endpoint(&shared, &mut entry, &method, &parts.headers, bytes.as_deref().unwrap_or_default())
    } else {
        operation_endpoint(&shared, &mut entry, routed, &parts.headers, parts.uri.query(), bytes.as_deref().unwrap_or_default())
    };
    match fired.map(|fired| fired.action) {
        Some(FaultAction::StatusAfter { status, retry_after }) => {
            entry.status = Some(status);
            shared.record(entry);
            fault_response(status, retry_after, &path, true)
        }
        Some(FaultAction::DropAfter) => {
            shared.record(entry);
            drop_connection(control, &path).await
        }
        _ => {
            entry.status = Some(response.status().as_u16());
            shared.record(entry);
            response
        }
    }
}

fn fault_response(status: u16, retry_after: Option<u64>, path: &str, processed: bool) -> Response {
    let detail = if processed {
        "an injected fault answered this status after the request was processed".to_owned()
    } else {
        "an injected fault answered this status; the request was not processed".to_owned()
    };
    let response = problem(status, detail, path, Vec::new());
    match retry_after {
        Some(seconds) => with_header(response, RETRY_AFTER, seconds.to_string()),
        None => response,
    }
}

/// `POST /oauth/dpc/token`: OAuth 2.0 client credentials, form-encoded; RFC 6749 errors.
fn token_endpoint(shared: &Shared, entry: &mut JournalEntry, method: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let oauth_error = |status: u16, error: &str, description: String| {
        let response = json_response(status, "application/json", &json!({"error": error, "error_description": description}));
        with_header(response, CACHE_CONTROL, "no-store".to_owned())
    };
    if method != "POST" {
        return with_header(problem(405, format!("`{TOKEN_PATH}` takes POST"), TOKEN_PATH, Vec::new()), ALLOW, "POST".to_owned());
    }
    let form_type = headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    if !form_type.starts_with("application/x-www-form-urlencoded") {
        return oauth_error(400, "invalid_request", "the body must be `application/x-www-form-urlencoded`".to_owned());
    }
    let mut form: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in form_urlencoded::parse(body) {
        form.insert(name.into_owned(), value.into_owned());
    }
    let field = |name: &str| form.get(name).map(String::as_str).filter(|value| !value.is_empty());
    let Some(grant_type) = field("grant_type") else {
        return oauth_error(400, "invalid_request", "the `grant_type` parameter is required".to_owned());
    };
    if grant_type != "client_credentials" {
        return oauth_error(400, "unsupported_grant_type", format!("only `client_credentials` is supported; got `{grant_type}`"));
    }
    let (Some(client_id), Some(client_secret)) = (field("client_id"), field("client_secret")) else {
        return oauth_error(400, "invalid_request", "the `client_id` and `client_secret` parameters are required".to_owned());
    };
    let Some(index) = shared.accounts.iter().position(|account| account.client_id == client_id) else {
        return oauth_error(401, "invalid_client", "the client id or secret is wrong".to_owned());
    };
    let account = shared.accounts.get(index);
    entry.account = account.map(|account| account.name.clone());
    if account.is_none_or(|account| account.client_secret.expose() != client_secret) {
        return oauth_error(401, "invalid_client", "the client id or secret is wrong".to_owned());
    }
    match field("audience") {
        None => return oauth_error(400, "invalid_request", format!("the `audience` parameter is required: `{AUDIENCE}`")),
        Some(audience) if audience != AUDIENCE => {
            return oauth_error(400, "invalid_request", format!("the `audience` must be `{AUDIENCE}`; got `{audience}`"));
        }
        Some(_) => {}
    }
    let token = shared.issue_token(index);
    let body = json!({"access_token": token.expose(), "token_type": "Bearer", "expires_in": shared.config.token_ttl, "scope": "pipeline-execution"});
    with_header(json_response(200, "application/json", &body), CACHE_CONTROL, "no-store".to_owned())
}

fn operation_endpoint(
    shared: &Shared,
    entry: &mut JournalEntry,
    routed: Result<Route, RouteError>,
    headers: &HeaderMap,
    query: Option<&str>,
    bytes: &[u8],
) -> Response {
    let path = entry.path.clone();
    let found = match routed {
        Ok(found) => found,
        Err(RouteError::NotFound) => return problem(404, format!("no operation has the path `{path}`"), &path, Vec::new()),
        Err(RouteError::MethodNotAllowed { allowed }) => {
            let allow: Vec<&str> = allowed.iter().map(|method| method.as_str()).collect();
            let detail = format!("`{path}` takes {}; got `{}`", allow.join(" or "), entry.method);
            return with_header(problem(405, detail, &path, Vec::new()), ALLOW, allow.join(", "));
        }
    };
    let operation = found.operation;
    let index = match shared.authenticate(headers) {
        Ok(index) => index,
        Err(detail) => return with_header(problem(401, detail, &path, Vec::new()), WWW_AUTHENTICATE, "Bearer".to_owned()),
    };
    let Some(account) = shared.accounts.get(index) else {
        return problem(500, "the token names no account".to_owned(), &path, Vec::new());
    };
    entry.account = Some(account.name.clone());
    if let Err(seconds) = shared.take_rate(account) {
        let detail = format!("account `{}` sent more than {} requests in a minute", account.name, shared.config.rate_limit.unwrap_or(0));
        return with_header(problem(429, detail, &path, Vec::new()), RETRY_AFTER, seconds.to_string());
    }

    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let last = |name: &str| pairs.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
    let mut params = found.params();
    if let Some(map) = params.as_object_mut() {
        for name in operation.query_params() {
            if let Some(value) = last(name) {
                map.insert((*name).to_owned(), json!(value));
            }
        }
        for header in operation.headers() {
            if let Some(value) = headers.get(header.name) {
                map.insert(header.name.to_owned(), json!(String::from_utf8_lossy(value.as_bytes())));
            }
        }
    }
    let trimmed = bytes.trim_ascii();
    let body = if trimmed.is_empty() { Ok(Value::Null) } else { serde_json::from_slice::<Value>(trimmed) };
    let (body, violations) = match body {
        Ok(body) => {
            let violations = validate(operation, &body, &params).into_violations();
            (body, violations)
        }
        Err(_) => (Value::Null, validate(operation, trimmed, &params).into_violations()),
    };
    entry.key = operation.key_name(&body).map(str::to_owned);
    let errors: Vec<String> = violations.iter().filter(|violation| violation.is_error()).map(Violation::server_text).collect();
    if !errors.is_empty() {
        let noun = if errors.len() == 1 { "violation" } else { "violations" };
        let detail = format!("the `{operation}` request has {} {noun}", errors.len());
        return problem(400, detail, &path, errors);
    }

    let list_query = list_query(operation, &pairs);
    let git_token = headers.get(maia_provision::operation::GIT_TOKEN_HEADER).map(|value| Secret::new(String::from_utf8_lossy(value.as_bytes())));
    let now = now_text();
    let request = StateRequest { route: &found, body, query: &list_query, git_token, user_id: &account.user_id, now: &now };
    let result = lock(&account.state).apply(operation, request);
    match result {
        Ok(Outcome { status, body, changed }) => {
            entry.changed = changed;
            text_response(status, body)
        }
        Err(Failure { status, detail, violations }) => problem(status, detail, &path, violations),
    }
}

/// Paging (already checked by the core) and the connection list's filters, comma-separated
/// and/or repeated.
fn list_query(operation: Operation, pairs: &[(String, String)]) -> ListQuery {
    let last = |name: &str| pairs.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
    let set = |name: &str| -> Option<BTreeSet<String>> {
        let values: BTreeSet<String> = pairs
            .iter()
            .filter(|(key, _)| key == name)
            .flat_map(|(_, value)| value.split(','))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .collect();
        (!values.is_empty()).then_some(values)
    };
    let mut query = ListQuery {
        page: last("page").and_then(|page| page.parse().ok()).unwrap_or(0),
        size: last("size").and_then(|size| size.parse().ok()).unwrap_or(25),
        ..ListQuery::default()
    };
    if operation == Operation::ListProjectConnections {
        query.connection_names = set("connectionNames");
        query.auth_providers = set("authProvider");
        query.platform_connection_type = last("platformConnectionType").map(str::to_owned);
    }
    query
}
