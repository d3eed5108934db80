"""Docs are tests: every ```python block of README.md and bindings-python/README.md runs, in order,
in one namespace per file, and the number of blocks run is asserted. HTTP sent with `requests`
never leaves the process: a stand-in transport checks that the request goes to the documented
API URL and answers as the API documents (201 with the connection echoed, an `id` added; a page
for GET). Blocks that start `maia_provision.testing.Emulator` talk to that real emulator on
127.0.0.1 instead, through requests' own transport. A block that cannot run offline must be listed in `NOT_RUN` with its reason; none is
skipped silently."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter

from conftest import ROOT

READMES = [ROOT / "README.md", ROOT / "bindings-python" / "README.md"]
FENCE = re.compile(r"^```(python[^\n]*)\n(.*?)^```", re.S | re.M)
API = "https://eu1.api.matillion.com/dpc/v1/"
EMULATOR = "http://127.0.0.1:"

# How many ```python blocks each file holds; a block added or removed must be counted here.
EXPECTED_BLOCKS = {"README.md": 7, "bindings-python/README.md": 5}

# How many of them run against the real emulator (`maia_provision.testing.Emulator`).
EXPECTED_EMULATOR_BLOCKS = {"README.md": 2}

# (file, line of the fence) -> why the block cannot run offline. Empty: every block runs.
NOT_RUN: dict[tuple[str, int], str] = {}


def blocks(path: Path) -> list[tuple[int, str]]:
    text = path.read_text()
    found = []
    for match in FENCE.finditer(text):
        info, code = match.group(1).split(), match.group(2)
        if info[0] == "python":
            found.append((text.count("\n", 0, match.start()) + 1, code))
    return found


class StandIn(BaseAdapter):
    """Answers like the API without a network."""

    sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        assert (request.url or "").startswith(API), f"the README sent {request.url!r}, not a request to the API"
        self.sent.append(request)
        response = requests.Response()
        response.request = request
        response.url = request.url or ""
        if request.method == "GET":
            response.status_code, payload = 200, {"results": [], "page": 0, "size": 25, "total": 0}
        else:
            body = request.body.decode() if isinstance(request.body, bytes) else request.body
            response.status_code, payload = 201, {**json.loads(body or "{}"), "id": "00000000-0000-4000-8000-000000000000"}
        response._content = json.dumps(payload).encode()
        response.headers["Content-Type"] = "application/json"
        return response

    def close(self) -> None:
        pass


@pytest.mark.parametrize("path", READMES, ids=[str(p.relative_to(ROOT)) for p in READMES])
def test_readme_python_blocks_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = str(path.relative_to(ROOT))
    found = blocks(path)
    assert len(found) == EXPECTED_BLOCKS[name], f"{name} has {len(found)} python blocks; update EXPECTED_BLOCKS"
    listed = {line for file, line in NOT_RUN if file == name}
    assert listed <= {line for line, _ in found}, f"NOT_RUN names blocks {name} does not have"
    StandIn.sent = []
    real = requests.adapters.HTTPAdapter()
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: real if url.startswith(EMULATOR) else StandIn())
    namespace: dict[str, Any] = {"__name__": f"readme_{path.stem}"}
    ran = 0
    for line, code in found:
        if line in listed:
            continue
        try:
            exec(compile(code, f"{name}:{line}", "exec"), namespace)
        except Exception as error:  # name the block that failed
            raise AssertionError(f"{name} block at line {line} failed: {error!r}") from error
        ran += 1
    assert ran == EXPECTED_BLOCKS[name] - len(listed)
    sends = sum("requests.request(" in code and "Emulator(" not in code for line, code in found if line not in listed)
    emulated = sum("Emulator(" in code for line, code in found if line not in listed)
    assert emulated == EXPECTED_EMULATOR_BLOCKS.get(name, 0), f"{name}: {emulated} blocks start the emulator"
    assert len(StandIn.sent) == sends, f"{name}: {len(StandIn.sent)} requests sent, {sends} blocks send one"
