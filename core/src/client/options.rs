//! [`ClientOptions`]: where the client sends, how it authenticates, how long it waits, how often
//! it retries and how fast it goes; `MAIA_*` environment variables fill what is not given.

use super::log::AttemptLogger;
use crate::http::{BuildOptions, HttpRequest, OptionError};
use crate::redact::Secret;
use std::fmt;
use std::time::Duration;

/// The OAuth token endpoint (the same for every region).
pub const DEFAULT_TOKEN_URL: &str = "https://id.core.matillion.com/oauth/dpc/token";
/// The audience the token endpoint is asked for.
pub const AUDIENCE: &str = "https://api.matillion.com";
/// The API's stated rate limit, in requests per minute.
pub const DEFAULT_RATE_LIMIT: u32 = 1000;
/// How long one attempt may take, connecting included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// The most retries an option may ask for (more is a retry storm, not resilience).
pub const MAX_RETRIES_LIMIT: u32 = 20;

/// What a [`super::Client`] is built from. Every field is optional; [`ClientOptions::with_env`]
/// fills the unset ones from `MAIA_*` variables, and [`super::Client::new`] checks them all.
#[derive(Clone, Default)]
pub struct ClientOptions {
    /// `eu1` or `us1` (or give `base_url`).
    pub region: Option<String>,
    /// Any `http(s)` base URL, such as an emulator's (or give `region`).
    pub base_url: Option<String>,
    /// The OAuth token endpoint; [`DEFAULT_TOKEN_URL`] when unset.
    pub token_url: Option<String>,
    /// The OAuth client id (with `client_secret`).
    pub client_id: Option<String>,
    /// The OAuth client secret (with `client_id`).
    pub client_secret: Option<Secret>,
    /// A bearer token to use instead of client credentials (it is never refreshed).
    pub token: Option<Secret>,
    /// How long one attempt may take, connecting included; [`DEFAULT_TIMEOUT`] when unset.
    pub timeout: Option<Duration>,
    /// Retries after the first attempt; [`DEFAULT_MAX_RETRIES`] when unset.
    pub max_retries: Option<u32>,
    /// Requests per minute, shared by every call of the client; [`DEFAULT_RATE_LIMIT`] when unset.
    pub rate_limit: Option<u32>,
    /// A product added to the `User-Agent` (`python/3.12`).
    pub user_agent: Option<String>,
    /// Told about every attempt (one line each, never a secret).
    pub on_attempt: Option<AttemptLogger>,
}

impl ClientOptions {
    /// Options with unset fields taken from the process environment: `MAIA_REGION`,
    /// `MAIA_BASE_URL`, `MAIA_TOKEN_URL`, `MAIA_CLIENT_ID`, `MAIA_CLIENT_SECRET`.
    pub fn with_env(self) -> ClientOptions {
        self.with_env_from(|name| std::env::var(name).ok())
    }

    /// [`ClientOptions::with_env`] over any lookup (what tests use instead of the process environment).
    pub fn with_env_from(mut self, lookup: impl Fn(&str) -> Option<String>) -> ClientOptions {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        // A region or a base URL given in code wins over both variables.
        if self.region.is_none() && self.base_url.is_none() {
            self.base_url = get("MAIA_BASE_URL");
            if self.base_url.is_none() {
                self.region = get("MAIA_REGION");
            }
        }
        if self.token_url.is_none() {
            self.token_url = get("MAIA_TOKEN_URL");
        }
        // Credentials given in code (a token, or either half of a pair) win over the variables.
        if self.token.is_none() && self.client_id.is_none() && self.client_secret.is_none() {
            self.client_id = get("MAIA_CLIENT_ID");
            self.client_secret = get("MAIA_CLIENT_SECRET").map(Secret::new);
        }
        self
    }

    /// The options checked: every unusable one is an [`OptionError`] naming it.
    pub(crate) fn resolve(&self) -> Result<Resolved, OptionError> {
        let mut build = BuildOptions::from_parts(self.region.as_deref(), self.base_url.as_deref(), None)?;
        if let Some(product) = &self.user_agent {
            build = build.with_user_agent_suffix(product);
        }
        let credentials = match (&self.token, &self.client_id, &self.client_secret) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(OptionError::new("token", "give either a token or a client id and secret, not both".to_owned()));
            }
            (Some(token), None, None) => {
                let signed = build.clone().with_token(token.clone())?;
                Credentials::Static(signed.token().cloned().unwrap_or_default())
            }
            (None, Some(id), Some(secret)) => {
                let url = self.token_url.as_deref().unwrap_or(DEFAULT_TOKEN_URL);
                Credentials::OAuth { request: HttpRequest::token_request(url, id, secret, AUDIENCE)?, client_id: id.clone() }
            }
            (None, Some(_), None) => return Err(OptionError::new("clientSecret", "a client id needs its client secret".to_owned())),
            (None, None, Some(_)) => return Err(OptionError::new("clientId", "a client secret needs its client id".to_owned())),
            (None, None, None) => {
                return Err(OptionError::new(
                    "clientId",
                    "give a client id and a client secret (an API credential of your Maia account), or a token".to_owned(),
                ));
            }
        };
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(OptionError::new("timeout", "the timeout must be longer than zero".to_owned()));
        }
        let max_retries = self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        if max_retries > MAX_RETRIES_LIMIT {
            return Err(OptionError::new("maxRetries", format!("`maxRetries` must be at most {MAX_RETRIES_LIMIT}; got `{max_retries}`")));
        }
        let rate_limit = self.rate_limit.unwrap_or(DEFAULT_RATE_LIMIT);
        if rate_limit == 0 {
            return Err(OptionError::new("rateLimit", "`rateLimit` (requests per minute) must be at least 1".to_owned()));
        }
        Ok(Resolved { build, credentials, timeout, max_retries, rate_limit })
    }
}

/// Never prints a secret: the client secret and the token show as `***`.
impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptions")
            .field("region", &self.region)
            .field("base_url", &self.base_url)
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("token", &self.token)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("rate_limit", &self.rate_limit)
            .field("user_agent", &self.user_agent)
            .field("on_attempt", &self.on_attempt.as_ref().map(|_| "…"))
            .finish()
    }
}

/// How requests authenticate.
#[derive(Clone, Debug)]
pub(crate) enum Credentials {
    /// A token given by the caller, used as it is.
    Static(Secret),
    /// Client credentials: the token request, built once and sent again for each refresh.
    OAuth { request: HttpRequest, client_id: String },
}

/// Checked options.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub(crate) build: BuildOptions,
    pub(crate) credentials: Credentials,
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) rate_limit: u32,
}
