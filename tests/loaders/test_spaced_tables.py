"""A plain-text plan whose tables align their cells with spaces (copied from a typeset page), not tabs
(loaders/row_layout.py rule 5). Fixture written for the test (tests/fixtures/action_plan/
jingning_spaced_tables.txt); expectations read from it: measure 3 has empty cells, so which of its
columns is which cannot be told — it is warned about and not read, and the rows after it still are."""

from __future__ import annotations

from pathlib import Path

from graph.gazetteer import Gazetteer
from graph.model import ORGANIZATION, make_id
from graph.reference import load_reference
from loaders import action_plan
from loaders.base import Context, SourceDocument
from loaders.row_layout import spaced_cells

JINGNING = Path(__file__).resolve().parents[1] / "fixtures" / "action_plan" / "jingning_spaced_tables.txt"


def test_spaced_cells() -> None:
    assert spaced_cells("序号    重点举措   帮扶单位") == ["序号", "重点举措", "帮扶单位"]
    assert spaced_cells("序号　项目名称　总投资（亿元）") == ["序号", "项目名称", "总投资（亿元）"]
    assert spaced_cells("深化与海宁市 合作") == ["深化与海宁市 合作"]  # one space is no column break
    assert spaced_cells("序号\t重点举措  帮扶单位") == []  # tabs: the tab layout


def test_space_aligned_tables_are_read_by_their_headers() -> None:
    gaz = Gazetteer(load_reference())
    text = JINGNING.read_text(encoding="utf-8")
    doc = SourceDocument("jn", str(JINGNING), text, {"id": "jn", "round": "2025-2027"})
    assert action_plan.detect(text)
    result = action_plan.load(doc, Context(doc, gaz))
    names = {**{e.id: e.name for e in gaz.entries.values()}, **{n.id: n.name for n in result.nodes}}
    links = {(r.type, names[r.source], names[r.target]) for r in result.relations}
    measures = {n.name for n in result.nodes if n.label == "Measure" and n.props.get("kind") == "key_measure"}
    assert measures == {"共建畲乡产业飞地", "深化畲药产业研发合作", "深化畲族文化旅游合作"}
    assert ("SUPPORTS_MEASURE", "浙江农林大学", "深化畲药产业研发合作") in links
    assert ("SUPPORTS_MEASURE", "海宁市", "深化畲族文化旅游合作") in links
    assert ("RESPONSIBLE_FOR", "景宁畲族自治县科技局", "深化畲药产业研发合作") in links
    assert ("SUPPORTS_PROJECT", "海宁市", "畲乡研学综合体") in links
    assert ("OWNS", "景宁畲族自治县文广旅体局", "畲乡研学综合体") in links
    project = next(n for n in result.nodes if n.name == "畲乡研学综合体")
    assert project.props["investment_yi"] == 2.5
    assert [w.locator for w in result.warnings if "space-aligned" in w.message] == ["L15"]
    assert make_id(ORGANIZATION, "开展山海消费帮扶") not in names
