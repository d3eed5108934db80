"""The exceptions of maia_provision. Messages come from the Rust core: plain sentences that never
hold a JSON dump or a secret; the structured data is in the attributes."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._violations import Violations

__all__ = [
    "MaiaError",
    "ValidationError",
    "ApiError",
    "DecodeError",
    "TransportError",
    "AuthError",
    "RateLimitedError",
    "OutcomeUnknownError",
]


class MaiaError(Exception):
    """Base class of every error raised by maia_provision. A client call's error also says which
    ``operation`` failed and how many ``attempts`` (requests) it made."""

    operation: str | None = None
    attempts: int = 0


class ValidationError(MaiaError, ValueError):
    """A request (or private key) has error-severity violations; ``violations`` holds all of them,
    warnings included."""

    violations: Violations
    operation: str | None

    def __init__(self, message: str, violations: Violations, operation: str | None = None) -> None:
        super().__init__(message)
        self.violations = violations
        self.operation = operation

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.violations, self.operation))


class ApiError(MaiaError):
    """The API answered with an error status. ``problem`` is the decoded ProblemDetail (a dict) or
    ``None``; ``violations`` are the server's own messages; ``body`` is the raw text."""

    status: int
    problem: dict[str, Any] | None
    violations: list[str]
    body: str
    retry_after: str | None

    def __init__(
        self,
        message: str,
        status: int,
        problem: dict[str, Any] | None,
        violations: list[str],
        body: str,
        retry_after: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.problem = problem
        self.violations = violations
        self.body = body
        self.retry_after = retry_after

    def __reduce__(self) -> tuple[Any, ...]:
        args = (str(self), self.status, self.problem, self.violations, self.body, self.retry_after)
        return (type(self), args, self.__dict__)


class DecodeError(MaiaError):
    """The API answered with success, but the body is not the operation's response; ``body`` keeps
    the raw text."""

    status: int
    body: str

    def __init__(self, message: str, status: int, body: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = body

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.status, self.body), self.__dict__)


class TransportError(MaiaError):
    """No answer came (connect, TLS, reset, timeout) after every retry allowed; ``timed_out``
    says whether the last attempt ran out of time."""

    timed_out: bool

    def __init__(self, message: str, operation: str, attempts: int, timed_out: bool = False) -> None:
        super().__init__(message)
        self.operation = operation
        self.attempts = attempts
        self.timed_out = timed_out

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.operation, self.attempts, self.timed_out))


class AuthError(MaiaError):
    """The credentials were refused: by the token endpoint, or a 401 again after a new token.
    ``status`` is the HTTP status answered, when one was."""

    status: int | None

    def __init__(self, message: str, operation: str, attempts: int, status: int | None = None) -> None:
        super().__init__(message)
        self.operation = operation
        self.attempts = attempts
        self.status = status

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.operation, self.attempts, self.status))


class RateLimitedError(ApiError):
    """Still HTTP 429 after every retry allowed; ``retry_after`` is the server's last
    ``Retry-After`` header."""


class OutcomeUnknownError(MaiaError):
    """A create's answer was lost (or the call was interrupted) and listing could not tell whether
    it happened, so it was not sent again; ``key`` is the name it would have."""

    key: str | None

    def __init__(self, message: str, operation: str, attempts: int, key: str | None = None) -> None:
        super().__init__(message)
        self.operation = operation
        self.attempts = attempts
        self.key = key

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.operation, self.attempts, self.key))
