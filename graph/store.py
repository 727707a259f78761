"""The store interface both backends implement, and how to open one from settings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from graph.model import Node, Relation


class StoreUnavailable(Exception):
    """The store cannot be reached (Neo4j down, no snapshot). Carries a one-line, actionable message."""


@runtime_checkable
class GraphStore(Protocol):
    """Read access to the built graph. `kind` is "memory" or "neo4j"."""

    kind: str

    def node(self, node_id: str) -> Node | None: ...

    def nodes(self, label: str | None = None) -> list[Node]: ...

    def relations_of(self, node_ids: Iterable[str], direction: str = "both",
                     types: Iterable[str] | None = None) -> list[Relation]: ...

    def all_relations(self, types: Iterable[str] | None = None) -> list[Relation]: ...

    def counts(self) -> dict[str, dict[str, int]]: ...

    def ping(self) -> bool: ...

    def close(self) -> None: ...


def open_store(backend: str = "memory", graph_dir: Path | None = None) -> GraphStore:
    """Open the memory store from a snapshot, or connect to Neo4j with NEO4J_* settings."""
    if backend == "memory":
        from graph.memory_store import MemoryStore
        from graph.reference import BUILD_DIR

        return MemoryStore.from_snapshot(graph_dir or BUILD_DIR)
    if backend == "neo4j":
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_env()
    raise ValueError(f"unknown backend {backend!r} (memory or neo4j)")
