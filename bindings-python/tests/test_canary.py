"""Canary secrets in every secret-bearing field, every misplaced field and every option: never in
any printable form (str, repr, violations, errors and tracebacks, redacted requests), always in
what is sent."""

from __future__ import annotations

import traceback
from typing import Any

import pytest

import maia_provision as mp

AGENT = {"agentId": "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3"}
PROJECT = {"projectId": "550e8400-e29b-41d4-a716-446655440002"}
PASSWORD = "Cnry0Pass9wordQx7Zk2"
PAT = "glpat-CnryPat0123456789abcd"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJjYW5hcnkiOjF9.Q2FuYXJ5VG9rZW5TaWc"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY"
PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7CANARYPEMBODY\n-----END PRIVATE KEY-----\n"
PEM_MARK = "C7CANARYPEMBODY"
CANARIES = [PASSWORD, PAT, TOKEN, AWS_SECRET, PEM_MARK, "hunter2canary"]

# (operation, body, params): secrets where they belong and where they do not.
CASES: list[tuple[str, Any, Any]] = [
    ("createSecretValue", {"name": "pw", "type": "DWH_PASSWORD", "key": "password", "value": {"password": PASSWORD}}, AGENT),
    ("createSecretValue", {"name": "pk", "type": "DWH_PASSWORD", "key": "privateKey", "value": {"privateKey": PEM}}, AGENT),
    ("createSecretValue", {"name": "pk", "type": "DWH_PASSWORD", "key": PEM, "value": {"password": PASSWORD}}, AGENT),
    ("createSecretValue", {"name": "pk", "type": "DWH_PASSWORD", "key": "password", "value": {PASSWORD: "x", "password": "hunter2canary"}}, AGENT),
    ("createSecretValue", {"secret": {"name": "aws", "type": "CLOUD_PLATFORM_CREDENTIALS", "value": {"type": "aws", "accessKeyID": "AKIA", "secretKey": AWS_SECRET}}}, AGENT),
    ("createProject", {"name": "p", "warehouse": PAT, "agentDeploymentType": "FULL_SAAS", "Password": PASSWORD}, None),
    ("createProject", {"name": PEM, "warehouse": "SNOWFLAKE", "agentDeploymentType": TOKEN}, None),
    ("createProjectConnection", {"name": "c", "platformConnectionType": "COMPONENT_BASIC", "authProvider": "NONE", "authType": "GENERIC_SECRET", "connectionDetails": {"connectionProperties": {"secretName": "s", "password": PASSWORD}}}, PROJECT),
    ("createRepository", {"provider": "gitlab", "providerParameters": {"repositoryId": "42"}, "repositoryName": "r"}, {**PROJECT, "Git-Provider-Access-Token": PAT}),
    ("rotateRepositoryToken", None, {**PROJECT, "Git-Provider-Access-Token": PAT}),
    ("rotateRepositoryToken", None, {"projectId": PAT, "Git-Provider-Access-Token": PAT}),
]


def printable(value: Any) -> str:
    return f"{value}\n{value!r}"


def assert_no_canary(text: str) -> None:
    for canary in CANARIES:
        assert canary not in text, f"{canary} in {text[:400]}"


@pytest.mark.parametrize(("operation", "body", "params"), CASES)
def test_no_canary_in_violations_errors_or_printed_requests(operation: str, body: Any, params: Any) -> None:
    violations = mp.validate(operation, body, params)
    assert_no_canary(printable(violations) + "".join(printable(v) + printable(v.to_dict()) for v in violations))
    try:
        request = mp.build_request(operation, body, params, region="eu1", token=TOKEN)
    except mp.ValidationError as error:
        assert_no_canary(printable(error) + "".join(traceback.format_exception(error)) + printable(error.violations))
        return
    assert_no_canary(printable(request) + printable(request.redacted()))
    sent = (request.body or "") + "".join(request.headers.values())
    assert TOKEN in sent, "the bearer token is sent"
    for canary in CANARIES:
        if canary in str(body) + str(params):
            assert canary in sent or canary == PEM_MARK and "MIIE" in sent, f"{canary} is sent"


def test_no_canary_in_option_errors() -> None:
    for options in ({"base_url": f"https://admin:{PASSWORD}@h/dpc"}, {"region": PAT}, {"region": "eu1", "token": f"{TOKEN} \n"}):
        with pytest.raises(ValueError) as raised:
            mp.build_request("listAgents", None, None, **options)
        assert_no_canary(printable(raised.value) + "".join(traceback.format_exception(raised.value)))


def test_no_canary_in_api_errors_when_the_server_echoes_one() -> None:
    problem = f'{{"title": "Bad Request", "status": 400, "detail": "token {PAT} refused", "violations": ["{TOKEN} is not allowed"]}}'
    with pytest.raises(mp.ApiError) as raised:
        mp.parse_response("createProject", 400, problem, {"Content-Type": "application/problem+json"})
    assert_no_canary(str(raised.value))
    assert PAT in raised.value.body, "the body keeps what the server said"


def test_no_canary_in_private_key_checks() -> None:
    for text in (PEM, PEM.replace("\n", "\\n"), PEM.replace("\n", "")):
        violations = mp.check_private_key(text)
        assert_no_canary(printable(violations))
        try:
            mp.normalize_private_key(text)
        except mp.ValidationError as error:
            assert_no_canary(printable(error))
