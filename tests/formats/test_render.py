"""The document model rendered for the loaders: which table layout, spanning rows, locators of lines."""

from __future__ import annotations

from loaders.base import SourceDocument
from loaders.formats.model import Document, Merged, Paragraph, Table, render, resolve_merges
from loaders.tables import parse_cell_tables


def test_measures_table_becomes_cells_that_tables_py_reads() -> None:
    table = Table([["序号", "重点举措", "帮扶单位"], ["一、产业合作领域"],
                   ["1", "共建产业飞地\n推进招商", "瓯海区、省二轻集团"]], "table 1", spans={1})
    doc = Document([Paragraph("\t附件2：重点举措清单", "para 7"), table])
    rendered = render(doc)
    assert rendered.text.startswith("附件2：重点举措清单\n")  # an indent is not a table cell
    [parsed] = parse_cell_tables(rendered.text, "x.docx")
    assert [c.text for c in parsed.header] == ["序号", "重点举措", "帮扶单位"]
    assert parsed.caption == "附件2:重点举措清单"  # as tables.py normalises a caption
    [row] = parsed.rows
    assert row.section == "一、产业合作领域"
    assert [c.text for c in row.cells] == ["1", "共建产业飞地\n推进招商", "瓯海区、省二轻集团"]
    assert rendered.locators is not None and rendered.locators[row.line - 1] == "table 1 row 3"


def test_pairing_table_becomes_tab_separated_rows_with_locators() -> None:
    rows, spans = resolve_merges([["序号", "受援地", Merged.LEFT, "支援地"],
                                  ["1", "衢州市", "柯城区", "杭州市余杭区"],
                                  [Merged.ABOVE, Merged.ABOVE, Merged.ABOVE, "杭州市临平区"],
                                  ["二、备注", Merged.LEFT, Merged.LEFT, Merged.LEFT]])
    assert rows == [["序号", "受援地", "", "支援地"], ["1", "衢州市", "柯城区", "杭州市余杭区"],
                    ["1", "衢州市", "柯城区", "杭州市临平区"], ["二、备注"]] and spans == {3}
    rendered = render(Document([Table(rows, "sheet 附表", [f"sheet 附表 row {n}" for n in (2, 3, 4, 5)], spans)]))
    assert rendered.text == ("序号\t受援地\t\t支援地\n1\t衢州市\t柯城区\t杭州市余杭区\n"
                             "1\t衢州市\t柯城区\t杭州市临平区\n二、备注\n")
    doc = SourceDocument("d", "d.xlsx", rendered.text, {}, rendered.locators)
    assert doc.where("county table/L3") == "county table/sheet 附表 row 4"
    assert doc.where("L2-L3") == "sheet 附表 row 3 – sheet 附表 row 4"
    assert SourceDocument("t", "t.txt", rendered.text).where("county table/L3") == "county table/L3"
