//! Fault injection: rules matched against each request (method, path pattern, operation, the
//! n-th match, a seeded probability) that answer a status, delay, or drop the connection, before
//! or after the request is processed.

use crate::lock;
use maia_provision::Operation;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use std::sync::Mutex;

/// The operation name a rule uses for the token endpoint.
pub const TOKEN_OPERATION: &str = "token";

/// One fault rule, as the fault file and `POST /_emulator/faults` give it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// The HTTP method to match (`POST`); any when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The path pattern to match (`/v1/projects/*/connections`: `*` is one segment, a final
    /// `**` any rest); any when absent. The query string is not part of the path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The operation id to match (`createProjectConnection`, or `token` for the token endpoint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Fire from the n-th matching request on (1-based); from the first when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nth: Option<u64>,
    /// Fire on each eligible match with this probability (0 to 1), drawn from the seeded generator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// How many times the rule fires (default 1; `null`: without limit).
    #[serde(default = "once")]
    pub times: Option<u64>,
    /// What the rule does.
    pub action: FaultAction,
}

fn once() -> Option<u64> {
    Some(1)
}

/// What a fault does to the request it fires on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FaultAction {
    /// Answer `status` (a ProblemDetail, with `Retry-After` when given) without processing.
    Status {
        /// The status to answer.
        status: u16,
        /// The `Retry-After` header, in seconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
    /// Process the request (a create happens), then answer `status` instead of its answer.
    StatusAfter {
        /// The status to answer.
        status: u16,
        /// The `Retry-After` header, in seconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
    /// Wait `ms` milliseconds, then process the request as usual.
    Delay {
        /// The delay in milliseconds.
        ms: u64,
    },
    /// Close the connection without processing the request or answering.
    DropBefore,
    /// Process the request (a create happens), then close the connection without answering.
    DropAfter,
}

impl FaultAction {
    /// The action's name, as the journal shows it.
    pub fn name(&self) -> &'static str {
        match self {
            FaultAction::Status { .. } => "status",
            FaultAction::StatusAfter { .. } => "status_after",
            FaultAction::Delay { .. } => "delay",
            FaultAction::DropBefore => "drop_before",
            FaultAction::DropAfter => "drop_after",
        }
    }
}

impl FaultRule {
    /// What is wrong with this rule, if anything.
    pub(crate) fn check(&self) -> Result<(), String> {
        if let Some(method) = &self.method
            && (method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(format!("a fault's `method` is an upper-case HTTP method such as `POST`; got `{method}`"));
        }
        if let Some(path) = &self.path
            && !path.starts_with('/')
        {
            return Err(format!("a fault's `path` starts with `/`; got `{path}`"));
        }
        if let Some(operation) = &self.operation
            && operation != TOKEN_OPERATION
            && Operation::from_id(operation).is_err()
        {
            return Err(format!("a fault's `operation` is an operation id such as `createProject`, or `token`; got `{operation}`"));
        }
        if self.nth == Some(0) {
            return Err("a fault's `nth` counts from 1".to_owned());
        }
        if let Some(probability) = self.probability
            && !(0.0..=1.0).contains(&probability)
        {
            return Err(format!("a fault's `probability` is from 0 to 1; got `{probability}`"));
        }
        match &self.action {
            FaultAction::Status { status, .. } | FaultAction::StatusAfter { status, .. } if !(200..=599).contains(status) => {
                Err(format!("a fault's `status` is from 200 to 599; got `{status}`"))
            }
            _ => Ok(()),
        }
    }

    fn matches(&self, method: &str, path: &str, operation: Option<&str>) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self.path.as_deref().is_none_or(|pattern| path_matches(pattern, path))
            && self.operation.as_deref().is_none_or(|op| Some(op) == operation)
    }
}

/// Whether `path` fits `pattern`: segments equal, `*` any one segment, a final `**` any rest.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let path = path.strip_suffix('/').filter(|rest| !rest.is_empty()).unwrap_or(path);
    let mut segments = path.split('/');
    for expected in pattern.split('/') {
        if expected == "**" {
            return true;
        }
        match segments.next() {
            Some(segment) if expected == "*" && !segment.is_empty() => {}
            Some(segment) if segment == expected => {}
            _ => return false,
        }
    }
    segments.next().is_none()
}

/// A rule with its counters, as `GET /_emulator/faults` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ActiveFault {
    /// The id that `DELETE /_emulator/faults/{id}` takes.
    pub id: u64,
    /// The rule.
    #[serde(flatten)]
    pub rule: FaultRule,
    /// How many requests matched it.
    pub matched: u64,
    /// How many times it fired.
    pub fired: u64,
}

