"""Pairing tables with other header words and column orders (loaders/pairing_matrix.py), as XLSX, DOCX and text.

The tables are written here for the test, the way a "1对4" arrangement or a pairing list is published
as an attachment: a county column and one column per kind of partner, a two-row header, merged
county cells, the partner column before the county column. The expected links are written by hand.
"""

from __future__ import annotations

from pathlib import Path

from api.build import BuildReport
from tests.formats.conftest import build_one

TOP = ["序号", "山区海岛县", "联系省领导", "结对帮扶力量", "结对帮扶力量", "结对帮扶力量", "结对帮扶力量"]
SUB = ["序号", "山区海岛县", "联系省领导", "省级联系部门", "结对经济强县", "结对省属国企", "社会力量"]
ROWS = [
    ["1", "开化县", "省领导甲", "浙江省科学技术厅", "桐乡市、杭州市上城区", "浙江省海港投资运营集团有限公司", ""],
    ["2", "泰顺县", "省领导乙", "浙江省教育厅", "温州市鹿城区", "浙江省金融控股有限公司", "浙江省慈善联合总会"],
    ["", "泰顺县", "", "", "杭州市滨江区", "", ""],
    ["3", "永嘉", "省领导丙", "省自然资源厅", "温州市瓯海区", "省二轻集团", ""],
]
# (partner, county, mechanism), by hand from ROWS; 省领导甲/乙/丙 are people, not parties.
EXPECTED = {
    ("浙江省科学技术厅", "开化县", "leader_contact"), ("桐乡市", "开化县", "county_pairing"),
    ("上城区", "开化县", "county_pairing"), ("浙江省海港投资运营集团有限公司", "开化县", "soe_pairing"),
    ("浙江省教育厅", "泰顺县", "leader_contact"), ("鹿城区", "泰顺县", "county_pairing"),
    ("浙江省金融控股有限公司", "泰顺县", "soe_pairing"), ("浙江省慈善联合总会", "泰顺县", "social_pairing"),
    ("滨江区", "泰顺县", "county_pairing"),
    ("浙江省自然资源厅", "永嘉县", "leader_contact"), ("瓯海区", "永嘉县", "county_pairing"),
    ("浙江省二轻集团", "永嘉县", "soe_pairing"),
}


def links(report: BuildReport, document: str = "annex") -> set[tuple[str, str, str]]:
    names = {n.id: n.name for n in report.snapshot.nodes}
    return {(names[r.source], names[r.target], str(r.props.get("mechanism"))) for r in report.snapshot.relations
            if r.type == "SUPPORTS" and any(e.document == document for e in r.evidence)}


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "结对安排"
    ws.append(["山区海岛县“1对4”结对帮扶安排表"])
    ws.append(TOP)
    ws.append(SUB)
    for row in ROWS:
        ws.append(row)
    ws.merge_cells("D2:G2")  # 结对帮扶力量 over its four columns
    for col in "ABC":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("B5:B6")  # 泰顺县 over its two rows
    wb.save(path)
    return path


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("关于建立山区海岛县“1对4”结对帮扶机制的通知")
    d.add_paragraph("各市、县（市、区）：现将结对安排印发给你们，请认真贯彻落实。")
    d.add_paragraph("附件")
    t = d.add_table(rows=1 + len(ROWS), cols=len(SUB))
    for c, value in enumerate(SUB):
        t.cell(0, c).text = value
    for r, row in enumerate(ROWS, 1):
        for c, value in enumerate(row):
            if value:
                t.cell(r, c).text = value
    d.save(str(path))
    return path


def test_a_1to4_arrangement_in_xlsx_with_a_two_row_header_and_merged_cells(tmp_path: Path) -> None:
    report = build_one(tmp_path, _xlsx(tmp_path / "arrangement.xlsx"), with_pairing_table=True)
    assert links(report) == EXPECTED
    # The unknown social partner is added with a warning, not dropped.
    assert any("浙江省慈善联合总会" in w["message"] for w in report.snapshot.warnings)


def test_the_same_table_in_docx_with_an_empty_continuation_cell(tmp_path: Path) -> None:
    report = build_one(tmp_path, _docx(tmp_path / "notice.docx"), with_pairing_table=True)
    assert links(report) == EXPECTED
    binjiang = [r for r in report.snapshot.relations if r.type == "SUPPORTS" and r.source == "region:binjiangqu"
                and any(e.document == "annex" for e in r.evidence)]
    assert binjiang and any("layout-inferred" in (e.note or "") for r in binjiang for e in r.evidence)


def test_text_with_the_partner_column_first_and_a_two_line_header(tmp_path: Path) -> None:
    text = ("山区县结对关系一览表\n\n"
            "序号\t结对县（市、区）\t\t山区县\n"
            "\t经济强县\t支援市\t\n"
            "1\t瑞安市、宁波市奉化区\t\t文成县\n"
            "2\t乐清市\t温州市\t平阳县\n"
            "— 2 —\n"
            "3\t温州市龙湾区\t\t苍南县\n\n"
            "注：以上为2021年结对关系。\n")
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    report = build_one(tmp_path, path, with_pairing_table=True)
    assert links(report) == {("瑞安市", "文成县", "county_pairing"), ("奉化区", "文成县", "county_pairing"),
                             ("乐清市", "平阳县", "county_pairing"), ("温州市", "平阳县", "city_pairing"),
                             ("龙湾区", "苍南县", "county_pairing")}
    quotes = {e.quote for r in report.snapshot.relations for e in r.evidence if e.document == "annex"}
    assert "1\t瑞安市、宁波市奉化区\t\t文成县" in quotes


def test_a_table_without_a_county_column_or_partner_column_is_not_read(tmp_path: Path) -> None:
    text = ("山区26县分类表\n\n序号\t县（市、区）\t类别\n1\t开化县\t生态发展类\n2\t泰顺县\t跨越发展类\n")
    path = tmp_path / "categories.txt"
    path.write_text(text, encoding="utf-8")
    report = build_one(tmp_path, path, with_pairing_table=True)
    assert links(report) == set()


def test_an_unknown_county_cell_is_reported_and_its_row_skipped(tmp_path: Path) -> None:
    text = "序号\t山区县\t经济强县\n1\t某某县\t瑞安市\n2\t文成县\t瑞安市\n"
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    report = build_one(tmp_path, path, with_pairing_table=True)
    assert links(report) == {("瑞安市", "文成县", "county_pairing")}
    assert any("某某县" in w["message"] for w in report.snapshot.warnings)


def test_a_damaged_xls_is_an_error_naming_the_file(tmp_path: Path) -> None:
    import pytest

    from graph.model import InputError

    path = tmp_path / "broken.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match=r"broken\.xls.*not a readable XLS"):
        build_one(tmp_path, path, with_pairing_table=True)
