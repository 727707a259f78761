"""Pairing rounds: the default "current" view and filtering by round."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from graph.model import Relation
from graph.support import SupportFact

# Rounds sort by their id's leading year (2018-wenzhou < 2021-provincial < 2025-2027).
Stated = TypeVar("Stated", Relation, SupportFact)


def _year(round_id: str) -> str:
    return round_id[:4]


def rounds_of(item: Relation | SupportFact) -> Sequence[str]:
    return item.rounds if isinstance(item, SupportFact) else item.props.get("rounds", [])


def latest(items: Sequence[Relation | SupportFact]) -> str | None:
    rounds = [x for r in items for x in rounds_of(r)]
    return max(rounds, key=lambda x: (_year(x), x)) if rounds else None


def filter_rounds(items: list[Stated], round_: str | None) -> list[Stated]:
    """None → facts stated in the latest round these facts know ("current"); "all" → all."""
    if round_ == "all":
        return items
    if round_ is None:
        newest = latest(items)
        return [r for r in items if newest is None or not rounds_of(r) or newest in rounds_of(r)]
    return [r for r in items if round_ in rounds_of(r)]
