"""The seed rules written for the peers: one JSON Schema (draft 2020-12) per operation (the pydantic v2
models are in models.py), each validating the same instance ``{"params": {...}, "body": {...}}`` that
``mp.validate(operation, body, params)`` receives as two arguments.

Encoded as faithfully as each tool allows. Neither can say what the core says with warnings
(unknown members, aliases, placeholders: the schema allows them, as the core does), and a JSON
Schema cannot express "`value` has the member that `key` names" nor "`connectionName` equals
the DWH connection's name"; pydantic does both in validators.
"""

from __future__ import annotations

from typing import Any

# --- JSON Schema ------------------------------------------------------------------------------

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
UUID = {"type": "string", "pattern": UUID_PATTERN}
NAME = {"type": "string", "minLength": 1}
TEXT = {"type": "string"}
PEM = {
    "if": {"type": "string", "pattern": "-----(BEGIN|END) |PRIVATE KEY"},
    "then": {
        "not": {"pattern": "\\\\n"},
        "pattern": "^-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----\\n[^\\r]*\\n-----END ([A-Z0-9]+ )*PRIVATE KEY-----\\n?$",
    },
}


def _request(body: dict[str, Any], params: dict[str, Any] | None = None) -> dict[str, Any]:
    params = params or {"type": ["object", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"params": params, "body": body},
        "required": ["params", "body"],
    }


def _params(*names: str, token: bool = False) -> dict[str, Any]:
    properties: dict[str, Any] = {name: UUID for name in names}
    required = list(names)
    if token:
        properties["Git-Provider-Access-Token"] = {"type": "string", "minLength": 1, "pattern": "^[\\x21-\\x7e]+$"}
    return {"type": "object", "properties": properties, "required": required}


def _obj(properties: dict[str, Any], required: list[str], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, **extra}


CREATE_PROJECT = _request(
    _obj(
        {
            "name": NAME,
            "description": TEXT,
            "warehouse": {"enum": ["SNOWFLAKE", "REDSHIFT"]},
            "agentDeploymentType": {"enum": ["HYBRID", "FULL_SAAS"]},
        },
        ["name", "warehouse", "agentDeploymentType"],
    )
)

CREATE_DATA_PLATFORM_CONNECTION = _request(
    _obj(
        {
            "name": NAME,
            "platformConnectionType": {"enum": ["dwh", "DWH"]},
            "authProvider": {"enum": ["snowflake", "SNOWFLAKE", "redshift", "REDSHIFT"]},
            "authType": {"enum": ["key_pair", "KEY_PAIR", "password", "PASSWORD"]},
        },
        ["name", "platformConnectionType", "authProvider", "authType"],
        anyOf=[
            {"properties": {"authProvider": {"enum": ["snowflake", "SNOWFLAKE"]}, "authType": {"enum": ["key_pair", "KEY_PAIR"]}}},
            {"properties": {"authProvider": {"enum": ["redshift", "REDSHIFT"]}, "authType": {"enum": ["password", "PASSWORD"]}}},
        ],
    ),
    _params("projectId"),
)

_FLAT_SECRET = _obj(
    {
        "name": NAME,
        "type": {"const": "DWH_PASSWORD"},
        "key": NAME,
        "value": {"type": "object", "additionalProperties": {"allOf": [NAME, PEM]}},
    },
    ["name", "type", "key", "value"],
)
_CLOUD_VALUE = {
    "type": "object",
    "required": ["type"],
    "properties": {"type": {"enum": ["aws", "azure", "gcp"]}},
    "allOf": [
        {
            "if": {"properties": {"type": {"const": "aws"}}},
            "then": _obj({"accessKeyID": NAME, "secretKey": NAME}, ["accessKeyID", "secretKey"]),
        },
        {
            "if": {"properties": {"type": {"const": "azure"}}},
            "then": _obj({"tenantID": NAME, "clientID": NAME, "secretKey": NAME}, ["tenantID", "clientID", "secretKey"]),
        },
        {"if": {"properties": {"type": {"const": "gcp"}}}, "then": _obj({"serviceAccount": NAME}, ["serviceAccount"])},
    ],
}
_WRAPPED_SECRET = _obj(
    {
        "secret": _obj(
            {"name": NAME, "type": {"const": "CLOUD_PLATFORM_CREDENTIALS"}, "value": _CLOUD_VALUE},
            ["name", "type", "value"],
        )
    },
    ["secret"],
)
CREATE_SECRET_VALUE = _request(
    {"if": {"type": "object", "required": ["secret"]}, "then": _WRAPPED_SECRET, "else": _FLAT_SECRET},
    _params("agentId"),
)

