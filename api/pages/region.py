"""The region page: a dossier of one region from the named queries, every fact with its quote."""

from __future__ import annotations

from typing import Any

from api.graphview import GraphView
from api.pages.dossier import by_round, documents, field_grid, round_names
from graph.model import MEMBER_OF, REGION, Node
from queries.common import evidence_of
from queries.projects import measures, projects
from queries.region_profile import region_profile
from queries.support import supported_by, supporters_of


def region_context(view: GraphView, node: Node) -> dict[str, Any]:
    store = view.store
    profile = region_profile(store, node.id).to_dict()
    supporters = [s.to_dict() for s in supporters_of(store, node.id, round="all").supporters]
    supports = [s.to_dict() for s in supported_by(store, node.id, round="all").supporters]
    domain_names = {d["id"]: d["name"] for d in _domains(view)}
    groups = [r for r in store.relations_of([node.id], "out", [MEMBER_OF])]
    city = next((n for n in view.nodes.values() if n.label == REGION and n.name == node.props.get("city")), None)
    return {
        "title": node.name,
        "node": node,
        "profile": profile,
        "city": city,
        "groups": [{"node": view.nodes.get(r.target), "evidence": evidence_of([r])} for r in groups
                   if r.target in view.nodes],
        "rounds": by_round(store, supporters),
        "grid": field_grid(supporters, domain_names),
        "supporters": supporters,
        "supports": supports,
        "supports_grid": field_grid(supports, domain_names),
        "projects": projects(store, region=node.id).items,
        "measures": measures(store, region=node.id).items,
        "documents": documents(view),
        "round_names": round_names(view),
        "domain_names": domain_names,
    }


def _domains(view: GraphView) -> list[dict[str, str]]:
    return [{"id": n.id, "name": n.name} for n in sorted(view.nodes.values(), key=lambda n: n.id)
            if n.label == "Domain"]
