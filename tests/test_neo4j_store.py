"""Neo4j store and sync against a real server: MemoryStore's answers, idempotent, crash-safe, fail-fast.

These tests own the server they run against: Community has only the `neo4j` database, so every test
that needs the server starts by deleting everything in it. What the module found there (say the real
graph another fixture synced) is read first and synced back at the end. Still, point NEO4J_URI at a
throw-away server (`eval "$(scripts/neo4j_local.sh up)"`), never at one holding data you care about.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import neo4j_sync
from graph import snapshot as snapshot_io
from graph.memory_store import MemoryStore
from graph.model import (
    BENEFITS,
    DOCUMENT,
    DOMAIN,
    FOR,
    IN_DOMAIN,
    LABELS,
    LOCATED_IN,
    MEASURE,
    ORGANIZATION,
    PART_OF,
    PROJECT,
    REGION,
    SUPPORTS,
    SUPPORTS_MEASURE,
    SUPPORTS_PROJECT,
    Evidence,
    Node,
    Relation,
)
from graph.neo4j_store import HINT, Neo4jStore
from graph.neo4j_sync import SCHEMA_ITEMS, SyncSummary, dynamic_labels, sync, sync_row_by_row
from graph.snapshot import Snapshot
from graph.store import GraphStore, StoreConfig, StoreUnavailable


def _config() -> StoreConfig:
    # Not api.settings: this file also runs as a script (the killed sync's child) from tests/, where
    # the name `api` would be tests/api. The same variables, the same defaults.
    default = StoreConfig()
    return StoreConfig(neo4j_uri=os.environ.get("NEO4J_URI") or default.neo4j_uri,
                       neo4j_user=os.environ.get("NEO4J_USER") or default.neo4j_user,
                       neo4j_password=os.environ.get("NEO4J_PASSWORD") or "",
                       neo4j_database=os.environ.get("NEO4J_DATABASE") or default.neo4j_database)

REPO = Path(__file__).resolve().parents[1]
# A few thousand nodes per transaction: deleting the 20,000-node synthetic graph (with its support
# facts) in one transaction ran the 512 MB test server out of heap, and the database then panics.
CLEAR = "MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n"
DOC = "doc:lishui-2021"


# ---------------------------------------------------------------------------------------- fixtures

def clear(store: Neo4jStore) -> None:
    """Delete everything in the database, in batches."""
    while store.driver.execute_query(CLEAR, database_=store.database).records[0]["n"]:
        pass


@pytest.fixture(scope="module")
def live() -> Iterator[Neo4jStore]:
    """The server at NEO4J_URI; skipped without one, except where a real Neo4j is required (CI)."""
    if not os.environ.get("NEO4J_URI"):
        message = "NEO4J_URI is not set: start a server with `eval \"$(scripts/neo4j_local.sh up)\"`"
        if os.environ.get("CI") == "true" or os.environ.get("SHANHAI_REQUIRE_NEO4J") == "1":
            pytest.fail("a real Neo4j is required here: " + message)
        pytest.skip(message)
    opened = Neo4jStore.from_config(_config())
    found = Snapshot(opened.nodes(), opened.all_relations())
    yield opened
    clear(opened)
    sync(found, opened)
    opened.close()


@pytest.fixture
def db(live: Neo4jStore) -> Neo4jStore:
    """The store over an empty database."""
    clear(live)
    return live


# ---------------------------------------------------------------------------------------- records

def ev(locator: str, quote: str, note: str | None = None) -> Evidence:
    return Evidence(DOC, locator, quote, note)


def small_snapshot() -> Snapshot:
    """A hand-made graph with every shape of prop the codec has to carry."""
    nodes = [
        Node("region:lishui", REGION, "丽水市", {"level": "city", "aliases": ["丽水"]}),
        Node("region:yongjia", REGION, "永嘉县", {
            "level": "county", "mountain": True, "category": "跨越发展类", "aliases": ["永嘉"],
            "pinyin": "Yongjia", "population": 870000, "area_km2": 2677.64,
            "industry": {"name": "泵阀", "chain": ["铸造", "装配"]},  # nested dict
        }, [ev("regions.yaml/温州市", "温州市: 永嘉县")]),
        Node("region:jingning", REGION, "景宁畲族自治县", {
            "aliases": [], "mountain": True, "note": None,  # empty list and None must survive
            "scores": [1.5, 2.0], "flags": [True, False], "mixed": [1, "一"], "big": 2**70,
        }),
        Node("org:zhejiang-energy", ORGANIZATION, "浙江省能源集团有限公司", {
            "kind": "soe", "aliases": ["浙能集团"],
            "targets": [{"year": 2025, "value": 3.5}, {"year": 2026, "value": None}],  # list of dicts
            # Names the codec itself uses, so they must be moved out of the way and come back intact.
            "id": "shadow", "name": "影子", "json_x": 1, "ev_document": ["x"], "content_hash": "zz",
        }),
        Node("org:wenzhou-medical", ORGANIZATION, "温州医科大学附属第一医院", {"kind": "hospital"}),
        Node("measure:health-1", MEASURE, "医疗卫生帮扶", {"fields": ["domain:healthcare"], "targets": {}}),
        Node(DOC, DOCUMENT, "丽水市山海协作行动方案", {"kind": "plan", "date": "2021-06-01"}),
    ]
    relations = [
        Relation(SUPPORTS, "org:zhejiang-energy", "region:jingning", {
            "level": "province", "mechanism": "1对4", "domains": ["domain:industry"], "rounds": ["2021"],
            "valid_from": "2021", "valid_to": "2025",
        }, [ev("table1/r3", "浙能集团 结对 景宁县"), ev("table1/r4", "续表", "layout-inferred: continuation row")]),
        Relation(SUPPORTS, "org:wenzhou-medical", "region:yongjia", {"level": "city", "mechanism": None},
                 [ev("p12", "温医大附一院帮扶永嘉县人民医院", "")]),
        Relation(SUPPORTS_MEASURE, "org:wenzhou-medical", "measure:health-1", {}, []),
        Relation(PART_OF, "region:jingning", "region:lishui", {}, [ev("regions.yaml/丽水市", "丽水市: 景宁")]),
        Relation(PART_OF, "region:lishui", "region:lishui", {"self": True}, []),  # a loop, seen once
    ]
    return Snapshot(sorted(nodes, key=lambda n: n.id), sorted(relations, key=lambda r: r.id))


def support_snapshot() -> Snapshot:
    """small_snapshot plus measures and projects around 永嘉县, tied to fields, for supporters_of's read."""
    snap = small_snapshot()
    snap.nodes += [
        Node("domain:healthcare", DOMAIN, "医疗卫生"),
        Node("domain:education", DOMAIN, "教育"),
        Node("measure:school-1", MEASURE, "教育帮扶", {"fields": ["domain:education"]}),
        Node("project:pump-park", PROJECT, "泵阀产业园", {"targets": {"2025": 3.5}}),
    ]
    snap.relations += [
        Relation(FOR, "measure:health-1", "region:yongjia", {}, [ev("m1", "为永嘉县")]),
        Relation(FOR, "measure:school-1", "region:yongjia", {"rounds": ["2025-2027"]}, [ev("m2", "为永嘉县")]),
        Relation(FOR, "org:wenzhou-medical", "region:yongjia", {}, [ev("m3", "not a measure: no item")]),
        Relation(IN_DOMAIN, "measure:health-1", "domain:healthcare", {}, [ev("d1", "医疗")]),
        Relation(IN_DOMAIN, "measure:school-1", "domain:education", {}, [ev("d2", "教育")]),
        Relation(SUPPORTS_MEASURE, "org:zhejiang-energy", "measure:school-1", {"rounds": ["2025-2027"]},
                 [ev("s1", "浙能集团 教育")]),
        Relation(BENEFITS, "project:pump-park", "region:yongjia", {"level": None}, [ev("b1", "受益")]),
        Relation(LOCATED_IN, "project:pump-park", "region:yongjia", {}, [ev("l1", "位于永嘉")]),
        Relation(SUPPORTS_PROJECT, "org:wenzhou-medical", "project:pump-park", {"mixed": [1, "一"]},
                 [ev("p1", "援建", None), ev("p2", "续", "")]),
        Relation(SUPPORTS, "region:lishui", "region:yongjia", {"domains": "domain:healthcare"},  # not a list
                 [ev("x1", "丽水 永嘉")]),
        Relation(SUPPORTS, "region:jingning", "region:yongjia", {"domains": ["domain:healthcare"]}, [ev("x2", "景宁")]),
    ]
    return Snapshot(sorted(snap.nodes, key=lambda n: n.id), sorted(snap.relations, key=lambda r: r.id))


