"""API throughput: supporters and ask against a bare constant route of the same app, and a varied load.

Three servers of the same snapshot, each measured side by side with its own bare route:
* cached — the response cache on (identical requests replay stored bytes);
* uncached — the response cache off, the per-snapshot answer memo on (`api/memo.py`): what a
  request costs once the snapshot's answer to it has been derived (targets ≥ 0.70 / ≥ 0.50 and
  ≥ 0.50 / ≥ 0.50 of bare);
* cold — both off: every request derives its answer from the graph, as varied requests from other
  systems do (target ≥ 0.50 / ≥ 0.50 of bare).
Each also takes a varied load — every county × field, the other read routes, questions of every kind
(`bench/load_mix.py`) — from `load_clients` clients for `load_seconds`: throughput, p95, errors.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from bench import procs
from bench.api_server import BARE_PATH
from bench.config import Mode
from bench.http_load import Load, run_load
from bench.measure_build import Graphs
from bench.stats import NOT_AVAILABLE, Figure, Section, at_least, at_most, percentile, ratio

SUPPORTERS_TARGET = 0.70
ASK_TARGET = 0.50
UNCACHED_TARGET = 0.50
COLD_TARGET = 0.50
T = TypeVar("T")
VARIANTS = {"cached": [], "uncached": ["--no-cache"], "cold": ["--no-cache", "--no-memo"]}


def api_available() -> str | None:
    """None when api.app.create_app exists, else why not."""
    if importlib.util.find_spec("api.app") is None:
        return f"{NOT_AVAILABLE}: no api/app.py"
    try:
        from api.app import create_app  # noqa: F401
    except ImportError as exc:
        return f"{NOT_AVAILABLE}: {exc}"
    return None


def _summary(load: Load) -> dict[str, Any]:
    lat = [x * 1000 for x in load.latencies] or [0.0]
    return {"rps": round(load.rps, 1), "requests": load.requests, "errors": load.errors,
            "p50_ms": round(percentile(lat, 50), 2), "p95_ms": round(percentile(lat, 95), 2),
            "p99_ms": round(percentile(lat, 99), 2), "statuses": load.statuses}


def measure_api(mode: Mode, graphs: Graphs, workdir: Path) -> Section:
    sec = Section("api")
    why = api_available()
    if why:
        sec.status, sec.note = NOT_AVAILABLE, why
        return sec
    from bench.load_mix import varied_paths
    from bench.measure_queries import FIELD, probe
    from graph.memory_store import MemoryStore

    store = MemoryStore.from_snapshot(graphs.real)
    p = probe(store)
    routes = {
        "bare": BARE_PATH,
        "supporters": f"/api/regions/{quote(p.county)}/supporters",
        "supporters+field": f"/api/regions/{quote(p.county)}/supporters?field={quote(FIELD)}",
        "ask": f"/api/ask?q={quote(p.question)}",
    }
    mix = varied_paths(store)
    runs: dict[str, tuple[dict[str, list[Load]], Load]] = {}
    for variant, flags in VARIANTS.items():
        wanted = routes if variant == "cached" else {k: v for k, v in routes.items() if k != "supporters+field"}

        def measure(port: int, wanted: dict[str, str] = wanted) -> tuple[dict[str, list[Load]], Load]:
            return _side_by_side(port, wanted, mode), run_load("127.0.0.1", port, mix, mode.load_seconds,
                                                                 mode.load_clients)

        got = _with_server(graphs.real, flags, workdir / f"api_server_{variant}.log", sec, measure)
        if got is None:
            return sec
        runs[variant] = got
    results: dict[str, Any] = {}
    for variant, (loads, varied) in runs.items():
        for name, ls in loads.items():
            results[f"{name} ({variant})"] = _summary(ls[-1]) | {"rps": round(_mean_rps(ls), 1)}
        results[f"varied load ({variant})"] = _summary(varied)
    sec.data = {"routes": routes, "results": results, "connections": mode.api_connections,
                "seconds_per_route": mode.api_seconds, "varied_paths": len(mix),
                "load_clients": mode.load_clients, "load_seconds": mode.load_seconds}
    bad = {n: r["statuses"] for n, r in results.items() if set(r["statuses"]) - {200}}
    if bad:
        sec.note = f"non-200 answers: {bad}"
    loads = runs["cached"][0]
    bare_rps = _mean_rps(loads["bare"])
    sec.figures.append(Figure("api.bare.rps", "API bare constant route", bare_rps, "req/s"))
    for name, target in (("supporters", SUPPORTERS_TARGET), ("supporters+field", SUPPORTERS_TARGET),
                         ("ask", ASK_TARGET)):
        rps = loads[name][0].rps
        r = ratio(rps, bare_rps)
        sec.figures += [
            Figure(f"api.{name}.rps", f"API {name} route", rps, "req/s"),
            Figure(f"api.{name}.vs_bare", f"API {name} / bare throughput", r, "×", f"≥ {target:.2f}",
                   at_least(r, target)),
        ]
    for variant, label, target in (("uncached", "response cache off", UNCACHED_TARGET),
                                   ("cold", "response cache and answer memo off", COLD_TARGET)):
        loads = runs[variant][0]
        bare = _mean_rps(loads["bare"])
        for name in ("supporters", "ask"):
            r = ratio(loads[name][0].rps, bare)
            sec.figures.append(Figure(f"api.{name}.{variant}_vs_bare", f"API {name} / bare, {label}", r, "×",
                                      f"≥ {target:.2f}" if target else None,
                                      at_least(r, target) if target else None))
    for variant, (_, varied) in runs.items():
        s = _summary(varied)
        sec.figures += [
            Figure(f"api.load.{variant}.rps", f"API varied load, {variant} ({mode.load_clients} clients, "
                   f"{mode.load_seconds:.0f} s)", s["rps"], "req/s"),
            Figure(f"api.load.{variant}.p95", f"API varied load, {variant}: p95 latency", s["p95_ms"], "ms"),
            Figure(f"api.load.{variant}.errors", f"API varied load, {variant}: errors and 5xx answers",
                   float(_errors(varied)), "", "= 0", at_most(float(_errors(varied)), 0.0)),
        ]
    return sec


def _errors(load: Load) -> int:
    return load.errors + sum(n for status, n in load.statuses.items() if status >= 500)


def _mean_rps(loads: list[Load]) -> float:
    return sum(x.rps for x in loads) / len(loads)


def _with_server(graph: Path, flags: list[str], log: Path, sec: Section, fn: Callable[[int], T]) -> T | None:
    port = procs.free_port()
    cmd = [sys.executable, "-m", "bench.api_server", "--graph", str(graph), "--port", str(port), *flags]
    proc = procs.start(cmd, log)
    try:
        try:
            procs.wait_ready(proc, f"http://127.0.0.1:{port}{BARE_PATH}")
        except (RuntimeError, TimeoutError) as exc:
            sec.status, sec.note = "error", f"{exc}: {procs.tail(log)}"
            return None
        return fn(port)
    finally:
        procs.stop(proc)


def _side_by_side(port: int, routes: dict[str, str], mode: Mode) -> dict[str, list[Load]]:
    for path in routes.values():  # warm every route (name index, first-call imports) before timing
        procs.get(f"http://127.0.0.1:{port}{path}")
    # Bare is measured before and after the others and averaged, so drift (CPU boost, a noisy
    # neighbour) does not favour either side of the ratio.
    loads: dict[str, list[Load]] = {}
    for name in ["bare", *[k for k in routes if k != "bare"], "bare"]:
        loads.setdefault(name, []).append(
            run_load("127.0.0.1", port, routes[name], mode.api_seconds, mode.api_connections))
    return loads


__all__ = ["api_available", "measure_api"]
