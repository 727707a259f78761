"""The one codec between the model's records and what Neo4j stores: props, evidence, compact rows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

import orjson
from neo4j import Record

from graph.model import LABELS, Evidence, Node, Relation
from graph.support import SupportFact

ENTITY = "Entity"  # helper label on every node: carries the unique id constraint
# Support facts are records of their own, not graph nodes: no Entity label, so every read of the graph
# (nodes, counts, relationships, exports) is blind to them.
FACT_LABEL = "SupportFact"
# A fact's fields in the dataclass's order, each stored under its own name (id and evidence apart).
FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(SupportFact) if f.name not in ("id", "evidence"))
_FACT_TUPLES = frozenset({"domains", "rounds"})
# The support facts into one recipient as ONE property, what support_facts(recipient=…) reads: a JSON
# array of positional rows. Profiled on the real graph (bench/PROFILE.md, 2026-12-02): reading 139
# :SupportFact nodes' 25 properties each cost the server ~3 ms and the driver's PackStream another
# ~1 ms; one indexed node with one string is a seek plus one property read, decoded by orjson.
RECIPIENT_FACTS_LABEL = "RecipientFacts"
# Positions in a row of that document: the dataclass's fields in order, evidence as [d, l, q, note].
_FACT_NAMES: tuple[str, ...] = ("id", *FACT_FIELDS, "evidence")
_FACT_TUPLE_AT = (_FACT_NAMES.index("domains"), _FACT_NAMES.index("rounds"))

# Property names the codec owns; a record prop with such a name is stored JSON-encoded as json_<key>.
RESERVED = frozenset({"id", "name", "rel_id", "prop_keys", "content_hash"})
RESERVED_PREFIXES = ("json_", "ev_")
_SCALARS = (str, bool, int, float)
_INT64 = (-(2**63), 2**63 - 1)


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


def _evidence_columns(evidence: list[Any] | None) -> list[Evidence]:
    """The five ev_* columns of a compact row (None: left out) as evidence."""
    documents, locators, quotes, notes, nulls = (column or [] for column in (evidence or [None] * 5))
    return [Evidence(d, loc, q, None if null else note)
            for d, loc, q, note, null in zip(documents, locators, quotes, notes, nulls, strict=True)]


def decode_row(row: list[Any]) -> Relation:
    """A compact row as decode_relation would give the whole relationship."""
    _, source, rel_type, target, keys, encoded, native, evidence = row
    props = {k: json.loads(e) if e is not None else v for k, e, v in zip(keys or [], encoded, native, strict=True)}
    return Relation(rel_type, source, target, props, _evidence_columns(evidence))


def encode_fact(fact: SupportFact) -> dict[str, Any]:
    """A support fact's stored properties: every field under its own name (None: absent, as Neo4j drops
    nulls), a value Neo4j cannot hold unchanged in `json_other`, evidence as on relationships."""
    values = fact.to_dict()
    props: dict[str, Any] = {"id": fact.id}
    other: dict[str, Any] = {}
    for key in FACT_FIELDS:
        value = values[key]
        if value is None:
            continue
        if _native(value):
            props[key] = value
        else:
            other[key] = value
    if other:
        props["json_other"] = json.dumps(other, ensure_ascii=False, sort_keys=True)
    return with_hash(FACT_LABEL, {**props, **encode_evidence(list(fact.evidence))})


def decode_fact_row(row: list[Any]) -> SupportFact:
    """A fact row of graph.cypher (id, FACT_FIELDS, json_other, the five ev_* columns) as the fact."""
    end = 1 + len(FACT_FIELDS)
    values = dict(zip(FACT_FIELDS, row[1:end], strict=True))
    if row[end] is not None:
        values.update(json.loads(row[end]))
    for key in _FACT_TUPLES:
        values[key] = tuple(values[key] or ())
    return SupportFact(id=row[0], evidence=tuple(_evidence_columns(row[end + 1:])), **values)


def encode_recipient_facts(recipient: str, facts: list[SupportFact]) -> dict[str, Any]:
    """The stored properties of one recipient's facts document (`facts`, in the order given).

    orjson writes it and reads it back, unless a value would not come back the same through it (an
    integer beyond 64 bits comes back as a float, NaN as null): then the standard library writes it
    and `exact_json` tells the reader to use it too. The round trip is checked here, once per sync.
    """
    rows = [[f.id, *(getattr(f, k) for k in FACT_FIELDS),
             [[e.document, e.locator, e.quote, e.note] for e in f.evidence]] for f in facts]
    text: str | None = None
    try:
        candidate = orjson.dumps(rows).decode()
        if decode_recipient_facts(candidate) == facts:
            text = candidate
    except (orjson.JSONEncodeError, ValueError, TypeError):
        pass
    # exact_json is always written: a property key the database has never held makes the server
    # attach a warning notification to every read naming it.
    exact = text is None
    if text is None:
        text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return with_hash(RECIPIENT_FACTS_LABEL, {"recipient": recipient, "facts": text, "exact_json": exact})


def decode_recipient_facts(text: str, exact_json: bool | None = None) -> list[SupportFact]:
    """A recipient's facts document (encode_recipient_facts) as the facts, in stored order.

    Every supporters_of on Neo4j decodes one, so this is written for speed (0.58 → 0.37 ms for
    永嘉县's 139 facts and 199 evidence records, of which orjson 0.12 ms): instances are filled without
    the frozen dataclasses' __init__ (one object.__setattr__ per field), inline, and each fact's
    evidence_dicts, which every answer reads, is made from the same rows.
    """
    out = []
    domains_at, rounds_at = _FACT_TUPLE_AT
    for row in (json.loads if exact_json else orjson.loads)(text):
        row[domains_at] = tuple(row[domains_at] or ())
        row[rounds_at] = tuple(row[rounds_at] or ())
        evidence, dicts = [], []
        for d, loc, q, note in row[-1]:
            record = _new(Evidence)
            record.__dict__.update(document=d, locator=loc, quote=q, note=note)
            evidence.append(record)
            # Evidence.to_dict's shape: the note only when there is one.
            dicts.append({"document": d, "locator": loc, "quote": q, "note": note} if note
                         else {"document": d, "locator": loc, "quote": q})
        row[-1] = tuple(evidence)
        fact = _new(SupportFact)
        fact.__dict__.update(zip(_FACT_NAMES, row, strict=True))
        fact.__dict__["evidence_dicts"] = tuple(dicts)
        out.append(fact)
    return out


_new = object.__new__
# What decode_recipient_facts relies on: both dataclasses only store their fields in __init__, and
# Evidence's are these four. One that grows __post_init__, slots or other fields must be built
# through its __init__ again.
for _cls in (SupportFact, Evidence):
    if (hasattr(_cls, "__post_init__") or "__slots__" in _cls.__dict__
            or not all(f.init for f in fields(_cls))):
        raise TypeError(f"{_cls.__name__} can no longer be filled field by field (graph.neo4j_codec)")
if tuple(f.name for f in fields(Evidence)) != ("document", "locator", "quote", "note"):
    raise TypeError("Evidence's fields changed: update graph.neo4j_codec.decode_recipient_facts")


def decode_rows(rows: Iterable[list[Any]]) -> list[Relation]:
    """Compact rows decoded and ordered like `relations_of` (by relationship id, stored as rel_id)."""
    return [decode_row(row) for row in sorted(rows, key=lambda row: row[0])]


def wanted_types(types: Iterable[str] | None) -> list[str] | None:
    """The relationship types a read asks for; the same truthiness rule as both stores: None or an empty
    list means every type."""
    return sorted(set(types)) if types else None
