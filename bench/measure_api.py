"""API throughput: the supporters and ask routes against a bare constant route of the same app."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from urllib.parse import quote

from bench import procs
from bench.api_server import BARE_PATH
from bench.config import Mode
from bench.http_load import Load, run_load
from bench.measure_build import Graphs
from bench.stats import NOT_AVAILABLE, Figure, Section, at_least, percentile, ratio

SUPPORTERS_TARGET = 0.70
ASK_TARGET = 0.50


def api_available() -> str | None:
    """None when api.app.create_app exists, else why not."""
    if importlib.util.find_spec("api.app") is None:
        return f"{NOT_AVAILABLE}: no api/app.py"
    try:
        from api.app import create_app  # noqa: F401
    except ImportError as exc:
        return f"{NOT_AVAILABLE}: {exc}"
    return None


def _summary(load: Load) -> dict[str, float | int | dict[int, int]]:
    lat = [x * 1000 for x in load.latencies] or [0.0]
    return {"rps": round(load.rps, 1), "requests": load.requests, "errors": load.errors,
            "p50_ms": round(percentile(lat, 50), 2), "p99_ms": round(percentile(lat, 99), 2),
            "statuses": load.statuses}


def measure_api(mode: Mode, graphs: Graphs, workdir: Path) -> Section:
    sec = Section("api")
    why = api_available()
    if why:
        sec.status, sec.note = NOT_AVAILABLE, why
        return sec
    from bench.measure_queries import FIELD, probe
    from graph.memory_store import MemoryStore

    p = probe(MemoryStore.from_snapshot(graphs.real))
    routes = {
        "bare": BARE_PATH,
        "supporters": f"/api/regions/{quote(p.county)}/supporters",
        "supporters+field": f"/api/regions/{quote(p.county)}/supporters?field={quote(FIELD)}",
        "ask": f"/api/ask?q={quote(p.question)}",
    }
    loads = _load_routes(graphs.real, routes, mode, workdir, sec, cached=True)
    if loads is None:
        return sec
    # The same routes with the response cache off: what a first (cold) request costs.
    cold = _load_routes(graphs.real, {k: v for k, v in routes.items() if k != "supporters+field"}, mode, workdir,
                        sec, cached=False)
    results = {name: _summary(ls[-1]) for name, ls in loads.items()}
    bare_rps = sum(x.rps for x in loads["bare"]) / len(loads["bare"])
    results["bare"]["rps"] = round(bare_rps, 1)
    if cold is not None:
        results |= {f"{name} (uncached)": _summary(ls[-1]) for name, ls in cold.items()}
    sec.data = {"routes": routes, "results": results, "connections": mode.api_connections,
                "seconds_per_route": mode.api_seconds}
    bad = {n: r["statuses"] for n, r in results.items() if set(r["statuses"]) - {200}}  # type: ignore[arg-type]
    if bad:
        sec.note = f"non-200 answers: {bad}"
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
    if cold is not None:
        cold_bare = sum(x.rps for x in cold["bare"]) / len(cold["bare"])
        for name in ("supporters", "ask"):
            rps = cold[name][0].rps
            sec.figures.append(Figure(f"api.{name}.uncached_vs_bare", f"API {name} / bare, response cache off",
                                      ratio(rps, cold_bare), "×"))
    return sec


def _load_routes(graph: Path, routes: dict[str, str], mode: Mode, workdir: Path, sec: Section,
                 *, cached: bool) -> dict[str, list[Load]] | None:
    port = procs.free_port()
    log = workdir / ("api_server.log" if cached else "api_server_nocache.log")
    cmd = [sys.executable, "-m", "bench.api_server", "--graph", str(graph), "--port", str(port)]
    proc = procs.start(cmd + ([] if cached else ["--no-cache"]), log)
    try:
        try:
            procs.wait_ready(proc, f"http://127.0.0.1:{port}{BARE_PATH}")
        except (RuntimeError, TimeoutError) as exc:
            sec.status, sec.note = "error", f"{exc}: {procs.tail(log)}"
            return None
        for path in routes.values():  # warm every route (name index, first-call imports) before timing
            procs.get(f"http://127.0.0.1:{port}{path}")
        # Bare is measured before and after the others and averaged, so drift (CPU boost, a noisy
        # neighbour) does not favour either side of the ratio.
        order = ["bare", *[k for k in routes if k != "bare"], "bare"]
        loads: dict[str, list[Load]] = {}
        for name in order:
            loads.setdefault(name, []).append(
                run_load("127.0.0.1", port, routes[name], mode.api_seconds, mode.api_connections))
    finally:
        procs.stop(proc)
    return loads


__all__ = ["api_available", "measure_api"]
