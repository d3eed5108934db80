"""Types for editors and type checkers: the request body, parameter and response shapes of every
operation (``TypedDict``), and ``Literal`` unions of operation ids and violation codes.

They mirror the Rust core's models (``core/src/model/*.rs``); ``tests/test_typing.py`` keeps the
id and code unions equal to ``operations()`` and ``VIOLATION_CODES``, and type-checks every seed
example against its body type. Optional members sit in a ``total=False`` subclass
(``NotRequired`` needs Python 3.11 or ``typing_extensions``; the wheel supports 3.10). Imported
lazily: ``import maia_provision`` does not load this module.
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, TypedDict, Union

# --- ids and codes ----------------------------------------------------------------------------

OperationId = Literal[
    "createProject",
    "createDataPlatformConnection",
    "createSecretValue",
    "createProjectConnection",
    "createEnvironment",
    "createRepository",
    "rotateRepositoryToken",
    "listAgents",
    "listProjects",
    "listEnvironments",
    "listProjectConnections",
]
"""The camelCase operation ids (the same in every language)."""

SnakeOperationId = Literal[
    "create_project",
    "create_data_platform_connection",
    "create_secret_value",
    "create_project_connection",
    "create_environment",
    "create_repository",
    "rotate_repository_token",
    "list_agents",
    "list_projects",
    "list_environments",
    "list_project_connections",
]
"""The snake_case spellings of the operation ids, accepted too."""

ViolationCode = Literal[
    "json",
    "type",
    "required",
    "recommended",
    "min_length",
    "max_length",
    "enum",
    "alias",
    "pattern",
    "uuid_case",
    "range",
    "combination",
    "variant_field",
    "unknown_field",
    "ignored",
    "count",
    "reference",
    "key_mismatch",
    "property_kind",
    "property_shape",
    "not_string",
    "pem.literal_newline",
    "pem.one_line",
    "pem.no_armor",
    "pem.label_mismatch",
    "pem.invalid_base64",
    "pem.not_private_key",
    "pem.encrypted",
    "pem.placeholder",
    "pem.crlf",
    "pem.line_length",
    "pem.extra_text",
]
"""Every violation code, in the core's documentation order (``VIOLATION_CODES``)."""

Location = Literal["body", "path", "header", "query"]
Severity = Literal["error", "warning"]


class ViolationDict(TypedDict):
    """``Violation.to_dict()``."""

    location: Location
    pointer: str
    code: ViolationCode
    severity: Severity
    message: str


# --- parameters -------------------------------------------------------------------------------


class ProjectParams(TypedDict):
    """Path parameters of the operations under ``/v1/projects/{projectId}``."""

    projectId: str


class AgentParams(TypedDict):
    """Path parameters of createSecretValue."""

    agentId: str


_GitToken = TypedDict("_GitToken", {"Git-Provider-Access-Token": str}, total=False)


class CreateRepositoryParams(ProjectParams, _GitToken):
    """createRepository: ``projectId``, and the GitLab token header for ``gitlab``."""


RotateRepositoryTokenParams = TypedDict(
    "RotateRepositoryTokenParams", {"projectId": str, "Git-Provider-Access-Token": str}
)
"""rotateRepositoryToken: ``projectId`` and the new GitLab token (a header)."""


class PageParams(TypedDict, total=False):
    """Paging query parameters: ``page`` from 0, ``size`` from 1 to 100."""

    page: Union[int, str]
    size: Union[int, str]


class ProjectPageParams(ProjectParams, PageParams):
    """Paging of a project's environments or connections."""


# --- createProject ----------------------------------------------------------------------------


class _CreateProjectRequired(TypedDict):
    name: str
    warehouse: Literal["SNOWFLAKE", "REDSHIFT"]
    agentDeploymentType: Literal["HYBRID", "FULL_SAAS"]


class CreateProjectBody(_CreateProjectRequired, total=False):
    """createProject."""

    description: str


# --- createDataPlatformConnection -------------------------------------------------------------


