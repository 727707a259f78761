"""Neo4j faults on a throw-away server of our own: SIGKILL during a sync, and an outage under the API.

These tests kill and restart the server they use, so they never touch the session's server at
NEO4J_URI (which holds the real snapshot other tests read). They start their own with
`SHANHAI_RUN=<tmp> scripts/neo4j_local.sh up` and always `down` it at the end. Like every `neo4j`
test they run where a Neo4j is available (`make test`, or NEO4J_URI set) and are a failure, not a
skip, where one is required (CI, SHANHAI_REQUIRE_NEO4J=1).

(a) `shanhai neo4j sync` of a 10× synthetic corpus (bench/synth.py, with its own reference data)
    while the server is SIGKILLed: the sync exits non-zero with one line naming the server;
    after `restart` the same sync finishes the job, and the database equals a clean sync
    (nodes, relationships and counts equal to the memory store of the same snapshot).
(b) The HTTP API on the Neo4j store (`shanhai serve --backend neo4j`, a real process) while the server
    is killed: data routes answer 503 in the one error shape, /health says unavailable; after
    `restart` the same API process answers 200 again. A 503 must come within 1 s (a bound on
    hanging; the store does not retry reads, see graph/neo4j_store.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString

import httpx
import pytest

from graph import snapshot as snapshot_io
from graph.memory_store import MemoryStore
from graph.neo4j_store import Neo4jStore, acquire_driver
from graph.neo4j_sync import sync
from tests.reliability.procs import SHANHAI, LocalNeo4j, Served, neo4j_required, serve

pytestmark = pytest.mark.neo4j

SCALE = 10
CLEAR: LiteralString = "MATCH (n) DETACH DELETE n"
COUNT_RELS: LiteralString = "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n"
KILL_AFTER_RELATIONSHIPS = 1500  # three 500-row batches of relationships are in: the sync is mid-way
SYNC_TIMEOUT_S = 300.0
UNAVAILABLE_WITHIN_S = 1.0


def _store(server: LocalNeo4j) -> Neo4jStore:
    return Neo4jStore(acquire_driver(server.uri, None), "neo4j", server.uri, owns_driver=True)


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    if not os.environ.get("NEO4J_URI") and not neo4j_required():
        pytest.skip("no Neo4j in this run: set NEO4J_URI or run `make test` (these tests start their own)")
    server = LocalNeo4j(tmp_path_factory.mktemp("own-neo4j"))
    try:
        server.up()
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        server.down()
        if neo4j_required():
            pytest.fail(f"could not start a throw-away Neo4j: {exc}")
        pytest.skip(f"could not start a throw-away Neo4j: {exc}")
    try:
        yield server
    finally:
        server.down()


@dataclass
class Synthetic:
    directory: Path
    memory: MemoryStore


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synthetic]:
    """The snapshot of a 10× synthetic corpus (bench/synth.py) built against its own reference data."""
    from api.build import build
    from bench.synth import generate

    work = tmp_path_factory.mktemp("synthetic")
    corpus = generate(SCALE, work / "corpus")
    build(out=work / "graph", sources_dir=corpus.sources_dir, reference_dir=corpus.reference_dir)
    memory = MemoryStore.from_snapshot(work / "graph")
    yield Synthetic(work / "graph", memory)
    memory.close()


def _relationship_count(store: Neo4jStore, timeout: float | None = None) -> int:
    # A server just restarted recovers its store before it answers quickly: a count then gets a long timeout.
    return int((store.read(COUNT_RELS, timeout=timeout) if timeout else store.read(COUNT_RELS))[0]["n"])


def test_sync_killed_with_the_server_converges_after_restart(
        own_neo4j: LocalNeo4j, synthetic: Synthetic, tmp_path: Path, figures: Callable[[str], None]) -> None:
    expected = synthetic.memory
    total_rels = len(expected.all_relations())
    store = _store(own_neo4j)
    try:
        store.driver.execute_query(CLEAR, database_=store.database)
        log = tmp_path / "sync-killed.log"
        started = time.monotonic()
        kill_after = float("nan")
        with log.open("wb") as out:
            child = subprocess.Popen([str(SHANHAI), "neo4j", "sync", "--graph", str(synthetic.directory)],
                                     stdout=out, stderr=subprocess.STDOUT, env=own_neo4j.child_env())
        try:
            seen = 0
            while seen < KILL_AFTER_RELATIONSHIPS:
                assert child.poll() is None, f"the sync ended before the kill:\n{log.read_text()}"
                assert time.monotonic() - started < SYNC_TIMEOUT_S, "the sync made no progress"
                time.sleep(0.1)
                seen = _relationship_count(store)
            kill_after = time.monotonic() - started
            own_neo4j.kill()
            killed_at = time.monotonic()
            code = child.wait(timeout=120)
            gave_up = time.monotonic() - killed_at
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)
        message = log.read_text(errors="replace").strip()
        figures(f"sync of {len(expected.nodes())} nodes / {total_rels} relationships killed after {seen} "
                f"relationships ({kill_after:.1f} s in); the CLI exited {code} {gave_up:.1f} s after the SIGKILL: "
                f"{message[-200:]!r}")
        assert code == 4, message
        assert message.startswith("error: Neo4j at " + own_neo4j.uri) and "\n" not in message

        own_neo4j.restart()
        assert 0 < _relationship_count(store, timeout=120.0) < total_rels, "the kill left a half-done sync"

        t0 = time.monotonic()
        rerun = subprocess.run([str(SHANHAI), "neo4j", "sync", "--json", "--graph", str(synthetic.directory)],
                               capture_output=True, text=True, env=own_neo4j.child_env(), timeout=SYNC_TIMEOUT_S,
                               check=False)
        assert rerun.returncode == 0, rerun.stderr
        summary: dict[str, Any] = json.loads(rerun.stdout)
        figures(f"re-sync after restart in {time.monotonic() - t0:.1f} s: {summary}")
        # Whole batches committed before the kill survived it and are not written again.
        assert summary["unchanged"] >= KILL_AFTER_RELATIONSHIPS and summary["created"] > 0
        assert (summary["nodes"], summary["relationships"]) == (len(expected.nodes()), total_rels)

        t0 = time.monotonic()
        assert store.nodes() == expected.nodes()
        assert store.all_relations() == expected.all_relations()
        assert store.counts() == expected.counts()
        figures(f"compared with the memory store in {time.monotonic() - t0:.1f} s; neo4j_local.sh took "
                + ", ".join(f"{verb} {s:.1f} s" for verb, s in own_neo4j.seconds.items()))
    finally:
        store.close()


@dataclass
class Outage:
    """What the API answered before, during and after a Neo4j outage (measured once, checked twice)."""

    before: dict[str, int] = field(default_factory=dict)
    during: list[tuple[str, int, float, dict[str, Any], dict[str, str]]] = field(default_factory=list)
    health: tuple[int, float, dict[str, Any]] | None = None
    after: dict[str, int] = field(default_factory=dict)
    recovered_in: float = float("nan")
    same_process: bool = False


@pytest.fixture(scope="module")
def outage(own_neo4j: LocalNeo4j, synthetic: Synthetic, tmp_path_factory: pytest.TempPathFactory) -> Outage:
    """Serve the synthetic graph from our Neo4j, kill the server, ask, restart it, ask again."""
    store = _store(own_neo4j)
    try:
        if store.counts() != synthetic.memory.counts():  # the test above leaves the snapshot synced
            sync(snapshot_io.read(synthetic.directory), store)
    finally:
        store.close()
    region = next(n for n in synthetic.memory.nodes("Region") if n.props.get("mountain"))
    routes = [f"/api/regions/{region.id}/supporters", "/api/stats"]
    served: Served = serve(["--backend", "neo4j"], tmp_path_factory.mktemp("outage") / "serve.log",
                           env=own_neo4j.child_env())
    result = Outage()
    try:
        with httpx.Client(base_url=served.base_url, trust_env=False, timeout=httpx.Timeout(60, connect=5)) as c:
            result.before = {r: c.get(r).status_code for r in routes}
            own_neo4j.kill()

            def timed(route: str) -> tuple[str, int, float, dict[str, Any], dict[str, str]]:
                with httpx.Client(base_url=served.base_url, trust_env=False, timeout=60) as own:
                    t0 = time.perf_counter()
                    r = own.get(route)
                    return route, r.status_code, time.perf_counter() - t0, r.json(), dict(r.headers)

            # Concurrently: each request is timed on its own, and the outage costs one wait, not two.
            with ThreadPoolExecutor(len(routes)) as pool:
                result.during = list(pool.map(timed, routes))
            _, status, seconds, body, _ = timed("/health")
            result.health = (status, seconds, body)

            own_neo4j.restart()
            t0 = time.monotonic()
            while time.monotonic() - t0 < 60:
                result.after = {r: c.get(r).status_code for r in [routes[0], "/health"]}
                if set(result.after.values()) == {200}:
                    break
                time.sleep(0.5)
            result.recovered_in = time.monotonic() - t0
            result.same_process = served.process.poll() is None
    finally:
        served.stop()
    return result


def test_api_answers_503_while_neo4j_is_down_and_recovers(outage: Outage, figures: Callable[[str], None]) -> None:
    for route, status, seconds, _, _ in outage.during:
        figures(f"Neo4j down: GET {route} → {status} in {seconds:.2f} s")
    assert outage.health is not None
    figures(f"Neo4j down: GET /health → {outage.health[0]} in {outage.health[1]:.3f} s; after restart the same "
            f"API process answered 200 within {outage.recovered_in:.1f} s")

    assert set(outage.before.values()) == {200}
    for route, status, _, body, headers in outage.during:
        assert status == 503, (route, body)
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
        assert body["error"]["code"] == "store_unavailable"
        assert "Neo4j at bolt://127.0.0.1:" in body["error"]["message"]
        assert headers.get("retry-after") == "5"
    status, _, health = outage.health
    assert status == 503 and health["status"] == "unavailable" and health["store"] == {
        "kind": "neo4j", "reachable": False}
    assert health["error"]["code"] == "store_unavailable"
    assert outage.same_process, "the API process must survive the outage"
    assert set(outage.after.values()) == {200}, outage.after


def test_api_503_comes_within_one_second(outage: Outage) -> None:
    assert outage.health is not None and outage.health[1] <= UNAVAILABLE_WITHIN_S
    slow = [(route, round(seconds, 2)) for route, _, seconds, _, _ in outage.during if seconds > UNAVAILABLE_WITHIN_S]
    assert slow == [], f"503 slower than {UNAVAILABLE_WITHIN_S} s: {slow}"
