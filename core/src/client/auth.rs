//! The client's one access token: fetched with client credentials, cached, refreshed early by a
//! single request however many calls wait for it (they queue on one async mutex), and dropped
//! after a 401 so that the next call fetches a new one.

use super::error::ClientError;
use super::log::AttemptLog;
use super::options::Credentials;
use super::{Inner, jitter};
use crate::http::response::ServerText;
use crate::http::{HttpRequest, HttpResponse, RetryAfter};
use crate::operation::Operation;
use crate::redact::{REDACTED, Secret};
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime};

/// Refresh this long before expiry (or at half the lifetime, when that is sooner).
const REFRESH_MARGIN: Duration = Duration::from_secs(300);
/// The lifetime assumed when the token endpoint does not say (the vendor's 30 minutes).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(1800);

/// A token and when to replace it.
#[derive(Debug)]
struct Cached {
    token: Secret,
    refresh_at: Instant,
    expires_at: Instant,
}

/// The token source of one client.
#[derive(Debug)]
pub(crate) struct Auth {
    credentials: Credentials,
    cache: tokio::sync::Mutex<Option<Cached>>,
}

impl Auth {
    pub(crate) fn new(credentials: Credentials) -> Auth {
        Auth { credentials, cache: tokio::sync::Mutex::new(None) }
    }

    /// Whether a new token can be had after a 401 (not for a token given by the caller).
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(self.credentials, Credentials::OAuth { .. })
    }

    /// The client id, for `Debug`.
    pub(crate) fn client_id(&self) -> Option<&str> {
        match &self.credentials {
            Credentials::OAuth { client_id, .. } => Some(client_id),
            Credentials::Static(_) => None,
        }
    }

    /// The token to send now: the cached one while it is fresh, else a new one. Calls that
    /// arrive during a fetch wait for it and use its token. `attempts` counts token requests.
    pub(crate) async fn token(&self, inner: &Inner, operation: Operation, attempts: &mut u32) -> Result<Secret, ClientError> {
        let request = match &self.credentials {
            Credentials::Static(token) => return Ok(token.clone()),
            Credentials::OAuth { request, .. } => request,
        };
        let mut cache = self.cache.lock().await;
        let now = Instant::now();
        if let Some(cached) = cache.as_ref().filter(|cached| now < cached.refresh_at) {
            return Ok(cached.token.clone());
        }
        match fetch(inner, request, operation, attempts).await {
            Ok(fresh) => {
                let token = fresh.token.clone();
                *cache = Some(fresh);
                Ok(token)
            }
            // Due for refresh but not expired: keep using it while the token endpoint is unwell.
            Err(error) if !matches!(error, ClientError::Auth { .. }) => match cache.as_ref().filter(|cached| Instant::now() < cached.expires_at) {
                Some(cached) => Ok(cached.token.clone()),
                None => Err(error),
            },
            Err(error) => Err(error),
        }
    }

    /// A 401 answered a request signed with `stale`: forget it (unless a newer one replaced it already).
    pub(crate) async fn invalidate(&self, stale: &Secret) {
        let mut cache = self.cache.lock().await;
        if cache.as_ref().is_some_and(|cached| &cached.token == stale) {
            *cache = None;
        }
    }
}

/// Sends the token request, retrying what is worth retrying (no answer, 429, 5xx) within the
/// client's retry limits; a refusal (any other status) is an authentication failure at once.
async fn fetch(inner: &Inner, request: &HttpRequest, operation: Operation, attempts: &mut u32) -> Result<Cached, ClientError> {
    let auth_error = |attempts: u32, status: Option<u16>, message: String| ClientError::Auth { operation, attempts, status, message };
    let route = format!("POST {}", token_route(&request.url));
    let mut retries = 0u32;
    // One record per attempt at the token endpoint (no operation, no headers: the form is secret).
    let log = |status: Option<u16>, attempt: u32, wait: Option<Duration>, reason: &'static str| {
        inner.log(AttemptLog { operation: None, route: route.clone(), status, attempt, wait, reason, headers: Vec::new() });
    };
    loop {
        *attempts += 1;
        let sent = inner.send(request).await;
        let received = Instant::now();
        let retry_after = match &sent {
            Ok(response) if response.is_success() => {
                log(Some(response.status), *attempts, None, "done");
                return read_token(response, received).map_err(|message| auth_error(*attempts, Some(response.status), message));
            }
            Ok(response) if matches!(response.status, 429 | 500..=599) => {
                response.header("retry-after").and_then(|value| RetryAfter::from_header(value, response.header("date")).delay(SystemTime::now()))
            }
            Ok(response) => {
                log(Some(response.status), *attempts, None, "fail");
                return Err(auth_error(*attempts, Some(response.status), oauth_message(response, &request.secret_values())));
            }
            Err(_) => None,
        };
        let status = sent.as_ref().ok().map(|response| response.status);
        if retries >= inner.policy.max_retries || !inner.budget.take() {
            log(status, *attempts, None, "fail");
            return Err(match sent {
                Ok(response) => auth_error(*attempts, Some(response.status), oauth_message(&response, &request.secret_values())),
                Err(error) => ClientError::Transport {
                    operation,
                    attempts: *attempts,
                    timed_out: error.timed_out,
                    message: format!("the token endpoint did not answer: {error}"),
                },
            });
        }
        let backoff = inner.policy.backoff(retries, jitter());
        let wait = retry_after.map_or(backoff, |after| after.min(inner.policy.max_retry_after).max(backoff));
        let reason = if status.is_some() { "server_error" } else { "lost" };
        log(status, *attempts, Some(wait), reason);
        retries += 1;
        tokio::time::sleep(wait).await;
    }
}

