//! The endpoint table: every provisioning operation described once ([`Endpoint`]: id, method,
//! path template, path and query parameters, headers, body and response kinds, the natural key
//! it creates, whether it is safe to repeat; the summary is [`Operation::summary`]). Validation
//! dispatch, building, parsing, catalogs, descriptors and routing all read this table; ids are
//! the same in every language.

use crate::model::{BodyKind, ResponseKind};
use crate::rules::{did_you_mean, quote};
use serde::Serialize;
use std::fmt;

/// An HTTP method used by the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Method {
    /// `GET`
    #[serde(rename = "GET")]
    Get,
    /// `POST`
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    /// The method as sent (`GET`, `POST`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The header that carries a GitLab service-account personal access token.
pub const GIT_TOKEN_HEADER: &str = "Git-Provider-Access-Token";

/// A provisioning operation of the Maia REST API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `POST /v1/projects`
    CreateProject,
    /// `POST /v1/projects/{projectId}/data-platform-connections`
    CreateDataPlatformConnection,
    /// `POST /v1/secrets/{agentId}/secret-value`
    CreateSecretValue,
    /// `POST /v1/projects/{projectId}/connections`
    CreateProjectConnection,
    /// `POST /v1/projects/{projectId}/environments`
    CreateEnvironment,
    /// `POST /v1/projects/{projectId}/repositories`
    CreateRepository,
    /// `POST /v1/projects/{projectId}/repositories/token`
    RotateRepositoryToken,
    /// `GET /v1/agents`
    ListAgents,
    /// `GET /v1/projects`
    ListProjects,
    /// `GET /v1/projects/{projectId}/environments`
    ListEnvironments,
    /// `GET /v1/projects/{projectId}/connections`
    ListProjectConnections,
}

/// Whether a header is always required or only in some variants of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HeaderRule {
    /// Always required.
    Required,
    /// Required for the `gitlab` provider only.
    RequiredForGitlab,
}

/// A header parameter of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct HeaderParam {
    /// The header name.
    pub name: &'static str,
    /// When it is required.
    pub rule: HeaderRule,
    /// Whether its value is a secret (redacted when printed).
    pub secret: bool,
}

const GIT_TOKEN_REQUIRED: &[HeaderParam] = &[HeaderParam { name: GIT_TOKEN_HEADER, rule: HeaderRule::Required, secret: true }];
const GIT_TOKEN_FOR_GITLAB: &[HeaderParam] = &[HeaderParam { name: GIT_TOKEN_HEADER, rule: HeaderRule::RequiredForGitlab, secret: true }];
const PAGING: &[&str] = &["page", "size"];
/// The connection list's query: paging, and the filter by name (one `connectionNames=…` per name).
const CONNECTION_LIST_QUERY: &[&str] = &["page", "size", "connectionNames"];

/// Largest page size the list endpoints accept.
pub const MAX_PAGE_SIZE: u64 = 100;

