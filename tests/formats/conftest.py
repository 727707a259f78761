"""Helpers for the format tests: a temp sources dir holding one file with its sources.yaml entry, built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from api.build import BuildReport, build
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


@pytest.fixture()
def fixtures_dir(tmp_path: Path) -> Path:
    out = tmp_path / "fixtures"
    out.mkdir()
    return out
