"""HTTP conventions at the edge, through the app's HTTP stack on both stores: HEAD, ETag/304,
Cache-Control, CORS, the long-parameter errors and format characters in names and questions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes import ROUTERS
from api.settings import Settings
from graph.memory_store import MemoryStore
from tests.api.conftest import tiny_store

YONGJIA = "region:yongjiaxian"
ALLOWED = "https://dashboard.example.org"
SUPPORTERS = "/api/regions/永嘉县/supporters"

# A value for each required parameter of the GET routes, so every route can be called.
PATH_VALUES = {"name": "永嘉县"}
QUERY_VALUES = {"q": "永嘉", "a": "2021-provincial", "b": "2025-2027"}


def _every_get_url() -> list[str]:
    urls = []
    for route in (r for router in ROUTERS for r in router.routes):
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        path = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: PATH_VALUES.get(m.group(1), "x"), route.path)
        required = [p.name for p in route.dependant.query_params if p.name in QUERY_VALUES]
        if route.path == "/api/path":
            required, path = [], "/api/path?a=永嘉县&b=瓯海区"
        query = "&".join(f"{n}={QUERY_VALUES.get(n, 'x')}" for n in required)
        urls.append(path + ("?" + query if query else ""))
    return urls


def test_head_answers_every_get_route_like_get_without_a_body(client: TestClient) -> None:
    urls = _every_get_url()
    assert SUPPORTERS in urls and "/api/ask?q=永嘉" in urls and "/" in urls
    for url in urls:
        got = client.get(url)
        head = client.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        assert head.headers.get("content-type") == got.headers.get("content-type"), url
        if "content-length" in got.headers:
            assert head.headers["content-length"] == got.headers["content-length"], url


def test_etag_and_304_on_the_snapshot(memory_client: TestClient) -> None:
    first = memory_client.get(SUPPORTERS)
    etag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)  # strong: no W/ prefix
    assert first.headers["cache-control"] == "no-cache"
    again = memory_client.get(SUPPORTERS, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    # Another request is another representation; the same request gives the same tag and bytes.
    other = memory_client.get(SUPPORTERS, params={"field": "医疗卫生"})
    assert other.headers["etag"] != etag
    assert memory_client.get(SUPPORTERS).content == first.content
    assert memory_client.get(SUPPORTERS, headers={"If-None-Match": '"stale"'}).status_code == 200
    # Errors carry no ETag.
    assert "etag" not in memory_client.get("/api/regions/没有这个县").headers


def test_etag_is_the_snapshot_and_the_request(built: Path, memory_store: MemoryStore) -> None:
    """Two servers of the same snapshot agree on a tag; another graph never reuses it."""
    with TestClient(create_app(Settings(graph_dir=built), store=memory_store)) as a, \
            TestClient(create_app(Settings(graph_dir=built), store=MemoryStore.from_snapshot(built))) as b, \
            TestClient(create_app(Settings(graph_dir=built), store=tiny_store())) as tiny:
        assert a.get("/api/stats").headers["etag"] == b.get("/api/stats").headers["etag"]
        assert tiny.get("/api/stats").headers["etag"] != a.get("/api/stats").headers["etag"]


@pytest.mark.neo4j
def test_neo4j_answers_are_revalidated_without_etag(built: Path, neo4j_store: object) -> None:
    with TestClient(create_app(Settings(backend="neo4j", graph_dir=built), store=neo4j_store)) as c:  # type: ignore[arg-type]
        resp = c.get(SUPPORTERS)
        assert resp.status_code == 200
        assert resp.headers["cache-control"] == "no-cache"
        assert "etag" not in resp.headers
        assert c.get(SUPPORTERS, headers={"If-None-Match": "*"}).status_code == 200


def test_max_age_setting(built: Path, memory_store: MemoryStore) -> None:
    with TestClient(create_app(Settings(graph_dir=built, cache_max_age=300), store=memory_store)) as c:
        assert c.get("/api/stats").headers["cache-control"] == "public, max-age=300"


@pytest.fixture(scope="module")
def cors_client(built: Path, memory_store: MemoryStore) -> Iterator[TestClient]:
    settings = Settings(graph_dir=built, cors_origins=f"{ALLOWED}, https://other.example.org")
    with TestClient(create_app(settings, store=memory_store)) as c:
        yield c


def test_cors_allowed_origin(cors_client: TestClient) -> None:
    resp = cors_client.get(SUPPORTERS, headers={"Origin": ALLOWED})
    assert resp.headers["access-control-allow-origin"] == ALLOWED
    assert "ETag" in resp.headers["access-control-expose-headers"]
    assert "Origin" in resp.headers["vary"]
    pre = cors_client.options(SUPPORTERS, headers={"Origin": ALLOWED, "Access-Control-Request-Method": "GET",
                                                   "Access-Control-Request-Headers": "If-None-Match"})
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == ALLOWED
    assert set(pre.headers["access-control-allow-methods"].replace(" ", "").split(",")) == {"GET", "HEAD"}
    assert "If-None-Match" in pre.headers["access-control-allow-headers"]


def test_cors_refused_origin_and_method(cors_client: TestClient) -> None:
    resp = cors_client.get(SUPPORTERS, headers={"Origin": "https://evil.example.com"})
    assert resp.status_code == 200 and "access-control-allow-origin" not in resp.headers
    pre = cors_client.options(SUPPORTERS, headers={"Origin": "https://evil.example.com",
                                                   "Access-Control-Request-Method": "GET"})
    assert pre.status_code == 403
    assert pre.json()["error"]["code"] == "cors_refused"
    assert "access-control-allow-origin" not in pre.headers
    post = cors_client.options("/api/stats", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "DELETE"})
    assert post.status_code == 403 and post.json()["error"]["code"] == "cors_refused"


def test_no_cors_by_default(client: TestClient) -> None:
    resp = client.get("/api/stats", headers={"Origin": ALLOWED})
    assert "access-control-allow-origin" not in resp.headers
    pre = client.options("/api/stats", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "GET"})
    assert pre.status_code == 403 and pre.json()["error"]["code"] == "cors_refused"


def _error(resp: object, status: int, code: str) -> dict[str, object]:
    assert resp.status_code == status, resp.text  # type: ignore[attr-defined]
    body = resp.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    return dict(body["error"])


def test_over_long_parameters(client: TestClient) -> None:
    err = _error(client.get("/api/ask", params={"q": "谁" * 501}), 422, "validation_error")
    assert "500" in str(err["message"])
    _error(client.get("/api/regions/" + "永" * 201), 422, "validation_error")
    _error(client.get("/api/search", params={"q": "a" * 201}), 422, "validation_error")
    # 1,000 Chinese characters are 9,000 bytes percent-encoded: over the 8,192-byte request target.
    err = _error(client.get("/api/ask", params={"q": "永" * 1000}), 414, "uri_too_long")
    assert err["details"] == {"limit_bytes": 8192, "bytes": len("/api/ask") + len("q=") + 9 * 1000}
    assert client.get("/api/ask", params={"q": "谁" * 500}).status_code == 200  # the limit itself is fine


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u200e"])
def test_format_characters_are_removed_from_names_and_questions(client: TestClient, invisible: str) -> None:
    # zero-width space, zero-width joiner, word joiner, BOM, left-to-right mark: all category Cf
    resp = client.get(f"/api/regions/永{invisible}嘉县/supporters", params={"field": f"医疗{invisible}卫生"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["params"] == {"region": YONGJIA, "field": "domain:healthcare", "round": "current"}
    ask = client.get("/api/ask", params={"q": f"谁在医疗卫生方面帮扶永{invisible}嘉县？"}).json()
    assert ask["interpretation"]["entities"][0]["id"] == YONGJIA
    assert "\u200b" not in ask["question"] and invisible not in ask["question"]
