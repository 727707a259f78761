"""A project list whose header takes two rows: a label spanning two columns (建设主体) over the columns it
groups (合作单位 | 实施单位), the other header cells merged down over both rows. The second row is a
header, not a project; the grouped columns are read by their own names (loaders/formats/model.py
`sub_header`). The plan below is made up for the test (a 天台县 plan in the layout of a spreadsheet or
Word annex); the expectations are read off the rows written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.formats.model import Document as Model
from loaders.formats.model import Table, render, sub_header
from tests.formats.conftest import build_one

TITLE = "天台县山海协作工程重点项目表（2025—2027年）"
TOP = ["编号", "项目名称", "建设年限", "建设主体", None, "总投资（亿元）"]
SUB = [None, None, None, "合作单位", "实施单位", None]
ROWS = [
    ["1", "天台—海宁共建数字经济产业园", "2025—2027年", "海宁市", "县发改局", "6.5"],
    ["2", "赤城街道山海康养综合体", "2026—2027年", "海宁市、嘉善县", "县卫生健康局", "3.2"],
]
META = {"subject": "天台县", "round": "2025-2027"}


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目"
    ws.append([TITLE])
    ws.merge_cells("A1:F1")
    ws.append(TOP)
    ws.append(SUB)
    for col in "ABCF":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    for row in ROWS:
        ws.append(row)
    wb.save(str(path))
    return path


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE)
    t = d.add_table(rows=2 + len(ROWS), cols=len(TOP))
    for c, (top, sub) in enumerate(zip(TOP, SUB, strict=True)):
        if top:
            t.cell(0, c).text = top
        if sub:
            t.cell(1, c).text = sub
    for c in (0, 1, 2, 5):
        t.cell(0, c).merge(t.cell(1, c))
    t.cell(0, 3).merge(t.cell(0, 4))
    t.cell(0, 3).text = "建设主体"
    for r, row in enumerate(ROWS, start=2):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    d.save(str(path))
    return path


def test_a_second_header_row_is_recognised_and_folded() -> None:
    rows = [["编号", "项目名称", "建设主体", "", "总投资"], ["编号", "项目名称", "合作单位", "实施单位", "总投资"],
            ["1", "甲项目", "海宁市", "县发改局", "1"]]
    assert sub_header(Table(rows, "table 1")) == 1
    text = render(Model([Table(rows, "table 1")])).text
    assert text.split("\n\n")[0].split("\n") == ["\t编号", "\t项目名称", "\t合作单位", "\t实施单位", "\t总投资"]
    # A first data row is no header: it differs from the header outside a spanning label.
    assert sub_header(Table([rows[0], rows[2]], "table 1")) is None
    # Nor is a row that repeats the header without naming a column under a spanning label.
    assert sub_header(Table([rows[1], rows[1]], "table 1")) is None


@pytest.mark.parametrize("make", [_xlsx, _docx], ids=["xlsx", "docx"])
def test_grouped_columns_under_a_two_row_header_are_read(tmp_path: Path, make) -> None:
    suffix = "xlsx" if make is _xlsx else "docx"
    report = build_one(tmp_path, make(tmp_path / f"tiantai_projects.{suffix}"), with_pairing_table=True, **META)
    names = {n.id: n.name for n in report.snapshot.nodes}
    links = {(r.type, names[r.source], names[r.target]) for r in report.snapshot.relations
             if any(e.document == "annex" for e in r.evidence)}
    projects = {n.name for n in report.snapshot.nodes if n.label == "Project"
                and n.props.get("kind") == "major_project" and any(e.document == "annex" for e in n.evidence)}
    assert projects == {"天台—海宁共建数字经济产业园", "赤城街道山海康养综合体"}  # no project named 项目名称
    assert ("SUPPORTS_PROJECT", "海宁市", "天台—海宁共建数字经济产业园") in links
    assert ("SUPPORTS_PROJECT", "海宁市", "赤城街道山海康养综合体") in links
    assert ("SUPPORTS_PROJECT", "嘉善县", "赤城街道山海康养综合体") in links
    assert ("OWNS", "天台县发改局", "天台—海宁共建数字经济产业园") in links
    assert ("OWNS", "天台县卫生健康局", "赤城街道山海康养综合体") in links
    assert ("BENEFITS", "赤城街道山海康养综合体", "天台县") in links
