"""How an answer names a node: the one brief every query, error and question answer uses."""

from __future__ import annotations

from typing import Any

from graph.model import Node


def brief(n: Node) -> dict[str, Any]:
    """A node as an answer row names it: id, name, type, and kind/level/city when it has them."""
    out: dict[str, Any] = {"id": n.id, "name": n.name, "type": n.label}
    for key in ("kind", "level", "city"):
        if n.props.get(key) is not None:
            out[key] = n.props[key]
    return out


__all__ = ["brief"]
