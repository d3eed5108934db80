"""`maia_provision.testing.Emulator`: the emulator from the installed wheel, driven by raw HTTP
(`requests`) with the SDK's own `build_request` / `parse_response`, as a user's test would."""

from __future__ import annotations

import gc
import json
import socket
from typing import Any

import pytest
import requests

import maia_provision as mp
from maia_provision.testing import Emulator
from conftest import EXAMPLES

AUDIENCE = "https://api.matillion.com"


def example(prefix: str) -> dict[str, Any]:
    [path] = EXAMPLES.glob(f"{prefix}-*.json")
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def fetch_token(emu: Emulator) -> str:
    form = {"grant_type": "client_credentials", "client_id": emu.client_id, "client_secret": emu.client_secret, "audience": AUDIENCE}
    answer = requests.post(emu.token_url, data=form, timeout=10)
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["access_token"]
    return token


def call(emu: Emulator, token: str, operation: str, body: Any = None, params: dict[str, Any] | None = None) -> Any:
    req = mp.build_request(operation, body, params, base_url=emu.url, token=token)
    answer = requests.request(req.method, req.url, headers=req.headers, data=req.body, timeout=10)
    return mp.parse_response(operation, answer.status_code, answer.content, answer.headers)


def creates(journal: list[dict[str, Any]], operation: str) -> int:
    return sum(1 for entry in journal if entry["operation"] == operation and entry["changed"])


def test_one_whole_project_in_the_guides_order() -> None:
    with Emulator(seed=1) as emu:
        assert emu.url.startswith("http://127.0.0.1:") and emu.token_url == emu.url + "/oauth/dpc/token"
        token = fetch_token(emu)

        project_id = call(emu, token, "createProject", example("01")["body"])["projectId"]
        project = {"projectId": project_id}
        assert call(emu, token, "createDataPlatformConnection", example("02")["body"], project) == {}
        agents = call(emu, token, "listAgents")["results"]
        full_saas = next(agent["agentId"] for agent in agents if agent["deploymentType"] == "FULL_SAAS")
        secret = call(emu, token, "createSecretValue", example("03")["body"], {"agentId": full_saas})
        assert secret["vaultSecretName"] == "snowflake-private-key"
        connection = call(emu, token, "createProjectConnection", example("07")["body"], project)
        assert connection["projectId"] == project_id and connection["name"] == "aws-connection"
        environment = {**example("15")["body"], "defaultAgentId": full_saas}
        assert call(emu, token, "createEnvironment", environment, project) == {}
        assert call(emu, token, "createRepository", example("18")["body"], project) == {}

        journal = emu.requests()
        assert [entry["operation"] for entry in journal if entry["changed"]] == [
            "createProject",
            "createDataPlatformConnection",
            "createSecretValue",
            "createProjectConnection",
            "createEnvironment",
            "createRepository",
        ]
        for operation in ["createProject", "createDataPlatformConnection", "createSecretValue", "createProjectConnection", "createEnvironment", "createRepository"]:
            assert creates(journal, operation) == 1, operation
        assert journal[0]["operation"] == "token"
        assert all(token not in json.dumps(entry) and emu.client_secret not in json.dumps(entry) for entry in journal)
        [account] = emu.state()["accounts"]
        assert [p["body"]["name"] for p in account["projects"]] == ["my-project-name"]

        emu.reset()
        assert emu.requests() == []
    assert not emu.running


def test_a_create_answered_500_after_processing_happened_once() -> None:
    rule = {"operation": "createProject", "action": {"type": "status_after", "status": 500}}
    with Emulator(seed=2, faults=[rule]) as emu:
        token = fetch_token(emu)
        body = example("01")["body"]
        with pytest.raises(mp.ApiError) as raised:
            call(emu, token, "createProject", body)
        assert raised.value.status == 500
        with pytest.raises(mp.ApiError) as again:  # the blind retry finds it done
            call(emu, token, "createProject", body)
        assert again.value.status == 409
        journal = emu.requests()
        assert creates(journal, "createProject") == 1
        assert [entry["fault"] for entry in journal if entry["operation"] == "createProject"] == ["status_after#1", None]
        [account] = emu.state()["accounts"]
        assert [p["body"]["name"] for p in account["projects"]] == [body["name"]]


def test_faults_added_and_cleared_at_run_time() -> None:
    with Emulator(rate_limit=None) as emu:
        token = fetch_token(emu)
        rule_id = emu.add_fault({"operation": "listProjects", "times": None, "action": {"type": "status", "status": 503, "retry_after": 1}})
        assert isinstance(rule_id, int)
        with pytest.raises(mp.ApiError) as raised:
            call(emu, token, "listProjects")
        assert (raised.value.status, raised.value.retry_after) == (503, "1")
        emu.clear_faults()
        assert call(emu, token, "listProjects")["results"] == []
        with pytest.raises(ValueError, match="nth"):
            emu.add_fault({"nth": 0, "action": {"type": "drop_before"}})


def test_settings_are_checked_and_named() -> None:
    with pytest.raises(TypeError, match="`sed`"):
        Emulator(sed=1)
    with pytest.raises(ValueError, match="rate limit"):
        Emulator(rate_limit=0)
    with pytest.raises(ValueError):
        Emulator(seed="one")
    with pytest.raises(ValueError, match="`probability`"):
        Emulator(faults=[{"probability": 2, "action": {"type": "drop_after"}}])
    assert set(Emulator.SETTINGS) >= {"seed", "token_ttl", "rate_limit", "accounts", "faults", "port"}


def test_accounts_and_token_ttl() -> None:
    accounts = [{"name": "ci", "client_id": "ci-client", "client_secret": "ci-secret-value"}]
    with Emulator(accounts=accounts, token_ttl=0) as emu:
        assert (emu.client_id, emu.client_secret) == ("ci-client", "ci-secret-value")
        token = fetch_token(emu)
        with pytest.raises(mp.ApiError) as raised:  # expired at once
            call(emu, token, "listProjects")
        assert raised.value.status == 401


def test_the_secret_never_shows() -> None:
    with Emulator() as emu:
        for text in (repr(emu), str(emu), repr(emu._native)):
            assert emu.client_secret not in text and "***" in text and emu.url in text


def test_close_and_garbage_collection_stop_the_server() -> None:
    emu = Emulator()
    port = int(emu.url.rsplit(":", 1)[1])
    emu.close()
    emu.close()
    assert not emu.running and "closed" in repr(emu)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()

    emu = Emulator()
    port = int(emu.url.rsplit(":", 1)[1])
    del emu
    gc.collect()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_port_in_use_is_an_os_error() -> None:
    with Emulator() as emu:
        port = int(emu.url.rsplit(":", 1)[1])
        with pytest.raises(OSError):
            Emulator(port=port)
