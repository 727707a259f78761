"""The organisation page: whom it supports, in which fields, through which measures and projects."""

from __future__ import annotations

from typing import Any

from api.graphview import GraphView
from api.pages.dossier import documents, field_grid, round_names
from graph.model import DOMAIN, Node
from queries.projects import measures, projects
from queries.support import supported_by


def organization_context(view: GraphView, node: Node) -> dict[str, Any]:
    store = view.store
    supports = [s.to_dict() for s in supported_by(store, node.id, round="all").supporters]
    domain_names = {n.id: n.name for n in view.nodes.values() if n.label == DOMAIN}
    supported_measures = measures(store, supporter=node.id).items
    responsible = measures(store, responsible=node.id).items
    supported_projects = projects(store, supporter=node.id).items
    owned = [p for p in projects(store, owner=node.id).items if p not in supported_projects]
    return {
        "title": node.name,
        "node": node,
        "facts": {k: v for k, v in node.props.items() if k in ("kind", "region", "aliases", "en", "level")},
        "supports": supports,
        "grid": field_grid(supports, domain_names),
        "measures": supported_measures,
        "responsible": responsible,
        "projects": supported_projects + owned,
        "documents": documents(view),
        "round_names": round_names(view),
        "domain_names": domain_names,
    }
