"""Neo4j: batched sync against row-by-row, and the supporters query and support facts against a bare RETURN 1.

supporters_of and support_facts are timed twice: as a server sees repeated requests (the store sends
the recipient's document only when it changed, so each call is one round trip returning its hash)
and with the document changed before every call (`_changed`: sent and decoded each time).

Needs a server: NEO4J_URI in the environment (`make neo4j-up` prints the variables). The sync
benchmark *replaces the database's graph* — a sync makes the database hold exactly the snapshot it
is given, and each variant must start from an empty database to write the same rows — and it ends
by syncing the whole real snapshot back, so the database is left as `shanhai neo4j sync` leaves it.
"""

from __future__ import annotations

import os
import time
from typing import Any

from bench.config import Mode
from bench.measure_build import Graphs
from bench.stats import NOT_AVAILABLE, Figure, Section, at_least, at_most, median, percentile, ratio, repeat

SYNC_TARGET = 20.0
QUERY_TARGET = 3.0
ROUNDS = 10  # the query timings are interleaved in this many rounds
BARE_QUERY = "RETURN 1 AS one"


def neo4j_available() -> tuple[str, str] | None:
    """None when a server is configured and the Neo4j modules exist; else (status, why)."""
    if not os.environ.get("NEO4J_URI"):
        return "skipped", "no Neo4j server: NEO4J_URI is not set (eval \"$(scripts/neo4j_local.sh up)\")"
    try:
        from graph.neo4j_store import Neo4jStore  # noqa: F401
        from graph.neo4j_sync import sync, sync_row_by_row  # noqa: F401
    except ImportError as exc:
        return NOT_AVAILABLE, f"{NOT_AVAILABLE}: {exc}"
    return None


def subset(snap: Any, rows: int | None) -> Any:
    """A self-contained part of the snapshot with about `rows` records (relations with their end nodes)."""
    from graph.snapshot import Snapshot

    if rows is None:
        return snap
    by_id = {n.id: n for n in snap.nodes}
    nodes: dict[str, Any] = {}
    rels: list[Any] = []
    for r in snap.relations:
        if len(nodes) + len(rels) >= rows:
            break
        for end in (r.source, r.target):
            nodes.setdefault(end, by_id[end])
        rels.append(r)
    return Snapshot(sorted(nodes.values(), key=lambda n: n.id), rels)


def _timed(fn: Any, *args: Any, **kwargs: Any) -> float:
    t0 = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t0


def measure_neo4j_sync(mode: Mode, graphs: Graphs) -> Section:
    sec = Section("neo4j_sync")
    missing = neo4j_available()
    if missing:
        sec.status, sec.note = missing
        return sec
    from api.settings import Settings
    from graph import snapshot
    from graph.neo4j_store import Neo4jStore
    from graph.neo4j_sync import sync, sync_row_by_row
    from graph.snapshot import Snapshot

    full = snapshot.read(graphs.real)
    part = subset(full, mode.neo4j_rows)
    rows = len(part.nodes) + len(part.relations)
    empty = Snapshot([], [])
    store = Neo4jStore.from_config(Settings().store_config())
    try:
        # Warm-up: the server plans each statement text once (7 labels + 12 types, ~100 ms each on a
        # cold server) and caches the plan; both variants run the same texts, so neither may pay that.
        sync(part, store)
        sync(empty, store)
        # What every sync pays whatever it writes: schema statements IF NOT EXISTS, reading the ids
        # and hashes already stored. Measured on the empty database, so nothing is written.
        fixed = _timed(sync, empty, store)
        samples = []
        for _ in range(mode.neo4j_batched_repeats):
            sync(empty, store)
            samples.append(_timed(sync, part, store))
        batched = median(samples)
        sync(empty, store)
        row_by_row = _timed(sync_row_by_row, part, store)
    finally:
        sync(full, store)  # leave the real graph behind, as `shanhai neo4j sync` would
        store.close()
    speedup = ratio(row_by_row, batched)
    whole = mode.neo4j_rows is None
    writes = ratio(row_by_row - fixed, batched - fixed) if batched > fixed else None
    facts = len(part.support_facts())
    sec.data = {"rows": rows, "facts": facts, "batched_s": samples, "row_by_row_s": row_by_row, "fixed_s": fixed}
    sec.note = (f"{rows} records (+ {facts} support facts) per variant, each from an empty database; "
                f"fixed cost per sync {fixed:.2f} s")
    sec.figures += [
        Figure("neo4j.sync.batched", f"Neo4j batched sync ({rows} records)", rows / batched, "rows/s"),
        Figure("neo4j.sync.row_by_row", f"Neo4j row-by-row sync ({rows} records)", rows / row_by_row, "rows/s"),
        # On a sample the batched side is mostly per-statement cost (one UNWIND per label and type,
        # however few rows), so the target is only held against the whole snapshot.
        Figure("neo4j.sync.speedup", "Neo4j batched / row-by-row, whole sync" + ("" if whole else " (sample)"),
               speedup, "×", f"≥ {SYNC_TARGET:.0f}" if whole else None,
               at_least(speedup, SYNC_TARGET) if whole else None),
        Figure("neo4j.sync.write_speedup", "Neo4j batched / row-by-row, writes only (fixed cost taken off)",
               writes, "×"),
    ]
    return sec