class CreateDataPlatformConnectionBody(TypedDict):
    """createDataPlatformConnection: Snowflake with ``key_pair``, Redshift with ``password``."""

    name: str
    platformConnectionType: Literal["dwh", "DWH"]
    authProvider: Literal["snowflake", "redshift", "SNOWFLAKE", "REDSHIFT"]
    authType: Literal["key_pair", "password", "KEY_PAIR", "PASSWORD"]


# --- createSecretValue ------------------------------------------------------------------------


class WarehouseSecretBody(TypedDict):
    """createSecretValue, flat shape: a warehouse password or PEM private key under ``key``."""

    name: str
    type: Literal["DWH_PASSWORD"]
    key: str
    value: Dict[str, str]


class AwsCredentials(TypedDict):
    type: Literal["aws"]
    accessKeyID: str
    secretKey: str


class AzureCredentials(TypedDict):
    type: Literal["azure"]
    tenantID: str
    clientID: str
    secretKey: str


class GcpCredentials(TypedDict):
    type: Literal["gcp"]
    serviceAccount: str
    """The service-account key file's JSON as one string (``json.dumps(key)``)."""


class CloudCredentialsSecret(TypedDict):
    name: str
    type: Literal["CLOUD_PLATFORM_CREDENTIALS"]
    value: Union[AwsCredentials, AzureCredentials, GcpCredentials]


class CloudCredentialsSecretBody(TypedDict):
    """createSecretValue, wrapped shape: cloud credentials."""

    secret: CloudCredentialsSecret


CreateSecretValueBody = Union[WarehouseSecretBody, CloudCredentialsSecretBody]

# --- createProjectConnection ------------------------------------------------------------------


class _AwsSecretManagerRequired(TypedDict):
    type: Literal["AWS_SECRET_MANAGER"]


class AwsSecretManagerLocation(_AwsSecretManagerRequired, total=False):
    region: str


class _AzureSecretManagerRequired(TypedDict):
    type: Literal["AZURE_SECRET_MANAGER"]


class AzureSecretManagerLocation(_AzureSecretManagerRequired, total=False):
    vaultName: str


class _GcpSecretManagerRequired(TypedDict):
    type: Literal["GCP_SECRET_MANAGER"]


class GcpSecretManagerLocation(_GcpSecretManagerRequired, total=False):
    gcpProjectId: str


class MaiaVaultLocation(TypedDict):
    """The Maia-hosted vault (``MAIA_CUSTOMER_VAULT`` is an alias, sent as the OpenAPI value)."""

    type: Literal["MATILLION_CUSTOMER_VAULT", "MAIA_CUSTOMER_VAULT"]


class DefaultVaultLocation(TypedDict):
    type: Literal["DEFAULT_SECRET_VAULT"]


VaultLocation = Union[
    AwsSecretManagerLocation,
    AzureSecretManagerLocation,
    GcpSecretManagerLocation,
    MaiaVaultLocation,
    DefaultVaultLocation,
]


class _ComponentBasicPropertiesRequired(TypedDict):
    secretName: str


class ComponentBasicProperties(_ComponentBasicPropertiesRequired, total=False):
    """``connectionProperties`` of a ``COMPONENT_BASIC`` connection."""

    secretKey: str


class CloudPlatformCredentialsProperties(TypedDict, total=False):
    """``connectionProperties`` of a ``CLOUD_PLATFORM_CREDENTIALS`` connection."""

    credentialSecretName: str


class ConnectionDetails(TypedDict, total=False):
    description: str
    secretsLocation: VaultLocation
    connectionProperties: Union[ComponentBasicProperties, CloudPlatformCredentialsProperties]


class _CreateProjectConnectionRequired(TypedDict):
    name: str
    platformConnectionType: Literal["COMPONENT_BASIC", "CLOUD_PLATFORM_CREDENTIALS"]
    authProvider: str
    """``NONE``, ``netsuite``, ``x-ads``, ``aws``, ``gcp``, ``azure`` or an OAuth connector name."""
    authType: Literal[
        "GENERIC_SECRET",
        "CLOUD_PROVIDER_SECRET",
        "OAUTH_USER_TOKENS",
        "OAUTH_AUTHORIZATION_CODE",
        "OAUTH_CLIENT_CRED",
        "COMPOSITE_TOKEN",
        "OAUTH_1_0_X_ADS",
    ]


