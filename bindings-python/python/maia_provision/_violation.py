"""``Violation``: one problem found in a request. The native ``_Violation`` holds the fields as
the core reported them (frozen, with equality, hashing and ``str()``, the core's sentence); this
subclass adds the dict, the ``repr`` and pickling. ``_api._install`` makes it when the native
module loads; type checkers see it through ``_native.pyi``, which types its fields."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._types import ViolationDict

__all__ = ["subclass"]

_FIELDS = ("location", "pointer", "code", "severity", "message")


def subclass(base: Any) -> Any:
    """``Violation`` over the native ``base``."""

    class Violation(base):  # type: ignore[misc, valid-type]
        """One problem found in a request: where (``location`` and a JSON ``pointer``), what
        (``code``, ``message``) and how serious (``severity``)."""

        __slots__ = ()
        __module__ = "maia_provision"
        __qualname__ = "Violation"
        __match_args__ = _FIELDS

        def to_dict(self) -> ViolationDict:
            """The violation as a plain dict (``location``, ``pointer``, ``code``, ``severity``, ``message``)."""
            return {name: getattr(self, name) for name in _FIELDS}  # type: ignore[return-value]

        def __repr__(self) -> str:
            return "Violation(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS) + ")"

        def __reduce__(self) -> tuple[Any, tuple[str, ...]]:
            return (Violation, tuple(getattr(self, name) for name in _FIELDS))

    return Violation
