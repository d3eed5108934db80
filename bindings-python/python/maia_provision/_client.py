"""The native client: ``Client`` (blocking; the GIL is released while a call waits, Ctrl-C stops it)
and ``AsyncClient`` (awaitables on the running asyncio loop). Both are the Rust core's client (a
native handle from ``maia_provision._native._start_client``): the options' checks, validation,
OAuth, retries, the rate limit and every message are the core's. This file only names the
operations' arguments and waits for the answers, which the core hands to a callback from its
runtime's thread.
"""

from __future__ import annotations

import itertools

from ._api import _fault, _unwrap
from ._native import _start_client

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
    from types import TracebackType
    from typing import Any

    from ._types import (
        Agent,
        Created,
        CreateDataPlatformConnectionBody,
        CreateEnvironmentBody,
        CreateProjectBody,
        CreateProjectConnectionBody,
        CreateRepositoryBody,
        CreateSecretValueBody,
        EnvironmentSummary,
        OperationId,
        ProjectConnection,
        ProjectCreated,
        ProjectSummary,
        SecretCreated,
        SnakeOperationId,
    )

__all__ = ["Client", "AsyncClient"]

_LOGGER_NAME = "maia_provision"


# How long a waiting sync call sleeps between looks for a signal (Ctrl-C answers within this).
_SIGNAL_POLL = 0.05
# Call ids, for `cancel` (the native side takes them as 32-bit numbers).
_ids = itertools.count(1)


def _log_attempt(text: str) -> None:
    # Called from the core's runtime thread, once per attempt, with its JSON record; `json` and
    # `logging` are imported by then.
    import json
    import logging

    record = json.loads(text)
    line, reason, headers = record["message"], record["reason"], dict(record["headers"])
    logger = logging.getLogger(_LOGGER_NAME)
    level = logging.DEBUG if reason == "done" else logging.INFO
    if logger.isEnabledFor(level):
        wait = None if record["waitMs"] is None else record["waitMs"] / 1000
        fields = {name: record[name] for name in ("operation", "route", "status", "attempt")}
        extra = {**fields, "wait": wait, "reason": reason, "headers": headers}
        if logger.isEnabledFor(logging.DEBUG):
            # DEBUG adds the request's headers, secrets as ***.
            line = f"{line}; headers {headers}"
        logger.log(level, "%s", line, extra={"maia": extra})


def _waited(native: Any, start: Callable[[int, Callable[[str], None]], str | None]) -> Any:
    """Starts a native call (``start(id, done)``, which answers the error envelope of its
    interruption or ``None``) and waits for its answer with the GIL released. Ctrl-C stops it:
    ``KeyboardInterrupt``, or ``OutcomeUnknownError`` for a create."""
    import threading

    answers: list[str] = []
    done = threading.Event()

    def settle(envelope: str) -> None:
        answers.append(envelope)
        done.set()

    call_id = next(_ids) % 2**32
    interrupted = start(call_id, settle)
    try:
        # Between two waits the interpreter runs its signal handlers, so Ctrl-C raises here.
        while not done.wait(_SIGNAL_POLL):
            pass
    except BaseException as interrupt:
        # Ctrl-C, or whatever another signal handler raised.
        native.call("cancel", id=call_id)
        if interrupted is None:
            raise
        raise _fault(interrupted) from interrupt
    return _unwrap(answers[0])


class _Base:
    """What both clients share: the options, ``close()`` and a ``repr`` without secrets."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        token_url: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        timeout: float | None = None,
        region: str | None = None,
        token: str | None = None,
        max_retries: int | None = None,
        rate_limit: int | None = None,
        user_agent: str | None = None,
    ) -> None:
        import json  # noqa: F401  (loaded here, not at import: the log callback needs them)
        import logging  # noqa: F401

        # The core reads every option (types and values, with its messages, by these names).
        options = {"base_url": base_url, "token_url": token_url, "client_id": client_id, "client_secret": client_secret, "timeout": timeout}
        options.update(region=region, token=token, max_retries=max_retries, rate_limit=rate_limit, user_agent=user_agent)
        self._native = _start_client(options, _log_attempt)

    @property
    def base_url(self) -> str:
        """The API base URL requests go to."""
        return _unwrap(self._native.call("baseUrl"))  # type: ignore[no-any-return]

    @property
    def closed(self) -> bool:
        return _unwrap(self._native.call("closed"))  # type: ignore[no-any-return]

    def close(self) -> None:
        """Drops the connection pool; later calls raise ``ValueError``."""
        self._native.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._native!r})"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        # A client holds credentials and connections: it is not pickled (and never printed with them).
        raise TypeError(f"cannot pickle {type(self).__name__!r} object")


def _pages(native: Any, operation: str, params: Mapping[str, Any] | None) -> Callable[[int, Callable[[str], None]], None]:
    """The pages of a list operation, as the start of each page's call (``start(id, done)``)."""
    answer = native.call("pages", operation, None, params)
    if isinstance(answer, str):
        raise _fault(answer)  # the client is closed, or the operation is unknown
    return lambda call_id, done: answer.call("next", id=call_id, done=done)


