"""The Neo4j store: the GraphStore interface over a server (Cypher in graph.cypher, codec in neo4j_codec)."""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any, LiteralString

from neo4j import READ_ACCESS, Driver, GraphDatabase, Query, Record
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
)

from graph.cypher import (
    ALL_FACTS,
    ALL_NODES,
    ALL_RELS,
    COUNT_LABELS,
    COUNT_TYPES,
    FACTS_BY_RECIPIENT,
    FACTS_BY_SUPPORTER,
    FACTS_MISSING,
    NODE_BY_ID,
    NODES_BY_LABEL,
    PING,
    RECIPIENT_FACTS,
    RELATIONS_AMONG,
    RELATIONS_AROUND,
    RELS_BOTH,
    RELS_IN,
    RELS_OUT,
)
from graph.model import Node, Relation
from graph.neo4j_codec import (
    ENTITY,
    decode_fact_row,
    decode_node,
    decode_recipient_facts,
    decode_relation,
    decode_rows,
    encode_node,
    encode_relation,
    wanted_types,
)
from graph.snapshot import Snapshot
from graph.store import GraphStore, StoreConfig, StoreUnavailable
from graph.store_base import StoreBase
from graph.support import SupportFact, fact_order

# Re-exported: the sync and tests take the codec from the store module they talk to.
__all__ = ["ENTITY", "HINT", "Neo4jStore", "acquire_driver", "encode_node", "encode_relation", "open_neo4j",
           "release_driver", "unavailable"]

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

# Recipients whose decoded facts a store keeps (a few hundred KB each at most on the real graph; every
# region of a 100× graph fits).
DOCUMENTS_KEPT = 4096

HINT = "start the local server with `make neo4j-up` or set NEO4J_URI"
# A database synced before support facts existed holds none: support is then derived from the whole
# graph on every call (correct, slow); `warnings` (shown by stats) says so until the next sync.
FACTS_MISSING_WARNING = ("Neo4j holds no support facts (synced before they existed): support is derived "
                         "from the whole graph on every request; re-run `shanhai neo4j sync`")
# A database synced before the per-recipient documents: correct, one read of every fact node instead.
FACTS_UNDOCUMENTED_WARNING = ("Neo4j holds support facts but not their per-recipient documents (synced by "
                              "an older version): supporters are read fact by fact, more slowly; re-run "
                              "`shanhai neo4j sync`")
log = logging.getLogger(__name__)

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

