"""Liveness and store reachability."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.errors import error_body
from api.examples import HEALTH_EXAMPLE, example
from graph.store import GraphStore, StoreUnavailable

router = APIRouter(tags=["health"])


@router.get("/health", summary="Is the store reachable?",
            responses={200: example(HEALTH_EXAMPLE),
                       503: example({"status": "unavailable",
                                     "store": {"kind": "neo4j", "reachable": False},
                                     **error_body("store_unavailable", "Neo4j at bolt://…: cannot connect")})})
def health(request: Request) -> JSONResponse:
    """200 `{"status": "ok"}` when the store answers; 503 `{"status": "unavailable"}` (with the usual
    `error` object saying why) when it does not."""
    store: GraphStore | None = request.app.state.store
    kind = store.kind if store is not None else request.app.state.settings.backend
    reason: str | None = request.app.state.store_error
    reachable = False
    if store is not None:
        try:
            reachable = store.ping()
        except StoreUnavailable as exc:
            reason = str(exc)
        if not reachable and reason is None:
            where = store.location
            reason = f"the {kind} store does not answer" + (f" at {where}" if where else "")
    body: dict[str, Any] = {"status": "ok" if reachable else "unavailable",
                            "store": {"kind": kind, "reachable": reachable}}
    if reachable:
        return JSONResponse(body)
    return JSONResponse({**body, **error_body("store_unavailable", reason or "unavailable")}, status_code=503)
