"""path, neighborhood and search: typed steps, bounded neighbourhoods, ranked name search."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.errors import InvalidQuery, NotFound
from queries.neighborhood import neighborhood
from queries.paths import path
from queries.search import search


def test_path_ouhai_to_erqing_goes_through_yongjia(store: GraphStore) -> None:
    # Both are Yongjia's "1对4" partners: 瓯海区 the 经济强县, 省二轻集团 the 国企.
    res = path(store, "瓯海", "省二轻集团")
    assert res.found and not res.used_hubs and len(res.steps) == 2
    first, second = res.steps
    assert (first.source["name"], first.type, first.direction, first.target["name"]) == (
        "瓯海区", "SUPPORTS", "forward", "永嘉县")
    assert (second.source["name"], second.type, second.direction, second.target["name"]) == (
        "永嘉县", "SUPPORTS", "backward", "浙江省二轻集团")
    assert first.evidence and second.evidence
    # Among the pair's SUPPORTS (pairing and field statements) the formal pairing stands for it.
    assert (first.relation["mechanism"], second.relation["mechanism"]) == ("county_pairing", "soe_pairing")


def test_path_falls_back_to_hubs(store: GraphStore) -> None:
    # 龙港市 is named by no document: only the gazetteer ties it to 温州市.
    res = path(store, "龙港市", "温州市")
    assert res.found and res.used_hubs and [s.type for s in res.steps] == ["PART_OF"]


def test_path_inputs(store: GraphStore) -> None:
    with pytest.raises(InvalidQuery):
        path(store, "永嘉", "永嘉县")
    with pytest.raises(InvalidQuery):
        path(store, "永嘉", "瓯海", max_hops=0)
    with pytest.raises(NotFound):
        path(store, "永嘉", "火星县")


def test_neighborhood_filters(store: GraphStore) -> None:
    res = neighborhood(store, "永嘉县", rel_types=["SUPPORTS"], round="2018-wenzhou")
    assert {n["name"] for n in res.nodes} == {"永嘉县", "瓯海区"}
    health = neighborhood(store, "永嘉县", labels=["Region", "Organization"], domain="healthcare")
    assert {n["name"] for n in health.nodes} == {"永嘉县", "瓯海区", "浙江中医药大学附属第二医院", "温州市中心医院"}
    assert health.edges and all("domain:healthcare" in e["props"]["domains"] for e in health.edges)
    assert all(e["evidence"] for e in health.edges)


def test_neighborhood_is_bounded_closest_first(store: GraphStore) -> None:
    res = neighborhood(store, "永嘉县", depth=2, limit=5)
    assert len(res.nodes) == 5 and res.truncated
    assert res.nodes[0]["id"] == "region:yongjiaxian" and res.nodes[0]["distance"] == 0
    distances = [n["distance"] for n in res.nodes]
    assert distances == sorted(distances)
    kept = {n["id"] for n in res.nodes}
    assert all(e["source"] in kept and e["target"] in kept for e in res.edges)
    with pytest.raises(InvalidQuery):
        neighborhood(store, "永嘉县", labels=["Planet"])


@pytest.mark.parametrize(("text", "first"), [
    ("永嘉", "永嘉县"), ("Yongjia", "永嘉县"), ("ouhai", "瓯海区"), ("浙中医大二院", "浙江中医药大学附属第二医院"),
    ("linan", "临安区"), ("Lin'an", "临安区"), ("healthcare", "医疗卫生"), ("浙山海办〔2021〕1号",
                                                                     "关于进一步加强山海协作结对帮扶工作的指导意见（附件：有关市、县（市、区）山海协作结对安排表）"),
])
def test_search_exact_names_come_first(store: GraphStore, text: str, first: str) -> None:
    hits = search(store, text).hits
    assert hits[0]["name"] == first and hits[0]["match"] == "exact"


def test_search_ranks_exact_prefix_substring(store: GraphStore) -> None:
    hits = search(store, "海宁", limit=50).hits
    assert [h["name"] for h in hits[:2]] == ["海宁市", "海宁市高级中学"]
    ranks = [("exact", "prefix", "substring").index(h["match"]) for h in hits]
    assert ranks == sorted(ranks)
    assert "浙江中医药大学附属第二医院" in {h["name"] for h in search(store, "中医药大学").hits}
    with pytest.raises(InvalidQuery):
        search(store, "  ")
    with pytest.raises(InvalidQuery):
        search(store, "永嘉", limit=0)
