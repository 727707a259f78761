"""Memory-store query latency (p50 / p99) of the named queries, on the real graph and a 10× synthetic one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.config import Mode
from bench.measure_build import Graphs
from bench.stats import NOT_AVAILABLE, Figure, Section, percentile, ratio, repeat

FIELD = "医疗卫生"

Query = Callable[[Any, "Probe"], Any]


@dataclass(frozen=True)
class Probe:
    """What the queries ask about, found in the graph itself (no document is named in code)."""

    county: str
    other: str

    @property
    def question(self) -> str:
        return f"谁在{FIELD}方面帮扶{self.county}？"


def probe(store: Any) -> Probe:
    """The subject of the first county action plan (it has the most partners), and another mountain county."""
    docs = sorted(store.nodes("Document"), key=lambda n: n.id)
    subject = next((d.props["subject"] for d in docs
                    if d.props.get("kind") == "county_action_plan" and d.props.get("subject")), None)
    mountain = sorted((n for n in store.nodes("Region") if n.props.get("mountain")), key=lambda n: n.id)
    county = subject or mountain[0].name
    return Probe(county, next(m.name for m in mountain if m.name != county))


def available_queries() -> tuple[dict[str, Query], dict[str, str]]:
    """The named queries that exist now; the others with the reason they are left out."""
    queries: dict[str, Query] = {}
    missing: dict[str, str] = {}
    try:
        from queries.support import supporters_of

        queries["supporters_of"] = lambda s, p: supporters_of(s, p.county)
        queries["supporters_of+field"] = lambda s, p: supporters_of(s, p.county, field=FIELD)
    except ImportError as exc:
        missing["supporters_of"] = f"{NOT_AVAILABLE}: {exc}"
    try:
        from queries.paths import path

        queries["path"] = lambda s, p: path(s, p.county, p.other)
    except ImportError as exc:
        missing["path"] = f"{NOT_AVAILABLE}: {exc}"
    try:
        from queries.neighborhood import neighborhood

        queries["neighborhood"] = lambda s, p: neighborhood(s, p.county, depth=1)
    except ImportError as exc:
        missing["neighborhood"] = f"{NOT_AVAILABLE}: {exc}"
    try:
        from queries.qa import ask

        queries["ask"] = lambda s, p: ask(s, p.question)
    except ImportError as exc:
        missing["ask"] = f"{NOT_AVAILABLE}: {exc}"
    return queries, missing


def latencies(store: Any, queries: dict[str, Query], times: int) -> dict[str, dict[str, float]]:
    p = probe(store)
    out = {}
    for name, q in queries.items():
        # One uncounted call: the first builds the store's name index (queries.lookup), once per store.
        def call(q: Query = q) -> Any:
            return q(store, p)

        samples = [s * 1000 for s in repeat(call, times, warmup=1)]
        out[name] = {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99), "n": len(samples)}
    return out


def _store(directory: Path) -> Any:
    from graph.memory_store import MemoryStore

    return MemoryStore.from_snapshot(directory)


def measure_queries(mode: Mode, graphs: Graphs) -> Section:
    sec = Section("queries")
    queries, missing = available_queries()
    if missing:
        sec.note = "; ".join(f"{k}: {v}" for k, v in missing.items())
    real_store = _store(graphs.real)
    real = latencies(real_store, queries, mode.query_repeats)
    sec.data["probe_real"] = probe(real_store).__dict__
    sec.data["real"] = real
    synth_scale = max((s for s in graphs.synthetic if s <= 10), default=None)
    synth: dict[str, dict[str, float]] = {}
    if synth_scale:
        synth_store = _store(graphs.synthetic[synth_scale])
        synth = latencies(synth_store, queries, mode.query_repeats)
        sec.data["probe_synthetic"] = probe(synth_store).__dict__
        sec.data[f"synthetic_{synth_scale}x"] = synth
    for name, r in real.items():
        sec.figures += [
            Figure(f"query.{name}.p50", f"memory {name} p50 (real graph)", r["p50_ms"], "ms"),
            Figure(f"query.{name}.p99", f"memory {name} p99 (real graph)", r["p99_ms"], "ms"),
        ]
        if name in synth:
            sec.figures.append(Figure(
                f"query.{name}.scaling", f"memory {name} p50, {synth_scale}× synthetic / real",
                ratio(synth[name]["p50_ms"], r["p50_ms"]), "×", detail={"synthetic_p50_ms": synth[name]["p50_ms"]}))
    return sec


__all__ = ["Probe", "available_queries", "latencies", "measure_queries", "probe"]
