"""Load: 50 concurrent clients against a real `shanhai serve` process; zero errors allowed.

The clients (httpx, asyncio, one keep-alive connection each) cycle through a mix of API routes, a
page and /health for LOAD_SECONDS: 20 s by default to keep `make test` short, 60 s with
`SHANHAI_LONG_LOAD=1` (e.g. `SHANHAI_LONG_LOAD=1 make test`, or
`SHANHAI_LONG_LOAD=1 scripts/run_tests.sh tests/reliability/test_load.py`). Every answer must be 200;
a non-2xx status, a timeout or a refused or dropped connection is an error. Requests, requests per
second and latencies are printed in the "reliability figures" section of the run.

This is a robustness test, not a benchmark: no throughput is asserted (bench/ measures that), only
that every request was answered correctly and that the server is still up afterwards.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.procs import Served, serve

CLIENTS = 50
LOAD_SECONDS = 60.0 if os.environ.get("SHANHAI_LONG_LOAD") == "1" else 20.0
REQUEST_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
ROUTES = [
    "/api/regions/永嘉县/supporters?field=healthcare",
    "/api/ask?q=谁在医疗卫生方面帮扶永嘉县？",
    "/api/search?q=永嘉",
    "/api/path?a=瓯海&b=省二轻集团",
    "/viz/永嘉县",
    "/health",
]


@dataclass
class Tally:
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    failures: Counter[tuple[str, str]] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=lambda: {r: [] for r in ROUTES})

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    @property
    def bad_statuses(self) -> dict[tuple[str, int], int]:
        return {k: n for k, n in self.statuses.items() if not 200 <= k[1] < 300}


async def _client(base_url: str, worker: int, deadline: float, tally: Tally) -> None:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT, limits=limits,
                                 trust_env=False) as client:
        i = worker  # each client starts at a different route, so every route is always in flight
        while time.monotonic() < deadline:
            route = ROUTES[i % len(ROUTES)]
            i += 1
            started = time.perf_counter()
            try:
                response = await client.get(route)
                await response.aread()
            except httpx.HTTPError as exc:
                tally.failures[(route, type(exc).__name__)] += 1
                continue
            tally.latencies[route].append(time.perf_counter() - started)
            tally.statuses[(route, response.status_code)] += 1


async def _load(base_url: str, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    started = time.monotonic()
    deadline = started + seconds
    # The whole run is bounded: the load's own length plus one request timeout and some slack.
    await asyncio.wait_for(asyncio.gather(*(_client(base_url, w, deadline, tally) for w in range(CLIENTS))),
                           timeout=seconds + REQUEST_TIMEOUT.read + 30)  # type: ignore[operator]
    return tally, time.monotonic() - started


def _run_load(base_url: str, seconds: float) -> tuple[Tally, float]:
    """The load on an event loop of its own thread: the suite's browser tests keep Playwright's loop running
    in the main thread, where asyncio.run() would refuse to start."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = asyncio.run(_load(base_url, seconds))
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="load", daemon=True)
    thread.start()
    thread.join(timeout=seconds + REQUEST_TIMEOUT.read + 60)  # type: ignore[operator]
    assert not thread.is_alive(), "the load did not finish in time"
    if "error" in outcome:
        raise outcome["error"]
    result: tuple[Tally, float] = outcome["result"]
    return result


def _ms(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@pytest.fixture(scope="module")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = serve(["--graph", str(built)], tmp_path_factory.mktemp("load") / "serve.log")
    yield served
    served.stop()


def test_fifty_clients_get_no_errors(server: Served, figures: Callable[[str], None]) -> None:
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=30) as warm:
        for route in ROUTES:  # first answers build caches; they must be right too
            assert warm.get(route).status_code == 200, route

    tally, seconds = _run_load(server.base_url, LOAD_SECONDS)

    all_latencies = [x for xs in tally.latencies.values() for x in xs]
    figures(f"{CLIENTS} clients × {seconds:.1f} s: {tally.answered} answered, "
            f"{tally.answered / seconds:.0f} req/s, errors {sum(tally.failures.values())}, "
            f"non-2xx {sum(tally.bad_statuses.values())}; latency p50 {_ms(all_latencies, 0.5):.0f} ms, "
            f"p95 {_ms(all_latencies, 0.95):.0f} ms, max {_ms(all_latencies, 1.0):.0f} ms")
    for route in ROUTES:
        xs = tally.latencies[route]
        figures(f"  {route}: {len(xs)} × 200, p50 {_ms(xs, 0.5):.0f} ms, p95 {_ms(xs, 0.95):.0f} ms, "
                f"mean {1000 * statistics.fmean(xs) if xs else float('nan'):.0f} ms")

    assert tally.failures == Counter(), f"connection errors / timeouts: {dict(tally.failures)}"
    assert tally.bad_statuses == {}, f"non-2xx answers: {tally.bad_statuses}"
    assert all(len(tally.latencies[r]) >= 10 for r in ROUTES), "every route was exercised"
    assert server.process.poll() is None, f"the server died under load:\n{server.log_tail()}"
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=10) as after:
        assert after.get("/health").json()["status"] == "ok"
