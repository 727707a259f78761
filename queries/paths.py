"""path: the shortest connection between two nodes, as typed steps with their evidence."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import IN_DOMAIN, MEMBER_OF, PART_OF, REL_TYPES, Relation
from graph.store import GraphStore
from queries.common import (
    brief,
    check_limit,
    evidence_of,
    mechanism_key,
    node_by_id,
    resolve,
)
from queries.derived import derived
from queries.errors import InvalidQuery

# Hub relationships tie a node to a city, a field or the 山区26县 group: through them any two counties
# are two hops apart, which says nothing. They are used only when no path exists without them.
HUB_TYPES = (PART_OF, IN_DOMAIN, MEMBER_OF)
# Among equally short paths the one through the most telling relationships wins, then the smallest ids.
TYPE_RANK = {"SUPPORTS": 0, "SUPPORTS_PROJECT": 1, "SUPPORTS_MEASURE": 1, "OWNS": 2, "LOCATED_IN": 2,
             "BENEFITS": 2, "FOR": 3, "MENTIONS": 3, "RESPONSIBLE_FOR": 4, MEMBER_OF: 5, PART_OF: 6, IN_DOMAIN: 7}
MAX_CANDIDATES = 5000  # shortest paths compared for the tie-break; enough for this graph's hubs


@dataclass
class PathStep:
    source: dict[str, Any]  # the step's "from" node
    type: str
    direction: str  # "forward": from -[type]-> to; "backward": from <-[type]- to
    target: dict[str, Any]  # the step's "to" node
    relation: dict[str, Any]
    evidence: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "type": self.type, "direction": self.direction, "to": self.target,
                "relation": self.relation, "evidence": self.evidence}


@dataclass
class PathResult:
    query: str
    params: dict[str, Any]
    found: bool
    used_hubs: bool
    steps: list[PathStep] = field(default_factory=list)
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "found": self.found, "hops": len(self.steps),
                "used_hubs": self.used_hubs, "steps": [s.to_dict() for s in self.steps], "message": self.message}


def path(store: GraphStore, a: str, b: str, max_hops: int = 4) -> PathResult:
    """Shortest undirected connection from a to b within max_hops, hub relationships only if needed."""
    check_limit(max_hops, "max_hops", 1, 8)
    start = resolve(store, a, None, "a")
    end = resolve(store, b, None, "b")
    params = {"a": start.id, "b": end.id, "max_hops": max_hops}
    if start.id == end.id:
        raise InvalidQuery(f"a and b are the same node ({start.id})")
    plain = [t for t in REL_TYPES if t not in HUB_TYPES]
    for used_hubs, types in ((False, plain), (True, list(REL_TYPES))):
        best = _shortest(_graph(store, used_hubs, types), start.id, end.id, max_hops)
        if best is not None:
            steps = [_step(store, frm, to, rel) for frm, to, rel in best]
            return PathResult("path", params, True, used_hubs, steps,
                              f"{start.name} and {end.name} are {len(steps)} step(s) apart: {_said(steps)}.")
    return PathResult("path", params, False, True, [],
                      f"Not in the graph: no connection between {start.name} and {end.name} "
                      f"within {max_hops} steps.")


Pairs = dict[tuple[str, str], Relation]


def _graph(store: GraphStore, used_hubs: bool, types: list[str]) -> tuple[Pairs, nx.Graph]:
    """The undirected graph of `types` with the relationship standing for each pair: once per snapshot
    of an immutable store (building it was most of a path call); per call on Neo4j, whose data can
    change underneath."""
    if not store.immutable:
        return _pairs_graph(store.all_relations(types))
    return derived(store, ("paths.graph", used_hubs), lambda _: _pairs_graph(store.all_relations(types)))


def _pairs_graph(rels: list[Relation]) -> tuple[Pairs, nx.Graph]:
    best_edge: Pairs = {}
    for r in rels:
        if r.source == r.target:
            continue
        pair = (min(r.source, r.target), max(r.source, r.target))
        cur = best_edge.get(pair)
        if cur is None or _edge_key(r) < _edge_key(cur):
            best_edge[pair] = r
    g: nx.Graph = nx.Graph()
    for pair in sorted(best_edge):
        g.add_edge(*pair)
    return best_edge, g


def _shortest(graph: tuple[Pairs, nx.Graph], a: str, b: str, max_hops: int) -> list[tuple[str, str, Relation]] | None:
    best_edge, g = graph  # shared between calls: read only
    if a not in g or b not in g:
        return None
    try:
        length = nx.shortest_path_length(g, a, b)
    except nx.NetworkXNoPath:
        return None
    if length > max_hops:
        return None

    def cost(nodes: list[str]) -> tuple[int, list[str]]:
        pairs = itertools.pairwise(nodes)
        return sum(TYPE_RANK.get(best_edge[(min(x, y), max(x, y))].type, 9) for x, y in pairs), nodes

    candidates = itertools.islice(nx.all_shortest_paths(g, a, b), MAX_CANDIDATES)
    nodes = min(candidates, key=cost)
    return [(x, y, best_edge[(min(x, y), max(x, y))]) for x, y in itertools.pairwise(nodes)]


def _edge_key(r: Relation) -> tuple[int, tuple[int, str], str]:
    """Between two nodes the most telling relationship stands for the pair: a formal pairing first."""
    return TYPE_RANK.get(r.type, 9), mechanism_key(r.props.get("mechanism")), r.id


def _step(store: GraphStore, frm: str, to: str, rel: Relation) -> PathStep:
    a, b = node_by_id(store, frm), node_by_id(store, to)
    assert a is not None and b is not None
    keys = ("level", "mechanism", "rounds", "domains", "role")
    props: dict[str, Any] = {k: rel.props[k] for k in keys if k in rel.props}
    return PathStep(brief(a), rel.type, "forward" if rel.source == frm else "backward", brief(b),
                    {"id": rel.id, **props}, evidence_of([rel]))




def _said(steps: list[PathStep]) -> str:
    """The steps as sentences a reader follows (杭州市 SUPPORTS 衢州市 (city_pairing, 2021-provincial))."""
    out = []
    for st in steps:
        frm, to = (st.source, st.target) if st.direction != "backward" else (st.target, st.source)
        how = [str(st.relation.get("mechanism") or ""), *map(str, st.relation.get("rounds") or [])]
        detail = ", ".join(h for h in how if h)
        out.append(f"{frm.get('name')} {st.type} {to.get('name')}" + (f" ({detail})" if detail else ""))
    return "; ".join(out)


__all__ = ["HUB_TYPES", "PathResult", "PathStep", "path"]
