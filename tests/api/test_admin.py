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
