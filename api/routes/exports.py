"""Whole-graph downloads: JSON, GraphML, and a CSV zip for `neo4j-admin database import`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from api import exports
from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from api.state import graph_view

router = APIRouter(prefix="/api", tags=["exports"], responses=ERROR_RESPONSES)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/export.json", summary="The whole graph as JSON (nodes, relations, evidence)")
def export_json(request: Request, store: StoreDep) -> JSONResponse:
    return JSONResponse(exports.to_json(graph_view(request.app, store)), headers=_attachment("shanhai-graph.json"))


@router.get("/export.graphml", summary="The whole graph as GraphML",
            responses={200: {"content": {"application/graphml+xml": {}}}})
def export_graphml(request: Request, store: StoreDep) -> Response:
    return Response(exports.to_graphml(graph_view(request.app, store)), media_type="application/graphml+xml",
                    headers=_attachment("shanhai-graph.graphml"))


@router.get("/export.csv", summary="A zip of CSV files for neo4j-admin database import",
            description=exports.__doc__ or "", responses={200: {"content": {"application/zip": {}}}})
def export_csv(request: Request, store: StoreDep) -> Response:
    return Response(exports.to_neo4j_csv_zip(graph_view(request.app, store)), media_type="application/zip",
                    headers=_attachment("shanhai-graph-neo4j-import.zip"))
