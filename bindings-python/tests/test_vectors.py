"""Every case of tests/vectors/*.json through mp.validate and mp.build_request (format in
tests/vectors/README.md).

The Python binding has no JSON-text entry point: `bodyText` cases are parsed with `json.loads`.
Text that Python cannot parse, or that the binding refuses to read (nesting at the core's depth
limit), must be a case whose expected violations include the core's `json` violation; the rest
run like any other case."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

import maia_provision as mp
from conftest import VECTORS, load_vector_cases

CASES = load_vector_cases()
OPTIONS = {"region": "eu1", "token": "vector-token"}
# What happened to each case, checked by the last test of this module.
RAN: list[str] = []
REFUSED: list[str] = []
SKIPPED: list[str] = []


def test_vectors_are_present() -> None:
    files = sorted(VECTORS.glob("*.json"))
    assert files, f"no vector files in {VECTORS}"
    assert len(CASES) >= len(files)


def key(violation: Any) -> tuple[str, str, str, str]:
    if isinstance(violation, dict):
        return (violation["location"], violation["pointer"], violation["code"], violation["severity"])
    return (violation.location, violation.pointer, violation.code, violation.severity)


def check_violations(actual: mp.Violations, expected: list[dict[str, Any]]) -> None:
    assert isinstance(actual, mp.Violations)
    assert Counter(map(key, actual)) == Counter(map(key, expected)), "\n".join(map(str, actual))
    for wanted in expected:
        for fragment in wanted.get("messageIncludes", []):
            messages = [v.message for v in actual if key(v) == key(wanted)]
            assert any(fragment in message for message in messages), (fragment, messages)
        for fragment in wanted.get("messageExcludes", []):
            messages = [v.message for v in actual if key(v) == key(wanted)]
            assert messages and not any(fragment in message for message in messages), (fragment, messages)


def body_of(case: dict[str, Any]) -> tuple[bool, Any]:
    """(readable, body): whether the host can read the case's body, and the body."""
    if "bodyText" not in case:
        return True, case.get("body")

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    try:
        return True, json.loads(case["bodyText"], parse_constant=refuse)
    except ValueError:
        return False, None


@pytest.mark.parametrize("name, case", CASES, ids=[name for name, _ in CASES])
def test_vector(name: str, case: dict[str, Any]) -> None:
    operation, params = case["operation"], case.get("params")
    readable, body = body_of(case)
    if readable:
        try:
            violations = mp.validate(operation, body, params)
        except TypeError:
            readable = False  # refused by the binding's reader: the core's depth limit
    if not readable:
        assert case["expect"] == "invalid"
        assert any(v["code"] == "json" and v["location"] == "body" for v in case["violations"]), case["violations"]
        if body is None:
            SKIPPED.append(name)
            pytest.skip("bodyText is not JSON: a Python host cannot build such a body (the JSON-text path runs in Rust)")
        REFUSED.append(name)  # the binding's reader refused it (the core's depth limit)
        return
    RAN.append(name)
    check_violations(violations, case["violations"])
    assert violations.ok == (case["expect"] == "valid")

    if case["expect"] == "valid":
        request = mp.build_request(operation, body, params, **OPTIONS)
        expected = case.get("request")
        if expected is not None:
            assert request.method == expected["method"]
            assert request.url == expected["url"]
            headers = request.headers
            assert headers.pop("User-Agent").startswith("maia-provision/")
            assert headers == expected["headers"]
            sent = None if request.body is None else json.loads(request.body)
            assert sent == expected["body"]
            assert request.json() == expected["body"]
    else:
        with pytest.raises(mp.ValidationError) as raised:
            mp.build_request(operation, body, params, **OPTIONS)
        check_violations(raised.value.violations, case["violations"])
        assert raised.value.violations == violations
        assert raised.value.operation == operation


def test_every_case_ran_or_was_skipped_for_a_stated_reason() -> None:
    """Runs last (pytest keeps the file's order): every case of the files was run through the
    binding, refused by its reader, or skipped as JSON text no Python value can be."""
    not_json = []
    for name, case in CASES:
        if "bodyText" in case:
            try:
                json.loads(case["bodyText"])
            except ValueError:
                not_json.append(name)
    assert sorted(SKIPPED) == sorted(not_json)
    assert len(RAN) + len(REFUSED) + len(SKIPPED) == len(CASES), (len(RAN), len(REFUSED), len(SKIPPED), len(CASES))
    assert len(RAN) > len(CASES) * 0.9