def measure_neo4j_query(mode: Mode, graphs: Graphs, synced: bool) -> Section:
    sec = Section("neo4j_query")
    missing = neo4j_available()
    if missing:
        sec.status, sec.note = missing
        return sec
    from api.settings import Settings
    from bench.measure_queries import available_queries, probe
    from graph import snapshot
    from graph.memory_store import MemoryStore
    from graph.neo4j_store import Neo4jStore
    from graph.neo4j_sync import sync

    store = Neo4jStore.from_config(Settings().store_config())
    try:
        if not synced:
            sync(snapshot.read(graphs.real), store)
        memory = MemoryStore.from_snapshot(graphs.real)
        p = probe(memory)
        county = next((n.id for n in memory.nodes("Region") if n.name == p.county), None)
        queries, _ = available_queries()
        calls: dict[str, Any] = {"RETURN 1": lambda: store.read(BARE_QUERY)}
        calls |= {name: (lambda q=queries[name]: q(store, p)) for name in ("supporters_of", "ask") if name in queries}
        # The store's support facts into the county: what supporters_of costs once it reads them.
        if county is not None:
            calls["support_facts"] = lambda: store.support_facts(recipient=county)
        # The same with the store's decoded documents forgotten before each call: the county's document
        # is sent and decoded every time, as after a sync changed it (the calls above get its hash only).
        changed = {f"{name}_changed": (lambda fn=fn: (store.forget_documents(), fn())) for name, fn in calls.items()
                   if name in ("supporters_of", "support_facts")}
        calls.update(changed)
        # Interleaved: ROUNDS rounds, each timing every call in turn, so a burst of load on this shared
        # machine falls on all of them alike instead of on whichever ran then.
        samples: dict[str, list[float]] = {name: [] for name in calls}
        per_round = max(1, mode.neo4j_query_repeats // ROUNDS)
        for _ in range(ROUNDS):
            for name, call in calls.items():
                samples[name] += [s * 1000 for s in repeat(call, per_round, warmup=1)]
        results: dict[str, dict[str, float]] = {
            name: _pct(samples[name]) | ({} if name == "RETURN 1" else {"round_trips": _round_trips(store, call)})
            for name, call in calls.items()}
    finally:
        store.close()
    sec.data = results
    sec.figures.append(Figure("neo4j.query.return1.p50", "Neo4j RETURN 1 p50", results["RETURN 1"]["p50_ms"], "ms"))
    for name, r in results.items():
        if name == "RETURN 1":
            continue
        rel = ratio(r["p50_ms"], results["RETURN 1"]["p50_ms"])
        target = f"≤ {QUERY_TARGET:.0f}" if name in ("supporters_of", "support_facts") else None
        what = (f"support_facts(recipient={p.county})" if name.startswith("support_facts") else
                name.removesuffix("_changed")) + (", document changed" if name.endswith("_changed") else "")
        sec.figures += [
            Figure(f"neo4j.query.{name}.p50", f"Neo4j {what} p50 (p99 {r['p99_ms']:.1f} ms, "
                   f"{r['round_trips']:.0f} round trips)", r["p50_ms"], "ms"),
            Figure(f"neo4j.query.{name}.vs_return1", f"Neo4j {what} p50 / RETURN 1 p50", rel, "×", target,
                   at_most(rel, QUERY_TARGET) if target else None),
        ]
    return sec


def _round_trips(store: Any, call: Any) -> int:
    """Queries one call sends to the server: an N+1 pattern shows here before it shows in p50."""
    count = 0
    original = store.read

    def counting(text: Any, *args: Any, **params: Any) -> Any:
        nonlocal count
        count += 1
        return original(text, *args, **params)

    store.read = counting
    try:
        call()
    finally:
        del store.read  # the instance attribute goes, the class's method is back
    return count


def _pct(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99), "n": len(samples)}


__all__ = ["measure_neo4j_query", "measure_neo4j_sync", "neo4j_available", "subset"]
