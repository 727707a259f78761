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
    Evidence,
    Node,
    Relation,
)
from graph.store import GraphStore
from graph.support import SupportFact
from queries.common import (
    LEVEL_ORDER,
    brief,
    mechanism_key,
    node_by_id,
    resolve,
)
from queries.rows import SupporterRow, evidence_dicts, merge_evidence

ITEM_PROPS = ("unit", "values", "target", "code", "investment_yi", "period", "category")  # shown when stated


@dataclass(frozen=True)
class Attribute:
    """A node property the documents state (category, industry), with the evidence noted for it."""

    value: Any
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "evidence": evidence_dicts(self.evidence)}


@dataclass(frozen=True)
class ProfileSupporter(SupporterRow):
    """A pairing supporter of the region; its field-specific statements under one mechanism merged."""

    supporter: dict[str, Any]  # the supporter's brief
    level: str | None
    rounds: tuple[str, ...]
    domains: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return self.supporter | {"level": self.level, "rounds": list(self.rounds), "domains": list(self.domains),
                                 "evidence": evidence_dicts(self.evidence)}


@dataclass(frozen=True)
class SupporterGroup:
    mechanism: str
    supporters: tuple[ProfileSupporter, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"mechanism": self.mechanism, "supporters": [s.to_dict() for s in self.supporters]}


@dataclass
class ProfileItem:
    """A project, measure or indicator for the region: how it is tied to it, its fields, what it states."""

    item: dict[str, Any]  # the item's brief
    relations: list[str]
    domains: list[str]
    evidence: tuple[Evidence, ...]
    props: dict[str, Any]  # the ITEM_PROPS the item states, in that order
    for_group: str | None = None  # an indicator for the region's group (山区26县), not for the region itself

    @property
    def id(self) -> str:
        return str(self.item["id"])

    @property
    def name(self) -> str:
        return str(self.item["name"])

    def to_dict(self) -> dict[str, Any]:
        return (self.item | {"relations": list(self.relations), "domains": list(self.domains),
                             "evidence": evidence_dicts(self.evidence)} | self.props
                | ({"for_group": self.for_group} if self.for_group is not None else {}))


@dataclass(frozen=True)
class ProfileDocument:
    """A source document backing facts about the region: its brief, number/date/round, how many facts."""

    document: dict[str, Any]
    details: dict[str, Any]
    facts: int

    @property
    def id(self) -> str:
        return str(self.document["id"])

    def to_dict(self) -> dict[str, Any]:
        return self.document | self.details | {"facts": self.facts}


@dataclass
class ProfileResult:
    query: str
    params: dict[str, Any]
    region: dict[str, Any]
    category: Attribute | None
    industry: Attribute | None
    supporters: list[SupporterGroup] = field(default_factory=list)  # groups by mechanism
    projects: list[ProfileItem] = field(default_factory=list)
    measures: list[ProfileItem] = field(default_factory=list)
    indicators: list[ProfileItem] = field(default_factory=list)
    documents: list[ProfileDocument] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "region": self.region,
                "category": self.category.to_dict() if self.category else None,
                "industry": self.industry.to_dict() if self.industry else None,
                **{k: [x.to_dict() for x in getattr(self, k)]
                   for k in ("supporters", "projects", "measures", "indicators", "documents")}}


def attribute(node: Node, key: str) -> Attribute | None:
    value = node.props.get(key)
    if value in (None, "", []):
        return None
    return Attribute(value, tuple(e for e in node.evidence if e.note == key))


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
        row.for_group = r.target
    result.documents = _documents(store, target, rels)
    return result


def _supporters(store: GraphStore, pairings: list[SupportFact]) -> list[SupporterGroup]:
    """Pairing supporters by mechanism; field-specific statements of one supporter merge into one row."""
    groups: dict[str, dict[str, list[SupportFact]]] = {}
    for f in sorted(pairings, key=lambda x: x.relation_id):
        if node_by_id(store, f.supporter) is not None:
            groups.setdefault(str(f.mechanism), {}).setdefault(f.supporter, []).append(f)
    out = []
    for mechanism in sorted(groups, key=mechanism_key):
        rows = []
        for supporter, facts in groups[mechanism].items():
            n = node_by_id(store, supporter)
            assert n is not None
            rows.append(ProfileSupporter(  # the level of the first statement, as it is met by relation id
                brief(n), facts[0].level, tuple(sorted({x for f in facts for x in f.rounds}, key=lambda x: (x[:4], x))),
                tuple(sorted({d for f in facts for d in f.domains})), merge_evidence(*(f.evidence for f in facts))))
        rows.sort(key=lambda s: (LEVEL_ORDER.get(s.level or "", 9), s.id))
        out.append(SupporterGroup(mechanism, tuple(rows)))
    return out


def _domains(store: GraphStore, item_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in store.relations_of(item_ids, "out", [IN_DOMAIN]) if item_ids else []:
        out.setdefault(r.source, []).append(r.target)
    return {k: sorted(v) for k, v in out.items()}


def _add_item(rows: list[ProfileItem], n: Node, r: Relation, domains: dict[str, list[str]]) -> ProfileItem:
    """One row per item; a project both LOCATED_IN and BENEFITS the region lists both relations."""
    for row in rows:
        if row.id == n.id:
            row.relations = sorted({*row.relations, r.type})
            row.evidence = merge_evidence(row.evidence, [r])
            return row
    row = ProfileItem(brief(n), [r.type], domains.get(n.id, []), merge_evidence([r]),
                      {key: n.props[key] for key in ITEM_PROPS if key in n.props})
    rows.append(row)
    return row


def _documents(store: GraphStore, target: Node, rels: list[Relation]) -> list[ProfileDocument]:
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
        out.append(ProfileDocument(brief(n), {k: n.props[k] for k in ("number", "date", "round") if n.props.get(k)},
                                   counts[doc_id]))
    return out


__all__ = ["Attribute", "ProfileDocument", "ProfileItem", "ProfileResult", "ProfileSupporter", "SupporterGroup",
           "region_profile"]
