"""The Python surface: functions, Violation / Violations / HttpRequest objects, the exception
hierarchy and its attributes, and that no printable form shows a secret."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import maia_provision as mp
from conftest import ROOT

PROJECT = "550e8400-e29b-41d4-a716-446655440002"
AGENT = "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3"
CONNECTION = {
    "name": "my-aws-connection",
    "platformConnectionType": "CLOUD_PLATFORM_CREDENTIALS",
    "authProvider": "aws",
    "authType": "CLOUD_PROVIDER_SECRET",
}
SECRET_TOKEN = "tok-7f3a9c2e-do-not-print"
PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n"


def test_the_suite_runs_against_the_installed_wheel() -> None:
    native = Path(mp._native.__file__).resolve()
    assert "site-packages" in native.parts, native
    assert ROOT / "bindings-python" not in native.parents, f"imported from the source tree: {native}"
    assert native.name.endswith(".abi3.so"), native.name


def test_operations_describe_every_operation() -> None:
    ops = mp.operations()
    ids = [op["id"] for op in ops]
    assert "createProjectConnection" in ids and "listAgents" in ids
    assert len(ids) == len(set(ids)) == 11
    connection = ops[ids.index("createProjectConnection")]
    assert connection["method"] == "POST"
    assert connection["path"] == "/v1/projects/{projectId}/connections"
    assert connection["pathParams"] == ["projectId"]
    assert connection["hasBody"] is True
    rotate = ops[ids.index("rotateRepositoryToken")]
    assert rotate["headers"] == [{"name": "Git-Provider-Access-Token", "rule": "required", "secret": True}]


def test_violation_codes_are_the_cores() -> None:
    codes = mp.VIOLATION_CODES
    assert isinstance(codes, tuple)
    assert codes[:3] == ("json", "type", "required")
    assert "pem.literal_newline" in codes and "unknown_field" in codes
    assert len(set(codes)) == len(codes)


def test_validate_returns_every_violation_with_its_place() -> None:
    body = {**CONNECTION, "authType": "GENERIC_SECRET", "nmae": "typo"}
    violations = mp.validate("createProjectConnection", body, {"projectId": PROJECT})
    assert isinstance(violations, mp.Violations) and isinstance(violations, list)
    assert [(v.location, v.pointer, v.code, v.severity) for v in violations] == [
        ("body", "/authType", "combination", "error"),
        ("body", "/nmae", "unknown_field", "warning"),
    ] or sorted((v.pointer, v.code) for v in violations) == [("/authType", "combination"), ("/nmae", "unknown_field")]
    assert not violations.ok
    assert [v.code for v in violations.errors] == ["combination"]
    assert [v.code for v in violations.warnings] == ["unknown_field"]
    assert isinstance(violations.errors, mp.Violations)
    assert "`name`" in next(v for v in violations if v.code == "unknown_field").message  # did-you-mean


def test_a_valid_request_has_no_violations() -> None:
    violations = mp.validate("createProjectConnection", CONNECTION, {"projectId": PROJECT})
    assert violations == [] and violations.ok and not violations
    assert repr(violations) == "Violations([])"


def test_snake_case_ids_are_accepted() -> None:
    camel = mp.validate("createProjectConnection", CONNECTION, {"projectId": PROJECT.upper()})
    snake = mp.validate("create_project_connection", CONNECTION, {"projectId": PROJECT.upper()})
    assert camel == snake and [v.code for v in camel] == ["uuid_case"]
    request = mp.build_request("create_project_connection", CONNECTION, {"projectId": PROJECT}, region="eu1")
    assert request.operation == "createProjectConnection"


def test_unknown_operation_is_a_value_error_naming_the_valid_ids() -> None:
    with pytest.raises(ValueError) as raised:
        mp.validate("craeteProjectConnection", CONNECTION)
    message = str(raised.value)
    assert "did you mean `createProjectConnection`" in message
    assert "listProjectConnections" in message
    assert not isinstance(raised.value, mp.MaiaError)
    with pytest.raises(TypeError):
        mp.validate(42, CONNECTION)  # type: ignore[call-overload]


def test_violation_is_a_frozen_value() -> None:
    violation = mp.validate("createProject", {"name": "p", "warehouse": "snowflake", "agentDeploymentType": "HYBRID"})[0]
    assert (violation.location, violation.pointer, violation.code, violation.severity) == ("body", "/warehouse", "enum", "error")
    assert violation.to_dict() == {
        "location": "body",
        "pointer": "/warehouse",
        "code": "enum",
        "severity": "error",
        "message": violation.message,
    }
    assert repr(violation).startswith("Violation(location='body', pointer='/warehouse', code='enum', severity='error', message='")
    assert str(violation).startswith("error at body /warehouse: ")
    with pytest.raises(AttributeError):
        violation.code = "type"  # type: ignore[misc]
    copy = mp.Violation(**violation.to_dict())
    assert copy == violation and hash(copy) == hash(violation) and len({copy, violation}) == 1
    assert copy != mp.Violation(**{**violation.to_dict(), "severity": "warning"})
    assert pickle.loads(pickle.dumps(violation)) == violation
    match violation:
        case mp.Violation(location, pointer, code):
            assert (location, pointer, code) == ("body", "/warehouse", "enum")


def test_violations_render_a_table_for_jupyter() -> None:
    violations = mp.validate("createProject", {"name": "<b>", "warehouse": "x<script>", "agentDeploymentType": "HYBRID"})
    html = violations._repr_html_()
    assert html.startswith("<table>") and html.count("<tr>") == 1 + len(violations)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert mp.Violations()._repr_html_() == "<p>no violations</p>"
    assert violations.to_dicts() == [v.to_dict() for v in violations]


def test_build_request_is_ready_for_any_http_client() -> None:
    request = mp.build_request("createProjectConnection", CONNECTION, {"projectId": PROJECT}, region="eu1", token=SECRET_TOKEN)
    assert isinstance(request, mp.HttpRequest)
    assert request.method == "POST"
    assert request.url == f"https://eu1.api.matillion.com/dpc/v1/projects/{PROJECT}/connections"
    assert request.headers["Authorization"] == f"Bearer {SECRET_TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("maia-provision/") and f"python/{sys.version_info[0]}.{sys.version_info[1]}" in request.headers["User-Agent"]
    assert isinstance(request.body, str) and json.loads(request.body) == CONNECTION == request.json()
    request.headers["X-Trace"] = "1"  # a fresh dict each time: the request itself is immutable
    assert "X-Trace" not in request.headers


def test_get_requests_have_no_body_and_carry_the_query() -> None:
    request = mp.build_request("listProjectConnections", None, {"projectId": PROJECT, "page": 2, "size": 50}, base_url="http://localhost:8080/dpc/")
    assert request.method == "GET" and request.body is None and request.json() is None
    assert request.url == f"http://localhost:8080/dpc/v1/projects/{PROJECT}/connections?page=2&size=50"
    assert "Content-Type" not in request.headers


def test_no_printable_form_shows_a_secret() -> None:
    body = {"name": "snowflake-key", "type": "DWH_PASSWORD", "key": "password", "value": {"password": PRIVATE_KEY}}
    request = mp.build_request("createSecretValue", body, {"agentId": AGENT}, region="us1", token=SECRET_TOKEN)
    assert PRIVATE_KEY in json.loads(request.body)["value"]["password"]  # sent for real
    for shown in (repr(request), str(request), json.dumps(request.redacted())):
        assert SECRET_TOKEN not in shown and "MIIEvQIBADANBgkqhkiG9w0" not in shown
        assert "***" in shown
    assert request.redacted()["headers"]["Authorization"] == "***"
    gitlab = {"provider": "gitlab", "providerParameters": {"repositoryId": "42"}, "repositoryName": "r"}
    request = mp.build_request("createRepository", gitlab, {"projectId": PROJECT, "Git-Provider-Access-Token": SECRET_TOKEN}, region="eu1")
    assert request.headers["Git-Provider-Access-Token"] == SECRET_TOKEN
    assert SECRET_TOKEN not in repr(request) and SECRET_TOKEN not in str(request)


def test_validation_error_carries_every_violation() -> None:
    with pytest.raises(mp.ValidationError) as raised:
        mp.build_request("createProject", {"warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID", "descripton": "x"}, region="eu1")
    error = raised.value
    assert isinstance(error, mp.MaiaError) and isinstance(error, ValueError)
    assert error.operation == "createProject"
    assert [(v.pointer, v.code) for v in error.violations] == [("/name", "required"), ("/descripton", "unknown_field")] or {
        (v.pointer, v.code) for v in error.violations
    } == {("/name", "required"), ("/descripton", "unknown_field")}
    assert str(error).startswith("`createProject` request has 1 error")
    assert "{" not in str(error)  # a sentence, not a JSON dump
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is mp.ValidationError and copy.violations == error.violations and str(copy) == str(error)


@pytest.mark.parametrize(
    "options, option",
    [
        ({}, "region"),
        ({"region": "eu2"}, "region"),
        ({"region": "eu1", "base_url": "https://x.example"}, "both"),
        ({"base_url": "ftp://x.example"}, "baseUrl"),
        ({"region": "eu1", "token": "has space"}, "token"),
    ],
)
def test_bad_options_are_value_errors_with_the_cores_message(options: dict[str, str], option: str) -> None:
    with pytest.raises(ValueError) as raised:
        mp.build_request("createProject", {"name": "p", "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID"}, **options)
    assert not isinstance(raised.value, mp.ValidationError)
    message = str(raised.value)
    assert message and "has space" not in message  # never quotes the token
    if option == "region":
        assert "`eu1`" in message


def test_parse_response_returns_the_servers_shape() -> None:
    body = json.dumps({"projectId": PROJECT, "extra": [1, 2]})
    assert mp.parse_response("createProject", 201, body) == {"projectId": PROJECT, "extra": [1, 2]}
    assert mp.parse_response("createProject", 201, body.encode()) == {"projectId": PROJECT, "extra": [1, 2]}
    assert mp.parse_response("createEnvironment", 201, None) == {}
    assert mp.parse_response("createEnvironment", 201, b"") == {}
    page = mp.parse_response("list_agents", 200, json.dumps({"results": [{"agentId": AGENT, "name": "a", "new": True}], "page": 0, "size": 1, "total": 3}))
    assert page == {"results": [{"agentId": AGENT, "name": "a", "new": True}], "page": 0, "size": 1, "total": 3}


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "30", "Content-Type": "application/problem+json"},
        [("content-type", "application/problem+json"), ("retry-after", "30")],
        (("Retry-After", "30"),),
    ],
)
def test_error_statuses_raise_api_error(headers: object) -> None:
    problem = {"type": "about:blank", "title": "Too Many Requests", "status": 429, "detail": "slow down", "violations": ["rate limit"], "traceId": "t-1"}
    with pytest.raises(mp.ApiError) as raised:
        mp.parse_response("createProject", 429, json.dumps(problem), headers)
    error = raised.value
    assert isinstance(error, mp.MaiaError) and not isinstance(error, ValueError)
    assert error.status == 429
    assert error.problem == problem
    assert error.violations == ["rate limit"]
    assert error.body == json.dumps(problem)
    assert error.retry_after == "30"
    assert str(error).startswith("HTTP 429") and "slow down" in str(error) and "{" not in str(error)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.status, copy.problem, copy.retry_after) == (429, problem, "30")


def test_an_error_without_problem_detail_keeps_the_raw_body() -> None:
    with pytest.raises(mp.ApiError) as raised:
        mp.parse_response("listProjects", 502, "<html>bad gateway</html>")
    assert raised.value.problem is None and raised.value.violations == [] and raised.value.body == "<html>bad gateway</html>"
    assert raised.value.retry_after is None


def test_a_success_body_that_is_not_the_response_is_a_decode_error() -> None:
    with pytest.raises(mp.DecodeError) as raised:
        mp.parse_response("listAgents", 200, "not json")
    assert isinstance(raised.value, mp.MaiaError)
    assert raised.value.status == 200 and raised.value.body == "not json"
    with pytest.raises(mp.DecodeError):
        mp.parse_response("listAgents", 200, json.dumps({"results": "nope"}))


def test_parse_response_rejects_bodies_and_headers_it_cannot_read() -> None:
    with pytest.raises(TypeError, match="`body`"):
        mp.parse_response("createProject", 201, {"projectId": PROJECT})  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="`headers`"):
        mp.parse_response("createProject", 201, "{}", [("Retry-After", 30)])  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="`headers`"):
        mp.parse_response("createProject", 201, "{}", "Retry-After: 30")  # type: ignore[call-overload]


def test_private_keys_are_checked_and_repaired() -> None:
    one_line = PRIVATE_KEY.replace("\n", "\\n")
    violations = mp.check_private_key(one_line)
    assert "pem.literal_newline" in [v.code for v in violations]
    assert all("MIIEvQ" not in v.message for v in violations)
    assert mp.check_private_key(PRIVATE_KEY).ok
    repaired = mp.normalize_private_key(one_line)
    assert repaired.startswith("-----BEGIN PRIVATE KEY-----\n") and repaired.endswith("-----END PRIVATE KEY-----\n")
    assert mp.check_private_key(repaired).ok
    with pytest.raises(mp.ValidationError) as raised:
        mp.normalize_private_key("just some text")
    assert raised.value.violations.errors and raised.value.operation is None
    assert "just some text" not in str(raised.value)


def test_import_does_no_work_beyond_module_init() -> None:
    code = (
        "import sys, maia_provision as mp\n"
        "assert 'maia_provision._types' not in sys.modules, 'types loaded at import'\n"
        "body = mp.CreateProjectBody\n"
        "assert 'maia_provision._types' in sys.modules and body.__name__ == 'CreateProjectBody'\n"
        "assert mp.ViolationCode is sys.modules['maia_provision._types'].ViolationCode\n"
        "try:\n    mp.NotAThing\nexcept AttributeError as e:\n    print('ok', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok module 'maia_provision' has no attribute 'NotAThing'")