class Neo4jStore(StoreBase):
    """Reads the graph `graph.neo4j_sync` wrote; answers equal MemoryStore's for the same snapshot."""

    kind = "neo4j"
    # The database can change underneath (another sync, another writer): answers must not be replayed.
    immutable = False

    def __init__(self, driver: Driver, database: str = "neo4j", uri: str = "the configured server",
                 *, owns_driver: bool = False) -> None:
        self.driver, self.database, self.uri = driver, database, uri
        self._owns_driver = owns_driver
        self._warnings: list[dict[str, Any]] = []
        self._told_facts_missing = False  # log it once per store, not on every request
        # recipient → (content_hash, facts) of the document read last (see _recipient_document).
        self._documents: dict[str, tuple[str, list[SupportFact]]] = {}

    @classmethod
    def from_config(cls, config: StoreConfig) -> Neo4jStore:
        """The server and database of the settings (an empty password means no auth)."""
        auth = (config.neo4j_user, config.neo4j_password) if config.neo4j_password else None
        return cls(acquire_driver(config.neo4j_uri, auth), config.neo4j_database, config.neo4j_uri,
                   owns_driver=True)

    @property
    def location(self) -> str:
        return self.uri

    def read(self, text: LiteralString, timeout: float = QUERY_TIMEOUT, **params: Any) -> list[Record]:
        """Run one read query with the timeouts above; connection trouble becomes StoreUnavailable.

        An auto-commit query in a read session: RUN and PULL go out together and the answer comes back
        in one network round trip, where execute_query's managed transaction (BEGIN, RUN, PULL, then
        COMMIT) takes two — RETURN 1 0.54 → 0.36 ms (bench/PROFILE.md). Its retries bought nothing
        (RETRY_TIME is 0); the bookmarks are execute_query's own, so a read still follows the writes
        of a sync in this process on a cluster; all records in one PULL (fetch_size -1).
        """
        try:
            with self.driver.session(database=self.database, default_access_mode=READ_ACCESS, fetch_size=-1,
                                     bookmark_manager=self.driver.execute_query_bookmark_manager) as session:
                records = list(session.run(Query(text, timeout=timeout), params))
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
        rows = self.read(query, ids=list(node_ids), types=wanted_types(types))
        return sorted((decode_relation(r) for r in rows), key=lambda r: r.id)

    def all_relations(self, types: Iterable[str] | None = None) -> list[Relation]:
        rows = self.read(ALL_RELS, BULK_QUERY_TIMEOUT, types=wanted_types(types))
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

    # -- capabilities: one round trip each instead of the generic walks over relations_of -------------
    def support_facts(self, recipient: str | None = None, supporter: str | None = None) -> list[SupportFact]:
        # One round trip; sorted here like derive_support_facts (Python's order, not ORDER BY, so
        # non-ASCII ids sort the same as in the memory store).
        if recipient is not None:
            facts = self._recipient_document(recipient)
            if facts is not None:
                return [f for f in facts if supporter is None or f.supporter == supporter]
            # Else a database synced before the documents existed: read the fact nodes.
        return self.support_fact_nodes(recipient, supporter)

    def _recipient_document(self, recipient: str) -> list[SupportFact] | None:
        """The recipient's facts from its one document (what supporters_of reads on every request);
        None when the database has no documents at all.

        The facts decoded last time are kept with their document's content_hash, and the server sends
        the document only when the stored hash differs: every call is a round trip that sees what the
        database holds now (another sync, another writer), but an unchanged document is not sent or
        decoded again. The facts are shared read-only between answers, as the memory store's are.
        """
        known = self._documents.get(recipient)
        found = self.read(RECIPIENT_FACTS, recipient=recipient, known=known[0] if known else None)
        row = found[0] if found else None
        if row is None or row["hash"] is None:
            self._documents.pop(recipient, None)
            # Documents are stored, none for this recipient: nobody supports it.
            return [] if row is not None and row["stored"] else None
        if row["facts"] is None and known is not None and known[0] == row["hash"]:
            return list(known[1])
        facts = decode_recipient_facts(row["facts"], row["exact_json"])
        facts.sort(key=fact_order)
        if len(self._documents) >= DOCUMENTS_KEPT:
            self._documents.pop(next(iter(self._documents)), None)  # the oldest kept
        self._documents[recipient] = (row["hash"], facts)
        return list(facts)

    def forget_documents(self) -> None:
        """Drop the decoded documents: the next read of each recipient is sent and decoded again (what a
        changed document costs; bench/measure_neo4j.py times it)."""
        self._documents.clear()

    def support_fact_nodes(self, recipient: str | None = None, supporter: str | None = None) -> list[SupportFact]:
        """The facts read from the :SupportFact nodes (by supporter, all, and on a database without the
        per-recipient documents); derived from the graph when the database holds no fact at all."""
        query = (FACTS_BY_RECIPIENT if recipient is not None else FACTS_BY_SUPPORTER if supporter is not None
                 else ALL_FACTS)
        found = self.read(query, timeout=BULK_QUERY_TIMEOUT if query is ALL_FACTS else QUERY_TIMEOUT,
                          recipient=recipient, supporter=supporter)
        if found and not found[0]["stored"]:
            # No fact at all: a database synced before facts existed (or a graph without support).
            # Never answer "no support" from that: derive them, as every store can (StoreBase).
            if not self._told_facts_missing:
                self._told_facts_missing = True
                log.warning(FACTS_MISSING_WARNING)
            return super().support_facts(recipient, supporter)
        facts = [decode_fact_row(row) for row in found[0]["rows"]] if found else []
        facts.sort(key=fact_order)
        return facts

    @property
    def warnings(self) -> list[dict[str, Any]]:
        """What stats shows: the database has no build report, so only whether it predates support facts
        or their per-recipient documents (one query when read), after any warnings set on the store."""
        rows = self.read(FACTS_MISSING)
        messages = [message for key, message in (("missing", FACTS_MISSING_WARNING),
                                                 ("undocumented", FACTS_UNDOCUMENTED_WARNING))
                    if rows and rows[0][key]]
        return [*self._warnings, *({"document": "", "locator": "", "message": m} for m in messages)]

    @warnings.setter
    def warnings(self, value: list[dict[str, Any]]) -> None:
        self._warnings = list(value)

    def relations_around(self, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
        # Without evidence: the walk reads ends, rounds and domains.
        found = self.read(RELATIONS_AROUND, ids=node_ids, types=wanted_types(types))
        return decode_rows(found[0]["rows"])

    def relations_among(self, node_ids: list[str], types: Iterable[str] | None) -> list[Relation]:
        found = self.read(RELATIONS_AMONG, ids=node_ids, types=wanted_types(types))
        return decode_rows(found[0]["rows"])

    def reloaded(self, snap: Snapshot) -> tuple[GraphStore, dict[str, Any]]:
        """Sync the snapshot into this database; the same store serves it."""
        from graph.neo4j_sync import sync  # the sync imports this module

        return self, {"store": "neo4j", "sync": sync(snap, self).to_dict()}


def open_neo4j(config: StoreConfig) -> Neo4jStore:
    return Neo4jStore.from_config(config)
