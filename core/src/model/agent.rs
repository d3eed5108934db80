//! Agents: `GET /v1/agents` (listAgents). Agents run pipelines; their `agentId` is the path
//! parameter of createSecretValue and the `defaultAgentId` of an environment.
//!
//! Not in the seeds; the item shape follows the vendor's agent reference as gathered in
//! `shared/research/maia-api.md` §4.7. Every member is optional and unknown ones are kept.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An agent as listed by listAgents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// The agent's id (note: `agentId`, not `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// The agent's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its status, such as `running`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_status: Option<String>,
    /// `data_productivity_cloud` or `streaming`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_type: Option<String>,
    /// `aws`, `azure`, `snowflake` or `gcp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_provider: Option<String>,
    /// Whether it is connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected: Option<bool>,
    /// The deployment, such as `fargate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<String>,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Members not listed here, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
