"""Answers computed once per snapshot of the memory store, keyed on what the request asked.

The memory store serves an immutable snapshot, so an answer derived from it (a region's supporters
with their evidence made compact, the answer to a question) stays true until the store is swapped
(`api.state.swap_store` bumps the generation that is part of every key). Unlike the response cache
(api/cache.py), which replays the bytes of one exact URL, this keeps the derived answer: every page,
`limit` and `cursor` of it shares one entry. Neo4j answers are never memoised — its database can
change underneath the app (`shanhai neo4j sync` from elsewhere).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request

T = TypeVar("T")
PAGE_PARAMS = ("limit", "cursor")  # every page of an answer shares its entry
MAX_ENTRIES = 4096  # every county × field (90 × 15) with room for rounds, pages' names and questions


class Memo:
    """A bounded least-recently-used map; routes run in a thread pool, hence the lock."""

    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self.size = size
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                self.hits += 1
                value: T = self.entries[key]
                return value
            self.misses += 1
        value = compute()  # outside the lock: two threads may compute the same answer, never block on it
        with self.lock:
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


def memoised(request: Request, compute: Callable[[], T]) -> T:
    """`compute()` once per (store generation, request) on an immutable store; every time on Neo4j.

    The key is the path and every query parameter but the page's (`limit`, `cursor`), so a parameter
    a route gains later can never be served another parameter's answer."""
    state = request.app.state
    memo: Memo | None = getattr(state, "memo", None)
    store = getattr(state, "store", None)
    if memo is None or store is None or not store.immutable:
        return compute()
    params = tuple(sorted((k, v) for k, v in request.query_params.multi_items() if k not in PAGE_PARAMS))
    return memo.get((getattr(state, "store_generation", 0), request.url.path, params), compute)


__all__ = ["MAX_ENTRIES", "Memo", "memoised"]
