"""The generic half of every store: capabilities worked out from `relations_of`, build metadata."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model import (
    Node,
    Relation,
)
from graph.support import SupportFact, derive_support_facts


class StoreBase:
    """Backends subclass this and override a capability where they can answer it faster."""

    kind = "base"
    immutable = False
    snapshot_meta: dict[str, Any] = {}  # noqa: RUF012 - replaced per instance where the backend has them
    checks: list[dict[str, Any]] = []  # noqa: RUF012
    warnings: list[dict[str, Any]] = []  # noqa: RUF012

    @property
    def location(self) -> str | None:
        return None

    def relations_of(self, node_ids: Iterable[str], direction: str = "both",
                     types: Iterable[str] | None = None) -> list[Relation]:
        raise NotImplementedError

    def nodes(self, label: str | None = None) -> list[Node]:
        raise NotImplementedError

    def all_relations(self, types: Iterable[str] | None = None) -> list[Relation]:
        raise NotImplementedError

    def support_facts(self, recipient: str | None = None, supporter: str | None = None) -> list[SupportFact]:
        # Generic and slow (the whole graph per call); a backend keeps the facts the build derived.
        return [f for f in derive_support_facts(self.nodes(), self.all_relations())
                if (recipient is None or f.recipient == recipient) and (supporter is None or f.supporter == supporter)]

    def relations_around(self, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
        return self.relations_of(node_ids, "both", types)

    def relations_among(self, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
        kept = set(node_ids)
        return [r for r in self.relations_of(node_ids, "both", types) if r.source in kept and r.target in kept]
