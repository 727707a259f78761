"""`shanhai add` end to end on a temporary copy of data/sources: copy, entry, rebuild, report, roll back."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from api.build import build
from graph import snapshot as snapshot_io
from graph.reference import REPO_ROOT
from tests.conftest import SOURCES
from tests.fixtures.formats import make

WENCHENG = REPO_ROOT / "tests" / "fixtures" / "action_plan" / "wencheng_plan.txt"


def shanhai(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, cwd=REPO_ROOT,
                          timeout=180, check=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of data/sources and a snapshot built from it (the repository's own files are never touched)."""
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    out = tmp_path / "build"
    build(sources_dir=src, out=out)
    return src, out


def test_add_an_action_plan_of_another_county(corpus: tuple[Path, Path]) -> None:
    src, out = corpus
    proc = shanhai("add", str(WENCHENG), "--round", "2025-2027", "--issuer", "文成县", "--sources-dir", str(src),
                   "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (src / WENCHENG.name).read_bytes() == WENCHENG.read_bytes()
    entry = yaml.safe_load((src / "sources.yaml").read_text(encoding="utf-8"))[WENCHENG.name]
    # The title is the plan's first line; no date is printed in the plan, so none is invented.
    assert entry == {"id": "wencheng-plan", "title": "文成县山海协作结对帮扶三年行动计划（2025-2027年）",
                     "issuer": "文成县", "round": "2025-2027"}
    assert "added wencheng_plan.txt as wencheng-plan (text, read by action_plan)" in proc.stdout
    assert "SUPPORTS 浙江省海港投资运营集团有限公司 → 文成县 (soe_pairing)" in proc.stdout
    assert "依托浙医一院，推进县域专科建设。" in proc.stdout  # a quote, verbatim
    assert "unknown supporter name '省山区公益基金会'" in proc.stdout  # what it could not place
    stats = shanhai("stats", "--json", "--graph", str(out))
    unknown = {u["name"] for u in json.loads(stats.stdout)["unknown_names"]}
    assert unknown == {"文成县发改局", "文成县卫健局", "文成县卫生健康局", "文成县交投集团", "省山区公益基金会"}


def test_add_a_docx_attachment_infers_title_date_and_number(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = corpus
    docx = make.pairing_docx(tmp_path / "结对安排表.docx")
    proc = shanhai("add", str(docx), "--round", "2021-provincial", "--sources-dir", str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    entry = yaml.safe_load((src / "sources.yaml").read_text(encoding="utf-8"))[docx.name]
    assert entry["title"] == "关于进一步加强山海协作结对帮扶工作的指导意见"
    assert entry["date"] == "2021-07-16" and entry["number"] == "浙山海办〔2021〕1号"
    assert "county table/table 2 row 2: 1 衢州市 柯城区 杭州市余杭区" in proc.stdout
    assert proc.stdout.count("(county_pairing)") == 50


def test_failed_rebuild_removes_the_file_and_entry(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = corpus
    yaml_before = (src / "sources.yaml").read_bytes()
    snap_before = (out / "graph.json").read_bytes()
    bad = tmp_path / "pairing_2030.txt"  # a pairing table naming a place that is no region of Zhejiang
    bad.write_text("结对安排表\n\n序号\t受援地\t支援地\n1\t衢州市\t火星市\n", encoding="utf-8")
    proc = shanhai("add", str(bad), "--sources-dir", str(src), "--out", str(out))
    assert proc.returncode == 2
    assert "pairing_2030.txt:4" in proc.stderr and "火星市" in proc.stderr and "nothing added" in proc.stderr
    assert not (src / bad.name).exists()
    assert (src / "sources.yaml").read_bytes() == yaml_before
    assert (out / "graph.json").read_bytes() == snap_before


def test_unreadable_file_is_refused_before_anything_is_copied(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = corpus
    yaml_before = (src / "sources.yaml").read_bytes()
    scan = make.scanned_pdf(tmp_path / "scan.pdf")
    proc = shanhai("add", str(scan), "--sources-dir", str(src), "--out", str(out))
    assert proc.returncode == 2 and "no extractable text" in proc.stderr
    assert not (src / "scan.pdf").exists() and (src / "sources.yaml").read_bytes() == yaml_before


def test_a_different_file_of_the_same_name_is_not_overwritten(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = corpus
    other = tmp_path / "zhejiang_2021_pairing_guidance.txt"
    other.write_text("另一份文件\n", encoding="utf-8")
    before = (src / other.name).read_bytes()
    proc = shanhai("add", str(other), "--sources-dir", str(src), "--out", str(out))
    assert proc.returncode == 2 and "exists and differs" in proc.stderr
    assert (src / other.name).read_bytes() == before
    assert snapshot_io.read(out).relations  # the snapshot is still the previous one
