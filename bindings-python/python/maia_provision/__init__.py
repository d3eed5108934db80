"""Validate and build Maia (ex-Matillion DPC) project-provisioning API requests.

>>> import maia_provision as mp
>>> mp.validate("createProject", {"name": "p", "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID"}).ok
True

Every rule and message lives in the Rust core (``maia_provision._native``); this package re-exports
it with Python exceptions and a ``Violations`` list. Types (``TypedDict`` bodies, ``OperationId``,
``ViolationCode``) load on first access, so importing the package does no work beyond that.
"""

from ._client import AsyncClient, Client
from ._errors import (
    ApiError,
    AuthError,
    DecodeError,
    MaiaError,
    OutcomeUnknownError,
    RateLimitedError,
    TransportError,
    ValidationError,
)
from ._native import (
    VIOLATION_CODES,
    HttpRequest,
    Violation,
    __version__,
    build_request,
    check_private_key,
    combinations,
    field_options,
    normalize_private_key,
    operations,
    parse_response,
    validate,
    variant_members,
)
from ._violations import Violations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._types import (
        Agent as Agent,
        AgentDeploymentType as AgentDeploymentType,
        AgentParams as AgentParams,
        AgentsPage as AgentsPage,
        AuthType as AuthType,
        AwsCredentials as AwsCredentials,
        AwsSecretManagerLocation as AwsSecretManagerLocation,
        AzureCredentials as AzureCredentials,
        AzureDevopsParameters as AzureDevopsParameters,
        AzureDevopsRepositoryBody as AzureDevopsRepositoryBody,
        AzureSecretManagerLocation as AzureSecretManagerLocation,
        CloudCredentialsSecret as CloudCredentialsSecret,
        CloudCredentialsSecretBody as CloudCredentialsSecretBody,
        CloudPlatform as CloudPlatform,
        CloudPlatformCredentialsProperties as CloudPlatformCredentialsProperties,
        CloudProvider as CloudProvider,
        ComponentBasicProperties as ComponentBasicProperties,
        ConnectionCombination as ConnectionCombination,
        ConnectionDetails as ConnectionDetails,
        ConnectionDetailsResponse as ConnectionDetailsResponse,
        ConnectionOverride as ConnectionOverride,
        ConnectionPropertiesResponse as ConnectionPropertiesResponse,
        Created as Created,
        CreateDataPlatformConnectionBody as CreateDataPlatformConnectionBody,
        CreateEnvironmentBody as CreateEnvironmentBody,
        CreateProjectBody as CreateProjectBody,
        CreateProjectConnectionBody as CreateProjectConnectionBody,
        CreateRepositoryBody as CreateRepositoryBody,
        CreateRepositoryParams as CreateRepositoryParams,
        CreateSecretValueBody as CreateSecretValueBody,
        DataPlatformConnectionType as DataPlatformConnectionType,
        DefaultConnections as DefaultConnections,
        DefaultVaultLocation as DefaultVaultLocation,
        DwhProvider as DwhProvider,
        EnvironmentPropertyInfo as EnvironmentPropertyInfo,
        EnvironmentsPage as EnvironmentsPage,
        EnvironmentSummary as EnvironmentSummary,
        GcpCredentials as GcpCredentials,
        GcpSecretManagerLocation as GcpSecretManagerLocation,
        GithubParameters as GithubParameters,
        GithubRepositoryBody as GithubRepositoryBody,
        GitlabParameters as GitlabParameters,
        GitlabRepositoryBody as GitlabRepositoryBody,
        GitProvider as GitProvider,
        HeaderParam as HeaderParam,
        JsonValue as JsonValue,
        LiteralProperty as LiteralProperty,
        Location as Location,
        MaiaVaultLocation as MaiaVaultLocation,
        OperationDescriptor as OperationDescriptor,
        OperationId as OperationId,
        PageParams as PageParams,
        PlatformConnectionType as PlatformConnectionType,
        ProblemDetail as ProblemDetail,
        ProjectConnection as ProjectConnection,
        ProjectConnectionsPage as ProjectConnectionsPage,
        ProjectCreated as ProjectCreated,
        ProjectConnectionsParams as ProjectConnectionsParams,
        ProjectPageParams as ProjectPageParams,
        ProjectParams as ProjectParams,
        ProjectsPage as ProjectsPage,
        ProjectSummary as ProjectSummary,
        PropertyValue as PropertyValue,
        RedactedRequest as RedactedRequest,
        RedshiftProperties as RedshiftProperties,
        RotateRepositoryTokenParams as RotateRepositoryTokenParams,
        SecretCreated as SecretCreated,
        SecretReferenceProperty as SecretReferenceProperty,
        SecretsLocationResponse as SecretsLocationResponse,
        Severity as Severity,
        SnakeOperationId as SnakeOperationId,
        SnowflakeProperties as SnowflakeProperties,
        UserAccessLevel as UserAccessLevel,
        VariantMembers as VariantMembers,
        VaultLocation as VaultLocation,
        VaultType as VaultType,
        ViolationCode as ViolationCode,
        ViolationDict as ViolationDict,
        Warehouse as Warehouse,
        WarehouseAuthType as WarehouseAuthType,
        WarehouseProvider as WarehouseProvider,
        WarehouseSecretBody as WarehouseSecretBody,
    )


def __getattr__(name: str) -> object:
    # Types load on first use (PEP 562): `import maia_provision` stays cheap.
    if name[:1].isupper():
        from . import _types

        if name in _types.__all__:
            value: object = getattr(_types, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ApiError",
    "AsyncClient",
    "AuthError",
    "Client",
    "DecodeError",
    "HttpRequest",
    "MaiaError",
    "OutcomeUnknownError",
    "RateLimitedError",
    "TransportError",
    "VIOLATION_CODES",
    "ValidationError",
    "Violation",
    "Violations",
    "__version__",
    "build_request",
    "check_private_key",
    "combinations",
    "field_options",
    "normalize_private_key",
    "operations",
    "parse_response",
    "validate",
    "variant_members",
]