class CreateProjectConnectionBody(_CreateProjectConnectionRequired, total=False):
    """createProjectConnection."""

    connectionDetails: ConnectionDetails


# --- createEnvironment ------------------------------------------------------------------------


class LiteralProperty(TypedDict):
    """An environment property given in the clear."""

    value: str


class _SecretReferenceRequired(TypedDict):
    secretName: str


class SecretReferenceProperty(_SecretReferenceRequired, total=False):
    """An environment property read from a vault secret (required for sensitive properties)."""

    secretKey: str


PropertyValue = Union[LiteralProperty, SecretReferenceProperty]


class ConnectionOverride(TypedDict):
    connectionName: str
    connectionProperties: Dict[str, PropertyValue]


class _DefaultConnectionsRequired(TypedDict):
    DWH: Dict[Literal["snowflake", "redshift"], str]


class DefaultConnections(_DefaultConnectionsRequired, total=False):
    CLOUD_PLATFORM: Dict[Literal["aws", "azure", "gcp"], str]


class _CreateEnvironmentRequired(TypedDict):
    name: str
    defaultAgentId: str
    defaultUserAccessLevel: Literal["default", "admin", "runner", "readOnly", "noAccess"]
    defaultConnections: DefaultConnections
    connectionOverrides: List[ConnectionOverride]


class CreateEnvironmentBody(_CreateEnvironmentRequired, total=False):
    """createEnvironment."""

    displayName: str
    description: str


# --- createRepository -------------------------------------------------------------------------


class GithubParameters(TypedDict):
    ownerName: str


class AzureDevopsParameters(TypedDict):
    organization: str
    repositoryId: str
    tenantId: str


class GitlabParameters(TypedDict):
    repositoryId: str


class GithubRepositoryBody(TypedDict):
    provider: Literal["github"]
    providerParameters: GithubParameters
    repositoryName: str


class AzureDevopsRepositoryBody(TypedDict):
    provider: Literal["azure-devops"]
    providerParameters: AzureDevopsParameters
    repositoryName: str


class GitlabRepositoryBody(TypedDict):
    """Send the service-account token as the ``Git-Provider-Access-Token`` parameter."""

    provider: Literal["gitlab"]
    providerParameters: GitlabParameters
    repositoryName: str


CreateRepositoryBody = Union[GithubRepositoryBody, AzureDevopsRepositoryBody, GitlabRepositoryBody]

# --- responses --------------------------------------------------------------------------------
# Responses are lenient: every member is optional and members not listed here are kept.


class ProjectCreated(TypedDict, total=False):
    """createProject (201)."""

    projectId: str


class SecretCreated(TypedDict, total=False):
    """createSecretValue (201)."""

    vaultSecretName: str
    resolver_ref: str


class Created(TypedDict, total=False):
    """createDataPlatformConnection, createEnvironment, createRepository, rotateRepositoryToken:
    ``{}`` (members kept if the server ever sends some)."""


class SecretsLocationResponse(TypedDict, total=False):
    type: str
    region: str
    vaultName: str
    gcpProjectId: str


class ConnectionPropertiesResponse(TypedDict, total=False):
    secretName: str
    secretKey: str
    credentialSecretName: str


class ConnectionDetailsResponse(TypedDict, total=False):
    description: str
    secretsLocation: SecretsLocationResponse
    connectionProperties: ConnectionPropertiesResponse


class ProjectConnection(TypedDict, total=False):
    """createProjectConnection (201) and the items of listProjectConnections."""

    id: str
    name: str
    platformConnectionType: str
    authProvider: str
    authType: str
    createdBy: str
    createdDate: str
    projectId: str
    connectionDetails: ConnectionDetailsResponse


class Agent(TypedDict, total=False):
    agentId: str
    name: str
    agentStatus: str
    agentType: str
    cloudProvider: str
    connected: bool
    deployment: str
    description: str


