"""Where a Neo4j supporters_of goes: `python -m bench.profile_neo4j [--region 永嘉县] [--rounds N] [--no-rust]`.

Needs a server holding the real graph (NEO4J_URI; `shanhai neo4j sync` or any bench run leaves it
there). Every call below runs in this one process against the same server, in interleaved rounds
(each round runs every call `--calls` times), so a loaded machine moves all of them alike; the
table gives the p50 over all rounds and its ratio to `RETURN 1`'s p50:

- the two reads of a recipient's support facts: the per-recipient document (what support_facts
  reads: unchanged since the store decoded it, so only its hash comes back; or changed, so it is
  sent and decoded) and the :SupportFact nodes (what it read before, and still reads on an older
  database);
- each split into the server's own time (`result_available_after + result_consumed_after`), the
  round trip through the driver (PackStream decoding included) and the codec's decoding alone;
- supporters_of over each read, and over the memory store;
- the transport: the store's `execute_query` (a managed read transaction) against a session per
  call and a kept session running auto-commit queries, for RETURN 1 and the document read.

`--no-rust` blocks the driver's Rust extension (neo4j-rust-ext) before the driver is imported: the
pure-Python PackStream, for the comparison. bench/PROFILE.md records what this showed and when.
"""

from __future__ import annotations

import argparse
import importlib.abc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class _NoRust(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> None:
        if name == "neo4j._rust" or name.startswith("neo4j._rust."):
            raise ImportError("blocked by --no-rust")
        return None


def _p50(fn: Callable[[], Any], calls: int) -> list[float]:
    fn()
    out = []
    for _ in range(calls):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--region", default=None, help="recipient name (default: the bench probe's county)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--calls", type=int, default=60)
    ap.add_argument("--graph", type=Path, default=Path("data/build"))
    ap.add_argument("--no-rust", action="store_true", help="the pure-Python PackStream")
    args = ap.parse_args(argv)
    if args.no_rust:
        sys.meta_path.insert(0, _NoRust())

    from neo4j import Query, RoutingControl

    from api.settings import Settings
    from bench.measure_queries import probe
    from graph.cypher import FACTS_BY_RECIPIENT, RECIPIENT_FACTS
    from graph.memory_store import MemoryStore
    from graph.neo4j_codec import decode_fact_row, decode_recipient_facts
    from graph.neo4j_store import Neo4jStore
    from queries.support import supporters_of

    rust = "neo4j._rust" in sys.modules
    store = Neo4jStore.from_config(Settings().store_config())
    memory = MemoryStore.from_snapshot(args.graph)
    region = args.region or probe(memory).county
    recipient = next(n.id for n in memory.nodes("Region") if n.name == region)

    class FactNodes(Neo4jStore):
        """The store as it read facts before the per-recipient documents."""

        def support_facts(self, recipient: str | None = None, supporter: str | None = None) -> list[Any]:
            return self.support_fact_nodes(recipient, supporter)

    before = FactNodes(store.driver, store.database, store.uri)
    assert before.support_facts(recipient) == store.support_facts(recipient) == memory.support_facts(recipient)
    driver, db = store.driver, store.database
    node_params = {"recipient": recipient, "supporter": None}
    doc_params = {"recipient": recipient, "known": None}

    def raw(text: Any, params: dict[str, Any]) -> Any:
        return driver.execute_query(Query(text, timeout=5.0), parameters_=params, routing_=RoutingControl.READ,
                                    database_=db)

    node_rows = raw(FACTS_BY_RECIPIENT, node_params).records[0]["rows"]
    doc = raw(RECIPIENT_FACTS, doc_params).records[0]
    same_params = {"recipient": recipient, "known": doc["hash"]}
    kept = driver.session(database=db)

    def session_run(text: Any, params: dict[str, Any]) -> list[Any]:
        with driver.session(database=db) as session:
            return list(session.run(Query(text, timeout=5.0), params))

    def cold(fn: Callable[[], Any]) -> Callable[[], Any]:
        """fn with the store's decoded documents forgotten first: as if the document had changed."""
        def call() -> Any:
            store.forget_documents()
            return fn()
        return call

    calls: dict[str, Callable[[], Any]] = {
        "RETURN 1 (store.read)": lambda: store.read("RETURN 1 AS one"),
        "facts: document, unchanged": lambda: store.support_facts(recipient),
        "facts: document, changed (sent, decoded)": cold(lambda: store.support_facts(recipient)),
        "facts: nodes (before)": lambda: before.support_facts(recipient),
        "  document round trip, unchanged": lambda: raw(RECIPIENT_FACTS, same_params),
        "  document round trip, sent": lambda: raw(RECIPIENT_FACTS, doc_params),
        "  nodes round trip": lambda: raw(FACTS_BY_RECIPIENT, node_params),
        "  document decode (codec)": lambda: decode_recipient_facts(doc["facts"], doc["exact_json"]),
        "  nodes decode (codec)": lambda: [decode_fact_row(r) for r in node_rows],
        "supporters_of: document, unchanged": lambda: supporters_of(store, region),
        "supporters_of: document, changed": cold(lambda: supporters_of(store, region)),
        "supporters_of: nodes (before)": lambda: supporters_of(before, region),
        "supporters_of: memory store": lambda: supporters_of(memory, region),
        "RETURN 1, session per call": lambda: session_run("RETURN 1 AS one", {}),
        "RETURN 1, kept session": lambda: list(kept.run("RETURN 1 AS one")),
        "document sent, session per call": lambda: session_run(RECIPIENT_FACTS, doc_params),
        "document sent, kept session": lambda: list(kept.run(RECIPIENT_FACTS, doc_params)),
    }
    samples: dict[str, list[float]] = {name: [] for name in calls}
    server: dict[str, list[int]] = {"document sent": [], "document unchanged": [], "nodes": []}
    load = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for name, fn in calls.items():
            samples[name] += _p50(fn, args.calls)
        for name, text, params in (("document sent", RECIPIENT_FACTS, doc_params),
                                   ("document unchanged", RECIPIENT_FACTS, same_params),
                                   ("nodes", FACTS_BY_RECIPIENT, node_params)):
            for _ in range(args.calls):
                summary = raw(text, params).summary
                server[name].append((summary.result_available_after or 0) + (summary.result_consumed_after or 0))
        load.append(os.getloadavg()[0])
    kept.close()
    before.close()
    store.close()

    base = statistics.median(samples["RETURN 1 (store.read)"])
    facts = len(memory.support_facts(recipient))
    print(f"{region} ({recipient}): {facts} facts, document {len(doc['facts']):,} characters; "
          f"driver PackStream {'Rust (neo4j-rust-ext)' if rust else 'pure Python'}; "
          f"{args.rounds} rounds × {args.calls} calls; load average {min(load):.1f}–{max(load):.1f}")
    print(f"{'call':42s} {'p50 ms':>8s} {'p90 ms':>8s} {'× RETURN 1':>11s}")
    for name, values in samples.items():
        p50 = statistics.median(values)
        p90 = sorted(values)[int(len(values) * 0.9)]
        print(f"{name:42s} {p50:8.2f} {p90:8.2f} {p50 / base:10.2f}×")
    for name, millis in server.items():
        print(f"{'  ' + name + ' on the server (p50, ms)':42s} {statistics.median(millis):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
