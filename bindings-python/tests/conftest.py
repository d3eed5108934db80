"""Shared paths and fixtures. The suite runs against the installed wheel (see scripts/test-python),
from a working directory outside the source tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
EXAMPLES = ROOT / "examples" / "requests"


def load_examples() -> list[tuple[str, dict[str, Any]]]:
    return [(path.stem, json.loads(path.read_text())) for path in sorted(EXAMPLES.glob("*.json"))]


def load_vector_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            cases.append((f"{path.stem}: {case['name']}", case))
    return cases


@pytest.fixture(scope="session")
def examples() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    yield load_examples()
