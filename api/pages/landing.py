"""The landing page's content, all from the graph: the mountain counties by city and by category."""

from __future__ import annotations

from typing import Any

from api.graphview import GraphView
from graph.model import DOCUMENT, REGION, Node

UNCLASSIFIED = "未分类 · category not stated by the loaded documents"


def landing_context(view: GraphView) -> dict[str, Any]:
    regions = [n for n in view.nodes.values() if n.label == REGION]
    cities = {n.name: n for n in regions if n.props.get("level") == "city"}
    mountain = sorted((n for n in regions if n.props.get("mountain")), key=lambda n: n.id)
    by_city: dict[str, list[Node]] = {}
    for n in mountain:
        by_city.setdefault(str(n.props.get("city", "")), []).append(n)
    by_category: dict[str, list[Node]] = {}
    for n in mountain:
        by_category.setdefault(str(n.props.get("category") or UNCLASSIFIED), []).append(n)
    categories = sorted(by_category, key=lambda c: (c == UNCLASSIFIED, c))
    documents = sum(1 for n in view.nodes.values() if n.label == DOCUMENT and not n.id.startswith("ref:"))
    return {
        "by_city": [(cities.get(city), by_city[city]) for city in sorted(by_city, key=lambda c: (
            cities[c].id if c in cities else "~" + c))],
        "by_category": [(c, by_category[c]) for c in categories],
        "mountain_total": len(mountain),
        "counts": {"nodes": len(view.nodes), "relationships": len(view.relations), "documents": documents},
        "store_kind": view.store.kind,
    }
