"""All the Cypher the project sends: the store's reads, the sync's writes, the one-round-trip reads.

Cypher only as constants with `$params` (tests/reliability/test_injection.py checks every call that
reaches the driver): labels and relationship types cannot be parameters, so every per-label / per-type
statement is built once here from the model's fixed tuples; no runtime value ever reaches query text.
"""

from __future__ import annotations

from typing import LiteralString

from graph.model import LABELS, REL_TYPES
from graph.neo4j_codec import FACT_FIELDS

# ------------------------------------------------------------------------------- store reads

_NODE_ROW: LiteralString = "RETURN labels(n) AS labels, properties(n) AS props"
NODE_BY_ID: LiteralString = "MATCH (n:Entity {id: $id}) " + _NODE_ROW
ALL_NODES: LiteralString = "MATCH (n:Entity) " + _NODE_ROW
# Labels cannot be parameters: one fixed query per label of the model, built once from LABELS.
NODES_BY_LABEL: dict[str, str] = {label: f"MATCH (n:Entity:{label}) {_NODE_ROW}" for label in LABELS}
_REL_ROW: LiteralString = (
    "WHERE r.rel_id IS NOT NULL AND ($types IS NULL OR type(r) IN $types) WITH DISTINCT r "
    "RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, properties(r) AS props"
)
RELS_OUT: LiteralString = "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]->(:Entity) " + _REL_ROW
RELS_IN: LiteralString = "UNWIND $ids AS id MATCH (:Entity {id: id})<-[r]-(:Entity) " + _REL_ROW
RELS_BOTH: LiteralString = "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-(:Entity) " + _REL_ROW
ALL_RELS: LiteralString = "MATCH (:Entity)-[r]->(:Entity) " + _REL_ROW
COUNT_LABELS: LiteralString = (
    "MATCH (n:Entity) UNWIND labels(n) AS label WITH label WHERE label <> 'Entity' "
    "RETURN label, count(*) AS n"
)
COUNT_TYPES: LiteralString = (
    "MATCH (:Entity)-[r]->(:Entity) WHERE r.rel_id IS NOT NULL RETURN type(r) AS type, count(*) AS n"
)
PING: LiteralString = "RETURN 1 AS ok"


# ------------------------------------------------------------------------------- sync writes

