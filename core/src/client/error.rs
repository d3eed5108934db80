//! [`ClientError`]: what failed, by phase (STYLE 3), each with the operation, the number of
//! attempts and what the server said. No variant holds a secret: bodies sent are never kept, and
//! tokens, client secrets and personal access tokens stay in [`crate::Secret`]s elsewhere.

use crate::http::{ApiError, BuildError, DecodeError};
use crate::operation::Operation;
use crate::violation::Violation;
use std::fmt;
use std::time::Duration;

/// Why a client call failed.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ClientError {
    /// The request breaks the API's rules; nothing was sent.
    Validation {
        /// The operation.
        operation: Operation,
        /// What is wrong (its violations, errors and warnings).
        error: BuildError,
    },
    /// No answer came (connect, TLS, reset, timeout), after every retry allowed.
    Transport {
        /// The operation.
        operation: Operation,
        /// Attempts made, the first included.
        attempts: u32,
        /// Whether the last attempt ran out of time.
        timed_out: bool,
        /// What failed.
        message: String,
    },
    /// The server answered success, with a body that is not the operation's response.
    Decode {
        /// The operation.
        operation: Operation,
        /// Attempts made.
        attempts: u32,
        /// The status and the body as received.
        error: DecodeError,
    },
    /// The server refused the request (4xx, or 5xx after the retries allowed).
    Api {
        /// The operation.
        operation: Operation,
        /// Attempts made.
        attempts: u32,
        /// The status, the ProblemDetail and `Retry-After`.
        error: Box<ApiError>,
    },
    /// The credentials were refused (by the token endpoint, or a 401 again after a new token).
    Auth {
        /// The operation that needed the token.
        operation: Operation,
        /// Requests made: token requests when the token endpoint refused, else the operation's.
        attempts: u32,
        /// The status answered, when one was.
        status: Option<u16>,
        /// What the server said (the OAuth `error` and `error_description`, or the ProblemDetail).
        message: String,
    },
    /// Still 429 after every retry allowed (or the client's retry budget is spent).
    RateLimited {
        /// The operation.
        operation: Operation,
        /// Attempts made.
        attempts: u32,
        /// The last `Retry-After`, read as a wait.
        retry_after: Option<Duration>,
        /// The last 429.
        error: Box<ApiError>,
    },
    /// A create's answer was lost and listing could not tell whether it happened: it was not
    /// sent again (that could create it twice).
    OutcomeUnknown {
        /// The create.
        operation: Operation,
        /// The natural key's name in the body, when it has one.
        key: Option<String>,
        /// Attempts made.
        attempts: u32,
        /// Why the outcome stays unknown.
        reason: String,
    },
}

impl ClientError {
    /// This error with the request's secret values (see [`crate::HttpRequest::secret_values`])
    /// removed from what the server said, should it have echoed one.
    pub(crate) fn redacting(mut self, values: &[String]) -> ClientError {
        if let ClientError::Api { error, .. } | ClientError::RateLimited { error, .. } = &mut self {
            error.redact_values(values);
        }
        self
    }

    /// A call the host interrupted (Ctrl-C, an abort) while its request may have been on the
    /// way: for a create, the outcome is unknown (`key`: the natural key's name in its body).
    pub fn interrupted(operation: Operation, key: Option<String>) -> ClientError {
        let reason = "the call was interrupted while its request may have been sent".to_owned();
        ClientError::OutcomeUnknown { operation, key, attempts: 0, reason }
    }

    /// The operation that failed.
    pub fn operation(&self) -> Operation {
        match self {
            ClientError::Validation { operation, .. }
            | ClientError::Transport { operation, .. }
            | ClientError::Decode { operation, .. }
            | ClientError::Api { operation, .. }
            | ClientError::Auth { operation, .. }
            | ClientError::RateLimited { operation, .. }
            | ClientError::OutcomeUnknown { operation, .. } => *operation,
        }
    }

    /// Attempts made (0 when validation stopped the call).
    pub fn attempts(&self) -> u32 {
        match self {
            ClientError::Validation { .. } => 0,
            ClientError::Transport { attempts, .. }
            | ClientError::Decode { attempts, .. }
            | ClientError::Api { attempts, .. }
            | ClientError::Auth { attempts, .. }
            | ClientError::RateLimited { attempts, .. }
            | ClientError::OutcomeUnknown { attempts, .. } => *attempts,
        }
    }

    /// The phase in a word, as the bindings name their errors (`validation`, `transport`,
    /// `decode`, `api`, `auth`, `rate_limited`, `outcome_unknown`).
    pub fn code(&self) -> &'static str {
        match self {
            ClientError::Validation { .. } => "validation",
            ClientError::Transport { .. } => "transport",
            ClientError::Decode { .. } => "decode",
            ClientError::Api { .. } => "api",
            ClientError::Auth { .. } => "auth",
            ClientError::RateLimited { .. } => "rate_limited",
            ClientError::OutcomeUnknown { .. } => "outcome_unknown",
        }
    }

    /// The violations of a request that was not sent (empty for other errors).
    pub fn violations(&self) -> &[Violation] {
        match self {
            ClientError::Validation { error: BuildError::Invalid { violations, .. }, .. } => violations,
            _ => &[],
        }
    }

    /// The HTTP status the server answered, when the failure is an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { error, .. } | ClientError::RateLimited { error, .. } => Some(error.status),
            ClientError::Decode { error, .. } => Some(error.status),
            ClientError::Auth { status, .. } => *status,
            _ => None,
        }
    }
}

/// A duration as messages show it: `250ms`, `1.5s`.
pub(crate) fn shown(duration: Duration) -> String {
    if duration < Duration::from_secs(1) { format!("{}ms", duration.as_millis()) } else { format!("{}s", duration.as_secs_f64()) }
}

fn attempts_text(attempts: u32) -> String {
    format!("{attempts} attempt{}", if attempts == 1 { "" } else { "s" })
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Validation { error, .. } => write!(f, "{error}; nothing was sent"),
            ClientError::Transport { operation, attempts, timed_out, message } => {
                let what = if *timed_out { "timed out" } else { "got no answer" };
                write!(f, "`{operation}` {what} after {}: {message}", attempts_text(*attempts))
            }
            ClientError::Decode { operation, attempts, error } => write!(f, "`{operation}` ({}): {error}", attempts_text(*attempts)),
            ClientError::Api { operation, attempts, error } => write!(f, "`{operation}` failed ({}): {error}", attempts_text(*attempts)),
            ClientError::Auth { operation, status, message, .. } => {
                write!(f, "authentication failed for `{operation}`")?;
                if let Some(status) = status {
                    write!(f, " (HTTP {status})")?;
                }
                write!(f, ": {message}")
            }
            ClientError::RateLimited { operation, attempts, retry_after, .. } => {
                write!(f, "`{operation}` was rate limited ({})", attempts_text(*attempts))?;
                if let Some(wait) = retry_after {
                    write!(f, "; the server asks to wait {}", shown(*wait))?;
                }
                Ok(())
            }
            ClientError::OutcomeUnknown { operation, key, attempts, reason } => {
                write!(f, "the outcome of `{operation}`")?;
                if let Some(key) = key {
                    write!(f, " for {}", crate::rules::quote(key))?;
                }
                f.write_str(" is unknown")?;
                if *attempts > 0 {
                    write!(f, " after {}", attempts_text(*attempts))?;
                }
                write!(f, ": {reason}; check whether it exists before sending it again")
            }
        }
    }
}

impl std::error::Error for ClientError {}
