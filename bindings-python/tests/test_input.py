"""Bad input gives a Python exception, never a crash: values with no JSON form, cycles, deep
nesting, huge integers, NaN, non-string keys. A seeded fuzz over every seed example checks that
nothing but the documented exceptions ever comes out (a Rust panic would surface as
`PanicException`, or as the binding's `MaiaError` "internal error")."""

from __future__ import annotations

import collections
import datetime
import decimal
import enum
import json
import random
from typing import Any

import pytest

import maia_provision as mp
from conftest import load_examples

PROJECT = "550e8400-e29b-41d4-a716-446655440002"


class Color(enum.Enum):
    RED = 1


class Warehouse(str, enum.Enum):
    SNOWFLAKE = "SNOWFLAKE"


class Size(enum.IntEnum):
    FIFTY = 50


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = {"a": value}
    return value


def cyclic_dict() -> dict[str, Any]:
    body: dict[str, Any] = {"name": "x", "connectionDetails": {}}
    body["connectionDetails"]["self"] = body
    return body


def cyclic_list() -> list[Any]:
    items: list[Any] = [1]
    items.append([items])
    return items


@pytest.mark.parametrize(
    "body, pointer, fragment",
    [
        ({"name": {1, 2}}, "/name", "a `set` has no JSON form"),
        ({"name": frozenset()}, "/name", "`frozenset`"),
        ({"name": b"bytes"}, "/name", "a `bytes` has no JSON form"),
        ({"name": bytearray(b"x")}, "/name", "`bytearray`"),
        ({"name": datetime.datetime(2026, 1, 1)}, "/name", "a `datetime` has no JSON form"),
        ({"name": datetime.date(2026, 1, 1)}, "/name", "`date`"),
        ({"name": decimal.Decimal("1.5")}, "/name", "`Decimal`"),
        ({"name": Color.RED}, "/name", "`Color`"),
        ({"name": object()}, "/name", "`object`"),
        ({"name": print}, "/name", "`builtin_function_or_method`"),
        ({"name": lambda: 1}, "/name", "`function`"),
        ({"name": float("nan")}, "/name", "NaN and infinities"),
        ({"name": float("inf")}, "/name", "NaN and infinities"),
        ({"a": [0, float("-inf")]}, "/a/1", "NaN and infinities"),
        ({"name": 2**64}, "/name", "does not fit in 64 bits"),
        ({"name": -(2**63) - 1}, "/name", "does not fit in 64 bits"),
        ({"name": 10**100}, "/name", "does not fit in 64 bits"),
        ({1: "x"}, "", "object keys must be strings, not `int`"),
        ({"a": {(1, 2): "x"}}, "/a", "not `tuple`"),
        ({"a": {None: "x"}}, "/a", "not `NoneType`"),
        ({"a/b": {"c~d": {"x"}}}, "/a~1b/c~0d", "`set`"),
        ({"name": "\ud800"}, "/name", "a string holds a lone surrogate"),
        ({"\udfff": 1}, "", "a string holds a lone surrogate"),
        (cyclic_dict(), "/connectionDetails/self", "it contains itself"),
        ({"a": cyclic_list()}, "/a/1/0", "it contains itself"),
        (nested(10_000), "/a" * 127, "levels deep"),
        (nested(128), "/a" * 127, "levels deep"),
        ({1, 2}, "", "`set`"),
        (b"{}", "", "`bytes`"),
        (iter([]), "", "has no JSON form"),
    ],
)
def test_unreadable_values_raise_type_error(body: Any, pointer: str, fragment: str) -> None:
    for call in (
        lambda: mp.validate("createProject", body),
        lambda: mp.build_request("createProject", body, region="eu1"),
    ):
        with pytest.raises(TypeError) as raised:
            call()
        message = str(raised.value)
        assert message.startswith("cannot read `body`")
        assert fragment in message, message
        if pointer:
            assert f"at `{pointer}`" in message, message
        else:
            assert " at `" not in message, message


def test_params_are_read_the_same_way() -> None:
    with pytest.raises(TypeError, match="cannot read `params` at `/projectId`"):
        mp.validate("createProjectConnection", {}, {"projectId": {1}})
    with pytest.raises(TypeError, match="cannot read `params` at `/size`.*64 bits"):
        mp.validate("listProjects", None, {"size": 2**70})


def test_deepest_accepted_nesting_is_read() -> None:
    # 127 nested containers are read (the core's limit, the same as serde_json's parser).
    violations = mp.validate("createProject", nested(127))
    assert "unknown_field" in [v.code for v in violations]


