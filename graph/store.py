"""The store interface both backends implement, what opening one needs, and its errors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from graph.model import Node, Relation
from graph.support import SupportFact

if TYPE_CHECKING:
    from graph.snapshot import Snapshot


class StoreUnavailable(Exception):
    """The store cannot be reached (Neo4j down, no snapshot). Carries a one-line, actionable message."""


@dataclass(frozen=True)
class StoreConfig:
    """What opening a store needs; api.settings.Settings fills it from the environment (read once there)."""

    backend: str = "memory"
    graph_dir: Path | None = None  # the memory store's snapshot directory (None: data/build)
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""  # empty: connect without auth
    neo4j_database: str = "neo4j"


@runtime_checkable
class GraphStore(Protocol):
    """Read access to the built graph, the same answers from every backend.

    `kind` names the backend for people (stats, health); code never branches on it: what differs
    between backends is a capability below (graph.store_base.StoreBase gives the generic version).
    """

    kind: str
    # True when the data cannot change while the store is open (a snapshot in memory): answers may
    # then be replayed. False for a server other writers can change.
    immutable: bool
    # What the build recorded: documents and rounds (snapshot_meta), the checks and the warnings.
    snapshot_meta: dict[str, Any]
    checks: list[dict[str, Any]]
    warnings: list[dict[str, Any]]

    @property
    def location(self) -> str | None:
        """Where the data lives, for messages (a snapshot directory, a server URI)."""
        ...

    def node(self, node_id: str) -> Node | None: ...

    def nodes(self, label: str | None = None) -> list[Node]: ...

    def relations_of(self, node_ids: Iterable[str], direction: str = "both",
                     types: Iterable[str] | None = None) -> list[Relation]: ...

    def all_relations(self, types: Iterable[str] | None = None) -> list[Relation]: ...

    def counts(self) -> dict[str, dict[str, int]]: ...

    def ping(self) -> bool: ...

    def close(self) -> None: ...

    # -- capabilities (walks the named queries need; a backend may answer them in one round trip) --
    def support_facts(self, recipient: str | None = None, supporter: str | None = None) -> list[SupportFact]:
        """The support facts (graph.support) into `recipient` and/or from `supporter` (None: any), in
        the order they were derived: recipient, supporter, via, item, relationship id."""
        ...

    def relations_around(self, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
        """`relations_of(node_ids, "both", types)`; evidence may be left out (walks read ends and props)."""
        ...

    def relations_among(self, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
        """The relationships around `node_ids` whose two ends are both in `node_ids`, with evidence."""
        ...

    def reloaded(self, snap: Snapshot) -> tuple[GraphStore, dict[str, Any]]:
        """A store serving `snap` (a new one, or this one after writing it) and what was done."""
        ...
