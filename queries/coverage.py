"""coverage: which mountain county has a supporter tied to which field, and where the gaps are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    BENEFITS,
    DOMAIN,
    FOR,
    IN_DOMAIN,
    LOCATED_IN,
    MEMBER_OF,
    REGION,
    SUPPORTS,
    SUPPORTS_MEASURE,
    SUPPORTS_PROJECT,
    Node,
    Relation,
)
from graph.store import GraphStore
from queries.common import (
    brief,
    evidence_of,
    node_by_id,
    nodes_by_label,
    resolve_domain,
)


@dataclass
class CoverageResult:
    query: str
    params: dict[str, Any]
    counties: list[dict[str, Any]]
    domains: list[dict[str, Any]]
    cells: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)  # county → domain → who
    gaps: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # domain → counties without
    unpaired: list[dict[str, Any]] = field(default_factory=list)  # counties without any SUPPORTS

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "counties": self.counties, "domains": self.domains,
                "cells": self.cells, "gaps": self.gaps, "unpaired": self.unpaired}


def mountain_counties(store: GraphStore) -> list[Node]:
    """The 山区26县 (regions flagged mountain), ordered by city then id."""
    regions = nodes_by_label(store, REGION)
    counties = [n for n in regions if n.props.get("mountain") and n.props.get("level") == "county"]
    return sorted(counties, key=lambda n: (str(n.props.get("city", "")), n.id))


def coverage(store: GraphStore, field: str | None = None) -> CoverageResult:
    """Mountain counties × fields. A county is covered in a field when a supporter (not the county or
    its own units) is tied to that field: a SUPPORTS naming the field, or a measure / project for the
    county in that field with a supporter. A general pairing names no field and covers none.
    """
    dom = resolve_domain(store, field)
    domains = [dom] if dom else sorted(nodes_by_label(store, DOMAIN), key=lambda n: n.id)
    domain_ids = {d.id for d in domains}
    counties = mountain_counties(store)
    ids = [c.id for c in counties]
    incoming = store.relations_of(ids, "in", [SUPPORTS, FOR, LOCATED_IN, BENEFITS]) if ids else []
    items = sorted({r.source for r in incoming if r.type != SUPPORTS})
    around = store.relations_of(items, "both", [IN_DOMAIN, SUPPORTS_MEASURE, SUPPORTS_PROJECT]) if items else []
    item_domains: dict[str, set[str]] = {}
    item_supporters: dict[str, list[Relation]] = {}
    for r in around:
        if r.type == IN_DOMAIN:
            item_domains.setdefault(r.source, set()).add(r.target)
        else:
            item_supporters.setdefault(r.target, []).append(r)
    names = {c.id: c.name for c in counties}
    cells: dict[str, dict[str, dict[str, dict[str, Any]]]] = {c.id: {} for c in counties}

    def add(county: str, domain_id: str, supporter_id: str, via: str, rels: list[Relation]) -> None:
        if supporter_id == county or domain_id not in domain_ids:
            return
        who = node_by_id(store, supporter_id)
        # A county's own departments and firms support measures for it; they are not partners.
        if who is None or who.props.get("region") == names[county]:
            return
        row = cells[county].setdefault(domain_id, {}).setdefault(
            supporter_id, brief(who) | {"via": [], "evidence": []})
        row["via"] = sorted({*row["via"], via})
        row["evidence"] = evidence_of([*row["evidence"], *evidence_of(rels)])

    for r in sorted(incoming, key=lambda x: x.id):
        if r.type == SUPPORTS:
            for d in r.props.get("domains", []):
                add(r.target, d, r.source, "pairing", [r])
            continue
        for sup in sorted(item_supporters.get(r.source, []), key=lambda x: x.id):
            for d in sorted(item_domains.get(r.source, set())):
                add(r.target, d, sup.source, "measure" if sup.type == SUPPORTS_MEASURE else "project", [sup])
    member = {r.source: r for r in store.relations_of(ids, "out", [MEMBER_OF])} if ids else {}
    paired = {r.target for r in incoming if r.type == SUPPORTS}

    def county_row(c: Node) -> dict[str, Any]:
        extra = {"category": c.props["category"]} if c.props.get("category") else {}
        return brief(c) | extra | {"evidence": evidence_of([member[c.id]]) if c.id in member else []}

    return CoverageResult(
        "coverage", {"field": dom.id if dom else None},
        [county_row(c) for c in counties],
        [brief(d) for d in domains],
        {c: {d: sorted(by.values(), key=lambda x: x["id"]) for d, by in sorted(cells[c].items())}
         for c in ids},
        {d.id: [county_row(c) for c in counties if d.id not in cells[c.id]] for d in domains},
        [county_row(c) for c in counties if c.id not in paired],
    )


__all__ = ["CoverageResult", "coverage", "mountain_counties"]