impl Operation {
    /// Every operation, in provisioning order.
    pub const ALL: &'static [Operation] = &[
        Operation::CreateProject,
        Operation::CreateDataPlatformConnection,
        Operation::CreateSecretValue,
        Operation::CreateProjectConnection,
        Operation::CreateEnvironment,
        Operation::CreateRepository,
        Operation::RotateRepositoryToken,
        Operation::ListAgents,
        Operation::ListProjects,
        Operation::ListEnvironments,
        Operation::ListProjectConnections,
    ];

    /// The operation's row of the endpoint table.
    pub fn endpoint(self) -> &'static Endpoint {
        // `ENDPOINTS` is in declaration order; a test holds each row to its operation.
        #[allow(clippy::indexing_slicing, reason = "the table has a row per variant, in order")]
        &ENDPOINTS[self as usize]
    }

    /// The camelCase id used in every language (`createProjectConnection`).
    pub fn id(self) -> &'static str {
        self.endpoint().id
    }

    /// The snake_case spelling of the id (`create_project_connection`), accepted by [`Operation::from_id`].
    pub fn snake_id(self) -> String {
        let mut out = String::new();
        for ch in self.id().chars() {
            if ch.is_ascii_uppercase() {
                out.push('_');
                out.push(ch.to_ascii_lowercase());
            } else {
                out.push(ch);
            }
        }
        out
    }

    /// The operation with this id, camelCase or snake_case.
    pub fn from_id(id: &str) -> Result<Operation, UnknownOperation> {
        if let Some(op) = Operation::ALL.iter().copied().find(|op| op.id() == id) {
            return Ok(op);
        }
        // `['c']`, not `'c'`: no memchr and its panic path in the wasm module (see `pem::find_dashed`).
        if id.contains(['_']) {
            let squashed: String = id.chars().filter(|ch| *ch != '_').collect();
            if let Some(op) = Operation::ALL.iter().copied().find(|op| op.id().eq_ignore_ascii_case(&squashed)) {
                return Ok(op);
            }
        }
        Err(UnknownOperation { message: unknown_operation_message(id) })
    }

    /// The HTTP method.
    pub fn method(self) -> Method {
        self.endpoint().method
    }

    /// The path template, relative to the base URL.
    pub fn path(self) -> &'static str {
        self.endpoint().path
    }

    /// The path parameters, in the order they appear in the path.
    pub fn path_params(self) -> &'static [&'static str] {
        self.endpoint().path_params
    }

    /// The query parameters.
    pub fn query_params(self) -> &'static [&'static str] {
        self.endpoint().query_params
    }

    /// The header parameters (besides `Authorization`, which is applied after building).
    pub fn headers(self) -> &'static [HeaderParam] {
        self.endpoint().headers
    }

    /// Whether the operation sends a JSON body.
    pub fn has_body(self) -> bool {
        self.endpoint().body != BodyKind::None
    }

    /// One sentence on what the operation does. Not a column of [`ENDPOINTS`], which the wasm
    /// module links: only the descriptors show it, and the browser package gets those rendered
    /// at build time.
    pub fn summary(self) -> &'static str {
        match self {
            Operation::CreateProject => "create a project; the response holds its `projectId`",
            Operation::CreateDataPlatformConnection => "create the project's default warehouse connection (Snowflake key pair or Redshift password)",
            Operation::CreateSecretValue => "store a warehouse password or private key, or cloud credentials, in the Maia-hosted vault (Full SaaS)",
            Operation::CreateProjectConnection => "create a component or cloud-credential connection in a project",
            Operation::CreateEnvironment => "create an environment with its default connections and warehouse overrides",
            Operation::CreateRepository => "associate a GitHub, Azure DevOps or GitLab repository with a project",
            Operation::RotateRepositoryToken => "supply a new GitLab personal access token for a project's repository",
            Operation::ListAgents => "list a page of agents",
            Operation::ListProjects => "list a page of projects",
            Operation::ListEnvironments => "list a page of a project's environments",
            Operation::ListProjectConnections => "list a page of a project's connections, or only those named in `connectionNames`",
        }
    }
}

/// What makes a created resource unique, so that a create whose answer was lost can be found
/// again by listing, and a server can refuse a duplicate with 409.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum NaturalKey {
    /// A name member of the body (the first of `paths` that the body has), unique in `scope`;
    /// `listed_by` is the list operation that finds it again by that name, when there is one.
    Name {
        /// Where the name is in the body (member names from the root), one path per body shape.
        paths: &'static [&'static [&'static str]],
        /// Where the name must be unique.
        scope: KeyScope,
        /// The list operation that shows resources with their names.
        listed_by: Option<Operation>,
    },
    /// At most one per project (its repository, its default warehouse connection).
    OnePerProject,
}

impl NaturalKey {
    /// The name this key finds in `body` (`None` for [`NaturalKey::OnePerProject`], or when the
    /// body has no name where the key says).
    pub fn name_in<'b, N: crate::json::Node>(&self, body: &'b N) -> Option<&'b str> {
        let NaturalKey::Name { paths, .. } = self else { return None };
        paths.iter().find_map(move |path| path.iter().try_fold(body, |at, key| at.get(key))?.as_str())
    }
}

/// Where a natural key is unique.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyScope {
    /// Among the account's projects.
    Account,
    /// Among one project's resources (`projectId` in the path).
    Project,
    /// Among one agent's secrets (`agentId` in the path).
    Agent,
}

impl Serialize for Operation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl Operation {
    /// The natural key of what this operation creates; `None` for lists and token rotation.
    pub fn natural_key(self) -> Option<NaturalKey> {
        self.endpoint().natural_key
    }

