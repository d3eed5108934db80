"""The types cannot drift: the `Literal` unions equal the core's lists, every seed example
type-checks against its `TypedDict`, a typo does not, and `mypy.stubtest` checks `_native.pyi`
against the built module."""

from __future__ import annotations

import re
import subprocess
import sys
import typing
from pathlib import Path

import maia_provision as mp
from maia_provision import _types
from conftest import load_examples


def test_violation_code_literal_is_the_cores_list() -> None:
    assert typing.get_args(mp.ViolationCode) == mp.VIOLATION_CODES


def test_operation_id_literals_are_the_cores_ids() -> None:
    ids = tuple(op["id"] for op in mp.operations())
    assert typing.get_args(mp.OperationId) == ids
    snake = tuple(re.sub(r"[A-Z]", lambda m: "_" + m.group(0).lower(), op) for op in ids)
    assert typing.get_args(mp.SnakeOperationId) == snake
    for spelling in snake:
        mp.validate(spelling, None)  # every snake id is accepted at run time


def test_location_and_severity_literals_match_what_validate_returns() -> None:
    assert set(typing.get_args(mp.Location)) == {"body", "path", "header", "query"}
    seen = {(v.location, v.severity) for v in mp.validate("createRepository", {"provider": "gitlab", "x": 1}, {"projectId": "X", "size": 0})}
    assert {location for location, _ in seen} <= set(typing.get_args(mp.Location))
    assert {severity for _, severity in seen} == set(typing.get_args(mp.Severity))


def test_every_type_is_reexported_for_type_checkers() -> None:
    init = Path(mp.__file__).read_text()
    reexported = set(re.findall(r"^\s+(\w+) as \1,$", init, re.M))
    assert reexported == set(_types.__all__)
    for name in _types.__all__:
        assert getattr(mp, name) is getattr(_types, name)


STUB_IDS = {
    "createProject": "CreateProjectBody",
    "createDataPlatformConnection": "CreateDataPlatformConnectionBody",
    "createSecretValue": "CreateSecretValueBody",
    "createProjectConnection": "CreateProjectConnectionBody",
    "createEnvironment": "CreateEnvironmentBody",
    "createRepository": "CreateRepositoryBody",
}


def mypy(tmp_path: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    command = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--show-error-codes", "--cache-dir", str(tmp_path / ".cache"), *files]
    return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path).stdout


def test_seed_examples_type_check_and_typos_do_not(tmp_path: Path) -> None:
    good = ["import maia_provision as mp", ""]
    for index, (name, example) in enumerate(load_examples()):
        op, body, params = example["operation"], example.get("body"), example.get("params")
        annotation = STUB_IDS.get(op)
        if annotation is not None:
            good.append(f"body_{index}: mp.{annotation} = {body!r}")
            good.append(f"mp.validate({op!r}, body_{index}, {params!r})")
        good.append(f"mp.build_request({op!r}, {body!r}, {params!r}, region='eu1')  # {name}")
    good += [
        "reveal_type(mp.parse_response('createProject', 201, b'{}'))",
        "reveal_type(mp.parse_response('list_agents', 200, None, [('Retry-After', '1')]))",
        "reveal_type(mp.validate('listProjects', None)[0].code)",
        "reveal_type(mp.build_request('listAgents', None, region='us1').headers)",
    ]
    bad = [
        "import maia_provision as mp",
        "mp.validate('createProject', {'nmae': 'p', 'warehouse': 'SNOWFLAKE', 'agentDeploymentType': 'HYBRID'})",
        "mp.validate('createProject', {'name': 'p', 'warehouse': 'snowflake', 'agentDeploymentType': 'HYBRID'})",
        "mp.validate('createProjectConnection', {'name': 'c', 'platformConnectionType': 'COMPONENT_BASIC', 'authProvider': 'NONE', 'authType': 'GENERIC_SECRET'})",
        "mp.build_request('createProject', {'name': 'p', 'warehouse': 'SNOWFLAKE', 'agentDeploymentType': 'HYBRID'}, region='eu2')",
        "mp.validate('createProjectConection', None)",
    ]
    out = mypy(tmp_path, {"good.py": "\n".join(good) + "\n", "bad.py": "\n".join(bad) + "\n"})
    good_errors = [line for line in out.splitlines() if line.startswith("good.py") and ": error:" in line]
    assert not good_errors, "\n".join(good_errors)
    notes = [line for line in out.splitlines() if line.startswith("good.py") and "Revealed type" in line]
    assert len(notes) == 4, out
    assert "ProjectCreated" in notes[0] and "AgentsPage" in notes[1]
    assert "Literal['json']" in notes[2] and "Literal['pem.extra_text']" in notes[2] and "dict[str, str]" in notes[3]
    bad_lines = {int(line.split(":")[1]) for line in out.splitlines() if line.startswith("bad.py") and ": error:" in line}
    assert bad_lines == set(range(2, len(bad) + 1)), out


def test_stubs_match_the_built_module(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "mypy.stubtest", "maia_provision._native", "--mypy-config-file", str(tmp_path / "none.ini")]
    (tmp_path / "none.ini").write_text("[mypy]\n")
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