def _project(project_id: str) -> dict[str, Any]:
    return {"projectId": project_id}


def _connections(project_id: str, connection_names: Sequence[str] | None) -> dict[str, Any]:
    params = _project(project_id)
    if connection_names is not None:
        params["connectionNames"] = [connection_names] if isinstance(connection_names, str) else list(connection_names)
    return params


def _repository(project_id: str, token: str | None) -> dict[str, Any]:
    params = _project(project_id)
    if token is not None:
        params["Git-Provider-Access-Token"] = token
    return params


class Client(_Base):
    """A blocking client of the Maia provisioning API. Methods return plain dicts; ``list_*``
    return an iterator over the items of every page. ``with Client(...) as c:`` closes it."""

    def _call(self, operation: str, body: Any = None, params: Mapping[str, Any] | None = None) -> Any:
        return _waited(self._native, lambda call_id, done: self._native.call("call", operation, body, params, call_id, done))

    def _items(self, operation: str, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        pages = _pages(self._native, operation, params)

        def items() -> Iterator[Any]:
            while (page := _waited(self._native, pages)) is not None:
                yield from page

        return items()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        self.close()

    def call(self, operation: OperationId | SnakeOperationId, body: Any = None, params: Mapping[str, Any] | None = None) -> Any:
        """Any operation by id, with its path, query and header parameters by name; a list returns the page asked for."""
        return self._call(operation, body, params)

    def create_project(self, body: CreateProjectBody) -> ProjectCreated:
        """``POST /v1/projects``: ``{"projectId": ...}``."""
        return self._call("createProject", body)

    def create_data_platform_connection(self, project_id: str, body: CreateDataPlatformConnectionBody) -> Created:
        """``POST /v1/projects/{projectId}/data-platform-connections``: the default warehouse connection."""
        return self._call("createDataPlatformConnection", body, _project(project_id))

    def create_secret_value(self, agent_id: str, body: CreateSecretValueBody) -> SecretCreated:
        """``POST /v1/secrets/{agentId}/secret-value``."""
        return self._call("createSecretValue", body, {"agentId": agent_id})

    def create_project_connection(self, project_id: str, body: CreateProjectConnectionBody) -> ProjectConnection:
        """``POST /v1/projects/{projectId}/connections``: the connection created."""
        return self._call("createProjectConnection", body, _project(project_id))

    def create_environment(self, project_id: str, body: CreateEnvironmentBody) -> Created:
        """``POST /v1/projects/{projectId}/environments``."""
        return self._call("createEnvironment", body, _project(project_id))

    def create_repository(self, project_id: str, body: CreateRepositoryBody, git_provider_access_token: str | None = None) -> Created:
        """``POST /v1/projects/{projectId}/repositories`` (the token for GitLab)."""
        return self._call("createRepository", body, _repository(project_id, git_provider_access_token))

    def rotate_repository_token(self, project_id: str, git_provider_access_token: str) -> Created:
        """``POST /v1/projects/{projectId}/repositories/token``: a new GitLab personal access token."""
        return self._call("rotateRepositoryToken", None, _repository(project_id, git_provider_access_token))

    def list_agents(self) -> Iterator[Agent]:
        """Every agent, page after page."""
        return self._items("listAgents")

    def list_projects(self) -> Iterator[ProjectSummary]:
        """Every project, page after page."""
        return self._items("listProjects")

    def list_environments(self, project_id: str) -> Iterator[EnvironmentSummary]:
        """Every environment of a project, page after page."""
        return self._items("listEnvironments", _project(project_id))

    def list_project_connections(self, project_id: str, connection_names: Sequence[str] | None = None) -> Iterator[ProjectConnection]:
        """Every connection of a project (only those named, when ``connection_names`` is given)."""
        return self._items("listProjectConnections", _connections(project_id, connection_names))


async def _settled(native: Any, start: Callable[[int, Callable[[str], None]], str | None]) -> Any:
    """The answer of a native call (``start(id, done)``), awaited on the running loop: the
    runtime's thread wakes it. Cancelling the awaiting task stops the call."""
    import asyncio

    loop = asyncio.get_running_loop()
    woken = loop.create_future()

    def settle(envelope: str) -> None:
        try:
            loop.call_soon_threadsafe(_resolve, woken, envelope)
        except RuntimeError:
            pass  # the loop is closed: nobody waits any more

    call_id = next(_ids) % 2**32
    start(call_id, settle)
    try:
        envelope = await woken
    except BaseException:
        native.call("cancel", id=call_id)
        raise
    return _unwrap(envelope)


def _resolve(woken: Any, envelope: str) -> None:
    if not woken.done():
        woken.set_result(envelope)


class AsyncClient(_Base):
    """The asyncio client: the same methods as ``Client``, as coroutines; ``list_*`` return an
    async iterator over every page (``async for``). ``async with AsyncClient(...) as c:`` closes it."""

    async def _call(self, operation: str, body: Any = None, params: Mapping[str, Any] | None = None) -> Any:
        return await _settled(self._native, lambda call_id, done: self._native.call("call", operation, body, params, call_id, done))

    async def _items(self, operation: str, params: Mapping[str, Any] | None = None) -> AsyncIterator[Any]:
        pages = _pages(self._native, operation, params)
        while (page := await _settled(self._native, pages)) is not None:
            for item in page:
                yield item

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        self.close()

    async def call(self, operation: OperationId | SnakeOperationId, body: Any = None, params: Mapping[str, Any] | None = None) -> Any:
        """Any operation by id, with its path, query and header parameters by name; a list returns the page asked for."""
        return await self._call(operation, body, params)

    async def create_project(self, body: CreateProjectBody) -> ProjectCreated:
        """``POST /v1/projects``: ``{"projectId": ...}``."""
        return await self._call("createProject", body)

    async def create_data_platform_connection(self, project_id: str, body: CreateDataPlatformConnectionBody) -> Created:
        """``POST /v1/projects/{projectId}/data-platform-connections``."""
        return await self._call("createDataPlatformConnection", body, _project(project_id))

    async def create_secret_value(self, agent_id: str, body: CreateSecretValueBody) -> SecretCreated:
        """``POST /v1/secrets/{agentId}/secret-value``."""
        return await self._call("createSecretValue", body, {"agentId": agent_id})

    async def create_project_connection(self, project_id: str, body: CreateProjectConnectionBody) -> ProjectConnection:
        """``POST /v1/projects/{projectId}/connections``."""
        return await self._call("createProjectConnection", body, _project(project_id))

    async def create_environment(self, project_id: str, body: CreateEnvironmentBody) -> Created:
        """``POST /v1/projects/{projectId}/environments``."""
        return await self._call("createEnvironment", body, _project(project_id))

    async def create_repository(self, project_id: str, body: CreateRepositoryBody, git_provider_access_token: str | None = None) -> Created:
        """``POST /v1/projects/{projectId}/repositories`` (the token for GitLab)."""
        return await self._call("createRepository", body, _repository(project_id, git_provider_access_token))

    async def rotate_repository_token(self, project_id: str, git_provider_access_token: str) -> Created:
        """``POST /v1/projects/{projectId}/repositories/token``."""
        return await self._call("rotateRepositoryToken", None, _repository(project_id, git_provider_access_token))

    def list_agents(self) -> AsyncIterator[Agent]:
        """Every agent, page after page."""
        return self._items("listAgents")

    def list_projects(self) -> AsyncIterator[ProjectSummary]:
        """Every project, page after page."""
        return self._items("listProjects")

    def list_environments(self, project_id: str) -> AsyncIterator[EnvironmentSummary]:
        """Every environment of a project, page after page."""
        return self._items("listEnvironments", _project(project_id))

    def list_project_connections(self, project_id: str, connection_names: Sequence[str] | None = None) -> AsyncIterator[ProjectConnection]:
        """Every connection of a project (only those named, when ``connection_names`` is given)."""
        return self._items("listProjectConnections", _connections(project_id, connection_names))
