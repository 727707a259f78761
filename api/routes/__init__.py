"""The routers, one module per noun; `ROUTERS` is what the app includes (admin only when enabled)."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import (
    ask,
    ask_page,
    catalogue,
    docs,
    dossiers,
    entities,
    exports,
    graph,
    health,
    overview,
    pages,
    stats,
)

ROUTERS: list[APIRouter] = [
    health.router, entities.router, catalogue.router, graph.router, ask.router, stats.router, exports.router,
    pages.router, ask_page.router, dossiers.router, overview.router, docs.router,
]
