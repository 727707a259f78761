"""The Neo4j store: the GraphStore interface over a Neo4j server, and the property codec sync shares."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any, LiteralString

from neo4j import Driver, GraphDatabase, Query, Record, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
)

from graph.model import LABELS, Evidence, Node, Relation
from graph.store import StoreUnavailable

# Every call is bounded so a dead or wedged server fails fast instead of hanging a request:
# connecting 5 s, waiting for a pooled connection 6 s (it may include connecting), and each read
# transaction 5 s on the server. The driver's own retry loop is off (0 s): it backs off 1 s, 2 s …
# before giving up, which turned "Neo4j is down" into a 6–8 s wait per request; an API answers 503
# with Retry-After at once instead, and a sync is idempotent, so re-running it is the retry. Reads of the whole
# graph get 60 s: the server keeps the transaction open while the pure-Python driver decodes the
# stream, which alone took 4 s for 20k nodes and over 5 s for 40k relationships on 2 cores.
CONNECT_TIMEOUT = 5.0
ACQUIRE_TIMEOUT = 6.0
RETRY_TIME = 0.0
QUERY_TIMEOUT = 5.0
BULK_QUERY_TIMEOUT = 60.0

# The driver logs every retry as a WARNING; with no logging configured Python would print them to
# stderr ahead of our one-line StoreUnavailable. Applications that configure logging still see them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

ENTITY = "Entity"  # helper label on every node: carries the unique id constraint
HINT = "start the local server with `make neo4j-up` or set NEO4J_URI"

# Property names the codec owns; a record prop with such a name is stored JSON-encoded as json_<key>.
RESERVED = frozenset({"id", "name", "rel_id", "prop_keys", "content_hash"})
RESERVED_PREFIXES = ("json_", "ev_")
_SCALARS = (str, bool, int, float)
_INT64 = (-(2**63), 2**63 - 1)

_ROW: LiteralString = "RETURN labels(n) AS labels, properties(n) AS props"
NODE_BY_ID: LiteralString = "MATCH (n:Entity {id: $id}) " + _ROW
ALL_NODES: LiteralString = "MATCH (n:Entity) " + _ROW
# Labels cannot be parameters: one fixed query per label of the model, built once from LABELS.
NODES_BY_LABEL: dict[str, str] = {label: f"MATCH (n:Entity:{label}) {_ROW}" for label in LABELS}
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


# ---------------------------------------------------------------------------------------- codec

def _native(value: Any) -> bool:
    """Whether Neo4j can hold the value as a property unchanged (and hand back the same Python value)."""
    if type(value) in _SCALARS:
        return type(value) is not int or _INT64[0] <= value <= _INT64[1]
    if type(value) is list:
        if not value:
            return True  # Neo4j 5 stores an empty list and returns [] (checked against 5.26)
        # Homogeneous by exact type: [1, True] or [1, 2.5] would come back coerced or be refused.
        first = type(value[0])
        return first in _SCALARS and all(type(v) is first and _native(v) for v in value)
    return False  # None (SET drops null properties), dicts, lists of dicts, mixed lists


def _stored_key(key: str) -> str | None:
    """The property name a prop lives under natively, or None when it must be JSON-encoded."""
    return None if key in RESERVED or key.startswith(RESERVED_PREFIXES) else key


def encode_props(props: dict[str, Any]) -> dict[str, Any]:
    """Record props → Neo4j properties; `prop_keys` keeps their order so decoding is exact."""
    out: dict[str, Any] = {"prop_keys": list(props)}
    for key, value in props.items():
        if _stored_key(key) is not None and _native(value):
            out[key] = value
        else:
            out["json_" + key] = json.dumps(value, ensure_ascii=False)
    return out


def encode_evidence(evidence: list[Evidence]) -> dict[str, list[Any]]:
    """Evidence as parallel lists Cypher can read; ev_note_null tells a None note from an empty one."""
    return {
        "ev_document": [e.document for e in evidence],
        "ev_locator": [e.locator for e in evidence],
        "ev_quote": [e.quote for e in evidence],
        "ev_note": [e.note or "" for e in evidence],
        "ev_note_null": [e.note is None for e in evidence],
    }


def with_hash(kind: str, props: dict[str, Any]) -> dict[str, Any]:
    """Stamp `content_hash`: sha1 of the canonical JSON of exactly what is stored, plus label or type."""
    canonical = json.dumps([kind, props], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {**props, "content_hash": hashlib.sha1(canonical.encode("utf-8")).hexdigest()}


def encode_node(node: Node) -> dict[str, Any]:
    props = {"id": node.id, "name": node.name, **encode_props(node.props), **encode_evidence(node.evidence)}
    return with_hash(node.label, props)


def encode_relation(rel: Relation, rel_id: str | None = None) -> dict[str, Any]:
    """`rel_id` when the caller already has `rel.id` (a hash computed on each access)."""
    props = {"rel_id": rel_id or rel.id, **encode_props(rel.props), **encode_evidence(rel.evidence)}
    return with_hash(f"{rel.type}|{rel.source}|{rel.target}", props)


def decode_props(stored: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in stored.get("prop_keys") or []:
        encoded = stored.get("json_" + key)
        out[key] = json.loads(encoded) if encoded is not None else stored.get(key)
    return out


def decode_evidence(stored: dict[str, Any]) -> list[Evidence]:
    columns = [stored.get(k) or [] for k in ("ev_document", "ev_locator", "ev_quote", "ev_note", "ev_note_null")]
    return [Evidence(d, loc, q, None if null else note) for d, loc, q, note, null in zip(*columns, strict=True)]


def decode_node(labels: list[str], stored: dict[str, Any]) -> Node:
    label = next((x for x in LABELS if x in labels), None) or min(x for x in labels if x != ENTITY)
    return Node(stored["id"], label, stored["name"], decode_props(stored), decode_evidence(stored))


def decode_relation(record: Record) -> Relation:
    stored = record["props"]
    return Relation(record["type"], record["source"], record["target"], decode_props(stored),
                    decode_evidence(stored))


# ---------------------------------------------------------------------------------------- driver

_DRIVERS: dict[tuple[str, tuple[str, str] | None], tuple[Driver, int]] = {}
_DRIVERS_LOCK = threading.Lock()


def acquire_driver(uri: str, auth: tuple[str, str] | None) -> Driver:
    """One driver per process and server: drivers own connection pools, so they are shared."""
    with _DRIVERS_LOCK:
        driver, users = _DRIVERS.get((uri, auth)) or (None, 0)
        if driver is None:
            driver = GraphDatabase.driver(
                uri, auth=auth, connection_timeout=CONNECT_TIMEOUT,
                connection_acquisition_timeout=ACQUIRE_TIMEOUT, max_transaction_retry_time=RETRY_TIME,
            )
        _DRIVERS[(uri, auth)] = (driver, users + 1)
        return driver


def release_driver(driver: Driver) -> None:
    with _DRIVERS_LOCK:
        for key, (cached, users) in list(_DRIVERS.items()):
            if cached is driver:
                if users > 1:
                    _DRIVERS[key] = (cached, users - 1)
                    return
                del _DRIVERS[key]
        driver.close()


def unavailable(exc: Exception, uri: str, database: str) -> StoreUnavailable | None:
    """The one-line StoreUnavailable for a connection, auth or timeout failure; None for other errors."""
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, AuthError):
        what = "authentication failed (check NEO4J_USER / NEO4J_PASSWORD)"
    elif isinstance(exc, ConnectionAcquisitionTimeoutError):
        what = f"no connection within {ACQUIRE_TIMEOUT:g} s"
    elif isinstance(exc, ServiceUnavailable | SessionExpired | DatabaseUnavailable):
        what = "cannot connect"
    elif isinstance(exc, ClientError) and ("TimedOut" in code or "Terminated" in code):
        what = "query timed out"
    elif isinstance(exc, ClientError) and code.endswith("DatabaseNotFound"):
        what = f"no database {database!r}"
    elif isinstance(exc, TimeoutError | ConnectionError):
        what = "connection timed out"
    else:
        return None
    text = " ".join(str(getattr(exc, "message", None) or exc).split())
    # The driver nests the socket error deep in its message; the OS reason is the useful part.
    reason = re.search(r"\(reason ([^)]+)\)", text)
    detail = reason.group(1) if reason else text[:200]
    return StoreUnavailable(f"Neo4j at {uri} (database {database!r}): {what}: {detail} — {HINT}")


# ---------------------------------------------------------------------------------------- store

class Neo4jStore:
    """Reads the graph `graph.neo4j_sync` wrote; answers equal MemoryStore's for the same snapshot."""

    kind = "neo4j"

    def __init__(self, driver: Driver, database: str = "neo4j", uri: str = "the configured server",
                 *, owns_driver: bool = False) -> None:
        self.driver, self.database, self.uri = driver, database, uri
        self._owns_driver = owns_driver

    @classmethod
    def from_env(cls) -> Neo4jStore:
        """NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (empty: no auth) and NEO4J_DATABASE, read once here."""
        uri = os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687"
        password = os.environ.get("NEO4J_PASSWORD") or ""
        auth = (os.environ.get("NEO4J_USER") or "neo4j", password) if password else None
        return cls(acquire_driver(uri, auth), os.environ.get("NEO4J_DATABASE") or "neo4j", uri,
                   owns_driver=True)

    def read(self, text: LiteralString, timeout: float = QUERY_TIMEOUT, **params: Any) -> list[Record]:
        """Run one read query with the timeouts above; connection trouble becomes StoreUnavailable."""
        try:
            records, _, _ = self.driver.execute_query(
                Query(text, timeout=timeout), parameters_=params,
                routing_=RoutingControl.READ, database_=self.database,
            )
        except Exception as exc:
            mapped = unavailable(exc, self.uri, self.database)
            if mapped is None:
                raise
            raise mapped from None
        return records

    def node(self, node_id: str) -> Node | None:
        rows = self.read(NODE_BY_ID, id=node_id)
        return decode_node(rows[0]["labels"], rows[0]["props"]) if rows else None

    def nodes(self, label: str | None = None) -> list[Node]:
        if label is not None and label not in NODES_BY_LABEL:
            return []  # like MemoryStore: an unknown label simply has no nodes
        rows = self.read(ALL_NODES if label is None else NODES_BY_LABEL[label], BULK_QUERY_TIMEOUT)
        # The snapshot (and so MemoryStore's insertion order) is sorted by id; Python's sort, not
        # Cypher's ORDER BY, so non-ASCII ids order exactly the same way.
        return sorted((decode_node(r["labels"], r["props"]) for r in rows), key=lambda n: n.id)

    def relations_of(self, node_ids: Iterable[str], direction: str = "both",
                     types: Iterable[str] | None = None) -> list[Relation]:
        query = {"out": RELS_OUT, "in": RELS_IN, "both": RELS_BOTH}.get(direction)
        if query is None:
            return []  # MemoryStore collects no edges for an unknown direction
        rows = self.read(query, ids=list(node_ids), types=_wanted(types))
        return sorted((decode_relation(r) for r in rows), key=lambda r: r.id)

    def all_relations(self, types: Iterable[str] | None = None) -> list[Relation]:
        rows = self.read(ALL_RELS, BULK_QUERY_TIMEOUT, types=_wanted(types))
        return sorted((decode_relation(r) for r in rows), key=lambda r: r.id)

    def counts(self) -> dict[str, dict[str, int]]:
        labels = Counter({r["label"]: r["n"] for r in self.read(COUNT_LABELS)})
        types = Counter({r["type"]: r["n"] for r in self.read(COUNT_TYPES)})
        return {"nodes": dict(sorted(labels.items())), "relationships": dict(sorted(types.items()))}

    def ping(self) -> bool:
        """True when the server answers a trivial query on the database within the timeouts."""
        try:
            # verify_connectivity does not retry, so a stopped server is reported at once.
            self.driver.verify_connectivity()
            return bool(self.read(PING))
        except StoreUnavailable:
            return False
        except Exception as exc:
            if unavailable(exc, self.uri, self.database) is None:
                raise
            return False

    def close(self) -> None:
        if self._owns_driver:
            self._owns_driver = False
            release_driver(self.driver)


def _wanted(types: Iterable[str] | None) -> list[str] | None:
    # Same truthiness rule as MemoryStore: None or an empty list means every type.
    return sorted(set(types)) if types else None
