"""coverage: which mountain county has a supporter tied to which field, and where the gaps are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    DOMAIN,
    MEMBER_OF,
    REGION,
    Evidence,
    Node,
)
from graph.store import GraphStore
from graph.support import SupportFact
from queries.common import (
    brief,
    evidence_of,
    node_by_id,
    nodes_by_label,
    resolve_domain,
)
from queries.rows import SupporterRow, evidence_dicts, merge_evidence


@dataclass(frozen=True)
class CoverageCell(SupporterRow):
    """One supporter of a county in a field: who, through what (pairing, measure, project), where it is stated."""

    supporter: dict[str, Any]  # the supporter's brief
    via: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return self.supporter | {"via": list(self.via), "evidence": evidence_dicts(self.evidence)}


@dataclass
class CoverageResult:
    query: str
    params: dict[str, Any]
    counties: list[dict[str, Any]]
    domains: list[dict[str, Any]]
    cells: dict[str, dict[str, list[CoverageCell]]] = field(default_factory=dict)  # county → domain → who
    gaps: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # domain → counties without
    unpaired: list[dict[str, Any]] = field(default_factory=list)  # counties without any SUPPORTS

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "counties": self.counties, "domains": self.domains,
                "cells": {c: {d: [x.to_dict() for x in who] for d, who in by.items()} for c, by in self.cells.items()},
                "gaps": self.gaps, "unpaired": self.unpaired}


def mountain_counties(store: GraphStore) -> list[Node]:
    """The 山区26县 (regions flagged mountain), ordered by city then id."""
    regions = nodes_by_label(store, REGION)
    counties = [n for n in regions if n.props.get("mountain") and n.props.get("level") == "county"]
    return sorted(counties, key=lambda n: (str(n.props.get("city", "")), n.id))


def coverage(store: GraphStore, field: str | None = None) -> CoverageResult:
    """Mountain counties × fields. A county is covered in a field when one of its support facts
    (graph.support: a SUPPORTS naming the field, or a measure / project for the county in that field
    with a supporter; never the county or its own units) is in that field. A general pairing names no
    field and covers none.
    """
    dom = resolve_domain(store, field)
    domains = [dom] if dom else sorted(nodes_by_label(store, DOMAIN), key=lambda n: n.id)
    domain_ids = {d.id for d in domains}
    counties = mountain_counties(store)
    ids = [c.id for c in counties]
    # county → field → supporter → (its node, the ways it supports there, their evidence in the order met)
    cells: dict[str, dict[str, dict[str, tuple[Node, set[str], list[Evidence]]]]] = {c.id: {} for c in counties}
    # One read of the facts, not one per county (a store without an index derives them per call).
    facts: dict[str, list[SupportFact]] = {c.id: [] for c in counties}
    for f in store.support_facts():
        if f.recipient in facts:
            facts[f.recipient].append(f)
    for c in counties:
        for f in facts[c.id]:
            for d in f.domains:
                if d not in domain_ids:
                    continue
                who = node_by_id(store, f.supporter)
                if who is None:
                    continue
                _, via, evidence = cells[c.id].setdefault(d, {}).setdefault(f.supporter, (who, set(), []))
                via.add(f.via)
                evidence += f.evidence
    member = {r.source: r for r in store.relations_of(ids, "out", [MEMBER_OF])} if ids else {}
    paired = {c for c, found in facts.items() if any(f.via == "pairing" for f in found)}

    def county_row(c: Node) -> dict[str, Any]:
        extra = {"category": c.props["category"]} if c.props.get("category") else {}
        return brief(c) | extra | {"evidence": evidence_of([member[c.id]]) if c.id in member else []}

    return CoverageResult(
        "coverage", {"field": dom.id if dom else None},
        [county_row(c) for c in counties],
        [brief(d) for d in domains],
        {c: {d: [CoverageCell(brief(who), tuple(sorted(via)), merge_evidence(evidence))
                 for _, (who, via, evidence) in sorted(by.items())] for d, by in sorted(cells[c].items())}
         for c in ids},
        {d.id: [county_row(c) for c in counties if d.id not in cells[c.id]] for d in domains},
        [county_row(c) for c in counties if c.id not in paired],
    )


__all__ = ["CoverageCell", "CoverageResult", "coverage", "mountain_counties"]
