//! Project connections: `POST /v1/projects/{projectId}/connections` (createProjectConnection) and
//! `GET /v1/projects/{projectId}/connections` (listProjectConnections).
//!
//! Follows the OpenAPI seed (`CreateConnectionRequest`, `ConnectionDetails`, the combination table
//! in the request body's description) and the guide's "Create cloud credential connection". The
//! seeds leave `authProvider` optional, but every row of the combination table names one, so it is
//! required here. `connectionProperties` has no discriminator in the OpenAPI file; its variant is
//! chosen by `platformConnectionType`.

use super::string_enum;
use super::timestamp::Timestamp;
use super::vault::{self, VaultLocation, VaultType};
use crate::json::{Node, Object};
use crate::pointer::Pointer;
use crate::rules::{Case, Shape, Variants, enum_member, member, object, one_of, quote, string, string_member};
use crate::validate::{ReferenceKind, Sink};
use crate::violation::Code;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

string_enum! {
    /// The kind of project connection.
    PlatformConnectionType {
        /// Connects a component to a data source, API or SaaS application.
        ComponentBasic = "COMPONENT_BASIC",
        /// Gives a project access to a cloud provider.
        CloudPlatformCredentials = "CLOUD_PLATFORM_CREDENTIALS",
    }
}

string_enum! {
    /// The kind of secret a connection references.
    AuthType {
        /// A simple secret (`authProvider` `NONE`).
        GenericSecret = "GENERIC_SECRET",
        /// AWS, Azure or GCP credentials.
        CloudProviderSecret = "CLOUD_PROVIDER_SECRET",
        /// OAuth user tokens.
        OauthUserTokens = "OAUTH_USER_TOKENS",
        /// OAuth authorization code.
        OauthAuthorizationCode = "OAUTH_AUTHORIZATION_CODE",
        /// OAuth client credentials.
        OauthClientCred = "OAUTH_CLIENT_CRED",
        /// NetSuite composite token.
        CompositeToken = "COMPOSITE_TOKEN",
        /// X Ads OAuth 1.0.
        Oauth10XAds = "OAUTH_1_0_X_ADS",
    }
}

/// Which `authProvider` values a row of the combination table takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderRule {
    /// Exactly one of these values.
    OneOf(&'static [&'static str]),
    /// Any non-empty connector name (such as `salesforce`) other than the providers the table names exactly.
    ConnectorName,
}

impl ProviderRule {
    fn accepts(self, provider: &str) -> bool {
        match self {
            ProviderRule::OneOf(values) => values.contains(&provider),
            ProviderRule::ConnectorName => !provider.is_empty() && !FIXED_PROVIDERS.iter().any(|fixed| fixed.eq_ignore_ascii_case(provider)),
        }
    }

    fn describe(self) -> String {
        match self {
            ProviderRule::OneOf(values) => one_of(values),
            ProviderRule::ConnectorName => "a connector name such as `salesforce`".to_owned(),
        }
    }
}

/// One row of the combination table of platformConnectionType, authProvider and authType.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionCombination {
    /// The platformConnectionType.
    pub platform_connection_type: &'static str,
    /// The authProvider values the row takes.
    pub auth_provider: ProviderRule,
    /// The authType values the row takes.
    pub auth_types: &'static [&'static str],
    /// What the row is for.
    pub use_for: &'static str,
}

