"""The FastAPI application: `create_app(settings, store=None)` with a lifespan that owns the store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.cache import ResponseCache
from api.edge import HttpEdge
from api.errors import install_error_handlers
from api.etag import snapshot_tag
from api.memo import Memo
from api.routes import ROUTERS, admin, docs
from api.settings import Settings, environment_settings
from api.state import STATIC_DIR, swap_store
from graph.registry import open_store
from graph.store import GraphStore, StoreUnavailable
from queries.lookup import lookup_for

log = logging.getLogger("shanhai.api")

DESCRIPTION = """
Who supports Zhejiang's 26 mountain counties (山区26县), how, in which fields and rounds — every
answer with the document, locator and verbatim quote it came from.

* Names: every `{name}` accepts an id (`region:yongjiaxian`), the Chinese name (永嘉县), a short
  name (永嘉), an alias or abbreviation (浙中医大二院) or pinyin (Yongjia). Unknown → 404 with
  `details.suggestions`; ambiguous → 409 with `details.candidates`.
* Evidence: the answer routes (`/api/regions/{name}`, `…/supporters`, `/api/organizations/{name}`,
  `/api/supported-by/{name}`, `/api/ask`) give it compact by default — `document`, `locator`, a `quote`
  of at most 80 characters cut at a sentence boundary (ending with … when cut) and the `url` of the
  source viewer at that place (`/documents/{document}?hl={locator}`); `?evidence=full` gives the
  verbatim quote whole. The other routes always give it whole.
* Lists: `limit` (1–200, default 50) and `cursor` (the previous page's `next_cursor`).
* Limits: a question (`q` of /api/ask) at most 500 characters, a name, field, round or search term at
  most 200 (longer → 422); a request target (path and query, percent-encoded) at most 8,192 bytes
  (longer → 414 `uri_too_long`). Unicode format characters (zero-width space, joiners, BOM, bidi marks)
  are removed from the path and query values before anything else reads them.
* Errors: always `{"error": {"code", "message", "details"}}`.
* HTTP: `HEAD` works wherever `GET` does. Answers of the memory store (an immutable snapshot) carry a
  strong `ETag` (the snapshot's content, the code and the request); send it back in `If-None-Match`
  for a `304` without a body. `Cache-Control: no-cache` (revalidate each time; `public, max-age=N` when
  the server sets `SHANHAI_CACHE_MAX_AGE`); on Neo4j, whose data can change, `no-cache` and no ETag.
  CORS (GET and HEAD, `ETag` exposed) for the origins in `SHANHAI_CORS_ORIGINS` only — none by
  default; a refused preflight answers 403 `cors_refused`.
* Lists also answer `format=csv` (UTF-8 with a BOM, evidence in document/locator/quote columns);
  `/api/pairings.csv` is the flat pairing table.
* Pages: `/` (counties), `/regions/{name}`, `/organizations/{name}`, `/documents/{id}?hl={locator}`
  (the source viewer), `/map`, `/coverage`, `/viz` (whole network), `/viz/{name}?depth=1|2`.
"""


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The app. A `store` handed in is used as is and left open (its owner closes it, e.g. a test
    fixture); otherwise the lifespan opens the configured store and closes it on shutdown."""
    settings = settings or environment_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened: GraphStore | None = None
        if store is None:
            try:
                opened = open_store(settings.store_config())
            except StoreUnavailable as exc:
                # Serve anyway: /health says "unavailable" and data routes answer 503 with the reason,
                # which tells an operator more than a process that refuses to start.
                log.warning("store unavailable at start-up: %s", exc)
                app.state.store_error = str(exc)
            else:
                swap_store(app, opened)
        _warm(app)
        try:
            yield
        finally:
            current = app.state.store
            if store is None:
                if current is not None:
                    current.close()
                app.state.store = None
            # A store handed in stays with the app (its owner closes it), so the app can start again.

    app = FastAPI(
        title="shanhai — 山海协作 knowledge graph", version="0.1.0", description=DESCRIPTION,
        lifespan=lifespan, docs_url=None, redoc_url=None,  # /docs: api/routes/docs.py, served offline
    )
    app.state.settings = settings
    app.state.store = None
    app.state.store_error = "the graph store is not open (the app has not started)"
    app.state.views = {}
    app.state.memo = Memo() if settings.answer_memo else None
    if store is not None:
        swap_store(app, store)
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    if settings.admin_active:
        # Write routes exist only when switched on with a token; otherwise they are unknown routes.
        app.include_router(admin.router)
    if settings.response_cache:
        app.add_middleware(ResponseCache)
    app.add_middleware(HttpEdge, settings=settings)  # added last: the outermost layer
    app.mount(docs.SWAGGER_UI_URL, StaticFiles(directory=docs.SWAGGER_UI_DIR), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _warm(app: FastAPI) -> None:
    """Build the name index before the first request, so the first lookup is as fast as the rest."""
    store: GraphStore | None = app.state.store
    if store is None:
        return
    try:
        lookup_for(store)
        snapshot_tag(app.state)  # the ETag base of an immutable snapshot, hashed once before any request
    except Exception as exc:  # a store that fails now answers 503/500 per request; start anyway
        log.warning("could not index names yet: %s", exc)
