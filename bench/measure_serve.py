"""`shanhai serve`: seconds from spawn to a healthy /health, and peak RSS after typical requests."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

from bench import procs
from bench.config import Mode
from bench.measure_build import Graphs
from bench.stats import NOT_AVAILABLE, Figure, Section, median, ratio


def serve_available() -> str | None:
    try:
        from api import cli
    except ImportError as exc:
        return f"{NOT_AVAILABLE}: {exc}"
    if not hasattr(cli, "cmd_serve"):
        return f"{NOT_AVAILABLE}: the CLI has no serve command"
    return None


def _one_start(graph: Path, workdir: Path, tag: str) -> tuple[float, float | None, dict[str, int]]:
    from bench.measure_queries import probe
    from graph.memory_store import MemoryStore

    p = probe(MemoryStore.from_snapshot(graph))
    port = procs.free_port()
    log = workdir / f"serve-{tag}.log"
    base = f"http://127.0.0.1:{port}"
    # The same entry point as the console script, without depending on where .venv/bin is.
    proc = procs.start([sys.executable, "-m", "api.cli", "serve", "--graph", str(graph), "--port", str(port)], log)
    try:
        try:
            seconds = procs.wait_ready(proc, f"{base}/health")
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"{exc}: {procs.tail(log)}") from None
        statuses = {path: procs.get(base + path) for path in (
            f"/api/regions/{quote(p.county)}/supporters", f"/api/ask?q={quote(p.question)}",
            f"/viz/{quote(p.county)}", "/viz")}
        rss = procs.peak_rss_mb(proc.pid)
    finally:
        procs.stop(proc)
    return seconds, rss, statuses


def measure_serve(mode: Mode, graphs: Graphs, workdir: Path) -> Section:
    sec = Section("serve")
    why = serve_available()
    if why:
        sec.status, sec.note = NOT_AVAILABLE, why
        return sec
    targets = {"real": graphs.real} | {f"{s}x": graphs.synthetic[s] for s in mode.serve_scales if s in graphs.synthetic}
    results: dict[str, dict[str, object]] = {}
    for tag, graph in targets.items():
        runs = [_one_start(graph, workdir, f"{tag}-{i}") for i in range(mode.serve_starts)]
        start = median([r[0] for r in runs])
        rss = max((r[1] for r in runs if r[1] is not None), default=None)
        results[tag] = {"startup_s": [r[0] for r in runs], "peak_rss_mb": rss, "statuses": runs[-1][2]}
        sec.figures += [
            Figure(f"serve.{tag}.startup", f"serve start-up to healthy /health ({tag} graph, median of {len(runs)})",
                   start, "s"),
            Figure(f"serve.{tag}.peak_rss", f"serve peak RSS after supporters/ask/viz ({tag} graph)", rss, "MB"),
        ]
    sec.data = results
    for tag in results:
        if tag != "real":
            rss_real, rss_tag = results["real"]["peak_rss_mb"], results[tag]["peak_rss_mb"]
            sec.figures.append(Figure(f"serve.{tag}.rss_vs_real", f"serve peak RSS, {tag} / real",
                                      ratio(rss_tag, rss_real) if isinstance(rss_tag, float) and
                                      isinstance(rss_real, float) else None, "×"))
    bad = {t: s for t, r in results.items() for s in [r["statuses"]] if isinstance(s, dict) and set(s.values()) - {200}}
    if bad:
        sec.note = f"non-200 answers: {bad}"
    return sec


__all__ = ["measure_serve", "serve_available"]
