"""What the named queries share: node briefs, evidence lists, orderings, rounds and input checks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from graph.model import (
    DOCUMENT,
    DOMAIN,
    INDICATOR,
    MEASURE,
    ORGANIZATION,
    PROJECT,
    REGION,
    Evidence,
    Node,
    Relation,
)
from graph.store import GraphStore
from queries.brief import brief
from queries.derived import derived
from queries.errors import InvalidQuery
from queries.lookup import Lookup, lookup_for

LABEL_ORDER = {REGION: 0, ORGANIZATION: 1, PROJECT: 2, MEASURE: 3, INDICATOR: 4, DOMAIN: 5, DOCUMENT: 6}
LEVEL_ORDER = {"city": 0, "county": 1, "organization": 2}

# The formal pairings (the tables and the "1对4" partners). Support named in a field paragraph,
# a co-built park, an enclave, an aid fund or a magazine statement is support, not a pairing.
PAIRING_MECHANISMS = ("city_pairing", "county_pairing", "leader_contact", "soe_pairing", "social_pairing")
MECHANISM_ORDER = {m: i for i, m in enumerate(
    (*PAIRING_MECHANISMS, "named_support", "park_cobuild", "enclave", "aid_fund", "statement"))}

_ROUND_RE = re.compile(r"^\d{4}[-\w]*$")


def evidence_of(items: Iterable[Relation | Evidence | dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence of several facts as one list, each piece once, in the order met."""
    out: list[dict[str, Any]] = []
    for item in items:
        pieces: list[Evidence | dict[str, Any]] = list(item.evidence) if isinstance(item, Relation) else [item]
        for e in pieces:
            d = e.to_dict() if isinstance(e, Evidence) else e
            if d not in out:
                out.append(d)
    return out


def node_by_id(store: GraphStore, node_id: str) -> Node | None:
    """A node by id from the store's cached index: one read of the store, not one per node (Neo4j)."""
    return lookup_for(store).by_id.get(node_id)


def lies_in(region: Node, place: str) -> bool:
    """A region lies in the city or province of that name (its `city` / `province`)."""
    return place in (region.props.get("city"), region.props.get("province"))


def nodes_by_label(store: GraphStore, label: str) -> list[Node]:
    """Every node of a label, by id, from the same cached index (sorted once per snapshot; a new list)."""
    return list(derived(store, ("nodes_by_label", label),
                        lambda lk: tuple(sorted((n for n in lk.by_id.values() if n.label == label),
                                                key=lambda n: n.id))))


def mechanism_key(mechanism: str | None) -> tuple[int, str]:
    return MECHANISM_ORDER.get(mechanism or "", len(MECHANISM_ORDER)), mechanism or ""


def node_key(n: Node) -> tuple[int, str]:
    return LABEL_ORDER.get(n.label, 9), n.id


def check_limit(value: int, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidQuery(f"{name} must be an integer from {low} to {high}, not {value!r}")
    return value


def known_rounds(store: GraphStore) -> list[str]:
    """Rounds of the documents in the graph, oldest first (a round id starts with its year)."""
    # Once per snapshot: every question and request that names a round checks it against these.
    return list(derived(store, "common.known_rounds", _known_rounds))


def _known_rounds(lk: Lookup) -> tuple[str, ...]:
    rounds = {str(n.props["round"]) for n in lk.by_id.values() if n.label == DOCUMENT and n.props.get("round")}
    return tuple(sorted(rounds, key=lambda r: (r[:4], r)))


def check_round(store: GraphStore, round_: str | None, *, allow_all: bool = True) -> str | None:
    """None ("current"), "all", or a round id some document of the graph belongs to."""
    if round_ is None or (allow_all and round_ == "all"):
        return round_
    if not isinstance(round_, str) or not _ROUND_RE.match(round_):
        raise InvalidQuery(f"round must be a round id such as 2021-provincial{' or all' if allow_all else ''}, "
                           f"not {round_!r}")
    rounds = known_rounds(store)
    if round_ not in rounds:
        raise InvalidQuery(f"unknown round {round_!r}; the graph knows: {', '.join(rounds)}")
    return round_


def round_of_document(store: GraphStore) -> dict[str, str]:
    """Evidence document id → its round (documents are nodes `doc:<id>`)."""
    out: dict[str, str] = {}
    for n in lookup_for(store).by_id.values():
        if n.label == DOCUMENT and n.props.get("round"):
            out[n.id.removeprefix("doc:")] = str(n.props["round"])
    return out


def resolve(store: GraphStore, text: str, labels: tuple[str, ...] | None, what: str) -> Node:
    """One node for a name or id; NotFound / Ambiguous from the lookup, InvalidQuery on empty input."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidQuery(f"{what} is empty")
    return lookup_for(store).resolve(text, labels)


def resolve_domain(store: GraphStore, field: str | None) -> Node | None:
    if field is None:
        return None
    return resolve(store, field, (DOMAIN,), "field")


def items_in_domain(store: GraphStore, domain_id: str) -> set[str]:
    """Measures and projects tied to a field by IN_DOMAIN."""
    return {r.source for r in store.relations_of([domain_id], "in", ["IN_DOMAIN"])}


__all__ = ["LABEL_ORDER", "LEVEL_ORDER", "PAIRING_MECHANISMS", "brief", "check_limit", "check_round",
           "evidence_of", "known_rounds", "lies_in", "resolve", "resolve_domain"]
