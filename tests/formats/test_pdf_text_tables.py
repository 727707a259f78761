"""PDF tables printed without ruling lines (text in aligned columns) are read as tables; prose is not;
a page in two columns of text is read column by column; letter-spaced text reads as written.

The PDFs are made here with reportlab, as WPS or a printer driver lays out a borderless table: each
cell's text at its column's left edge, a header centred over the columns it names, a county written
once on the first of its rows. The expected links are the hand-written ones of the other format tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.build import BuildReport
from loaders.formats import Paragraph, Table, read_document, render
from tests.fixtures.formats import make
from tests.formats.conftest import build_one, county_pairs
from tests.formats.test_pairing_matrix import EXPECTED as ARRANGEMENT_EXPECTED
from tests.formats.test_pairing_matrix import ROWS, SUB, TOP, links


def _evidence(report: BuildReport, source: str, target: str) -> list[tuple[str, str]]:
    names = {n.id: n.name for n in report.snapshot.nodes}
    return [(e.locator, e.quote) for r in report.snapshot.relations if r.type == "SUPPORTS"
            and names[r.source] == source and names[r.target] == target for e in r.evidence if e.document == "annex"]


def _pdf(path: Path, lines: list[str], table: list[list[str]] | None = None, *, widths: list[float] | None = None,
         centre_first_row: tuple[int, int] | None = None, after: list[str] | None = None) -> Path:
    """Text lines (each its own paragraph), then an unruled table in 7-point Song, then the `after` lines."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as PdfTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK")
    story: list[object] = [Para(line, style) for line in lines]
    if table:
        commands: list[tuple[object, ...]] = [("FONT", (0, 0), (-1, -1), "STSong-Light", 7)]
        if centre_first_row:
            first, last = centre_first_row
            commands += [("SPAN", (first, 0), (last, 0)), ("ALIGN", (first, 0), (last, 0), "CENTER")]
        story.append(PdfTable(table, colWidths=widths, rowHeights=12, style=commands))
    story += [Para(line, style) for line in after or []]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    return path


def test_pairing_table_without_lines_yields_the_fifty(tmp_path: Path, fixtures_dir: Path,
                                                      expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, make.pairing_pdf(fixtures_dir / "annex.pdf", ruled=False))
    assert county_pairs(report) == expected
    # 三门县 is the table's last row (row 51: the header, then 50 supporter rows); 台州市 stands on row 49 only.
    assert _evidence(report, "温岭市", "三门县") == [("county table/p.2 table 1 row 51", "26\t\t三门县\t温岭市")]


def test_arrangement_without_lines_two_row_header_centred_over_four_columns(tmp_path: Path) -> None:
    top = [*TOP[:4], "", "", ""]  # 结对帮扶力量 once, centred over the four partner columns
    path = _pdf(tmp_path / "arrangement.pdf", ["关于建立山区海岛县“1对4”结对帮扶机制的通知", "附件"],
                [top, SUB, *ROWS], widths=[30, 60, 50, 90, 120, 160, 100], centre_first_row=(3, 6))
    report = build_one(tmp_path, path, with_pairing_table=True)
    assert links(report) == ARRANGEMENT_EXPECTED


PROSE = [
    "关于进一步加强山海协作结对帮扶工作的指导意见",
    "各设区市人民政府，省级有关单位：",
    "为深入贯彻落实省委、省政府关于推进山区 26 县跨越式高质量发展的部署，"
    "现就进一步加强山海协作结对帮扶工作提出如下意见。",
    "一、总体要求",
    "到 2025 年，山区 26 县与 50 个经济强县的结对关系全面深化，GDP growth 与 income 同步提升。",
    "二、主要任务",
    "（一）深化产业合作。支持结对双方共建山海协作产业园，每年新增投资 10 亿元以上。",
    "（二）推进民生共享。推动优质医疗、教育资源向山区县延伸。",
]
# Lines of two parts far apart, as official documents print them: the 文号 and 签发人 of the letterhead,
# the issuing office and date at the foot, and a signature block of two lines at the right.
DRAWN = [(780, "浙山海办〔2021〕1号", "签发人：某某"), (120, "浙江省山海协作领导小组办公室", "2021年7月16日印发")]
SIGNATURE = [(200, "浙江省山海协作领导小组办公室"), (182, "2021年7月16日")]


def _prose_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK")

    def furniture(canvas: Any, _doc: Any) -> None:
        canvas.setFont("STSong-Light", 11)
        for y, left, right in DRAWN:
            canvas.drawString(72, y, left)
            canvas.drawRightString(523, y, right)
        for y, text in SIGNATURE:
            canvas.drawRightString(523, y, text)

    SimpleDocTemplate(str(path), pagesize=A4, topMargin=90).build([Para(line, style) for line in PROSE],
                                                                   onFirstPage=furniture)
    return path


def test_a_prose_pdf_stays_paragraphs(tmp_path: Path) -> None:
    """Headings, wrapped paragraphs, numbers and Latin words among CJK, a letterhead and a foot of two
    parts each, a signature at the right: no table."""
    document = read_document(_prose_pdf(tmp_path / "prose.pdf"))
    assert all(isinstance(b, Paragraph) for b in document.blocks)
    text = render(document).text.replace("\n", "").replace(" ", "")
    for line in [*PROSE, *(part for _, *parts in DRAWN for part in parts), *(t for _, t in SIGNATURE)]:
        assert line.replace(" ", "") in text, line


