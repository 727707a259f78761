"""neighborhood: the nodes and relationships around one node, filtered and bounded, closest first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.model import DOCUMENT, DOMAIN, LABELS, REL_TYPES, Node, Relation
from graph.store import GraphStore
from queries.common import (
    brief,
    check_limit,
    check_round,
    evidence_of,
    items_in_domain,
    node_by_id,
    node_key,
    resolve,
    resolve_domain,
)
from queries.errors import InvalidQuery

# Hubs: a field, a document, the province, the 26-county group. One step through any of them reaches most
# of the graph, so the pages' drawing shows them but does not expand them. The neighborhood query walks
# through them by default (its answer has always been every node within `depth`); `through_hubs=False`
# is the drawing's rule. Relationship-type hubs for paths are queries/paths.py's HUB_TYPES.
HUB_LABELS = (DOMAIN, DOCUMENT)
HUB_LEVELS = ("province", "group")


def is_hub(node: Node) -> bool:
    return node.label in HUB_LABELS or node.props.get("level") in HUB_LEVELS


def expands(node: Node, distance: int, through_hubs: bool) -> bool:
    """Whether a walk goes on from a node it reached at `distance` steps (the start always does)."""
    return distance == 0 or through_hubs or not is_hub(node)


@dataclass
class NeighborhoodResult:
    query: str
    params: dict[str, Any]
    center: dict[str, Any]
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "center": self.center, "nodes": self.nodes,
                "edges": self.edges, "truncated": self.truncated}


def _check_names(values: Iterable[str] | None, allowed: tuple[str, ...], what: str) -> list[str] | None:
    if values is None:
        return None
    out = sorted(set(values))
    unknown = [v for v in out if v not in allowed]
    if unknown:
        raise InvalidQuery(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(allowed)})")
    return out


def neighborhood(store: GraphStore, node: str, depth: int = 1, labels: Iterable[str] | None = None,
                 rel_types: Iterable[str] | None = None, domain: str | None = None, round: str | None = None,
                 limit: int = 200, through_hubs: bool = True) -> NeighborhoodResult:
    """Breadth-first from `node` up to `depth` steps, either direction, keeping at most `limit` nodes.

    Filters: `labels` (nodes of other labels are neither shown nor walked through; the center always
    is), `rel_types`, `domain` (relationships whose `domains` name the field, or that touch a measure or
    project in it), `round` (relationships stated in that round; timeless ones such as PART_OF stay).
    Nodes are kept by distance, then label, then id, so a smaller limit keeps the closest ones.
    With `through_hubs=False` a hub reached (see `is_hub`) is kept but not walked through.
    """
    check_limit(depth, "depth", 0, 4)
    check_limit(limit, "limit", 1, 5000)
    label_set = _check_names(labels, LABELS, "labels")
    type_set = _check_names(rel_types, REL_TYPES, "relationship types")
    round_ = check_round(store, round, allow_all=False)
    center = resolve(store, node, None, "node")
    dom = resolve_domain(store, domain)
    in_domain = items_in_domain(store, dom.id) if dom else set()

    def passes(r: Relation) -> bool:
        if round_ and r.props.get("rounds") and round_ not in r.props["rounds"]:
            return False
        if dom is None:
            return True
        return (dom.id in r.props.get("domains", []) or r.source in in_domain or r.target in in_domain
                or r.target == dom.id)

    distance = {center.id: 0}
    frontier = [center.id]
    truncated = False
    for d in range(1, depth + 1):
        if not frontier:
            break
        found: set[str] = set()
        for r in store.relations_around(frontier, type_set):
            if passes(r):
                found |= {r.source, r.target}
        fresh = [node_by_id(store, i) for i in sorted(found - set(distance))]
        candidates = sorted((n for n in fresh if n is not None and (label_set is None or n.label in label_set)),
                            key=node_key)
        room = limit - len(distance)
        if len(candidates) > room:
            candidates, truncated = candidates[:room], True
        for n in candidates:
            distance[n.id] = d
        frontier = [n.id for n in candidates if expands(n, d, through_hubs)]
        if truncated:
            break
    kept = {i: node_by_id(store, i) for i in distance}
    edges = [r for r in store.relations_among(sorted(distance), type_set) if passes(r)]
    nodes = sorted((n for n in kept.values() if n is not None), key=lambda n: (distance[n.id], *node_key(n)))
    params = {"node": center.id, "depth": depth, "labels": label_set, "rel_types": type_set,
              "domain": dom.id if dom else None, "round": round_, "limit": limit}
    return NeighborhoodResult(
        "neighborhood", params, brief(center),
        [brief(n) | {"distance": distance[n.id]} for n in nodes],
        [{"id": r.id, "type": r.type, "source": r.source, "target": r.target, "props": r.props,
          "evidence": evidence_of([r])} for r in sorted(edges, key=lambda x: x.id)],
        truncated)


__all__ = ["HUB_LABELS", "HUB_LEVELS", "NeighborhoodResult", "expands", "is_hub", "neighborhood"]
