//! Vault locations (`connectionDetails.secretsLocation` of a project connection).
//!
//! Follows the OpenAPI `VaultLocation` schema (discriminator `type`) and its five variants, and
//! the provisioning guide's examples. The guide writes `MAIA_CUSTOMER_VAULT` where the OpenAPI enum
//! has `MATILLION_CUSTOMER_VAULT`: the alias is accepted with a warning and the OpenAPI value is
//! sent. A member of another variant (`vaultName` on an AWS location) is an error.

use super::string_enum;
use crate::json::{Node, Object};
use crate::pointer::Pointer;
use crate::rules::{Shape, Variants, did_you_mean, object, one_of, quote, string, string_member};
use crate::validate::Sink;
use crate::violation::Code;
use serde::{Deserialize, Serialize};

string_enum! {
    /// The kind of vault that holds a connection's secrets.
    VaultType {
        /// AWS Secrets Manager (optional `region`).
        AwsSecretManager = "AWS_SECRET_MANAGER",
        /// Azure Key Vault (optional `vaultName`).
        AzureSecretManager = "AZURE_SECRET_MANAGER",
        /// GCP Secret Manager (optional `gcpProjectId`).
        GcpSecretManager = "GCP_SECRET_MANAGER",
        /// The Maia-hosted vault.
        MatillionCustomerVault = "MATILLION_CUSTOMER_VAULT",
        /// The account's default vault.
        DefaultSecretVault = "DEFAULT_SECRET_VAULT",
    }
}

/// Accepted aliases of vault types, with the value that is sent instead.
pub const VAULT_TYPE_ALIASES: &[(&str, &str)] = &[("MAIA_CUSTOMER_VAULT", "MATILLION_CUSTOMER_VAULT")];

/// The members each vault type takes besides `type`.
pub const VAULT_MEMBERS: &[(&str, &[&str])] = &[
    ("AWS_SECRET_MANAGER", &["region"]),
    ("AZURE_SECRET_MANAGER", &["vaultName"]),
    ("GCP_SECRET_MANAGER", &["gcpProjectId"]),
    ("MATILLION_CUSTOMER_VAULT", &[]),
    ("DEFAULT_SECRET_VAULT", &[]),
];

/// The canonical vault type for a value or alias.
fn canonical(value: &str) -> Option<&'static str> {
    VaultType::VALUES.iter().copied().find(|known| *known == value).or_else(|| alias_target(value))
}

/// The vault type an alias stands for (`MAIA_CUSTOMER_VAULT` → `MATILLION_CUSTOMER_VAULT`).
fn alias_target(vault_type: &str) -> Option<&'static str> {
    VAULT_TYPE_ALIASES.iter().find(|(alias, _)| *alias == vault_type).map(|(_, target)| *target)
}

/// Validates a `secretsLocation` object.
pub(crate) fn validate<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N) {
    let vault_type = match value.get("type").filter(|t| !t.is_null()) {
        None if value.is_object() => {
            sink.error(&at.key("type"), Code::Required, format!("a `secretsLocation` needs a `type`: one of {}", one_of(VaultType::VALUES)));
            None
        }
        None => None,
        Some(raw) => vault_type(sink, &at.key("type"), raw),
    };
    let variants = Variants { table: VAULT_MEMBERS, chosen: vault_type, noun: "locations", required: false };
    let Some(map) = object(sink, at, value, &Shape { known: &["type"], required: &[], variants: Some(variants) }) else { return };
    check_strings(sink, at, map);
}

fn check_strings<O: Object>(sink: &mut Sink, at: &Pointer<'_>, map: &O) {
    for name in ["region", "vaultName", "gcpProjectId"] {
        string_member(sink, at, map, name, 1);
    }
}

fn vault_type<N: Node>(sink: &mut Sink, at: &Pointer<'_>, raw: &N) -> Option<&'static str> {
    let text = string(sink, at, raw, 1, None)?;
    if text.is_empty() {
        return None;
    }
    let found = canonical(text);
    match found {
        Some(canonical) if canonical != text => {
            sink.warn(at, Code::Alias, format!("{} is an alias of `{canonical}`; `{canonical}` is sent", quote(text)));
            sink.send_as(raw, canonical);
        }
        Some(_) => {}
        None => {
            let hint = did_you_mean(text, VaultType::VALUES.iter().copied());
            sink.error(at, Code::Enum, format!("`type` must be {}; got {}{hint}", one_of(VaultType::VALUES), quote(text)));
        }
    }
    found
}

/// Where a connection's secrets live.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum VaultLocation {
    /// AWS Secrets Manager.
    #[serde(rename = "AWS_SECRET_MANAGER")]
    AwsSecretManager {
        /// The AWS region (optional).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    /// Azure Key Vault.
    #[serde(rename = "AZURE_SECRET_MANAGER", rename_all = "camelCase")]
    AzureSecretManager {
        /// The key vault name (optional).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vault_name: Option<String>,
    },
    /// GCP Secret Manager.
    #[serde(rename = "GCP_SECRET_MANAGER", rename_all = "camelCase")]
    GcpSecretManager {
        /// The GCP project id (optional).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        gcp_project_id: Option<String>,
    },
    /// The Maia-hosted vault (`MAIA_CUSTOMER_VAULT` is read as this too).
    #[serde(rename = "MATILLION_CUSTOMER_VAULT", alias = "MAIA_CUSTOMER_VAULT")]
    MatillionCustomerVault,
    /// The account's default vault.
    #[serde(rename = "DEFAULT_SECRET_VAULT")]
    DefaultSecretVault,
}
