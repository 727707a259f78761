"""Route dependencies as Annotated aliases: the store, the settings, pagination, the admin token."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, Query, Request

from api.errors import ApiError
from api.pagination import PageParams
from api.settings import MAX_PAGE_LIMIT, Settings
from graph.store import GraphStore, StoreUnavailable

# The dependencies are `async def` on purpose: they only read the app's state, and FastAPI runs a plain
# `def` dependency in the thread pool — a thread hop each, which profiling showed cost a cold request
# more than its parameters (bench/PROFILE.md, 2026-12-02 afternoon).


def app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def settings_of(request: Request) -> Settings:
    return app_settings(request)


async def get_store(request: Request) -> GraphStore:
    """The open store, or StoreUnavailable (→ 503) when it could not be opened at start-up."""
    store: GraphStore | None = request.app.state.store
    if store is None:
        raise StoreUnavailable(request.app.state.store_error or "the graph store is not open")
    return store


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_LIMIT, description=f"page size, at most {MAX_PAGE_LIMIT}")] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


async def require_admin(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <SHANHAI_ADMIN_TOKEN>")] = None,
) -> None:
    """Write routes: 404 unless enabled in settings (they do not exist for clients), then a bearer token."""
    settings = app_settings(request)
    if not settings.admin_active or settings.admin_token is None:
        raise ApiError(404, "not_found", f"no route {request.method} {request.url.path}",
                       {"path": request.url.path})
    scheme, _, token = (authorization or "").partition(" ")
    expected = settings.admin_token.get_secret_value()
    if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip().encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "a valid bearer token is required for admin routes", None,
                       {"WWW-Authenticate": "Bearer"})


SettingsDep = Annotated[Settings, Depends(settings_of)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
PageDep = Annotated[PageParams, Depends(page_params)]
AdminDep = Annotated[None, Depends(require_admin)]
