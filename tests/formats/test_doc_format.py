"""Word 97–2003 (.doc) attachments give the facts their DOCX twins give, read with no converter.

The .doc files in tests/fixtures/formats/doc/ are real binary Word files, saved once by LibreOffice
from the DOCX twins (tests/fixtures/formats/make_doc.py). The expected links are the hand-written ones
of the DOCX tests: the 50 county pairings of the 2021 annex (test_pairing_formats.py), the "1对4"
arrangement (test_pairing_matrix.py) and the Wencheng plan's records (test_plan_formats.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.build import BuildReport
from graph.model import InputError
from loaders.formats import read_document, render
from tests.fixtures.formats import make
from tests.formats.conftest import build_one, county_pairs
from tests.formats.test_pairing_formats import CITY_EXPECTED
from tests.formats.test_pairing_matrix import EXPECTED as ARRANGEMENT_EXPECTED
from tests.formats.test_pairing_matrix import links

DOC = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "doc"
PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "action_plan" / "wencheng_plan.txt"


def _pairs(report: BuildReport, mechanism: str) -> set[tuple[str, str]]:
    names = {n.id: n.name for n in report.snapshot.nodes}
    return {(names[r.source], names[r.target]) for r in report.snapshot.relations
            if r.type == "SUPPORTS" and r.props.get("mechanism") == mechanism}


def _evidence(report: BuildReport, source: str, target: str) -> list[tuple[str, str]]:
    names = {n.id: n.name for n in report.snapshot.nodes}
    return [(e.locator, e.quote) for r in report.snapshot.relations if r.type == "SUPPORTS"
            and names[r.source] == source and names[r.target] == target for e in r.evidence if e.document == "annex"]


def test_pairing_annex_doc_with_merged_cells_yields_the_fifty(tmp_path: Path, expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, DOC / "pairing_annex.doc")
    assert county_pairs(report) == expected
    assert _pairs(report, "city_pairing") == CITY_EXPECTED
    # 柯城区's vertically merged cell repeats on its second supporter row, as in the DOCX: row 3 of table 2.
    assert _evidence(report, "临平区", "柯城区") == [("county table/table 2 row 3", "1\t衢州市\t柯城区\t杭州市临平区")]
    doc = next(d for d in report.documents if d["id"] == "annex")
    assert doc["format"] == "doc" and doc["loaders"] == ["pairing_table"]
    assert not [w for w in report.snapshot.warnings if w["document"] == "annex"]


def test_plan_doc_with_a_measures_table_yields_what_the_text_yields(tmp_path: Path) -> None:
    meta = {"subject": "文成县", "round": "2025-2027"}
    text = build_one(tmp_path / "txt", PLAN, with_pairing_table=True, **meta)
    doc = build_one(tmp_path / "doc", DOC / "wencheng_plan.doc", with_pairing_table=True, **meta)

    def relations(report: BuildReport) -> set[tuple[str, str, str]]:
        names = {n.id: n.name for n in report.snapshot.nodes}
        return {(r.type, names[r.source], names[r.target]) for r in report.snapshot.relations
                if any(e.document == "annex" for e in r.evidence)}

    assert relations(doc) == relations(text)
    # By hand from the plan, with the locators of its DOCX twin: 瑞安市 is a 帮扶单位 of measure 一.1 (row 3
    # of the third table, after the header and the section row); 浙医一院 is named in para 18.
    assert ("附件2:山海协作重点举措清单(2025-2027年)/row 一.1/帮扶单位 (table 3 row 3)",
            "深化县域医共体建设 … 浙医一院、瑞安市、省山区公益基金会") in _evidence(doc, "瑞安市", "文成县")
    assert ("二、主要行动/（二）1.持续推进健康文成建设 (para 18, sentence 1)", "依托浙医一院，推进县域专科建设。") in \
        _evidence(doc, "浙江大学医学院附属第一医院", "文成县")


def test_arrangement_doc_with_spanning_header_and_merged_county(tmp_path: Path) -> None:
    report = build_one(tmp_path, DOC / "arrangement.doc", with_pairing_table=True)
    assert links(report) == ARRANGEMENT_EXPECTED
    # 泰顺县 is merged over its two rows in the file, so 滨江区's row names it: nothing is layout-inferred.
    assert _evidence(report, "滨江区", "泰顺县")
    assert not any("layout-inferred" in (e.note or "") for r in report.snapshot.relations for e in r.evidence
                   if e.document == "annex")


def test_doc_text_drops_field_codes_and_keeps_line_breaks() -> None:
    lines = render(read_document(DOC / "arrangement.doc")).text.split("\n")
    # The hyperlink's result stays, its code (HYPERLINK "https://…") does not; a manual line break
    # (Shift+Enter) splits the paragraph's lines.
    assert "全文见浙江省发展和改革委员会网站。" in lines
    k = lines.index("各市、县（市、区）：")
    assert lines[k + 1] == "现将结对安排印发给你们，请认真贯彻落实。"
    assert not [line for line in lines if "HYPERLINK" in line or "http" in line]


def test_a_file_is_read_as_what_it_is_not_what_it_is_called(tmp_path: Path, fixtures_dir: Path,
                                                             expected: set[tuple[str, str]]) -> None:
    as_docx = tmp_path / "a" / "annex.docx"  # a .doc saved under a .docx name
    as_docx.parent.mkdir()
    as_docx.write_bytes((DOC / "pairing_annex.doc").read_bytes())
    assert county_pairs(build_one(tmp_path / "a", as_docx)) == expected
    as_doc = tmp_path / "b" / "annex.doc"  # a .docx under a .doc name
    as_doc.parent.mkdir()
    as_doc.write_bytes(make.pairing_docx(fixtures_dir / "annex.docx").read_bytes())
    assert county_pairs(build_one(tmp_path / "b", as_doc)) == expected


def test_wps_and_et_in_their_office_binary_form_are_read(tmp_path: Path, fixtures_dir: Path,
                                                         expected: set[tuple[str, str]]) -> None:
    wps = tmp_path / "a" / "annex.wps"
    wps.parent.mkdir()
    wps.write_bytes((DOC / "pairing_annex.doc").read_bytes())
    assert county_pairs(build_one(tmp_path / "a", wps)) == expected
    et = tmp_path / "b" / "annex.et"
    et.parent.mkdir()
    et.write_bytes(make.pairing_xls(fixtures_dir / "annex.xls").read_bytes())
    assert county_pairs(build_one(tmp_path / "b", et)) == expected


@pytest.mark.parametrize(("name", "words"), [("notes.wps", "save it as .docx in WPS"),
                                             ("sheet.et", "save it as .xlsx in WPS")])
def test_wps_and_et_in_another_form_say_what_to_do(tmp_path: Path, name: str, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.path == str(path) and words in err.value.message
