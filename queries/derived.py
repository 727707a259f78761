"""Values derived once per snapshot of a store (name lists, n-gram indexes), dropped with its name index."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from graph.store import GraphStore
from queries.lookup import Lookup, lookup_for

T = TypeVar("T")
# Keyed on the store's Lookup: `queries.lookup.invalidate` (a Neo4j write, a swapped snapshot) makes a
# new one, so everything derived from the old graph goes with it and is never served again.
_DERIVED: WeakKeyDictionary[Lookup, dict[Hashable, Any]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def derived(store: GraphStore, key: Hashable, build: Callable[[Lookup], T]) -> T:
    """`build(lookup)` once per snapshot and key; routes run in a thread pool, so two threads may build
    the same value once each (it is a pure function of the snapshot), never a half-built one."""
    lk = lookup_for(store)
    with _LOCK:
        table = _DERIVED.get(lk)
        if table is None:
            table = _DERIVED[lk] = {}
        if key in table:
            value: T = table[key]
            return value
    value = build(lk)
    with _LOCK:
        table[key] = value
    return value


__all__ = ["derived"]