/// A fault chosen for one request.
#[derive(Clone, Debug)]
pub(crate) struct Fired {
    pub id: u64,
    pub action: FaultAction,
}

impl Fired {
    /// How the journal names it: `drop_after#3`.
    pub(crate) fn label(&self) -> String {
        format!("{}#{}", self.action.name(), self.id)
    }
}

/// The rules in force and the generator their probabilities draw from.
pub(crate) struct Faults {
    inner: Mutex<FaultState>,
}

struct FaultState {
    rules: Vec<ActiveFault>,
    next_id: u64,
    rng: ChaCha8Rng,
    seed: u64,
}

impl Faults {
    pub(crate) fn new(seed: u64, rules: &[FaultRule]) -> Faults {
        let mut state = FaultState { rules: Vec::new(), next_id: 1, rng: fault_rng(seed), seed };
        for rule in rules {
            state.add(rule.clone());
        }
        Faults { inner: Mutex::new(state) }
    }

    /// Adds checked rules; returns their ids.
    pub(crate) fn add(&self, rules: Vec<FaultRule>) -> Vec<u64> {
        let mut state = lock(&self.inner);
        rules.into_iter().map(|rule| state.add(rule)).collect()
    }

    /// The rules in force, with their counters.
    pub(crate) fn list(&self) -> Vec<ActiveFault> {
        lock(&self.inner).rules.clone()
    }

    /// Removes one rule (`Some(id)`) or every rule; whether anything was removed.
    pub(crate) fn remove(&self, id: Option<u64>) -> bool {
        let mut state = lock(&self.inner);
        let before = state.rules.len();
        match id {
            Some(id) => state.rules.retain(|rule| rule.id != id),
            None => state.rules.clear(),
        }
        state.rules.len() != before
    }

    /// Replaces every rule by `rules` and restarts the generator (what a reset does).
    pub(crate) fn reset(&self, rules: &[FaultRule]) {
        let mut state = lock(&self.inner);
        state.rules.clear();
        state.next_id = 1;
        state.rng = fault_rng(state.seed);
        for rule in rules {
            state.add(rule.clone());
        }
    }

    /// Counts the request against every matching rule; the first eligible one fires.
    pub(crate) fn decide(&self, method: &str, path: &str, operation: Option<&str>) -> Option<Fired> {
        let mut state = lock(&self.inner);
        if state.rules.is_empty() {
            return None;
        }
        let FaultState { rules, rng, .. } = &mut *state;
        let mut fired = None;
        for active in rules.iter_mut().filter(|active| active.rule.matches(method, path, operation)) {
            active.matched += 1;
            if fired.is_some() || active.rule.times.is_some_and(|times| active.fired >= times) {
                continue;
            }
            if active.rule.nth.is_some_and(|nth| active.matched < nth) {
                continue;
            }
            if let Some(probability) = active.rule.probability {
                // 53 random bits: a uniform draw from [0, 1).
                let draw = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                if draw >= probability {
                    continue;
                }
            }
            active.fired += 1;
            fired = Some(Fired { id: active.id, action: active.rule.action.clone() });
        }
        fired
    }
}

impl FaultState {
    fn add(&mut self, rule: FaultRule) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.rules.push(ActiveFault { id, rule, matched: 0, fired: 0 });
        id
    }
}

fn fault_rng(seed: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::MAX);
    rng
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(path_matches("/v1/projects/*/connections", "/v1/projects/abc/connections"));
        assert!(path_matches("/v1/projects/*/connections", "/v1/projects/abc/connections/"));
        assert!(!path_matches("/v1/projects/*/connections", "/v1/projects/abc/environments"));
        assert!(!path_matches("/v1/projects/*", "/v1/projects"));
        assert!(path_matches("/v1/**", "/v1/projects/abc/connections"));
        assert!(path_matches("/v1/projects", "/v1/projects"));
    }

    #[test]
    fn nth_and_times() {
        let rule: FaultRule = serde_json::from_value(serde_json::json!({"nth": 2, "times": 2, "action": {"type": "drop_before"}})).unwrap();
        let faults = Faults::new(1, &[rule]);
        let fired: Vec<bool> = (0..5).map(|_| faults.decide("GET", "/v1/projects", Some("listProjects")).is_some()).collect();
        assert_eq!(fired, [false, true, true, false, false]);
    }
}