/// The combination table from the OpenAPI seed's request-body description.
pub const COMBINATIONS: &[ConnectionCombination] = &[
    ConnectionCombination {
        platform_connection_type: "COMPONENT_BASIC",
        auth_provider: ProviderRule::OneOf(&["NONE"]),
        auth_types: &["GENERIC_SECRET"],
        use_for: "simple secret definitions",
    },
    ConnectionCombination {
        platform_connection_type: "COMPONENT_BASIC",
        auth_provider: ProviderRule::ConnectorName,
        auth_types: &["OAUTH_CLIENT_CRED", "OAUTH_USER_TOKENS", "OAUTH_AUTHORIZATION_CODE"],
        use_for: "OAuth secrets stored for the named provider",
    },
    ConnectionCombination {
        platform_connection_type: "COMPONENT_BASIC",
        auth_provider: ProviderRule::OneOf(&["netsuite"]),
        auth_types: &["COMPOSITE_TOKEN"],
        use_for: "NetSuite composite-token secrets",
    },
    ConnectionCombination {
        platform_connection_type: "COMPONENT_BASIC",
        auth_provider: ProviderRule::OneOf(&["x-ads"]),
        auth_types: &["OAUTH_1_0_X_ADS"],
        use_for: "X Ads OAuth 1.0 secrets",
    },
    ConnectionCombination {
        platform_connection_type: "CLOUD_PLATFORM_CREDENTIALS",
        auth_provider: ProviderRule::OneOf(&["aws", "gcp", "azure"]),
        auth_types: &["CLOUD_PROVIDER_SECRET"],
        use_for: "AWS, GCP or Azure cloud credentials",
    },
];

/// Providers that the table names exactly; a different case of one is a typo, not a connector.
const FIXED_PROVIDERS: &[&str] = &["NONE", "netsuite", "x-ads", "aws", "gcp", "azure"];

/// Whether a combination is a row of the table.
pub fn is_valid_combination(platform_connection_type: &str, auth_provider: &str, auth_type: &str) -> bool {
    COMBINATIONS.iter().any(|row| {
        row.platform_connection_type == platform_connection_type && row.auth_provider.accepts(auth_provider) && row.auth_types.contains(&auth_type)
    })
}

const SHAPE: Shape<'static> = Shape::new(
    &["name", "platformConnectionType", "authProvider", "authType", "connectionDetails"],
    &["name", "platformConnectionType", "authProvider", "authType"],
);
const DETAILS: Shape<'static> = Shape::new(&["description", "secretsLocation", "connectionProperties"], &[]);

/// Validates a createProjectConnection body.
pub(crate) fn validate<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    let Some(map) = object(sink, at, body, &SHAPE) else { return };
    string_member(sink, at, map, "name", 1);
    let pct = enum_member(sink, at, map, "platformConnectionType", PlatformConnectionType::VALUES, Case::Exact);
    sink.variant = pct;
    let provider = member(map, "authProvider").and_then(|raw| string(sink, &at.key("authProvider"), raw, 1, None));
    let auth_type = enum_member(sink, at, map, "authType", AuthType::VALUES, Case::Exact);
    if let (Some(pct), Some(provider), Some(auth_type)) = (pct, provider, auth_type) {
        if !provider.is_empty() {
            combination(sink, at, pct, provider, auth_type);
        }
    }
    if let Some(details) = member(map, "connectionDetails") {
        let at = at.key("connectionDetails");
        if let Some(details_map) = object(sink, &at, details, &DETAILS) {
            string_member(sink, &at, details_map, "description", 0);
            if let Some(location) = member(details_map, "secretsLocation") {
                vault::validate(sink, &at.key("secretsLocation"), location);
            }
            if let Some(properties) = member(details_map, "connectionProperties") {
                connection_properties(sink, &at.key("connectionProperties"), properties, pct);
            }
        }
    }
}

