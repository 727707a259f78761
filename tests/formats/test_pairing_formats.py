"""The 2021 pairing annex as DOCX, XLSX and PDF yields the same 50 county pairings as the text version.

The expected pairs are written out by hand below from the annex (浙山海办〔2021〕1号); the files are
made at test time from tests/fixtures/formats/pairing_annex.py, with merged cells as an office
would merge them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.build import BuildReport
from graph.gazetteer import Gazetteer
from tests.conftest import SOURCES
from tests.fixtures.formats import make
from tests.formats.conftest import build_one, county_pairs

# (经济强县, mountain county), by hand from the annex's table.
EXPECTED = {
    ("杭州市余杭区", "柯城区"), ("杭州市临平区", "柯城区"), ("宁波市鄞州区", "衢江区"), ("新昌县", "衢江区"),
    ("宁波市镇海区", "龙游县"), ("杭州市临安区", "龙游县"), ("绍兴市柯桥区", "江山市"), ("杭州市钱塘区", "江山市"),
    ("慈溪市", "常山县"), ("杭州市拱墅区", "常山县"), ("桐乡市", "开化县"), ("杭州市上城区", "开化县"),
    ("绍兴市越城区", "开化县"), ("义乌市", "莲都区"), ("宁波市江北区", "莲都区"), ("杭州市萧山区", "龙泉市"),
    ("嘉兴市秀洲区", "龙泉市"), ("平湖市", "青田县"), ("嵊州市", "青田县"), ("宁波市北仑区", "云和县"),
    ("湖州市吴兴区", "云和县"), ("嘉善县", "庆元县"), ("长兴县", "庆元县"), ("宁波市海曙区", "庆元县"),
    ("杭州市富阳区", "缙云县"), ("德清县", "缙云县"), ("嘉兴市南湖区", "遂昌县"), ("诸暨市", "遂昌县"),
    ("象山县", "遂昌县"), ("余姚市", "松阳县"), ("湖州市南浔区", "松阳县"), ("安吉县", "松阳县"),
    ("海盐县", "景宁畲族自治县"), ("绍兴市上虞区", "景宁畲族自治县"), ("宁海县", "景宁畲族自治县"),
    ("杭州市西湖区", "淳安县"), ("温州市瓯海区", "永嘉县"), ("乐清市", "平阳县"), ("温州市龙湾区", "苍南县"),
    ("瑞安市", "文成县"), ("宁波市奉化区", "文成县"), ("温州市鹿城区", "泰顺县"), ("杭州市滨江区", "泰顺县"),
    ("海宁市", "武义县"), ("永康市", "武义县"), ("东阳市", "磐安县"), ("舟山市普陀区", "磐安县"),
    ("台州市路桥区", "天台县"), ("玉环市", "仙居县"), ("温岭市", "三门县"),
}
CITY_EXPECTED = {("杭州市", "衢州市"), ("绍兴市", "衢州市"), ("宁波市", "丽水市"), ("湖州市", "丽水市"),
                 ("嘉兴市", "丽水市")}


def _name(gazetteer: Gazetteer, name: str) -> str:
    entry = gazetteer.region(name)
    assert entry is not None, name
    return entry.name


def _city_pairs(report: BuildReport) -> set[tuple[str, str]]:
    names = {n.id: n.name for n in report.snapshot.nodes}
    return {(names[r.source], names[r.target]) for r in report.snapshot.relations
            if r.type == "SUPPORTS" and r.props.get("mechanism") == "city_pairing"}


def _evidence(report: BuildReport, supporter: str, county: str) -> list[tuple[str, str]]:
    names = {n.id: n.name for n in report.snapshot.nodes}
    rel = next(r for r in report.snapshot.relations if r.props.get("mechanism") == "county_pairing"
               and supporter.endswith(names[r.source]) and names[r.target] == county)
    return [(e.locator, e.quote) for e in rel.evidence]


def test_expected_pairs_are_fifty() -> None:
    assert len(EXPECTED) == 50 and len({c for _, c in EXPECTED}) == 26


def test_text_version_yields_the_fifty(tmp_path: Path, expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, SOURCES / "zhejiang_2021_pairing_guidance.txt")
    assert county_pairs(report) == expected
    assert _city_pairs(report) == CITY_EXPECTED


def test_docx_with_merged_cells_yields_the_same_pairings(tmp_path: Path, fixtures_dir: Path,
        expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, make.pairing_docx(fixtures_dir / "annex.docx"))
    assert county_pairs(report) == expected
    assert _city_pairs(report) == CITY_EXPECTED
    # 柯城区's merged cell repeats on its second supporter row (row 3 of the county table, table 2).
    assert _evidence(report, "杭州市临平区", "柯城区") == [("county table/table 2 row 3",
                                                         "1\t衢州市\t柯城区\t杭州市临平区")]
    doc = next(d for d in report.documents if d["id"] == "annex")
    assert doc["format"] == "docx" and doc["loaders"] == ["pairing_table"]
    # No pairing is layout-inferred: a clean table puts every supporter on its county's row.
    assert not [w for w in report.snapshot.warnings if w["document"] == "annex"]


def test_old_binary_xls_with_merged_cells_yields_the_same_pairings(tmp_path: Path, fixtures_dir: Path,
        expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, make.pairing_xls(fixtures_dir / "annex.xls"))
    assert county_pairs(report) == expected
    assert _city_pairs(report) == CITY_EXPECTED
    # Evidence names the sheet and its own row number, as for .xlsx (柯城区's first supporter row is row 3).
    assert [loc for loc, _ in _evidence(report, "杭州市余杭区", "柯城区")] == ["county table/sheet 附表 row 3"]


def test_an_xlsx_saved_as_xls_is_read_as_what_it_is(tmp_path: Path, fixtures_dir: Path,
        expected: set[tuple[str, str]]) -> None:
    path = fixtures_dir / "annex.xls"
    path.write_bytes(make.pairing_xlsx(fixtures_dir / "annex.xlsx").read_bytes())
    assert county_pairs(build_one(tmp_path, path)) == expected


def test_xlsx_with_merged_cells_yields_the_same_pairings(tmp_path: Path, fixtures_dir: Path,
        expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, make.pairing_xlsx(fixtures_dir / "annex.xlsx"))
    assert county_pairs(report) == expected
    assert _city_pairs(report) == CITY_EXPECTED
    # The sheet's own row numbers: title row 1, header row 2, 遂昌县's third supporter on row 31.
    assert _evidence(report, "象山县", "遂昌县") == [("county table/sheet 附表 row 31",
                                                    "13\t丽水市\t遂昌县\t象山县")]


def test_pdf_table_yields_the_same_county_pairings_with_pages(tmp_path: Path, fixtures_dir: Path,
        expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, make.pairing_pdf(fixtures_dir / "annex.pdf"))
    assert county_pairs(report) == expected
    assert _evidence(report, "温岭市", "三门县") == [("county table/p.2 table 1 row 51", "26\t台州市\t三门县\t温岭市")]


def test_pdf_table_over_three_pages_with_page_numbers(tmp_path: Path, fixtures_dir: Path,
        expected: set[tuple[str, str]]) -> None:
    """Rows 30 pt high: the table runs over pages 2–4, its header repeated, "- 3 -" at each page's foot."""
    report = build_one(tmp_path, make.pairing_pdf(fixtures_dir / "annex.pdf", row_height=30))
    assert county_pairs(report) == expected
    # 永嘉县 (no. 17) opens page 4 of this layout: the row after the repeated header.
    assert _evidence(report, "温州市瓯海区", "永嘉县") == [("county table/p.4 table 1 row 2",
                                                         "17\t温州市\t永嘉县\t温州市瓯海区")]


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_text_in_other_encodings_reads_like_utf8(tmp_path: Path, encoding: str, expected: set[tuple[str, str]]) -> None:
    text = (SOURCES / "zhejiang_2021_pairing_guidance.txt").read_text(encoding="utf-8")
    path = tmp_path / "guidance.txt"
    path.write_bytes(text.encode(encoding))
    report = build_one(tmp_path, path)
    assert county_pairs(report) == expected
    doc = next(d for d in report.documents if d["id"] == "annex")
    assert doc["encoding"] == encoding
    # Line locators of a text file are the same whatever its encoding (遂昌县 on L106, 象山县 alone on L108).
    assert _evidence(report, "象山县", "遂昌县")[0][0] == "county table/L106+L108"
