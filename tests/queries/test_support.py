"""supporters_of / supported_by against the 2021 pairing table and the Yongjia plan, on both stores."""

from __future__ import annotations

from typing import Any

import pytest

from graph.store import GraphStore
from queries.errors import InvalidQuery, NotFound
from queries.support import supported_by, supporters_of


def pairing_names(result: Any, level: str, mechanism: str) -> set[str]:
    return {s.name for s in result.supporters
            if any(x.via == "pairing" and x.level == level and x.mechanism == mechanism for x in s.supports)}


def test_kaihua_county_partners_in_the_2021_table(store: GraphStore) -> None:
    # 附表 row 6: 开化县 ← 桐乡市, 杭州市上城区, 绍兴市越城区 (split by a page break).
    result = supporters_of(store, "开化县", round="2021-provincial")
    assert pairing_names(result, "county", "county_pairing") == {"桐乡市", "上城区", "越城区"}


def test_changshan_and_cixi_both_ways(store: GraphStore) -> None:
    # 附表 row 5: 常山县 ← 慈溪市, 杭州市拱墅区.
    assert pairing_names(supporters_of(store, "常山", round="2021-provincial"), "county", "county_pairing") == {
        "慈溪市", "拱墅区"}
    assert "常山县" in {s.name for s in supported_by(store, "慈溪市").supporters}


def test_city_pairings(store: GraphStore) -> None:
    # 一、市结对安排关系: 衢州市 ← 杭州市、绍兴市; 丽水市 ← 宁波市、湖州市、嘉兴市.
    assert pairing_names(supporters_of(store, "衢州市"), "city", "city_pairing") == {"杭州市", "绍兴市"}
    assert pairing_names(supporters_of(store, "Lishui"), "city", "city_pairing") == {"宁波市", "湖州市", "嘉兴市"}


def test_yongjia_healthcare_supporters_with_evidence(store: GraphStore) -> None:
    # Annex 2 row 五.4 帮扶单位: 浙中医大二院、瓯海区、温州市中心医院; the 健康永嘉 paragraph names the same.
    result = supporters_of(store, "永嘉", "healthcare")
    assert {s.name for s in result.supporters} == {"瓯海区", "浙江中医药大学附属第二医院", "温州市中心医院"}
    for s in result.supporters:
        assert s.evidence and all(e["document"] == "yj-2025-2027-action-plan" for e in s.evidence)
        assert all("domain:healthcare" in x.domains for x in s.supports)
    assert result.params == {"region": "region:yongjiaxian", "field": "domain:healthcare", "round": "current"}


def test_school_supports_yongjia_and_city_supports_wuyi(store: GraphStore) -> None:
    # 海宁市高级中学 (Annex 2 row 五.2) vs 海宁市 (附表 row 22: 武义县 ← 海宁市, 永康市).
    assert {s.name for s in supported_by(store, "海宁市高级中学").supporters} == {"永嘉县"}
    assert {s.name for s in supported_by(store, "海宁市", round="2021-provincial").supporters} == {"武义县"}


def test_inputs_are_checked(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        supporters_of(store, "火星县")
    with pytest.raises(NotFound):
        supporters_of(store, "永嘉县", "astrology")
    with pytest.raises(InvalidQuery):
        supporters_of(store, "永嘉县", round="1999-nowhere")


def test_support_rows_are_derived_once_per_snapshot(memory_store: GraphStore) -> None:
    # An immutable snapshot: the region's support rows are made once and shared by every request shape,
    # and dropped when the snapshot's name index is (queries.lookup.invalidate, on a store swap).
    from queries.lookup import invalidate
    from queries.support import ready_supports

    region = "region:yongjiaxian"
    rows = ready_supports(memory_store, region)
    assert rows and ready_supports(memory_store, region) is rows
    healthcare = supporters_of(memory_store, "永嘉", "healthcare")
    everything = supporters_of(memory_store, "永嘉", round="all")
    shared = {id(r.support) for r in rows}
    assert all(id(x) in shared for r in (healthcare, everything) for s in r.supporters for x in s.supports)
    invalidate(memory_store)
    again = ready_supports(memory_store, region)
    assert again is not rows and [r.fact for r in again] == [r.fact for r in rows]
