"""`maia_provision.Client` and `AsyncClient` against the emulator of the installed wheel: a whole
project in the guide's order, retries, lost answers, refused credentials, the shared rate limit,
Ctrl-C, logging and secrets that never show."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import pickle
import signal
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import maia_provision as mp
from maia_provision.testing import Emulator
from conftest import EXAMPLES


def example(prefix: str) -> dict[str, Any]:
    [path] = EXAMPLES.glob(f"{prefix}-*.json")
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def client_of(emu: Emulator, **options: Any) -> mp.Client:
    return mp.Client(base_url=emu.url, token_url=emu.token_url, client_id=emu.client_id, client_secret=emu.client_secret, **options)


def async_client_of(emu: Emulator, **options: Any) -> mp.AsyncClient:
    return mp.AsyncClient(base_url=emu.url, token_url=emu.token_url, client_id=emu.client_id, client_secret=emu.client_secret, **options)


def creates(journal: list[dict[str, Any]], operation: str) -> int:
    return sum(1 for entry in journal if entry["operation"] == operation and entry["changed"])


GUIDE_ORDER = ["createProject", "createDataPlatformConnection", "createSecretValue", "createProjectConnection", "createEnvironment", "createRepository"]


def test_a_whole_project_in_the_guides_order() -> None:
    with Emulator(seed=1) as emu, client_of(emu) as client:
        project_id = client.create_project(example("01")["body"])["projectId"]
        assert client.create_data_platform_connection(project_id, example("02")["body"]) == {}
        agents = list(client.list_agents())
        agent_id = next(agent["agentId"] for agent in agents if agent["deploymentType"] == "FULL_SAAS")
        assert client.create_secret_value(agent_id, example("03")["body"])["vaultSecretName"] == "snowflake-private-key"
        connection = client.create_project_connection(project_id, example("07")["body"])
        assert connection["projectId"] == project_id and connection["name"] == "aws-connection"
        assert client.create_environment(project_id, {**example("15")["body"], "defaultAgentId": agent_id}) == {}
        assert client.create_repository(project_id, example("18")["body"]) == {}
        assert [p["name"] for p in client.list_projects()] == ["my-project-name"]
        assert [e["name"] for e in client.list_environments(project_id)] == ["development"]
        assert [c["name"] for c in client.list_project_connections(project_id, ["aws-connection"])] == ["aws-connection"]
        assert list(client.list_project_connections(project_id, ["nothing-by-that-name"])) == []
        page = client.call("listProjects", None, {"size": 1})
        assert page["total"] == 1 and len(page["results"]) == 1
        journal = emu.requests()
        assert [entry["operation"] for entry in journal if entry["changed"]] == GUIDE_ORDER
        assert sum(1 for entry in journal if entry["operation"] == "token") == 1  # one cached token
    assert client.closed
    with pytest.raises(ValueError):
        client.list_projects()


def test_the_async_client_provisions_the_same_project() -> None:
    async def provision(emu: Emulator) -> list[str]:
        async with async_client_of(emu) as client:
            project_id = (await client.create_project(example("01")["body"]))["projectId"]
            await client.create_data_platform_connection(project_id, example("02")["body"])
            agent_id = [agent["agentId"] async for agent in client.list_agents() if agent["deploymentType"] == "FULL_SAAS"][0]
            await client.create_secret_value(agent_id, example("03")["body"])
            await client.create_project_connection(project_id, example("07")["body"])
            await client.create_environment(project_id, {**example("15")["body"], "defaultAgentId": agent_id})
            await client.create_repository(project_id, example("18")["body"])
            return [project["name"] async for project in client.list_projects()]

    with Emulator(seed=1) as emu:
        assert asyncio.run(provision(emu)) == ["my-project-name"]
        assert [entry["operation"] for entry in emu.requests() if entry["changed"]] == GUIDE_ORDER


def test_lists_go_through_every_page() -> None:
    with Emulator(seed=3) as emu, client_of(emu) as client:
        body = example("01")["body"]
        for index in range(105):
            client.create_project({**body, "name": f"project-{index:03}"})
        names = [project["name"] for project in client.list_projects()]
        assert names == [f"project-{index:03}" for index in range(105)]
        assert sum(1 for entry in emu.requests() if entry["operation"] == "listProjects") == 2


def test_a_429_with_retry_after_waits_then_succeeds() -> None:
    rule = {"operation": "listProjects", "action": {"type": "status", "status": 429, "retry_after": 1}}
    with Emulator(seed=4, faults=[rule]) as emu, client_of(emu) as client:
        started = time.monotonic()
        assert list(client.list_projects()) == []
        assert 0.9 <= time.monotonic() - started < 10
        statuses = [entry["status"] for entry in emu.requests() if entry["operation"] == "listProjects"]
        assert statuses == [429, 200]


def test_a_create_answered_500_after_processing_is_found_by_listing() -> None:
    rule = {"operation": "createProject", "action": {"type": "status_after", "status": 500}}
    with Emulator(seed=5, faults=[rule]) as emu, client_of(emu) as client:
        created = client.create_project(example("01")["body"])
        [project] = emu.state()["accounts"][0]["projects"]
        assert created["projectId"] == project["id"]
        assert creates(emu.requests(), "createProject") == 1


def test_a_wrong_client_secret_is_an_auth_error() -> None:
    with Emulator(seed=6) as emu, mp.Client(base_url=emu.url, token_url=emu.token_url, client_id=emu.client_id, client_secret="wrong-canary-secret") as client:
        with pytest.raises(mp.AuthError) as raised:
            client.create_project(example("01")["body"])
        error = raised.value
        assert isinstance(error, mp.MaiaError) and error.operation == "createProject" and error.status == 401
        assert "wrong-canary-secret" not in str(error) + repr(error)
        tokens = [entry for entry in emu.requests() if entry["operation"] == "token"]
        assert 1 <= len(tokens) <= 2
        assert not any(entry["operation"] == "createProject" for entry in emu.requests())


def test_invalid_requests_and_options_send_nothing() -> None:
    with Emulator(seed=7) as emu, client_of(emu) as client:
        with pytest.raises(mp.ValidationError) as raised:
            client.create_project({"name": "p", "warehouse": "SNOWFLAKE"})
        assert raised.value.operation == "createProject" and raised.value.attempts == 0
        assert [v.pointer for v in raised.value.violations] == ["/agentDeploymentType"]
        assert emu.requests() == []
        with pytest.raises(ValueError, match="maxRetries"):
            client_of(emu, max_retries=99)
        with pytest.raises(ValueError, match="`max_retries` must be a whole number from 0"):
            client_of(emu, max_retries=-1)
        with pytest.raises(ValueError, match="`rate_limit` must be a whole number from 0"):
            client_of(emu, rate_limit=2.5)
        with pytest.raises(TypeError, match="`max_retries` must be a whole number; got `str`"):
            client_of(emu, max_retries="3")
        with pytest.raises(ValueError, match="timeout"):
            client_of(emu, timeout=0)
        with pytest.raises(TypeError, match="^`timeout` must be a number; got `str`$"):
            client_of(emu, timeout="soon")
        with pytest.raises(TypeError, match="^`token_url` must be a string; got `int`$"):
            mp.Client(base_url=emu.url, token_url=443, client_id="x", client_secret="y")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="^`rate_limit` must be a whole number; got `bool`$"):
            client_of(emu, rate_limit=True)
        with pytest.raises(ValueError, match="^`client_id` must be text without lone surrogates"):
            mp.Client(base_url=emu.url, client_id="id-\udc80", client_secret="y")
        with pytest.raises(ValueError, match="rateLimit"):
            client_of(emu, rate_limit=0)
        with pytest.raises(ValueError, match="client secret"):
            mp.Client(base_url=emu.url, client_id="only-an-id")


def test_environment_variables_fill_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    with Emulator(seed=8) as emu:
        for name, value in {"MAIA_BASE_URL": emu.url, "MAIA_TOKEN_URL": emu.token_url, "MAIA_CLIENT_ID": emu.client_id, "MAIA_CLIENT_SECRET": emu.client_secret}.items():
            monkeypatch.setenv(name, value)
        with mp.Client() as client:
            assert client.base_url == emu.url
            assert list(client.list_agents())


def test_sixteen_threads_share_one_rate_limit() -> None:
    with Emulator(seed=9, rate_limit=120) as emu, client_of(emu, rate_limit=120) as client:
        started = time.monotonic()
        with ThreadPoolExecutor(16) as pool:
            results = list(pool.map(lambda _: list(client.list_agents()), range(16)))
        elapsed = time.monotonic() - started
        assert all(len(agents) == 2 for agents in results)
        assert 2 <= elapsed < 30, elapsed
        journal = emu.requests()
        assert sum(1 for e in journal if e["operation"] == "listAgents" and e["status"] == 429) <= 2
        assert sum(1 for e in journal if e["operation"] == "listAgents" and e["status"] == 200) == 16


def test_sixteen_asyncio_tasks_share_one_rate_limit() -> None:
    async def run(emu: Emulator) -> float:
        async with async_client_of(emu, rate_limit=120) as client:
            started = time.monotonic()

            async def agents() -> list[Any]:
                return [agent async for agent in client.list_agents()]

            results = await asyncio.gather(*(agents() for _ in range(16)))
            assert all(len(found) == 2 for found in results)
            return time.monotonic() - started

    with Emulator(seed=10, rate_limit=120) as emu:
        elapsed = asyncio.run(run(emu))
        assert 2 <= elapsed < 30, elapsed
        assert sum(1 for e in emu.requests() if e["operation"] == "listAgents" and e["status"] == 200) == 16


def test_ctrl_c_stops_a_waiting_create_within_a_second() -> None:
    rule = {"operation": "createProject", "action": {"type": "delay", "ms": 5000}}
    with Emulator(seed=11, faults=[rule]) as emu, client_of(emu) as client:
        timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
        timer.start()
        started = time.monotonic()
        try:
            with pytest.raises((KeyboardInterrupt, mp.OutcomeUnknownError)) as raised:
                client.create_project(example("01")["body"])
        finally:
            timer.join()
        waited = time.monotonic() - started - 0.3
        assert waited < 1.0, waited
        if isinstance(raised.value, mp.OutcomeUnknownError):
            assert raised.value.operation == "createProject" and raised.value.key == "my-project-name"
            assert isinstance(raised.value.__cause__, KeyboardInterrupt)
        # The client still works afterwards.
        emu.clear_faults()
        assert list(client.list_agents())


def test_cancelling_an_asyncio_call_stops_it() -> None:
    rule = {"operation": "listAgents", "action": {"type": "delay", "ms": 5000}}

    async def run(emu: Emulator) -> float:
        async with async_client_of(emu) as client:
            started = time.monotonic()
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(client.call("listAgents"), 0.2)
            return time.monotonic() - started

    with Emulator(seed=12, faults=[rule]) as emu:
        assert asyncio.run(run(emu)) < 1.0


def test_one_log_line_per_attempt(caplog: pytest.LogCaptureFixture) -> None:
    rule = {"operation": "listProjects", "action": {"type": "status", "status": 503}}
    with Emulator(seed=13, faults=[rule]) as emu, client_of(emu) as client:
        with caplog.at_level(logging.DEBUG, logger="maia_provision"):
            assert list(client.list_projects()) == []
        lines = [record for record in caplog.records if record.name == "maia_provision"]
        text = [record.getMessage() for record in lines]
        assert any("GET /v1/projects attempt 1: HTTP 503" in line for line in text), text
        assert any("attempt 2: HTTP 200, done" in line for line in text), text
        assert [record.maia["reason"] for record in lines if record.maia["operation"] == "listProjects"] == ["unavailable", "done"]  # type: ignore[attr-defined]
        assert all(emu.client_secret not in line for line in text)
        # DEBUG adds the request's headers, the bearer token as ***.
        api_lines = [line for line in text if "GET /v1/projects" in line]
        assert all("'Authorization': '***'" in line and "'User-Agent': 'maia-provision/" in line for line in api_lines), api_lines
        assert all(record.maia["headers"].get("Authorization") == "***" for record in lines if record.maia["operation"] == "listProjects")  # type: ignore[attr-defined]


def test_secrets_never_show() -> None:
    # Built at run time, so that a traceback's source lines cannot show them.
    canary = "-".join(["canary", "s3cr3t", "value", "4242"])
    token_canary = "-".join(["canary", "token", "value", "777"])
    with Emulator(seed=14, accounts=[{"name": "acme", "client_id": "acme-id", "client_secret": canary}]) as emu:
        client = mp.Client(base_url=emu.url, token_url=emu.token_url, client_id="acme-id", client_secret=canary)
        token_client = mp.Client(base_url=emu.url, token=token_canary)
        errors: list[BaseException] = []
        for failing in [
            lambda: client.create_project({"name": "p"}),
            lambda: client.create_secret_value("not-an-agent", {**example("03")["body"], "secretValue": canary}),
            lambda: list(token_client.list_projects()),
            lambda: mp.Client(base_url=emu.url, client_id="x", client_secret=canary, token=token_canary),
        ]:
            with pytest.raises(Exception) as raised:
                failing()
            errors.append(raised.value)
        shown = [repr(client), str(client), repr(token_client), repr(client._native)]
        for error in errors:
            shown += [repr(error), str(error), "".join(traceback.format_exception(error)), repr(vars(error))]
        for text in shown:
            assert canary not in text and token_canary not in text, text
        with pytest.raises(TypeError):
            pickle.dumps(client)
        assert isinstance(errors[2], mp.AuthError)
        client.close()
        token_client.close()


def test_errors_pickle_with_their_fields() -> None:
    error = mp.OutcomeUnknownError("the outcome is unknown", "createProject", 2, "p")
    again = pickle.loads(pickle.dumps(error))
    assert (again.operation, again.attempts, again.key, str(again)) == ("createProject", 2, "p", "the outcome is unknown")
    assert issubclass(mp.RateLimitedError, mp.ApiError) and issubclass(mp.TransportError, mp.MaiaError)


def test_a_503_on_a_list_is_retried() -> None:
    rule = {"operation": "listAgents", "action": {"type": "status", "status": 503, "retry_after": 1}}
    with Emulator(seed=21, faults=[rule]) as emu, client_of(emu) as client:
        assert len(list(client.list_agents())) == 2
        statuses = [entry["status"] for entry in emu.requests() if entry["operation"] == "listAgents"]
        assert statuses == [503, 200]


def test_a_create_dropped_before_processing_is_sent_again_once() -> None:
    rule = {"operation": "createProject", "action": {"type": "drop_before"}}
    with Emulator(seed=22, faults=[rule]) as emu, client_of(emu) as client:
        created = client.create_project(example("01")["body"])
        assert created["projectId"]
        assert creates(emu.requests(), "createProject") == 1


def test_a_create_dropped_after_processing_is_found_not_sent_twice() -> None:
    rule = {"operation": "createProject", "action": {"type": "drop_after"}}
    with Emulator(seed=23, faults=[rule]) as emu, client_of(emu) as client:
        created = client.create_project(example("01")["body"])
        [project] = emu.state()["accounts"][0]["projects"]
        assert created["projectId"] == project["id"]
        assert creates(emu.requests(), "createProject") == 1


def test_an_expired_token_is_refreshed_and_a_revoked_one_replayed_once() -> None:
    with Emulator(seed=24, token_ttl=1) as emu, client_of(emu) as client:
        list(client.list_agents())
        time.sleep(1.2)
        assert len(list(client.list_agents())) == 2
        tokens = sum(1 for entry in emu.requests() if entry["operation"] == "token")
        assert 2 <= tokens <= 3, tokens
        # A 401 on a call (the token revoked): one new token, one replay.
        emu.add_fault({"operation": "listAgents", "action": {"type": "status", "status": 401}})
        before = sum(1 for entry in emu.requests() if entry["operation"] == "token")
        assert len(list(client.list_agents())) == 2
        after = sum(1 for entry in emu.requests() if entry["operation"] == "token")
        assert after == before + 1


def test_a_create_that_times_out_exists_once() -> None:
    rule = {"operation": "createProject", "action": {"type": "delay", "ms": 1500}}
    with Emulator(seed=25, faults=[rule]) as emu, client_of(emu, timeout=0.4) as client:
        created = client.create_project(example("01")["body"])
        [project] = emu.state()["accounts"][0]["projects"]
        assert created["projectId"] == project["id"]
        assert creates(emu.requests(), "createProject") == 1
