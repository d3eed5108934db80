//! The request journal: one entry per request the API side received, in arrival order, without
//! bodies, tokens or secret values. Tests count duplicate creates from it.

use serde::{Deserialize, Serialize};

/// One request as the journal (`GET /_emulator/requests`) shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The request's number, from 1, in arrival order.
    pub seq: u64,
    /// The HTTP method.
    pub method: String,
    /// The path, without the query string.
    pub path: String,
    /// The operation id (`createProject`, `token` for the token endpoint), when the path names one.
    pub operation: Option<String>,
    /// The account the request authenticated as (or asked a token for).
    pub account: Option<String>,
    /// The status answered; `None` when the connection was dropped instead.
    pub status: Option<u16>,
    /// Whether the request changed state (a create that happened, even if its answer was lost).
    pub changed: bool,
    /// The natural key's name in the body (project, connection, environment or secret name).
    pub key: Option<String>,
    /// The fault that fired, as `action#rule` (`drop_after#2`).
    pub fault: Option<String>,
}

impl JournalEntry {
    /// The one stderr line of the binary's log (the journal's members, nothing else).
    pub fn log_line(&self) -> String {
        let status = self.status.map_or_else(|| "dropped".to_owned(), |status| status.to_string());
        let mut line = format!("#{} {} {} -> {status}", self.seq, self.method, self.path);
        for (name, value) in [("op", &self.operation), ("account", &self.account), ("key", &self.key), ("fault", &self.fault)] {
            if let Some(value) = value {
                line.push_str(&format!(" {name}={value}"));
            }
        }
        if self.changed {
            line.push_str(" changed");
        }
        line
    }
}
