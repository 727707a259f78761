"""What the named queries' typed rows share: evidence kept as records, each piece once, dicts only in to_dict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model import Evidence, Relation


def _key(e: Evidence) -> tuple[str, str, str, str | None]:
    # Two records are the same piece when their dicts are equal (an empty note is no note).
    return e.document, e.locator, e.quote, e.note or None


def merge_evidence(*parts: Iterable[Evidence | Relation]) -> tuple[Evidence, ...]:
    """Evidence of several facts as one tuple, each piece once, in the order met (as common.evidence_of)."""
    out: dict[tuple[str, str, str, str | None], Evidence] = {}
    for part in parts:
        for item in part:
            for e in item.evidence if isinstance(item, Relation) else (item,):
                out.setdefault(_key(e), e)
    return tuple(out.values())


class SupporterRow:
    """A row about one supporter, named by its brief (id, name, type …): its `id` and `name` read from it."""

    supporter: dict[str, Any]  # the supporter's brief; a dataclass subclass declares it as its field

    @property
    def id(self) -> str:
        return str(self.supporter["id"])

    @property
    def name(self) -> str:
        return str(self.supporter["name"])


def evidence_dicts(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    """The evidence as an answer gives it: one dict per piece."""
    return [e.to_dict() for e in evidence]


__all__ = ["SupporterRow", "evidence_dicts", "merge_evidence"]
