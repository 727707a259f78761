"""Write a build snapshot into Neo4j: idempotent, batched UNWIND … MERGE keyed on ids, then prune."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, LiteralString

from neo4j import Driver, Query

from graph.model import LABELS, REL_TYPES
from graph.neo4j_store import Neo4jStore, encode_node, encode_relation, unavailable
from graph.snapshot import Snapshot

Progress = Callable[[str, int, int], None]

# Writes get longer than reads (QUERY_TIMEOUT): a 500-row batch on a cold server, or building an
# index over a big existing graph, can take seconds; a minute still bounds a wedged server.
WRITE_TIMEOUT = 60.0

# Labels and relationship types cannot be parameters, so every per-label / per-type statement is
# built once here from the model's fixed tuples; no runtime value ever reaches the query text.
SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    *(f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)" for label in LABELS),
    # Unique per type: MERGE then cannot duplicate a relationship, and pruning by rel_id is a seek.
    *(f"CREATE CONSTRAINT {t.lower()}_rel_id IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.rel_id IS UNIQUE"
      for t in REL_TYPES),
)
# `SET n = row.props` (not +=) so a prop dropped by a rebuild disappears; the other model labels are
# removed in case a node changed label between builds.
UPSERT_NODES: dict[str, str] = {
    label: "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props "
           f"SET n:{label} " + "".join(f"REMOVE n:{other} " for other in LABELS if other != label)
           + "RETURN count(n) AS written"
    for label in LABELS
}
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
EXISTING_NODES: LiteralString = "MATCH (n:Entity) RETURN n.id AS id, n.content_hash AS hash"
EXISTING_RELS: LiteralString = (
    "MATCH (:Entity)-[r]->(:Entity) WHERE r.rel_id IS NOT NULL "
    "RETURN r.rel_id AS id, type(r) AS type, r.content_hash AS hash"
)


@dataclass(frozen=True)
class SyncSummary:
    """Records (nodes + relationships) created, updated, left alone and deleted; totals after the sync."""

    created: int
    updated: int
    unchanged: int
    deleted: int
    nodes: int
    relationships: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Writer:
    """Runs write statements with the store's timeouts and error mapping."""

    def __init__(self, driver: Driver, database: str, uri: str) -> None:
        self.driver, self.database, self.uri = driver, database, uri

    def verify(self) -> None:
        """Fail at once when the server is down: verify_connectivity does not retry like queries do."""
        try:
            self.driver.verify_connectivity()
        except Exception as exc:
            mapped = unavailable(exc, self.uri, self.database)
            if mapped is None:
                raise
            raise mapped from None

    def run(self, text: str, **params: Any) -> list[Any]:
        try:
            records, _, _ = self.driver.execute_query(
                Query(text, timeout=WRITE_TIMEOUT), parameters_=params,
                database_=self.database,
            )
        except Exception as exc:
            mapped = unavailable(exc, self.uri, self.database)
            if mapped is None:
                raise
            raise mapped from None
        return records

    def written(self, text: str, **params: Any) -> int:
        rows = self.run(text, **params)
        return int(rows[0]["written"]) if rows else 0


