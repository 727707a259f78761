"""Broken files of every format end the build with a message naming the file; the previous snapshot stays."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from api.build import build
from graph.model import InputError
from tests.fixtures.formats import make

DOC = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "doc"


def _zip_of_text() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "山海协作结对安排")
    return buf.getvalue()


def _half(maker: Callable[[Path], Path], tmp: Path, name: str) -> bytes:
    data = maker(tmp / name).read_bytes()
    return data[: len(data) // 2]


CASES: list[tuple[str, Callable[[Path], bytes], str]] = [
    ("cut.docx", lambda tmp: _half(make.pairing_docx, tmp, "a.docx"), "not a readable DOCX"),
    ("zip.docx", lambda tmp: _zip_of_text(), "not a readable DOCX"),
    ("cut.xlsx", lambda tmp: _half(make.pairing_xlsx, tmp, "a.xlsx"), "not a readable XLSX"),
    ("zip.xlsx", lambda tmp: _zip_of_text(), "not a readable XLSX"),
    ("cut.pdf", lambda tmp: _half(make.pairing_pdf, tmp, "a.pdf"), "not a readable PDF"),
    ("text.pdf", lambda tmp: "山海协作".encode(), "not a readable PDF"),
    ("scanned.pdf", lambda tmp: make.scanned_pdf(tmp / "s.pdf").read_bytes(), "no extractable text"),
    ("glyphs.pdf", lambda tmp: (DOC.parent / "pdf" / "unmapped_glyphs.pdf").read_bytes(), "(cid:…) with no Unicode"),
    ("old.doc", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "not a readable DOC"),  # damaged
    ("encrypted.doc", lambda tmp: (DOC / "encrypted.doc").read_bytes(), "encrypted (password-protected)"),
    ("cut.doc", lambda tmp: (DOC / "pairing_annex.doc").read_bytes()[:20000], "not a readable DOC"),
    ("text.doc", lambda tmp: "山海协作结对".encode(), "not a readable DOC"),
    ("old.xls", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "not a readable XLS"),  # damaged
    ("empty.docx", lambda tmp: b"", "empty"),
    ("cut.odt", lambda tmp: _half(make.pairing_odt, tmp, "a.odt"), "not a readable ODT"),
    ("zip.odt", lambda tmp: _zip_of_text(), "not a readable ODT: no OpenDocument text body"),
    ("text.odt", lambda tmp: "山海协作结对".encode(), "not a readable ODT"),
    ("sheet.odt", lambda tmp: make.pairing_ods(tmp / "a.ods").read_bytes(), "an OpenDocument spreadsheet, not an ODT"),
    ("cut.ods", lambda tmp: _half(make.pairing_ods, tmp, "a.ods"), "not a readable ODS"),
    ("broken.fods", lambda tmp: b"<office:document>", "not a readable ODS"),
]


@pytest.mark.parametrize(("name", "content", "words"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_names_the_file_and_keeps_snapshot(base: tuple[Path, Path, bytes], tmp_path: Path, name: str,
                                                       content: Callable[[Path], bytes], words: str) -> None:
    src, out, before = base
    bad = tmp_path / name
    bad.write_bytes(content(tmp_path))
    with pytest.raises(InputError) as err:
        build([bad], out, sources_dir=src)
    assert err.value.path == str(bad)
    assert words in err.value.message, err.value.message
    assert (out / "graph.json").read_bytes() == before


def test_broken_file_in_a_folder_stops_the_build(base: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    """A folder's broken attachment is not skipped: it stops the build like a named one."""
    src, out, before = base
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "附件.docx").write_bytes(_zip_of_text())
    with pytest.raises(InputError) as err:
        build([folder], out, sources_dir=src)
    assert err.value.path.endswith("附件.docx")
    assert (out / "graph.json").read_bytes() == before
