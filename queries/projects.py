"""projects and measures: the graph's projects and policy measures, filtered by region, field and party."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    BENEFITS,
    FOR,
    IN_DOMAIN,
    LOCATED_IN,
    MEASURE,
    MENTIONS,
    ORGANIZATION,
    OWNS,
    PROJECT,
    REGION,
    RESPONSIBLE_FOR,
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
    resolve,
    resolve_domain,
)

PROJECT_PROPS = ("kind", "code", "nature", "field", "period", "start_year", "end_year", "deadline", "investment_yi",
                 "park_type", "area_km2", "document")
MEASURE_PROPS = ("kind", "label", "section", "task", "target", "period", "start_year", "end_year",
                 "supporting_units", "responsible_units", "document")

# Which relationship puts a party or region in which column of a row.
PROJECT_ROLES = {LOCATED_IN: "located_in", BENEFITS: "benefits", OWNS: "owners", SUPPORTS_PROJECT: "supporters",
                 IN_DOMAIN: "domains"}
MEASURE_ROLES = {FOR: "for", MENTIONS: "mentions", SUPPORTS_MEASURE: "supporters", RESPONSIBLE_FOR: "responsible",
                 IN_DOMAIN: "domains"}


@dataclass
class ItemsResult:
    """A list of projects or measures; each row names its parties and carries its evidence."""

    query: str
    params: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "params": self.params, "total": len(self.items), "items": self.items}


def projects(store: GraphStore, region: str | None = None, field: str | None = None, owner: str | None = None,
             supporter: str | None = None) -> ItemsResult:
    """Projects and platforms (parks, 飞地) located in or benefiting `region`, in `field`, by party."""
    filters = {
        "located_in|benefits": _party(store, region, (REGION,), "region"),
        "domains": _domain_id(store, field),
        "owners": _party(store, owner, (REGION, ORGANIZATION), "owner"),
        "supporters": _party(store, supporter, (REGION, ORGANIZATION), "supporter"),
    }
    rows = _rows(store, PROJECT, PROJECT_ROLES, PROJECT_PROPS, filters)
    return ItemsResult("projects", {"region": filters["located_in|benefits"], "field": filters["domains"],
                                    "owner": filters["owners"], "supporter": filters["supporters"]}, rows)


def measures(store: GraphStore, region: str | None = None, field: str | None = None, supporter: str | None = None,
             responsible: str | None = None) -> ItemsResult:
    """Policy measures for (or mentioning) `region`, in `field`, supported or carried out by a party."""
    filters = {
        "for|mentions": _party(store, region, (REGION,), "region"),
        "domains": _domain_id(store, field),
        "supporters": _party(store, supporter, (REGION, ORGANIZATION), "supporter"),
        "responsible": _party(store, responsible, (REGION, ORGANIZATION), "responsible"),
    }
    rows = _rows(store, MEASURE, MEASURE_ROLES, MEASURE_PROPS, filters)
    return ItemsResult("measures", {"region": filters["for|mentions"], "field": filters["domains"],
                                    "supporter": filters["supporters"], "responsible": filters["responsible"]},
                       rows)


def _party(store: GraphStore, text: str | None, labels: tuple[str, ...], what: str) -> str | None:
    return None if text is None else resolve(store, text, labels, what).id


def _domain_id(store: GraphStore, text: str | None) -> str | None:
    node = resolve_domain(store, text)
    return node.id if node else None


def _rows(store: GraphStore, label: str, roles: dict[str, str], props: tuple[str, ...],
          filters: dict[str, str | None]) -> list[dict[str, Any]]:
    items = sorted(nodes_by_label(store, label), key=lambda n: n.id)
    # Both stores return relations_of sorted by relationship id, so each item's list below is in id
    # order as it is collected (sorting again would hash every `Relation.id`, twice per row).
    rels = store.relations_of([n.id for n in items], "both", list(roles)) if items else []
    by_item: dict[str, list[Relation]] = {}
    for r in rels:
        item = r.source if r.type in (LOCATED_IN, BENEFITS, FOR, MENTIONS, IN_DOMAIN) else r.target
        by_item.setdefault(item, []).append(r)
    out = []
    for n in items:
        mine = by_item.get(n.id, [])
        ids = _ids(n, mine, roles)
        # The filters read only the parties' ids: a row is built for the items they keep, not for all.
        if all(value is None or any(value in ids[c] for c in column.split("|"))
               for column, value in filters.items()):
            out.append(_row(store, n, mine, ids, props))
    return out


def _ids(n: Node, rels: list[Relation], roles: dict[str, str]) -> dict[str, list[str]]:
    """The ids in each column of an item's row, in relationship-id order."""
    ids: dict[str, list[str]] = {column: [] for column in roles.values()}
    for r in rels:
        ids[roles[r.type]].append(r.target if r.source == n.id else r.source)
    return ids


def _row(store: GraphStore, n: Node, rels: list[Relation], ids: dict[str, list[str]],
         props: tuple[str, ...]) -> dict[str, Any]:
    row: dict[str, Any] = brief(n) | {k: n.props[k] for k in props if n.props.get(k) not in (None, "", [])}
    for column, values in ids.items():
        if column == "domains":
            row[column] = sorted(set(values))
            continue
        nodes = [node_by_id(store, i) for i in sorted(set(values))]
        row[column] = [brief(x) for x in nodes if x is not None]
    row["evidence"] = evidence_of([*n.evidence, *rels])
    return row


__all__ = ["ItemsResult", "measures", "projects"]