# Labels and relationship types cannot be parameters, so every per-label / per-type statement is
# built once here from the model's fixed tuples; no runtime value ever reaches the query text.
# (kind, name, statement): the name is what SHOW INDEXES reports once the statement has run.
SCHEMA_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("constraint", "entity_id", "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"),
    *(("index", f"{label.lower()}_name",
       f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)") for label in LABELS),
    # Unique per type: MERGE then cannot duplicate a relationship, and pruning by rel_id is a seek.
    *(("constraint", f"{t.lower()}_rel_id",
       f"CREATE CONSTRAINT {t.lower()}_rel_id IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.rel_id IS UNIQUE")
      for t in REL_TYPES),
    # Support facts (graph.support): their own label, read by recipient or by supporter.
    ("constraint", "support_fact_id",
     "CREATE CONSTRAINT support_fact_id IF NOT EXISTS FOR (f:SupportFact) REQUIRE f.id IS UNIQUE"),
    ("index", "support_fact_recipient",
     "CREATE INDEX support_fact_recipient IF NOT EXISTS FOR (f:SupportFact) ON (f.recipient)"),
    ("index", "support_fact_supporter",
     "CREATE INDEX support_fact_supporter IF NOT EXISTS FOR (f:SupportFact) ON (f.supporter)"),
    # The facts into one recipient as one document (graph.neo4j_codec.encode_recipient_facts).
    ("constraint", "recipient_facts_recipient",
     "CREATE CONSTRAINT recipient_facts_recipient IF NOT EXISTS FOR (x:RecipientFacts) REQUIRE x.recipient IS UNIQUE"),
)
# One read instead of 20 schema writes on every sync after the first: a uniqueness constraint is
# listed through the index it owns, under the constraint's name.
SHOW_SCHEMA: LiteralString = "SHOW INDEXES YIELD name, owningConstraint RETURN name, owningConstraint"
# `SET n = row.props` (not +=) so a prop dropped by a rebuild disappears; the other model labels are
# removed in case a node changed label between builds.
UPSERT_NODES: dict[str, str] = {
    label: "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props "
           f"SET n:{label} " + "".join(f"REMOVE n:{other} " for other in LABELS if other != label)
           + "RETURN count(n) AS written"
    for label in LABELS
}
# The same for every label in one statement, with Cypher's dynamic labels (Neo4j 5.26 and later,
# checked against 5.26.30): the label is a parameter value, checked against LABELS by _check before
# anything is written. It writes as fast per row as the per-label statements (measured on the real
# snapshot), with one statement per batch instead of one per label and batch.
UPSERT_ANY_NODES: LiteralString = (
    "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props "
    "SET n:$(row.label) REMOVE n:$([other IN $labels WHERE other <> row.label]) RETURN count(n) AS written"
)
# Relationship types stay one statement per type: MERGE with a dynamic type `[r:$(row.type) …]`
# cannot use the per-type rel_id constraint's index and took ~7× the server time of these on the real
# snapshot's 1,546 relationships (612 against 83 ms); one statement with a UNION branch per type, 3×.
UPSERT_RELS: dict[str, str] = {
    t: "UNWIND $rows AS row MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
       f"MERGE (a)-[r:{t} {{rel_id: row.rel_id}}]->(b) SET r = row.props RETURN count(r) AS written"
    for t in REL_TYPES
}
DELETE_RELS: dict[str, str] = {
    t: f"UNWIND $ids AS id MATCH ()-[r:{t} {{rel_id: id}}]->() DELETE r RETURN count(*) AS written"
    for t in REL_TYPES
}
# A type the model no longer has (renamed between versions) has no fixed query: one scan finds them.
DELETE_FOREIGN_RELS: LiteralString = (
    "MATCH (:Entity)-[r]->(:Entity) WHERE r.rel_id IN $ids DELETE r RETURN count(*) AS written"
)
DELETE_NODES: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n RETURN count(*) AS written"
)
# Ids and hashes of everything stored, in one read: nodes have no type.
EXISTING_RECORDS: LiteralString = (
    "MATCH (n:Entity) RETURN n.id AS id, null AS type, n.content_hash AS hash UNION ALL "
    "MATCH (:Entity)-[r]->(:Entity) WHERE r.rel_id IS NOT NULL "
    "RETURN r.rel_id AS id, type(r) AS type, r.content_hash AS hash"
)
# Support facts are :SupportFact nodes without the Entity label (no statement above sees them), keyed
# on the fact's id, written whole (`SET f = row.props`) only when their content_hash changed.
EXISTING_FACTS: LiteralString = "MATCH (f:SupportFact) RETURN f.id AS id, f.content_hash AS hash"
UPSERT_FACTS: LiteralString = (
    "UNWIND $rows AS row MERGE (f:SupportFact {id: row.id}) SET f = row.props RETURN count(f) AS written"
)
DELETE_FACTS: LiteralString = (
    "UNWIND $ids AS id MATCH (f:SupportFact {id: id}) DETACH DELETE f RETURN count(*) AS written"
)
# Each recipient's facts as one document (:RecipientFacts, no Entity label either), derived from the
# same facts in the same sync, keyed on the recipient, rewritten when its content_hash changed.
EXISTING_RECIPIENT_FACTS: LiteralString = (
    "MATCH (x:RecipientFacts) RETURN x.recipient AS recipient, x.content_hash AS hash"
)
UPSERT_RECIPIENT_FACTS: LiteralString = (
    "UNWIND $rows AS row MERGE (x:RecipientFacts {recipient: row.recipient}) SET x = row.props "
    "RETURN count(x) AS written"
)
DELETE_RECIPIENT_FACTS: LiteralString = (
    "UNWIND $ids AS id MATCH (x:RecipientFacts {recipient: id}) DETACH DELETE x RETURN count(*) AS written"
)


# --------------------------------------------------------------------- one-round-trip reads
# The generic GraphStore reads (`relations_of`) hand back every relationship with all its evidence,
# one record per relationship and one round trip per hop; on Neo4j the driver then spends most of the
# time decoding records, property maps and evidence lists in Python. The Neo4j store answers the
# walks around nodes that the named queries need (graph.store.GraphStore.relations_around,
# relations_among; support facts have their own reads) with one query each, evidence only where read.

