"""Write a build snapshot into Neo4j: idempotent, batched UNWIND … MERGE keyed on ids, then prune."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from neo4j import Driver, Query
from neo4j.exceptions import ClientError

from graph.cypher import (
    DELETE_FACTS,
    DELETE_FOREIGN_RELS,
    DELETE_NODES,
    DELETE_RECIPIENT_FACTS,
    DELETE_RELS,
    EXISTING_FACTS,
    EXISTING_RECIPIENT_FACTS,
    EXISTING_RECORDS,
    SCHEMA_ITEMS,
    SHOW_SCHEMA,
    UPSERT_ANY_NODES,
    UPSERT_FACTS,
    UPSERT_NODES,
    UPSERT_RECIPIENT_FACTS,
    UPSERT_RELS,
)
from graph.model import LABELS, REL_TYPES
from graph.neo4j_codec import encode_fact, encode_node, encode_recipient_facts, encode_relation
from graph.neo4j_store import Neo4jStore, unavailable
from graph.snapshot import Snapshot
from graph.support import SupportFact, fact_order

Progress = Callable[[str, int, int], None]

# Writes get longer than reads (QUERY_TIMEOUT): a 1000-row batch on a cold server, or building an
# index over a big existing graph, can take seconds; a minute still bounds a wedged server.
WRITE_TIMEOUT = 60.0
# Rows per statement and transaction. Measured: on the real snapshot 1000 writes each label and
# type in one statement (0.30–0.37 s against 0.43–0.48 s with 500); on the 100× synthetic graph
# 500, 1000 and 2000 all take ~30 s (the server's per-row work dominates there).
BATCH_SIZE = 1000

DYNAMIC_LABELS_SINCE = (5, 26)


@dataclass(frozen=True)
class SyncSummary:
    """Records (nodes + relationships) created, updated, left alone and deleted; totals after the sync.

    Support facts (graph.support, stored as :SupportFact records) are counted apart in `facts_*`; the
    per-recipient documents of the same facts (:RecipientFacts) in `recipients_*`.
    """

    created: int
    updated: int
    unchanged: int
    deleted: int
    nodes: int
    relationships: int
    seconds: float
    facts: int = 0
    facts_created: int = 0
    facts_updated: int = 0
    facts_unchanged: int = 0
    facts_deleted: int = 0
    recipients: int = 0
    recipients_written: int = 0
    recipients_deleted: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Writer:
    """Runs write statements with the store's timeouts and error mapping."""

    def __init__(self, driver: Driver, database: str, uri: str) -> None:
        self.driver, self.database, self.uri = driver, database, uri
        self.agent = ""  # the server's agent string, e.g. "Neo4j/5.26.30", from the last statement

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
            records, summary, _ = self.driver.execute_query(
                Query(text, timeout=WRITE_TIMEOUT), parameters_=params,
                database_=self.database,
            )
        except Exception as exc:
            mapped = unavailable(exc, self.uri, self.database)
            if mapped is None:
                raise
            raise mapped from None
        self.agent = summary.server.agent or ""
        return records

    def written(self, text: str, **params: Any) -> int:
        rows = self.run(text, **params)
        return int(rows[0]["written"]) if rows else 0


