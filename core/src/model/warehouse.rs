//! Default warehouse connections: `POST /v1/projects/{projectId}/data-platform-connections`
//! (createDataPlatformConnection).
//!
//! Follows the provisioning guide, section "Create Default Warehouse Connection": Snowflake uses
//! `key_pair`, Amazon Redshift uses `password`; `platformConnectionType` is `dwh`. The vendor
//! documents these values in lower case (guide) and upper case (reference), so both are accepted.
//! The 201 response is `{}`.

use super::string_enum;
use crate::json::Node;
use crate::pointer::Pointer;
use crate::rules::{Case, Shape, enum_member, object, string_member};
use crate::validate::Sink;
use crate::violation::Code;
use serde::{Deserialize, Serialize};

string_enum! {
    /// The kind of a data-platform connection.
    DataPlatformConnectionType {
        /// A data warehouse connection.
        Dwh = "dwh",
    }
}

string_enum! {
    /// The warehouse of a data-platform connection.
    WarehouseProvider {
        /// Snowflake.
        Snowflake = "snowflake",
        /// Amazon Redshift.
        Redshift = "redshift",
    }
}

string_enum! {
    /// How the warehouse authenticates.
    WarehouseAuthType {
        /// Snowflake key-pair authentication.
        KeyPair = "key_pair",
        /// Redshift password authentication.
        Password = "password",
    }
}

/// The supported (provider, auth type) pairs.
pub const WAREHOUSE_AUTH: &[(&str, &str)] = &[("snowflake", "key_pair"), ("redshift", "password")];

const SHAPE: Shape<'static> =
    Shape::new(&["name", "platformConnectionType", "authProvider", "authType"], &["name", "platformConnectionType", "authProvider", "authType"]);

/// Validates a createDataPlatformConnection body.
pub(crate) fn validate<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    let Some(map) = object(sink, at, body, &SHAPE) else { return };
    string_member(sink, at, map, "name", 1);
    enum_member(sink, at, map, "platformConnectionType", DataPlatformConnectionType::VALUES, Case::LowerOrUpper);
    let provider = enum_member(sink, at, map, "authProvider", WarehouseProvider::VALUES, Case::LowerOrUpper);
    let auth_type = enum_member(sink, at, map, "authType", WarehouseAuthType::VALUES, Case::LowerOrUpper);
    if let (Some(provider), Some(auth_type)) = (provider, auth_type) {
        if let Some((_, expected)) = WAREHOUSE_AUTH.iter().find(|(p, t)| *p == provider && *t != auth_type) {
            sink.error(
                &at.key("authType"),
                Code::Combination,
                format!("a `{provider}` warehouse connection uses `authType` `{expected}`, not `{auth_type}`"),
            );
        }
    }
}

/// The body of createDataPlatformConnection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDataPlatformConnection {
    /// The connection name, referenced later by environments.
    pub name: String,
    /// Always `dwh`.
    pub platform_connection_type: DataPlatformConnectionType,
    /// `snowflake` or `redshift`.
    pub auth_provider: WarehouseProvider,
    /// `key_pair` (Snowflake) or `password` (Redshift).
    pub auth_type: WarehouseAuthType,
}
