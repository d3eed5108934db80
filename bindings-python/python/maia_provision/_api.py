"""The Python half of ``maia_provision._native``, installed into it when it loads (``_install``):
the functions off the hot path, ``Emulator`` over a native handle, the methods of ``Violation``
and ``HttpRequest`` off the hot path (installed into the native classes: their fields, ``str``,
equality and construction stay native), and the mapping of the core's result envelopes
(``{"ok": value}`` or ``{"error": {kind, message, …}}``) to values and exceptions. Every rule,
list and message comes from the core; this file only moves values and picks the exception class
of each kind of fault.
"""

from __future__ import annotations

from . import _errors
from ._violations import Violations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

__all__ = [
    "Emulator",
    "check_private_key",
    "combinations",
    "field_options",
    "normalize_private_key",
    "operations",
    "parse_response",
    "variant_members",
]

# `json` is imported where it is used, not here: it loads `re` and `enum`, which would make
# `import maia_provision` slower.

# `maia_provision._native`, set by `_install` (this module is imported while it loads).
_native: Any = None
# The core's static tables, each as JSON text (read once: every call returns fresh values).
_tables: dict[str, str] = {}


def _install(native: ModuleType) -> None:
    global _native
    _native = native
    for name, method in _VIOLATION_METHODS.items():
        setattr(native.Violation, name, method)
    for name, method in _REQUEST_METHODS.items():
        setattr(native.HttpRequest, name, method)
    if hasattr(native, "_emulator_settings"):
        Emulator.SETTINGS = tuple(native._emulator_settings())
    for name in __all__:
        # Without the emulator feature, the module has no emulator.
        if name != "Emulator" or hasattr(native, "_start_emulator"):
            setattr(native, name, globals()[name])
    # The native names that are not API (this module's helpers) are not exported.
    public = [name for name in native.__all__ if not name.startswith("_") or name.startswith("__")]
    native.__all__ = public + [name for name in __all__ if hasattr(native, name)]


def _table(name: str) -> Any:
    import json

    if not _tables:
        _tables.update((key, json.dumps(value)) for key, value in json.loads(_native._tables()).items())
    return json.loads(_tables[name])


def _violations(items: list[dict[str, str]]) -> Violations:
    return Violations(_native.Violation(**item) for item in items)


def _fault(envelope: str) -> BaseException:
    """The exception of an ``{"error": …}`` envelope: the class of its kind, the core's message,
    and its fields as attributes."""
    import json

    fault: dict[str, Any] = json.loads(envelope)["error"]
    kind, message = fault["kind"], fault["message"]
    error: BaseException
    if kind == "validation":
        return _errors.ValidationError(message, _violations(fault["violations"]), fault.get("operation"))
    if kind in ("api", "rateLimited"):
        args = (fault["status"], fault.get("problem"), fault["violations"], fault["body"], fault.get("retryAfter"))
        error = (_errors.ApiError if kind == "api" else _errors.RateLimitedError)(message, *args)
    elif kind == "decode":
        error = _errors.DecodeError(message, fault["status"], fault["body"])
    elif kind == "transport":
        return _errors.TransportError(message, fault["operation"], fault["attempts"], fault.get("timedOut", False))
    elif kind == "auth":
        return _errors.AuthError(message, fault["operation"], fault["attempts"], fault.get("status"))
    elif kind == "outcomeUnknown":
        return _errors.OutcomeUnknownError(message, fault["operation"], fault["attempts"], fault.get("key"))
    elif kind in ("option", "unknownOperation", "invalid"):
        # `invalid`: an emulator setting's value.
        return ValueError(message)
    elif kind in ("input", "optionType", "unknownSetting"):
        return TypeError(message)
    elif kind == "io":
        # The emulator could not start (a port in use).
        return OSError(message)
    else:
        # A kind added to the core later: its message, under the base class.
        return _errors.MaiaError(message)
    if "attempts" in fault:
        # A client call's error: which operation failed after how many requests.
        error.operation, error.attempts = fault["operation"], fault["attempts"]  # type: ignore[attr-defined]
    return error


def _unwrap(envelope: str) -> Any:
    """The value of an ``{"ok": …}`` envelope, or the exception of an ``{"error": …}`` one, raised."""
    import json

    answer = json.loads(envelope)
    if "error" in answer:
        raise _fault(envelope)
    return answer["ok"]


def operations() -> list[dict[str, Any]]:
    """Every operation: ``{id, method, path, pathParams, queryParams, headers, hasBody, summary}``."""
    return _table("operations")  # type: ignore[no-any-return]


def field_options() -> dict[str, dict[str, list[str]]]:
    """Allowed values per operation and JSON pointer: ``{operationId: {pointer: [values]}}``."""
    return _table("fieldOptions")  # type: ignore[no-any-return]


def combinations() -> list[dict[str, Any]]:
    """The combination table of project connections."""
    return _table("combinations")  # type: ignore[no-any-return]


def variant_members() -> dict[str, Any]:
    """The members each variant takes (vaults, cloud credentials, Git providers, warehouse properties)."""
    return _table("variantMembers")  # type: ignore[no-any-return]


def parse_response(operation: str, status: int, body: str | bytes | bytearray | None, headers: Any = None) -> Any:
    """The parsed success body of a response; ``ApiError`` for an error status, ``DecodeError``
    for a success body that is not the operation's response."""
    if isinstance(status, bool) or not isinstance(status, int):
        raise _input_error("status", "", "expectedStatus", type(status).__name__)
    # The core checks the range; an int too large for a float is out of range like any other.
    number = float(status) if abs(status) < 2**63 else float("inf")
    return _unwrap(_native._parse_response(operation, number, _response_body(body), _header_pairs(headers)))


