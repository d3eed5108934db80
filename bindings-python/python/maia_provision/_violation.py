"""``Violation``: one problem found in a request, as the core reports it
(``maia_provision._native`` makes each from the core's own; ``str()`` is the core's sentence).
Type checkers see it through ``_native.pyi``, which types its fields."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._types import ViolationDict

__all__ = ["Violation"]

_FIELDS = ("location", "pointer", "code", "severity", "message")
_set = object.__setattr__


class Violation:
    """One problem found in a request: where (``location`` and a JSON ``pointer``), what
    (``code``, ``message``) and how serious (``severity``). Immutable, hashable and picklable."""

    __slots__ = _FIELDS
    __match_args__ = _FIELDS
    __module__ = "maia_provision"

    location: str
    pointer: str
    code: str
    severity: str
    message: str

    def __new__(cls, location: str, pointer: str, code: str, severity: str, message: str) -> Violation:
        violation = object.__new__(cls)
        _set(violation, "location", location)
        _set(violation, "pointer", pointer)
        _set(violation, "code", code)
        _set(violation, "severity", severity)
        _set(violation, "message", message)
        return violation

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"attribute {name!r} of 'Violation' objects is not writable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"attribute {name!r} of 'Violation' objects is not writable")

    def _fields(self) -> tuple[str, str, str, str, str]:
        return (self.location, self.pointer, self.code, self.severity, self.message)

    def to_dict(self) -> ViolationDict:
        """The violation as a plain dict (``location``, ``pointer``, ``code``, ``severity``, ``message``)."""
        return dict(zip(_FIELDS, self._fields()))  # type: ignore[return-value]

    def __eq__(self, other: object, /) -> bool:
        if type(other) is not Violation:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "Violation(" + ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self._fields())) + ")"

    def __str__(self) -> str:
        from ._native import _format_violation

        return _format_violation(self.severity, self.location, self.pointer, self.message, self.code)

    def __reduce__(self) -> tuple[type[Violation], tuple[str, str, str, str, str]]:
        return (Violation, self._fields())