def test_text_after_an_unruled_table_is_text_again(tmp_path: Path) -> None:
    rows = [["序号", "山区县", "经济强县"], ["1", "文成县", "瑞安市"], ["2", "平阳县", "乐清市"],
            ["3", "苍南县", "温州市龙湾区"]]
    after = ["注：以上为2021年结对关系。", "浙江省山海协作领导小组办公室"]
    document = read_document(_pdf(tmp_path / "list.pdf", ["山区县结对关系一览表"], rows, widths=[40, 80, 100],
                                  after=after))
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert [t.rows for t in tables] == [rows]
    assert [b.text for b in document.blocks if isinstance(b, Paragraph)] == ["山区县结对关系一览表", "\n".join(after)]


def _two_columns(path: Path, paragraphs: list[str]) -> Path:
    """A page set in two columns of running text, as a bulletin or magazine prints it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus import Paragraph as Para

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10, leading=15, wordWrap="CJK")
    width, height = A4
    half = (width - 120) / 2
    frames = [Frame(50, 50, half, height - 100, id="left"), Frame(70 + half, 50, half, height - 100, id="right")]
    BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[PageTemplate("two", frames)]).build(
        [Para(p, style) for p in paragraphs])
    return path


def test_a_page_in_two_columns_of_text_is_read_column_by_column(tmp_path: Path) -> None:
    filler = "两地围绕产业合作、民生共享和干部交流持续深化协作，推动项目落地见效，群众获得感不断增强。" * 3
    paragraphs = [f"{k}、{filler}" for k in range(1, 15)]
    paragraphs[10] = "11、衢江区与鄞州区结对以来，两地共建山海协作产业园。" + filler
    path = _two_columns(tmp_path / "bulletin.pdf", paragraphs)
    document = read_document(path)
    assert [(type(b).__name__, b.locator) for b in document.blocks] == [("Paragraph", "p.1 column 1"),
                                                                        ("Paragraph", "p.1 column 2")]
    text = render(document).text
    # Each item's number in reading order: the left column down, then the right one.
    starts = [text.index(f"{k}、") for k in range(1, 15)]
    assert starts == sorted(starts)
    report = build_one(tmp_path, path, with_pairing_table=True)
    assert ("鄞州区", "衢江区") in _pairs_any(report)


def _pairs_any(report: BuildReport) -> set[tuple[str, str]]:
    names = {n.id: n.name for n in report.snapshot.nodes}
    return {(names[r.source], names[r.target]) for r in report.snapshot.relations if r.type == "SUPPORTS"
            and any(e.document == "annex" for e in r.evidence)}


def test_letter_spaced_lines_read_as_written(tmp_path: Path) -> None:
    """Characters set 5 pt apart come out of pdfplumber as "关 于 山 海 …"; the reader joins them again."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "spaced.pdf"
    page = canvas.Canvas(str(path))
    text = page.beginText(72, 700)
    text.setFont("STSong-Light", 11)
    text.setCharSpace(5)
    for line in ("关于山海协作结对帮扶工作的通知", "衢江区与鄞州区结对以来，两地共建山海协作产业园。", "山区26县"):
        text.textLine(line)
    text.setCharSpace(0)
    text.textLine("山区 26 县与 50 个经济强县")  # ordinary spacing: its spaces stay
    page.drawText(text)
    page.showPage()
    page.save()
    assert render(read_document(path)).text.split("\n")[:4] == [
        "关于山海协作结对帮扶工作的通知", "衢江区与鄞州区结对以来，两地共建山海协作产业园。", "山区26县",
        "山区 26 县与 50 个经济强县"]
    assert ("鄞州区", "衢江区") in _pairs_any(build_one(tmp_path, path, with_pairing_table=True))


def test_cells_wrapped_over_lines_in_an_unruled_table_are_one_row(tmp_path: Path) -> None:
    """Partner cells too long for their column wrap onto a second line, closer to the first than the
    rows are to each other (the cell padding): each such cell is one row's cell, read whole. Cells are
    aligned at the top, as Word and WPS set them unless told otherwise."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as PdfTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    rows = [["序号", "山区县", "结对经济强县"], ["1", "文成县", "瑞安市、宁波市奉化区"],
            ["2", "泰顺县", "温州市鹿城区、杭州市滨江区"], ["3", "苍南县", "温州市龙湾区"]]
    path = tmp_path / "wrapped.pdf"
    table = PdfTable([[Para(c, style) for c in row] for row in rows], colWidths=[40, 60, 66],
                     style=[("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                            ("VALIGN", (0, 0), (-1, -1), "TOP")])  # Word's and WPS's default
    SimpleDocTemplate(str(path), pagesize=A4).build([Para("山区县结对关系一览表", style), table])
    document = read_document(path)
    assert [b.rows for b in document.blocks if isinstance(b, Table)] == [rows]
    report = build_one(tmp_path, path, with_pairing_table=True)
    assert links(report) == {("瑞安市", "文成县", "county_pairing"), ("奉化区", "文成县", "county_pairing"),
                             ("鹿城区", "泰顺县", "county_pairing"), ("滨江区", "泰顺县", "county_pairing"),
                             ("龙湾区", "苍南县", "county_pairing")}
