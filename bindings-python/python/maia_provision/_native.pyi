"""Type stubs of the native module (``maia_provision._native``), checked against the built module by
``mypy.stubtest`` in ``scripts/test-python``. Overloads give editors the body, parameter and
response types of each operation; the types live in ``maia_provision._types``."""

from collections.abc import Iterable, Mapping
from typing import Any, Literal, final, overload

from ._types import (
    AgentParams,
    AgentsPage,
    ConnectionCombination,
    CreateDataPlatformConnectionBody,
    CreateEnvironmentBody,
    CreateProjectBody,
    CreateProjectConnectionBody,
    CreateRepositoryBody,
    CreateRepositoryParams,
    CreateSecretValueBody,
    Created,
    EnvironmentsPage,
    Location,
    OperationDescriptor,
    OperationId,
    PageParams,
    ProblemDetail,
    ProjectConnection,
    ProjectConnectionsPage,
    ProjectCreated,
    ProjectConnectionsParams,
    ProjectPageParams,
    ProjectParams,
    ProjectsPage,
    RedactedRequest,
    RotateRepositoryTokenParams,
    SecretCreated,
    Severity,
    VariantMembers,
    ViolationCode,
    ViolationDict,
)
from ._violations import Violations

__all__ = [
    "Emulator",
    "HttpRequest",
    "Violation",
    "build_request",
    "check_private_key",
    "combinations",
    "field_options",
    "normalize_private_key",
    "operations",
    "parse_response",
    "validate",
    "variant_members",
    "VIOLATION_CODES",
    "__version__",
]

__version__: str
VIOLATION_CODES: tuple[ViolationCode, ...]
"""Every violation code, in the core's documentation order."""

_Headers = Mapping[str, str] | Iterable[tuple[str, str]]
_ResponseBody = str | bytes | bytearray | None

@final
class Violation:
    """One problem found in a request."""

    __match_args__ = ("location", "pointer", "code", "severity", "message")
    def __new__(cls, location: str, pointer: str, code: str, severity: str, message: str) -> Violation: ...
    @property
    def location(self) -> Location:
        """``body``, ``path``, ``header`` or ``query``."""
    @property
    def pointer(self) -> str:
        """RFC 6901 JSON pointer inside the location (``/connectionDetails/secretsLocation/type``)."""
    @property
    def code(self) -> ViolationCode:
        """The stable machine id (one of ``VIOLATION_CODES``)."""
    @property
    def severity(self) -> Severity:
        """``error`` (blocks ``build_request``) or ``warning``."""
    @property
    def message(self) -> str:
        """One plain sentence naming the allowed values and the fix; never a secret's value."""
    def to_dict(self) -> ViolationDict: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Violation], tuple[str, str, str, str, str]]: ...

@final
class HttpRequest:
    """A request ready to send: ``requests.request(r.method, r.url, headers=r.headers, data=r.body)``.
    ``repr`` and ``str`` show secrets as ``***``."""

    @property
    def method(self) -> Literal["GET", "POST"]: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> dict[str, str]:
        """The headers to send, real values (a new dict on each access)."""
    @property
    def body(self) -> str | None:
        """The JSON body text, or ``None``."""
    @property
    def operation(self) -> OperationId: ...
    def json(self) -> Any:
        """The body parsed back into Python values, or ``None``."""
    def redacted(self) -> RedactedRequest:
        """The request with every secret as ``***``: safe to log."""

@final
class Emulator:
    """The emulator on 127.0.0.1, on its own thread (``maia_provision.testing.Emulator`` wraps it).
    ``repr`` never shows the secret."""

    SETTINGS: tuple[str, ...]
    """The settings ``config`` may hold (those of the emulator's ``EmulatorConfig``)."""
    def __new__(cls, config: dict[str, Any] | None = None) -> Emulator:
        """Starts the server; an unknown setting raises ``TypeError``, a bad value ``ValueError``,
        a port in use ``OSError``."""
    @property
    def url(self) -> str: ...
    @property
    def token_url(self) -> str: ...
    @property
    def client_id(self) -> str: ...
    @property
    def client_secret(self) -> str: ...
    @property
    def running(self) -> bool: ...
    def close(self) -> None:
        """Stops the server; a second call does nothing."""

def operations() -> list[OperationDescriptor]:
    """Every operation: id, method, path template, parameters, headers, summary."""

def field_options() -> dict[OperationId, dict[str, list[str]]]:
    """The values a form may offer: ``{operationId: {pointer: [values]}}``; a pointer ending in
    ``/*`` lists the allowed member names of that object."""

def combinations() -> list[ConnectionCombination]:
    """The combination table of project connections (``authProviders`` ``None``: any connector
    name except ``NONE``)."""

def variant_members() -> VariantMembers:
    """The members each variant takes: vault types, cloud credentials, Git providers and the
    override properties of each warehouse."""

