//! The native client (feature `client`, DESIGN §5.2): one async method per operation over the
//! core's own pieces. Each call validates first ([`crate::validate`], nothing sent when it
//! fails), builds once ([`crate::Checked::into_request`]), signs with the client's token
//! ([`HttpRequest::authorize`], again after a refresh), waits for the shared rate limiter, sends
//! through a [`Transport`], decides what next by [`RetryPolicy::classify`] (the one retry rule)
//! and parses with [`parse_response`]. A create whose answer was lost is never sent again
//! blindly: it is looked up by its natural key first ([`crate::NaturalKey`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use maia_provision::client::{Client, ClientOptions};
//! use serde_json::json;
//! let client = Client::new(ClientOptions { region: Some("eu1".into()), ..ClientOptions::default() }.with_env())?;
//! let project = client.create_project(&json!({"name": "p", "warehouse": "SNOWFLAKE", "agentDeploymentType": "FULL_SAAS"})).await?;
//! let environments = client.list_environments(project["projectId"].as_str().unwrap_or_default()).await?;
//! # Ok(()) }
//! ```

mod auth;
mod error;
mod limit;
mod log;
mod options;
mod pages;
mod transport;

pub use error::ClientError;
pub use log::{AttemptLog, AttemptLogger};
pub use options::{AUDIENCE, ClientOptions, DEFAULT_MAX_RETRIES, DEFAULT_RATE_LIMIT, DEFAULT_TIMEOUT, DEFAULT_TOKEN_URL, MAX_RETRIES_LIMIT};
pub use pages::Pages;
pub use transport::{ReqwestTransport, SendFuture, Transport, TransportError};

use crate::http::{Attempt, BuildOptions, HttpRequest, HttpResponse, OptionError, Outcome, ResponseError, RetryPolicy, parse_response};
use crate::operation::{GIT_TOKEN_HEADER, NaturalKey, Operation};
use crate::redact::Secret;
use auth::Auth;
use limit::{RateLimiter, RetryBudget};
use serde_json::{Map, Value, json};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Retries the whole client may make before successes earn more (DESIGN §5.2: one budget per client).
const RETRY_BUDGET: u32 = 10;
/// How much longer than `timeout` the client waits for a transport that does not time out by itself.
const TIMEOUT_BACKSTOP: Duration = Duration::from_secs(1);

/// A client of the Maia provisioning API. Cheap to clone: clones share the token, the rate
/// limiter and the retry budget.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// What every clone shares.
pub(crate) struct Inner {
    build: BuildOptions,
    auth: Auth,
    transport: Arc<dyn Transport>,
    timeout: Duration,
    policy: RetryPolicy,
    limiter: RateLimiter,
    budget: RetryBudget,
    logger: Option<AttemptLogger>,
}

/// A random draw in `[0, 1]` for full jitter.
pub(crate) fn jitter() -> f64 {
    fastrand::f64()
}

impl Inner {
    /// One attempt through the transport, within the timeout.
    pub(crate) async fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        match tokio::time::timeout(self.timeout + TIMEOUT_BACKSTOP, self.transport.send(request, self.timeout)).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::timed_out(self.timeout)),
        }
    }

    pub(crate) fn log(&self, record: AttemptLog) {
        if let Some(logger) = &self.logger {
            logger(&record);
        }
    }
}

/// Where a call stands, across its attempts.
#[derive(Debug, Default)]
struct Progress {
    /// Requests of the operation sent for this call.
    attempts: u32,
    /// Token requests this call made (when it was the one to fetch).
    token_attempts: u32,
    /// Retries made (the first attempt and the replay after a new token are not retries).
    retries: u32,
    /// Whether a 401 was answered with a new token already.
    reauthenticated: bool,
}

/// How the attempts of one request ended, short of an error.
enum Sent {
    /// A 2xx.
    Done(HttpResponse),
    /// A create whose outcome is unknown; `last` is what to report if it cannot be resolved.
    Unknown { last: ClientError },
}

