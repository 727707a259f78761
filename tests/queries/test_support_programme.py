"""Programmes: supporters_of / supported_by answer 山海协作 by default and every programme when asked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.build import build
from graph.memory_store import MemoryStore
from queries.support import supported_by, supporters_of
from tests.conftest import SOURCES

NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "prose" / "news_east_west.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MemoryStore]:
    """The corpus plus one news text on 东西部协作 (tests/fixtures/prose/news_east_west.txt)."""
    src = tmp_path_factory.mktemp("src")
    for p in SOURCES.iterdir():
        shutil.copy(p, src)
    shutil.copy(NEWS, src)
    out = tmp_path_factory.mktemp("build")
    build(sources_dir=src, out=out)
    s = MemoryStore.from_snapshot(out)
    yield s
    s.close()


def test_outside_region_has_no_shanhai_supporter_by_default(store: MemoryStore) -> None:
    # "温州市与四川省凉山州木里藏族自治县携手推进东西部协作。"
    assert supporters_of(store, "木里").supporters == []
    everything = supporters_of(store, "木里", programme="all")
    assert [s.name for s in everything.supporters] == ["温州市"]
    assert everything.params["programme"] == "all"


def test_supported_by_keeps_other_programmes_apart(store: MemoryStore) -> None:
    # "瑞安市结对帮扶贵州省黔东南州台江县" is 东西部协作 (the document's programme); 瑞安's 山海协作
    # partner is 文成县 (2021 table row "20\t\t文成县\t瑞安市").
    assert [s.name for s in supported_by(store, "瑞安市").supporters] == ["文成县"]
    assert [s.name for s in supported_by(store, "瑞安市", programme="all").supporters] == ["台江县", "文成县"]
    assert [s.name for s in supported_by(store, "瑞安市", programme="east_west").supporters] == ["台江县"]


def test_shanhai_news_joins_the_existing_pairing(store: MemoryStore) -> None:
    # "鄞州区的结对地区衢江区已建成“产业飞地”" adds a reported enclave to the table's 鄞州区 → 衢江区.
    (yinzhou,) = [s for s in supporters_of(store, "衢江区", round="all").supporters if s.name == "鄞州区"]
    mechanisms = {x.mechanism for x in yinzhou.supports}
    assert {"county_pairing", "enclave", "statement"} <= mechanisms