@overload
def validate(operation: Literal["createProject", "create_project"], body: CreateProjectBody, params: None = None) -> Violations:
    """Every violation of the request, errors and warnings (empty when valid). Raises
    ``ValueError`` for an unknown operation and ``TypeError`` for a value that is not JSON."""
@overload
def validate(operation: Literal["createDataPlatformConnection", "create_data_platform_connection"], body: CreateDataPlatformConnectionBody, params: ProjectParams) -> Violations: ...
@overload
def validate(operation: Literal["createSecretValue", "create_secret_value"], body: CreateSecretValueBody, params: AgentParams) -> Violations: ...
@overload
def validate(operation: Literal["createProjectConnection", "create_project_connection"], body: CreateProjectConnectionBody, params: ProjectParams) -> Violations: ...
@overload
def validate(operation: Literal["createEnvironment", "create_environment"], body: CreateEnvironmentBody, params: ProjectParams) -> Violations: ...
@overload
def validate(operation: Literal["createRepository", "create_repository"], body: CreateRepositoryBody, params: CreateRepositoryParams) -> Violations: ...
@overload
def validate(operation: Literal["rotateRepositoryToken", "rotate_repository_token"], body: None, params: RotateRepositoryTokenParams) -> Violations: ...
@overload
def validate(operation: Literal["listAgents", "list_agents"], body: None, params: PageParams | None = None) -> Violations: ...
@overload
def validate(operation: Literal["listProjects", "list_projects"], body: None, params: PageParams | None = None) -> Violations: ...
@overload
def validate(operation: Literal["listEnvironments", "list_environments"], body: None, params: ProjectPageParams) -> Violations: ...
@overload
def validate(operation: Literal["listProjectConnections", "list_project_connections"], body: None, params: ProjectConnectionsParams) -> Violations: ...

@overload
def build_request(
    operation: Literal["createProject", "create_project"],
    body: CreateProjectBody,
    params: None = None,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest:
    """The request to send (give ``region`` or ``base_url``, and ``token``). Raises
    ``ValidationError`` when the request has errors, ``ValueError`` for a bad option or operation."""
@overload
def build_request(
    operation: Literal["createDataPlatformConnection", "create_data_platform_connection"],
    body: CreateDataPlatformConnectionBody,
    params: ProjectParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["createSecretValue", "create_secret_value"],
    body: CreateSecretValueBody,
    params: AgentParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["createProjectConnection", "create_project_connection"],
    body: CreateProjectConnectionBody,
    params: ProjectParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["createEnvironment", "create_environment"],
    body: CreateEnvironmentBody,
    params: ProjectParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["createRepository", "create_repository"],
    body: CreateRepositoryBody,
    params: CreateRepositoryParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["rotateRepositoryToken", "rotate_repository_token"],
    body: None,
    params: RotateRepositoryTokenParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["listAgents", "list_agents"],
    body: None,
    params: PageParams | None = None,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["listProjects", "list_projects"],
    body: None,
    params: PageParams | None = None,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["listEnvironments", "list_environments"],
    body: None,
    params: ProjectPageParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...
@overload
def build_request(
    operation: Literal["listProjectConnections", "list_project_connections"],
    body: None,
    params: ProjectConnectionsParams,
    *,
    region: Literal["eu1", "us1"] | None = None,
    base_url: str | None = None,
    token: str | None = None,
) -> HttpRequest: ...

@overload
def parse_response(
    operation: Literal["createProject", "create_project"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> ProjectCreated:
    """The parsed success body. Raises ``ApiError`` for an error status and ``DecodeError``
    for a success body that is not the operation's response."""
@overload
def parse_response(
    operation: Literal["createDataPlatformConnection", "create_data_platform_connection"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> Created: ...
@overload
def parse_response(
    operation: Literal["createSecretValue", "create_secret_value"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> SecretCreated: ...
@overload
def parse_response(
    operation: Literal["createProjectConnection", "create_project_connection"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> ProjectConnection: ...
@overload
def parse_response(
    operation: Literal["createEnvironment", "create_environment"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> Created: ...
@overload
def parse_response(
    operation: Literal["createRepository", "create_repository"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> Created: ...
@overload
def parse_response(
    operation: Literal["rotateRepositoryToken", "rotate_repository_token"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> Created: ...
@overload
def parse_response(
    operation: Literal["listAgents", "list_agents"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> AgentsPage: ...
@overload
def parse_response(
    operation: Literal["listProjects", "list_projects"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> ProjectsPage: ...
@overload
def parse_response(
    operation: Literal["listEnvironments", "list_environments"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> EnvironmentsPage: ...
@overload
def parse_response(
    operation: Literal["listProjectConnections", "list_project_connections"], status: int, body: _ResponseBody, headers: _Headers | None = None
) -> ProjectConnectionsPage: ...

def check_private_key(text: str) -> Violations:
    """What is wrong with a PEM private key (empty when nothing is)."""

def normalize_private_key(text: str) -> str:
    """The repaired PEM private key; ``ValidationError`` when it cannot be repaired."""
