"""Helpers for the format tests: a temp sources dir holding one file with its sources.yaml entry, built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from api.build import BuildReport, build
from graph.gazetteer import Gazetteer
from tests.conftest import SOURCES

ROUND = "2021-provincial"
PAIRING = "zhejiang_2021_pairing_guidance.txt"


def build_one(tmp: Path, file: Path, *, with_pairing_table: bool = False, **meta: Any) -> BuildReport:
    """Build a sources dir that holds only `file` (entry id 'annex', round 2021-provincial unless given),
    and the 2021 pairing guidance when asked (the build checks want the 50 pairings of some document)."""
    src = tmp / "src"
    src.mkdir(parents=True, exist_ok=True)
    target = src / file.name
    if file.resolve() != target.resolve():
        target.write_bytes(file.read_bytes())
    entries = {file.name: {"id": "annex", "round": ROUND, **meta}}
    if with_pairing_table:
        (src / PAIRING).write_bytes((SOURCES / PAIRING).read_bytes())
        entries[PAIRING] = yaml.safe_load((SOURCES / "sources.yaml").read_text(encoding="utf-8"))[PAIRING]
    (src / "sources.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return build(sources_dir=src, out=tmp / "build")


def county_pairs(report: BuildReport) -> set[tuple[str, str]]:
    """(经济强县, mountain county) names of every county_pairing SUPPORTS relationship."""
    names = {n.id: n.name for n in report.snapshot.nodes}
    return {(names[r.source], names[r.target]) for r in report.snapshot.relations
            if r.type == "SUPPORTS" and r.props.get("mechanism") == "county_pairing"}


@pytest.fixture(scope="module")
def expected(gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """The 2021 annex's hand-written pairs (test_pairing_formats.EXPECTED) in the gazetteer's names
    (杭州市余杭区 is the node 余杭区): what every format of the annex must give."""
    from tests.formats.test_pairing_formats import EXPECTED  # that module imports this one

    def name(n: str) -> str:
        entry = gazetteer.region(n)
        assert entry is not None, n
        return entry.name

    return {(name(s), name(c)) for s, c in EXPECTED}


@pytest.fixture()
def fixtures_dir(tmp_path: Path) -> Path:
    out = tmp_path / "fixtures"
    out.mkdir()
    return out
