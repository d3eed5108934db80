//! The rules' allowed values as data, for forms and generated docs: the same constants the
//! validators use, so a select box can never offer a value the validator rejects.

use crate::model::connection::{AuthType, COMBINATIONS, PlatformConnectionType, ProviderRule};
use crate::model::environment::{
    CLOUD_PLATFORMS, DWH_PROVIDERS, Presence, PropertyKind, PropertyTable, REDSHIFT_PROPERTIES, SNOWFLAKE_PROPERTIES, UserAccessLevel,
};
use crate::model::project::{AgentDeploymentType, Warehouse};
use crate::model::repository::{GitProvider, PROVIDER_PARAMETERS};
use crate::model::secret::{CLOUD_CREDENTIAL_MEMBERS, CloudProvider};
use crate::model::vault::{VAULT_MEMBERS, VaultType};
use crate::model::warehouse::{DataPlatformConnectionType, WarehouseAuthType, WarehouseProvider};
use serde_json::{Map, Value, json};

fn list(values: &[&str]) -> Value {
    Value::Array(values.iter().map(|v| Value::String((*v).to_owned())).collect())
}

fn members(table: &[(&str, &[&str])]) -> Value {
    Value::Object(table.iter().map(|(name, members)| ((*name).to_owned(), list(members))).collect())
}

/// Allowed values per operation and JSON pointer: `{operationId: {pointer: [values]}}`.
/// A pointer ending in `/*` lists the allowed member names of that object.
pub fn field_options() -> Value {
    json!({
        "createProject": {
            "/warehouse": list(Warehouse::VALUES),
            "/agentDeploymentType": list(AgentDeploymentType::VALUES),
        },
        "createDataPlatformConnection": {
            "/platformConnectionType": list(DataPlatformConnectionType::VALUES),
            "/authProvider": list(WarehouseProvider::VALUES),
            "/authType": list(WarehouseAuthType::VALUES),
        },
        "createSecretValue": {
            "/type": ["DWH_PASSWORD"],
            "/secret/type": ["CLOUD_PLATFORM_CREDENTIALS"],
            "/secret/value/type": list(CloudProvider::VALUES),
        },
        "createProjectConnection": {
            "/platformConnectionType": list(PlatformConnectionType::VALUES),
            "/authType": list(AuthType::VALUES),
            "/connectionDetails/secretsLocation/type": list(VaultType::VALUES),
        },
        "createEnvironment": {
            "/defaultUserAccessLevel": list(UserAccessLevel::VALUES),
            "/defaultConnections/DWH/*": list(DWH_PROVIDERS),
            "/defaultConnections/CLOUD_PLATFORM/*": list(CLOUD_PLATFORMS),
        },
        "createRepository": {
            "/provider": list(GitProvider::VALUES),
        },
    })
}

/// The combination table of project connections: `[{platformConnectionType, authProviders
/// (null = any connector name except NONE), authTypes, useFor}]`.
pub fn combinations() -> Value {
    Value::Array(
        COMBINATIONS
            .iter()
            .map(|row| {
                let providers = match row.auth_provider {
                    ProviderRule::OneOf(values) => list(values),
                    ProviderRule::ConnectorName => Value::Null,
                };
                json!({
                    "platformConnectionType": row.platform_connection_type,
                    "authProviders": providers,
                    "authTypes": list(row.auth_types),
                    "useFor": row.use_for,
                })
            })
            .collect(),
    )
}

/// The members each variant takes: vault types, cloud credentials, Git providers, and the
/// environment override properties of each warehouse (`{name, kind: value|secret, required,
/// recommended}`; a missing recommended property is a warning).
pub fn variant_members() -> Value {
    let properties = |table: PropertyTable| -> Value {
        Value::Array(
            table
                .iter()
                .map(|(name, kind, presence)| {
                    let kind = match kind {
                        PropertyKind::Value => "value",
                        PropertyKind::SecretReference => "secret",
                    };
                    json!({
                        "name": name,
                        "kind": kind,
                        "required": *presence == Presence::Required,
                        "recommended": *presence == Presence::Recommended,
                    })
                })
                .collect(),
        )
    };
    let mut warehouses = Map::new();
    warehouses.insert("snowflake".to_owned(), properties(SNOWFLAKE_PROPERTIES));
    warehouses.insert("redshift".to_owned(), properties(REDSHIFT_PROPERTIES));
    json!({
        "secretsLocation": members(VAULT_MEMBERS),
        "cloudCredentials": members(CLOUD_CREDENTIAL_MEMBERS),
        "providerParameters": members(PROVIDER_PARAMETERS),
        "environmentProperties": Value::Object(warehouses),
    })
}
