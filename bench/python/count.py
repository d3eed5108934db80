"""One example's job in a loop, for `bench/python/instructions` to count under callgrind:
``count.py EXAMPLE.json N validate|build``. The collector is off (a collection that lands inside
one count and not the other would be noise of about 2,000 instructions per call)."""

import gc
import json
import sys

import maia_provision as mp

example = json.loads(open(sys.argv[1], encoding="utf-8").read())
operation, body, params = example["operation"], example.get("body"), example.get("params")
calls, job = int(sys.argv[2]), sys.argv[3]
gc.disable()
if job == "validate":
    for _ in range(calls):
        mp.validate(operation, body, params)
else:
    for _ in range(calls):
        try:
            mp.build_request(operation, body, params, region="eu1", token="t0ken")
        except mp.ValidationError:
            pass
