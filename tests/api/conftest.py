"""The app through its real HTTP stack (TestClient) around the memory and the Neo4j store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.memory_store import MemoryStore
from graph.model import ORGANIZATION, REGION, Evidence, Node, Relation


@pytest.fixture(scope="session", params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def client(request: pytest.FixtureRequest, built: Path) -> Iterator[TestClient]:
    """One app per store, around the session's already-open store (the fixture owns and closes it)."""
    store = request.getfixturevalue(f"{request.param}_store")
    app = create_app(Settings(backend=request.param, graph_dir=built), store=store)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def memory_client(built: Path, memory_store: MemoryStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(graph_dir=built), store=memory_store)) as c:
        yield c


def tiny_store() -> MemoryStore:
    """Two entities sharing the alias 二院 (ambiguous), and names that are HTML/JS payloads."""
    ev = Evidence("tiny-doc", "L1", "甲县</script><script>window.__pwned=1</script> 与 <img src=x onerror=alert(1)>")
    nodes = [
        Node("region:jiaxian", REGION, "甲县", {"level": "county", "city": "乙市", "mountain": True,
                                                "aliases": ["二院"], "category": "跨越发展类"}),
        Node("org:evil", ORGANIZATION, "</script><script>window.__pwned=1</script>",
             {"kind": "hospital", "aliases": ["二院", "<img src=x onerror=alert(1)>"]}),
        Node("region:yixian", REGION, "乙县<script>alert(1)</script>", {"level": "county", "city": "乙市",
                                                                        "mountain": True}),
    ]
    rels = [Relation("SUPPORTS", "org:evil", "region:jiaxian",
                     {"level": "organization", "mechanism": "social_pairing", "rounds": ["2025-2027"]}, [ev])]
    return MemoryStore(nodes, rels)
