"""The memory store's JSON answers are replayed byte for byte; errors and the Neo4j store are not cached."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.cache import ResponseCache
from api.settings import Settings


def _cache(app: Any) -> ResponseCache:
    stack = app.middleware_stack
    while stack is not None and not isinstance(stack, ResponseCache):
        stack = getattr(stack, "app", None)
    assert isinstance(stack, ResponseCache)
    return stack


def test_second_answer_is_replayed_identically(memory_store: Any) -> None:
    app = create_app(Settings(), store=memory_store)
    with TestClient(app) as client:
        first = client.get("/api/regions/永嘉县/supporters", params={"field": "healthcare"})
        second = client.get("/api/regions/永嘉县/supporters", params={"field": "healthcare"})
        assert first.status_code == second.status_code == 200
        assert first.content == second.content
        names = {s["name"] for s in second.json()["items"]}
        assert names == {"瓯海区", "浙江中医药大学附属第二医院", "温州市中心医院"}
        cache = _cache(app)
        assert cache.hits >= 1
        missing = client.get("/api/regions/不存在县/supporters")
        again = client.get("/api/regions/不存在县/supporters")
        assert missing.status_code == again.status_code == 404  # errors are recomputed, never replayed
        assert all(k[1] != "/api/regions/不存在县/supporters" for k in cache.entries)


def test_cache_can_be_switched_off(memory_store: Any) -> None:
    app = create_app(Settings(response_cache=False), store=memory_store)
    with TestClient(app) as client:
        assert client.get("/api/stats").status_code == 200
        stack = app.middleware_stack
        while stack is not None:
            assert not isinstance(stack, ResponseCache)
            stack = getattr(stack, "app", None)
