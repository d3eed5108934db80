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
    /// How many journal entries are kept (the latest; older ones are counted as dropped), so that
    /// a long run grows by its state only.
    pub journal_limit: usize,
}

/// The default journal size: the latest 10 000 requests.
pub const DEFAULT_JOURNAL_LIMIT: usize = 10_000;

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
            journal_limit: DEFAULT_JOURNAL_LIMIT,
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

/// Why a JSON configuration was refused: a member that is not a setting, or a setting's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// A top-level member that names no setting (a misspelt keyword).
    UnknownSetting {
        /// The member's name.
        name: String,
        /// The settings there are, in alphabetical order.
        known: Vec<String>,
    },
    /// The configuration is not an object, or a setting's value does not fit it.
    Invalid(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::UnknownSetting { name, known } => {
                let known: Vec<String> = known.iter().map(|setting| format!("`{setting}`")).collect();
                write!(f, "the emulator has no setting `{name}`; its settings are {}", known.join(", "))
            }
            ConfigError::Invalid(message) => write!(f, "the emulator configuration is invalid: {message}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl EmulatorConfig {
    /// The names of the settings, as JSON spells them (`port`, `seed`, `token_ttl`, ...).
    pub fn setting_names() -> Vec<String> {
        match serde_json::to_value(EmulatorConfig::default()) {
            Ok(serde_json::Value::Object(members)) => members.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Reads a configuration from JSON (what the Python and Node bindings pass), telling a
    /// misspelt setting from a bad value, and checks it as [`Emulator::start`](crate::Emulator::start) would.
    pub fn from_json(value: serde_json::Value) -> Result<EmulatorConfig, ConfigError> {
        let known = EmulatorConfig::setting_names();
        match &value {
            serde_json::Value::Object(members) => {
                if let Some(name) = members.keys().find(|name| !known.contains(name)) {
                    return Err(ConfigError::UnknownSetting { name: name.clone(), known });
                }
            }
            serde_json::Value::Null => return Ok(EmulatorConfig::default()),
            _ => return Err(ConfigError::Invalid("the configuration is an object of settings".to_owned())),
        }
        let config: EmulatorConfig = serde_json::from_value(value).map_err(|error| ConfigError::Invalid(error.to_string()))?;
        config.check().map_err(ConfigError::Invalid)?;
        Ok(config)
    }

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

#[cfg(test)]
mod tests {
    use super::{ConfigError, EmulatorConfig};
    use serde_json::json;

    #[test]
    fn from_json_tells_a_misspelt_setting_from_a_bad_value() {
        let config = EmulatorConfig::from_json(json!({"seed": 7, "rate_limit": null})).ok();
        assert_eq!(config.map(|config| (config.seed, config.rate_limit)), Some((7, None)));
        assert!(matches!(EmulatorConfig::from_json(json!({"sed": 7})), Err(ConfigError::UnknownSetting { name, .. }) if name == "sed"));
        assert!(matches!(EmulatorConfig::from_json(json!({"seed": "seven"})), Err(ConfigError::Invalid(_))));
        assert!(matches!(EmulatorConfig::from_json(json!({"rate_limit": 0})), Err(ConfigError::Invalid(_))));
        assert!(matches!(EmulatorConfig::from_json(json!([])), Err(ConfigError::Invalid(_))));
        assert_eq!(
            EmulatorConfig::setting_names(),
            ["accounts", "faults", "journal_limit", "log_requests", "port", "rate_limit", "seed", "token_ttl"]
        );
    }
}
