"""The SDK in a real Jupyter kernel (ipykernel, run by nbclient), as data teams use it: the kernel's
asyncio loop is already running, so `AsyncClient` is awaited at the top level of a cell and the
sync `Client` must work beside that loop; what a cell displays (reprs, tracebacks) must carry no
secret."""

from __future__ import annotations

import json
from typing import Any

import nbclient
import nbformat
import pytest

from conftest import EXAMPLES

TOKEN = "tok-notebook-5ecret-0123456789"
PROJECT = json.loads(next(EXAMPLES.glob("01-*.json")).read_text())["body"]
CONNECTION = json.loads(next(EXAMPLES.glob("07-*.json")).read_text())["body"]

CELLS = [
    # 0: the emulator of the installed wheel, in the kernel's process; its client secret is kept
    # in a file (SECRET_FILE, filled in below) for the test to look for in every output.
    "import maia_provision as mp\nfrom maia_provision.testing import Emulator\nemu = Emulator(seed=1)\n"
    "creds = dict(base_url=emu.url, token_url=emu.token_url, client_id=emu.client_id, client_secret=emu.client_secret)\n"
    "with open(SECRET_FILE, 'w') as file:\n    file.write(emu.client_secret)",
    # 1: the sync client, while the kernel's event loop runs.
    f"client = mp.Client(**creds)\nproject_id = client.create_project({PROJECT!r})['projectId']\nprint('project', len(project_id))",
    # 2: the async client, awaited at the top level of the cell.
    "async with mp.AsyncClient(**creds) as aclient:\n"
    f"    made = await aclient.create_project_connection(project_id, {CONNECTION!r})\n"
    "    names = [c['name'] async for c in aclient.list_project_connections(project_id)]\n"
    "print('connections', names)",
    # 3: a built request as a cell's value: its repr is what the notebook shows.
    f"mp.build_request('listProjects', None, None, base_url=emu.url, token={TOKEN!r})",
    # 4: a request the core refuses: the traceback names the field (allowed to raise).
    "client.create_project({'name': ''})",
    # 5: the client and the emulator as a cell's value.
    "client, emu",
    # 6: violations as a cell's value render as a table.
    "mp.validate('createProject', {'name': ''})",
    # 7: clients and emulator close.
    "client.close()\nemu.close()\nprint('closed', emu.running)",
]


def outputs_text(cell: Any) -> str:
    """Everything a cell shows: streams, values (every MIME type) and tracebacks."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.extend(str(value) for value in output.get("data", {}).values())
        parts.append(output.get("ename", "") + ": " + output.get("evalue", ""))
        parts.extend(output.get("traceback", []))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    secret_file = tmp_path_factory.mktemp("notebook") / "client-secret"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(f"SECRET_FILE = {str(secret_file)!r}")] + [nbformat.v4.new_code_cell(source) for source in CELLS]
    notebook.cells[5].metadata["tags"] = ["raises-exception"]
    # ipykernel's own `python3` kernel runs this interpreter (the test virtualenv's, with the wheel).
    client = nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=False)
    client.execute()
    secret = secret_file.read_text()
    assert len(secret) >= 8
    return notebook, secret


def shown(executed: tuple[Any, str], cell: int) -> str:
    """What cell `cell` of CELLS showed."""
    return outputs_text(executed[0].cells[cell + 1])


def test_the_sync_client_works_beside_the_kernels_running_loop(executed: tuple[Any, str]) -> None:
    assert "project 36" in shown(executed, 1)


def test_the_async_client_is_awaited_at_the_top_level(executed: tuple[Any, str]) -> None:
    assert "connections ['aws-connection']" in shown(executed, 2)


def test_a_request_shown_in_the_notebook_hides_the_token(executed: tuple[Any, str]) -> None:
    text = shown(executed, 3)
    assert "/v1/projects" in text and "Authorization" in text and "***" in text, text
    assert TOKEN not in text


def test_a_refused_request_names_the_field(executed: tuple[Any, str]) -> None:
    text = shown(executed, 4)
    assert "ValidationError" in text and "/name" in text, text


def test_the_client_and_emulator_show_no_secret(executed: tuple[Any, str]) -> None:
    text = shown(executed, 5)
    assert "Emulator(" in text and "client_secret='***'" in text, text


def test_violations_render_as_a_table(executed: tuple[Any, str]) -> None:
    [value] = [output for output in executed[0].cells[7].outputs if output.get("output_type") == "execute_result"]
    html = value["data"]["text/html"]
    assert "<table" in html and "/name" in html and "/agentDeploymentType" in html, html


def test_no_output_carries_a_secret_and_the_notebook_cleans_up(executed: tuple[Any, str]) -> None:
    notebook, secret = executed
    assert "closed False" in shown(executed, 7)
    every = "\n".join(outputs_text(cell) for cell in notebook.cells)
    assert TOKEN not in every
    assert secret not in every