def test_python_shapes_read_as_json() -> None:
    body = collections.OrderedDict(name="p", warehouse=Warehouse.SNOWFLAKE, agentDeploymentType="HYBRID")
    assert mp.validate("createProject", body).ok
    request = mp.build_request("listProjects", None, collections.defaultdict(int, size=Size.FIFTY), region="eu1")
    assert request.url.endswith("?size=50")
    point = collections.namedtuple("point", "x y")(1, 2)
    violations = mp.validate("createProject", {"name": ("a", point), "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID"})
    assert [v.code for v in violations] == ["type"]  # a tuple is a JSON array: the rule, not the reader, objects
    assert mp.validate("createProject", {"name": "p", "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID", "n": [True, 1.5, -(2**63), 2**64 - 1, None]}).ok


def test_a_shared_value_is_not_a_cycle() -> None:
    shared = {"type": "AWS_SECRET_MANAGER"}
    body = {"a": shared, "b": [shared, shared]}
    assert [v.code for v in mp.validate("createProject", body)].count("unknown_field") == 2


@pytest.mark.parametrize("body", [[], "text", 42, 1.5, True, None, [{"name": "p"}]])
def test_non_object_bodies_are_type_violations_not_crashes(body: Any) -> None:
    violations = mp.validate("createProjectConnection", body, {"projectId": PROJECT})
    assert [(v.pointer, v.code) for v in violations] == [("", "type")]
    with pytest.raises(mp.ValidationError):
        mp.build_request("createProjectConnection", body, {"projectId": PROJECT}, region="eu1")


# --- fuzz ---------------------------------------------------------------------------------------

PEM_BITS = ["-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "\\n", "\n", "\r\n", "MIIE", "é", "🔑", "=", "....."]
ATOMS: list[Any] = [None, True, False, 0, -1, 2**63 - 1, -(2**63), 2**64 - 1, 0.5, -1e308, "", " ", "x" * 300, "NONE", "aws", "gcp", "github", "gitlab", "DWH", "snowflake", "REDSHIFT", "ÄÖ€𝄞", "\u0000", "550E8400-E29B-41D4-A716-446655440002", PROJECT, "~/~1", "port"]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PEM_BITS + ["a", "Z", "0", " ", "/", "~"]) for _ in range(rng.randint(0, 12)))


def random_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.45:
        return rng.choice(ATOMS) if rng.random() < 0.6 else random_text(rng)
    if roll < 0.75:
        return {rng.choice(["name", "type", "value", "key", "secret", "DWH", "connectionProperties", random_text(rng)]): random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]


def mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    if rng.random() < 0.15 or depth > 6:
        return random_value(rng)
    if isinstance(value, dict):
        out = {k: mutate(rng, v, depth + 1) for k, v in value.items() if rng.random() > 0.1}
        if rng.random() < 0.2:
            out[random_text(rng) or "x"] = random_value(rng)
        return out
    if isinstance(value, list):
        return [mutate(rng, v, depth + 1) for v in value]
    return value


def test_fuzzed_requests_never_crash() -> None:
    rng = random.Random(20261122)
    seeds = [(e["operation"], e.get("body"), e.get("params")) for _, e in load_examples()]
    assert seeds
    ids = [op["id"] for op in mp.operations()]
    for round_ in range(2500):
        operation, body, params = rng.choice(seeds)
        if rng.random() < 0.1:
            operation = rng.choice(ids)
        body = mutate(rng, body)
        params = mutate(rng, params) if rng.random() < 0.3 else params
        violations = mp.validate(operation, body, params)
        assert isinstance(violations, mp.Violations), round_
        for violation in violations:
            assert violation.code in mp.VIOLATION_CODES and violation.severity in ("error", "warning")
            assert violation.message
        try:
            request = mp.build_request(operation, body, params, region="eu1", token="fuzz-token")
        except mp.ValidationError as error:
            assert not error.violations.ok and error.violations == violations
        else:
            assert violations.ok and "fuzz-token" not in repr(request)


def test_fuzzed_private_keys_never_crash() -> None:
    rng = random.Random(7)
    good = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n"
    for _ in range(3000):
        text = good
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(PEM_BITS + [random_text(rng)]) + text[at + rng.randint(0, 5):]
        violations = mp.check_private_key(text)
        assert isinstance(violations, mp.Violations)
        try:
            repaired = mp.normalize_private_key(text)
        except mp.ValidationError as error:
            assert error.violations.errors
        else:
            # A repair is a clean key, and repairing it again changes nothing.
            assert mp.check_private_key(repaired).ok, (text, repaired)
            assert mp.normalize_private_key(repaired) == repaired


