"""OpenDocument files (.odt, .ods and their flat forms): what LibreOffice and WPS save as the "open" format.

The files are written at test time by odfpy (an independent ODF writer, not our reader) from the same
sources as the DOCX/XLSX fixtures; the expectations are the hand-written pairs of the 2021 annex
(tests/formats/test_pairing_formats.EXPECTED) and, for the plan, the text version's records checked by
hand in tests/loaders/test_action_plan.py.
"""

from __future__ import annotations

from pathlib import Path

from loaders.formats import Paragraph, Table, read_document, render
from tests.fixtures.formats import make
from tests.formats.conftest import build_one, county_pairs
from tests.formats.test_pairing_formats import CITY_EXPECTED, _city_pairs, _evidence
from tests.formats.test_plan_formats import META, PLAN, _relations


def test_odt_annex_with_merged_cells_yields_the_fifty(tmp_path: Path, fixtures_dir: Path,
                                                      expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, make.pairing_odt(fixtures_dir / "annex.odt"))
    assert county_pairs(report) == expected
    assert _city_pairs(report) == CITY_EXPECTED
    # 柯城区's cell is merged down two rows: its second supporter row (row 3 of table 2) still names it.
    assert _evidence(report, "杭州市临平区", "柯城区") == [
        ("county table/table 2 row 3", "1\t衢州市\t柯城区\t杭州市临平区")]
    doc = next(d for d in report.documents if d["id"] == "annex")
    assert doc["format"] == "odt" and doc["loaders"] == ["pairing_table"]


def test_ods_annex_yields_the_fifty_with_sheet_row_locators(tmp_path: Path, fixtures_dir: Path,
                                                            expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, make.pairing_ods(fixtures_dir / "annex.ods"))
    assert county_pairs(report) == expected
    assert _city_pairs(report) == CITY_EXPECTED
    # Sheet 附表: title row 1, header row 2, 柯城区's two supporters on rows 3 and 4.
    assert _evidence(report, "杭州市临平区", "柯城区") == [
        ("county table/sheet 附表 row 4", "1\t衢州市\t柯城区\t杭州市临平区")]
    assert next(d for d in report.documents if d["id"] == "annex")["format"] == "ods"


def test_odt_reads_as_the_docx_reads(fixtures_dir: Path) -> None:
    """The same annex in both formats renders to the same text with the same locators."""
    docx = render(read_document(make.pairing_docx(fixtures_dir / "a.docx")))
    odt = render(read_document(make.pairing_odt(fixtures_dir / "a.odt")))
    assert odt.text == docx.text and odt.locators == docx.locators


def test_plan_odt_yields_what_the_text_yields(tmp_path: Path) -> None:
    text = build_one(tmp_path / "txt", PLAN, with_pairing_table=True, **META)
    odt = build_one(tmp_path / "odt", make.plan_odt(PLAN, tmp_path / "plan.odt"), with_pairing_table=True, **META)
    assert set(_relations(odt)) == set(_relations(text))
    got = _relations(odt)
    # By hand from the plan: 瑞安市 is a 帮扶单位 of measure 一.1 (row 3 of the third table), 浙医一院 is
    # named in the paragraph on 健康文成 (para 18).
    assert ("附件2:山海协作重点举措清单(2025-2027年)/row 一.1/帮扶单位 (table 3 row 3)",
            "深化县域医共体建设 … 浙医一院、瑞安市、省山区公益基金会") in got[("SUPPORTS", "瑞安市", "文成县")]
    assert ("二、主要行动/（二）1.持续推进健康文成建设 (para 18, sentence 1)", "依托浙医一院，推进县域专科建设。") in \
        got[("SUPPORTS", "浙江大学医学院附属第一医院", "文成县")]