def assert_same_answers(neo: GraphStore, snap: Snapshot) -> None:
    mem = MemoryStore(snap.nodes, snap.relations)
    ids = [n.id for n in snap.nodes]
    for node_id in [*ids, "region:nowhere"]:
        assert neo.node(node_id) == mem.node(node_id), node_id
    assert neo.nodes() == mem.nodes()
    for label in [*LABELS, "Entity", "Nope"]:
        assert neo.nodes(label) == mem.nodes(label), label
    for direction in ("out", "in", "both", "sideways"):
        for types in (None, [], [SUPPORTS], [SUPPORTS, PART_OF], ["NOPE"]):
            for group in ([ids[0]], ids, ["region:lishui", "region:lishui"], ["region:nowhere"]):
                assert neo.relations_of(group, direction, types) == mem.relations_of(group, direction, types)
    for types in (None, [], [PART_OF], iter(())):
        assert neo.all_relations(types) == mem.all_relations(types)
    assert neo.counts() == mem.counts()


def totals(summary: SyncSummary) -> tuple[int, int, int, int]:
    return summary.created, summary.updated, summary.unchanged, summary.deleted


# ---------------------------------------------------------------------------------------- tests

@pytest.mark.neo4j
def test_synced_store_answers_like_memory_store(db: Neo4jStore) -> None:
    snap = small_snapshot()
    summary = sync(snap, db)
    assert totals(summary) == (12, 0, 0, 0)
    assert (summary.nodes, summary.relationships) == (7, 5)
    assert_same_answers(db, snap)
    assert db.ping() is True
    # Exact round trip of the awkward cases, spelled out rather than only compared.
    jingning = db.node("region:jingning")
    assert jingning is not None
    assert jingning.props["aliases"] == [] and jingning.props["note"] is None
    assert jingning.props["big"] == 2**70 and jingning.props["mixed"] == [1, "一"]
    notes = [e.note for r in db.all_relations([SUPPORTS]) for e in r.evidence]
    assert sorted(notes, key=repr) == sorted([None, "layout-inferred: continuation row", ""], key=repr)


