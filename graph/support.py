"""Support facts: "X supports region R, in these fields, through a pairing, a measure or a project", derived once.

Every question about support (supporters of a county, the regions a partner supports, the coverage
grid, reach, a region's page, the network view, question answering) reads these records instead of
walking the relationships again. They are derived at build time from the merged graph, kept in the
snapshot next to the nodes and relationships, synced to Neo4j, and served by the store's
`support_facts` capability.

The one definition (see DESIGN.md "support"):
- a SUPPORTS relationship is support of its target region, in the fields it names (none: general);
- a SUPPORTS_MEASURE / SUPPORTS_PROJECT relationship is support of every region the measure is FOR or
  the project BENEFITS, in the item's IN_DOMAIN fields. A project LOCATED_IN a region is not support
  of that region by itself: a 飞地 is located in the partner's county and benefits the mountain county;
- nobody supports itself, and a region's own units (an organisation whose `region` is the recipient:
  its departments, hospitals, firms) are not its supporters — they carry out measures for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from graph.model import (
    BENEFITS,
    FOR,
    IN_DOMAIN,
    MEASURE,
    PROJECT,
    REGION,
    SUPPORTS,
    SUPPORTS_MEASURE,
    SUPPORTS_PROJECT,
    Evidence,
    Node,
    Relation,
)

DEFAULT_PROGRAMME = "shanhai"  # 山海协作; a SUPPORTS without `programme` predates the property
VIA = {SUPPORTS: "pairing", SUPPORTS_MEASURE: "measure", SUPPORTS_PROJECT: "project"}
# How an item reaches the region it supports, by the item's label.
REACHES = {MEASURE: FOR, PROJECT: BENEFITS}


@dataclass(frozen=True)
class SupportFact:
    """One supporter's support of one region through one relationship (and item, for measures and projects).

    The names and kinds of both ends are copied in so a reader needs no node lookup (one round trip
    on a server). `evidence` is the supporting relationship's own: where the document says it.
    """

    id: str
    supporter: str
    supporter_name: str
    supporter_label: str
    supporter_kind: str | None  # an organisation's kind, else a region's level
    recipient: str
    recipient_name: str
    recipient_level: str | None
    via: str  # "pairing", "measure" or "project"
    relation: str  # SUPPORTS, SUPPORTS_MEASURE or SUPPORTS_PROJECT
    relation_id: str
    item: str | None  # the measure or project (None for a pairing)
    item_name: str | None
    domains: tuple[str, ...]  # a pairing's own fields in stated order; an item's IN_DOMAIN fields sorted
    level: str | None
    mechanism: str | None
    rounds: tuple[str, ...]
    programme: str
    evidence: tuple[Evidence, ...]

    @cached_property
    def evidence_dicts(self) -> tuple[dict[str, Any], ...]:
        """The evidence as dicts, made once per fact: every answer that shows the fact shares them (read-only)."""
        return tuple(e.to_dict() for e in self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "supporter": self.supporter, "supporter_name": self.supporter_name,
                "supporter_label": self.supporter_label, "supporter_kind": self.supporter_kind,
                "recipient": self.recipient, "recipient_name": self.recipient_name,
                "recipient_level": self.recipient_level, "via": self.via, "relation": self.relation,
                "relation_id": self.relation_id, "item": self.item, "item_name": self.item_name,
                "domains": list(self.domains), "level": self.level, "mechanism": self.mechanism,
                "rounds": list(self.rounds), "programme": self.programme,
                "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SupportFact:
        return cls(d["id"], d["supporter"], d["supporter_name"], d["supporter_label"], d.get("supporter_kind"),
                   d["recipient"], d["recipient_name"], d.get("recipient_level"), d["via"], d["relation"],
                   d["relation_id"], d.get("item"), d.get("item_name"), tuple(d.get("domains", [])),
                   d.get("level"), d.get("mechanism"), tuple(d.get("rounds", [])),
                   d.get("programme") or DEFAULT_PROGRAMME,
                   tuple(Evidence.from_dict(e) for e in d.get("evidence", [])))


def fact_id(relation_id: str, recipient: str) -> str:
    """A measure FOR several regions is one relationship and several facts: the recipient is part of the id."""
    return "support:" + hashlib.sha1(f"{relation_id}|{recipient}".encode()).hexdigest()[:16]


def derive_support_facts(nodes: Iterable[Node], relations: Iterable[Relation]) -> list[SupportFact]:
    """Every support fact of a graph, ordered by (recipient, supporter, via, item, relationship id)."""
    by_id = {n.id: n for n in nodes}
    rels = list(relations)
    reaches: dict[str, set[str]] = {}
    fields: dict[str, set[str]] = {}
    for r in rels:
        item = by_id.get(r.source)
        if item is None:
            continue
        if r.type == IN_DOMAIN:
            fields.setdefault(r.source, set()).add(r.target)
        elif REACHES.get(item.label) == r.type and r.target in by_id and by_id[r.target].label == REGION:
            reaches.setdefault(r.source, set()).add(r.target)
    out: list[SupportFact] = []
    for r in rels:
        if r.type not in VIA:
            continue
        who = by_id.get(r.source)
        if who is None:
            continue
        if r.type == SUPPORTS:
            recipients, item, domains = [r.target], None, _listed(r.props.get("domains"))
            programme = r.props.get("programme") or DEFAULT_PROGRAMME
        else:
            recipients, item = sorted(reaches.get(r.target, ())), by_id.get(r.target)
            domains = tuple(sorted(fields.get(r.target, ())))
            programme = DEFAULT_PROGRAMME  # measures and projects come from 山海协作 plans
        rid = r.id
        for recipient_id in recipients:
            recipient = by_id.get(recipient_id)
            # Support is of a region (the model's SUPPORTS targets are regions; anything else is no support fact).
            if recipient is None or recipient.label != REGION or not _is_supporter_of(who, recipient):
                continue
            out.append(SupportFact(
                fact_id(rid, recipient_id), who.id, who.name, who.label,
                who.props.get("kind") or who.props.get("level"),
                recipient.id, recipient.name, recipient.props.get("level"),
                VIA[r.type], r.type, rid, item.id if item else None, item.name if item else None, domains,
                r.props.get("level"), r.props.get("mechanism"), tuple(r.props.get("rounds", [])), programme,
                tuple(r.evidence)))
    out.sort(key=fact_order)
    return out


def fact_order(f: SupportFact) -> tuple[str, str, str, str, str]:
    """The order every store hands facts back in: by recipient, supporter, via, item, relationship id."""
    return (f.recipient, f.supporter, f.via, f.item or "", f.relation_id)


def _listed(value: object) -> tuple[str, ...]:
    """A `domains` property as a tuple: a list as it is, one string as one field (never its characters)."""
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else ()


def _is_supporter_of(who: Node, recipient: Node) -> bool:
    """Nobody supports itself; a region's own departments and firms carry out its measures, they are not partners."""
    return who.id != recipient.id and who.props.get("region") != recipient.name


__all__ = ["DEFAULT_PROGRAMME", "SupportFact", "derive_support_facts", "fact_id", "fact_order"]
