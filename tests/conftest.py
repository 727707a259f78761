"""Shared fixtures: reference data, a fresh build of data/sources, and the store on both backends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.gazetteer import Gazetteer
from graph.reference import REPO_ROOT, Reference, load_reference

SOURCES = REPO_ROOT / "data" / "sources"


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="session")
def gazetteer(reference: Reference) -> Gazetteer:
    return Gazetteer(reference)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus built once per session into a temporary directory."""
    from api.build import build

    out = tmp_path_factory.mktemp("build")
    build(out=out)
    return out


def neo4j_required() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("SHANHAI_REQUIRE_NEO4J") == "1"


@pytest.fixture(scope="session")
def memory_store(built: Path) -> Iterator[object]:
    from graph.memory_store import MemoryStore

    store = MemoryStore.from_snapshot(built)
    yield store
    store.close()


@pytest.fixture(scope="session")
def neo4j_store(built: Path) -> Iterator[object]:
    if not os.environ.get("NEO4J_URI"):
        if neo4j_required():
            pytest.fail("NEO4J_URI is not set but a real Neo4j is required (CI): run the tests via `make test`")
        pytest.skip("no Neo4j: set NEO4J_URI or run `make test`")
    from api.settings import Settings
    from graph import snapshot
    from graph.neo4j_store import Neo4jStore
    from graph.neo4j_sync import sync

    store = Neo4jStore.from_config(Settings().store_config())
    sync(snapshot.read(built), store)
    yield store
    store.close()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> object:
    """Every query test runs on both stores and must give identical answers."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture()
def base(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A sources dir with one good document (the 2021 pairing table), and a snapshot built from it:
    the "previous build" that bad input must leave untouched."""
    import shutil

    from api.build import build

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SOURCES / "zhejiang_2021_pairing_guidance.txt", src)
    shutil.copy(SOURCES / "sources.yaml", src)
    out = tmp_path / "build"
    build(sources_dir=src, out=out)
    return src, out, (out / "graph.json").read_bytes()


def read_source(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")
