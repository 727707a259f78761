"""A cache of whole JSON responses for the memory store, whose snapshot never changes while served.

Profiling the API showed the query itself is a few milliseconds while turning a large result into
JSON through FastAPI's encoders costs several times that. A snapshot is immutable, so the bytes of
a successful GET answer can be kept and replayed. The cache is keyed on the store's generation
(bumped by every store swap), the path and the raw query string, so an admin rebuild retires every
old answer. The Neo4j store is never cached: its database can change underneath the app
(`shanhai neo4j sync` from elsewhere).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import GraphStore

CACHEABLE_PREFIX = "/api/"
# Exports stream large bodies and /api/admin writes; neither belongs in a response cache.
NOT_CACHED = ("/api/export", "/api/admin")
MAX_ENTRIES = 4096  # every county × field (90 × 15) and more: a varied client must not thrash it
MAX_BODY = 2 * 1024 * 1024


class ResponseCache:
    """Pure ASGI middleware (BaseHTTPMiddleware would add its own overhead to every request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.entries: OrderedDict[tuple[int, str, bytes], tuple[int, list[tuple[bytes, bytes]], bytes]] = \
            OrderedDict()
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        store = _store_of(scope)
        if (store is None or not store.immutable or not path.startswith(CACHEABLE_PREFIX)
                or path.startswith(NOT_CACHED)):
            await self.app(scope, receive, send)
            return
        key = (_generation(scope), path, scope.get("query_string", b""))
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        captured: dict[str, Any] = {"body": []}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, captured)
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[int, str, bytes], captured: dict[str, Any]) -> None:
        body = b"".join(captured["body"])
        headers = captured.get("headers", [])
        is_json = any(k.lower() == b"content-type" and v.startswith(b"application/json") for k, v in headers)
        if captured.get("status") != 200 or not is_json or len(body) > MAX_BODY:
            return
        self.entries[key] = (200, headers, body)
        if len(self.entries) > MAX_ENTRIES:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()


def _generation(scope: Scope) -> int:
    state = getattr(scope.get("app"), "state", None)
    return int(getattr(state, "store_generation", 0))


def _store_of(scope: Scope) -> GraphStore | None:
    app = scope.get("app")
    state = getattr(app, "state", None)
    store: GraphStore | None = getattr(state, "store", None) if state is not None else None
    return store