impl Client {
    /// A client from checked options, over reqwest (rustls).
    pub fn new(options: ClientOptions) -> Result<Client, OptionError> {
        let timeout = options.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let transport = ReqwestTransport::new(timeout).map_err(|error| OptionError::new("timeout", error.message))?;
        Client::with_transport(options, Arc::new(transport))
    }

    /// A client over any transport (a proxy, a recorder, a closure in a test).
    pub fn with_transport(options: ClientOptions, transport: Arc<dyn Transport>) -> Result<Client, OptionError> {
        let resolved = options.resolve()?;
        let policy = RetryPolicy { max_retries: resolved.max_retries, ..RetryPolicy::default() };
        let inner = Inner {
            build: resolved.build,
            auth: Auth::new(resolved.credentials),
            transport,
            timeout: resolved.timeout,
            policy,
            limiter: RateLimiter::new(resolved.rate_limit),
            budget: RetryBudget::new(RETRY_BUDGET),
            logger: options.on_attempt,
        };
        Ok(Client { inner: Arc::new(inner) })
    }

    /// The API base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.build.base()
    }

    /// `POST /v1/projects`: `{projectId}`.
    pub async fn create_project(&self, body: &Value) -> Result<Value, ClientError> {
        self.call(Operation::CreateProject, body, &Value::Null).await
    }

    /// `POST /v1/projects/{projectId}/data-platform-connections`: the default warehouse connection.
    pub async fn create_data_platform_connection(&self, project_id: &str, body: &Value) -> Result<Value, ClientError> {
        self.call(Operation::CreateDataPlatformConnection, body, &json!({"projectId": project_id})).await
    }

    /// `POST /v1/secrets/{agentId}/secret-value`: `{vaultSecretName, resolver_ref}`.
    pub async fn create_secret_value(&self, agent_id: &str, body: &Value) -> Result<Value, ClientError> {
        self.call(Operation::CreateSecretValue, body, &json!({"agentId": agent_id})).await
    }

    /// `POST /v1/projects/{projectId}/connections`: the connection created.
    pub async fn create_project_connection(&self, project_id: &str, body: &Value) -> Result<Value, ClientError> {
        self.call(Operation::CreateProjectConnection, body, &json!({"projectId": project_id})).await
    }

    /// `POST /v1/projects/{projectId}/environments`.
    pub async fn create_environment(&self, project_id: &str, body: &Value) -> Result<Value, ClientError> {
        self.call(Operation::CreateEnvironment, body, &json!({"projectId": project_id})).await
    }

    /// `POST /v1/projects/{projectId}/repositories`, with the GitLab personal access token when
    /// the provider is GitLab.
    pub async fn create_repository(&self, project_id: &str, body: &Value, git_provider_access_token: Option<Secret>) -> Result<Value, ClientError> {
        let mut params = Map::new();
        params.insert("projectId".to_owned(), json!(project_id));
        if let Some(token) = git_provider_access_token {
            params.insert(GIT_TOKEN_HEADER.to_owned(), json!(token.expose()));
        }
        self.call(Operation::CreateRepository, body, &Value::Object(params)).await
    }

    /// `POST /v1/projects/{projectId}/repositories/token`: a new GitLab personal access token.
    pub async fn rotate_repository_token(&self, project_id: &str, token: Secret) -> Result<Value, ClientError> {
        let params = json!({"projectId": project_id, GIT_TOKEN_HEADER: token.expose()});
        self.call(Operation::RotateRepositoryToken, &Value::Null, &params).await
    }

    /// Every agent (`GET /v1/agents`, every page).
    pub async fn list_agents(&self) -> Result<Vec<Value>, ClientError> {
        self.list_all(Operation::ListAgents, &Value::Null).await
    }

    /// Every project (`GET /v1/projects`, every page).
    pub async fn list_projects(&self) -> Result<Vec<Value>, ClientError> {
        self.list_all(Operation::ListProjects, &Value::Null).await
    }

    /// Every environment of a project (every page).
    pub async fn list_environments(&self, project_id: &str) -> Result<Vec<Value>, ClientError> {
        self.list_all(Operation::ListEnvironments, &json!({"projectId": project_id})).await
    }

    /// Every connection of a project (every page), only those named when `connection_names` is given.
    pub async fn list_project_connections(&self, project_id: &str, connection_names: Option<&[&str]>) -> Result<Vec<Value>, ClientError> {
        let params = match connection_names {
            Some(names) => json!({"projectId": project_id, "connectionNames": names}),
            None => json!({"projectId": project_id}),
        };
        self.list_all(Operation::ListProjectConnections, &params).await
    }

    /// Every item of a list operation, page after page (`params`: its path parameters, and
    /// `size` up to 100 when not the default 100).
    pub async fn list_all(&self, operation: Operation, params: &Value) -> Result<Vec<Value>, ClientError> {
        self.pages(operation, params).collect().await
    }

    /// The pages of a list operation, one request each, for callers that stream.
    pub fn pages(&self, operation: Operation, params: &Value) -> Pages {
        Pages::new(self.clone(), operation, params)
    }

    /// Any operation by id: `params` holds its path, query and header parameters by name
    /// (`{"projectId": "…", "Git-Provider-Access-Token": "…"}`, and `connectionNames`, a list
    /// of names, for `listProjectConnections`); a list returns the page asked for.
    pub async fn call(&self, operation: Operation, body: &Value, params: &Value) -> Result<Value, ClientError> {
        let request = self.prepare(operation, body, params)?;
        self.run(operation, request, body, params).await
    }

    /// Validates and builds the request (nothing is sent when it is invalid).
    fn prepare(&self, operation: Operation, body: &Value, params: &Value) -> Result<HttpRequest, ClientError> {
        crate::validate(operation, body, params).into_request(&self.inner.build).map_err(|error| ClientError::Validation { operation, error })
    }

    /// Sends a built request to its end: retries, a new token after a 401, and for a create
    /// whose outcome is unknown, a look-up by its natural key before anything is sent again.
    async fn run(&self, operation: Operation, mut request: HttpRequest, body: &Value, params: &Value) -> Result<Value, ClientError> {
        let result = self.run_request(operation, &mut request, body, params).await;
        // The secrets as last sent (the bearer token is applied per attempt).
        result.map_err(|error| error.redacting(&request.secret_values()))
    }

    async fn run_request(&self, operation: Operation, request: &mut HttpRequest, body: &Value, params: &Value) -> Result<Value, ClientError> {
        let mut progress = Progress::default();
        loop {
            let last = match self.attempts(operation, request, &mut progress).await? {
                Sent::Done(response) => return decode(operation, &response, progress.attempts),
                Sent::Unknown { last } => last,
            };
            let key = operation.key_name(body).map(str::to_owned);
            let unknown = |attempts: u32, reason: String| ClientError::OutcomeUnknown { operation, key: key.clone(), attempts, reason };
            match self.find_created(operation, body, params).await {
                Ok(Some(item)) => return Ok(as_created(operation, item)),
                Ok(None) => {
                    // Not there: the create did not happen, so sending it again is safe (a retry).
                    if progress.retries >= self.inner.policy.max_retries || !self.inner.budget.take() {
                        return Err(last);
                    }
                    let wait = self.inner.policy.backoff(progress.retries, jitter());
                    progress.retries += 1;
                    tokio::time::sleep(wait).await;
                }
                Err(reason) => return Err(unknown(progress.attempts, reason)),
            }
        }
    }

    /// The attempts of one request until it is done, fails, or its outcome is unknown.
    async fn attempts(&self, operation: Operation, request: &mut HttpRequest, progress: &mut Progress) -> Result<Sent, ClientError> {
        let inner = &self.inner;
        let route = format!("{} {}", operation.method(), operation.path());
        loop {
            let token = inner.auth.token(inner, operation, &mut progress.token_attempts).await?;
            request.authorize(&token);
            inner.limiter.acquire().await;
            progress.attempts += 1;
            let sent = inner.send(request).await;
            let attempt = match &sent {
                Ok(response) => Attempt::Response(response),
                Err(error) if error.maybe_sent => Attempt::Lost,
                Err(_) => Attempt::NotSent,
            };
            let outcome = inner.policy.classify(operation, attempt, progress.retries, jitter(), SystemTime::now());
            let status = sent.as_ref().ok().map(|response| response.status);
            let (reason, wait) = match outcome {
                Outcome::Done => ("done", None),
                Outcome::Retry { wait, reason } => (reason, Some(wait)),
                Outcome::Reauthenticate => ("reauthenticate", None),
                Outcome::Fail => ("fail", None),
                Outcome::Unknown => ("unknown", None),
            };
            if let Some(response) = sent.as_ref().ok().filter(|response| response.status == 429) {
                // The server asked this client to slow down: every call holds, not only this one.
                let asked = response
                    .header("retry-after")
                    .and_then(|value| crate::http::RetryAfter::from_header(value, response.header("date")).delay(SystemTime::now()));
                if let Some(pause) = wait.or(asked) {
                    inner.limiter.pause(pause.min(inner.policy.max_retry_after));
                }
            }
            let headers = request.headers.iter().map(|(name, value)| (name.to_string(), value.redacted().to_owned())).collect();
            inner.log(AttemptLog { operation: Some(operation), route: route.clone(), status, attempt: progress.attempts, wait, reason, headers });
            match outcome {
                Outcome::Done => {
                    inner.budget.refill();
                    return match sent {
                        Ok(response) => Ok(Sent::Done(response)),
                        Err(error) => Err(failure(operation, progress.attempts, Err(error))),
                    };
                }
                Outcome::Retry { wait, .. } if inner.budget.take() => {
                    progress.retries += 1;
                    tokio::time::sleep(wait).await;
                }
                Outcome::Reauthenticate if inner.auth.can_refresh() && !progress.reauthenticated => {
                    progress.reauthenticated = true;
                    inner.auth.invalidate(&token).await;
                }
                Outcome::Reauthenticate => {
                    let message = match &sent {
                        Ok(response) => unauthorized_message(operation, response, inner.auth.can_refresh()),
                        Err(error) => error.message.clone(),
                    };
                    return Err(ClientError::Auth { operation, attempts: progress.attempts, status, message });
                }
                Outcome::Unknown => return Ok(Sent::Unknown { last: failure(operation, progress.attempts, sent) }),
                // Out of retries, out of budget, or a refusal.
                Outcome::Retry { .. } | Outcome::Fail => return Err(failure(operation, progress.attempts, sent)),
            }
        }
    }

    /// The resource a create of `body` would have made, found by listing its natural key:
    /// `Ok(None)` when it is not there, `Err` with why it cannot be told.
    async fn find_created(&self, operation: Operation, body: &Value, params: &Value) -> Result<Option<Value>, String> {
        let Some(NaturalKey::Name { listed_by: Some(list), .. }) = operation.natural_key() else {
            return Err(format!("its answer was lost, and `{operation}` cannot be looked up by listing"));
        };
        let Some(name) = operation.key_name(body) else {
            return Err("its answer was lost, and the body has no name to look it up by".to_owned());
        };
        let mut list_params = Map::new();
        for param in list.path_params() {
            if let Some(value) = params.get(*param) {
                list_params.insert((*param).to_owned(), value.clone());
            }
        }
        // A list that filters by name (the endpoint table says which) is asked for this one only.
        if list.query_params().contains(&"connectionNames") {
            list_params.insert("connectionNames".to_owned(), json!([name]));
        }
        let items = Pages::new(self.clone(), list, &Value::Object(list_params))
            .collect()
            .await
            .map_err(|error| format!("its answer was lost, and listing with `{list}` failed: {error}"))?;
        let mut found = items.into_iter().filter(|item| item.get("name").and_then(Value::as_str) == Some(name));
        match (found.next(), found.next()) {
            (None, _) => Ok(None),
            (Some(item), None) => Ok(Some(item)),
            (Some(_), Some(_)) => Err(format!("its answer was lost, and `{list}` shows more than one resource named {}", crate::rules::quote(name))),
        }
    }

    /// One page of a list operation (what [`Pages`] fetches).
    pub(crate) async fn fetch_page(&self, operation: Operation, params: &Value) -> Result<Value, ClientError> {
        let mut request = self.prepare(operation, &Value::Null, params)?;
        let mut progress = Progress::default();
        let result = match self.attempts(operation, &mut request, &mut progress).await {
            Ok(Sent::Done(response)) => decode(operation, &response, progress.attempts),
            // Reads are never unknown (they are retried); report what happened if one is.
            Ok(Sent::Unknown { last }) => Err(last),
            Err(error) => Err(error),
        };
        result.map_err(|error| error.redacting(&request.secret_values()))
    }
}

