"""Real HTTP on 127.0.0.1: what `requests` and `urllib` send from `build_request` arrives byte for
byte, and the server's replies (created bodies, ProblemDetail errors) go through
`parse_response`."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
import requests

import maia_provision as mp

PROJECT = "678d39a9-98e2-45e7-80db-3e90d0942eaf"
TOKEN = "local-test-token"
CONNECTION = {
    "name": "aws-connection",
    "platformConnectionType": "CLOUD_PLATFORM_CREDENTIALS",
    "authProvider": "aws",
    "authType": "CLOUD_PROVIDER_SECRET",
    "connectionDetails": {"secretsLocation": {"type": "MAIA_CUSTOMER_VAULT"}, "connectionProperties": {"credentialSecretName": "aws-creds"}},
}
PROBLEM = {"type": "about:blank", "title": "Conflict", "status": 409, "detail": "a connection named aws-connection exists", "violations": ["name must be unique"]}


class Recorder(BaseHTTPRequestHandler):
    """Records each request; answers by path: `/conflict/...` with a 409 ProblemDetail and
    Retry-After, anything else with 201 and the body it received plus an id."""

    received: list[dict[str, Any]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        self.received.append({"method": "POST", "path": self.path, "headers": list(self.headers.items()), "body": body})
        if self.path.startswith("/conflict/"):
            self.reply(409, json.dumps(PROBLEM).encode(), "application/problem+json", {"Retry-After": "5"})
        else:
            created = {**json.loads(body), "id": "c-1", "createdDate": "2026-04-23T14:05:30.858475"}
            self.reply(201, json.dumps(created).encode(), "application/json")

    def do_GET(self) -> None:
        self.received.append({"method": "GET", "path": self.path, "headers": list(self.headers.items()), "body": b""})
        self.reply(200, json.dumps({"results": [{"name": "dev", "defaultAgentId": "a-1"}], "page": 0, "size": 25, "total": 1}).encode(), "application/json")

    def reply(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []
    handler = type("Handler", (Recorder,), {"received": received})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", received
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def assert_arrived(request: mp.HttpRequest, arrived: dict[str, Any]) -> None:
    url = urlsplit(request.url)
    assert arrived["method"] == request.method
    assert arrived["path"] == url.path + (f"?{url.query}" if url.query else "")
    headers = {name.lower(): value for name, value in arrived["headers"]}
    for name, value in request.headers.items():
        assert headers[name.lower()] == value, name  # every header, exactly as built
    expected = b"" if request.body is None else request.body.encode()
    assert arrived["body"] == expected  # byte for byte


def test_requests_sends_exactly_what_build_request_built(server: tuple[str, list[dict[str, Any]]]) -> None:
    base, received = server
    request = mp.build_request("createProjectConnection", CONNECTION, {"projectId": PROJECT}, base_url=f"{base}/dpc", token=TOKEN)
    response = requests.request(request.method, request.url, headers=request.headers, data=request.body, timeout=10)
    assert len(received) == 1
    assert_arrived(request, received[0])
    assert received[0]["path"] == f"/dpc/v1/projects/{PROJECT}/connections"
    sent = json.loads(received[0]["body"])
    assert sent["connectionDetails"]["secretsLocation"]["type"] == "MATILLION_CUSTOMER_VAULT"  # alias normalised
    created = mp.parse_response("createProjectConnection", response.status_code, response.content, response.headers)
    assert created["id"] == "c-1" and created["name"] == "aws-connection"
    assert created["createdDate"] == "2026-04-23T14:05:30.858475"


def test_urllib_sends_the_same_bytes(server: tuple[str, list[dict[str, Any]]]) -> None:
    base, received = server
    request = mp.build_request("listEnvironments", None, {"projectId": PROJECT, "size": 25}, base_url=base, token=TOKEN)
    data = None if request.body is None else request.body.encode()
    with urllib.request.urlopen(urllib.request.Request(request.url, data=data, headers=request.headers, method=request.method), timeout=10) as reply:
        page = mp.parse_response("listEnvironments", reply.status, reply.read(), reply.headers.items())
    assert_arrived(request, received[0])
    assert received[0]["path"] == f"/v1/projects/{PROJECT}/environments?size=25"
    assert page == {"results": [{"name": "dev", "defaultAgentId": "a-1"}], "page": 0, "size": 25, "total": 1}


def test_problem_detail_replies_become_api_errors(server: tuple[str, list[dict[str, Any]]]) -> None:
    base, received = server
    request = mp.build_request("createProjectConnection", CONNECTION, {"projectId": PROJECT}, base_url=f"{base}/conflict", token=TOKEN)
    response = requests.post(request.url, headers=request.headers, data=request.body, timeout=10)
    assert_arrived(request, received[0])
    with pytest.raises(mp.ApiError) as raised:
        mp.parse_response("createProjectConnection", response.status_code, response.text, response.headers)
    error = raised.value
    assert error.status == 409
    assert error.problem == PROBLEM
    assert error.violations == ["name must be unique"]
    assert error.retry_after == "5"
    assert json.loads(error.body) == PROBLEM
    assert "a connection named aws-connection exists" in str(error) and TOKEN not in str(error)

    data = request.body.encode() if request.body else None
    with pytest.raises(urllib.error.HTTPError) as http_error:
        urllib.request.urlopen(urllib.request.Request(request.url, data=data, headers=request.headers, method="POST"), timeout=10)
    with http_error.value as reply:
        with pytest.raises(mp.ApiError) as again:
            mp.parse_response("createProjectConnection", reply.code, reply.read(), reply.headers.items())
    assert again.value.problem == PROBLEM and again.value.retry_after == "5"