@pytest.mark.neo4j
def test_cypher_can_read_props_and_evidence(db: Neo4jStore) -> None:
    sync(small_snapshot(), db)
    rows = db.read("MATCH (:Organization {id: $id})-[r:SUPPORTS]->(t:Region) "
                   "RETURN t.name AS name, r.ev_quote AS quotes, r.ev_note AS notes", id="org:zhejiang-energy")
    assert [(r["name"], r["quotes"], r["notes"]) for r in rows] == [
        ("景宁畲族自治县", ["浙能集团 结对 景宁县", "续表"], ["", "layout-inferred: continuation row"])]
    rows = db.read("MATCH (n:Region {name: $name}) RETURN n.aliases AS aliases, n.json_industry AS industry",
                   name="永嘉县")
    assert rows[0]["aliases"] == ["永嘉"] and '"泵阀"' in rows[0]["industry"]


@pytest.mark.neo4j
def test_snapshot_file_round_trip(db: Neo4jStore, tmp_path: Path) -> None:
    snapshot_io.write(small_snapshot(), tmp_path)
    sync(snapshot_io.read(tmp_path), db)
    mem = MemoryStore.from_snapshot(tmp_path)
    assert db.nodes() == mem.nodes() and db.all_relations() == mem.all_relations()


@pytest.mark.neo4j
def test_resync_changes_and_removals(db: Neo4jStore) -> None:
    snap = small_snapshot()
    sync(snap, db)
    assert totals(sync(snap, db)) == (0, 0, 12, 0)

    changed = small_snapshot()
    node = next(n for n in changed.nodes if n.id == "region:yongjia")
    node.props["population"] = 880000
    del node.props["pinyin"]  # a dropped prop must disappear, not linger from the old version
    assert totals(sync(changed, db)) == (0, 1, 11, 0)
    assert_same_answers(db, changed)
    assert "pinyin" not in db.read("MATCH (n:Entity {id: 'region:yongjia'}) RETURN properties(n) AS p")[0]["p"]

    removed = small_snapshot()
    removed.nodes = [n for n in removed.nodes if n.id != "region:jingning"]
    removed.relations = [r for r in removed.relations if "region:jingning" not in (r.source, r.target)]
    assert totals(sync(removed, db)) == (0, 1, 8, 3)  # the node and its two relationships; yongjia back
    assert_same_answers(db, removed)

    relabelled = small_snapshot()
    relabelled.nodes = [Node(n.id, ORGANIZATION, n.name, n.props, n.evidence) if n.id == DOC else n
                        for n in relabelled.nodes]
    summary = sync(relabelled, db)
    assert (summary.created, summary.deleted) == (3, 0)
    assert_same_answers(db, relabelled)


