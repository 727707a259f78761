"""Supporter lists at the API edge: the compact page built straight from the query's result.

Compact (the default): each supporter is `id, name, type, kind, domains, supports`, and each support
carries its own compact evidence. The supporter-level `evidence` — the union of its supports' records,
a third of the records of a page — is left out; `evidence=full` keeps today's shape exactly
(`Supporter.to_dict`: verbatim quotes, and the union). The compact record of each piece of evidence is
made once per snapshot and shared by every answer that cites it, so a cold request walks no payload.
"""

from __future__ import annotations

from typing import Any

from api.evidence import EvidenceMode, compact_evidence
from graph.store import GraphStore
from queries.derived import derived
from queries.support import Support, Supporter, SupportResult

Records = dict[tuple[Any, ...], dict[str, Any]]
Supports = dict[str, dict[str, Any]]


def supporter_items(store: GraphStore, result: SupportResult, mode: EvidenceMode) -> list[dict[str, Any]]:
    """The supporters of `result` as answer items, compact or full."""
    if mode == "full":
        return [s.to_dict() for s in result.supporters]
    records: Records = derived(store, "api.compact_evidence", lambda _: {})
    # On a snapshot a support fact never changes, so its compact form is made once and kept per fact
    # for the snapshot's lifetime (dropped with it, like the records). On Neo4j a fact's content can
    # change under the same id, so each is made compact per call.
    supports: Supports | None = derived(store, "api.compact_supports", lambda _: {}) if store.immutable else None
    return [_supporter(s, records, supports) for s in result.supporters]


def _supporter(sp: Supporter, records: Records, supports: Supports | None) -> dict[str, Any]:
    return {"id": sp.id, "name": sp.name, "type": sp.type, "kind": sp.kind, "domains": sp.domains,
            "supports": [_compact_support(x, records, supports) for x in sp.supports]}


def _compact_support(x: Support, records: Records, supports: Supports | None) -> dict[str, Any]:
    if supports is None:
        return _support(x, records)
    if x.fact is None:
        return _support(x, records)
    found = supports.get(x.fact)
    if found is None:  # setdefault keeps one dict if two threads race
        found = supports.setdefault(x.fact, _support(x, records))
    return found


def _support(x: Support, records: Records) -> dict[str, Any]:
    # Read-only from here on: the lists are the row's own and the dict may be shared between answers.
    return {"via": x.via, "relation": x.relation, "level": x.level, "mechanism": x.mechanism, "rounds": x.rounds,
            "domains": x.domains, "evidence": [_record(e, records) for e in x.evidence], "measure": x.measure,
            "project": x.project}


def _record(e: dict[str, Any], records: Records) -> dict[str, Any]:
    key = (e.get("document"), e.get("locator"), e.get("quote"), e.get("note"))
    found = records.get(key)
    if found is None:  # first citation in this snapshot; setdefault keeps one record if two threads race
        found = records.setdefault(key, compact_evidence(e))
    return found


__all__ = ["supporter_items"]
