"""Validate and build Maia (ex-Matillion DPC) project-provisioning API requests.

>>> import maia_provision as mp
>>> mp.validate("createProject", {"name": "p", "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID"}).ok
True

Every rule and message lives in the Rust core (``maia_provision._native``); this package re-exports
it with Python exceptions and a ``Violations`` list. Types (``TypedDict`` bodies, ``OperationId``,
``ViolationCode``) load on first access, so importing the package does no work beyond that.
"""

from ._errors import ApiError, DecodeError, MaiaError, ValidationError
from ._native import (
    VIOLATION_CODES,
    HttpRequest,
    Violation,
    __version__,
    build_request,
    check_private_key,
    normalize_private_key,
    operations,
    parse_response,
    validate,
)
from ._violations import Violations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._types import (
        Agent as Agent,
        AgentParams as AgentParams,
        AgentsPage as AgentsPage,
        AwsCredentials as AwsCredentials,
        AwsSecretManagerLocation as AwsSecretManagerLocation,
        AzureCredentials as AzureCredentials,
        AzureDevopsParameters as AzureDevopsParameters,
        AzureDevopsRepositoryBody as AzureDevopsRepositoryBody,
        AzureSecretManagerLocation as AzureSecretManagerLocation,
        CloudCredentialsSecret as CloudCredentialsSecret,
        CloudCredentialsSecretBody as CloudCredentialsSecretBody,
        CloudPlatformCredentialsProperties as CloudPlatformCredentialsProperties,
        ComponentBasicProperties as ComponentBasicProperties,
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
        DefaultConnections as DefaultConnections,
        DefaultVaultLocation as DefaultVaultLocation,
        EnvironmentSummary as EnvironmentSummary,
        EnvironmentsPage as EnvironmentsPage,
        GcpCredentials as GcpCredentials,
        GcpSecretManagerLocation as GcpSecretManagerLocation,
        GithubParameters as GithubParameters,
        GithubRepositoryBody as GithubRepositoryBody,
        GitlabParameters as GitlabParameters,
        GitlabRepositoryBody as GitlabRepositoryBody,
        HeaderParam as HeaderParam,
        JsonValue as JsonValue,
        LiteralProperty as LiteralProperty,
        Location as Location,
        MaiaVaultLocation as MaiaVaultLocation,
        OperationDescriptor as OperationDescriptor,
        OperationId as OperationId,
        PageParams as PageParams,
        ProblemDetail as ProblemDetail,
        ProjectConnection as ProjectConnection,
        ProjectConnectionsPage as ProjectConnectionsPage,
        ProjectCreated as ProjectCreated,
        ProjectPageParams as ProjectPageParams,
        ProjectParams as ProjectParams,
        ProjectSummary as ProjectSummary,
        ProjectsPage as ProjectsPage,
        PropertyValue as PropertyValue,
        RedactedRequest as RedactedRequest,
        RotateRepositoryTokenParams as RotateRepositoryTokenParams,
        SecretCreated as SecretCreated,
        SecretReferenceProperty as SecretReferenceProperty,
        SecretsLocationResponse as SecretsLocationResponse,
        Severity as Severity,
        SnakeOperationId as SnakeOperationId,
        VaultLocation as VaultLocation,
        ViolationCode as ViolationCode,
        ViolationDict as ViolationDict,
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
    "DecodeError",
    "HttpRequest",
    "MaiaError",
    "VIOLATION_CODES",
    "ValidationError",
    "Violation",
    "Violations",
    "__version__",
    "build_request",
    "check_private_key",
    "normalize_private_key",
    "operations",
    "parse_response",
    "validate",
]
