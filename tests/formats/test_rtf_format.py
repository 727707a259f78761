"""RTF attachments: the facts of their DOCX twins, and Chinese RTF as Word and WPS write it (GBK bytes).

tests/fixtures/formats/rtf/ holds the pairing annex and the "1对4" arrangement saved as RTF by
LibreOffice (Unicode \\uN characters, a header cell spanning four columns, cells merged down). The RTF
written out below is the other common form: GBK bytes (\\'b9\\'d8…) under \\ansicpg936 and a
\\fcharset134 font, Unicode quotes with their two-byte GBK fallback (\\uc2), WPS's generator and info
groups, a hyperlink field, and \\clvmgf/\\clvmrg merges.
The expected links are written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import InputError
from loaders.formats import read_document, render
from tests.formats.conftest import build_one, county_pairs
from tests.formats.test_pairing_matrix import EXPECTED as ARRANGEMENT_EXPECTED
from tests.formats.test_pairing_matrix import links

RTF = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "rtf"


def _gbk(text: str) -> str:
    return "".join(f"\\'{b:02x}" for b in text.encode("gbk"))


def _wps_rtf() -> bytes:
    """A notice with a three-column pairing table, as a Chinese office writes RTF."""
    rows = [
        [("", "序号"), ("", "山区县"), ("", "结对经济强县")],
        [("\\clvmgf", "1"), ("\\clvmgf", "文成县"), ("", "瑞安市")],
        [("\\clvmrg", ""), ("\\clvmrg", ""), ("", "宁波市奉化区")],
        [("", "2"), ("", "泰顺县"), ("", "温州市鹿城区、杭州市滨江区")],
    ]
    table = ""
    for row in rows:
        table += "\\trowd\\trgaph108\\trleft-108" + "".join(
            f"{merge}\\clbrdrt\\brdrs\\brdrw10 \\cellx{1500 * (k + 1)}" for k, (merge, _) in enumerate(row))
        table += "".join(f"\\pard\\intbl\\plain\\f0 {_gbk(text)}\\cell " for _, text in row) + "\\row\n"
    body = (
        "{\\rtf1\\ansi\\ansicpg936\\deff1\\uc1{\\fonttbl{\\f0\\fnil\\fcharset134 " + _gbk("宋体") + ";}"
        "{\\f1\\froman\\fcharset0 Times New Roman;}}\n"
        "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator WPS Office}"
        "{\\info{\\title " + _gbk("结对安排") + "}{\\author admin}}\n"
        "\\pard\\plain\\f0 " + _gbk("关于建立") + "\\uc2\\u8220\\'a1\\'b0" + _gbk("山海协作")
        + "\\u8221\\'a1\\'b1\\uc1 "
        + _gbk("结对关系的通知") + "\\par\n"
        "\\pard\\plain\\f0 " + _gbk("各市：详见") + "{\\field{\\*\\fldinst {HYPERLINK \"https://fzggw.zj.gov.cn/\"}}"
        "{\\fldrslt {" + _gbk("省发展改革委网站") + "}}}" + _gbk("。")
        + "\\line " + _gbk("请认真贯彻落实。") + "\\par\n"
        "\\pard\\par\n" + table +
        "\\pard\\plain\\f0 " + _gbk("注：以上为2021年结对关系。") + "\\par\n}"
    )
    return body.encode("ascii")


def test_pairing_annex_rtf_yields_the_fifty(tmp_path: Path, expected: set[tuple[str, str]]) -> None:
    report = build_one(tmp_path, RTF / "pairing_annex.rtf")
    assert county_pairs(report) == expected
    doc = next(d for d in report.documents if d["id"] == "annex")
    assert doc["format"] == "rtf" and doc["loaders"] == ["pairing_table"]
    assert not [w for w in report.snapshot.warnings if w["document"] == "annex"]


def test_arrangement_rtf_with_spanning_header_and_merged_county(tmp_path: Path) -> None:
    report = build_one(tmp_path, RTF / "arrangement.rtf", with_pairing_table=True)
    assert links(report) == ARRANGEMENT_EXPECTED


def test_gbk_rtf_as_wps_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "notice.rtf"
    path.write_bytes(_wps_rtf())
    lines = render(read_document(path)).text.split("\n")
    assert lines[:5] == ["关于建立“山海协作”结对关系的通知", "", "各市：详见省发展改革委网站。", "请认真贯彻落实。", ""]
    # 文成县 merged down its two rows repeats on the second (row 3 of the table, after the header).
    assert "1\t文成县\t宁波市奉化区" in lines and lines[-2] == "注：以上为2021年结对关系。"
    report = build_one(tmp_path, path, with_pairing_table=True)
    assert links(report) == {("瑞安市", "文成县", "county_pairing"), ("奉化区", "文成县", "county_pairing"),
                             ("鹿城区", "泰顺县", "county_pairing"), ("滨江区", "泰顺县", "county_pairing")}
    quotes = {(e.locator, e.quote) for r in report.snapshot.relations for e in r.evidence if e.document == "annex"}
    assert ("结对经济强县 (table 1 row 3)", "1\t文成县\t宁波市奉化区") in {(loc.split("/")[-1], q) for loc, q in quotes}


def test_an_rtf_under_a_doc_name_is_read_as_rtf(tmp_path: Path) -> None:
    path = tmp_path / "notice.doc"
    path.write_bytes(_wps_rtf())
    document = read_document(path)
    assert document.meta["format"] == "rtf"


@pytest.mark.parametrize(("content", "words"), [(b"\\rtf1 no brace", "not a readable RTF"),
                                                (b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par}", "holds no text")])
def test_a_broken_rtf_names_the_file(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "broken.rtf"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.path == str(path) and words in err.value.message
