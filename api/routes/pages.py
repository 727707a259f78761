"""The HTML pages: `/` (counties by city and category), `/viz` and `/viz/{name}`, and `/find`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from api.deps import SettingsDep, StoreDep
from api.graphview import GraphView
from api.pages import select
from api.pages.landing import landing_context
from api.pages.links import entity_url
from api.pages.render import CSP, render_landing, render_viz
from api.state import STATIC_DIR, graph_view
from graph.model import Node
from graph.store import GraphStore
from queries.lookup import lookup_for

router = APIRouter(tags=["pages"], include_in_schema=False)

LimitParam = Annotated[int | None, Query(ge=10, le=5000, description="node budget of the drawing")]


def _html(body: str) -> HTMLResponse:
    return HTMLResponse(body, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})


def _resolve(store: GraphStore, name: str) -> Node:
    """Any node: by id first (measures, projects, documents), then by name, alias or pinyin."""
    return store.node(name) or lookup_for(store).resolve(name)


def _round_names(view: GraphView) -> dict[str, str]:
    meta = view.store.snapshot_meta or {}
    return {r["id"]: r.get("name", r["id"]) for r in meta.get("rounds", []) if "id" in r}


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (JSON views, /docs).
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")


@router.get("/", response_class=HTMLResponse)
def landing(request: Request, store: StoreDep) -> HTMLResponse:
    return _html(render_landing(landing_context(graph_view(request.app, store))))


@router.get("/find")
def find(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)],
         to: Annotated[Literal["viz", "page"], Query()] = "viz") -> RedirectResponse:
    """`to=page`: a region's or organisation's dossier; otherwise (and for other nodes) the network."""
    node = _resolve(store, q)
    target = entity_url(node) if to == "page" else f"/viz/{node.id}"
    return RedirectResponse(target, status_code=303)


@router.get("/viz", response_class=HTMLResponse)
def viz_whole(request: Request, store: StoreDep, settings: SettingsDep, limit: LimitParam = None) -> HTMLResponse:
    view = graph_view(request.app, store)
    budget = min(limit or settings.viz_max_nodes, settings.viz_max_nodes_hard)
    sel = select.whole(view, budget)
    return _html(render_viz(view, sel, "whole", "山海协作 network", _round_names(view), budget))


@router.get("/viz/{name}", response_class=HTMLResponse)
def viz_node(request: Request, store: StoreDep, settings: SettingsDep,
             name: Annotated[str, Path(description="id, name, short name, alias or pinyin")],
             depth: Annotated[int, Query(ge=1, le=2)] = 1, limit: LimitParam = None,
             layout: Annotated[Literal["force", "layered"], Query()] = "force") -> HTMLResponse:
    view = graph_view(request.app, store)
    node = _resolve(store, name)
    budget = min(limit or settings.viz_max_nodes, settings.viz_max_nodes_hard)
    sel = select.neighbourhood(view, view.nodes.get(node.id, node), depth, budget)
    title = f"{node.name} · depth {depth}"
    return _html(render_viz(view, sel, "node", title, _round_names(view), budget, layout))
