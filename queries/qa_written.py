"""Answers name a party as the cited documents write it, with the reference's official name beside it.

The graph keeps one official name per organisation (浙江省卫生健康委员会, 浙江省平湖中学) and the documents'
forms as aliases (省卫生健康委, 平湖中学). Someone who reads a plan and asks about it knows a party by the
plan's words, so an answer row whose evidence never writes the official name shows the alias its
quotes do use; `official_name` keeps the reference's name and `id` stays the same, so nothing that
links answers to the graph changes. A row whose quotes write the official name (or no alias at all)
is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from graph.model import normalize
from graph.store import GraphStore


def _row_quotes(row: dict[str, Any]) -> tuple[str, ...]:
    """The quotes of an answer row: its own evidence and its supports' (the usual shapes), else any nested."""
    if "evidence" in row or "supports" in row:
        out = [e["quote"] for e in row.get("evidence") or () if isinstance(e, dict) and isinstance(e.get("quote"), str)]
        for sp in row.get("supports") or ():
            if isinstance(sp, dict):
                out += [e["quote"] for e in sp.get("evidence") or ()
                        if isinstance(e, dict) and isinstance(e.get("quote"), str)]
        return tuple(out)
    return tuple(_quotes(row))


def _quotes(value: Any) -> Iterator[str]:
    """Every evidence quote inside an answer row, however deep its supports and items nest them."""
    if isinstance(value, dict):
        quote = value.get("quote")
        if isinstance(quote, str):
            yield quote
        for k, v in value.items():
            if k != "quote":
                yield from _quotes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _quotes(v)


def relative_forms(forms: list[str], place: str) -> list[str]:
    """A unit's names as its own place's documents write them: 温州市卫计委 → 市卫计委, 永嘉县发改局 → 县发改局."""
    if len(place) < 2:
        return []
    return [place[-1] + f[len(place):] for f in forms if f.startswith(place) and len(f) > len(place) + 1]


@lru_cache(maxsize=16384)  # a snapshot's quotes recur across answers
def _normal(quote: str) -> str:
    return normalize(quote)


@lru_cache(maxsize=4096)  # the same party with the same quotes recurs across questions
def written_form(official: str, aliases: tuple[str, ...], quotes: tuple[str, ...], place: str = "") -> str | None:
    """The alias the quotes write when they never write the official name; the longest such, else None."""
    texts = [_normal(q) for q in dict.fromkeys(quotes) if q]
    if not texts or any(normalize(official) in t for t in texts):
        return None
    forms = [*aliases, *relative_forms([official, *aliases], place)]
    seen = [a for a in forms if a and any(normalize(a) in t for t in texts)]
    return max(seen, key=lambda a: (len(a), a)) if seen else None


def as_written(store: GraphStore, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answer rows with `name` as their evidence writes it and `official_name` where that differs."""
    out = []
    for row in answers:
        node = store.node(row["id"]) if isinstance(row.get("id"), str) and row.get("name") else None
        # Regions keep their names: the reference's are already the short official ones (瓯海区, 龙游县).
        if node is None or node.label != "Organization" or node.name != row["name"]:
            out.append(row)
            continue
        aliases = tuple(str(a) for a in (node.props.get("aliases") or []))
        form = written_form(node.name, aliases, _row_quotes(row), str(node.props.get("region") or ""))
        out.append(row | {"name": form, "official_name": row["name"]} if form else row)
    return out


__all__ = ["as_written", "written_form"]
