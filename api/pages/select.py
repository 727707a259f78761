"""Which part of the graph a page draws: the whole network or one node's neighbourhood, always bounded."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from api.graphview import GraphView
from graph.model import (
    DOCUMENT,
    DOMAIN,
    INDICATOR,
    MEASURE,
    MENTIONS,
    ORGANIZATION,
    PART_OF,
    PROJECT,
    REGION,
    SUPPORTS,
    Node,
    Relation,
)
from queries.neighborhood import expands

# Drawing priority when the node budget runs out: the pairing network first, then what it carries.
_TYPE_RANK = {REGION: 0, ORGANIZATION: 1, DOMAIN: 2, PROJECT: 3, MEASURE: 4, INDICATOR: 5, DOCUMENT: 6}


@dataclass
class Selection:
    """Node ids and relationships to draw, and what the bound left out."""

    nodes: list[Node]
    relations: list[Relation]
    focus: Node | None = None
    depth: int | None = None
    total_nodes: int = 0
    distance: dict[str, int] = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return len(self.nodes) < self.total_nodes


def whole(view: GraphView, limit: int) -> Selection:
    """The support network: every node on a relationship other than the gazetteer's PART_OF and
    plain mentions, most connected first by type, then the relationships among the kept nodes."""
    relevant = [r for r in view.relations if r.type not in (PART_OF, MENTIONS)]
    degree: dict[str, int] = {}
    supports: set[str] = set()
    for r in relevant:
        for end in (r.source, r.target):
            degree[end] = degree.get(end, 0) + 1
        if r.type == SUPPORTS:
            supports.update((r.source, r.target))
    candidates = [view.nodes[i] for i in degree if i in view.nodes and view.nodes[i].label != DOCUMENT]
    candidates.sort(key=lambda n: (n.id not in supports, _TYPE_RANK.get(n.label, 9), -degree[n.id], n.id))
    kept = candidates[:limit]
    ids = {n.id for n in kept}
    rels = [r for r in view.relations if r.source in ids and r.target in ids and r.type != MENTIONS]
    return Selection(sorted(kept, key=lambda n: n.id), rels, total_nodes=len(candidates))


def neighbourhood(view: GraphView, focus: Node, depth: int, limit: int) -> Selection:
    """Everything within `depth` steps of `focus` (not expanding through hubs: queries.neighborhood.is_hub),
    nearest first."""
    distance = {focus.id: 0}
    queue = deque([focus.id])
    while queue:
        current = queue.popleft()
        d = distance[current]
        node = view.nodes.get(current)
        if d >= depth or node is None or not expands(node, d, through_hubs=False):
            continue
        for r in view.relations_at(current):
            other = r.target if r.source == current else r.source
            other_node = view.nodes.get(other)
            if other not in distance and other_node is not None and other_node.label != DOCUMENT:
                distance[other] = d + 1
                queue.append(other)
    ranked = sorted(distance, key=lambda i: (distance[i], _TYPE_RANK.get(view.nodes[i].label, 9),
                                              -view.degree(i), i))
    kept = set(ranked[:limit])
    rels = []
    seen: set[str] = set()
    for node_id in sorted(kept):
        for r in view.relations_at(node_id):
            if r.id in seen or r.source not in kept or r.target not in kept:
                continue
            # Between two nodes both farther out, only draw what explains how they were reached.
            if distance[r.source] == depth and distance[r.target] == depth and r.type != SUPPORTS:
                continue
            seen.add(r.id)
            rels.append(r)
    rels.sort(key=lambda r: r.id)
    return Selection([view.nodes[i] for i in sorted(kept)], rels, focus, depth, len(distance),
                     {i: distance[i] for i in kept})
