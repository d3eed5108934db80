//! Secret values: `POST /v1/secrets/{agentId}/secret-value` (createSecretValue), Full SaaS only.
//!
//! Follows the provisioning guide, sections "Create Secret - Full SaaS only" and "Create a cloud
//! credential secret in a Full SaaS vault". The endpoint takes two body shapes, chosen by a
//! top-level `secret` member:
//! - flat, for warehouse credentials: `{name, type: DWH_PASSWORD, key, value: {<key>: "…"}}`;
//! - wrapped, for cloud credentials: `{secret: {name, type: CLOUD_PLATFORM_CREDENTIALS, value:
//!   {type: aws | azure | gcp, …}}}`.
//!
//! A value that carries a PEM armor line is checked as a private key ([`crate::pem`]).
//! Every secret member is redacted when a request is printed.

use super::string_enum;
use crate::json::{Node, Object};
use crate::pem;
use crate::pointer::Pointer;
use crate::redact::Secret;
use crate::rules::{Case, Shape, Variants, enum_member, kind, member, object, quote, string, string_member};
use crate::validate::{Change, Edit, Sink, address};
use crate::violation::Code;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

string_enum! {
    /// The type of a secret value.
    SecretType {
        /// A warehouse password or private key (flat body).
        DwhPassword = "DWH_PASSWORD",
        /// Cloud-platform credentials (wrapped body).
        CloudPlatformCredentials = "CLOUD_PLATFORM_CREDENTIALS",
    }
}

string_enum! {
    /// The cloud of a cloud-credentials secret.
    CloudProvider {
        /// Amazon Web Services.
        Aws = "aws",
        /// Microsoft Azure.
        Azure = "azure",
        /// Google Cloud.
        Gcp = "gcp",
    }
}

/// The members each cloud's credentials need besides `type` (all of them secret).
pub const CLOUD_CREDENTIAL_MEMBERS: &[(&str, &[&str])] =
    &[("aws", &["accessKeyID", "secretKey"]), ("azure", &["tenantID", "clientID", "secretKey"]), ("gcp", &["serviceAccount"])];

const FLAT: Shape<'static> = Shape::new(&["name", "type", "key", "value"], &["name", "type", "key", "value"]);
const WRAPPER: Shape<'static> = Shape::new(&["secret"], &["secret"]);
const WRAPPED: Shape<'static> = Shape::new(&["name", "type", "value"], &["name", "type", "value"]);

/// Validates a createSecretValue body of either shape; its redacted copy shows only
/// [`public_strings`].
pub(crate) fn validate<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    if body.get("secret").is_some() {
        validate_wrapped(sink, at, body);
    } else {
        validate_flat(sink, at, body);
    }
}

/// The strings of a secret body that its redacted copy prints in clear: every string is secret
/// but the members known not to be (`name`, `type`, `key`; `secret.name`, `secret.type`,
/// `secret.value.type`), since an undocumented member may hold a secret too.
pub(crate) fn public_strings<N: Node>(body: &N) -> Vec<Edit> {
    let wrapped = body.get("secret");
    let public = [
        body.get("name"),
        body.get("type"),
        body.get("key"),
        wrapped.and_then(|secret| secret.get("name")),
        wrapped.and_then(|secret| secret.get("type")),
        wrapped.and_then(|secret| secret.get("value")).and_then(|value| value.get("type")),
    ];
    public.into_iter().flatten().map(|node| Edit { node: address(node), change: Change::Public }).collect()
}

