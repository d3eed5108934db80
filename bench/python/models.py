"""The seed rules as pydantic v2 models, one per operation, validating the same instance
``{"params": {...}, "body": {...}}`` as the JSON Schemas of schemas.py (see its docstring)."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas import _SECRET_PROPERTY, _VAULT_MEMBERS, _VAULTS, _GIT_PROVIDERS, _WAREHOUSE_PROPERTIES, _WAREHOUSE_REQUIRED, UUID_PATTERN

# --- pydantic v2 ------------------------------------------------------------------------------

Uuid = Field(pattern=UUID_PATTERN)
Name = Field(min_length=1)


class _Model(BaseModel):
    # Members the seeds never mention are warnings in the core: allowed here too.
    model_config = ConfigDict(extra="allow", strict=True)


class ProjectParams(_Model):
    projectId: str = Uuid


class AgentParams(_Model):
    agentId: str = Uuid


class CreateProjectBody(_Model):
    name: str = Name
    description: Optional[str] = None
    warehouse: Literal["SNOWFLAKE", "REDSHIFT"]
    agentDeploymentType: Literal["HYBRID", "FULL_SAAS"]


class CreateProject(_Model):
    params: Optional[Dict[str, Any]] = None
    body: CreateProjectBody


class CreateDataPlatformConnectionBody(_Model):
    name: str = Name
    platformConnectionType: Literal["dwh", "DWH"]
    authProvider: Literal["snowflake", "SNOWFLAKE", "redshift", "REDSHIFT"]
    authType: Literal["key_pair", "KEY_PAIR", "password", "PASSWORD"]

    @model_validator(mode="after")
    def combination(self) -> CreateDataPlatformConnectionBody:
        expected = {"snowflake": "key_pair", "redshift": "password"}[self.authProvider.lower()]
        if self.authType.lower() != expected:
            raise ValueError(f"a {self.authProvider} warehouse connection uses authType {expected}")
        return self


class CreateDataPlatformConnection(_Model):
    params: ProjectParams
    body: CreateDataPlatformConnectionBody


def _check_pem(text: str) -> None:
    if "-----BEGIN " in text or "-----END " in text or "PRIVATE KEY" in text:
        if "\\n" in text:
            raise ValueError("the private key holds literal \\n sequences")
        lines = text.strip("\n").split("\n")
        if len(lines) < 3 or not lines[0].startswith("-----BEGIN ") or not lines[-1].startswith("-----END "):
            raise ValueError("the private key lacks its armor lines")
        if lines[0][11:] != lines[-1][9:]:
            raise ValueError("the BEGIN and END labels differ")


class WarehouseSecret(_Model):
    name: str = Name
    type: Literal["DWH_PASSWORD"]
    key: str = Name
    value: Dict[str, str]

    @model_validator(mode="after")
    def key_and_value(self) -> WarehouseSecret:
        if self.key not in self.value:
            raise ValueError("value has no member named by key")
        for text in self.value.values():
            if not text:
                raise ValueError("credential must not be empty")
            _check_pem(text)
        return self


class AwsCredentials(_Model):
    type: Literal["aws"]
    accessKeyID: str = Name
    secretKey: str = Name


class AzureCredentials(_Model):
    type: Literal["azure"]
    tenantID: str = Name
    clientID: str = Name
    secretKey: str = Name


class GcpCredentials(_Model):
    type: Literal["gcp"]
    serviceAccount: str = Name


class CloudSecret(_Model):
    name: str = Name
    type: Literal["CLOUD_PLATFORM_CREDENTIALS"]
    value: Union[AwsCredentials, AzureCredentials, GcpCredentials] = Field(discriminator="type")


class WrappedSecret(_Model):
    secret: CloudSecret


class CreateSecretValue(_Model):
    params: AgentParams
    body: Union[WrappedSecret, WarehouseSecret]

    @model_validator(mode="before")
    @classmethod
    def shape(cls, data: Any) -> Any:
        # The shape is chosen by a top-level `secret` member, as in the core (no smart-union guessing).
        if isinstance(data, dict) and isinstance(data.get("body"), dict):
            model = WrappedSecret if "secret" in data["body"] else WarehouseSecret
            return {**data, "body": model.model_validate(data["body"])}
        return data


class VaultLocation(_Model):
    type: Literal[tuple(_VAULTS)]  # type: ignore[valid-type]
    region: Optional[str] = Field(default=None, min_length=1)
    vaultName: Optional[str] = Field(default=None, min_length=1)
    gcpProjectId: Optional[str] = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def own_members(self) -> VaultLocation:
        own = _VAULTS[self.type]
        for member in _VAULT_MEMBERS:
            if member not in own and getattr(self, member) is not None:
                raise ValueError(f"{member} belongs to another vault type")
        return self


class ConnectionProperties(_Model):
    secretName: Optional[str] = Field(default=None, min_length=1)
    secretKey: Optional[str] = Field(default=None, min_length=1)
    credentialSecretName: Optional[str] = Field(default=None, min_length=1)


class ConnectionDetails(_Model):
    description: Optional[str] = None
    secretsLocation: Optional[VaultLocation] = None
    connectionProperties: Optional[ConnectionProperties] = None


class CreateProjectConnectionBody(_Model):
    name: str = Name
    platformConnectionType: Literal["COMPONENT_BASIC", "CLOUD_PLATFORM_CREDENTIALS"]
    authProvider: str = Name
    authType: Literal[
        "GENERIC_SECRET",
        "CLOUD_PROVIDER_SECRET",
        "OAUTH_USER_TOKENS",
        "OAUTH_AUTHORIZATION_CODE",
        "OAUTH_CLIENT_CRED",
        "COMPOSITE_TOKEN",
        "OAUTH_1_0_X_ADS",
    ]
    connectionDetails: Optional[ConnectionDetails] = None

    @model_validator(mode="after")
    def combination(self) -> CreateProjectConnectionBody:
        pct, provider, auth = self.platformConnectionType, self.authProvider, self.authType
        rows = [
            pct == "COMPONENT_BASIC" and provider == "NONE" and auth == "GENERIC_SECRET",
            pct == "COMPONENT_BASIC"
            and provider != "NONE"
            and auth in ("OAUTH_CLIENT_CRED", "OAUTH_USER_TOKENS", "OAUTH_AUTHORIZATION_CODE"),
            pct == "COMPONENT_BASIC" and provider == "netsuite" and auth == "COMPOSITE_TOKEN",
            pct == "COMPONENT_BASIC" and provider == "x-ads" and auth == "OAUTH_1_0_X_ADS",
            pct == "CLOUD_PLATFORM_CREDENTIALS" and provider in ("aws", "gcp", "azure") and auth == "CLOUD_PROVIDER_SECRET",
        ]
        if not any(rows):
            raise ValueError("platformConnectionType, authProvider and authType do not form a valid combination")
        properties = self.connectionDetails.connectionProperties if self.connectionDetails else None
        if properties is not None:
            if pct == "COMPONENT_BASIC" and (properties.secretName is None or properties.credentialSecretName is not None):
                raise ValueError("COMPONENT_BASIC connections take secretName")
            if pct == "CLOUD_PLATFORM_CREDENTIALS" and (properties.secretName is not None or properties.secretKey is not None):
                raise ValueError("CLOUD_PLATFORM_CREDENTIALS connections take credentialSecretName")
        return self


class CreateProjectConnection(_Model):
    params: ProjectParams
    body: CreateProjectConnectionBody


class ValueProperty(_Model):
    value: Union[str, int, float, bool]


class SecretProperty(_Model):
    secretName: str = Name
    secretKey: Optional[str] = Field(default=None, min_length=1)


class ConnectionOverride(_Model):
    connectionName: str = Name
    connectionProperties: Dict[str, Union[ValueProperty, SecretProperty]]


class DefaultConnections(_Model):
    DWH: Dict[Literal["snowflake", "redshift"], str] = Field(min_length=1, max_length=1)
    CLOUD_PLATFORM: Optional[Dict[Literal["aws", "azure", "gcp"], str]] = Field(default=None, max_length=1)


class CreateEnvironmentBody(_Model):
    name: str = Name
    displayName: Optional[str] = None
    description: Optional[str] = None
    defaultAgentId: str = Uuid
    defaultUserAccessLevel: Literal["default", "admin", "runner", "readOnly", "noAccess"]
    defaultConnections: DefaultConnections
    connectionOverrides: List[ConnectionOverride] = Field(min_length=1)

    @model_validator(mode="after")
    def warehouse_properties(self) -> CreateEnvironmentBody:
        ((warehouse, connection),) = self.defaultConnections.DWH.items()
        table = _WAREHOUSE_PROPERTIES[warehouse]
        for override in self.connectionOverrides:
            if override.connectionName != connection:
                raise ValueError("connectionName must name the DWH connection")
            properties = override.connectionProperties
            for name in _WAREHOUSE_REQUIRED[warehouse]:
                if name not in properties:
                    raise ValueError(f"{name} is required")
            for name, value in properties.items():
                if name not in table:
                    continue
                wants_secret = table[name] is _SECRET_PROPERTY
                if wants_secret != isinstance(value, SecretProperty):
                    raise ValueError(f"{name} has the wrong kind")
                if name == "port" and isinstance(value, ValueProperty) and not (0 < int(str(value.value)) < 65536):
                    raise ValueError("port must be a TCP port")
        return self


class CreateEnvironment(_Model):
    params: ProjectParams
    body: CreateEnvironmentBody


class RepositoryBody(_Model):
    provider: Literal["github", "azure-devops", "gitlab"]
    providerParameters: Dict[str, str]
    repositoryName: str = Field(min_length=1, max_length=255)

    @model_validator(mode="after")
    def parameters(self) -> RepositoryBody:
        for member in _GIT_PROVIDERS[self.provider]:
            if not self.providerParameters.get(member):
                raise ValueError(f"{member} is required")
        return self


class CreateRepository(_Model):
    params: Dict[str, str]
    body: RepositoryBody

    @model_validator(mode="after")
    def token(self) -> CreateRepository:
        ProjectParams.model_validate({"projectId": self.params.get("projectId")})
        if self.body.provider == "gitlab" and not self.params.get("Git-Provider-Access-Token"):
            raise ValueError("the Git-Provider-Access-Token header is required")
        return self


class RotateParams(ProjectParams):
    model_config = ConfigDict(extra="allow", strict=True, populate_by_name=True)
    token: str = Field(alias="Git-Provider-Access-Token", min_length=1)


class RotateRepositoryToken(_Model):
    params: RotateParams
    body: None


MODELS: dict[str, type[BaseModel]] = {
    "createProject": CreateProject,
    "createDataPlatformConnection": CreateDataPlatformConnection,
    "createSecretValue": CreateSecretValue,
    "createProjectConnection": CreateProjectConnection,
    "createEnvironment": CreateEnvironment,
    "createRepository": CreateRepository,
    "rotateRepositoryToken": RotateRepositoryToken,
}
