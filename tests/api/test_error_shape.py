"""Every kind of error answers with the one shape {"error": {"code", "message", "details"}}."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.model import Node, Relation
from graph.store import StoreUnavailable
from graph.store_base import StoreBase
from tests.api.conftest import tiny_store


def assert_error(resp: Any, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text[:500]
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert set(err) == {"code", "message", "details"}, err
    assert err["code"] == code
    assert isinstance(err["message"], str) and err["message"]
    assert err["details"] is None or isinstance(err["details"], dict)
    return err


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/regions/不存在县", 404, "not_found"),                        # unknown entity
    ("/api/organizations/永嘉县", 404, "not_found"),                    # wrong kind of entity
    ("/api/no-such-route", 404, "not_found"),                          # unknown route
    ("/nothing/here", 404, "not_found"),
    ("/api/regions/永嘉县/supporters?limit=0", 422, "validation_error"),  # FastAPI validation
    ("/api/regions/永嘉县/supporters?limit=201", 422, "validation_error"),
    ("/api/regions/永嘉县/supporters?cursor=bm9wZQ", 422, "validation_error"),  # not our cursor
    ("/api/ask", 422, "validation_error"),                              # missing q
    ("/viz/永嘉县?depth=3", 422, "validation_error"),
    ("/api/regions/永嘉县/supporters?round=1999", 400, "invalid_query"),
    ("/api/regions/永嘉县/supporters?field=不是领域", 404, "not_found"),
    ("/api/pairings?level=province", 422, "validation_error"),
    ("/api/path?a=永嘉县&b=瓯海区&max_hops=9", 422, "validation_error"),
    ("/api/rounds/diff?a=1999&b=2025-2027", 400, "invalid_query"),
    ("/api/neighborhood/永嘉县?labels=Planet", 400, "invalid_query"),
    ("/api/search?q=", 422, "validation_error"),
])
def test_error_shape_on_the_real_graph(client: TestClient, path: str, status: int, code: str) -> None:
    assert_error(client.get(path), status, code)


def test_unknown_entity_comes_with_close_matches(client: TestClient) -> None:
    err = assert_error(client.get("/api/regions/永加县"), 404, "not_found")
    assert "region:yongjiaxian" in [s["id"] for s in err["details"]["suggestions"]]


def test_validation_error_names_the_parameter(client: TestClient) -> None:
    err = assert_error(client.get("/api/regions/永嘉县/supporters?limit=abc"), 422, "validation_error")
    assert err["details"]["errors"][0]["loc"] == ["query", "limit"]


def test_wrong_method(client: TestClient) -> None:
    assert_error(client.post("/api/stats"), 405, "method_not_allowed")


def test_ambiguous_name_lists_candidates() -> None:
    with TestClient(create_app(Settings(), store=tiny_store())) as c:
        err = assert_error(c.get("/api/nodes/二院"), 409, "ambiguous")
        assert {x["id"] for x in err["details"]["candidates"]} == {"region:jiaxian", "org:evil"}


@pytest.fixture
def no_snapshot_app(tmp_path: Path) -> Iterator[TestClient]:
    """The memory backend pointed at an empty directory: the store cannot open."""
    with TestClient(create_app(Settings(backend="memory", graph_dir=tmp_path))) as c:
        yield c


def test_store_unavailable_is_503(no_snapshot_app: TestClient) -> None:
    err = assert_error(no_snapshot_app.get("/api/regions/永嘉县"), 503, "store_unavailable")
    assert "shanhai build" in err["message"]
    assert no_snapshot_app.get("/api/ask", params={"q": "谁帮扶永嘉县"}).status_code == 503
    health = no_snapshot_app.get("/health")
    assert health.status_code == 503
    assert health.json()["status"] == "unavailable"
    assert health.json()["store"] == {"kind": "memory", "reachable": False}
    assert set(health.json()["error"]) == {"code", "message", "details"}


class _FailingStore(StoreBase):
    """A store whose server went away after start-up, or whose code has a bug."""

    kind = "neo4j"

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def node(self, node_id: str) -> Node | None:
        raise self.exc

    def nodes(self, label: str | None = None) -> list[Node]:
        raise self.exc

    def relations_of(self, node_ids: Iterable[str], direction: str = "both",
                     types: Iterable[str] | None = None) -> list[Relation]:
        raise self.exc

    def all_relations(self, types: Iterable[str] | None = None) -> list[Relation]:
        raise self.exc

    def counts(self) -> dict[str, dict[str, int]]:
        raise self.exc

    def ping(self) -> bool:
        return False

    def close(self) -> None:
        return None


def test_store_going_away_mid_request_is_503() -> None:
    store = _FailingStore(StoreUnavailable("Neo4j at bolt://127.0.0.1:1: cannot connect"))
    with TestClient(create_app(Settings(), store=store)) as c:
        assert_error(c.get("/api/stats"), 503, "store_unavailable")
        assert_error(c.get("/api/export.json"), 503, "store_unavailable")
        assert c.get("/health").json()["status"] == "unavailable"


def test_unexpected_error_is_500_without_internals() -> None:
    store = _FailingStore(RuntimeError("secret internals"))
    with TestClient(create_app(Settings(), store=store), raise_server_exceptions=False) as c:
        err = assert_error(c.get("/api/stats"), 500, "internal_error")
        assert "secret" not in err["message"]


def test_admin_routes_do_not_exist_by_default(client: TestClient) -> None:
    assert_error(client.post("/api/admin/rebuild"), 404, "not_found")
    assert_error(client.post("/api/admin/sync"), 404, "not_found")


def test_admin_routes_need_the_bearer_token(built: Path) -> None:
    settings = Settings(graph_dir=built, admin_enabled=True, admin_token="s3cret")
    with TestClient(create_app(settings, store=tiny_store())) as c:
        assert_error(c.post("/api/admin/sync"), 401, "unauthorized")
        assert_error(c.post("/api/admin/sync", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
        assert_error(c.post("/api/admin/sync", headers={"Authorization": "Basic s3cret"}), 401, "unauthorized")


def test_pages_answer_errors_as_html_for_browsers(client: TestClient) -> None:
    resp = client.get("/viz/永加县", headers={"Accept": "text/html"})
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert 'href="/viz/region:yongjiaxian"' in resp.text
    # the same path asked for as data keeps the JSON shape
    assert_error(client.get("/viz/永加县", headers={"Accept": "application/json"}), 404, "not_found")