def sync(snapshot: Snapshot, target: Neo4jStore | Driver, batch_size: int = BATCH_SIZE,
         progress: Progress | None = None, *, database: str = "neo4j") -> SyncSummary:
    """Make the database hold exactly the snapshot's graph and support facts; safe to re-run, and after a crash.

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
    rel_ids = _check(snapshot)
    facts = snapshot.support_facts()
    _check_facts(facts)
    writer.verify()

    _ensure_schema(writer, note)
    old_nodes: dict[str, str | None] = {}
    old_rels: dict[str, tuple[str, str | None]] = {}
    for r in writer.run(EXISTING_RECORDS):
        if r["type"] is None:
            old_nodes[r["id"]] = r["hash"]
        else:
            old_rels[r["id"]] = (r["type"], r["hash"])
    dynamic = dynamic_labels(writer.agent)
    old_facts: dict[str, str | None] = {r["id"]: r["hash"] for r in writer.run(EXISTING_FACTS)}
    old_docs: dict[str, str | None] = {r["recipient"]: r["hash"] for r in writer.run(EXISTING_RECIPIENT_FACTS)}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    fact_counts = {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}

    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in snapshot.nodes:
        props = encode_node(n)
        row = {"id": n.id, "label": n.label, "props": props} if dynamic else {"id": n.id, "props": props}
        _classify(counts, n.id in old_nodes, old_nodes.get(n.id), props["content_hash"],
                  node_rows["" if dynamic else n.label], row)
    rel_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r, rel_id in zip(snapshot.relations, rel_ids, strict=True):
        props = encode_relation(r, rel_id)
        old = old_rels.get(rel_id)
        _classify(counts, old is not None, old[1] if old else None, props["content_hash"], rel_rows[r.type],
                  {"rel_id": rel_id, "source": r.source, "target": r.target, "props": props})

    if dynamic:
        _upsert(writer, {"": UPSERT_ANY_NODES}, node_rows, batch_size, "nodes", note, labels=list(LABELS))
    else:
        _upsert(writer, UPSERT_NODES, node_rows, batch_size, "nodes", note)
    _upsert(writer, UPSERT_RELS, rel_rows, batch_size, "relationships", note)
    fact_rows: list[dict[str, Any]] = []
    for f in facts:
        props = encode_fact(f)
        _classify(fact_counts, f.id in old_facts, old_facts.get(f.id), props["content_hash"], fact_rows,
                  {"id": f.id, "props": props})
    _upsert(writer, {"": UPSERT_FACTS}, {"": fact_rows}, batch_size, "facts", note)
    # Each recipient's facts again as one document, after the facts themselves (a crash in between
    # leaves the old documents, which the next sync rewrites: their hashes differ).
    by_recipient: dict[str, list[SupportFact]] = defaultdict(list)
    for f in facts:
        by_recipient[f.recipient].append(f)
    doc_rows: list[dict[str, Any]] = []
    doc_counts = {"created": 0, "updated": 0, "unchanged": 0}
    for recipient, its_facts in sorted(by_recipient.items()):
        props = encode_recipient_facts(recipient, sorted(its_facts, key=fact_order))
        _classify(doc_counts, recipient in old_docs, old_docs.get(recipient), props["content_hash"], doc_rows,
                  {"recipient": recipient, "props": props})
    _upsert(writer, {"": UPSERT_RECIPIENT_FACTS}, {"": doc_rows}, batch_size, "recipients", note)

    # Prune last: until the new records are in, the old graph stays whole for concurrent readers.
    keep_rels = set(rel_ids)
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
    keep_facts = {f.id for f in facts}
    for chunk in _chunks(sorted(set(old_facts) - keep_facts), batch_size):
        fact_counts["deleted"] += writer.written(DELETE_FACTS, ids=chunk)
    docs_deleted = 0
    for chunk in _chunks(sorted(set(old_docs) - set(by_recipient)), batch_size):
        docs_deleted += writer.written(DELETE_RECIPIENT_FACTS, ids=chunk)
    note("delete", counts["deleted"], counts["deleted"])
    return SyncSummary(**counts, nodes=len(snapshot.nodes), relationships=len(snapshot.relations),
                       seconds=round(time.perf_counter() - t0, 3), facts=len(facts),
                       **{f"facts_{k}": v for k, v in fact_counts.items()}, recipients=len(by_recipient),
                       recipients_written=len(doc_rows), recipients_deleted=docs_deleted)


def sync_row_by_row(snapshot: Snapshot, target: Neo4jStore | Driver, progress: Progress | None = None,
                    *, database: str = "neo4j") -> SyncSummary:
    """The same statements with one-row lists, one transaction per record: the benchmark baseline."""
    return sync(snapshot, target, batch_size=1, progress=progress, database=database)


def _ensure_schema(writer: _Writer, note: Progress) -> None:
    """Create the constraints and indexes SHOW INDEXES does not list yet (all of them on a new database)."""
    try:
        listed = writer.run(SHOW_SCHEMA)
    except ClientError:
        listed = []  # e.g. a user without the SHOW INDEX privilege: CREATE … IF NOT EXISTS decides
    present = {("index", r["name"]) for r in listed} | {("constraint", r["owningConstraint"]) for r in listed}
    missing = [statement for kind, name, statement in SCHEMA_ITEMS if (kind, name) not in present]
    done = len(SCHEMA_ITEMS) - len(missing)
    note("schema", done, len(SCHEMA_ITEMS))
    for statement in missing:
        writer.run(statement)
        done += 1
        note("schema", done, len(SCHEMA_ITEMS))


def dynamic_labels(agent: str) -> bool:
    """Whether the server's Cypher has dynamic labels (`SET n:$(expr)`), from its agent string."""
    found = re.match(r"Neo4j/(\d+)\.(\d+)", agent)
    return found is not None and (int(found[1]), int(found[2])) >= DYNAMIC_LABELS_SINCE