def sync(snapshot: Snapshot, target: Neo4jStore | Driver, batch_size: int = 500,
         progress: Progress | None = None, *, database: str = "neo4j") -> SyncSummary:
    """Make the database hold exactly the snapshot's graph; safe to re-run, and after a crash.

    Every batch is its own transaction and MERGEs on ids, so a sync killed halfway leaves whole
    batches behind and the next run finishes the job. Records whose content_hash already matches
    are not written at all.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    t0 = time.perf_counter()
    writer = (_Writer(target.driver, target.database, target.uri) if isinstance(target, Neo4jStore)
              else _Writer(target, database, "the configured server"))
    note = progress or (lambda stage, done, total: None)
    _check(snapshot)
    writer.verify()

    for i, statement in enumerate(SCHEMA):
        writer.run(statement)
        note("schema", i + 1, len(SCHEMA))
    old_nodes = {r["id"]: r["hash"] for r in writer.run(EXISTING_NODES)}
    old_rels = {r["id"]: (r["type"], r["hash"]) for r in writer.run(EXISTING_RELS)}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}

    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in snapshot.nodes:
        props = encode_node(n)
        _classify(counts, n.id in old_nodes, old_nodes.get(n.id), props["content_hash"], node_rows[n.label],
                  {"id": n.id, "props": props})
    rel_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in snapshot.relations:
        props = encode_relation(r)
        old = old_rels.get(props["rel_id"])
        _classify(counts, old is not None, old[1] if old else None, props["content_hash"], rel_rows[r.type],
                  {"rel_id": props["rel_id"], "source": r.source, "target": r.target, "props": props})

    _upsert(writer, UPSERT_NODES, node_rows, batch_size, "nodes", note)
    _upsert(writer, UPSERT_RELS, rel_rows, batch_size, "relationships", note)

    # Prune last: until the new records are in, the old graph stays whole for concurrent readers.
    keep_rels = {r.id for r in snapshot.relations}
    stale_rels: dict[str, list[str]] = defaultdict(list)
    for rel_id, (rel_type, _) in old_rels.items():
        if rel_id not in keep_rels:
            stale_rels[rel_type].append(rel_id)
    for rel_type, ids in sorted(stale_rels.items()):
        for chunk in _chunks(ids, batch_size):
            counts["deleted"] += writer.written(DELETE_RELS.get(rel_type, DELETE_FOREIGN_RELS), ids=chunk)
    keep_nodes = {n.id for n in snapshot.nodes}
    for chunk in _chunks(sorted(set(old_nodes) - keep_nodes), batch_size):
        counts["deleted"] += writer.written(DELETE_NODES, ids=chunk)
    note("delete", counts["deleted"], counts["deleted"])
    return SyncSummary(**counts, nodes=len(snapshot.nodes), relationships=len(snapshot.relations),
                       seconds=round(time.perf_counter() - t0, 3))


def sync_row_by_row(snapshot: Snapshot, target: Neo4jStore | Driver, progress: Progress | None = None,
                    *, database: str = "neo4j") -> SyncSummary:
    """The same statements with one-row lists, one transaction per record: the benchmark baseline."""
    return sync(snapshot, target, batch_size=1, progress=progress, database=database)


def _check(snapshot: Snapshot) -> None:
    """Refuse a snapshot the queries could not store faithfully, before anything is written."""
    ids: set[str] = set()
    for n in snapshot.nodes:
        if n.label not in UPSERT_NODES:
            raise ValueError(f"node {n.id}: label {n.label!r} is not one of {', '.join(LABELS)}")
        if n.id in ids:
            raise ValueError(f"node id {n.id} occurs twice in the snapshot")
        ids.add(n.id)
    rel_ids: set[str] = set()
    for r in snapshot.relations:
        if r.type not in UPSERT_RELS:
            raise ValueError(f"relationship {r.id}: type {r.type!r} is not one of {', '.join(REL_TYPES)}")
        if r.source not in ids or r.target not in ids:
            raise ValueError(f"relationship {r.id} ({r.type} {r.source} -> {r.target}) points at a "
                             "node the snapshot does not have")
        if r.id in rel_ids:
            raise ValueError(f"relationship id {r.id} occurs twice in the snapshot")
        rel_ids.add(r.id)


def _classify(counts: dict[str, int], present: bool, old_hash: str | None, new_hash: str,
              rows: list[dict[str, Any]], row: dict[str, Any]) -> None:
    if present and old_hash == new_hash:
        counts["unchanged"] += 1
        return
    counts["updated" if present else "created"] += 1
    rows.append(row)


def _upsert(writer: _Writer, queries: dict[str, str], rows_by_key: dict[str, list[dict[str, Any]]],
            batch_size: int, stage: str, note: Progress) -> None:
    total = sum(len(rows) for rows in rows_by_key.values())
    done = 0
    note(stage, 0, total)
    for key in sorted(rows_by_key):
        for chunk in _chunks(rows_by_key[key], batch_size):
            written = writer.written(queries[key], rows=chunk)
            if written != len(chunk):
                # Only relationships can fall short: an endpoint node is missing in the database.
                raise RuntimeError(f"{stage}: wrote {written} of {len(chunk)} {key} rows; "
                                   "were nodes deleted while the sync ran?")
            done += len(chunk)
            note(stage, done, total)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