    /// The natural key's name in `body` (`None` when the operation has no name key or the body
    /// lacks it).
    pub fn key_name(self, body: &serde_json::Value) -> Option<&str> {
        self.natural_key()?.name_in(body)
    }

    /// Whether sending this request twice can never create two resources (reads); a create is
    /// retried only when it is known not to have reached the server.
    pub fn is_idempotent(self) -> bool {
        self.endpoint().idempotent
    }
}

/// One operation of the API, described once. Serializes as the descriptor the bindings'
/// `operations()` return: `{id, method, path, pathParams, queryParams, headers, hasBody, summary}`
/// (the summary is [`Operation::summary`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The operation.
    pub operation: Operation,
    /// The camelCase id (`createProjectConnection`).
    pub id: &'static str,
    /// `GET` or `POST`.
    pub method: Method,
    /// The path template, relative to the base URL (`/v1/projects/{projectId}/connections`).
    pub path: &'static str,
    /// Path parameter names, in path order.
    pub path_params: &'static [&'static str],
    /// Query parameter names.
    pub query_params: &'static [&'static str],
    /// Header parameters (besides `Authorization`).
    pub headers: &'static [HeaderParam],
    /// The body it takes, which names its validator (`hasBody` in the descriptor).
    pub body: BodyKind,
    /// The success response it gets.
    pub response: ResponseKind,
    /// What the create makes unique, when it creates something.
    pub natural_key: Option<NaturalKey>,
    /// Whether repeating it is harmless (reads).
    pub idempotent: bool,
}

impl Endpoint {
    /// One sentence on what it does ([`Operation::summary`]).
    pub fn summary(&self) -> &'static str {
        self.operation.summary()
    }
}

impl Serialize for Endpoint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut row = serializer.serialize_struct("Endpoint", 8)?;
        row.serialize_field("id", self.id)?;
        row.serialize_field("method", &self.method)?;
        row.serialize_field("path", self.path)?;
        row.serialize_field("pathParams", self.path_params)?;
        row.serialize_field("queryParams", self.query_params)?;
        row.serialize_field("headers", self.headers)?;
        row.serialize_field("hasBody", &(self.body != BodyKind::None))?;
        row.serialize_field("summary", self.summary())?;
        row.end()
    }
}

const PROJECT: &[&str] = &["projectId"];
const AGENT: &[&str] = &["agentId"];
const NAME: &[&[&str]] = &[&["name"]];

#[allow(clippy::too_many_arguments, reason = "one row of the table, each argument a column")]
const fn create(
    operation: Operation,
    id: &'static str,
    path: &'static str,
    path_params: &'static [&'static str],
    body: BodyKind,
    response: ResponseKind,
    natural_key: Option<NaturalKey>,
) -> Endpoint {
    Endpoint {
        operation,
        id,
        method: Method::Post,
        path,
        path_params,
        query_params: &[],
        headers: &[],
        body,
        response,
        natural_key,
        idempotent: false,
    }
}

const fn list(operation: Operation, id: &'static str, path: &'static str, path_params: &'static [&'static str], response: ResponseKind) -> Endpoint {
    Endpoint {
        operation,
        id,
        method: Method::Get,
        path,
        path_params,
        query_params: PAGING,
        headers: &[],
        body: BodyKind::None,
        response,
        natural_key: None,
        idempotent: true,
    }
}

