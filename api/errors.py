"""The one error shape of the API, and the handlers that turn every failure into it.

Every error — an unknown entity, an ambiguous name, a bad parameter (FastAPI's 422), an unknown
route, a wrong method, a store that cannot be reached, a bug — answers with

    {"error": {"code": "<machine-readable>", "message": "<one line for people>", "details": {...} | null}}

Pages (paths outside /api and /health) asked for by a browser get the same error as a small HTML
page instead, so a mistyped /viz/<name> shows its suggestions as links.
"""

from __future__ import annotations

import html
import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.store import StoreUnavailable
from queries.errors import Ambiguous, NotFound, QueryError

log = logging.getLogger("shanhai.api")

_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 414: "uri_too_long", 422: "validation_error",
    500: "internal_error", 503: "store_unavailable",
}


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict[str, Any] | None = None


class ErrorResponse(BaseModel):
    """The shape of every error response (documented once in OpenAPI)."""

    error: ErrorBody


class ApiError(Exception):
    """An error a route raises on purpose, with its status, code and details."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details, self.headers = status, code, message, details, headers


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _respond(request: Request, status: int, code: str, message: str, details: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        return HTMLResponse(_html_page(status, code, message, details, request.url.path), status_code=status,
                            headers=headers)
    return JSONResponse(jsonable_encoder(error_body(code, message, details)), status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path == "/health" or path.startswith("/static") or path.startswith("/docs"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _suggestion_href(path: str, item: dict[str, Any]) -> str:
    """Where a suggestion leads: the same kind of page that was asked for (a dossier, a document)."""
    node_id = quote(str(item["id"]), safe=":")
    if path.startswith("/documents/"):
        return f"/documents/{node_id}"
    if path.startswith(("/regions/", "/organizations/")) and item.get("type") in ("Region", "Organization"):
        return ("/regions/" if item["type"] == "Region" else "/organizations/") + node_id
    return f"/viz/{node_id}"


def _html_page(status: int, code: str, message: str, details: dict[str, Any] | None, path: str = "") -> str:
    links = []
    for item in (details or {}).get("suggestions", []) + (details or {}).get("candidates", []):
        links.append(f'<li><a href="{html.escape(_suggestion_href(path, item), quote=True)}">'
                     f'{html.escape(item["name"])}</a> <small>{html.escape(item.get("type", ""))}</small></li>')
    listing = f"<p>Did you mean:</p><ul>{''.join(links)}</ul>" if links else ""
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<title>{status} · shanhai</title><link rel="stylesheet" href="/static/shanhai.css">'
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"></head>'
        f'<body class="error-page"><main><h1>{status} {html.escape(code)}</h1>'
        f'<p class="message">{html.escape(message)}</p>{listing}<p><a href="/">← 山海协作 graph</a></p>'
        "</main></body></html>"
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _respond(request, exc.status, exc.code, exc.message, exc.details, exc.headers)


async def _query_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QueryError)
    details: dict[str, Any] | None = None
    if isinstance(exc, NotFound):
        details = {"name": exc.name, "suggestions": exc.suggestions}
    elif isinstance(exc, Ambiguous):
        details = {"name": exc.name, "candidates": exc.candidates}
    return _respond(request, exc.status, exc.code, str(exc), details)


async def _store_unavailable(request: Request, exc: Exception) -> Response:
    return _respond(request, 503, "store_unavailable", str(exc) or "the graph store is unavailable",
                    None, {"Retry-After": "5"})


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # `input` and `url` would echo request data and pydantic's docs links; location, message and
    # type are what a client needs to fix the call.
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
              for e in exc.errors()]
    where = ", ".join(".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in errors)
    return _respond(request, 422, "validation_error", f"invalid request: {where}", {"errors": errors})


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code
    details: dict[str, Any] | None = None
    if exc.status_code == 404 and message == "Not Found":
        message, details = f"no route {request.method} {request.url.path}", {"path": request.url.path}
    elif exc.status_code == 405:
        message = f"method {request.method} is not allowed on {request.url.path}"
    return _respond(request, exc.status_code, code, message, details, getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _respond(request, 500, "internal_error", "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


# OpenAPI: every route documents the shared error shape for the statuses it can return.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Unusable value (invalid_query: unknown round, empty name)"},
    404: {"model": ErrorResponse, "description": "Unknown entity (details.suggestions) or route"},
    409: {"model": ErrorResponse, "description": "Ambiguous name (details.candidates)"},
    414: {"model": ErrorResponse, "description": "Request target over 8,192 bytes (uri_too_long)"},
    422: {"model": ErrorResponse, "description": "Invalid parameter (details.errors)"},
    503: {"model": ErrorResponse, "description": "The graph store is unavailable"},
}