@pytest.mark.neo4j
def test_row_by_row_gives_the_same_graph(db: Neo4jStore) -> None:
    snap = small_snapshot()
    seen: list[tuple[str, int, int]] = []
    assert totals(sync_row_by_row(snap, db, progress=lambda *a: seen.append(a))) == (12, 0, 0, 0)
    assert ("nodes", 7, 7) in seen and ("relationships", 5, 5) in seen
    assert_same_answers(db, snap)
    assert totals(sync(snap, db.driver, database=db.database)) == (0, 0, 12, 0)


@pytest.mark.neo4j
def test_schema_statements_run_only_when_missing(db: Neo4jStore) -> None:
    seen: list[tuple[str, int, int]] = []

    def schema_notes(snap: Snapshot) -> list[tuple[str, int, int]]:
        seen.clear()
        sync(snap, db, progress=lambda *a: seen.append(a))
        return [x for x in seen if x[0] == "schema"]

    total = len(SCHEMA_ITEMS)
    assert schema_notes(small_snapshot())[-1] == ("schema", total, total)
    assert schema_notes(small_snapshot()) == [("schema", total, total)]  # one SHOW INDEXES read, no writes
    db.driver.execute_query("DROP INDEX region_name", database_=db.database)
    db.driver.execute_query("DROP CONSTRAINT supports_rel_id", database_=db.database)
    assert schema_notes(small_snapshot()) == [("schema", total - 2, total), ("schema", total - 1, total),
                                              ("schema", total, total)]
    names = {r["name"] for r in db.read("SHOW INDEXES YIELD name RETURN name")}
    assert {name for _, name, _ in SCHEMA_ITEMS} <= names


def test_dynamic_labels_from_the_server_version() -> None:
    assert dynamic_labels("Neo4j/5.26.30") and dynamic_labels("Neo4j/5.27-aura") and dynamic_labels("Neo4j/2025.10.1")
    assert not any(dynamic_labels(agent) for agent in ("Neo4j/5.25.1", "Neo4j/4.4.40", "Memgraph/2.0", ""))


@pytest.mark.neo4j
def test_per_label_statements_where_labels_cannot_be_dynamic(db: Neo4jStore,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neo4j_sync, "DYNAMIC_LABELS_SINCE", (9999, 0))  # as a server before 5.26 answers
    snap = small_snapshot()
    assert totals(sync(snap, db, batch_size=2)) == (12, 0, 0, 0)
    assert_same_answers(db, snap)
    relabelled = small_snapshot()
    relabelled.nodes = [Node(n.id, ORGANIZATION, n.name, n.props, n.evidence) if n.id == DOC else n
                        for n in relabelled.nodes]
    sync(relabelled, db)
    assert_same_answers(db, relabelled)
    monkeypatch.undo()
    assert totals(sync(relabelled, db)) == (0, 0, 12, 0)  # both ways store the very same records


@pytest.mark.neo4j
def test_one_round_trip_reads_equal_relations_of(db: Neo4jStore) -> None:
    """The store's one-round-trip capabilities: the relationships relations_of gives (supporters are read from
    support facts: tests/test_neo4j_support.py)."""
    snap = support_snapshot()
    sync(snap, db)
    mem = MemoryStore(snap.nodes, snap.relations)

    def bare(rels: list[Relation]) -> list[Relation]:
        return [Relation(r.type, r.source, r.target, r.props) for r in rels]

    ids = [n.id for n in snap.nodes]
    for types in (None, [], [SUPPORTS, PART_OF], ["NOPE"]):
        for group in ([ids[0]], ids, ["region:lishui", "region:lishui"], ["region:nowhere"], []):
            assert db.relations_around(group, types) == bare(mem.relations_of(group, "both", types))
            kept = set(group)
            assert db.relations_among(group, types) == [
                r for r in mem.relations_of(group, "both", types) if r.source in kept and r.target in kept]


