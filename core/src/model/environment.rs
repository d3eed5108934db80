//! Environments: `POST /v1/projects/{projectId}/environments` (createEnvironment) and
//! `GET /v1/projects/{projectId}/environments` (listEnvironments).
//!
//! Follows the provisioning guide, section "Create Environment" (Snowflake, Redshift and
//! "Snowflake with AWS cloud credentials" examples). `defaultConnections.DWH` names exactly one
//! warehouse connection, `CLOUD_PLATFORM` at most one cloud connection; `connectionOverrides`
//! supplies the warehouse connection's properties, each a literal `{value}` or a secret reference
//! `{secretName, secretKey?}`. Sensitive properties must be secret references. Snowflake needs
//! `defaultWarehouse` and `defaultDatabase`, Redshift `defaultDatabase`; `defaultRole` and
//! `defaultSchema`, which every example carries, are recommended (a warning when missing).

use super::string_enum;
use crate::json::{Node, Object};
use crate::pointer::Pointer;
use crate::rules::{Case, Shape, did_you_mean, enum_member, kind, lowercase_uuid, member, object, one_of, quote, string, string_member};
use crate::validate::{ReferenceKind, Sink};
use crate::violation::{Code, Severity};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

string_enum! {
    /// The access level a user gets on the environment when added to the project.
    UserAccessLevel {
        /// The account default.
        Default = "default",
        /// Administrator.
        Admin = "admin",
        /// May run pipelines.
        Runner = "runner",
        /// Read only.
        ReadOnly = "readOnly",
        /// No access.
        NoAccess = "noAccess",
    }
}

/// The warehouses an environment's `DWH` entry may name.
pub const DWH_PROVIDERS: &[&str] = &["snowflake", "redshift"];
/// The clouds an environment's `CLOUD_PLATFORM` entry may name.
pub const CLOUD_PLATFORMS: &[&str] = &["aws", "azure", "gcp"];

/// How an override property must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropertyKind {
    /// A literal `{value: "…"}`.
    Value,
    /// A secret reference `{secretName, secretKey?}`.
    SecretReference,
}

/// Whether an override property must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Missing is an error (`required`).
    Required,
    /// Missing is a warning (`recommended`): every documented example carries it.
    Recommended,
    /// The guide calls it optional.
    Optional,
}

/// A warehouse's override properties: name, kind, and whether it must be given.
pub type PropertyTable = &'static [(&'static str, PropertyKind, Presence)];

/// Snowflake (key pair) override properties.
pub const SNOWFLAKE_PROPERTIES: PropertyTable = &[
    ("account", PropertyKind::Value, Presence::Required),
    ("username", PropertyKind::Value, Presence::Required),
    ("defaultRole", PropertyKind::Value, Presence::Recommended),
    ("defaultWarehouse", PropertyKind::Value, Presence::Required),
    ("defaultDatabase", PropertyKind::Value, Presence::Required),
    ("defaultSchema", PropertyKind::Value, Presence::Recommended),
    ("privateKey", PropertyKind::SecretReference, Presence::Required),
    ("passphrase", PropertyKind::SecretReference, Presence::Optional),
];

/// Redshift (password) override properties.
pub const REDSHIFT_PROPERTIES: PropertyTable = &[
    ("url", PropertyKind::Value, Presence::Required),
    ("username", PropertyKind::Value, Presence::Required),
    ("port", PropertyKind::Value, Presence::Required),
    ("defaultDatabase", PropertyKind::Value, Presence::Required),
    ("useSsl", PropertyKind::Value, Presence::Optional),
    ("defaultSchema", PropertyKind::Value, Presence::Recommended),
    ("defaultStorageLocation", PropertyKind::Value, Presence::Optional),
    ("password", PropertyKind::SecretReference, Presence::Required),
];

/// The override properties of a warehouse provider.
pub fn warehouse_properties(provider: &str) -> Option<PropertyTable> {
    match provider {
        "snowflake" => Some(SNOWFLAKE_PROPERTIES),
        "redshift" => Some(REDSHIFT_PROPERTIES),
        _ => None,
    }
}

