"""Support facts in Neo4j: synced as :SupportFact records and, per recipient, as one :RecipientFacts document,
read back in one round trip, MemoryStore's answers.

Like tests/test_neo4j_store.py these tests own the database: each starts from an empty one, and what
the module found there is synced back at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import snapshot as snapshot_io
from graph.cypher import FACTS_BY_RECIPIENT, FACTS_BY_SUPPORTER, RECIPIENT_FACTS, SCHEMA_ITEMS
from graph.memory_store import MemoryStore
from graph.model import FOR, SUPPORTS, SUPPORTS_MEASURE, Evidence, Node, Relation
from graph.neo4j_codec import (
    FACT_FIELDS,
    decode_fact_row,
    decode_recipient_facts,
    encode_fact,
    encode_recipient_facts,
)
from graph.neo4j_store import FACTS_MISSING_WARNING, FACTS_UNDOCUMENTED_WARNING, Neo4jStore
from graph.neo4j_sync import sync, sync_row_by_row
from graph.snapshot import Snapshot
from graph.support import SupportFact
from tests.test_neo4j_store import _config, assert_same_answers, clear, support_snapshot

DROP_FACTS = "MATCH (f:SupportFact|RecipientFacts) DETACH DELETE f"
DROP_DOCUMENTS = "MATCH (x:RecipientFacts) DETACH DELETE x"
FACT_COUNT = "MATCH (f:SupportFact) RETURN count(f) AS n"
DOCUMENT_COUNT = "MATCH (x:RecipientFacts) RETURN count(x) AS n"
ALL_NODE_COUNT = "MATCH (n) RETURN count(n) AS n"


@pytest.fixture(scope="module")
def live() -> Iterator[Neo4jStore]:
    if not os.environ.get("NEO4J_URI"):
        if os.environ.get("CI") == "true" or os.environ.get("SHANHAI_REQUIRE_NEO4J") == "1":
            pytest.fail("a real Neo4j is required here: NEO4J_URI is not set")
        pytest.skip("NEO4J_URI is not set: start a server with `eval \"$(scripts/neo4j_local.sh up)\"`")
    opened = Neo4jStore.from_config(_config())
    found = Snapshot(opened.nodes(), opened.all_relations())
    yield opened
    clear(opened)
    sync(found, opened)
    opened.close()


@pytest.fixture
def db(live: Neo4jStore) -> Neo4jStore:
    clear(live)
    return live


def facts_snapshot() -> Snapshot:
    """support_snapshot (7 facts, counted by hand below) plus ids that are not ASCII and props Neo4j
    cannot hold as they are: 3 more facts."""
    snap = support_snapshot()
    snap.nodes += [
        Node("region:丽水市莲都区", "Region", "莲都区", {"level": "county"}),
        Node("org:宁波银行", "Organization", "宁波银行", {"kind": "bank"}),
        Node("region:zz", "Region", "某区", {"level": "county"}),
    ]
    snap.relations += [
        # a level that is an object and rounds of mixed types go through json_other; a None mechanism stays None
        Relation(SUPPORTS, "org:宁波银行", "region:丽水市莲都区",
                 {"level": {"province": True}, "rounds": [2021, "2025-2027"], "mechanism": None, "domains": []},
                 [Evidence("doc:x", "第1行", "宁波银行 结对 莲都区", "")]),
        Relation(SUPPORTS, "region:zz", "region:丽水市莲都区", {"domains": ["domain:education"]},
                 [Evidence("doc:x", "第2行", "某区 莲都区")]),
        Relation(SUPPORTS, "org:宁波银行", "region:zz", {"mechanism": "agreement"},
                 [Evidence("doc:x", "第3行", "协议")]),
    ]
    return Snapshot(sorted(snap.nodes, key=lambda n: n.id), sorted(snap.relations, key=lambda r: r.id))


def assert_same_facts(neo: Neo4jStore, snap: Snapshot) -> None:
    mem = MemoryStore(snap.nodes, snap.relations)
    ids = [n.id for n in snap.nodes] + ["region:nowhere"]
    assert neo.support_facts() == mem.support_facts()
    for node_id in ids:
        assert neo.support_facts(recipient=node_id) == mem.support_facts(recipient=node_id), node_id
        assert neo.support_facts(supporter=node_id) == mem.support_facts(supporter=node_id), node_id
        for other in ("org:wenzhou-medical", "org:宁波银行", "region:nowhere"):
            assert neo.support_facts(node_id, other) == mem.support_facts(node_id, other), (node_id, other)


def fact_totals(summary: object) -> tuple[int, int, int, int]:
    return (summary.facts_created, summary.facts_updated,  # type: ignore[attr-defined]
            summary.facts_unchanged, summary.facts_deleted)  # type: ignore[attr-defined]


def document_totals(summary: object) -> tuple[int, int, int]:
    """The per-recipient documents: how many the snapshot has, how many were written and deleted."""
    return (summary.recipients, summary.recipients_written, summary.recipients_deleted)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------- tests

def test_codec_gives_back_every_fact(built: Path) -> None:
    """Without a server: what the sync stores, read as the fact row reads it (an absent property is
    null), decodes to the very same fact — for the real corpus and the awkward hand-made values."""
    for snap in (snapshot_io.read(built), facts_snapshot()):
        for fact in snap.support_facts():
            stored = encode_fact(fact)
            assert all(value is not None for value in stored.values())  # Neo4j would drop a null
            row = [stored["id"], *(stored.get(k) for k in FACT_FIELDS), stored.get("json_other"),
                   *(stored[k] for k in ("ev_document", "ev_locator", "ev_quote", "ev_note", "ev_note_null"))]
            assert decode_fact_row(row) == fact


def test_recipient_document_gives_back_its_facts(built: Path) -> None:
    """Without a server: a recipient's one document decodes to its facts, in order, evidence included (an
    empty note stays empty, a missing one None), for the real corpus and the awkward hand-made values."""
    for snap in (snapshot_io.read(built), facts_snapshot()):
        facts = snap.support_facts()
        for recipient in {f.recipient for f in facts}:
            mine = [f for f in facts if f.recipient == recipient]
            stored = encode_recipient_facts(recipient, mine)
            assert stored["recipient"] == recipient and stored["exact_json"] is False  # orjson both ways
            back = decode_recipient_facts(stored["facts"], stored["exact_json"])
            assert back == mine
            # what answers show: the evidence dicts the decoder fills in are the facts' own
            assert [f.evidence_dicts for f in back] == [f.evidence_dicts for f in mine]
    odd = next(f for f in facts_snapshot().support_facts() if f.supporter == "org:宁波银行" and f.level)
    again = decode_recipient_facts(encode_recipient_facts(odd.recipient, [odd])["facts"])[0]
    assert (again.level, again.rounds) == ({"province": True}, (2021, "2025-2027"))
    assert [e.note for e in again.evidence] == [""]


def test_recipient_document_keeps_values_orjson_cannot() -> None:
    """An integer beyond 64 bits would come back from orjson as a float (or not be written): the standard
    library writes such a document, and the flag stored with it makes the reader use it too."""
    fact = SupportFact("support:x", "org:a", "A", "Organization", None, "region:b", "B", "county", "pairing",
                       SUPPORTS, "rel:x", None, None, (), None, None, (2**70, 2021, 1.0), "shanhai",
                       (Evidence("doc:x", "第1行", "A 支援 B"),))
    stored = encode_recipient_facts("region:b", [fact])
    assert stored["exact_json"] is True
    back = decode_recipient_facts(stored["facts"], stored["exact_json"])
    assert back == [fact] and [type(x) for x in back[0].rounds] == [int, int, float]


@pytest.mark.neo4j
def test_facts_round_trip_in_the_memory_store_order(db: Neo4jStore) -> None:
    snap = facts_snapshot()
    summary = sync(snap, db)
    # Counted by hand: 6 into 永嘉 (2 pairings by region, 1 by the hospital, its measure and its
    # project, 浙能's school measure) + 浙能's pairing of 景宁 + the three pairings added above.
    assert (summary.facts, fact_totals(summary)) == (10, (10, 0, 0, 0))
    assert (summary.created, summary.nodes, summary.relationships) == (14 + 19, 14, 19)  # as before, facts apart
    assert db.read(FACT_COUNT)[0]["n"] == 10
    # One document per recipient: 永嘉, 景宁, 莲都区 and 某区.
    assert document_totals(summary) == (4, 4, 0) and db.read(DOCUMENT_COUNT)[0]["n"] == 4
    assert_same_facts(db, snap)
    odd = db.support_facts(supporter="org:宁波银行", recipient="region:丽水市莲都区")
    assert [(f.level, f.rounds, f.mechanism, f.domains) for f in odd] == [({"province": True}, (2021, "2025-2027"),
                                                                         None, ())]  # type: ignore[comparison-overlap]
    assert [e.note for e in odd[0].evidence] == [""]  # an empty note is not a missing one
    # Non-ASCII ids order as in Python (and the memory store), not as the server would.
    assert [f.recipient for f in db.support_facts(supporter="org:宁波银行")] == ["region:zz", "region:丽水市莲都区"]
    into_yongjia = db.support_facts("region:yongjia")
    assert [(f.via, f.supporter, f.item) for f in into_yongjia] == [
        ("measure", "org:wenzhou-medical", "measure:health-1"), ("pairing", "org:wenzhou-medical", None),
        ("project", "org:wenzhou-medical", "project:pump-park"), ("measure", "org:zhejiang-energy", "measure:school-1"),
        ("pairing", "region:jingning", None), ("pairing", "region:lishui", None)]
    assert into_yongjia[2].evidence == (Evidence("doc:lishui-2021", "p1", "援建", None),
                                        Evidence("doc:lishui-2021", "p2", "续", ""))


@pytest.mark.neo4j
def test_facts_are_not_graph_nodes(db: Neo4jStore) -> None:
    snap = facts_snapshot()
    sync(snap, db)
    assert db.read(ALL_NODE_COUNT)[0]["n"] == 14 + 10 + 4  # the facts and documents are there …
    assert_same_answers(db, snap)  # … and nodes, counts, relationships, labels see none of them
    assert sum(db.counts()["nodes"].values()) == 14
    assert db.node(db.support_facts()[0].id) is None
    assert db.relations_around([f.id for f in db.support_facts()], None) == []
    assert db.node("region:yongjia") is not None and db.relations_around(["region:yongjia"], None) != []


@pytest.mark.neo4j
def test_unchanged_resync_writes_no_fact_and_removals_prune(db: Neo4jStore) -> None:
    snap = facts_snapshot()
    sync(snap, db)
    seen: list[tuple[str, int, int]] = []
    again = sync(snap, db, progress=lambda *a: seen.append(a))
    assert (fact_totals(again), document_totals(again)) == ((0, 0, 10, 0), (4, 0, 0))
    # nothing sent to the server
    assert [x for x in seen if x[0] in ("facts", "recipients")] == [("facts", 0, 0), ("recipients", 0, 0)]

    changed = facts_snapshot()
    # The school measure's SUPPORTS_MEASURE goes: its fact goes. The hospital's pairing gets a new quote
    # (same relationship id): its fact carries the evidence, so it is rewritten in place.
    changed.relations = [r for r in changed.relations
                         if not (r.type == SUPPORTS_MEASURE and r.target == "measure:school-1")]
    pairing = next(r for r in changed.relations if r.type == SUPPORTS and r.source == "org:wenzhou-medical")
    pairing.evidence = [Evidence("doc:lishui-2021", "p12", "温医大附一院结对帮扶永嘉县人民医院")]
    summary = sync(changed, db)
    assert (fact_totals(summary), document_totals(summary)) == ((0, 1, 8, 1), (4, 1, 0))  # 永嘉's document
    assert_same_facts(db, changed)
    assert [f.evidence[0].quote for f in db.support_facts("region:yongjia", "org:wenzhou-medical")
            if f.via == "pairing"] == ["温医大附一院结对帮扶永嘉县人民医院"]
    assert "measure:school-1" not in {f.item for f in db.support_facts()}

    # A measure no longer FOR the region: the measure stays, its fact into the region goes (and the
    # two changes above are undone: the school measure's fact is back, the quote is the old one).
    unaimed = facts_snapshot()
    unaimed.relations = [r for r in unaimed.relations if not (r.type == FOR and r.source == "measure:health-1")]
    summary = sync(unaimed, db)
    assert (fact_totals(summary), document_totals(summary)) == ((1, 1, 7, 1), (4, 1, 0))
    assert_same_facts(db, unaimed)
    assert db.read(FACT_COUNT)[0]["n"] == 9

    # 宁波银行's pairing of 某区 was 某区's only support: its fact and its document go (and the measure is
    # FOR 永嘉 again: its fact is back, 永嘉's document rewritten).
    alone = facts_snapshot()
    alone.relations = [r for r in alone.relations if not (r.source == "org:宁波银行" and r.target == "region:zz")]
    summary = sync(alone, db)
    assert (fact_totals(summary), document_totals(summary)) == ((1, 0, 8, 1), (3, 1, 1))
    assert_same_facts(db, alone)
    assert db.read(DOCUMENT_COUNT)[0]["n"] == 3 and db.support_facts("region:zz") == []


@pytest.mark.neo4j
def test_a_document_is_sent_again_only_when_it_changed(db: Neo4jStore) -> None:
    """The store keeps the facts it decoded with their document's hash; every read still asks the server,
    which sends the document only when its hash differs: a sync by another process shows at once."""
    snap = facts_snapshot()
    sync(snap, db)
    first = db.support_facts("region:yongjia")
    again = db.support_facts("region:yongjia")
    assert again == first and all(a is b for a, b in zip(again, first, strict=True))  # decoded once
    stored = db.read(RECIPIENT_FACTS, recipient="region:yongjia", known=None)[0]
    assert stored["facts"] is not None
    assert db.read(RECIPIENT_FACTS, recipient="region:yongjia", known=stored["hash"])[0]["facts"] is None

    other = Neo4jStore.from_config(_config())  # another writer, as another process would be
    try:
        changed = facts_snapshot()
        pairing = next(r for r in changed.relations if r.type == SUPPORTS and r.source == "org:wenzhou-medical")
        pairing.evidence = [Evidence("doc:lishui-2021", "p12", "温医大附一院结对帮扶永嘉县人民医院")]
        sync(changed, other)
        after = db.support_facts("region:yongjia")
        assert after == MemoryStore(changed.nodes, changed.relations).support_facts("region:yongjia") != first
        assert "温医大附一院结对帮扶永嘉县人民医院" in {e.quote for f in after for e in f.evidence}
        assert db.support_facts("region:zz") != []
        alone = facts_snapshot()  # 某区 loses its only support: its document goes
        alone.relations = [r for r in alone.relations if not (r.source == "org:宁波银行" and r.target == "region:zz")]
        sync(alone, other)
        assert db.support_facts("region:zz") == [] and db.support_facts("region:zz", "org:宁波银行") == []
        assert db.support_facts("region:yongjia") == first  # the first version again
    finally:
        other.close()


@pytest.mark.neo4j
def test_row_by_row_writes_the_same_facts(db: Neo4jStore) -> None:
    snap = facts_snapshot()
    summary = sync_row_by_row(snap, db)
    assert (fact_totals(summary), document_totals(summary)) == ((10, 0, 0, 0), (4, 4, 0))
    assert_same_facts(db, snap)
    summary = sync(snap, db)  # both ways store the very same records
    assert (fact_totals(summary), document_totals(summary)) == ((0, 0, 10, 0), (4, 0, 0))


@pytest.mark.neo4j
def test_fact_schema_and_indexed_reads(db: Neo4jStore) -> None:
    sync(facts_snapshot(), db)
    names = {r["name"] for r in db.read("SHOW INDEXES YIELD name RETURN name")}
    assert {"support_fact_id", "support_fact_recipient", "support_fact_supporter", "recipient_facts_recipient"} <= names
    assert {name for _, name, _ in SCHEMA_ITEMS} <= names
    for query, params, seek in (
            (FACTS_BY_RECIPIENT, {"recipient": "region:yongjia", "supporter": None}, "NodeIndexSeek"),
            (FACTS_BY_SUPPORTER, {"recipient": None, "supporter": "org:wenzhou-medical"}, "NodeIndexSeek"),
            (RECIPIENT_FACTS, {"recipient": "region:yongjia"}, "NodeUniqueIndexSeek")):
        _, summary, _ = db.driver.execute_query("EXPLAIN " + query, parameters_=params, database_=db.database)
        assert seek in str(summary.plan), summary.plan  # a seek, not a scan of every fact


@pytest.mark.neo4j
def test_database_synced_before_facts_derives_them(db: Neo4jStore, caplog: pytest.LogCaptureFixture) -> None:
    snap = facts_snapshot()
    sync(snap, db)
    assert db.warnings == []
    db.driver.execute_query(DROP_FACTS, database_=db.database)  # as an older sync left the database
    db._told_facts_missing = False  # the store logs it once: make this the first time
    # Not "no support": the facts of the graph that is there, with a warning for stats and the log.
    assert_same_facts(db, snap)
    assert "re-run `shanhai neo4j sync`" in caplog.text
    assert [w["message"] for w in db.warnings] == [FACTS_MISSING_WARNING]
    assert fact_totals(sync(snap, db)) == (10, 0, 0, 0)
    assert db.warnings == []
    clear(db)
    assert db.warnings == [] and db.support_facts() == [] and db.support_facts("region:yongjia") == []


@pytest.mark.neo4j
def test_database_synced_before_recipient_documents_reads_the_fact_nodes(db: Neo4jStore) -> None:
    """A database the previous version synced holds the fact nodes but no per-recipient document: read
    from the fact nodes (the same answers), a warning until the next sync, which writes only the documents."""
    snap = facts_snapshot()
    sync(snap, db)
    db.driver.execute_query(DROP_DOCUMENTS, database_=db.database)  # as the previous version left it
    assert_same_facts(db, snap)
    assert [f.supporter for f in db.support_facts("region:zz")] == ["org:宁波银行"]
    assert [w["message"] for w in db.warnings] == [FACTS_UNDOCUMENTED_WARNING]
    summary = sync(snap, db)
    assert (fact_totals(summary), document_totals(summary)) == ((0, 0, 10, 0), (4, 4, 0))
    assert db.warnings == []
    assert_same_facts(db, snap)


@pytest.mark.neo4j
def test_real_corpus_facts_equal_the_memory_store(db: Neo4jStore, built: Path) -> None:
    snap = snapshot_io.read(built)
    summary = sync(snap, db)
    assert summary.facts_created == summary.facts == len(snap.support_facts())
    mem = MemoryStore.from_snapshot(built)
    recipients = {f.recipient for f in mem.support_facts()}
    assert summary.recipients == summary.recipients_written == db.read(DOCUMENT_COUNT)[0]["n"] == len(recipients)
    # The graph's records are unchanged by the facts next to them: the memory store's own counts (the
    # real corpus: 548 nodes — 13 of them provincial SOEs and 2 Wenzhou university hospitals the reference lists
    # for other documents — and 1,576
    # relationships once enclave and park sites are read, and the
    # supporter named in a sentence on another field than its paragraph's supports in that field: YJ L246
    # "协助平安银行杭州分行组织开展普惠金融产品下乡进厂…金融服务" under 深化慈善帮扶与社会救助 → finance).
    counts = db.counts()
    assert counts == mem.counts()
    assert (sum(counts["nodes"].values()), sum(counts["relationships"].values())) == (548, 1576)
    assert counts == mem.counts() and db.nodes() == mem.nodes()
    assert db.support_facts() == mem.support_facts()
    for recipient in ("region:yongjiaxian", "region:changshanxian", "region:jiuzhaigouxian", "region:sichuansheng"):
        assert db.support_facts(recipient) == mem.support_facts(recipient), recipient
    for supporter in ("region:cixishi", "region:ouhaiqu", "org:zhejiangshengerqingjituan", "region:yongjiaxian"):
        assert db.support_facts(supporter=supporter) == mem.support_facts(supporter=supporter), supporter
    # From the documents: the 2021 pairing table's row 5 pairs 常山县 with 慈溪市 and 杭州市拱墅区;
    # no action plan is for 常山县, so its support is those pairings and the one project the magazine
    # names: the 产业飞地 at 慈溪高新区上林英才产业园 ("这里正是常山县与慈溪市山海协作的“产业飞地”").
    changshan = db.support_facts("region:changshanxian")
    assert {f.supporter_name for f in changshan} == {"慈溪市", "拱墅区"}
    assert {f.via for f in changshan} == {"pairing", "project"}
    assert {f.supporter_name for f in changshan if f.via == "project"} == {"慈溪市"}
    assert all(isinstance(f, SupportFact) and f.evidence for f in changshan)
    # 永嘉县 is supported through pairings, measures and projects (its action plan); 九寨沟县 (四川)
    # is outside the province: nobody supports it in this programme.
    assert {f.via for f in db.support_facts("region:yongjiaxian")} == {"pairing", "measure", "project"}
    assert db.support_facts("region:jiuzhaigouxian") == []
    assert {f.recipient_name for f in db.support_facts(supporter="region:cixishi")} == {"常山县"}
