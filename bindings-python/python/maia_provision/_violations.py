"""``Violations``: the list that ``validate`` and ``check_private_key`` return."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._native import Violation
    from ._types import ViolationDict

__all__ = ["Violations"]

_COLUMNS = ("severity", "location", "pointer", "code", "message")


class Violations(list["Violation"]):
    """A list of ``Violation`` objects (errors and warnings; empty when the request is valid)."""

    __slots__ = ()

    @property
    def ok(self) -> bool:
        """Whether no violation is an error (warnings do not block a request)."""
        return not any(violation.severity == "error" for violation in self)

    @property
    def errors(self) -> Violations:
        """The error-severity violations: the ones that block ``build_request``."""
        return Violations(violation for violation in self if violation.severity == "error")

    @property
    def warnings(self) -> Violations:
        """The warnings: advice that does not block ``build_request``."""
        return Violations(violation for violation in self if violation.severity == "warning")

    def to_dicts(self) -> list[ViolationDict]:
        """Every violation as a plain dict (for ``json.dumps`` or ``pandas.DataFrame``)."""
        return [violation.to_dict() for violation in self]

    def __repr__(self) -> str:
        return f"Violations({list.__repr__(self)})"

    def _repr_html_(self) -> str:
        """A table for Jupyter."""
        from html import escape

        if not self:
            return "<p>no violations</p>"
        head = "".join(f"<th>{name}</th>" for name in _COLUMNS)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(getattr(violation, name))}</td>" for name in _COLUMNS) + "</tr>"
            for violation in self
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
