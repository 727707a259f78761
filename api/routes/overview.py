"""Pages over the whole programme: the map and the coverage heatmap (server-rendered, work without scripts)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages.coverage import coverage_context
from api.pages.map import map_context
from api.pages.render import render_page
from api.params import check_round
from api.routes.dossiers import html
from api.state import graph_view

router = APIRouter(tags=["pages"], include_in_schema=False)

Text = Annotated[str | None, Query(max_length=200)]


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, round: Text = None, field: Text = None, mechanism: Text = None,
             focus: Text = None) -> HTMLResponse:
    view = graph_view(request.app, store)
    rnd = check_round(view, round)
    context = map_context(view, rnd, field or None, mechanism or None, focus or None)
    context["filters"]["round"] = round if rnd else ""
    return html(render_page("map.html", **context))


@router.get("/coverage", response_class=HTMLResponse)
def coverage_page(request: Request, store: StoreDep, county: Text = None, field: Text = None) -> HTMLResponse:
    return html(render_page("coverage.html", **coverage_context(graph_view(request.app, store), county, field)))
