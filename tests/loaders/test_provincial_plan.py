"""The 26-county plan (2021-2025): expectations written by hand from the document's text and table."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.gazetteer import Gazetteer
from graph.model import (
    FOR,
    IN_DOMAIN,
    INDICATOR,
    MEASURE,
    MEMBER_OF,
    MENTIONS,
    REGION,
    RESPONSIBLE_FOR,
    InputError,
    LoadResult,
    Node,
    make_id,
)
from loaders import provincial_plan
from loaders.base import Context, SourceDocument
from loaders.responsible_units import find_notes, split_units
from tests.conftest import read_source

DOC = "zhejiang_26_counties_plan_2021_2025.txt"
EXCERPT = Path(__file__).parents[1] / "fixtures" / "provincial_plan" / "plan_excerpt.txt"
GROUP = make_id(REGION, "山区26县")

LEAP = {"永嘉县", "平阳县", "苍南县", "武义县", "柯城区", "衢江区", "龙游县", "江山市", "三门县", "天台县",
        "仙居县", "莲都区", "青田县", "缙云县", "松阳县"}
ECO = {"淳安县", "文成县", "泰顺县", "磐安县", "常山县", "开化县", "龙泉市", "庆元县", "遂昌县", "云和县",
       "景宁畲族自治县"}
INDUSTRIES = {"淳安县": "水饮料", "永嘉县": "泵阀", "武义县": "五金制品", "龙游县": "特种纸", "江山市": "木艺",
              "天台县": "汽车零部件", "仙居县": "医药", "龙泉市": "汽车空调", "云和县": "文体用品",
              "缙云县": "机械装备", "遂昌县": "金属制品", "松阳县": "不锈钢管"}
# `grep -o '（责任单位：' zhejiang_26_counties_plan_2021_2025.txt | wc -l` → 155 (no half-width notes)
NOTES_IN_DOCUMENT = 155


def load(text: str, gazetteer: Gazetteer, path: str = DOC) -> LoadResult:
    doc = SourceDocument("p26", path, text, {"round": "2021-provincial", "subject": "浙江省"})
    return provincial_plan.load(doc, Context(doc, gazetteer))


@pytest.fixture(scope="module")
def result(gazetteer: Gazetteer) -> LoadResult:
    return load(read_source(DOC), gazetteer)


def rels(res: LoadResult, type_: str, source: str | None = None, target: str | None = None) -> list:
    return [r for r in res.relations if r.type == type_ and source in (None, r.source)
            and target in (None, r.target)]


def rid(gazetteer: Gazetteer, name: str) -> str:
    entry = gazetteer.resolve(name)
    assert entry is not None, name
    return entry.id


def region_updates(res: LoadResult, prop: str) -> dict[str, Node]:
    return {n.name: n for n in res.nodes if n.label == REGION and prop in n.props}


def measures(res: LoadResult, title: str) -> list[Node]:
    return sorted((n for n in res.nodes if n.label == MEASURE and n.name == title), key=lambda n: n.props["clause"])


# -- detection and note parsing -------------------------------------------------------------------
def test_detects_by_content() -> None:
    assert provincial_plan.detect(read_source(DOC))
    assert provincial_plan.detect(EXCERPT.read_text(encoding="utf-8"))
    # the magazine names both categories but lists no members and has no 责任单位 notes
    for other in ("jinri_zhejiang_2021_mountain_counties.txt", "wenzhou_2018_upgrade_opinions.txt",
                  "yongjia_action_plan_2025_2027.txt", "zhejiang_2021_pairing_guidance.txt"):
        assert not provincial_plan.detect(read_source(other)), other


def test_unit_lists_respect_parentheses() -> None:
    assert split_units("市教育局、结对县（市、区）党委和政府") == ["市教育局", "结对县（市、区）党委和政府"]
    [note] = find_notes("形成一批时尚产业。（责任单位：省经信厅、省发展改革委，列第一位的为牵头单位；"
                        "有关市、县（市、区）政府为责任主体，下同）积极构建")
    assert note.units == ["省经信厅", "省发展改革委"]
    assert note.remark.startswith("列第一位的为牵头单位")
    [nested] = find_notes("（责任单位：省生态环境厅、省发展改革委（省能源局））支持")
    assert nested.units == ["省生态环境厅", "省发展改革委（省能源局）"] and nested.closed


# -- categories and 一县一业 ------------------------------------------------------------------------
def test_categories(result: LoadResult) -> None:
    cats = region_updates(result, "category")
    assert {n for n, node in cats.items() if node.props["category"] == "跨越发展类"} == LEAP
    assert {n for n, node in cats.items() if node.props["category"] == "生态发展类"} == ECO
    assert all(node.evidence[0].note == "category" and node.evidence[0].locator == "L10" for node in cats.values())
    assert len(result.facts["category"]) == 26


def test_members_of_the_group(result: LoadResult, gazetteer: Gazetteer) -> None:
    members = rels(result, MEMBER_OF, target=GROUP)
    assert {gazetteer.entries[r.source].name for r in members} == LEAP | ECO
    assert "等15个县（市、区）" in members[0].evidence[0].quote


def test_one_county_one_industry(result: LoadResult) -> None:
    industries = {name: node.props["industry"] for name, node in region_updates(result, "industry").items()}
    assert industries == INDUSTRIES


# -- indicator table ------------------------------------------------------------------------------
def test_indicator_rows(result: LoadResult) -> None:
    indicators = {(n.props["indicator"], n.props["category"]): n for n in result.nodes if n.label == INDICATOR}
    assert len(indicators) == 24  # 12 indicators × 2 categories
    gdp = indicators[("人均GDP", "跨越发展类")]
    assert gdp.props["unit"] == "元"
    assert gdp.props["values"] == {"2020年": 67300, "2025年": 94000, "年均增速": "6.9%", "属性": "预期性"}
    eco_gdp = indicators[("人均GDP", "生态发展类")]  # continuation row: 序号 and 指标 empty
    assert eco_gdp.props["values"]["2020年"] == 61000
    assert "layout-inferred" in (eco_gdp.evidence[0].note or "")
    firms = indicators[("新增规上工业企业数量", "跨越发展类")]
    assert firms.props["unit"] == "家" and firms.props["values"]["2020年"] is None
    water = indicators[("地表水达到或优于II类水质比例", "生态发展类")]  # own 指标 cell, 序号 empty
    assert water.props["unit"] == "%" and water.props["values"]["属性"] == "约束性"
    assert ("地表水达到或优于III类水质比例", "跨越发展类") in indicators
    assert all(rels(result, FOR, n.id)[0].target == GROUP for n in indicators.values())


def test_indicator_row_without_a_name_above_is_an_input_error(gazetteer: Gazetteer) -> None:
    text = "山区26县分类指标\n\t序号\n\t指标\n\t类别\n\t2025年\n\n\t1\n\t\n\t生态发展类\n\t100\n"
    with pytest.raises(InputError) as err:
        load(text, gazetteer, path="bad.txt")
    assert err.value.path == "bad.txt" and err.value.line == 7


# -- measures with （责任单位：…） ----------------------------------------------------------------------
def test_one_measure_per_note(result: LoadResult) -> None:
    assert len([n for n in result.nodes if n.label == MEASURE]) == NOTES_IN_DOCUMENT
    assert not result.warnings


def test_healthcare_measure(result: LoadResult, gazetteer: Gazetteer) -> None:
    [measure] = measures(result, "优化符合山区特点的医疗卫生服务体系")
    assert measure.props["path"] == "3.4.2"
    [unit] = rels(result, RESPONSIBLE_FOR, target=measure.id)
    assert unit.source == rid(gazetteer, "浙江省卫生健康委员会") and unit.props["lead"] is True
    assert "domain:healthcare" in measure.props["domains"]
    assert any(r.target == "domain:healthcare" for r in rels(result, IN_DOMAIN, measure.id))
    assert [r.target for r in rels(result, FOR, measure.id)] == [GROUP]


def test_first_item_lead_unit_and_remark(result: LoadResult, gazetteer: Gazetteer) -> None:
    clauses = measures(result, "改造升级山区传统制造业")
    assert len(clauses) == 5
    units = {r.source: r.props.get("lead") for r in rels(result, RESPONSIBLE_FOR, target=clauses[0].id)}
    assert units == {rid(gazetteer, "浙江省经济和信息化厅"): True, rid(gazetteer, "浙江省发展和改革委员会"): None}
    # "下同": the lead rule holds for the later notes too
    second = {r.source: r.props.get("lead") for r in rels(result, RESPONSIBLE_FOR, target=clauses[1].id)}
    assert second == {rid(gazetteer, "浙江省经济和信息化厅"): True, rid(gazetteer, "浙江省科学技术厅"): None}
    assert clauses[0].props["text"].startswith("围绕做强“一县一业”")
    assert "（责任单位" in clauses[0].evidence[0].quote


def test_mentions_of_mountain_counties(result: LoadResult, gazetteer: Gazetteer) -> None:
    first = measures(result, "改造升级山区传统制造业")[0]
    named = {gazetteer.entries[r.target].name for r in rels(result, MENTIONS, first.id)}
    assert named == set(INDUSTRIES)
    red = measures(result, "深度挖掘革命老区红色旅游资源")[0]  # 遂昌王村口、龙泉住龙、松阳安民—枫坪、庆元斋郎
    assert {gazetteer.entries[r.target].name for r in rels(result, MENTIONS, red.id)} == {
        "遂昌县", "龙泉市", "松阳县", "庆元县"}


def test_nested_parentheses_in_a_note(result: LoadResult, gazetteer: Gazetteer) -> None:
    # （责任单位：省生态环境厅、省发展改革委（省能源局）） under 拓宽“绿水青山就是金山银山”转化通道
    clause = next(n for n in result.nodes if n.label == MEASURE and n.props["path"] == "4.3"
                  and n.props["clause"] == 2)
    assert {r.source for r in rels(result, RESPONSIBLE_FOR, target=clause.id)} == {
        rid(gazetteer, "浙江省生态环境厅"), rid(gazetteer, "浙江省发展和改革委员会")}


def test_excerpt(gazetteer: Gazetteer) -> None:
    res = load(EXCERPT.read_text(encoding="utf-8"), gazetteer)
    assert len([n for n in res.nodes if n.label == MEASURE]) == 6  # 5 notes in item 1, 1 in the 医疗 item
    assert len([n for n in res.nodes if n.label == INDICATOR]) == 4
    assert len(region_updates(res, "category")) == 26
    assert len(region_updates(res, "industry")) == 12
    assert not res.warnings


def test_leftovers_and_miscounts_are_warnings(gazetteer: Gazetteer) -> None:
    text = ("浙江省山区26县方案\n"
            "其中跨越发展类包括永嘉县、平阳县等3个县。\n"
            "一、总则\n"
            "1. 做一件事。先做甲。（责任单位：省经信厅、省火星局）再做乙。\n")
    res = load(text, gazetteer)
    messages = " | ".join(w.message for w in res.warnings)
    assert "等3个" in messages
    assert "省火星局" in messages
    assert "再做乙" in messages
    assert len([n for n in res.nodes if n.label == MEASURE]) == 1
