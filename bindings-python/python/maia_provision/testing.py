"""An offline Maia API for tests: the emulator of ``maia-provision-emulator``, running inside this
package's native module on 127.0.0.1, on its own thread.

>>> from maia_provision.testing import Emulator
>>> with Emulator(seed=1) as emu:
...     emu.url.startswith("http://127.0.0.1:")
True

Settings are those of the emulator's ``EmulatorConfig``: ``seed``, ``token_ttl``, ``rate_limit``
(``None`` turns it off), ``accounts``, ``faults``, ``port``, ``log_requests``. A setting that does
not exist raises ``TypeError``; a bad value ``ValueError``. The helpers call the emulator's
control plane (``{url}/_emulator/...``) with ``urllib``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from types import TracebackType
from typing import Any

from ._native import Emulator as _NativeEmulator

__all__ = ["Emulator"]

# The control plane is on 127.0.0.1: never through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_TIMEOUT = 10.0


class Emulator:
    """A running emulator: ``url`` (the API base for ``build_request(..., base_url=emu.url)``),
    ``token_url``, ``client_id`` and ``client_secret`` of the default account. ``close()``, the end
    of a ``with`` block or garbage collection stop it. ``repr`` never shows the secret."""

    SETTINGS: tuple[str, ...] = _NativeEmulator.SETTINGS

    def __init__(self, **config: Any) -> None:
        self._native = _NativeEmulator(config)

    @property
    def url(self) -> str:
        return self._native.url

    @property
    def token_url(self) -> str:
        return self._native.token_url

    @property
    def client_id(self) -> str:
        return self._native.client_id

    @property
    def client_secret(self) -> str:
        return self._native.client_secret

    @property
    def running(self) -> bool:
        return self._native.running

    def close(self) -> None:
        """Stops the server (the GIL is released meanwhile); a second call does nothing."""
        self._native.close()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "" if self.running else ", closed"
        return f"Emulator(url={self.url!r}, client_id={self.client_id!r}, client_secret='***'{state})"

    __str__ = __repr__

    def requests(self) -> list[dict[str, Any]]:
        """The request journal, oldest first: ``seq``, ``method``, ``path``, ``operation``,
        ``account``, ``status``, ``changed``, ``key``, ``fault`` (no bodies, tokens or secrets)."""
        journal: list[dict[str, Any]] = self._control("GET", "requests")["requests"]
        return journal

    def reset(self) -> None:
        """Forgets every project, connection, secret and the journal; ids start again from the seed."""
        self._control("POST", "reset")

    def add_fault(self, rule: dict[str, Any]) -> int:
        """Adds a fault rule (``{"operation": "createProject", "action": {"type": "status", "status": 503}}``)
        and returns its id; a rule the emulator refuses raises ``ValueError`` with its reason."""
        ids: list[int] = self._control("POST", "faults", rule)["ids"]
        return ids[0]

    def clear_faults(self) -> None:
        """Removes every fault rule."""
        self._control("DELETE", "faults")

    def state(self) -> dict[str, Any]:
        """The state export: ``{"accounts": [{"name", "projects", ...}]}``, secret values as ``***``."""
        exported: dict[str, Any] = self._control("GET", "state")
        return exported

    def _control(self, method: str, name: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/_emulator/{name}", data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with _OPENER.open(request, timeout=_TIMEOUT) as response:
                text = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")
            try:
                detail = json.loads(detail).get("detail", detail)
            except ValueError:
                pass
            raise ValueError(detail) from None
        return json.loads(text) if text else None
