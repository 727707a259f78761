"""Pairing rounds: the default "current" view and filtering by round."""

from __future__ import annotations

from graph.model import Relation

# Rounds sort by their id's leading year (2018-wenzhou < 2021-provincial < 2025-2027).


def _year(round_id: str) -> str:
    return round_id[:4]


def latest(rels: list[Relation]) -> str | None:
    rounds = [x for r in rels for x in r.props.get("rounds", [])]
    return max(rounds, key=lambda x: (_year(x), x)) if rounds else None


def filter_rounds(rels: list[Relation], round_: str | None) -> list[Relation]:
    """None → relations stated in the latest round these relations know ("current"); "all" → all."""
    if round_ == "all":
        return rels
    if round_ is None:
        newest = latest(rels)
        return [r for r in rels if newest is None or not r.props.get("rounds") or newest in r.props["rounds"]]
    return [r for r in rels if round_ in r.props.get("rounds", [])]