/// The endpoint table, in [`Operation`] declaration order (= [`Operation::ALL`]).
pub static ENDPOINTS: [Endpoint; 11] = [
    create(
        Operation::CreateProject,
        "createProject",
        "/v1/projects",
        &[],
        BodyKind::Project,
        ResponseKind::ProjectCreated,
        Some(NaturalKey::Name { paths: NAME, scope: KeyScope::Account, listed_by: Some(Operation::ListProjects) }),
    ),
    create(
        Operation::CreateDataPlatformConnection,
        "createDataPlatformConnection",
        "/v1/projects/{projectId}/data-platform-connections",
        PROJECT,
        BodyKind::Warehouse,
        ResponseKind::Empty,
        Some(NaturalKey::OnePerProject),
    ),
    create(
        Operation::CreateSecretValue,
        "createSecretValue",
        "/v1/secrets/{agentId}/secret-value",
        AGENT,
        BodyKind::Secret,
        ResponseKind::SecretCreated,
        Some(NaturalKey::Name { paths: &[&["name"], &["secret", "name"]], scope: KeyScope::Agent, listed_by: None }),
    ),
    create(
        Operation::CreateProjectConnection,
        "createProjectConnection",
        "/v1/projects/{projectId}/connections",
        PROJECT,
        BodyKind::Connection,
        ResponseKind::ProjectConnection,
        Some(NaturalKey::Name { paths: NAME, scope: KeyScope::Project, listed_by: Some(Operation::ListProjectConnections) }),
    ),
    create(
        Operation::CreateEnvironment,
        "createEnvironment",
        "/v1/projects/{projectId}/environments",
        PROJECT,
        BodyKind::Environment,
        ResponseKind::Empty,
        Some(NaturalKey::Name { paths: NAME, scope: KeyScope::Project, listed_by: Some(Operation::ListEnvironments) }),
    ),
    Endpoint {
        headers: GIT_TOKEN_FOR_GITLAB,
        ..create(
            Operation::CreateRepository,
            "createRepository",
            "/v1/projects/{projectId}/repositories",
            PROJECT,
            BodyKind::Repository,
            ResponseKind::Empty,
            Some(NaturalKey::OnePerProject),
        )
    },
    Endpoint {
        headers: GIT_TOKEN_REQUIRED,
        ..create(
            Operation::RotateRepositoryToken,
            "rotateRepositoryToken",
            "/v1/projects/{projectId}/repositories/token",
            PROJECT,
            BodyKind::None,
            ResponseKind::Empty,
            None,
        )
    },
    list(Operation::ListAgents, "listAgents", "/v1/agents", &[], ResponseKind::Agents),
    list(Operation::ListProjects, "listProjects", "/v1/projects", &[], ResponseKind::Projects),
    list(Operation::ListEnvironments, "listEnvironments", "/v1/projects/{projectId}/environments", PROJECT, ResponseKind::Environments),
    Endpoint {
        query_params: CONNECTION_LIST_QUERY,
        ..list(
            Operation::ListProjectConnections,
            "listProjectConnections",
            "/v1/projects/{projectId}/connections",
            PROJECT,
            ResponseKind::ProjectConnections,
        )
    },
];

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Operation {
    type Err = UnknownOperation;
    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Operation::from_id(id)
    }
}

/// Every operation's row of the endpoint table (serialized: its descriptor).
pub fn operations() -> &'static [Endpoint] {
    &ENDPOINTS
}

/// An operation id that names no operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownOperation {
    message: String,
}

impl fmt::Display for UnknownOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UnknownOperation {}

fn unknown_operation_message(id: &str) -> String {
    let ids: Vec<&str> = Operation::ALL.iter().map(|op| op.id()).collect();
    let squashed: String = id.chars().filter(|ch| *ch != '_').collect();
    let hint = did_you_mean(&squashed, ids.iter().copied());
    format!("unknown operation {}{hint}; valid operations are {}", quote(id), crate::rules::one_of(&ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_a_row_per_operation_in_order() {
        assert_eq!(ENDPOINTS.len(), Operation::ALL.len());
        for (row, op) in ENDPOINTS.iter().zip(Operation::ALL) {
            assert_eq!(row.operation, *op);
            assert_eq!(op.endpoint().operation, *op);
            assert_eq!(row.idempotent, row.method == Method::Get, "{op}");
            let params: Vec<&str> = row.path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect();
            assert_eq!(params, row.path_params, "{op}");
        }
    }

    #[test]
    fn ids_read_in_both_spellings_and_typos_get_the_nearest_id() {
        for op in Operation::ALL {
            assert_eq!(Operation::from_id(op.id()), Ok(*op));
            assert_eq!(Operation::from_id(&op.snake_id()), Ok(*op));
        }
        let typo = Operation::from_id("createProjectConection").unwrap_err().to_string();
        assert!(typo.contains("did you mean `createProjectConnection`?"), "{typo}");
        let truncated = Operation::from_id("createEnv").unwrap_err().to_string();
        assert!(truncated.contains("did you mean `createEnvironment`?"), "{truncated}");
        assert!(Operation::from_id("deleteEverything").unwrap_err().to_string().contains("valid operations are `createProject`"));
    }
}
