"""Bad input ends the build with a message naming file and line; the previous snapshot survives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from api.build import build
from graph.model import InputError
from graph.reference import REPO_ROOT

BAD = REPO_ROOT / "tests" / "fixtures" / "bad"
PAIRING = REPO_ROOT / "data" / "sources" / "zhejiang_2021_pairing_guidance.txt"


@pytest.mark.parametrize(("name", "line", "words"), [
    ("empty.txt", None, "empty"),
    ("binary.txt", 3, "binary"),  # the NUL byte follows two newlines of the PNG header
    ("undecodable.txt", 3, "GB18030"),
    ("control_chars.txt", 3, "control characters"),
])
def test_bad_file_names_file_and_line_and_keeps_snapshot(base: tuple[Path, Path, bytes], name: str,
                                                         line: int | None, words: str) -> None:
    src, out, before = base
    with pytest.raises(InputError) as err:
        build([BAD / name], out, sources_dir=src)
    assert err.value.path.endswith(name)
    assert err.value.line == line
    assert words in err.value.message
    assert (out / "graph.json").read_bytes() == before


def test_huge_file_is_refused(base: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    src, out, before = base
    huge = tmp_path / "huge.txt"
    with huge.open("w", encoding="utf-8") as fh:
        line = "山海协作结对帮扶" * 100 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line.encode()) + 1):
            fh.write(line)
    with pytest.raises(InputError) as err:
        build([huge], out, sources_dir=src)
    assert "MB" in err.value.message and err.value.path.endswith("huge.txt")
    assert (out / "graph.json").read_bytes() == before


def test_gbk_text_is_read_and_its_encoding_recorded(base: tuple[Path, Path, bytes]) -> None:
    """A GBK file (the pairing table's first row, tests/fixtures/bad/gbk.txt) is no longer an error."""
    src, out, _ = base
    report = build([BAD / "gbk.txt"], out, sources_dir=src)
    doc = next(d for d in report.documents if d["id"] == "gbk")
    assert doc["encoding"] == "gbk" and doc["loaders"] == ["pairing_table"]
    quotes = [e.quote for r in report.snapshot.relations for e in r.evidence if e.document == "gbk"]
    assert quotes == ["1\t衢州市\t杭州市"]


def test_missing_source_path(base: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    src, out, _ = base
    with pytest.raises(InputError) as err:
        build([tmp_path / "nope.txt"], out, sources_dir=src)
    assert "no such file" in err.value.message


def test_pairing_table_cut_off_fails_the_checks(base: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    """A pairing table cut off after row 20 loses counties: the build checks catch it loudly."""
    from graph.model import BuildCheckError

    src, out, before = base
    text = PAIRING.read_text(encoding="utf-8")
    cut = src / PAIRING.name
    cut.write_text(text[: text.index("21\t\t泰顺县")], encoding="utf-8")
    with pytest.raises(BuildCheckError) as err:
        build(None, out, sources_dir=src)
    assert "mountain_counties" in str(err.value)
    assert (out / "graph.json").read_bytes() == before


def test_cli_reports_bad_input_in_one_line(base: tuple[Path, Path, bytes]) -> None:
    _src, out, before = base
    proc = subprocess.run([sys.executable, "-m", "api.cli", "build", "--out", str(out), "--source",
                           str(BAD / "undecodable.txt")], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert proc.returncode != 0
    assert "undecodable.txt:3" in proc.stderr and "UTF-8" in proc.stderr
    assert "previous snapshot" in proc.stderr
    assert (out / "graph.json").read_bytes() == before