/// A listed resource as its create would have answered: a project's `id` is also its `projectId`.
fn as_created(operation: Operation, mut item: Value) -> Value {
    if operation == Operation::CreateProject {
        if let Some(map) = item.as_object_mut() {
            if let Some(id) = map.get("id").cloned() {
                map.entry("projectId").or_insert(id);
            }
        }
    }
    item
}

/// A 2xx body parsed by the core's parser.
fn decode(operation: Operation, response: &HttpResponse, attempts: u32) -> Result<Value, ClientError> {
    parse_response::<Value>(operation, response).map_err(|error| match error {
        ResponseError::Decode(error) => ClientError::Decode { operation, attempts, error },
        ResponseError::Api(error) => ClientError::Api { operation, attempts, error: Box::new(error) },
    })
}

/// The error an attempt ends the call with: its answer parsed (429 as rate limited), or the
/// transport's failure.
fn failure(operation: Operation, attempts: u32, sent: Result<HttpResponse, TransportError>) -> ClientError {
    match sent {
        Ok(response) => match parse_response::<Value>(operation, &response) {
            Err(ResponseError::Api(error)) if error.status == 429 => {
                let retry_after = error.retry_after.as_ref().and_then(|after| after.delay(SystemTime::now()));
                ClientError::RateLimited { operation, attempts, retry_after, error: Box::new(error) }
            }
            Err(ResponseError::Api(error)) => ClientError::Api { operation, attempts, error: Box::new(error) },
            Err(ResponseError::Decode(error)) => ClientError::Decode { operation, attempts, error },
            Ok(_) => {
                ClientError::Transport { operation, attempts, timed_out: false, message: format!("HTTP {} was not expected here", response.status) }
            }
        },
        Err(error) => ClientError::Transport { operation, attempts, timed_out: error.timed_out, message: error.message },
    }
}

/// Why a 401 is final: the server's words, and what to do.
fn unauthorized_message(operation: Operation, response: &HttpResponse, refreshable: bool) -> String {
    let said = match parse_response::<Value>(operation, response) {
        Err(ResponseError::Api(error)) => error.problem.and_then(|problem| problem.detail),
        _ => None,
    };
    let help = if refreshable {
        "a new token was refused too; check that the API credential may use this account and region"
    } else {
        "the token given is invalid or expired; give a new one, or a client id and secret so that the client can refresh it"
    };
    match said {
        Some(detail) => format!("{detail}; {help}"),
        None => help.to_owned(),
    }
}

/// Never prints a secret: the base URL, the client id and the limits only.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.build.base())
            .field("client_id", &inner.auth.client_id())
            .field("timeout", &inner.timeout)
            .field("max_retries", &inner.policy.max_retries)
            .finish_non_exhaustive()
    }
}