def test_fuzzed_responses_never_crash() -> None:
    rng = random.Random(11)
    ids = [op["id"] for op in mp.operations()]
    bodies: list[Any] = [None, b"", b"\xff\xfe", "null", "[]", "{}", '{"results": [{"agentId": 1}]}', '{"violations": "x", "status": "409"}']
    for _ in range(2000):
        body = rng.choice(bodies) if rng.random() < 0.5 else json.dumps(random_value(rng))
        status = rng.choice([200, 201, 204, 299, 300, 400, 401, 404, 409, 429, 500, 503, 0, 65535])
        try:
            result = mp.parse_response(rng.choice(ids), status, body, {"Retry-After": random_text(rng)})
        except (mp.ApiError, mp.DecodeError) as error:
            assert isinstance(error.status, int)
        except ValueError as error:
            assert not 100 <= status <= 599 and "`status` must be an HTTP status code" in str(error)
        else:
            assert isinstance(result, dict)


@pytest.mark.parametrize(
    ("extra", "pointer", "fragment"),
    [
        ({"list": [1] * 10_001}, "/list", "more than 10000 elements in one array"),
        ({"list": tuple([1] * 10_001)}, "/list", "more than 10000 elements in one array"),
        ({"wide": {f"m{i}": i for i in range(10_001)}}, "/wide", "more than 10000 members in one object"),
        ({"description": "x" * 1_048_577}, "/description", "more than 1048576 characters in one string"),
    ],
)
def test_limits_are_checked_before_the_walk(extra: dict[str, Any], pointer: str, fragment: str) -> None:
    body = {"name": "analytics", "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID", **extra}
    with pytest.raises(TypeError) as raised:
        mp.validate("createProject", body)
    assert f"at `{pointer}`" in str(raised.value) and fragment in str(raised.value)


def test_the_limits_themselves_are_read() -> None:
    body = {"name": "analytics", "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID", "list": [1] * 10_000}
    assert [v.code for v in mp.validate("createProject", body)] == ["unknown_field"]


@pytest.mark.parametrize("status", [-1, 0, 99, 600, 65_536, 2**64])
def test_a_status_out_of_range_is_a_value_error_naming_it(status: int) -> None:
    with pytest.raises(ValueError, match=r"^`status` must be an HTTP status code \(a whole number from 100 to 599\); got `"):
        mp.parse_response("createProject", status, "{}")


@pytest.mark.parametrize("status", [True, "201", 201.0, None])
def test_a_status_that_is_not_an_int_is_a_type_error(status: Any) -> None:
    with pytest.raises(TypeError, match=r"^`status` must be an HTTP status code"):
        mp.parse_response("createProject", status, "{}")


def test_a_lone_surrogate_is_named_not_a_raw_unicode_error() -> None:
    with pytest.raises(ValueError, match="`operation` must be text without lone surrogates"):
        mp.validate("create\udc80Project", {})
    with pytest.raises(ValueError, match="`text` must be text without lone surrogates"):
        mp.check_private_key("-----BEGIN PRIVATE KEY-----\udc80")
    with pytest.raises(TypeError, match="at `/name` as JSON: a string holds a lone surrogate"):
        mp.validate("createProject", {"name": "a\udc80"})
    with pytest.raises(ValueError, match="^`base_url` must be text without lone surrogates"):
        mp.build_request("listAgents", None, base_url="http://x\udc80")


@pytest.mark.parametrize(("option", "value", "type_name"), [("region", 1, "int"), ("base_url", b"http://x", "bytes"), ("token", ["t"], "list")])
def test_a_build_option_of_the_wrong_type_is_the_core_s_type_error(option: str, value: Any, type_name: str) -> None:
    with pytest.raises(TypeError, match=f"^`{option}` must be a string; got `{type_name}`$"):
        mp.build_request("listAgents", None, **{option: value})


def test_an_exception_from_the_headers_is_the_core_s_input_error() -> None:
    class Raising:
        def items(self) -> Any:
            def pairs() -> Any:
                yield ("content-type", "application/json")
                raise RuntimeError("iterator boom")

            return pairs()

    with pytest.raises(TypeError, match=r"^cannot read `headers` as JSON: reading the value raised: .*iterator boom"):
        mp.parse_response("createProject", 201, '{"projectId": "p"}', Raising())
