//! The emulator's configuration: a serde struct with defaults, so that it reads from JSON as well
//! as from Rust (`EmulatorConfig { seed: 7, ..Default::default() }`).

use crate::faults::FaultRule;
use maia_provision::Secret;
use serde::{Deserialize, Serialize};

/// The default token lifetime: the vendor's 30 minutes.
pub const DEFAULT_TOKEN_TTL: u64 = 1800;
/// The default rate limit: the vendor's 1000 requests per minute per account.
pub const DEFAULT_RATE_LIMIT: u32 = 1000;

/// How an emulator starts. Every field has a default; JSON uses the same snake_case names.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmulatorConfig {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// What every generated id (agents, projects, connections) is derived from.
    pub seed: u64,
    /// Lifetime of an issued token, in seconds (0: every token is expired at once).
    pub token_ttl: u64,
    /// Requests per minute per account; `None` turns the limit off.
    pub rate_limit: Option<u32>,
    /// The accounts and their client credentials; the first is the default one.
    pub accounts: Vec<AccountConfig>,
    /// Fault rules active from the start.
    pub faults: Vec<FaultRule>,
    /// Whether to write one line per request to stderr (never bodies, tokens or secrets).
    pub log_requests: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            port: 0,
            seed: 0,
            token_ttl: DEFAULT_TOKEN_TTL,
            rate_limit: Some(DEFAULT_RATE_LIMIT),
            accounts: vec![AccountConfig::default()],
            faults: Vec::new(),
            log_requests: false,
        }
    }
}

/// One account: its name and the OAuth client credentials that get a token for it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountConfig {
    /// The account's name (how the journal and the state export name it).
    pub name: String,
    /// The account id a request may name in an `account-id` header; derived from the seed when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    #[serde(serialize_with = "crate::state::redacted")]
    pub client_secret: Secret,
}

impl Default for AccountConfig {
    fn default() -> Self {
        AccountConfig { name: "default".to_owned(), id: None, client_id: "emulator-client".to_owned(), client_secret: Secret::new("emulator-secret") }
    }
}

impl EmulatorConfig {
    /// What is wrong with this configuration, if anything.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.accounts.is_empty() {
            return Err("at least one account is needed".to_owned());
        }
        for (index, account) in self.accounts.iter().enumerate() {
            let clash = self.accounts.iter().take(index).find(|other| other.name == account.name || other.client_id == account.client_id);
            if let Some(other) = clash {
                return Err(format!("accounts `{}` and `{}` share a name or a client id", other.name, account.name));
            }
            if account.client_id.is_empty() || account.client_secret.is_empty() {
                return Err(format!("account `{}` needs a client id and a client secret", account.name));
            }
        }
        if self.rate_limit == Some(0) {
            return Err("a rate limit of `0` would refuse every request; leave it out (`null`) to turn the limit off".to_owned());
        }
        for rule in &self.faults {
            rule.check()?;
        }
        Ok(())
    }
}
