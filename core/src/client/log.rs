//! One record per attempt, for the host's logging (Python `logging`, a Node callback): the
//! operation, the route template, the status, the attempt number, the wait and the reason, and
//! the request's headers redacted (for debug logs); never a URL with ids, a secret or a body.

use crate::operation::Operation;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Receives every [`AttemptLog`]; called inline, so it should return quickly.
pub type AttemptLogger = Arc<dyn Fn(&AttemptLog) + Send + Sync>;

/// What one attempt did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptLog {
    /// The operation (`None` for the OAuth token request).
    pub operation: Option<Operation>,
    /// The method and route template (`POST /v1/projects/{projectId}/connections`, or `POST token`).
    pub route: String,
    /// The status answered; `None` when no answer came.
    pub status: Option<u16>,
    /// The attempt's number for this call, from 1.
    pub attempt: u32,
    /// How long the client waits before the next attempt, when it retries.
    pub wait: Option<Duration>,
    /// What happens next: `done`, `fail`, `reauthenticate`, `unknown`, or why it retries
    /// (`rate_limited`, `unavailable`, `not_sent`, `server_error`, `lost`).
    pub reason: &'static str,
    /// The request's headers as sent, secrets as `***` (empty for the token request).
    pub headers: Vec<(String, String)>,
}

impl fmt::Display for AttemptLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.operation.map_or("token", Operation::id);
        write!(f, "{id} {} attempt {}: ", self.route, self.attempt)?;
        match self.status {
            Some(status) => write!(f, "HTTP {status}")?,
            None => f.write_str("no answer")?,
        }
        write!(f, ", {}", self.reason)?;
        if let Some(wait) = self.wait {
            write!(f, ", next attempt in {}", super::error::shown(wait))?;
        }
        Ok(())
    }
}