/// Reports a combination that is not a row of the table, at the member most likely to be wrong.
///
/// A single-member fix is preferred, and among those the member the user most likely did not
/// mean: `authType` when the provider is a deliberate choice (a provider the table names, or a
/// connector name), `platformConnectionType` next, `authProvider` last — except `NONE`, which is
/// the absence of a provider rather than a choice. A provider that is a near miss of one the table
/// names (`NETSUITE`, `x_ads`) is a typo. The message also names the other fixes.
fn combination(sink: &mut Sink, at: &Pointer<'_>, pct: &str, provider: &str, auth_type: &str) {
    if is_valid_combination(pct, provider, auth_type) {
        return;
    }
    let typo = (!FIXED_PROVIDERS.contains(&provider))
        .then(|| crate::rules::suggest(provider, FIXED_PROVIDERS.iter().copied()))
        .flatten()
        .filter(|fixed| is_valid_combination(pct, fixed, auth_type));
    if let Some(fixed) = typo {
        sink.error(
            &at.key("authProvider"),
            Code::Combination,
            format!("`authProvider` is case-sensitive and must be written exactly; got {}; did you mean `{fixed}`?", quote(provider)),
        );
        return;
    }
    let rows =
        |keep: &dyn Fn(&ConnectionCombination) -> bool| -> Vec<&ConnectionCombination> { COMBINATIONS.iter().filter(|row| keep(row)).collect() };
    let auth_types: Vec<&str> = rows(&|row| row.platform_connection_type == pct && row.auth_provider.accepts(provider))
        .iter()
        .flat_map(|row| row.auth_types.iter().copied())
        .collect();
    let providers: Vec<String> = rows(&|row| row.platform_connection_type == pct && row.auth_types.contains(&auth_type))
        .iter()
        .map(|row| row.auth_provider.describe())
        .collect();
    let types: Vec<&str> = rows(&|row| row.auth_provider.accepts(provider) && row.auth_types.contains(&auth_type))
        .iter()
        .map(|row| row.platform_connection_type)
        .collect();
    let fix_auth_type = (!auth_types.is_empty()).then(|| format!("`authType` {}", one_of(&auth_types)));
    let fix_provider = (!providers.is_empty()).then(|| format!("`authProvider` {}", crate::rules::joined(&providers, " or ")));
    let fix_type = (!types.is_empty()).then(|| format!("`platformConnectionType` {}", one_of(&types)));
    let mut fixes = if provider == "NONE" {
        vec![("authProvider", &fix_provider), ("authType", &fix_auth_type), ("platformConnectionType", &fix_type)]
    } else {
        vec![("authType", &fix_auth_type), ("platformConnectionType", &fix_type), ("authProvider", &fix_provider)]
    };
    fixes.retain(|(_, fix)| fix.is_some());
    let combo = format!("`{pct}` + {} + `{auth_type}`", quote(provider));
    let Some((member, Some(first))) = fixes.first().copied() else {
        // No single-member fix: list the valid pairs for this type, and what the provider takes.
        let pairs: Vec<String> = rows(&|row| row.platform_connection_type == pct)
            .iter()
            .map(|row| format!("{} with {}", row.auth_provider.describe(), one_of(row.auth_types)))
            .collect();
        let takes: Vec<String> = rows(&|row| row.auth_provider.accepts(provider))
            .iter()
            .map(|row| format!("`{}` with `authType` {}", row.platform_connection_type, one_of(row.auth_types)))
            .collect();
        let takes = if takes.is_empty() {
            String::new()
        } else {
            format!("; `authProvider` {} takes {}", quote(provider), crate::rules::joined(&takes, ", or "))
        };
        let hint =
            if FIXED_PROVIDERS.contains(&provider) { String::new() } else { crate::rules::did_you_mean(provider, FIXED_PROVIDERS.iter().copied()) };
        let message = format!("{combo} is not a valid combination; valid pairs for `{pct}` are: {}{takes}{hint}", crate::rules::joined(&pairs, "; "));
        sink.error(&at.key("authProvider"), Code::Combination, message);
        return;
    };
    // Owned like the other joined lists, so that one `joined` serves them all.
    let others: Vec<String> = fixes.iter().skip(1).filter_map(|(_, fix)| (*fix).clone()).collect();
    let alternatives = if others.is_empty() { String::new() } else { format!(" (or use {})", crate::rules::joined(&others, ", or ")) };
    // When the provider is itself the problem, say what it is for.
    let note = if member == "authProvider" {
        let takes: Vec<String> = rows(&|row| {
            row.auth_provider.accepts(provider)
                || matches!(row.auth_provider, ProviderRule::OneOf(v) if v.iter().any(|f| f.eq_ignore_ascii_case(provider)))
        })
        .iter()
        .map(|row| format!("`{}` with `authType` {}", row.platform_connection_type, one_of(row.auth_types)))
        .collect();
        let case = FIXED_PROVIDERS
            .iter()
            .find(|f| f.eq_ignore_ascii_case(provider) && **f != provider)
            .map_or_else(String::new, |f| format!(" (`authProvider` is case-sensitive: `{f}`)"));
        if takes.is_empty() { case } else { format!("; {} is for {}{case}", quote(provider), crate::rules::joined(&takes, ", or ")) }
    } else {
        String::new()
    };
    sink.error(&at.key(member), Code::Combination, format!("{combo} is not a valid combination: use {first}{alternatives}{note}"));
}

