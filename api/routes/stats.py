"""Counts of the served graph, build checks and warnings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from api.examples import STATS_EXAMPLE, example
from api.jsonresp import FastJSON
from api.state import graph_view
from graph.model import SUPPORTS

router = APIRouter(prefix="/api", tags=["stats"], responses=ERROR_RESPONSES, default_response_class=FastJSON)


@router.get("/stats", summary="Node and relationship counts, checks, warnings",
            responses={200: example(STATS_EXAMPLE)})
def stats(request: Request, store: StoreDep) -> dict[str, Any]:
    counts = store.counts()
    view = graph_view(request.app, store)
    mechanisms: dict[str, int] = {}
    for r in view.relations:
        if r.type == SUPPORTS:
            key = str(r.props.get("mechanism", "?"))
            mechanisms[key] = mechanisms.get(key, 0) + 1
    return {
        "store": store.kind,
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "node_total": sum(counts["nodes"].values()),
        "relationship_total": sum(counts["relationships"].values()),
        "relationships_without_evidence": sum(1 for r in view.relations if not r.evidence),
        "supports_by_mechanism": dict(sorted(mechanisms.items())),
        "rounds": view.rounds(),
        # Only the memory store has the snapshot's build report; Neo4j holds the graph alone.
        "checks": store.checks,
        "warnings": store.warnings,
    }
