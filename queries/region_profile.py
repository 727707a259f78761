"""region_profile: one region on a page — category, 一县一业, supporters, projects, measures, targets, sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    BENEFITS,
    DOCUMENT,
    FOR,
    IN_DOMAIN,
    INDICATOR,
    LOCATED_IN,
    MEASURE,
    MEMBER_OF,
    MENTIONS,
    PROJECT,
    REGION,
    Node,
    Relation,
)
from graph.store import GraphStore
from graph.support import SupportFact
from queries.common import (
    LEVEL_ORDER,
    brief,
    evidence_of,
    mechanism_key,
    node_by_id,
    resolve,
)


@dataclass
class Attribute:
    """A node property the documents state (category, industry), with the evidence noted for it."""

    value: Any
    evidence: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "evidence": self.evidence}


@dataclass
class ProfileResult:
    query: str
    params: dict[str, Any]
    region: dict[str, Any]
    category: Attribute | None
    industry: Attribute | None
    supporters: list[dict[str, Any]] = field(default_factory=list)  # groups by mechanism
    projects: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "region": self.region,
                "category": self.category.to_dict() if self.category else None,
                "industry": self.industry.to_dict() if self.industry else None,
                "supporters": self.supporters, "projects": self.projects, "measures": self.measures,
                "indicators": self.indicators, "documents": self.documents}


def attribute(node: Node, key: str) -> Attribute | None:
    value = node.props.get(key)
    if value in (None, "", []):
        return None
    return Attribute(value, [e.to_dict() for e in node.evidence if e.note == key])


def region_profile(store: GraphStore, region: str) -> ProfileResult:
    """Everything the graph states about one region, each part with its evidence."""
    target = resolve(store, region, (REGION,), "region")
    rels = store.relations_of([target.id], "both")
    head = brief(target) | {"mountain": bool(target.props.get("mountain"))}
    result = ProfileResult("region_profile", {"region": target.id}, head,
                           attribute(target, "category"), attribute(target, "industry"))
    result.supporters = _supporters(store, [f for f in store.support_facts(recipient=target.id) if f.via == "pairing"])
    incoming = [r for r in rels if r.target == target.id]
    items = {r.source for r in incoming if r.type in (LOCATED_IN, BENEFITS, FOR, MENTIONS)}
    # Indicators for the group (山区26县) count for its member when they are for its category.
    groups = sorted(r.target for r in rels if r.type == MEMBER_OF and r.source == target.id)
    group_rels = store.relations_of(groups, "in", [FOR]) if groups else []
    item_domains = _domains(store, sorted(items))
    nodes = {i: node_by_id(store, i) for i in sorted(items | {r.source for r in group_rels})}
    for r in sorted(incoming, key=lambda x: (x.source, x.type)):
        n = nodes.get(r.source)
        if n is None:
            continue
        if n.label == PROJECT and r.type in (LOCATED_IN, BENEFITS):
            _add_item(result.projects, n, r, item_domains)
        elif n.label == MEASURE and r.type in (FOR, MENTIONS):
            _add_item(result.measures, n, r, item_domains)
        elif n.label == INDICATOR and r.type == FOR:
            _add_item(result.indicators, n, r, {})
    category = target.props.get("category")
    for r in sorted(group_rels, key=lambda x: x.source):
        n = nodes.get(r.source)
        if n is None or n.label != INDICATOR:
            continue
        if n.props.get("category") not in (None, category):
            continue
        row = _add_item(result.indicators, n, r, {})
        row["for_group"] = r.target
    result.documents = _documents(store, target, rels)
    return result


def _supporters(store: GraphStore, pairings: list[SupportFact]) -> list[dict[str, Any]]:
    """Pairing supporters by mechanism; field-specific statements of one supporter merge into one row."""
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    for f in sorted(pairings, key=lambda x: x.relation_id):
        n = node_by_id(store, f.supporter)
        if n is None:
            continue
        row = groups.setdefault(str(f.mechanism), {}).setdefault(
            n.id, brief(n) | {"level": f.level, "rounds": [], "domains": [], "evidence": []})
        row["rounds"] = sorted({*row["rounds"], *f.rounds}, key=lambda x: (x[:4], x))
        row["domains"] = sorted({*row["domains"], *f.domains})
        row["evidence"] = evidence_of([*row["evidence"], *f.evidence])
    out = []
    for mechanism in sorted(groups, key=mechanism_key):
        rows = sorted(groups[mechanism].values(), key=lambda s: (LEVEL_ORDER.get(s["level"] or "", 9), s["id"]))
        out.append({"mechanism": mechanism, "supporters": rows})
    return out


def _domains(store: GraphStore, item_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in store.relations_of(item_ids, "out", [IN_DOMAIN]) if item_ids else []:
        out.setdefault(r.source, []).append(r.target)
    return {k: sorted(v) for k, v in out.items()}


def _add_item(rows: list[dict[str, Any]], n: Node, r: Relation, domains: dict[str, list[str]]) -> dict[str, Any]:
    """One row per item; a project both LOCATED_IN and BENEFITS the region lists both relations."""
    for row in rows:
        if row["id"] == n.id:
            row["relations"] = sorted({*row["relations"], r.type})
            row["evidence"] = evidence_of([*row["evidence"], *evidence_of([r])])
            return row
    row = brief(n) | {"relations": [r.type], "domains": domains.get(n.id, []), "evidence": evidence_of([r])}
    for key in ("unit", "values", "target", "code", "investment_yi", "period", "category"):
        if key in n.props:
            row[key] = n.props[key]
    rows.append(row)
    return row


def _documents(store: GraphStore, target: Node, rels: list[Relation]) -> list[dict[str, Any]]:
    """The source documents whose evidence backs a fact about the region, with how many facts each."""
    counts: dict[str, int] = {}
    pieces = [e for r in rels for e in r.evidence] + list(target.evidence)
    for e in pieces:
        counts[e.document] = counts.get(e.document, 0) + 1
    out = []
    for doc_id in sorted(counts):
        n = node_by_id(store, f"doc:{doc_id}") or node_by_id(store, doc_id)
        if n is None or n.label != DOCUMENT or n.props.get("kind") == "reference":
            continue
        out.append(brief(n) | {k: n.props[k] for k in ("number", "date", "round") if n.props.get(k)}
                   | {"facts": counts[doc_id]})
    return out


__all__ = ["ProfileResult", "region_profile"]
