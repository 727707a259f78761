"""Refusals: the plain "I can't answer this kind of question yet", the kinds that can be, examples from the graph."""

from __future__ import annotations

from typing import Any

from graph.model import SUPPORTS
from graph.store import GraphStore
from queries.common import node_by_id
from queries.intents import INTENTS

CANT = "I can't answer this kind of question yet (这类问题暂时还无法回答)"


def examples(store: GraphStore) -> list[str]:
    """Two questions the graph can answer, built from its first formal county pairing."""
    rels = sorted((r for r in store.all_relations([SUPPORTS]) if r.props.get("mechanism") == "county_pairing"),
                  key=lambda r: r.id)
    for r in rels:
        a, b = node_by_id(store, r.source), node_by_id(store, r.target)
        if a is not None and b is not None:
            return [f"谁帮扶{b.name}？", f"Which counties does {a.props.get('pinyin') or a.name} support?"]
    return []


def refusal(store: GraphStore, reason: str | None) -> tuple[dict[str, Any], str]:
    """The interpretation keys and the message of a refusal (reason: why the intent found does not fit)."""
    kinds = [i.describes for i in INTENTS]
    ex = examples(store)
    why = f": {reason}" if reason else ""
    message = (f"{CANT}{why}. I can answer: {'; '.join(kinds)}. For example: {' / '.join(ex)}")
    return {"refused": True, "can_answer": kinds, "examples": ex}, message


__all__ = ["CANT", "examples", "refusal"]
