"""mp.validate against jsonschema-rs and pydantic v2 on every seed example, same payloads, same
process; then import + first validation in fresh processes.

Run with `bench/python/run` (it builds the release wheel and installs the peers). Times are medians
of `--repeat` runs of `--number` calls each, in microseconds per call.
"""

from __future__ import annotations

import argparse
from importlib import metadata
import json
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

import jsonschema_rs
import pydantic

import maia_provision as mp

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent.parent / "examples" / "requests"
sys.path.insert(0, str(HERE))

from models import MODELS  # noqa: E402
from schemas import SCHEMAS  # noqa: E402


def interleaved(calls: dict[str, object], number: int, repeat: int) -> dict[str, float]:
    """Median µs per call of each callable, measured round-robin (one batch of each per round) so
    that load from other processes hits every contender alike."""
    runs: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            runs[name].append(timeit.timeit(call, number=number) / number * 1e6)  # type: ignore[arg-type]
    medians = {name: statistics.median(values) for name, values in runs.items()}
    # The ratio is the median of per-round ratios: both sides of a round saw the same load.
    medians["mp / js.is_valid"] = statistics.median(m / j for m, j in zip(runs["mp.validate"], runs["js.is_valid"]))
    return medians


def pydantic_errors(model, instance):
    try:
        model.model_validate(instance)
        return []
    except pydantic.ValidationError as error:
        return error.errors()


def in_process(number: int, repeat: int) -> list[dict]:
    rows = []
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text())
        op, body, params = example["operation"], example.get("body"), example.get("params")
        instance = {"params": params, "body": body}
        validator = jsonschema_rs.validator_for(SCHEMAS[op])
        model = MODELS[op]
        # The three must agree that the seed example is valid, or the comparison means nothing.
        agree = (mp.validate(op, body, params).ok, validator.is_valid(instance), not pydantic_errors(model, instance))
        if agree != (True, True, True):
            raise SystemExit(f"{path.name}: mp/jsonschema/pydantic validity differs: {agree}")
        calls = {
            "mp.validate": lambda: mp.validate(op, body, params),
            "js.is_valid": lambda: validator.is_valid(instance),
            "js.iter_errors": lambda: list(validator.iter_errors(instance)),
            "pydantic": lambda: pydantic_errors(model, instance),
        }
        rows.append({"example": path.stem, "op": op, "violations": len(mp.validate(op, body, params)), **interleaved(calls, number, repeat)})
    return rows


FIRST = {
    "maia_provision": (
        "import maia_provision as mp",
        "mp.validate('createProjectConnection', body, params)",
    ),
    "jsonschema_rs": (
        "import jsonschema_rs, schemas",
        "jsonschema_rs.validator_for(schemas.SCHEMAS['createProjectConnection']).is_valid({'params': params, 'body': body})",
    ),
    "pydantic": (
        "import models",
        "models.MODELS['createProjectConnection'].model_validate({'params': params, 'body': body})",
    ),
}

PROBE = """
import json, sys, time
sys.path.insert(0, {here!r})
example = json.load(open({example!r}))
body, params = example['body'], example['params']
t0 = time.perf_counter()
{imports}
t1 = time.perf_counter()
{first}
t2 = time.perf_counter()
print(json.dumps([(t1 - t0) * 1e3, (t2 - t1) * 1e3]))
"""


def fresh_process(runs: int) -> list[dict]:
    example = EXAMPLES / "07-connection-aws-secrets-manager.json"
    rows = []
    for name, (imports, first) in FIRST.items():
        code = PROBE.format(here=str(HERE), example=str(example), imports=imports, first=first)
        imports_ms, firsts_ms, totals_ms, walls_ms = [], [], [], []
        for _ in range(runs):
            start = timeit.default_timer()
            out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
            walls_ms.append((timeit.default_timer() - start) * 1e3)
            import_ms, first_ms = json.loads(out)
            imports_ms.append(import_ms)
            firsts_ms.append(first_ms)
            totals_ms.append(import_ms + first_ms)
        rows.append(
            {
                "what": name,
                "import ms": statistics.median(imports_ms),
                "first validation ms": statistics.median(firsts_ms),
                "import + first ms": statistics.median(totals_ms),
                "whole process ms": statistics.median(walls_ms),
            }
        )
    return rows


def table(rows: list[dict], floats: str = "{:.2f}") -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        cells = [floats.format(row[k]) if isinstance(row[k], float) else str(row[k]) for k in keys]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--number", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--processes", type=int, default=21)
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]}, maia_provision {mp.__version__}, jsonschema_rs {metadata.version('jsonschema-rs')}, pydantic {pydantic.VERSION}")
    print(f"median of {args.repeat} interleaved rounds of {args.number} calls, µs per call; violations = warnings mp reports\n")
    rows = in_process(args.number, args.repeat)
    print(table(rows))
    ratios = [row["mp / js.is_valid"] for row in rows]
    target = next(row for row in rows if row["example"].startswith("07-"))
    print(f"\nmp.validate / jsonschema-rs is_valid: median {statistics.median(ratios):.2f}x, max {max(ratios):.2f}x; "
          f"createProjectConnection (07): {target['mp / js.is_valid']:.2f}x (target <= 1.0x)\n")
    print(f"fresh process, median of {args.processes} runs, ms\n")
    print(table(fresh_process(args.processes)))


if __name__ == "__main__":
    main()