class ProjectSummary(TypedDict, total=False):
    id: str
    name: str
    description: str


class EnvironmentSummary(TypedDict, total=False):
    name: str
    defaultAgentId: str
    defaultAgentName: str


class _PageFields(TypedDict, total=False):
    page: int
    size: int
    total: int


class _AgentsResults(TypedDict):
    results: List[Agent]


class AgentsPage(_AgentsResults, _PageFields):
    """listAgents."""


class _ProjectsResults(TypedDict):
    results: List[ProjectSummary]


class ProjectsPage(_ProjectsResults, _PageFields):
    """listProjects."""


class _EnvironmentsResults(TypedDict):
    results: List[EnvironmentSummary]


class EnvironmentsPage(_EnvironmentsResults, _PageFields):
    """listEnvironments."""


class _ProjectConnectionsResults(TypedDict):
    results: List[ProjectConnection]


class ProjectConnectionsPage(_ProjectConnectionsResults, _PageFields):
    """listProjectConnections."""


ProblemDetail = TypedDict(
    "ProblemDetail",
    {"type": str, "title": str, "status": int, "detail": str, "instance": str, "violations": List[str]},
    total=False,
)
"""``ApiError.problem``: an RFC 9457 problem as the API sends it (unknown members kept)."""

# --- descriptors and printable requests -------------------------------------------------------


class HeaderParam(TypedDict):
    name: str
    rule: Literal["required", "requiredForGitlab"]
    secret: bool


class OperationDescriptor(TypedDict):
    """An item of ``operations()``."""

    id: OperationId
    method: Literal["GET", "POST"]
    path: str
    pathParams: List[str]
    queryParams: List[str]
    headers: List[HeaderParam]
    hasBody: bool
    summary: str


class RedactedRequest(TypedDict):
    """``HttpRequest.redacted()``: the request with every secret as ``***``."""

    method: Literal["GET", "POST"]
    url: str
    headers: Dict[str, str]
    body: Union[str, None]


JsonValue = Any
"""Any JSON-like Python value (dict, list, str, int, float, bool, None)."""

__all__ = [
    "Agent",
    "AgentParams",
    "AgentsPage",
    "AwsCredentials",
    "AwsSecretManagerLocation",
    "AzureCredentials",
    "AzureDevopsParameters",
    "AzureDevopsRepositoryBody",
    "AzureSecretManagerLocation",
    "CloudCredentialsSecret",
    "CloudCredentialsSecretBody",
    "CloudPlatformCredentialsProperties",
    "ComponentBasicProperties",
    "ConnectionDetails",
    "ConnectionDetailsResponse",
    "ConnectionOverride",
    "ConnectionPropertiesResponse",
    "CreateDataPlatformConnectionBody",
    "CreateEnvironmentBody",
    "CreateProjectBody",
    "CreateProjectConnectionBody",
    "CreateRepositoryBody",
    "CreateRepositoryParams",
    "CreateSecretValueBody",
    "Created",
    "DefaultConnections",
    "DefaultVaultLocation",
    "EnvironmentSummary",
    "EnvironmentsPage",
    "GcpCredentials",
    "GcpSecretManagerLocation",
    "GithubParameters",
    "GithubRepositoryBody",
    "GitlabParameters",
    "GitlabRepositoryBody",
    "HeaderParam",
    "JsonValue",
    "LiteralProperty",
    "Location",
    "MaiaVaultLocation",
    "OperationDescriptor",
    "OperationId",
    "PageParams",
    "ProblemDetail",
    "ProjectConnection",
    "ProjectConnectionsPage",
    "ProjectCreated",
    "ProjectPageParams",
    "ProjectParams",
    "ProjectSummary",
    "ProjectsPage",
    "PropertyValue",
    "RedactedRequest",
    "RotateRepositoryTokenParams",
    "SecretCreated",
    "SecretReferenceProperty",
    "SecretsLocationResponse",
    "Severity",
    "SnakeOperationId",
    "VaultLocation",
    "ViolationCode",
    "ViolationDict",
    "WarehouseSecretBody",
]
