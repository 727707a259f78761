"""Support facts (graph.support): the one definition of support, derived at build time and kept in the snapshot."""

from __future__ import annotations

from pathlib import Path

from graph import snapshot
from graph.memory_store import MemoryStore
from graph.model import (
    BENEFITS,
    DOMAIN,
    FOR,
    IN_DOMAIN,
    LOCATED_IN,
    MEASURE,
    ORGANIZATION,
    PROJECT,
    REGION,
    SUPPORTS,
    SUPPORTS_MEASURE,
    SUPPORTS_PROJECT,
    Evidence,
    Node,
    Relation,
)
from graph.store import GraphStore
from graph.store_base import StoreBase
from graph.support import SupportFact, derive_support_facts

EV = Evidence("doc", "L1", "quote")


def _region(rid: str, name: str, **props: object) -> Node:
    return Node(rid, REGION, name, {"level": "county", **props})


def _small_graph() -> tuple[list[Node], list[Relation]]:
    """A mountain county A, a partner county B hosting A's enclave, a provincial firm F and A's own bureau."""
    nodes = [
        _region("region:a", "甲县", mountain=True), _region("region:b", "乙区"),
        Node("org:f", ORGANIZATION, "某省属国企", {"kind": "soe", "region": "浙江省"}),
        Node("org:own", ORGANIZATION, "甲县卫生健康局", {"kind": "department", "region": "甲县"}),
        Node("measure:m", MEASURE, "医疗帮扶"), Node("project:p", PROJECT, "甲乙飞地产业园"),
        Node("domain:healthcare", DOMAIN, "医疗卫生"), Node("domain:industry", DOMAIN, "产业"),
    ]
    rels = [
        Relation(SUPPORTS, "region:b", "region:a", {"level": "county", "mechanism": "county_pairing",
                                                    "rounds": ["2021-provincial"]}, [EV]),
        Relation(FOR, "measure:m", "region:a", {}, [EV]),
        Relation(IN_DOMAIN, "measure:m", "domain:healthcare", {}, [EV]),
        Relation(SUPPORTS_MEASURE, "org:f", "measure:m", {"rounds": ["2025-2027"]}, [EV]),
        Relation(SUPPORTS_MEASURE, "org:own", "measure:m", {"rounds": ["2025-2027"]}, [EV]),
        Relation(SUPPORTS_MEASURE, "region:a", "measure:m", {"rounds": ["2025-2027"]}, [EV]),
        # The enclave is built in 乙区 for 甲县: located in the partner, benefiting the mountain county.
        Relation(LOCATED_IN, "project:p", "region:b", {}, [EV]),
        Relation(BENEFITS, "project:p", "region:a", {}, [EV]),
        Relation(IN_DOMAIN, "project:p", "domain:industry", {}, [EV]),
        Relation(SUPPORTS_PROJECT, "org:f", "project:p", {"rounds": ["2025-2027"]}, [EV]),
    ]
    return nodes, rels


def test_the_definition_on_a_small_graph() -> None:
    facts = derive_support_facts(*_small_graph())
    got = {(f.supporter, f.recipient, f.via, f.item, f.domains) for f in facts}
    assert got == {
        ("region:b", "region:a", "pairing", None, ()),  # a general pairing names no field
        ("org:f", "region:a", "measure", "measure:m", ("domain:healthcare",)),
        ("org:f", "region:a", "project", "project:p", ("domain:industry",)),
    }
    # Not support: the county's own bureau and the county itself carrying out its measure, and the
    # enclave's host (LOCATED_IN) — the project benefits 甲县, not 乙区.
    assert not [f for f in facts if f.supporter in ("org:own", "region:a") or f.recipient == "region:b"]
    measure = next(f for f in facts if f.via == "measure")
    assert (measure.supporter_name, measure.supporter_kind, measure.recipient_name) == ("某省属国企", "soe", "甲县")
    assert measure.rounds == ("2025-2027",) and measure.programme == "shanhai" and measure.evidence == (EV,)


def test_a_measure_for_two_counties_is_two_facts_with_distinct_ids() -> None:
    nodes, rels = _small_graph()
    nodes.append(_region("region:c", "丙县", mountain=True))
    rels.append(Relation(FOR, "measure:m", "region:c", {}, [EV]))
    facts = [f for f in derive_support_facts(nodes, rels) if f.via == "measure" and f.supporter == "org:f"]
    assert [f.recipient for f in facts] == ["region:a", "region:c"]
    assert facts[0].relation_id == facts[1].relation_id and facts[0].id != facts[1].id


def test_the_snapshot_keeps_the_facts_and_an_older_snapshot_derives_them(tmp_path: Path) -> None:
    nodes, rels = _small_graph()
    snap = snapshot.Snapshot(nodes, rels)
    snapshot.write(snap, tmp_path)
    read = snapshot.read(tmp_path)
    assert read.support == snap.support_facts()
    old = tmp_path / "old"
    d = snap.to_dict()
    del d["support"]
    old.mkdir()
    (old / snapshot.SNAPSHOT_NAME).write_text(__import__("json").dumps(d, ensure_ascii=False), encoding="utf-8")
    assert snapshot.read(old).support is None
    assert snapshot.read(old).support_facts() == snap.support_facts()


class _Generic(StoreBase):
    """The generic capability, worked out from nodes and relationships on every call."""

    def __init__(self, store: MemoryStore) -> None:
        self.inner = store

    def nodes(self, label: str | None = None) -> list[Node]:
        return self.inner.nodes(label)

    def all_relations(self, types: object = None) -> list[Relation]:
        return self.inner.all_relations()


def test_memory_store_index_answers_like_the_generic_derivation(memory_store: MemoryStore) -> None:
    generic = _Generic(memory_store)
    assert memory_store.support_facts() == generic.support_facts()
    for rid in ("region:yongjiaxian", "region:kaihuaxian", "region:qingyuanxian"):
        assert memory_store.support_facts(recipient=rid) == generic.support_facts(recipient=rid)
    assert memory_store.support_facts(supporter="region:ouhaiqu") == generic.support_facts(supporter="region:ouhaiqu")


def test_real_corpus_facts_from_the_documents(store: GraphStore) -> None:
    yongjia = store.support_facts(recipient="region:yongjiaxian")
    # 附表 row 17 of the 2021 pairing table: 温州市 永嘉县 ← 温州市瓯海区.
    assert any(f.supporter == "region:ouhaiqu" and f.via == "pairing" and "2021-provincial" in f.rounds
               for f in yongjia)
    # The Yongjia plan's 加强特色农业领域帮扶: "加强与浙江省农科院、广东省科学院南繁种业研究所等单位合作".
    nanfan = [f for f in yongjia if f.supporter_name == "广东省科学院南繁种业研究所"]
    # (the plan's paragraph is also a stated support in that field, so there is a pairing fact too)
    assert nanfan and all("domain:agriculture" in f.domains for f in nanfan)
    assert any(f.via == "measure" and f.item_name == "加强特色农业领域帮扶" for f in nanfan)
    assert any("南繁种业研究所" in e.quote for f in nanfan for e in f.evidence)
    # Every fact is a supporter of someone else, with evidence, and the index agrees both ways.
    facts = store.support_facts()
    assert facts and all(f.evidence and f.supporter != f.recipient for f in facts)
    assert {f.id for f in store.support_facts(supporter="region:ouhaiqu")} == {
        f.id for f in facts if f.supporter == "region:ouhaiqu"}


def test_support_fact_round_trips_through_its_dict() -> None:
    for f in derive_support_facts(*_small_graph()):
        assert SupportFact.from_dict(f.to_dict()) == f