def _input_error(argument: str, pointer: str, kind: str, detail: str = "") -> TypeError:
    """The core's input error (``ffi::InputError::from_names``) as a ``TypeError``."""
    return TypeError(_native._call("inputErrorMessage", argument, pointer, kind, detail))


def _host_error(argument: str, error: Exception) -> TypeError:
    """The core's input error for an exception that reading ``argument`` raised."""
    message = f"{type(error).__name__}: {error}".encode("utf-8", "backslashreplace").decode()
    return _input_error(argument, "", "hostError", message)


def _response_body(body: object) -> str | bytes:
    """A response body for the core: text (which the core reads), bytes, a bytearray (as bytes)
    or ``None`` (empty)."""
    if body is None:
        return b""
    if isinstance(body, (str, bytes)):
        return body
    if isinstance(body, bytearray):
        return bytes(body)
    raise _input_error("body", "", "unsupported", type(body).__name__)


def _header_pairs(headers: Any) -> list[Any]:
    """Response headers as a list of ``(name, value)`` pairs, which the core checks: from a mapping
    (anything with ``items()``, such as ``requests``' or ``httpx``' headers) or an iterable."""
    if headers is None:
        return []
    if isinstance(headers, (str, bytes)):
        raise _input_error("headers", "", "unsupported", type(headers).__name__)
    try:
        items = headers.items() if hasattr(headers, "items") else headers
    except Exception as error:
        raise _host_error("headers", error) from error
    try:
        iterator = iter(items)
    except TypeError:
        raise _input_error("headers", "", "unsupported", type(headers).__name__) from None
    try:
        return list(iterator)
    except Exception as error:
        raise _host_error("headers", error) from error


def check_private_key(text: str) -> Violations:
    """What is wrong with a PEM private key (empty when nothing is)."""
    import json

    return _violations(json.loads(_native._call("checkPrivateKey", text)))


def normalize_private_key(text: str) -> str:
    """A repaired PEM private key, or ``ValidationError`` when it cannot be repaired."""
    return _unwrap(_native._call("normalizePrivateKey", text))  # type: ignore[no-any-return]


_VIOLATION_FIELDS = ("location", "pointer", "code", "severity", "message")


def _violation_to_dict(self: Any) -> dict[str, str]:
    """The violation as a plain dict (``location``, ``pointer``, ``code``, ``severity``, ``message``)."""
    return {name: getattr(self, name) for name in _VIOLATION_FIELDS}


def _violation_repr(self: Any) -> str:
    return "Violation(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in _VIOLATION_FIELDS) + ")"


def _violation_reduce(self: Any) -> tuple[Any, tuple[str, ...]]:
    return (type(self), tuple(getattr(self, name) for name in _VIOLATION_FIELDS))


_VIOLATION_METHODS: dict[str, Any] = {
    "__match_args__": _VIOLATION_FIELDS,
    "to_dict": _violation_to_dict,
    "__repr__": _violation_repr,
    "__reduce__": _violation_reduce,
}


def _request_json(self: Any) -> Any:
    """The body parsed back into Python values, or ``None``."""
    import json

    return None if self.body is None else json.loads(self.body)


def _request_redacted(self: Any) -> dict[str, Any]:
    """The request as a dict (``method``, ``url``, ``headers``, ``body``) with every secret as
    ``***``: safe to log or show."""
    import json

    redacted: dict[str, Any] = json.loads(self._redacted())
    redacted["headers"] = dict(redacted["headers"])
    return redacted


def _request_repr(self: Any) -> str:
    """``repr(HttpRequest)``: its redacted form."""
    shown = ", ".join(f"{name}={value!r}" for name, value in self.redacted().items())
    return f"HttpRequest({shown})"


_REQUEST_METHODS: dict[str, Any] = {"json": _request_json, "redacted": _request_redacted, "__repr__": _request_repr}


class Emulator:
    """The emulator on 127.0.0.1, on its own thread (``maia_provision.testing.Emulator`` wraps it);
    ``close()`` (or garbage collection) stops it. ``repr`` never shows the secret."""

    __slots__ = ("_handle", "_info")
    __module__ = "maia_provision._native"
    _handle: Any
    # `{url, tokenUrl, clientId, clientSecret}`, read once.
    _info: dict[str, str]

    SETTINGS: tuple[str, ...] = ()
    """The settings ``config`` may hold (those of the emulator's ``EmulatorConfig``)."""

    def __new__(cls, config: dict[str, Any] | None = None) -> Emulator:
        """Starts the server; an unknown setting raises ``TypeError``, a bad value ``ValueError``,
        a port in use ``OSError``."""
        emulator = object.__new__(cls)
        emulator._handle = _native._start_emulator(config)
        emulator._info = _unwrap(emulator._handle.call("info"))
        return emulator

    @property
    def url(self) -> str:
        """The API base (``http://127.0.0.1:PORT``), for ``build_request(..., base_url=...)``."""
        return self._info["url"]

    @property
    def token_url(self) -> str:
        """The OAuth token endpoint (client credentials)."""
        return self._info["tokenUrl"]

    @property
    def client_id(self) -> str:
        """The default account's client id."""
        return self._info["clientId"]

    @property
    def client_secret(self) -> str:
        """The default account's client secret (never in ``repr``)."""
        return self._info["clientSecret"]

    @property
    def running(self) -> bool:
        """Whether the server still runs."""
        return _unwrap(self._handle.call("running"))  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stops the server and closes its connections; a second call does nothing."""
        self._handle.close()

    def __repr__(self) -> str:
        return repr(self._handle)