@pytest.mark.neo4j
def test_sync_refuses_bad_snapshots(db: Neo4jStore) -> None:
    snap = small_snapshot()
    snap.relations.append(Relation(SUPPORTS, "org:zhejiang-energy", "region:nowhere"))
    with pytest.raises(ValueError, match="region:nowhere"):
        sync(snap, db)
    snap = small_snapshot()
    snap.nodes.append(Node("x:1", "Person", "某人"))
    with pytest.raises(ValueError, match="Person"):
        sync(snap, db)
    assert db.counts() == {"nodes": {}, "relationships": {}}  # checked before anything is written


@pytest.mark.neo4j
def test_slow_query_is_cut_off(db: Neo4jStore) -> None:
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="query timed out"):
        db.read("UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n", 0.5)
    assert time.monotonic() - started < 15  # hang guard
    assert db.ping() is True  # the server and the pool survive a terminated transaction


def synthetic(n: int, version: int) -> Snapshot:
    """A larger graph. Version 1 is every 4th node; version 2 has n + 10 % nodes, minus every 10th,
    so syncing 2 over 1 creates, updates (every record changed) and deletes."""
    labels = (REGION, ORGANIZATION, MEASURE)
    ids = range(0, n, 4) if version == 1 else [i for i in range(n + n // 10) if i % 10 != 4]
    nodes = [Node(f"syn:{i:06d}", labels[i % 3], f"节点{i}号",
                  {"version": version, "aliases": [f"别名{i}"], "meta": {"i": i, "v": version}},
                  [ev(f"row{i}", f"第{i}行", None if i % 2 else "note")]) for i in ids]
    present = set(ids)
    relations = [Relation(t, f"syn:{i:06d}", f"syn:{j:06d}", {"level": "x", "version": version},
                          [ev(f"r{i}", "关系")])
                 for i in ids for t, j in ((SUPPORTS, (i * 7 + 4) % n), (PART_OF, i // 2 if i % 2 else -1))
                 if j in present and j != i]
    return Snapshot(sorted(nodes, key=lambda x: x.id), sorted(relations, key=lambda r: r.id))


SYNTHETIC_SIZE = 20_000


@pytest.mark.neo4j
def test_sync_killed_halfway_converges(db: Neo4jStore) -> None:
    sync(synthetic(SYNTHETIC_SIZE, 1), db, batch_size=1000)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed_at = None
    with subprocess.Popen([sys.executable, __file__, "--sync-synthetic", "2"], cwd=REPO, env=env,
                          stdout=subprocess.PIPE, text=True) as child:
        watchdog = threading.Timer(300, child.kill)  # a hang guard: the test must never wait forever
        watchdog.start()
        assert child.stdout is not None
        for line in child.stdout:
            stage, done, total = line.split()
            if stage == "relationships" or (stage == "nodes" and int(done) >= int(total) // 2 > 0):
                child.send_signal(signal.SIGKILL)
                killed_at = line.strip()
                break
        child.wait()
        watchdog.cancel()
    assert killed_at is not None and child.returncode == -signal.SIGKILL, "the sync finished before the kill"

    expected = synthetic(SYNTHETIC_SIZE, 2)
    mem = MemoryStore(expected.nodes, expected.relations)
    assert db.all_relations() != mem.all_relations()  # the kill really left a half-done sync
    summary = sync(expected, db, batch_size=1000)
    assert summary.created + summary.updated + summary.unchanged == len(expected.nodes) + len(expected.relations)
    assert summary.unchanged > 0 and summary.deleted > 0, (killed_at, summary)
    assert db.nodes() == mem.nodes()
    assert db.all_relations() == mem.all_relations()
    assert db.counts() == mem.counts()


def test_unreachable_server_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    store = Neo4jStore.from_config(_config())
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as failure:
            store.nodes()
        elapsed = time.monotonic() - started
        message = str(failure.value)
        assert elapsed < 15, f"took {elapsed:.1f} s"  # hang guard, not a performance assertion
        assert uri in message and HINT in message and "\n" not in message
        started = time.monotonic()
        assert store.ping() is False
        with pytest.raises(StoreUnavailable, match="cannot connect"):
            sync(small_snapshot(), store)
        assert time.monotonic() - started < 2  # both check connectivity first, without retries
    finally:
        store.close()


if __name__ == "__main__" and sys.argv[1:2] == ["--sync-synthetic"]:
    # The child of test_sync_killed_halfway_converges: reports progress so the parent can kill it.
    child_store = Neo4jStore.from_config(_config())
    sync(synthetic(SYNTHETIC_SIZE, int(sys.argv[2])), child_store, batch_size=500,
         progress=lambda stage, done, total: print(stage, done, total, flush=True))