/// The token endpoint's path, for logs (the host is the same for everyone).
fn token_route(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/').and_then(|at| rest.get(at..)).unwrap_or("/")
}

/// The access token and its lifetime from a 2xx token response; the schedule counts from `received`.
fn read_token(response: &HttpResponse, received: Instant) -> Result<Cached, String> {
    let value: Value = serde_json::from_slice(&response.body).map_err(|_| "the token endpoint's answer is not JSON".to_owned())?;
    let token = value.get("access_token").and_then(Value::as_str).filter(|token| !token.is_empty());
    let token = token.ok_or_else(|| "the token endpoint's answer has no `access_token`".to_owned())?;
    if token.chars().any(|ch| ch.is_control() || !ch.is_ascii() || ch == ' ') {
        return Err("the token endpoint's `access_token` cannot be sent in a header".to_owned());
    }
    let lifetime = match value.get("expires_in") {
        Some(Value::Number(number)) => number.as_f64().filter(|secs| secs.is_finite() && *secs >= 0.0).map(Duration::from_secs_f64),
        Some(Value::String(text)) => text.trim().parse::<u64>().ok().map(Duration::from_secs),
        _ => None,
    }
    .unwrap_or(DEFAULT_LIFETIME);
    let margin = REFRESH_MARGIN.min(lifetime / 2);
    Ok(Cached { token: Secret::new(token), refresh_at: received + (lifetime - margin), expires_at: received + lifetime })
}

/// What a refused token request said: RFC 6749's `error` and `error_description` (never the form
/// sent), quoted as server text, and with any of `secrets` (the request's, which a server may
/// echo) as `***`.
fn oauth_message(response: &HttpResponse, secrets: &[String]) -> String {
    let value: Option<Value> = serde_json::from_slice(&response.body).ok();
    let field = |name: &str| {
        let text = value.as_ref().and_then(|v| v.get(name)).and_then(Value::as_str)?;
        let scrubbed =
            secrets.iter().filter(|secret| !secret.is_empty()).fold(text.to_owned(), |text, secret| text.replace(secret.as_str(), REDACTED));
        Some(ServerText(&scrubbed).to_string())
    };
    match (field("error"), field("error_description").or_else(|| field("detail"))) {
        (Some(error), Some(description)) => format!("`{error}`: {description}"),
        (Some(error), None) => format!("`{error}`"),
        (None, Some(description)) => description,
        (None, None) if response.status == 400 || response.status == 401 => {
            "the token endpoint refused the client id and secret; check them (and the token URL)".to_owned()
        }
        (None, None) => format!("the token endpoint answered HTTP {}", response.status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_that_echoes_the_client_secret_does_not_repeat_it() {
        let secret = Secret::new("s3cr&t value");
        let request = HttpRequest::token_request("https://id.example.com/oauth/token", "robot", &secret, "https://api.example.com").unwrap();
        let body = r#"{"error": "invalid_client", "error_description": "client_secret s3cr&t value is wrong\nfor robot"}"#;
        let message = oauth_message(&HttpResponse::new(401, Vec::new(), body), &request.secret_values());
        assert!(!message.contains("s3cr&t"), "{message}");
        assert!(!message.contains('\n'), "{message}");
        assert!(message.starts_with("`invalid_client`: client_secret *** is wrong"), "{message}");
    }
}
