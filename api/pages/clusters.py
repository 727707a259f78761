"""Readable neighbourhoods: items grouped by field into clusters, labels only for parties, layered levels.

A county's neighbourhood holds a dozen partners and many measures, projects and indicators. The page
draws the partners; the items go into one cluster node per field (vis-network clustering, opened
by a click in viz.js), and only regions and organisations carry a label until asked for.
"""

from __future__ import annotations

from typing import Any

from api.graphview import GraphView
from api.pages.select import Selection
from graph.model import INDICATOR, MEASURE, ORGANIZATION, PROJECT, REGION, SUPPORTS, Node

ITEM_LABELS = (MEASURE, PROJECT, INDICATOR)
LABELLED = (REGION, ORGANIZATION)
NO_FIELD = "field:none"
MIN_CLUSTER = 2  # a single item is drawn as itself


def item_field(view: GraphView, node: Node) -> str:
    """The field an item is grouped under: its first field, or 'no field stated'."""
    domains = view.item_domains.get(node.id, [])
    return domains[0] if domains else NO_FIELD


def cluster_plan(view: GraphView, sel: Selection) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Node id → the cluster it joins, and the clusters (id, name, count) — only around a focus."""
    if sel.focus is None:
        return {}, []
    members: dict[str, str] = {}
    for n in sel.nodes:
        if n.label in ITEM_LABELS and n.id != sel.focus.id:
            members[n.id] = item_field(view, n)
    counts: dict[str, int] = {}
    for f in members.values():
        counts[f] = counts.get(f, 0) + 1
    kept = {f for f, c in counts.items() if c >= MIN_CLUSTER}
    members = {k: f for k, f in members.items() if f in kept}
    clusters = []
    for f in sorted(kept):
        node = view.nodes.get(f)
        clusters.append({"id": f, "name": node.name if node else "未标明领域 no field stated", "count": counts[f]})
    return members, clusters


def levels(sel: Selection) -> dict[str, int]:
    """Layered layout: supporters of the focus (0) → the focus (1) → everything else (2)."""
    if sel.focus is None:
        return {}
    focus = sel.focus.id
    supporters = {r.source for r in sel.relations if r.target == focus and r.type == SUPPORTS}
    out = {}
    for n in sel.nodes:
        out[n.id] = 1 if n.id == focus else 0 if n.id in supporters else 2
    return out


def shows_label(n: Node, focus: Node | None) -> bool:
    return n.label in LABELLED or (focus is not None and n.id == focus.id)
