"""Every county's 一县一业 asked at once, within a city or category, and industries named in English plurals.

Expected values by hand from the 26-county plan (zhejiang_26_counties_plan_2021_2025.txt, §(二)1 改造升级山区
传统制造业): "重点支持淳安水饮料、永嘉泵阀、武义五金制品、龙游特种纸、江山木艺、天台汽车零部件、仙居医药、龙泉汽车空调、
云和文体用品、缙云机械装备、遂昌金属制品、松阳不锈钢管等打造百亿级特色优势产业规模" — twelve counties; the plan's
category lists (line 10) put 淳安、龙泉、云和、遂昌 in 生态发展类 and the other eight in 跨越发展类; 丽水市's five
are 龙泉、云和、缙云、遂昌、松阳.
"""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from queries.qa import ask

ALL = {"淳安县": "水饮料", "永嘉县": "泵阀", "武义县": "五金制品", "龙游县": "特种纸", "江山市": "木艺",
       "天台县": "汽车零部件", "仙居县": "医药", "龙泉市": "汽车空调", "云和县": "文体用品", "缙云县": "机械装备",
       "遂昌县": "金属制品", "松阳县": "不锈钢管"}
LISHUI = ("龙泉市", "云和县", "缙云县", "遂昌县", "松阳县")
ECOLOGICAL = ("淳安县", "龙泉市", "云和县", "遂昌县")


@pytest.mark.parametrize("question", ["一县一业有哪些", "列出各县的一县一业", "山区26县的一县一业分别是什么"])
def test_every_industry(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert a.intent == "industries", question
    assert {(x["region"]["name"], x["name"]) for x in a.answers} == set(ALL.items())
    assert all(x["evidence"] and "重点支持淳安水饮料" in x["evidence"][0]["quote"] for x in a.answers)


@pytest.mark.parametrize("question", ["哪些县有一县一业", "百亿级特色产业有哪些县"])
def test_the_counties_when_counties_are_asked(store: GraphStore, question: str) -> None:
    a = ask(store, question)
    assert {x["name"]: x["industry"] for x in a.answers} == ALL, question


@pytest.mark.parametrize(("question", "counties"), [
    ("丽水各县的主导产业", LISHUI), ("leading industries of Lishui counties", LISHUI),
    ("生态发展类县的特色产业有哪些", ECOLOGICAL), ("温州的一县一业", ("永嘉县",)),
    ("跨越发展类县的主导产业分别是什么", tuple(c for c in ALL if c not in ECOLOGICAL)),
])
def test_within_a_city_or_category(store: GraphStore, question: str, counties: tuple[str, ...]) -> None:
    a = ask(store, question)
    assert {x["region"]["name"]: x["name"] for x in a.answers} == {c: ALL[c] for c in counties}, question


def test_one_county_or_one_industry_keeps_its_own_intent(store: GraphStore) -> None:
    assert [x["name"] for x in ask(store, "永嘉的一县一业是什么").answers] == ["泵阀"]
    assert [x["name"] for x in ask(store, "哪个县的一县一业是医药").answers] == ["仙居县"]
    # A plural English word finds its industry (pump valves → 泵阀).
    assert [x["name"] for x in ask(store, "Which county's leading industry is pump valves?").answers] == ["永嘉县"]
    # What the term means is no list of industries.
    assert ask(store, "一县一业是什么意思").answers == []


@pytest.mark.parametrize("question", ["哪些县的一县一业是茶叶", "Which counties' leading industry is tea?"])
def test_an_industry_no_county_has_is_not_every_industry(store: GraphStore, question: str) -> None:
    # 茶叶 / tea is no 一县一业 of the plan: a condition no county meets, never the list of the twelve.
    assert ask(store, question).answers == []


# P26 §(二)2 挖掘提升历史经典产业 (L221): "支持龙泉青瓷宝剑、龙游宣纸、磐安五味、松阳香茶、景宁惠明茶、开化根雕、
# 青田石雕、遂昌黑陶、江山西砚等历史经典产业…" — nine counties, each product named with its place.
CLASSIC = {"龙泉市": "龙泉青瓷宝剑", "龙游县": "龙游宣纸", "磐安县": "磐安五味", "松阳县": "松阳香茶",
           "景宁畲族自治县": "景宁惠明茶", "开化县": "开化根雕", "青田县": "青田石雕", "遂昌县": "遂昌黑陶",
           "江山市": "江山西砚"}


@pytest.mark.parametrize(("question", "county"), [("磐安的历史经典产业是什么", "磐安县"),
                                                  ("What is Longquan's historic classic industry?", "龙泉市")])
def test_a_countys_classic_industry(store: GraphStore, question: str, county: str) -> None:
    a = ask(store, question)
    assert [x["name"] for x in a.answers] == [CLASSIC[county]], a.message
    assert "历史经典产业" in a.answers[0]["evidence"][0]["quote"]


def test_every_classic_industry_and_a_citys(store: GraphStore) -> None:
    every = ask(store, "历史经典产业有哪些")
    assert {(x["region"]["name"], x["name"]) for x in every.answers} == set(CLASSIC.items())
    lishui = ask(store, "丽水各县的历史经典产业")
    lishui_counties = ("龙泉市", "松阳县", "景宁畲族自治县", "青田县", "遂昌县")
    assert {x["name"] for x in lishui.answers} == {CLASSIC[c] for c in lishui_counties}
    # A 一县一业 question is not a 历史经典产业 one (龙泉: 汽车空调).
    assert [x["name"] for x in ask(store, "龙泉的一县一业").answers] == ["汽车空调"]


def test_a_measures_units_asked_with_its_一县一业_words(store: GraphStore) -> None:
    # P26 §(二)1 改造升级山区传统制造业: the clause on 一县一业 has "（责任单位：省经信厅、省发展改革委，
    # 列第一位的为牵头单位…）"; the question is about that clause's lead, not the list of 一县一业 industries.
    a = ask(store, "山区26县实施方案中，改造升级山区传统制造业（做强“一县一业”）的牵头单位是哪个部门？")
    assert a.intent == "measure_responsible"
    assert [x.get("official_name") or x["name"] for x in a.answers] == ["浙江省经济和信息化厅"]
