//! Repositories: `POST /v1/projects/{projectId}/repositories` (createRepository) and
//! `POST /v1/projects/{projectId}/repositories/token` (rotateRepositoryToken).
//!
//! Follows the provisioning guide, section "Initialize Repository": GitHub (`ownerName`),
//! Azure DevOps (`organization`, `repositoryId`, `tenantId`; the ids must be Entra/DevOps GUIDs,
//! any case, and a guide placeholder left in place is named as one) and GitLab (`repositoryId`, plus the service-account personal access token in the
//! `Git-Provider-Access-Token` header). `repositoryName` has 1–255 characters. Both respond `{}`.

use super::string_enum;
use crate::json::Node;
use crate::operation::GIT_TOKEN_HEADER;
use crate::pointer::Pointer;
use crate::rules::{Case, Shape, Variants, enum_member, is_uuid, lenient_string, member, object, quote, string};
use crate::validate::{Sink, TokenParam};
use crate::violation::Code;
use serde::{Deserialize, Serialize};

string_enum! {
    /// A Git provider.
    GitProvider {
        /// GitHub (Maia GitHub App).
        Github = "github",
        /// Azure DevOps (Maia Entra service principal).
        AzureDevops = "azure-devops",
        /// GitLab (service-account personal access token).
        Gitlab = "gitlab",
    }
}

/// The `providerParameters` members of each provider.
pub const PROVIDER_PARAMETERS: &[(&str, &[&str])] =
    &[("github", &["ownerName"]), ("azure-devops", &["organization", "repositoryId", "tenantId"]), ("gitlab", &["repositoryId"])];

/// Longest repository name the API accepts.
pub const MAX_REPOSITORY_NAME: usize = 255;

const SHAPE: Shape<'static> =
    Shape::new(&["provider", "providerParameters", "repositoryName"], &["provider", "providerParameters", "repositoryName"]);
const ALL_PARAMETERS: &[&str] = &["ownerName", "organization", "repositoryId", "tenantId"];

/// Validates a createRepository body; the provider, when it is known, is the facts' variant.
pub(crate) fn validate<N: Node>(sink: &mut Sink, at: &Pointer<'_>, body: &N) {
    let Some(map) = object(sink, at, body, &SHAPE) else { return };
    if let Some(name) = member(map, "repositoryName") {
        string(sink, &at.key("repositoryName"), name, 1, Some(MAX_REPOSITORY_NAME));
    }
    let provider = enum_member(sink, at, map, "provider", GitProvider::VALUES, Case::Exact);
    sink.variant = provider;
    if let Some(parameters) = member(map, "providerParameters") {
        provider_parameters(sink, &at.key("providerParameters"), parameters, provider);
    }
}

fn provider_parameters<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N, provider: Option<&'static str>) {
    let own: &[&str] = provider.and_then(|p| PROVIDER_PARAMETERS.iter().find(|(name, _)| *name == p)).map_or(ALL_PARAMETERS, |(_, m)| m);
    let variants = Variants { table: PROVIDER_PARAMETERS, chosen: provider, noun: "repositories", required: true };
    let Some(map) = object(sink, at, value, &Shape { known: &[], required: &[], variants: Some(variants) }) else { return };
    for name in own {
        let Some(raw) = member(map, name) else { continue };
        let at_member = at.key(name);
        let text = if provider == Some("gitlab") && *name == "repositoryId" {
            // GitLab project ids are numbers; the API takes them as strings.
            if !lenient_string(sink, &at_member, raw) {
                continue;
            }
            if let Some(text) = raw.scalar_text() {
                sink.send_as(raw, text);
            }
            raw.as_str()
        } else {
            string(sink, &at_member, raw, 1, None)
        };
        let Some(text) = text else { continue };
        if text.is_empty() {
            if raw.as_str() == Some("") && provider == Some("gitlab") {
                sink.error(&at_member, Code::MinLength, format!("`{name}` must not be empty"));
            }
            continue;
        }
        if provider == Some("azure-devops") && matches!(*name, "repositoryId" | "tenantId") && !is_uuid(text) {
            let what = if is_placeholder(text) { "is still the guide's placeholder" } else { "must be a GUID; got" };
            let message = format!("`{name}` {what} {}; put the GUID from Azure here", quote(text));
            sink.error(&at_member, Code::Pattern, message);
        }
    }
}

/// Whether `text` is one of the guide's placeholders: `{azure-devops-repository-id}` or `<tenant-id>`.
fn is_placeholder(text: &str) -> bool {
    matches!((text.as_bytes().first(), text.as_bytes().last()), (Some(b'{'), Some(b'}')) | (Some(b'<'), Some(b'>')))
}

/// Checks the `Git-Provider-Access-Token` header against the provider.
pub(crate) fn check_token_header(sink: &mut Sink, header: &Pointer<'_>, token: Option<&TokenParam>, provider: Option<&str>, always_required: bool) {
    let at = header.key(GIT_TOKEN_HEADER);
    match token {
        None if always_required || provider == Some("gitlab") => {
            let why = if always_required {
                "this request carries the new GitLab token"
            } else {
                "GitLab repositories need the service-account personal access token"
            };
            sink.error(&at, Code::Required, format!("the `{GIT_TOKEN_HEADER}` header is required: {why}"));
        }
        None => {}
        Some(TokenParam::Text(token)) => {
            let text = token.expose();
            if text.is_empty() {
                sink.error(&at, Code::MinLength, format!("the `{GIT_TOKEN_HEADER}` header must not be empty"));
            } else if text.bytes().any(|b| !b.is_ascii() || b.is_ascii_control()) {
                // Never quote a token.
                sink.error(
                    &at,
                    Code::Pattern,
                    format!("the `{GIT_TOKEN_HEADER}` header holds a line break or a non-ASCII character; copy the token again"),
                );
            } else if text.trim() != text {
                // Never quote a token.
                sink.warn(
                    &at,
                    Code::Pattern,
                    format!("the `{GIT_TOKEN_HEADER}` header has spaces before or after the token; they are sent as they are: copy the token alone"),
                );
            }
            if !always_required && provider.is_some() && provider != Some("gitlab") {
                sink.warn(&at, Code::Ignored, format!("the `{GIT_TOKEN_HEADER}` header is only read for `gitlab` repositories; it is not sent"));
            }
        }
        Some(TokenParam::Other(kind)) => sink.error(&at, Code::Type, format!("the `{GIT_TOKEN_HEADER}` header must be a string; got {kind}")),
    }
}

/// The body of createRepository.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRepository {
    /// The provider and its parameters.
    #[serde(flatten)]
    pub provider: RepositoryProvider,
    /// The repository's name (1–255 characters).
    pub repository_name: String,
}

/// A Git provider with its parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "provider", content = "providerParameters")]
#[non_exhaustive]
pub enum RepositoryProvider {
    /// GitHub.
    #[serde(rename = "github", rename_all = "camelCase")]
    Github {
        /// The GitHub organization or user.
        owner_name: String,
    },
    /// Azure DevOps.
    #[serde(rename = "azure-devops", rename_all = "camelCase")]
    AzureDevops {
        /// The Azure DevOps organization.
        organization: String,
        /// The repository GUID.
        repository_id: String,
        /// The Entra tenant GUID.
        tenant_id: String,
    },
    /// GitLab (send the token in the `Git-Provider-Access-Token` header).
    #[serde(rename = "gitlab", rename_all = "camelCase")]
    Gitlab {
        /// The GitLab project id.
        repository_id: String,
    },
}
