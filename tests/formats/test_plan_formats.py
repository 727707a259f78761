"""An action plan as the DOCX attachment it comes as: its tables reach the same table readers by their headers.

The DOCX is re-made from tests/fixtures/action_plan/wencheng_plan.txt (each text line a paragraph, each
cell table a Word table with its section row merged across the width); the text version's records are
checked by hand in tests/loaders/test_action_plan.py, so the DOCX must give the same ones, with Word
locators (table/row, para) in its evidence.
"""

from __future__ import annotations

from pathlib import Path

from api.build import BuildReport
from tests.fixtures.formats import make
from tests.formats.conftest import build_one

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "action_plan" / "wencheng_plan.txt"
META = {"subject": "文成县", "round": "2025-2027"}


def _relations(report: BuildReport) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """(type, source, target) → this document's evidence, over every mechanism of that link."""
    names = {n.id: n.name for n in report.snapshot.nodes}
    out: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for r in report.snapshot.relations:
        ev = [(e.locator, e.quote) for e in r.evidence if e.document == "annex"]
        if ev:
            out.setdefault((r.type, names[r.source], names[r.target]), []).extend(ev)
    return out


def test_plan_docx_yields_what_the_text_yields(tmp_path: Path) -> None:
    text = build_one(tmp_path / "txt", PLAN, with_pairing_table=True, **META)
    docx = build_one(tmp_path / "docx", make.plan_docx(PLAN, tmp_path / "plan.docx"), with_pairing_table=True, **META)
    assert set(_relations(docx)) == set(_relations(text))
    got = _relations(docx)
    # By hand from the plan: 瑞安市 is a 帮扶单位 of measure 一.1 (row 3 of the third table, after the
    # header and the section row), and 浙医一院 is named in the paragraph on 健康文成 (para 18).
    assert ("附件2:山海协作重点举措清单(2025-2027年)/row 一.1/帮扶单位 (table 3 row 3)",
            "深化县域医共体建设 … 浙医一院、瑞安市、省山区公益基金会") in got[("SUPPORTS", "瑞安市", "文成县")]
    assert ("二、主要行动/（二）1.持续推进健康文成建设 (para 18, sentence 1)", "依托浙医一院，推进县域专科建设。") in \
        got[("SUPPORTS", "浙江大学医学院附属第一医院", "文成县")]
    assert ("LOCATED_IN", "文成县示范厂房建设项目", "文成县") in got
    warnings = {(w["locator"], w["message"].split("'")[1]) for w in docx.snapshot.warnings if w["document"] == "annex"
                and w["message"].startswith("unknown")}
    assert ("table 2 row 2", "文成县交投集团") in warnings