# Every query below answers with ONE record holding a list of compact rows, not one record per
# relationship: the driver's per-record work and the property maps' keys cost more than the values.
# A row is [rel_id, source, type, target, prop_keys, JSON-encoded values (null where native), native
# values, evidence columns or null]: the codec of graph.neo4j_store read key by key, so only the
# record's props and, where asked for, its evidence are read from the store and sent. The stored
# rel_id is Relation.id (the sync writes it), so sorting on it spares a SHA-1 per relationship.
_COMPACT_ROW: LiteralString = (
    "r.rel_id, startNode(r).id, type(r), endNode(r).id, r.prop_keys, "
    "[k IN coalesce(r.prop_keys, []) | r['json_' + k]], [k IN coalesce(r.prop_keys, []) | r[k]]"
)
_EVIDENCE: LiteralString = "[r.ev_document, r.ev_locator, r.ev_quote, r.ev_note, r.ev_note_null]"

# neighborhood, one hop: the relationships around the frontier (either direction, optionally only
# some types), without evidence: the walk reads their ends, rounds and domains.
RELATIONS_AROUND: LiteralString = (
    "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-(:Entity) "
    "WHERE r.rel_id IS NOT NULL AND ($types IS NULL OR type(r) IN $types) WITH DISTINCT r "
    "RETURN collect([" + _COMPACT_ROW + ", null]) AS rows"
)
# neighborhood, the answer's edges: only the relationships between two nodes of the set, with evidence.
RELATIONS_AMONG: LiteralString = (
    "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]->(b:Entity) "
    "WHERE r.rel_id IS NOT NULL AND b.id IN $ids AND ($types IS NULL OR type(r) IN $types) WITH DISTINCT r "
    "RETURN collect([" + _COMPACT_ROW + ", " + _EVIDENCE + "]) AS rows"
)


# support_facts: the facts into a recipient (optionally from one supporter), from a supporter, or all,
# as one record holding a list of rows [id, the fields of graph.neo4j_codec.FACT_FIELDS in order,
# json_other, the five evidence columns]. `stored` says whether the database holds any fact at all: a
# database synced before facts existed has none, and the store then derives them (graph.neo4j_store).
_FACT_ROW: LiteralString = (
    "[f.id, " + "".join(f"f.{key}, " for key in FACT_FIELDS)  # fixed names of the dataclass, no value
    + "f.json_other, f.ev_document, f.ev_locator, f.ev_quote, f.ev_note, f.ev_note_null]"
)
_FACT_ANSWER: LiteralString = (
    "WITH collect(" + _FACT_ROW + ") AS rows RETURN rows, EXISTS { MATCH (:SupportFact) } AS stored"
)
FACTS_BY_RECIPIENT: LiteralString = (
    "MATCH (f:SupportFact {recipient: $recipient}) WHERE $supporter IS NULL OR f.supporter = $supporter "
    + _FACT_ANSWER
)
FACTS_BY_SUPPORTER: LiteralString = "MATCH (f:SupportFact {supporter: $supporter}) " + _FACT_ANSWER
# The facts into a recipient as its one document: a seek on the unique recipient and one property —
# sent only when its content_hash is not `$known` (the hash of the document the store decoded last
# time, null if none): an unchanged document costs a hash, not 100 KB and a decode.
# `stored` is false only on a database synced before these documents existed (no document at all):
# the store then reads FACTS_BY_RECIPIENT instead.
RECIPIENT_FACTS: LiteralString = (
    "OPTIONAL MATCH (x:RecipientFacts {recipient: $recipient}) "
    "RETURN x.content_hash AS hash, CASE WHEN x.content_hash = $known THEN null ELSE x.facts END AS facts, "
    "x.exact_json AS exact_json, x IS NOT NULL OR EXISTS { MATCH (:RecipientFacts) } AS stored"
)
ALL_FACTS: LiteralString = "MATCH (f:SupportFact) " + _FACT_ANSWER
# Whether the database predates support facts: relationships a fact would come from, but no fact;
# and whether it predates the per-recipient documents: facts, but no document.
FACTS_MISSING: LiteralString = (
    "RETURN NOT EXISTS { MATCH (:SupportFact) } AND EXISTS { "
    "MATCH (:Entity)-[r:SUPPORTS|SUPPORTS_MEASURE|SUPPORTS_PROJECT]->(:Entity) WHERE r.rel_id IS NOT NULL } "
    "AS missing, "
    "EXISTS { MATCH (:SupportFact) } AND NOT EXISTS { MATCH (:RecipientFacts) } AS undocumented"
)