_FIXED_PROVIDERS = ["NONE", "netsuite", "x-ads", "aws", "gcp", "azure"]
_COMBINATIONS = [
    ("COMPONENT_BASIC", {"const": "NONE"}, ["GENERIC_SECRET"]),
    ("COMPONENT_BASIC", {"type": "string", "minLength": 1, "not": {"const": "NONE"}}, ["OAUTH_CLIENT_CRED", "OAUTH_USER_TOKENS", "OAUTH_AUTHORIZATION_CODE"]),
    ("COMPONENT_BASIC", {"const": "netsuite"}, ["COMPOSITE_TOKEN"]),
    ("COMPONENT_BASIC", {"const": "x-ads"}, ["OAUTH_1_0_X_ADS"]),
    ("CLOUD_PLATFORM_CREDENTIALS", {"enum": ["aws", "gcp", "azure"]}, ["CLOUD_PROVIDER_SECRET"]),
]
_VAULTS = {
    "AWS_SECRET_MANAGER": ["region"],
    "AZURE_SECRET_MANAGER": ["vaultName"],
    "GCP_SECRET_MANAGER": ["gcpProjectId"],
    "MATILLION_CUSTOMER_VAULT": [],
    "MAIA_CUSTOMER_VAULT": [],
    "DEFAULT_SECRET_VAULT": [],
}
_VAULT_MEMBERS = ["region", "vaultName", "gcpProjectId"]
_SECRETS_LOCATION = {
    "type": "object",
    "required": ["type"],
    "properties": {"type": {"enum": list(_VAULTS)}, **{m: NAME for m in _VAULT_MEMBERS}},
    "allOf": [
        {
            "if": {"properties": {"type": {"const": vault}}},
            "then": {"not": {"anyOf": [{"required": [m]} for m in _VAULT_MEMBERS if m not in own]}} if len(own) < 3 else {},
        }
        for vault, own in _VAULTS.items()
    ],
}
CREATE_PROJECT_CONNECTION = _request(
    _obj(
        {
            "name": NAME,
            "platformConnectionType": {"enum": ["COMPONENT_BASIC", "CLOUD_PLATFORM_CREDENTIALS"]},
            "authProvider": NAME,
            "authType": {"enum": sorted({t for _, _, types in _COMBINATIONS for t in types})},
            "connectionDetails": _obj(
                {"description": TEXT, "secretsLocation": _SECRETS_LOCATION, "connectionProperties": {"type": "object"}},
                [],
            ),
        },
        ["name", "platformConnectionType", "authProvider", "authType"],
        anyOf=[
            {
                "properties": {
                    "platformConnectionType": {"const": pct},
                    "authProvider": provider,
                    "authType": {"enum": types},
                }
            }
            for pct, provider, types in _COMBINATIONS
        ],
        allOf=[
            {
                "if": {"properties": {"platformConnectionType": {"const": "COMPONENT_BASIC"}}},
                "then": {
                    "properties": {
                        "connectionDetails": {
                            "properties": {
                                "connectionProperties": _obj(
                                    {"secretName": NAME, "secretKey": NAME},
                                    ["secretName"],
                                    **{"not": {"required": ["credentialSecretName"]}},
                                )
                            }
                        }
                    }
                },
            },
            {
                "if": {"properties": {"platformConnectionType": {"const": "CLOUD_PLATFORM_CREDENTIALS"}}},
                "then": {
                    "properties": {
                        "connectionDetails": {
                            "properties": {
                                "connectionProperties": _obj(
                                    {"credentialSecretName": NAME},
                                    [],
                                    **{"not": {"anyOf": [{"required": ["secretName"]}, {"required": ["secretKey"]}]}},
                                )
                            }
                        }
                    }
                },
            },
        ],
    ),
    _params("projectId"),
)