FLAT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"
  office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>永嘉县山海协作工作简报</dc:title></office:meta>
 <office:body><office:text>
  <text:h text:outline-level="1">一、<text:span>结对</text:span>情况</text:h>
  <text:p>温州市瓯海区<text:s text:c="2"/>结对帮扶永嘉县。<text:note text:note-class="footnote"
   ><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注不是正文。</text:p></text:note-body
   ></text:note></text:p>
  <text:p/>
  <text:list><text:list-item><text:p>共建产业飞地<text:line-break/>第二行</text:p></text:list-item></text:list>
  <text:section text:name="s1"><text:p>段落在节中。</text:p></text:section>
  <table:table table:name="表1">
   <table:table-column table:number-columns-repeated="3"/>
   <table:table-header-rows><table:table-row>
    <table:table-cell><text:p>序号</text:p></table:table-cell>
    <table:table-cell table:number-columns-spanned="2"><text:p>协作安排</text:p></table:table-cell>
    <table:covered-table-cell/>
   </table:table-row></table:table-header-rows>
   <table:table-row>
    <table:table-cell table:number-rows-spanned="2"><text:p>1</text:p></table:table-cell>
    <table:table-cell><text:p>瓯海区</text:p></table:table-cell>
    <table:table-cell><text:p>县发改局</text:p><text:p>县经信局</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:covered-table-cell/>
    <table:table-cell><text:p>省交投集团</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="1"><text:p>县交通局</text:p></table:table-cell>
   </table:table-row>
  </table:table>
 </office:text></office:body>
</office:document>
"""


def test_flat_odt_paragraphs_lists_sections_and_a_merged_table(tmp_path: Path) -> None:
    """By hand from FLAT: spans and spaces read through, the footnote left out, the empty paragraph
    counted (para 3) but not kept, a line break a new line, the merged 序号 repeated down its two rows."""
    path = tmp_path / "brief.fodt"
    path.write_text(FLAT, encoding="utf-8")
    doc = read_document(path)
    assert doc.meta == {"format": "odt", "title": "永嘉县山海协作工作简报"}
    paragraphs = [(b.text, b.locator) for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [("一、结对情况", "para 1"), ("温州市瓯海区  结对帮扶永嘉县。", "para 2"),
                          ("共建产业飞地\n第二行", "para 4"), ("段落在节中。", "para 5")]
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.locator == "table 1"
    assert table.rows == [["序号", "协作安排", ""], ["1", "瓯海区", "县发改局\n县经信局"],
                          ["1", "省交投集团", "县交通局"]]


def test_ods_declared_million_rows_and_columns_are_counted_not_built(tmp_path: Path) -> None:
    """A sheet as office suites save it: trailing empty rows and columns declared repeated (1,048,576 rows,
    16,384 columns); an empty row inside the data keeps the row numbers of the locators true."""
    content = FLAT.split("<office:body>")[0].replace("opendocument.text", "opendocument.spreadsheet") + """
 <office:body><office:spreadsheet><table:table table:name="项目">
  <table:table-row><table:table-cell><text:p>项目名称</text:p></table:table-cell>
   <table:table-cell><text:p>帮扶单位</text:p></table:table-cell>
   <table:table-cell table:number-columns-repeated="16382"/></table:table-row>
  <table:table-row table:number-rows-repeated="2">
   <table:table-cell table:number-columns-repeated="16384"/></table:table-row>
  <table:table-row><table:table-cell><text:p>永嘉县共富工坊</text:p></table:table-cell>
   <table:table-cell><text:p>瓯海区</text:p></table:table-cell>
   <table:table-cell table:number-columns-repeated="16382"/></table:table-row>
  <table:table-row table:number-rows-repeated="1048572">
   <table:table-cell table:number-columns-repeated="16384"/></table:table-row>
 </table:table></office:spreadsheet></office:body></office:document>"""
    path = tmp_path / "projects.fods"
    path.write_text(content, encoding="utf-8")
    doc = read_document(path)
    (table,) = doc.blocks
    assert isinstance(table, Table)
    assert table.rows == [["项目名称", "帮扶单位"], ["永嘉县共富工坊", "瓯海区"]]
    assert [table.row_locator(i) for i in range(2)] == ["sheet 项目 row 1", "sheet 项目 row 4"]


def test_odt_is_a_format_add_accepts(tmp_path: Path) -> None:
    from loaders.formats import SUFFIXES

    assert {".odt", ".ods", ".fodt", ".fods"} <= SUFFIXES