fn validate_flat<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    let Some(map) = object(sink, at, body, &FLAT) else { return };
    string_member(sink, at, map, "name", 1);
    if let Some(raw) = member(map, "type") {
        if raw.as_str() == Some("CLOUD_PLATFORM_CREDENTIALS") {
            sink.error(
                &at.key("type"),
                Code::Enum,
                "`CLOUD_PLATFORM_CREDENTIALS` secrets use the wrapped shape `{\"secret\": {\"name\", \"type\", \"value\"}}`; the flat shape takes `DWH_PASSWORD`".to_owned(),
            );
        } else {
            sink.variant = crate::rules::enumeration(sink, &at.key("type"), raw, &["DWH_PASSWORD"], Case::Exact);
        }
    }
    let mut key = string_member(sink, at, map, "key", 1);
    if key.is_some_and(crate::redact::looks_secret) {
        // The credential itself was pasted into `key`: never repeat it, not even in a pointer.
        sink.error(
            &at.key("key"),
            Code::KeyMismatch,
            "`key` must name a member of `value`, and this one looks like the credential itself; paste the credential into `value.password` and set `key` to `password`".to_owned(),
        );
        key = None;
    }
    let Some(value) = member(map, "value") else { return };
    let at_value = at.key("value");
    let Some(value_map) = value.as_object() else {
        let hint = key.filter(|k| !k.is_empty()).map_or_else(String::new, |k| format!(" such as `{{\"{k}\": \"…\"}}`"));
        sink.error(&at_value, Code::Type, format!("`value` must be an object that holds the credential under `key`{hint}; got {}", kind(value)));
        return;
    };
    if let Some(key) = key.filter(|k| !k.is_empty()) {
        if !value_map.contains_key(key) {
            // Member names that may be the secret itself are not offered as suggestions.
            let members: Vec<&str> = value_map.keys().filter(|name| !crate::redact::may_be_secret_name(name)).collect();
            let message = match crate::rules::suggest(key, members.iter().copied()) {
                Some(found) => {
                    let found = quote(found);
                    format!("`value` has no member {} although `key` names it: set `key` to {found} (did you mean {found}?)", quote(key))
                }
                None => {
                    format!("`value` has no member {} although `key` names it; put the credential under {} or change `key`", quote(key), quote(key))
                }
            };
            sink.error(&at_value.key(key), Code::KeyMismatch, message);
        }
        let mut hidden = 0;
        for other in value_map.keys().filter(|member| *member != key) {
            if crate::redact::may_be_secret_name(other) {
                hidden += 1;
                continue;
            }
            sink.warn(
                &at_value.key(other),
                Code::Ignored,
                format!("`value` member {} is not read: only the member named by `key` ({}) is", quote(other), quote(key)),
            );
        }
        if hidden > 0 {
            // Its name may be the password pasted in the wrong place: said without it, at `/value`.
            let members = if hidden == 1 { "a member" } else { "members" };
            sink.warn(
                &at_value,
                Code::Ignored,
                format!("`value` has {members} whose name is not a plain word (it may be a pasted secret, so it is not shown); only the member named by `key` ({}) is read", quote(key)),
            );
        }
    }
    for (member, credential) in value_map.entries() {
        let at_member = if crate::redact::may_be_secret_name(member) { at_value } else { at_value.key(member) };
        match credential.as_str() {
            None => sink.error(&at_member, Code::Type, format!("{} must be a string; got {}", label(&at_member, member), kind(credential))),
            Some("") => sink.error(&at_member, Code::MinLength, format!("{} must not be empty", label(&at_member, member))),
            Some(text) if pem::has_armor(text) => pem::check(sink, &at_member, text),
            Some(_) => {}
        }
    }
}

/// How a message names a member of a secret `value`: by its name when that is a plain word,
/// else without it.
fn label(at: &Pointer<'_>, member: &str) -> String {
    if crate::redact::may_be_secret_name(member) { "a member of `value`".to_owned() } else { at.label().to_string() }
}

fn validate_wrapped<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    let Some(map) = object(sink, at, body, &WRAPPER) else { return };
    let Some(secret) = member(map, "secret") else { return };
    let at = at.key("secret");
    let Some(secret_map) = object(sink, &at, secret, &WRAPPED) else { return };
    string_member(sink, &at, secret_map, "name", 1);
    if let Some(raw) = member(secret_map, "type") {
        if raw.as_str() == Some("DWH_PASSWORD") {
            sink.error(
                &at.key("type"),
                Code::Enum,
                "`DWH_PASSWORD` secrets use the flat shape `{\"name\", \"type\", \"key\", \"value\"}` without the `secret` wrapper".to_owned(),
            );
        } else {
            crate::rules::enumeration(sink, &at.key("type"), raw, &["CLOUD_PLATFORM_CREDENTIALS"], Case::Exact);
        }
    }
    let Some(value) = member(secret_map, "value") else { return };
    let at_value = at.key("value");
    let Some(value_map) = value.as_object() else {
        sink.error(
            &at_value,
            Code::Type,
            format!("`value` must be an object such as `{{\"type\": \"aws\", \"accessKeyID\": \"…\", \"secretKey\": \"…\"}}`; got {}", kind(value)),
        );
        return;
    };
    let provider = enum_member(sink, &at_value, value_map, "type", CloudProvider::VALUES, Case::Exact);
    sink.variant = provider;
    if !value_map.contains_key("type") {
        sink.error(&at_value.key("type"), Code::Required, "`value` needs a `type`: `aws`, `azure` or `gcp`".to_owned());
    }
    let own: &[&str] = provider.and_then(|p| CLOUD_CREDENTIAL_MEMBERS.iter().find(|(name, _)| *name == p)).map_or(&[], |(_, m)| m);
    let variants = Variants { table: CLOUD_CREDENTIAL_MEMBERS, chosen: provider, noun: "credentials", required: true };
    object(sink, &at_value, value, &Shape { known: &["type"], required: &[], variants: Some(variants) });
    for member in own {
        let Some(raw) = value_map.get(member) else { continue };
        let at_member = at_value.key(member);
        if *member == "serviceAccount" && raw.is_object() {
            sink.error(
                &at_member,
                Code::Type,
                "`serviceAccount` must be the key file's JSON as one string (for example `json.dumps(key)` or `JSON.stringify(key)`), not an object"
                    .to_owned(),
            );
            continue;
        }
        let Some(text) = string(sink, &at_member, raw, 1, None) else { continue };
        // Text that does not start with `{` is no JSON object: known without parsing it.
        let object_start = text.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{');
        if *member == "serviceAccount"
            && !text.is_empty()
            && !(object_start && crate::json::parse(text.as_bytes()).is_ok_and(|tree| tree.is_object()))
        {
            sink.warn(
                &at_member,
                Code::Json,
                "`serviceAccount` should be the service-account key file's JSON as one string; this text is not a JSON object".to_owned(),
            );
        }
    }
}