_VALUE_PROPERTY = _obj({"value": {"type": ["string", "number", "boolean"]}}, ["value"], **{"not": {"required": ["secretName"]}})
_SECRET_PROPERTY = _obj({"secretName": NAME, "secretKey": NAME}, ["secretName"], **{"not": {"required": ["value"]}})
_WAREHOUSE_PROPERTIES = {
    "snowflake": {
        "account": _VALUE_PROPERTY,
        "username": _VALUE_PROPERTY,
        "defaultRole": _VALUE_PROPERTY,
        "defaultWarehouse": _VALUE_PROPERTY,
        "defaultDatabase": _VALUE_PROPERTY,
        "defaultSchema": _VALUE_PROPERTY,
        "privateKey": _SECRET_PROPERTY,
        "passphrase": _SECRET_PROPERTY,
    },
    "redshift": {
        "url": _VALUE_PROPERTY,
        "username": _VALUE_PROPERTY,
        "port": {"allOf": [_VALUE_PROPERTY, {"properties": {"value": {"type": ["string", "integer"], "pattern": "^[1-9][0-9]{0,4}$", "minimum": 1, "maximum": 65535}}}]},
        "defaultDatabase": _VALUE_PROPERTY,
        "useSsl": _VALUE_PROPERTY,
        "defaultSchema": _VALUE_PROPERTY,
        "defaultStorageLocation": _VALUE_PROPERTY,
        "password": _SECRET_PROPERTY,
    },
}
_WAREHOUSE_REQUIRED = {"snowflake": ["account", "username", "privateKey"], "redshift": ["url", "username", "port", "password"]}
CREATE_ENVIRONMENT = _request(
    _obj(
        {
            "name": NAME,
            "displayName": TEXT,
            "description": TEXT,
            "defaultAgentId": UUID,
            "defaultUserAccessLevel": {"enum": ["default", "admin", "runner", "readOnly", "noAccess"]},
            "defaultConnections": _obj(
                {
                    "DWH": {
                        "type": "object",
                        "minProperties": 1,
                        "maxProperties": 1,
                        "propertyNames": {"enum": ["snowflake", "redshift"]},
                        "additionalProperties": NAME,
                    },
                    "CLOUD_PLATFORM": {
                        "type": "object",
                        "maxProperties": 1,
                        "propertyNames": {"enum": ["aws", "azure", "gcp"]},
                        "additionalProperties": NAME,
                    },
                },
                ["DWH"],
            ),
            "connectionOverrides": {
                "type": "array",
                "minItems": 1,
                "items": _obj(
                    {
                        "connectionName": NAME,
                        "connectionProperties": {"type": "object", "additionalProperties": {"oneOf": [_VALUE_PROPERTY, _SECRET_PROPERTY]}},
                    },
                    ["connectionName", "connectionProperties"],
                ),
            },
        },
        ["name", "defaultAgentId", "defaultUserAccessLevel", "defaultConnections", "connectionOverrides"],
        allOf=[
            {
                "if": {"properties": {"defaultConnections": {"properties": {"DWH": {"required": [warehouse]}}}}},
                "then": {
                    "properties": {
                        "connectionOverrides": {
                            "items": {
                                "properties": {
                                    "connectionProperties": {
                                        "properties": properties,
                                        "required": _WAREHOUSE_REQUIRED[warehouse],
                                    }
                                }
                            }
                        }
                    }
                },
            }
            for warehouse, properties in _WAREHOUSE_PROPERTIES.items()
        ],
    ),
    _params("projectId"),
)

_GIT_PROVIDERS = {
    "github": ["ownerName"],
    "azure-devops": ["organization", "repositoryId", "tenantId"],
    "gitlab": ["repositoryId"],
}
CREATE_REPOSITORY = {
    **_request(
        _obj(
            {
                "provider": {"enum": list(_GIT_PROVIDERS)},
                "providerParameters": {"type": "object"},
                "repositoryName": {"type": "string", "minLength": 1, "maxLength": 255},
            },
            ["provider", "providerParameters", "repositoryName"],
            allOf=[
                {
                    "if": {"properties": {"provider": {"const": provider}}},
                    "then": {"properties": {"providerParameters": _obj({m: NAME for m in members}, members)}},
                }
                for provider, members in _GIT_PROVIDERS.items()
            ],
        ),
        _params("projectId"),
    ),
    "if": {"properties": {"body": {"properties": {"provider": {"const": "gitlab"}}}}},
    "then": {"properties": {"params": _params("projectId", token=True) | {"required": ["projectId", "Git-Provider-Access-Token"]}}},
}

ROTATE_REPOSITORY_TOKEN = _request(
    {"type": "null"},
    _params("projectId", token=True) | {"required": ["projectId", "Git-Provider-Access-Token"]},
)

SCHEMAS: dict[str, dict[str, Any]] = {
    "createProject": CREATE_PROJECT,
    "createDataPlatformConnection": CREATE_DATA_PLATFORM_CONNECTION,
    "createSecretValue": CREATE_SECRET_VALUE,
    "createProjectConnection": CREATE_PROJECT_CONNECTION,
    "createEnvironment": CREATE_ENVIRONMENT,
    "createRepository": CREATE_REPOSITORY,
    "rotateRepositoryToken": ROTATE_REPOSITORY_TOKEN,
}
