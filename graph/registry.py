"""Opening a store by backend name: a registry of openers, each importing its backend only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from graph.store import GraphStore, StoreConfig

Opener = Callable[[StoreConfig], GraphStore]

# name → "module:function"; imported on first use, so the memory store never loads the Neo4j driver.
_OPENERS: dict[str, str | Opener] = {
    "memory": "graph.memory_store:open_memory",
    "neo4j": "graph.neo4j_store:open_neo4j",
}


def register(name: str, opener: str | Opener) -> None:
    """Add a backend: a callable, or "module:function" imported when the backend is first opened."""
    _OPENERS[name] = opener


def backends() -> list[str]:
    return sorted(_OPENERS)


def open_store(config: StoreConfig) -> GraphStore:
    """Open the configured backend (StoreUnavailable when it cannot be reached or has no snapshot)."""
    opener = _OPENERS.get(config.backend)
    if opener is None:
        raise ValueError(f"unknown backend {config.backend!r} ({' or '.join(backends())})")
    if isinstance(opener, str):
        module, _, function = opener.partition(":")
        opener = getattr(importlib.import_module(module), function)
        _OPENERS[config.backend] = opener
    return opener(config)
