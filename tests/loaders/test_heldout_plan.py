"""Held-out plans of other counties (松阳, 磐安; hand-written), text and DOCX, against hand-written expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.heldout_plan.make_docx import make_docx
from tests.fixtures.heldout_plan.score import score
from tests.formats.conftest import build_one

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "heldout_plan"
PLAN = FIXTURES / "songyang_plan.txt"
DOC = "songyang-plan"
# 磐安: partners in one sentence, inline headings, 续表, wrapped header cells, lead listed first
PANAN = FIXTURES / "panan_plan.txt"


def _graph(tmp: Path, file: Path, doc: str) -> dict[str, Any]:
    build_one(tmp, file, with_pairing_table=True, id=doc, round="2025-2027")
    return json.loads((tmp / "build" / "graph.json").read_text(encoding="utf-8"))


def _built(factory: pytest.TempPathFactory, plan: Path, fmt: str, doc: str) -> dict[str, Any]:
    tmp = factory.mktemp(f"{plan.stem}-{fmt}")
    file = plan if fmt == "txt" else make_docx(tmp / f"{plan.stem}.docx", plan)
    return _graph(tmp, file, doc)


@pytest.fixture(scope="module", params=["txt", "docx"])
def graph(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _built(tmp_path_factory, PLAN, request.param, DOC)


@pytest.fixture(scope="module", params=["txt", "docx"])
def panan(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _built(tmp_path_factory, PANAN, request.param, "panan-plan")


@pytest.mark.parametrize("part", ["supporters", "named", "projects", "task_units"])
def test_every_expected_fact_and_nothing_else(graph: dict[str, Any], part: str) -> None:
    result = score(graph, DOC)
    assert result[part] == {"recall": 1.0, "precision": 1.0}, (result["missing"], result["extra"])


@pytest.mark.parametrize("part", ["supporters", "named", "projects", "task_units"])
def test_second_variant_every_expected_fact_and_nothing_else(panan: dict[str, Any], part: str) -> None:
    result = score(panan, "panan-plan", FIXTURES / "panan_expected.yaml")
    assert result[part] == {"recall": 1.0, "precision": 1.0}, (result["missing"], result["extra"])


def _supports(graph: dict[str, Any], source: str) -> list[dict[str, Any]]:
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    return [r for r in graph["relations"] if r["type"] == "SUPPORTS" and names[r["source"]] == source
            and names[r["target"]] == "松阳县" and r["props"].get("mechanism") == "named_support"]


def test_a_region_followed_by_a_hospital_is_the_hospital(graph: dict[str, Any]) -> None:
    # （四）: "余姚市人民医院帮扶松阳县中医院…" names the hospital, not 余姚市
    quotes = [e["quote"] for r in _supports(graph, "余姚市") for e in r["evidence"]]
    assert not any(q.startswith("余姚市人民医院") for q in quotes)
    hospital = [e["quote"] for r in _supports(graph, "余姚市人民医院") for e in r["evidence"]]
    assert any(q.startswith("余姚市人民医院帮扶松阳县中医院") for q in hospital)


def test_a_heading_names_its_field_by_section_word(graph: dict[str, Any]) -> None:
    # （三）生态与林业协作: its sentences name 浙江农林大学, the field is the heading's (生态 → environment)
    rels = [r for r in _supports(graph, "浙江农林大学")
            if any("生态与林业协作" in e["locator"] for e in r["evidence"])]
    assert rels and all("domain:environment" in r["props"].get("domains", []) for r in rels)


TIER_TABLE = ("序号\t省领导联系单位\t结对经济强县\t结对省属国企\t结对社会力量\n"
              "1\t省农业农村厅、省林业局\t余姚市\t浙江省海港投资运营集团有限公司\t浙江省工商业联合会、浙江农林大学\n")


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_partners_as_a_table_with_one_column_per_tier(tmp_path: Path, fmt: str) -> None:
    # The same plan with its four "1对4" list lines replaced by a table of one column per tier.
    text = PLAN.read_text(encoding="utf-8")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("1.结对经济强县"))
    variant = "\n".join([*lines[:first], *TIER_TABLE.rstrip("\n").split("\n"), *lines[first + 4:]])
    plan = tmp_path / "songyang_tiers.txt"
    plan.write_text(variant, encoding="utf-8")
    file = plan if fmt == "txt" else make_docx(tmp_path / "songyang_tiers.docx", plan)
    result = score(_graph(tmp_path, file, DOC), DOC)
    assert result["supporters"] == {"recall": 1.0, "precision": 1.0}, (result["missing"], result["extra"])


def test_short_forms_a_plan_defines_and_bracketed_lists_of_partners(tmp_path: Path) -> None:
    # A partners table whose SOE cell defines its short form, a 省领导 cell listing departments in
    # brackets, and a measures table whose supporters column is headed 协同单位（结对方） and names the
    # SOE by its short form: one organisation, both departments, the measure's supporters read.
    text = (
        "开化县山海协作“1对4”结对帮扶工作方案（2025—2027年）\n\n一、结对关系\n\n"
        "结对类型\t结对单位\n"
        "省领导联系\t省领导联系点（联系部门：省科技厅、省体育局）\n"
        "经济强县\t桐乡市\n"
        "省属国企\t浙江省海港投资运营集团有限公司（省港航集团）\n\n"
        "二、重点任务\n\n"
        "序号\t任务名称\t协同单位（结对方）\t牵头单位\n"
        "1\t港航物流协作\t省港航集团、桐乡市\t县发改局\n"
    )
    plan = tmp_path / "kaihua_plan.txt"
    plan.write_text(text, encoding="utf-8")
    g = _graph(tmp_path, plan, "kaihua-plan")
    names = {n["id"]: n["name"] for n in g["nodes"]}
    sup = {(names[r["source"]], r["props"].get("mechanism")) for r in g["relations"]
           if r["type"] == "SUPPORTS" and names[r["target"]] == "开化县"
           and any(e["document"] == "kaihua-plan" for e in r["evidence"])}
    assert {("浙江省科学技术厅", "leader_contact"), ("桐乡市", "county_pairing"),
            ("浙江省海港投资运营集团有限公司", "soe_pairing")} <= sup
    assert any(n.endswith("体育局") for n, m in sup if m == "leader_contact")
    measure_supporters = {names[r["source"]] for r in g["relations"] if r["type"] == "SUPPORTS_MEASURE"
                          and any(e["document"] == "kaihua-plan" for e in r["evidence"])}
    assert measure_supporters == {"浙江省海港投资运营集团有限公司", "桐乡市"}
    assert "省港航集团" not in names.values()
