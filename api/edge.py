"""The HTTP conventions at the edge of the app: CORS, URL limits, format characters, HEAD, ETag and caching.

One pure ASGI middleware, outermost, so every route (JSON, pages, static files) gets the same rules:

* CORS for the origins in `SHANHAI_CORS_ORIGINS` (comma-separated, `*` for any; none by default):
  GET and HEAD only, `ETag` exposed; a refused preflight answers 403 in the error shape.
* A request target over `MAX_URL_BYTES` → 414 `uri_too_long` in the error shape.
* Unicode format characters (category Cf: zero-width space and joiners, the BOM, bidi marks) are
  removed from the path and from query values before routing: they are invisible in a pasted name
  and only ever stop it from matching.
* HEAD is answered as GET without the body (FastAPI routes only declare GET).
* `/api/` answers of an immutable store (the memory store's snapshot) carry a strong ETag — a hash
  of the snapshot's content, the code that shapes answers and the request — and `If-None-Match`
  with it answers 304 before any work is done; `Cache-Control` is `no-cache` (revalidate every time:
  an admin rebuild can swap the snapshot, and a 304 costs no query) or `public, max-age=N` with
  `SHANHAI_CACHE_MAX_AGE=N`. Neo4j answers get `no-cache` and no ETag: its database can change under
  the app (a sync from elsewhere) and the app has no version stamp of it to build one from.
"""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body
from api.etag import etag_for, generation_of
from api.limits import MAX_URL_BYTES
from api.settings import Settings

API_PREFIX = "/api/"
NO_ETAG = ("/api/admin",)
CORS_METHODS = "GET, HEAD"
CORS_HEADERS = "Accept, Content-Type, If-None-Match"


def _has_format_chars(text: str) -> bool:
    return not text.isascii() and any(unicodedata.category(c) == "Cf" for c in text if not c.isascii())


def strip_format_chars(text: str) -> str:
    """`text` without Unicode format characters (category Cf)."""
    if text.isascii():  # no Cf character is ASCII; the common case costs one C call
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


class HttpEdge:
    """See the module docstring; `settings` gives the CORS origins and the max-age."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.origins = settings.cors_origin_list
        self.any_origin = "*" in self.origins
        self.max_age = settings.cache_max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        origin = headers.get(b"origin", b"").decode("latin-1")
        allowed = bool(origin) and (self.any_origin or origin in self.origins)
        if scope["method"] == "OPTIONS" and origin and b"access-control-request-method" in headers:
            await self._preflight(send, origin, allowed, headers)
            return
        raw_target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if raw_target > MAX_URL_BYTES:
            await _error(send, 414, "uri_too_long",
                         f"the request target is {raw_target} bytes; at most {MAX_URL_BYTES} are accepted",
                         {"limit_bytes": MAX_URL_BYTES, "bytes": raw_target}, self._cors(origin, allowed))
            return
        scope = _without_format_chars(scope)
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        path: str = scope["path"]
        extra: list[tuple[bytes, bytes]] = self._cors(origin, allowed)
        etag: bytes | None = None
        generation = 0
        if scope["method"] == "GET" and path.startswith(API_PREFIX) and not path.startswith(NO_ETAG):
            tagged = etag_for(scope)
            if tagged is not None:
                etag, generation = tagged
            extra.append((b"cache-control", self._cache_control(etag is not None)))
            if etag is not None and _matches(headers.get(b"if-none-match"), etag):
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(b"etag", etag), *extra]})
                await send({"type": "http.response.body", "body": b""})
                return

        async def edge_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = [*message.get("headers", []), *extra]
                # Only for a 200 of the store the tag was made for (an admin rebuild may swap it meanwhile).
                if etag is not None and message["status"] == 200 and generation_of(scope) == generation:
                    out.append((b"etag", etag))
                message = {**message, "headers": out}
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}  # Content-Length stays: the size a GET would send
            await send(message)

        await self.app(scope, receive, edge_send)

    def _cache_control(self, immutable: bool) -> bytes:
        if immutable and self.max_age > 0:
            return f"public, max-age={self.max_age}".encode()
        return b"no-cache"

    def _cors(self, origin: str, allowed: bool) -> list[tuple[bytes, bytes]]:
        if not self.origins:
            return []
        out = [(b"vary", b"Origin")]
        if allowed:
            out += [(b"access-control-allow-origin", b"*" if self.any_origin else origin.encode("latin-1")),
                    (b"access-control-expose-headers", b"ETag")]
        return out

    async def _preflight(self, send: Send, origin: str, allowed: bool, headers: dict[bytes, bytes]) -> None:
        method = headers.get(b"access-control-request-method", b"").decode("latin-1").upper()
        if not allowed or method not in ("GET", "HEAD"):
            why = (f"origin {origin} is not allowed (SHANHAI_CORS_ORIGINS)" if not allowed
                   else f"method {method} is not allowed cross-origin; only GET and HEAD are")
            await _error(send, 403, "cors_refused", why, {"origin": origin, "method": method},
                         [(b"vary", b"Origin")])
            return
        await send({"type": "http.response.start", "status": 204, "headers": [
            *self._cors(origin, True), (b"access-control-allow-methods", CORS_METHODS.encode()),
            (b"access-control-allow-headers", CORS_HEADERS.encode()), (b"access-control-max-age", b"600")]})
        await send({"type": "http.response.body", "body": b""})


def _matches(if_none_match: bytes | None, etag: bytes) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(b",")]
    return b"*" in tags or etag in tags or b"W/" + etag in tags  # If-None-Match compares weakly (RFC 9110)


def _without_format_chars(scope: Scope) -> Scope:
    """The scope with Cf characters gone from the path and the query values (unchanged when there are none)."""
    path: str = scope["path"]
    query: bytes = scope.get("query_string", b"")
    new_path = strip_format_chars(path)
    new_query = query
    # A Cf character arrives percent-encoded, or as raw UTF-8; one decode of the whole query string
    # says whether there is any before it is split into pairs (most questions have none).
    if (b"%" in query or not query.isascii()) and _has_format_chars(unquote(query.decode("utf-8", "replace"))):
        pairs = parse_qsl(query.decode("utf-8", "replace"), keep_blank_values=True)
        cleaned = [(strip_format_chars(k), strip_format_chars(v)) for k, v in pairs]
        if cleaned != pairs:
            new_query = urlencode(cleaned, quote_via=quote).encode("ascii")
    if new_path == path and new_query is query:
        return scope
    changed: dict[str, Any] = {"path": new_path, "query_string": new_query}
    if new_path != path:
        changed["raw_path"] = quote(new_path).encode("ascii")
    return {**scope, **changed}


async def _error(send: Send, status: int, code: str, message: str, details: dict[str, Any] | None,
                 headers: list[tuple[bytes, bytes]]) -> None:
    body = orjson.dumps(error_body(code, message, details))
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


__all__ = ["HttpEdge", "strip_format_chars"]