const SHAPE: Shape<'static> = Shape::new(
    &["name", "displayName", "description", "defaultAgentId", "defaultUserAccessLevel", "defaultConnections", "connectionOverrides"],
    &["name", "defaultAgentId", "defaultUserAccessLevel", "defaultConnections", "connectionOverrides"],
);
const CONNECTIONS: Shape<'static> = Shape::new(&["DWH", "CLOUD_PLATFORM"], &["DWH"]);
const OVERRIDE: Shape<'static> = Shape::new(&["connectionName", "connectionProperties"], &["connectionName", "connectionProperties"]);
const PROPERTY_MEMBERS: &[&str] = &["value", "secretName", "secretKey"];

/// Validates a createEnvironment body.
pub(crate) fn validate<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    let Some(map) = object(sink, at, body, &SHAPE) else { return };
    string_member(sink, at, map, "name", 1);
    string_member(sink, at, map, "displayName", 0);
    string_member(sink, at, map, "description", 0);
    if let Some(agent) = member(map, "defaultAgentId") {
        lowercase_uuid(sink, &at.key("defaultAgentId"), agent);
    }
    enum_member(sink, at, map, "defaultUserAccessLevel", UserAccessLevel::VALUES, Case::Exact);
    let dwh = member(map, "defaultConnections").and_then(|connections| default_connections(sink, &at.key("defaultConnections"), connections));
    sink.variant = dwh.and_then(|(provider, _)| provider);
    if let Some(overrides) = member(map, "connectionOverrides") {
        connection_overrides(sink, &at.key("connectionOverrides"), overrides, dwh);
    }
}

/// Checks `defaultConnections`; returns the DWH (provider, connection name) when it is clear.
fn default_connections<'v, N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &'v N) -> Option<(Option<&'static str>, &'v str)> {
    let map = object(sink, at, value, &CONNECTIONS)?;
    if let Some(cloud) = member(map, "CLOUD_PLATFORM") {
        single_entry(sink, &at.key("CLOUD_PLATFORM"), cloud, CLOUD_PLATFORMS, false);
    }
    single_entry(sink, &at.key("DWH"), member(map, "DWH")?, DWH_PROVIDERS, true)
}

/// Checks a `{provider: connectionName}` map with exactly one (or at most one) entry.
fn single_entry<'v, N: Node>(
    sink: &mut Sink,
    at: &Pointer<'_>,
    value: &'v N,
    providers: &[&'static str],
    exactly_one: bool,
) -> Option<(Option<&'static str>, &'v str)> {
    let Some(map) = value.as_object() else {
        sink.error(
            at,
            Code::Type,
            format!(
                "{} must be an object such as `{{\"{}\": \"my-connection\"}}`; got {}",
                at.label(),
                providers.first().copied().unwrap_or_default(),
                kind(value)
            ),
        );
        return None;
    };
    if map.is_empty() && exactly_one || map.len() > 1 {
        let wanted = if exactly_one { "exactly one entry" } else { "at most one entry" };
        sink.error(
            at,
            Code::Count,
            format!("{} must have {wanted} ({} → connection name); it has {}", at.label(), one_of(providers), crate::rules::int(map.len())),
        );
    }
    let mut found = None;
    for (provider, name) in map.entries() {
        let at_entry = at.key(provider);
        let known = enumeration_key(sink, &at_entry, provider, providers);
        if let Some(name) = string(sink, &at_entry, name, 1, None) {
            sink.refers(ReferenceKind::Connection, name);
            if found.is_none() {
                found = Some((known, name));
            }
        }
    }
    if map.len() == 1 { found } else { None }
}

fn enumeration_key(sink: &mut Sink, at: &Pointer<'_>, provider: &str, providers: &[&'static str]) -> Option<&'static str> {
    let found = providers.iter().copied().find(|known| *known == provider);
    if found.is_none() {
        let hint = did_you_mean(provider, providers.iter().copied());
        sink.error(at, Code::Enum, format!("{} is not a provider here; use {}{hint}", quote(provider), one_of(providers)));
    }
    found
}

