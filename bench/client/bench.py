"""The native client against the built-in emulator, by hand (numbers are reported, never asserted).

1. Per-call overhead: `Client.list_agents()` (one page) against a raw `requests` GET of the same
   endpoint with the same token, median of interleaved rounds. Target: at most 1.2x.
2. Throughput under a rate limit: 1000 creates from 16 threads sharing one client, with the
   emulator limited to 6000 requests a minute (its bound: 1000 / 100 per second = 10 s). Target:
   within 5 % of 10 s, at most 1 % of requests answered 429.

    bench/client/run            (builds the wheel into the bench venv first)
"""

from __future__ import annotations

import statistics
import sys
import threading
import time

import requests

import maia_provision as mp
from maia_provision.testing import Emulator

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
CALLS = 200


def overhead() -> None:
    with Emulator(seed=1, rate_limit=None) as emu:
        # The client's own limiter off (a huge limit): the default, the API's 1000 a minute, would
        # pace this loop at 60 ms a call, which is not the overhead being measured.
        client = mp.Client(base_url=emu.url, token_url=emu.token_url, client_id=emu.client_id, client_secret=emu.client_secret, rate_limit=10_000_000)
        list(client.list_agents())  # token and pool warm
        session = requests.Session()
        token = session.post(
            emu.token_url,
            data={"grant_type": "client_credentials", "client_id": emu.client_id, "client_secret": emu.client_secret, "audience": "https://api.matillion.com"},
            timeout=10,
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        url = f"{emu.url}/v1/agents?page=0&size=100"

        def raw() -> None:
            response = session.get(url, headers=headers, timeout=10)
            response.raise_for_status()
            response.json()

        def sdk() -> None:
            list(client.list_agents())

        times: dict[str, list[float]] = {"raw requests": [], "mp.Client": []}
        for _ in range(ROUNDS):
            for name, call in (("raw requests", raw), ("mp.Client", sdk)):
                start = time.perf_counter()
                for _ in range(CALLS):
                    call()
                times[name].append((time.perf_counter() - start) / CALLS * 1e6)
        raw_us, sdk_us = (statistics.median(times[name]) for name in ("raw requests", "mp.Client"))
        print(f"| per call (median of {ROUNDS} rounds of {CALLS}) | raw requests {raw_us:.0f} µs | mp.Client {sdk_us:.0f} µs | {sdk_us / raw_us:.2f}x (target <= 1.2x) |")
        client.close()


def throughput() -> None:
    with Emulator(seed=2, rate_limit=6000) as emu:
        client = mp.Client(base_url=emu.url, token_url=emu.token_url, client_id=emu.client_id, client_secret=emu.client_secret, rate_limit=6000)
        names = iter(range(1000))
        lock = threading.Lock()
        errors: list[BaseException] = []

        def worker() -> None:
            while True:
                with lock:
                    n = next(names, None)
                if n is None:
                    return
                try:
                    client.create_project({"name": f"p{n:04d}", "warehouse": "SNOWFLAKE", "agentDeploymentType": "FULL_SAAS"})
                except BaseException as error:  # noqa: BLE001 - reported below
                    errors.append(error)

        start = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.perf_counter() - start
        journal = emu.requests()
        api = [entry for entry in journal if entry["operation"] != "token"]
        limited = sum(1 for entry in api if entry["status"] == 429)
        creates = sum(1 for entry in api if entry["operation"] == "createProject" and entry["changed"])
        print(
            f"| 1000 creates, 16 threads, limit 6000/min | {elapsed:.2f} s (bound 10 s: {100 * (elapsed - 10) / 10:+.1f} %) | "
            f"{creates} created, {len(errors)} errors | {limited} of {len(api)} answered 429 ({100 * limited / max(1, len(api)):.2f} %) |"
        )
        client.close()


if __name__ == "__main__":
    overhead()
    throughput()
