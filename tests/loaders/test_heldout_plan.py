"""A held-out plan of another county (松阳, written by hand) as text and as DOCX, against hand-written expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.heldout_plan.make_docx import make_docx
from tests.fixtures.heldout_plan.score import score
from tests.formats.conftest import build_one

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "heldout_plan" / "songyang_plan.txt"
DOC = "songyang-plan"


def _graph(tmp: Path, file: Path) -> dict[str, Any]:
    build_one(tmp, file, with_pairing_table=True, id=DOC, round="2025-2027")
    return json.loads((tmp / "build" / "graph.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["txt", "docx"])
def graph(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp(f"heldout-{request.param}")
    file = PLAN if request.param == "txt" else make_docx(tmp / "songyang_plan.docx")
    return _graph(tmp, file)


@pytest.mark.parametrize("part", ["supporters", "named", "projects", "task_units"])
def test_every_expected_fact_and_nothing_else(graph: dict[str, Any], part: str) -> None:
    result = score(graph, DOC)
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