def _check(snapshot: Snapshot) -> list[str]:
    """Refuse a snapshot the queries could not store faithfully, before anything is written.

    Returns the relationship ids in snapshot order (each id is a hash; computed once per sync).
    """
    ids: set[str] = set()
    for n in snapshot.nodes:
        if n.label not in UPSERT_NODES:
            raise ValueError(f"node {n.id}: label {n.label!r} is not one of {', '.join(LABELS)}")
        if n.id in ids:
            raise ValueError(f"node id {n.id} occurs twice in the snapshot")
        ids.add(n.id)
    rel_ids: list[str] = []
    seen: set[str] = set()
    for r in snapshot.relations:
        rel_id = r.id
        if r.type not in UPSERT_RELS:
            raise ValueError(f"relationship {rel_id}: type {r.type!r} is not one of {', '.join(REL_TYPES)}")
        if r.source not in ids or r.target not in ids:
            raise ValueError(f"relationship {rel_id} ({r.type} {r.source} -> {r.target}) points at a "
                             "node the snapshot does not have")
        if rel_id in seen:
            raise ValueError(f"relationship id {rel_id} occurs twice in the snapshot")
        seen.add(rel_id)
        rel_ids.append(rel_id)
    return rel_ids


def _check_facts(facts: list[SupportFact]) -> None:
    """Refuse facts the store could not key: an id twice, or ends that are not ids (the indexed props)."""
    seen: set[str] = set()
    for f in facts:
        if f.id in seen:
            raise ValueError(f"support fact id {f.id} occurs twice in the snapshot")
        if not (isinstance(f.recipient, str) and isinstance(f.supporter, str)):
            raise ValueError(f"support fact {f.id}: recipient and supporter must be node ids")
        seen.add(f.id)


def _classify(counts: dict[str, int], present: bool, old_hash: str | None, new_hash: str,
              rows: list[dict[str, Any]], row: dict[str, Any]) -> None:
    if present and old_hash == new_hash:
        counts["unchanged"] += 1
        return
    counts["updated" if present else "created"] += 1
    rows.append(row)


def _upsert(writer: _Writer, queries: dict[str, str], rows_by_key: dict[str, list[dict[str, Any]]],
            batch_size: int, stage: str, note: Progress, **params: Any) -> None:
    total = sum(len(rows) for rows in rows_by_key.values())
    done = 0
    note(stage, 0, total)
    for key in sorted(rows_by_key):
        for chunk in _chunks(rows_by_key[key], batch_size):
            written = writer.written(queries[key], rows=chunk, **params)
            if written != len(chunk):
                # Only relationships can fall short: an endpoint node is missing in the database.
                raise RuntimeError(f"{stage}: wrote {written} of {len(chunk)} {key} rows; "
                                   "were nodes deleted while the sync ran?")
            done += len(chunk)
            note(stage, done, total)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