fn connection_overrides<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N, dwh: Option<(Option<&'static str>, &str)>) {
    let Some(items) = value.as_array() else {
        sink.error(
            at,
            Code::Type,
            format!("`connectionOverrides` must be an array of one override for the warehouse connection; got {}", kind(value)),
        );
        return;
    };
    match items.len() {
        0 => sink.error(at, Code::Count, "`connectionOverrides` must hold one override that gives the warehouse connection's properties".to_owned()),
        1 => {}
        n => sink.warn(
            at,
            Code::Count,
            format!("`connectionOverrides` has {} elements; the API documents exactly one, for the warehouse connection", crate::rules::int(n)),
        ),
    }
    for (index, item) in items.iter().enumerate() {
        let at_item = at.index(index);
        let Some(map) = object(sink, &at_item, item, &OVERRIDE) else { continue };
        let name = string_member(sink, &at_item, map, "connectionName", 1);
        if let Some(name) = name {
            sink.refers(ReferenceKind::Connection, name);
        }
        let mut provider = None;
        if let (Some(name), Some((dwh_provider, dwh_name))) = (name, dwh) {
            if name == dwh_name {
                provider = dwh_provider;
            } else if !name.is_empty() && !dwh_name.is_empty() {
                sink.error(
                    &at_item.key("connectionName"),
                    Code::Reference,
                    format!(
                        "`connectionName` must name the warehouse connection in `defaultConnections.DWH` ({}); got {}",
                        quote(dwh_name),
                        quote(name)
                    ),
                );
            }
        }
        if let Some(properties) = member(map, "connectionProperties") {
            connection_properties(sink, &at_item.key("connectionProperties"), properties, provider);
        }
    }
}

fn connection_properties<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N, provider: Option<&'static str>) {
    let Some(map) = value.as_object() else {
        object(sink, at, value, &Shape::new(&[], &[]));
        return;
    };
    // With the warehouse known, check which properties exist; otherwise only their shapes.
    let table = provider.and_then(warehouse_properties);
    if let Some(table) = table {
        let provider = provider.unwrap_or_default();
        for (name, _, presence) in table.iter().filter(|(name, _, _)| !map.contains_key(name)) {
            // One sentence for both: a missing recommended property is the warning form of it.
            let (need, severity) = match presence {
                Presence::Required => ("required", Severity::Error),
                Presence::Recommended => ("recommended", Severity::Warning),
                Presence::Optional => continue,
            };
            let code = if severity == Severity::Error { Code::Required } else { Code::Recommended };
            sink.report(&at.key(name), code, severity, format!("`{name}` is {need} in the properties of a `{provider}` connection"));
        }
    }
    for (name, property) in map.entries() {
        let expected = match table {
            Some(table) => match table.iter().find(|(n, _, _)| *n == name) {
                Some((_, kind, _)) => Some(*kind),
                None => {
                    let hint = did_you_mean(name, table.iter().map(|(n, _, _)| *n));
                    let provider = provider.unwrap_or_default();
                    sink.warn(
                        &at.key(name),
                        Code::UnknownField,
                        format!("{} is not a documented property of a `{provider}` connection and is sent as it is{hint}", quote(name)),
                    );
                    None
                }
            },
            None => None,
        };
        property_value(sink, &at.key(name), name, property, expected, provider);
    }
}

/// Whether a property is sensitive (a secret reference) for any warehouse.
pub fn is_sensitive_property(name: &str) -> bool {
    SNOWFLAKE_PROPERTIES.iter().chain(REDSHIFT_PROPERTIES).any(|(n, kind, _)| *kind == PropertyKind::SecretReference && *n == name)
}

