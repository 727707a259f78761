"""Run the benchmarks: `python -m bench.run --mode quick|full` prints a table and writes bench/results.json.

Every comparison is measured side by side in the same run and reported as a ratio, so the figures
hold on any machine: real build vs its target, k× synthetic vs k × 1×, API route vs a bare route,
batched vs row-by-row sync, a Neo4j query vs RETURN 1. Pieces that do not exist yet (or a Neo4j
server that is not configured) are reported as such instead of failing the run. The exit code is
non-zero only when a core section (build, queries) breaks, or any section with --strict.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.config import MODES, Mode
from bench.measure_build import Graphs, measure_build
from bench.stats import Figure, Section

RESULTS = Path(__file__).resolve().parent / "results.json"
CORE = ("build", "queries")
SECTIONS = ("build", "queries", "api", "neo4j_sync", "neo4j_query", "neo4j_bulk", "serve")


def _guarded(name: str, fn: Callable[[], Section]) -> Section:
    print(f"… {name}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    try:
        sec = fn()
    except Exception as exc:  # a broken section is reported, the others still run
        traceback.print_exc()
        sec = Section(name, status="error", note=f"{type(exc).__name__}: {exc}")
    sec.data.setdefault("section_seconds", round(time.perf_counter() - t0, 2))
    return sec


def run_api_only(mode: Mode, workdir: Path) -> dict[str, Section]:
    """`--only api`: the real snapshot built once (no timing, no synthetic corpora), then the API section."""
    from api.build import build
    from bench.measure_api import measure_api

    build(out=workdir / "real")
    g = Graphs(real=workdir / "real")
    return {"api": _guarded("api", lambda: measure_api(mode, g, workdir))}


def run_neo4j_only(mode: Mode, workdir: Path) -> dict[str, Section]:
    """`--only neo4j`: the real snapshot built once (untimed), then the three Neo4j sections; the bulk
    section's 100× synthetic corpus is generated when the mode's scales include it (full)."""
    from api.build import build
    from bench.measure_bulk import BULK_SCALE, measure_bulk
    from bench.measure_neo4j import measure_neo4j_query, measure_neo4j_sync
    from bench.synth import DEFAULT_SEED, generate

    build(out=workdir / "real")
    g = Graphs(real=workdir / "real")
    if BULK_SCALE in mode.scales:
        g.corpora[BULK_SCALE] = generate(BULK_SCALE, workdir / f"synth-{BULK_SCALE}x", DEFAULT_SEED)
    sections = {"neo4j_sync": _guarded("neo4j_sync", lambda: measure_neo4j_sync(mode, g))}
    synced = sections["neo4j_sync"].status == "ok"
    sections["neo4j_query"] = _guarded("neo4j_query", lambda: measure_neo4j_query(mode, g, synced))
    sections["neo4j_bulk"] = _guarded("neo4j_bulk", lambda: measure_bulk(mode, g))
    return sections


def run(mode: Mode, workdir: Path) -> dict[str, Section]:
    from bench.measure_api import measure_api
    from bench.measure_bulk import measure_bulk
    from bench.measure_neo4j import measure_neo4j_query, measure_neo4j_sync
    from bench.measure_queries import measure_queries
    from bench.measure_serve import measure_serve

    sections: dict[str, Section] = {}
    graphs: Graphs | None = None

    def build() -> Section:
        nonlocal graphs
        sec, graphs = measure_build(mode, workdir)
        return sec

    sections["build"] = _guarded("build", build)
    if graphs is None:
        for name in SECTIONS[1:]:
            sections[name] = Section(name, status="skipped", note="the build failed")
        return sections
    g = graphs
    sections["queries"] = _guarded("queries", lambda: measure_queries(mode, g))
    sections["api"] = _guarded("api", lambda: measure_api(mode, g, workdir))
    sections["neo4j_sync"] = _guarded("neo4j_sync", lambda: measure_neo4j_sync(mode, g))
    synced = sections["neo4j_sync"].status == "ok"
    sections["neo4j_query"] = _guarded("neo4j_query", lambda: measure_neo4j_query(mode, g, synced))
    sections["neo4j_bulk"] = _guarded("neo4j_bulk", lambda: measure_bulk(mode, g))
    sections["serve"] = _guarded("serve", lambda: measure_serve(mode, g, workdir))
    return sections


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in ("req/s", "rows/s"):
        return f"{value:,.0f} {unit}"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:.2f}{unit}" if unit == "×" else f"{value:.1f} {unit}"


def table(sections: dict[str, Section]) -> str:
    rows: list[tuple[str, str, str, str]] = [("figure", "value", "target", "")]
    for name, sec in sections.items():
        if sec.status != "ok":
            rows.append((f"[{name}]", sec.status, "", sec.note[:100]))
            continue
        if sec.note:
            rows.append((f"[{name}]", "", "", sec.note[:100]))
        for f in sec.figures:
            mark = {True: "ok", False: "MISSED", None: ""}[f.ok]
            rows.append((f.label, _fmt(f.value, f.unit), f.target or "", mark))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(f"{r[0]:<{width[0]}}  {r[1]:>{width[1]}}  {r[2]:<{width[2]}}  {r[3]}".rstrip() for r in rows)


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def results(mode: Mode, sections: dict[str, Section], seconds: float, load_before: list[float] | None,
            only: str | None = None) -> dict[str, Any]:
    figures: list[Figure] = [f for s in sections.values() for f in s.figures]
    return {
        "mode": mode.name,
        "command": f"python -m bench.run --mode {mode.name}" + (f" --only {only}" if only else ""),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(seconds, 2),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "neo4j": bool(os.environ.get("NEO4J_URI")),
                    # Ratios survive a busy machine better than absolute times, but not entirely.
                    "loadavg_before": load_before, "loadavg_after": _load()},
        "figures": [f.to_dict() for f in figures],
        "sections": {name: sec.to_dict() for name, sec in sections.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--mode", choices=sorted(MODES), default="quick")
    ap.add_argument("--out", type=Path, default=RESULTS, help="results JSON (default bench/results.json)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (corpora, snapshots, logs)")
    ap.add_argument("--strict", action="store_true", help="exit non-zero when any section breaks")
    ap.add_argument("--only", choices=["api", "neo4j"],
                    help="just the API section, or the Neo4j sections (on the real snapshot, built untimed)")
    args = ap.parse_args(argv)
    mode = MODES[args.mode]
    workdir = Path(tempfile.mkdtemp(prefix="shanhai-bench-"))
    load_before = _load()
    t0 = time.perf_counter()
    try:
        only = {"api": run_api_only, "neo4j": run_neo4j_only}.get(args.only or "", run)
        sections = only(mode, workdir)
    finally:
        if args.keep:
            print(f"work directory kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    data = results(mode, sections, time.perf_counter() - t0, load_before, args.only)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(sections))
    print(f"\n{mode.name} run in {data['seconds']:.1f} s (load average {load_before} → "
          f"{data['machine']['loadavg_after']}); figures in {args.out}")
    broken = [n for n, s in sections.items() if s.status == "error" and (args.strict or n in CORE)]
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
