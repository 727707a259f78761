"""The answer memo: one entry per answer on the immutable snapshot (its pages share it), none on Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.memory_store import MemoryStore


def test_pages_share_an_entry_and_parameters_do_not(built: Path, memory_store: MemoryStore) -> None:
    app = create_app(Settings(graph_dir=built, response_cache=False), store=memory_store)
    with TestClient(app) as c:
        first = c.get("/api/regions/永嘉县/supporters", params={"limit": 2}).json()
        second = c.get("/api/regions/永嘉县/supporters", params={"limit": 2, "cursor": first["next_cursor"]}).json()
        whole = c.get("/api/regions/永嘉县/supporters", params={"limit": 200}).json()
        assert [s["id"] for s in first["items"] + second["items"]] == [s["id"] for s in whole["items"][:4]]
        assert app.state.memo.misses == 1 and app.state.memo.hits == 2
        field = c.get("/api/regions/永嘉县/supporters", params={"field": "医疗卫生"}).json()
        assert app.state.memo.misses == 2
        assert {s["id"] for s in field["items"]} < {s["id"] for s in whole["items"]}
        full = c.get("/api/regions/永嘉县/supporters", params={"evidence": "full"}).json()
        assert app.state.memo.misses == 3 and "url" not in full["items"][0]["evidence"][0]


@pytest.mark.neo4j
def test_neo4j_answers_are_never_memoised(built: Path, neo4j_store: object) -> None:
    app = create_app(Settings(backend="neo4j", graph_dir=built, response_cache=False), store=neo4j_store)  # type: ignore[arg-type]
    with TestClient(app) as c:
        for _ in range(2):
            assert c.get("/api/regions/永嘉县/supporters").status_code == 200
        assert app.state.memo.entries == {} and app.state.memo.hits == 0
