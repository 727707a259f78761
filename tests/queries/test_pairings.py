"""pairings and rounds_diff: the pairing tables as data, by hand from the documents."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.errors import InvalidQuery
from queries.pairings import pairings, rounds_diff


def table(store: GraphStore, level: str, round_: str | None) -> dict[str, set[str]]:
    return {row.recipient["name"]: {s.name for s in row.supporters}
            for row in pairings(store, level, round_).rows}


def test_city_table(store: GraphStore) -> None:
    # 温州市、金华市、台州市 pair inside their own city (内对关系): no city row for them.
    assert table(store, "city", "2021-provincial") == {"衢州市": {"杭州市", "绍兴市"},
                                                       "丽水市": {"宁波市", "湖州市", "嘉兴市"}}


def test_county_table(store: GraphStore) -> None:
    rows = table(store, "county", "2021-provincial")
    assert len(rows) == 26
    assert len({s for v in rows.values() for s in v}) == 50
    assert rows["遂昌县"] == {"南湖区", "诸暨市", "象山县"}
    assert rows["景宁畲族自治县"] == {"海盐县", "上虞区", "宁海县"}
    assert rows["武义县"] == {"海宁市", "永康市"}
    assert rows["磐安县"] == {"东阳市", "普陀区"}
    assert rows["永嘉县"] == {"瓯海区"}


def test_rows_carry_rounds_and_table_evidence(store: GraphStore) -> None:
    row = next(r for r in pairings(store, "county", "2021-provincial").rows if r.recipient["name"] == "常山县")
    assert "2021-provincial" in row.rounds
    assert any("常山县" in e["quote"] and "慈溪市" in e["quote"] for e in row.evidence)


def test_current_round_of_yongjia_is_the_1_to_4_plan(store: GraphStore) -> None:
    # The 2025–2027 plan: 经济强县 瓯海区; 国企 省二轻集团; 省领导联系点 via 省自然资源厅、省委党史和文献研究室、
    # 省煤炭地质院. The social-forces paragraph names no organisation.
    rows = {(r.recipient["name"], r.level): r for r in pairings(store).rows}
    county = rows[("永嘉县", "county")]
    assert {s.name for s in county.supporters} == {"瓯海区"} and county.rounds[-1] == "2025-2027"
    orgs = rows[("永嘉县", "organization")]
    assert {s.name for s in orgs.supporters} == {"浙江省二轻集团", "浙江省自然资源厅", "中共浙江省委党史和文献研究室",
                                                 "浙江省煤炭地质院"}
    assert {s.mechanism for s in orgs.supporters} == {"soe_pairing", "leader_contact"}


def test_wenzhou_2018_to_2021(store: GraphStore) -> None:
    # 2018 parks: 永嘉-瓯海, 苍南-龙湾, 文成-瑞安, 泰顺-鹿城, 平阳-乐清; 2021 adds 文成←奉化区, 泰顺←滨江区.
    diff = rounds_diff(store, "2018-wenzhou", "2021-provincial", common_only=True)
    pairs = lambda changes: {(c.recipient["name"], c.supporter["name"]) for c in changes}  # noqa: E731
    assert pairs(diff.kept) == {("永嘉县", "瓯海区"), ("苍南县", "龙湾区"), ("文成县", "瑞安市"),
                                ("泰顺县", "鹿城区"), ("平阳县", "乐清市")}
    assert pairs(diff.added) == {("文成县", "奉化区"), ("泰顺县", "滨江区")}
    assert diff.dropped == []
    kept = next(c for c in diff.kept if c.recipient["name"] == "永嘉县")
    assert {e["document"] for e in kept.evidence} == {"wz-2018-upgrade-opinions", "zj-2021-pairing-guidance"}
    whole = rounds_diff(store, "2018-wenzhou", "2021-provincial")
    assert "开化县" in {r["name"] for r in whole.recipients_only_in_b}
    assert ("开化县", "桐乡市") in pairs(whole.added)


def test_2021_to_2025_for_yongjia(store: GraphStore) -> None:
    diff = rounds_diff(store, "2021-provincial", "2025-2027", common_only=True)
    assert {(c.recipient["name"], c.supporter["name"], c.level) for c in diff.kept} == {("永嘉县", "瓯海区", "county")}
    assert ("永嘉县", "浙江省二轻集团") in {(c.recipient["name"], c.supporter["name"]) for c in diff.added}
    assert diff.dropped == []


def test_inputs_are_checked(store: GraphStore) -> None:
    with pytest.raises(InvalidQuery):
        pairings(store, level="province")
    with pytest.raises(InvalidQuery):
        pairings(store, round="2030-future")
    with pytest.raises(InvalidQuery):
        rounds_diff(store, "2021-provincial", "2021-provincial")
    with pytest.raises(InvalidQuery):
        rounds_diff(store, "all", "2021-provincial")
