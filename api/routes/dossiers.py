"""Pages for people: region and organisation dossiers and the source viewer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages.document import document_context
from api.pages.organization import organization_context
from api.pages.region import region_context
from api.pages.render import CSP, render_page
from api.state import graph_view
from graph.model import ORGANIZATION, REGION
from queries.lookup import lookup_for

router = APIRouter(tags=["pages"], include_in_schema=False)

NamePath = Annotated[str, Path(description="id, Chinese name, short name, alias or pinyin")]


def html(body: str) -> HTMLResponse:
    return HTMLResponse(body, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})


@router.get("/regions/{name}", response_class=HTMLResponse)
def region_page(request: Request, store: StoreDep, name: NamePath) -> HTMLResponse:
    node = lookup_for(store).resolve(name, (REGION,))
    return html(render_page("region.html", **region_context(graph_view(request.app, store), node)))


@router.get("/organizations/{name}", response_class=HTMLResponse)
def organization_page(request: Request, store: StoreDep, name: NamePath) -> HTMLResponse:
    node = lookup_for(store).resolve(name, (ORGANIZATION,))
    return html(render_page("organization.html", **organization_context(graph_view(request.app, store), node)))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, store: StoreDep,
                  doc_id: Annotated[str, Path(max_length=200, description="an evidence item's `document`")],
                  hl: Annotated[str | None, Query(max_length=500, description="the evidence's locator")] = None,
                  ) -> HTMLResponse:
    context = document_context(graph_view(request.app, store), doc_id, hl, None)
    return html(render_page("document.html", **context))
