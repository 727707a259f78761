"""supporter_reach: supporters ranked by the counties and fields they reach, with degree and centrality."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import REGION
from graph.store import GraphStore
from queries.common import (
    brief,
    check_limit,
    node_by_id,
)
from queries.rows import SupporterRow


@dataclass(frozen=True)
class ReachRow(SupporterRow):
    """One supporter: how many counties, fields and regions it reaches, and its betweenness centrality."""

    supporter: dict[str, Any]  # the supporter's brief
    counties: int
    fields: int
    degree: int  # distinct regions supported
    centrality: float
    regions: tuple[tuple[str, str], ...]  # (id, name) of each region supported, by id
    domains: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return self.supporter | {
            "counties": self.counties, "fields": self.fields, "degree": self.degree, "centrality": self.centrality,
            "regions": [{"id": i, "name": n} for i, n in self.regions], "domains": list(self.domains)}


@dataclass
class ReachResult:
    query: str
    params: dict[str, Any]
    supporters: list[ReachRow] = field(default_factory=list)
    total: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "total": self.total,
                "supporters": [r.to_dict() for r in self.supporters]}


def support_edges(store: GraphStore) -> dict[tuple[str, str], set[str]]:
    """(supporter, supported region) → fields, from the store's support facts (every programme)."""
    edges: dict[tuple[str, str], set[str]] = {}
    for f in store.support_facts():
        edges.setdefault((f.supporter, f.recipient), set()).update(f.domains)
    return edges


def supporter_reach(store: GraphStore, limit: int = 20) -> ReachResult:
    """Every supporter with the regions (and among them counties) and fields it reaches.

    Ranked by counties, then fields, then degree (distinct regions supported), then id. The
    centrality is betweenness on the undirected supporter–region graph (normalised, 6 decimals);
    the graph is built from sorted edges so both stores give the same numbers.
    """
    check_limit(limit, "limit", 1, 1000)
    edges = support_edges(store)
    g: nx.Graph = nx.Graph()
    for source, target in sorted(edges):
        g.add_edge(source, target)
    centrality = nx.betweenness_centrality(g, normalized=True) if g.number_of_nodes() > 2 else {}
    reach: dict[str, dict[str, set[str]]] = {}
    for (source, target), domains in sorted(edges.items()):
        row = reach.setdefault(source, {"regions": set(), "domains": set()})
        row["regions"].add(target)
        row["domains"].update(domains)
    rows = []
    for supporter_id, row in reach.items():
        node = node_by_id(store, supporter_id)
        if node is None:
            continue
        regions = [node_by_id(store, i) for i in sorted(row["regions"])]
        counties = [n for n in regions if n is not None and n.label == REGION and n.props.get("level") == "county"]
        rows.append(ReachRow(brief(node), len(counties), len(row["domains"]), len(row["regions"]),
                             round(float(centrality.get(supporter_id, 0.0)), 6),
                             tuple((n.id, n.name) for n in regions if n is not None), tuple(sorted(row["domains"]))))
    rows.sort(key=lambda x: (-x.counties, -x.fields, -x.degree, x.id))
    return ReachResult("supporter_reach", {"limit": limit}, rows[:limit], len(rows))


__all__ = ["ReachResult", "ReachRow", "support_edges", "supporter_reach"]
