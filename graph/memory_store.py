"""The embedded store: a networkx MultiDiGraph loaded from the build snapshot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph import snapshot
from graph.model import Node, Relation
from graph.reference import BUILD_DIR
from graph.store import GraphStore, StoreConfig, StoreUnavailable
from graph.store_base import StoreBase
from graph.support import SupportFact, derive_support_facts


class MemoryStore(StoreBase):
    kind = "memory"
    immutable = True  # a snapshot: nothing changes it while it is open

    def __init__(self, nodes: list[Node], relations: list[Relation],
                 support: list[SupportFact] | None = None) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        for n in nodes:
            self.graph.add_node(n.id, record=n)
        for r in relations:
            self.graph.add_edge(r.source, r.target, key=r.id, record=r)
        # Adjacency by node, with each relationship's id, built once per snapshot: relations_of is
        # on every query's path, and walking networkx's edge views and re-hashing `Relation.id` per
        # edge was most of a supporters_of call (bench/PROFILE.md).
        self._out: dict[str, list[tuple[str, Relation]]] = {}
        self._in: dict[str, list[tuple[str, Relation]]] = {}
        for source, target, rid, rel in self.graph.edges(keys=True, data="record"):
            self._out.setdefault(source, []).append((rid, rel))
            self._in.setdefault(target, []).append((rid, rel))
        self._by_id: list[Relation] = [rel for _, rel in sorted(
            ((rid, rel) for _, _, rid, rel in self.graph.edges(keys=True, data="record")), key=lambda x: x[0])]
        self._support = derive_support_facts(nodes, relations) if support is None else support
        self._support_in: dict[str, list[SupportFact]] = {}
        self._support_out: dict[str, list[SupportFact]] = {}
        for f in self._support:
            self._support_in.setdefault(f.recipient, []).append(f)
            self._support_out.setdefault(f.supporter, []).append(f)

    @classmethod
    def from_snapshot(cls, directory: Path) -> MemoryStore:
        try:
            snap = snapshot.read(directory)
        except FileNotFoundError as exc:
            raise StoreUnavailable(str(exc)) from None
        store = cls.of(snap)
        store.directory = directory
        return store

    @classmethod
    def of(cls, snap: snapshot.Snapshot) -> MemoryStore:
        store = cls(snap.nodes, snap.relations, snap.support_facts())
        store.snapshot_meta, store.warnings, store.checks = snap.meta, snap.warnings, snap.checks
        return store

    directory: Path | None = None

    @property
    def location(self) -> str | None:
        return str(self.directory) if self.directory else None

    def node(self, node_id: str) -> Node | None:
        data = self.graph.nodes.get(node_id)
        return data["record"] if data else None

    def nodes(self, label: str | None = None) -> list[Node]:
        out = [d["record"] for _, d in self.graph.nodes(data=True)]
        return [n for n in out if label is None or n.label == label]

    def relations_of(self, node_ids: Iterable[str], direction: str = "both",
                     types: Iterable[str] | None = None) -> list[Relation]:
        wanted = set(types) if types else None
        seen: dict[str, Relation] = {}
        sides = [side for name, side in (("out", self._out), ("in", self._in)) if direction in (name, "both")]
        for nid in node_ids:
            for side in sides:
                for rid, rel in side.get(nid, ()):
                    if wanted is None or rel.type in wanted:
                        seen[rid] = rel
        return [seen[rid] for rid in sorted(seen)]

    def all_relations(self, types: Iterable[str] | None = None) -> list[Relation]:
        wanted = set(types) if types else None
        return [r for r in self._by_id if wanted is None or r.type in wanted]

    def support_facts(self, recipient: str | None = None, supporter: str | None = None) -> list[SupportFact]:
        if recipient is not None:
            return [f for f in self._support_in.get(recipient, ()) if supporter is None or f.supporter == supporter]
        if supporter is not None:
            return list(self._support_out.get(supporter, ()))
        return list(self._support)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": dict(sorted(Counter(n.label for n in self.nodes()).items())),
            "relationships": dict(sorted(Counter(r.type for r in self.all_relations()).items())),
        }

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        return None

    def reloaded(self, snap: snapshot.Snapshot) -> tuple[GraphStore, dict[str, Any]]:
        """A new store for the snapshot: requests in flight finish on this one, unchanged."""
        fresh = MemoryStore.of(snap)
        fresh.directory = self.directory
        return fresh, {"store": "memory", "nodes": len(snap.nodes), "relationships": len(snap.relations)}


def open_memory(config: StoreConfig) -> MemoryStore:
    return MemoryStore.from_snapshot(config.graph_dir or BUILD_DIR)
