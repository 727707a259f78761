"""Strong ETags for answers of an immutable store: the snapshot's content, the code, the request.

Two responses may share a strong ETag only when their bytes are equal. An answer is a function of
the graph, of the code that shapes it and of the request (path and query string; JSON routes send
the same bytes whatever else the request says), so the tag hashes exactly those three. The snapshot
part is computed once per store (a few milliseconds over every node and relationship) and the code
part once per process (the source files of api/, queries/ and graph/).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from starlette.types import Scope

from graph.store import GraphStore

_CODE_DIRS = ("api", "queries", "graph")
_ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code that shapes answers: a deploy with new code never reuses an old tag."""
    h = hashlib.sha256(orjson.__version__.encode())
    for directory in _CODE_DIRS:
        for path in sorted((_ROOT / directory).rglob("*.py")):
            h.update(path.relative_to(_ROOT).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def snapshot_hash(store: GraphStore) -> str:
    """A hash of everything in the graph an answer can show: nodes, relationships, build metadata."""
    h = hashlib.sha256(code_fingerprint().encode())
    meta = {k: v for k, v in (store.snapshot_meta or {}).items() if k != "built_at"}
    h.update(orjson.dumps(meta, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str))
    for n in sorted(store.nodes(), key=lambda n: n.id):
        h.update(orjson.dumps(n.to_dict(), option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str))
    for r in store.all_relations():
        h.update(orjson.dumps(r.to_dict(), option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str))
    for extra in (store.checks, store.warnings):  # /api/stats shows them
        h.update(orjson.dumps(extra, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str))
    return h.hexdigest()


def snapshot_tag(state: Any) -> str | None:
    """The hash of the served store's snapshot (computed once per store generation), None for Neo4j."""
    store: GraphStore | None = getattr(state, "store", None)
    if store is None or not store.immutable:
        return None
    generation = getattr(state, "store_generation", 0)
    bases: dict[int, str] | None = getattr(state, "etag_bases", None)
    if bases is None or generation not in bases:
        bases = {generation: snapshot_hash(store)}
        state.etag_bases = bases
    return bases[generation]


def etag_for(scope: Scope) -> tuple[bytes, int] | None:
    """The strong ETag of the answer to this GET and the store generation it holds for; None when the
    store is not immutable (Neo4j) or not open."""
    state: Any = getattr(scope.get("app"), "state", None)
    generation = getattr(state, "store_generation", 0)
    base = snapshot_tag(state)
    if base is None:
        return None
    h = hashlib.sha256(base.encode())
    h.update(scope["path"].encode("utf-8", "surrogateescape"))
    h.update(b"?")
    h.update(scope.get("query_string", b""))
    return b'"' + h.hexdigest()[:40].encode() + b'"', generation


def generation_of(scope: Scope) -> int:
    return int(getattr(getattr(scope.get("app"), "state", None), "store_generation", 0))


__all__ = ["code_fingerprint", "etag_for", "generation_of", "snapshot_hash", "snapshot_tag"]
