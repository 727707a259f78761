"""Write routes when switched on: bearer token, then rebuild or reload the served graph."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

AUTH = {"Authorization": "Bearer let-me-in"}


@pytest.fixture
def admin_client(built: Path, tmp_path: Path) -> Iterator[TestClient]:
    graph_dir = tmp_path / "graph"
    shutil.copytree(built, graph_dir)
    settings = Settings(graph_dir=graph_dir, admin_enabled=True, admin_token="let-me-in")
    with TestClient(create_app(settings)) as c:
        yield c


def test_sync_reloads_the_snapshot(admin_client: TestClient) -> None:
    before = admin_client.get("/api/stats").json()
    resp = admin_client.post("/api/admin/sync", headers=AUTH)
    assert resp.status_code == 200, resp.text
    assert resp.json()["store"] == "memory"
    assert resp.json()["nodes"] == before["node_total"]
    assert admin_client.get("/api/regions/永嘉县").status_code == 200


def test_rebuild_builds_and_serves(admin_client: TestClient) -> None:
    resp = admin_client.post("/api/admin/rebuild", headers=AUTH)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "ok" and resp.json()["nodes"] > 0
    assert admin_client.get("/health").json()["status"] == "ok"


def test_enabled_admin_routes_are_documented(admin_client: TestClient) -> None:
    paths = admin_client.get("/openapi.json").json()["paths"]
    assert "/api/admin/rebuild" in paths and "/api/admin/sync" in paths


def test_enabled_without_a_token_stays_off(built: Path) -> None:
    with TestClient(create_app(Settings(graph_dir=built, admin_enabled=True))) as c:
        assert c.post("/api/admin/sync", headers=AUTH).status_code == 404


def test_a_swapped_snapshot_drops_the_derived_support_rows(built: Path, tmp_path: Path) -> None:
    # Cold (no response cache, no answer memo): every answer is made from the per-snapshot support rows
    # (queries.support.ready_supports). A reloaded snapshot must be read afresh, never the old rows.
    # 2021 table L118: 永嘉县 ← 温州市瓯海区.
    import json

    graph_dir = tmp_path / "graph"
    shutil.copytree(built, graph_dir)
    settings = Settings(graph_dir=graph_dir, admin_enabled=True, admin_token="let-me-in",
                        response_cache=False, answer_memo=False)
    path = "/api/regions/永嘉县/supporters?round=all&limit=200"
    with TestClient(create_app(settings)) as c:
        before = c.get(path).json()
        assert "瓯海区" in {s["name"] for s in before["items"]}
        assert "瓯海区" in _answer_names(c, "永嘉县的结对单位有哪些？")
        snap_file = graph_dir / "graph.json"
        snap = json.loads(snap_file.read_text(encoding="utf-8"))
        gone = [f for f in snap["support"] if f["supporter_name"] == "瓯海区" and f["recipient_name"] == "永嘉县"]
        assert gone
        snap["support"] = [f for f in snap["support"] if f not in gone]
        snap_file.write_text(json.dumps(snap, ensure_ascii=False), encoding="utf-8")
        assert c.post("/api/admin/sync", headers=AUTH).status_code == 200
        after = c.get(path).json()
        assert "瓯海区" not in {s["name"] for s in after["items"]}
        assert after["total"] == before["total"] - 1
        assert "瓯海区" not in _answer_names(c, "永嘉县的结对单位有哪些？")


def _answer_names(client: TestClient, question: str) -> set[str]:
    return {a.get("name") for a in client.get("/api/ask", params={"q": question}).json()["answers"]}