/// A createSecretValue body: flat for warehouse credentials, wrapped for cloud credentials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CreateSecretValue {
    /// `{secret: {name, type: CLOUD_PLATFORM_CREDENTIALS, value}}`.
    Cloud {
        /// The wrapped secret.
        secret: CloudCredentialsSecret,
    },
    /// `{name, type: DWH_PASSWORD, key, value: {<key>: …}}`.
    Warehouse(WarehouseSecret),
}

/// A warehouse password or private key (the flat body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarehouseSecret {
    /// The secret's name, referenced by environments.
    pub name: String,
    /// `DWH_PASSWORD`.
    #[serde(rename = "type")]
    pub secret_type: SecretType,
    /// The member of `value` that holds the credential.
    pub key: String,
    /// The credential under `key` (a password or a PEM private key with real line breaks).
    pub value: BTreeMap<String, Secret>,
}

impl WarehouseSecret {
    /// A `DWH_PASSWORD` secret holding `credential` under `key`.
    pub fn new(name: impl Into<String>, key: impl Into<String>, credential: Secret) -> WarehouseSecret {
        let key = key.into();
        let mut value = BTreeMap::new();
        value.insert(key.clone(), credential);
        WarehouseSecret { name: name.into(), secret_type: SecretType::DwhPassword, key, value }
    }
}

/// Cloud credentials (the wrapped body's `secret`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloudCredentialsSecret {
    /// The secret's name, referenced by `credentialSecretName`.
    pub name: String,
    /// `CLOUD_PLATFORM_CREDENTIALS`.
    #[serde(rename = "type")]
    pub secret_type: SecretType,
    /// The credentials.
    pub value: CloudCredentials,
}

/// The credentials of one cloud.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum CloudCredentials {
    /// AWS access key.
    #[serde(rename = "aws")]
    Aws {
        /// The access key id.
        #[serde(rename = "accessKeyID")]
        access_key_id: Secret,
        /// The secret access key.
        #[serde(rename = "secretKey")]
        secret_key: Secret,
    },
    /// Azure service principal.
    #[serde(rename = "azure")]
    Azure {
        /// The directory (tenant) id.
        #[serde(rename = "tenantID")]
        tenant_id: Secret,
        /// The application (client) id.
        #[serde(rename = "clientID")]
        client_id: Secret,
        /// The client secret.
        #[serde(rename = "secretKey")]
        secret_key: Secret,
    },
    /// Google Cloud service account.
    #[serde(rename = "gcp")]
    Gcp {
        /// The service-account key file's JSON, as one string.
        #[serde(rename = "serviceAccount")]
        service_account: Secret,
    },
}

/// The 201 response of createSecretValue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecretCreated {
    /// The name of the secret in the vault.
    #[serde(rename = "vaultSecretName", default, skip_serializing_if = "Option::is_none")]
    pub vault_secret_name: Option<String>,
    /// The resolver reference, such as `${srs-mhcv:1:DWH_PASSWORD/name@password}`.
    #[serde(rename = "resolver_ref", default, skip_serializing_if = "Option::is_none")]
    pub resolver_ref: Option<String>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
