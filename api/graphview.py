"""A read-only, in-process view of a store's whole graph, for pages and exports (same for both stores)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.model import DOCUMENT, IN_DOMAIN, MEASURE, PROJECT, Node, Relation
from graph.store import GraphStore


@dataclass
class GraphView:
    store: GraphStore
    nodes: dict[str, Node]
    relations: list[Relation]
    out: dict[str, list[Relation]] = field(default_factory=dict)
    inc: dict[str, list[Relation]] = field(default_factory=dict)
    item_domains: dict[str, list[str]] = field(default_factory=dict)
    # Support relationship id → the fields of its support facts (graph.support, the one definition).
    support_domains: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: GraphStore) -> GraphView:
        nodes = {n.id: n for n in store.nodes()}
        rels = store.all_relations()
        out: dict[str, list[Relation]] = defaultdict(list)
        inc: dict[str, list[Relation]] = defaultdict(list)
        items: dict[str, set[str]] = defaultdict(set)
        for r in rels:
            out[r.source].append(r)
            inc[r.target].append(r)
            if r.type == IN_DOMAIN:
                items[r.source].add(r.target)
        support: dict[str, set[str]] = defaultdict(set)
        for f in store.support_facts():
            support[f.relation_id].update(f.domains)
        return cls(store, nodes, rels, dict(out), dict(inc), {k: sorted(v) for k, v in items.items()},
                   {k: sorted(v) for k, v in support.items()})

    def relations_at(self, node_id: str) -> list[Relation]:
        return self.out.get(node_id, []) + self.inc.get(node_id, [])

    def degree(self, node_id: str) -> int:
        return len(self.out.get(node_id, [])) + len(self.inc.get(node_id, []))

    def edge_domains(self, rel: Relation) -> list[str]:
        """The fields an edge is about: a support relationship's support facts' fields (support through a
        health measure is health support), else its own `domains`, those of the measure or project it
        touches, or the IN_DOMAIN target."""
        rid = rel.id
        if rid in self.support_domains:
            return self.support_domains[rid]
        found = set(rel.props.get("domains", []))
        if rel.type == IN_DOMAIN:
            found.add(rel.target)
        for end in (rel.source, rel.target):
            node = self.nodes.get(end)
            if node is not None and node.label in (MEASURE, PROJECT):
                found.update(self.item_domains.get(end, []))
        return sorted(found)

    def rounds(self) -> list[str]:
        found = {x for r in self.relations for x in r.props.get("rounds", [])}
        # Round ids lead with their first year (2018-wenzhou < 2021-provincial < 2025-2027).
        return sorted(found, key=lambda x: (x[:4], x))

    def documents(self) -> dict[str, dict[str, Any]]:
        """Evidence `document` ids → the title, 文号 and date of the Document node they name."""
        out: dict[str, dict[str, Any]] = {}
        for n in self.nodes.values():
            if n.label != DOCUMENT:
                continue
            info = {"id": n.id, "title": n.props.get("title") or n.name, "number": n.props.get("number"),
                    "date": n.props.get("date"), "issuer": n.props.get("issuer")}
            out[n.id] = info
            if n.id.startswith("doc:"):
                out[n.id[len("doc:"):]] = info
        return out
