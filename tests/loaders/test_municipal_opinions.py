"""Wenzhou's 2018 opinions (温政发〔2018〕26号): expectations written by hand from its 附件1 and 附件2."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.gazetteer import Gazetteer
from graph.model import (
    BENEFITS,
    FOR,
    IN_DOMAIN,
    LOCATED_IN,
    MEASURE,
    PROJECT,
    RESPONSIBLE_FOR,
    SUPPORTS,
    SUPPORTS_PROJECT,
    InputError,
    LoadResult,
    Node,
)
from loaders import municipal_opinions
from loaders.base import Context, SourceDocument
from loaders.row_tables import parse_row_tables
from tests.conftest import read_source

DOC = "wenzhou_2018_upgrade_opinions.txt"
EXCERPT = Path(__file__).parents[1] / "fixtures" / "municipal_opinions" / "wenzhou_excerpt.txt"
META = {"round": "2018-wenzhou", "subject": "温州市"}


def load(text: str, gazetteer: Gazetteer, meta: dict[str, str] | None = None, path: str = DOC) -> LoadResult:
    doc = SourceDocument("wz", path, text, dict(META if meta is None else meta))
    return municipal_opinions.load(doc, Context(doc, gazetteer))


@pytest.fixture(scope="module")
def result(gazetteer: Gazetteer) -> LoadResult:
    return load(read_source(DOC), gazetteer)


def by_label(res: LoadResult, label: str) -> dict[str, Node]:
    return {n.name: n for n in res.nodes if n.label == label}


def rels(res: LoadResult, type_: str, source: str | None = None, target: str | None = None) -> list:
    return [r for r in res.relations if r.type == type_ and source in (None, r.source)
            and target in (None, r.target)]


def rid(gazetteer: Gazetteer, name: str) -> str:
    entry = gazetteer.resolve(name)
    assert entry is not None, name
    return entry.id


# -- detection and the row-table reader ------------------------------------------------------------
def test_detects_by_content() -> None:
    assert municipal_opinions.detect(read_source(DOC))
    assert municipal_opinions.detect(EXCERPT.read_text(encoding="utf-8"))
    for other in ("zhejiang_26_counties_plan_2021_2025.txt", "yongjia_action_plan_2025_2027.txt",
                  "zhejiang_2021_pairing_guidance.txt", "jinri_zhejiang_2021_mountain_counties.txt"):
        assert not municipal_opinions.detect(read_source(other)), other


def test_two_line_header_and_repeated_header() -> None:
    parks, tasks = parse_row_tables(read_source(DOC), DOC)
    assert parks.caption == "2018-2020 年生态旅游文化产业园投资计划表"
    assert parks.width == 21
    assert parks.keys[:3] == ["序号", "产业园名称", "核心园区面积(km2)"]
    assert parks.keys[3] == "2018年度政府性投资计划(万元)/项目数"
    assert parks.keys[20] == "2020年度招商投资计划(万元)/计划完成数"
    assert [r.line for r in parks.rows] == [80, 81, 82, 83, 84]  # the sub-header (L79) is no row
    assert tasks.keys == ["序号", "任务", "事项", "责任单位"]
    # 7 rows before the page break, 4 after the header repeated at L100 and 3 after L106
    assert [r.line for r in tasks.rows] == [91, 92, 93, 94, 95, 96, 97, 98, 101, 102, 103, 104, 107, 108, 109]


def test_fill_down_records_where_a_cell_came_from() -> None:
    _, tasks = parse_row_tables(read_source(DOC), DOC)
    tasks.fill_down(tasks.column("序号"), tasks.column("责任单位"))
    row = next(r for r in tasks.rows if r.line == 93)
    assert row.text(0) == "1"
    assert row.inherited == {0: 91, 3: 91}
    assert row.text(3).startswith("市经信委")


def test_row_wider_than_header_is_an_input_error(gazetteer: Gazetteer) -> None:
    text = "序号\t产业园名称\t面积 (km2)\n1\t永嘉 -瓯海\t3.5\t9\n"
    with pytest.raises(InputError) as err:
        load(text, gazetteer, path="bad.txt")
    assert err.value.path == "bad.txt" and err.value.line == 2


def test_non_numeric_plan_cell_is_an_input_error(gazetteer: Gazetteer) -> None:
    text = "序号\t产业园名称\t核心 园区 面积 (km ²)\n1\t永嘉 -瓯海\t三点五\n"
    with pytest.raises(InputError) as err:
        load(text, gazetteer, path="bad.txt")
    assert err.value.line == 2 and "三点五" in str(err.value)


# -- 附件1: parks and the 2018 市域内对 pairings ----------------------------------------------------------
def test_five_pairings(result: LoadResult, gazetteer: Gazetteer) -> None:
    table = [r for r in rels(result, SUPPORTS) if r.props["mechanism"] != "enclave"]  # enclave: test_sites.py
    pairs = {(gazetteer.entries[r.source].name, gazetteer.entries[r.target].name) for r in table}
    assert pairs == {("瓯海区", "永嘉县"), ("龙湾区", "苍南县"), ("瑞安市", "文成县"), ("鹿城区", "泰顺县"),
                     ("乐清市", "平阳县")}
    for r in table:
        assert r.props["level"] == "county" and r.props["mechanism"] == "county_pairing"
        assert r.props["round"] == "2018-wenzhou"


def test_yongjia_ouhai_park(result: LoadResult, gazetteer: Gazetteer) -> None:
    parks = {name: n for name, n in by_label(result, PROJECT).items() if n.props["kind"] == "park"}
    assert len(parks) == 5
    park = parks["永嘉-瓯海生态旅游文化产业园"]
    assert park.props["kind"] == "park"
    assert park.props["area_km2"] == 3.5
    plan = park.props["investment_plan"]
    assert len(plan) == 6
    assert plan[0] == {"year": 2018, "type": "政府性", "projects": 2, "planned_total_wan": 200000,
                       "planned_completion_wan": 10000}
    assert plan[5] == {"year": 2020, "type": "招商", "projects": 4, "planned_total_wan": 22000,
                       "planned_completion_wan": 16500}
    yongjia, ouhai = rid(gazetteer, "永嘉县"), rid(gazetteer, "瓯海区")
    assert rels(result, LOCATED_IN, park.id) and rels(result, LOCATED_IN, park.id)[0].target == yongjia
    assert [r.target for r in rels(result, BENEFITS, park.id)] == [yongjia]
    [cobuild] = rels(result, SUPPORTS_PROJECT, ouhai, park.id)
    assert cobuild.props["role"] == "co-builder"
    assert [r.target for r in rels(result, IN_DOMAIN, park.id)] == ["domain:tourism_culture"]
    ev = rels(result, SUPPORTS, ouhai, yongjia)[0].evidence[0]
    assert ev.quote.startswith("1\t永嘉 -瓯海\t3.5\t2\t200000\t10000")
    assert "L80" in ev.locator


def test_pingyang_yueqing_park(result: LoadResult) -> None:
    park = by_label(result, PROJECT)["平阳-乐清生态旅游文化产业园"]
    assert park.props["area_km2"] == 1.48
    assert park.props["investment_plan"][4] == {"year": 2020, "type": "政府性", "projects": 12,
                                                 "planned_total_wan": 101857, "planned_completion_wan": 32511}


def test_unknown_county_in_park_name_is_a_warning(gazetteer: Gazetteer) -> None:
    text = "序号\t产业园名称\t核心 园区 面积 (km ²)\n1\t永嘉 -火星\t3.5\n"
    res = load(text, gazetteer)
    assert not [n for n in res.nodes if n.label == PROJECT]
    assert any("火星" in w.message for w in res.warnings)


# -- 附件2: measures and responsible units ------------------------------------------------------------
def test_fifteen_measures(result: LoadResult) -> None:
    measures = [n for n in result.nodes if n.label == MEASURE]
    assert len(measures) == 3 + 5 + 7  # numbered 事项 per task, counted in the document
    assert sorted(n.props["item_number"] for n in measures if n.props["task_number"] == "3") == list("1234567")


def test_healthcare_measure(result: LoadResult, gazetteer: Gazetteer) -> None:
    measure = by_label(result, MEASURE)["加大医疗支持力度"]
    assert measure.props["task"] == "促进群众增收和社会事业合作"
    assert "domain:healthcare" in measure.props["domains"]
    assert {r.source for r in rels(result, RESPONSIBLE_FOR, target=measure.id)} == {
        rid(gazetteer, "温州市卫生和计划生育委员会")}
    assert [r.target for r in rels(result, FOR, measure.id)] == [rid(gazetteer, "温州市")]
    assert any(r.target == "domain:healthcare" for r in rels(result, IN_DOMAIN, measure.id))


def test_empty_unit_cell_takes_the_units_above(result: LoadResult, gazetteer: Gazetteer) -> None:
    first = next(n for n in result.nodes if n.label == MEASURE and n.props["task_number"] == "1"
                 and n.props["item_number"] == "2")
    units = rels(result, RESPONSIBLE_FOR, target=first.id)
    assert {r.source for r in units} == {rid(gazetteer, n) for n in ("温州市经信委", "温州市农业局", "温州市招商局")}
    assert all("L91" in (r.evidence[0].note or "") for r in units)


def test_generic_paired_counties_are_skipped(result: LoadResult) -> None:
    # 2.1 and 2.2 name only 结对县（市、区）党委和政府 — a role, not an organisation
    for item in ("1", "2"):
        measure = next(n for n in result.nodes if n.label == MEASURE and n.props["task_number"] == "2"
                       and n.props["item_number"] == item)
        assert not rels(result, RESPONSIBLE_FOR, target=measure.id)
    assert not result.warnings


def test_subject_from_the_issuer_when_sources_yaml_gives_none(gazetteer: Gazetteer) -> None:
    res = load(EXCERPT.read_text(encoding="utf-8"), gazetteer, meta={"round": "2018-wenzhou"})
    measure = by_label(res, MEASURE)["加大医疗支持力度"]
    assert [r.target for r in rels(res, FOR, measure.id)] == [rid(gazetteer, "温州市")]
    assert {r.source for r in rels(res, RESPONSIBLE_FOR, target=measure.id)} == {
        rid(gazetteer, "温州市卫生和计划生育委员会")}
    assert len(by_label(res, PROJECT)) == 2
    assert len([n for n in res.nodes if n.label == MEASURE]) == 5  # 1.1–1.3 and 3.5–3.6 in the excerpt
    assert not res.warnings
