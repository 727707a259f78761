"""Single-round-trip Cypher for the named queries that walk around one node on the Neo4j store.

The generic GraphStore reads (`relations_of`) hand back every relationship with all its evidence,
one record per relationship and one round trip per hop; on Neo4j the driver then spends most of the
time decoding records, property maps and evidence lists in Python. These functions return the same
`Relation` records the protocol gives, sorted the same way, from one query each, carrying evidence
only where the calling query reads it. The query modules dispatch here when `store.kind == "neo4j"`
and shape the answer exactly as on the memory store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, LiteralString, cast

from graph.model import Evidence, Relation
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore

# Every query below answers with ONE record holding a list of compact rows, not one record per
# relationship: the driver's per-record work and the property maps' keys cost more than the values.
# A row is [rel_id, source, type, target, prop_keys, JSON-encoded values (null where native), native
# values, evidence columns or null]: the codec of graph.neo4j_store read key by key, so only the
# record's props and, where asked for, its evidence are read from the store and sent. The stored
# rel_id is Relation.id (the sync writes it), so sorting on it spares a SHA-1 per relationship.
_ROW: LiteralString = (
    "r.rel_id, startNode(r).id, type(r), endNode(r).id, r.prop_keys, "
    "[k IN coalesce(r.prop_keys, []) | r['json_' + k]], [k IN coalesce(r.prop_keys, []) | r[k]]"
)
_EVIDENCE: LiteralString = "[r.ev_document, r.ev_locator, r.ev_quote, r.ev_note, r.ev_note_null]"

# supporters_of: what `relations_of([region], "in", [SUPPORTS, FOR, BENEFITS, LOCATED_IN])` and then
# `relations_of(items, "both", [SUPPORTS_MEASURE, SUPPORTS_PROJECT, IN_DOMAIN])` return, where the
# items are the measures FOR the region and the projects that BENEFIT it or are LOCATED_IN it.
# Evidence comes only with the relationships a supporter is shown with (SUPPORTS, SUPPORTS_MEASURE,
# SUPPORTS_PROJECT) and, when a field is asked for, only when they can pass the field filter — a
# superset of what supporters_of keeps (a SUPPORTS whose `domains` is not a plain list keeps it too).
SUPPORTERS_RELATIONS: LiteralString = (
    "MATCH (t:Entity {id: $region}) "
    "CALL (t) { "
    "  MATCH (:Entity)-[r:SUPPORTS|FOR|BENEFITS|LOCATED_IN]->(t) WHERE r.rel_id IS NOT NULL "
    "  RETURN r, true AS direct "
    "  UNION ALL "
    "  MATCH (i:Entity)-[d:FOR|BENEFITS|LOCATED_IN]->(t) "
    "  WHERE d.rel_id IS NOT NULL AND (type(d) <> 'FOR' OR i.id STARTS WITH 'measure:') "
    "  WITH DISTINCT i "
    "  MATCH (i)-[r:SUPPORTS_MEASURE|SUPPORTS_PROJECT|IN_DOMAIN]-(:Entity) WHERE r.rel_id IS NOT NULL "
    "  WITH DISTINCT r "
    "  RETURN r, false AS direct "
    "} "
    "WITH r, direct, endNode(r) AS item "
    "WITH r, direct, CASE "
    "  WHEN NOT type(r) IN ['SUPPORTS', 'SUPPORTS_MEASURE', 'SUPPORTS_PROJECT'] THEN false "
    "  WHEN $domain IS NULL THEN true "
    "  WHEN type(r) <> 'SUPPORTS' THEN EXISTS { (item)-[:IN_DOMAIN]->(:Entity {id: $domain}) } "
    "  WHEN r.domains IS :: LIST<STRING NOT NULL> NOT NULL THEN $domain IN r.domains "
    "  ELSE true END AS shown "
    # Only the evidence is chosen by CASE: a CASE choosing between two whole row lists took twice
    # the server time (12 against 5 ms for 永嘉县, 270 relationships).
    "RETURN collect([direct, " + _ROW + ", CASE WHEN shown THEN " + _EVIDENCE + " END]) AS rows"
)

# neighborhood, one hop: the relationships around the frontier (either direction, optionally only
# some types), without evidence: the walk reads their ends, rounds and domains.
RELATIONS_AROUND: LiteralString = (
    "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-(:Entity) "
    "WHERE r.rel_id IS NOT NULL AND ($types IS NULL OR type(r) IN $types) WITH DISTINCT r "
    "RETURN collect([" + _ROW + ", null]) AS rows"
)
# neighborhood, the answer's edges: only the relationships between two nodes of the set, with evidence.
RELATIONS_AMONG: LiteralString = (
    "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]->(b:Entity) "
    "WHERE r.rel_id IS NOT NULL AND b.id IN $ids AND ($types IS NULL OR type(r) IN $types) WITH DISTINCT r "
    "RETURN collect([" + _ROW + ", " + _EVIDENCE + "]) AS rows"
)


def decode_row(row: list[Any]) -> Relation:
    """A compact row as graph.neo4j_store.decode_relation would give the whole relationship."""
    _, source, rel_type, target, keys, encoded, native, evidence = row
    props = {k: json.loads(e) if e is not None else v for k, e, v in zip(keys or [], encoded, native, strict=True)}
    documents, locators, quotes, notes, nulls = (column or [] for column in (evidence or [None] * 5))
    return Relation(rel_type, source, target, props,
                    [Evidence(d, loc, q, None if null else note)
                     for d, loc, q, note, null in zip(documents, locators, quotes, notes, nulls, strict=True)])


def _decoded(rows: Iterable[list[Any]]) -> list[Relation]:
    """Rows decoded and ordered like `relations_of` (by relationship id)."""
    return [decode_row(row) for row in sorted(rows, key=lambda row: row[0])]


def _wanted(types: Iterable[str] | None) -> list[str] | None:
    # The same truthiness rule as both stores: None or an empty list means every type.
    return sorted(set(types)) if types else None


def supporters_relations(store: GraphStore, region_id: str,
                         domain_id: str | None) -> tuple[list[Relation], list[Relation]]:
    """(incoming relationships of the region, relationships around its measures and projects).

    Equal to the two `relations_of` reads supporters_of makes on the memory store, except that
    FOR / BENEFITS / LOCATED_IN / IN_DOMAIN relationships, and supports that cannot be in `domain_id`,
    come without evidence: supporters_of reads only their ends and props.
    """
    found = cast(Neo4jStore, store).read(SUPPORTERS_RELATIONS, region=region_id, domain=domain_id)
    rows = found[0]["rows"] if found else []
    return _decoded(row[1:] for row in rows if row[0]), _decoded(row[1:] for row in rows if not row[0])


def relations_around(store: GraphStore, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
    """`relations_of(node_ids, "both", types)` without evidence."""
    found = cast(Neo4jStore, store).read(RELATIONS_AROUND, ids=node_ids, types=_wanted(types))
    return _decoded(found[0]["rows"])


def relations_among(store: GraphStore, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
    """The relationships of `relations_of(node_ids, "both", types)` whose two ends are both in `node_ids`."""
    found = cast(Neo4jStore, store).read(RELATIONS_AMONG, ids=node_ids, types=_wanted(types))
    return _decoded(found[0]["rows"])


__all__ = ["RELATIONS_AMONG", "RELATIONS_AROUND", "SUPPORTERS_RELATIONS", "decode_row", "relations_among",
           "relations_around", "supporters_relations"]