fn property_value<N: Node>(sink: &mut Sink, at: &Pointer<'_>, name: &str, value: &N, expected: Option<PropertyKind>, provider: Option<&str>) {
    // Sensitivity goes by name, whatever the warehouse: a password is never a literal.
    let sensitive = expected == Some(PropertyKind::SecretReference) || is_sensitive_property(name);
    let expected = if sensitive { Some(PropertyKind::SecretReference) } else { expected };
    if !value.is_object() {
        // Never quote the value: it may be a secret given in the clear.
        let example = if sensitive { r#"`{"secretName": "…", "secretKey": "…"}`"# } else { r#"`{"value": "…"}`"# };
        sink.error(at, Code::Type, format!("`{name}` must be an object such as {example}; got {}", kind(value)));
        return;
    }
    let Some(map) = object(sink, at, value, &Shape::new(PROPERTY_MEMBERS, &[])) else { return };
    let has_value = map.contains_key("value");
    let has_secret = map.contains_key("secretName");
    if has_value && has_secret {
        sink.error(
            at,
            Code::PropertyShape,
            format!("`{name}` has both `value` and `secretName`; give a literal `value` or a secret reference, not both"),
        );
        return;
    }
    if !has_value && !has_secret {
        if sensitive || map.contains_key("secretKey") {
            // A secret reference (a sensitive property is always one) lacks its `secretName`.
            sink.error(
                &at.key("secretName"),
                Code::Required,
                format!("`{name}` needs `secretName`: a secret reference is `{{\"secretName\": \"…\", \"secretKey\": \"…\"}}`"),
            );
        } else {
            sink.error(
                at,
                Code::PropertyShape,
                format!("`{name}` needs a literal `{{\"value\": \"…\"}}` or a secret reference `{{\"secretName\": \"…\", \"secretKey\": \"…\"}}`"),
            );
        }
        return;
    }
    if has_value && map.contains_key("secretKey") {
        sink.error(
            &at.key("secretKey"),
            Code::PropertyShape,
            format!("`{name}` has `value` and `secretKey`; `secretKey` belongs with `secretName` in a secret reference"),
        );
    }
    let provider = provider.unwrap_or("warehouse");
    match (expected, has_value) {
        (Some(PropertyKind::SecretReference), true) => {
            sink.error(
                &at.key("value"),
                Code::PropertyKind,
                format!("`{name}` is sensitive: reference a vault secret with `secretName` (and `secretKey`) instead of a literal `value`"),
            );
            return;
        }
        (Some(PropertyKind::Value), false) => {
            sink.error(
                &at.key("secretName"),
                Code::PropertyKind,
                format!("`{name}` of a {provider} connection takes a literal `{{\"value\": \"…\"}}`, not a secret reference"),
            );
        }
        _ => {}
    }
    if has_value {
        let Some(literal) = map.get("value") else { return };
        let at_value = at.key("value");
        let text = match (literal.as_str(), literal.scalar_text()) {
            (Some(text), _) => std::borrow::Cow::Borrowed(text),
            (None, Some(text)) => {
                sink.warn(&at_value, Code::NotString, format!("`{name}` should be a string; {} is sent as `\"{text}\"`", kind(literal)));
                sink.send_as(literal, text.clone());
                std::borrow::Cow::Owned(text)
            }
            (None, None) => {
                sink.error(&at_value, Code::Type, format!("`{name}` must be a string; got {}", kind(literal)));
                return;
            }
        };
        // Read as a u64 (paging's reader) rather than a u16: one integer parser in the wasm module.
        if name == "port" && !text.parse::<u64>().is_ok_and(|port| (1..=u64::from(u16::MAX)).contains(&port)) {
            sink.error(&at_value, Code::Pattern, format!("`port` must be a TCP port number such as `5439`; got {}", quote(&text)));
        }
    } else {
        if let Some(secret) = string_member(sink, at, map, "secretName", 1) {
            sink.refers(ReferenceKind::Secret, secret);
        }
        string_member(sink, at, map, "secretKey", 1);
    }
}

/// The body of createEnvironment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateEnvironment {
    /// The environment's immutable name.
    pub name: String,
    /// A display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The agent used by default (a lower-case UUID).
    pub default_agent_id: String,
    /// The access level users get by default.
    pub default_user_access_level: UserAccessLevel,
    /// The default connections.
    pub default_connections: DefaultConnections,
    /// The warehouse connection's properties (one element).
    pub connection_overrides: Vec<ConnectionOverride>,
}

/// An environment's default connections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultConnections {
    /// `{snowflake|redshift: connectionName}`.
    #[serde(rename = "DWH")]
    pub dwh: BTreeMap<String, String>,
    /// `{aws|azure|gcp: connectionName}` (optional).
    #[serde(rename = "CLOUD_PLATFORM", default, skip_serializing_if = "Option::is_none")]
    pub cloud_platform: Option<BTreeMap<String, String>>,
}

/// The properties of one connection in an environment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionOverride {
    /// The warehouse connection's name.
    pub connection_name: String,
    /// Property name → literal or secret reference.
    pub connection_properties: BTreeMap<String, PropertyValue>,
}

/// A property: a literal value or a reference to a vault secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PropertyValue {
    /// `{value: "…"}`.
    Value {
        /// The literal.
        value: String,
    },
    /// `{secretName, secretKey?}`.
    #[serde(rename_all = "camelCase")]
    SecretReference {
        /// The secret's name.
        secret_name: String,
        /// The key in the secret.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        secret_key: Option<String>,
    },
}

/// An environment as listed by listEnvironments.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentSummary {
    /// The environment name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The default agent's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_agent_id: Option<String>,
    /// The default agent's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_agent_name: Option<String>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
