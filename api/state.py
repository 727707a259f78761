"""What the app keeps between requests: the open store and a read-only view of its whole graph."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from api.graphview import GraphView
from graph.store import GraphStore
from queries.lookup import invalidate

API_DIR = Path(__file__).resolve().parent
STATIC_DIR = API_DIR / "static"
TEMPLATES_DIR = API_DIR / "templates"


def swap_store(app: FastAPI, store: GraphStore) -> GraphStore | None:
    """Serve `store` from now on; returns the previous one (the caller closes it if it owns it)."""
    previous: GraphStore | None = app.state.store
    app.state.store = store
    app.state.store_error = None
    app.state.views = {}
    # Cached responses (api/cache.py) are keyed on this; a new store never sees the old answers.
    app.state.store_generation = getattr(app.state, "store_generation", 0) + 1
    memo = getattr(app.state, "memo", None)
    if memo is not None:  # answers of the old store (api/memo.py) can never be asked for again
        memo.clear()
    invalidate(store)
    if previous is not None and previous is not store:
        invalidate(previous)
    return previous


def graph_view(app: FastAPI, store: GraphStore) -> GraphView:
    """The whole graph of the served store, read once: pages and exports walk it without round trips."""
    views: dict[int, GraphView] = app.state.views
    view = views.get(id(store))
    if view is None or view.store is not store:
        view = GraphView.from_store(store)
        views.clear()
        views[id(store)] = view
    return view
