"""Docs are tests: every ```python block of README.md and bindings-python/README.md runs, in order,
in one namespace per file. HTTP sent with `requests` goes to a stand-in transport (no network
here) that answers like the API: 201 with the sent body for POST, a page for GET. A block whose
fence reads ```python no-run is shown, not run (for code that needs a live account)."""

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


def blocks(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    text = path.read_text()
    found = []
    for match in FENCE.finditer(text):
        info, code = match.group(1).split(), match.group(2)
        if info[0] == "python" and "no-run" not in info[1:]:
            found.append((text.count("\n", 0, match.start()) + 1, code))
    return found


class StandIn(BaseAdapter):
    """Answers like the API without a network."""

    sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
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


def test_the_binding_readme_has_python_examples() -> None:
    assert blocks(READMES[1]), "bindings-python/README.md must hold the Python section's examples"


@pytest.mark.parametrize("path", READMES, ids=[str(p.relative_to(ROOT)) for p in READMES])
def test_readme_python_blocks_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = blocks(path)
    if not found:
        pytest.skip(f"{path.relative_to(ROOT)} has no ```python block yet")
    StandIn.sent = []
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: StandIn())
    namespace: dict[str, Any] = {"__name__": f"readme_{path.stem}"}
    for line, code in found:
        try:
            exec(compile(code, f"{path.relative_to(ROOT)}:{line}", "exec"), namespace)
        except Exception as error:  # name the block that failed
            raise AssertionError(f"{path.relative_to(ROOT)} block at line {line} failed: {error!r}") from error
