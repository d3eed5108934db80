//! Projects: `POST /v1/projects` (createProject) and `GET /v1/projects` (listProjects).
//!
//! Follows the provisioning guide, section "Create project": a project has a `name`, an optional
//! `description`, a `warehouse` (`SNOWFLAKE` or `REDSHIFT`) and an `agentDeploymentType`
//! (`HYBRID` or `FULL_SAAS`); the 201 response is `{"projectId": "<uuid>"}`.

use super::string_enum;
use crate::json::Node;
use crate::pointer::Pointer;
use crate::rules::{Case, Shape, enum_member, object, string_member};
use crate::validate::Sink;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

string_enum! {
    /// The project's data warehouse.
    Warehouse {
        /// Snowflake.
        Snowflake = "SNOWFLAKE",
        /// Amazon Redshift.
        Redshift = "REDSHIFT",
    }
}

string_enum! {
    /// Where the project's agents run.
    AgentDeploymentType {
        /// Agents run in the customer's cloud.
        Hybrid = "HYBRID",
        /// Agents are hosted by Maia.
        FullSaas = "FULL_SAAS",
    }
}

const SHAPE: Shape<'static> = Shape::new(&["name", "description", "warehouse", "agentDeploymentType"], &["name", "warehouse", "agentDeploymentType"]);

/// Validates a createProject body.
pub(crate) fn validate<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    let Some(map) = object(sink, at, body, &SHAPE) else { return };
    string_member(sink, at, map, "name", 1);
    string_member(sink, at, map, "description", 0);
    enum_member(sink, at, map, "warehouse", Warehouse::VALUES, Case::Exact);
    enum_member(sink, at, map, "agentDeploymentType", AgentDeploymentType::VALUES, Case::Exact);
}

/// The body of createProject.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateProject {
    /// The project name.
    pub name: String,
    /// An optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The data warehouse.
    pub warehouse: Warehouse,
    /// Where the agents run.
    pub agent_deployment_type: AgentDeploymentType,
}

/// The 201 response of createProject.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectCreated {
    /// The new project's id (a v4 UUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A project as listed by listProjects.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSummary {
    /// The project id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The project name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