/// The `connectionProperties` members of each `platformConnectionType`.
pub const CONNECTION_PROPERTY_MEMBERS: &[(&str, &[&str])] =
    &[("COMPONENT_BASIC", &["secretName", "secretKey"]), ("CLOUD_PLATFORM_CREDENTIALS", &["credentialSecretName"])];

fn connection_properties<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N, pct: Option<&str>) {
    let required: &[&str] = if pct == Some("COMPONENT_BASIC") { &["secretName"] } else { &[] };
    let variants = Variants { table: CONNECTION_PROPERTY_MEMBERS, chosen: pct, noun: "connections", required: false };
    let shape = Shape { known: &[], required, variants: Some(variants) };
    let Some(map) = object(sink, at, value, &shape) else { return };
    for name in ["secretName", "credentialSecretName"] {
        if let Some(secret) = string_member(sink, at, map, name, 1) {
            sink.refers(ReferenceKind::Secret, secret);
        }
    }
    string_member(sink, at, map, "secretKey", 1);
    if pct == Some("CLOUD_PLATFORM_CREDENTIALS") && !map.contains_key("credentialSecretName") {
        sink.warn(
            &at.key("credentialSecretName"),
            Code::Recommended,
            "`credentialSecretName` names the secret that holds the cloud credentials; every documented example sets it".to_owned(),
        );
    }
}

/// The body of createProjectConnection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateProjectConnection {
    /// The connection name, unique in the project.
    pub name: String,
    /// `COMPONENT_BASIC` or `CLOUD_PLATFORM_CREDENTIALS`.
    pub platform_connection_type: PlatformConnectionType,
    /// `NONE`, a connector name, `netsuite`, `x-ads`, `aws`, `gcp` or `azure` (see [`COMBINATIONS`]).
    pub auth_provider: String,
    /// The kind of secret referenced.
    pub auth_type: AuthType,
    /// Where the secret is and what it is called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_details: Option<ConnectionDetails>,
}

/// The details of a project connection.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionDetails {
    /// An optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The vault that holds the secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets_location: Option<VaultLocation>,
    /// The secret's name (and key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_properties: Option<ConnectionProperties>,
}

/// The secret a connection references; the variant follows `platformConnectionType`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ConnectionProperties {
    /// For `COMPONENT_BASIC` connections.
    #[serde(rename_all = "camelCase")]
    ComponentBasic {
        /// The secret's name.
        secret_name: String,
        /// The key inside the secret (optional).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        secret_key: Option<String>,
    },
    /// For `CLOUD_PLATFORM_CREDENTIALS` connections.
    #[serde(rename_all = "camelCase")]
    CloudPlatformCredentials {
        /// The secret holding the cloud credentials.
        credential_secret_name: String,
    },
}

/// A project connection as the server returns it (201 of create, items of the list).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectConnection {
    /// The connection id (present in the OpenAPI examples, absent from the guide's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The connection name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The kind of connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_connection_type: Option<PlatformConnectionType>,
    /// The auth provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_provider: Option<String>,
    /// The kind of secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<AuthType>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When it was created (with or without zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<Timestamp>,
    /// The project it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Its details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_details: Option<ConnectionDetailsResponse>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A connection's details as the server returns them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionDetailsResponse {
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The vault location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets_location: Option<SecretsLocationResponse>,
    /// The secret's name and key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_properties: Option<ConnectionPropertiesResponse>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A vault location as the server returns it (any type kept).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretsLocationResponse {
    /// The vault type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub vault_type: Option<VaultType>,
    /// AWS region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Azure vault name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault_name: Option<String>,
    /// GCP project id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcp_project_id: Option<String>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Connection properties as the server returns them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionPropertiesResponse {
    /// The secret name (`COMPONENT_BASIC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<String>,
    /// The key in the secret (`COMPONENT_BASIC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key: Option<String>,
    /// The credentials secret (`CLOUD_PLATFORM_CREDENTIALS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_secret_name: Option<String>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
