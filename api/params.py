"""Query parameters shared by several routes, their checks, and the JSON form of a node."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from api.graphview import GraphView
from api.limits import MAX_NAME
from graph.model import Node
from queries.common import check_round as queries_check_round

FieldParam = Annotated[str | None, Query(
    description="a field (domain): id, Chinese or English label, e.g. `医疗卫生`, `healthcare`",
    max_length=MAX_NAME, examples=["医疗卫生"])]
RoundParam = Annotated[str | None, Query(
    description="`current` (default: the latest round), `all`, or a round id such as `2021-provincial`",
    max_length=MAX_NAME, examples=["2025-2027"])]


def check_round(view: GraphView, round_: str | None) -> str | None:
    """`current`/None → None (the queries' latest-round default), else the queries' one round check:
    `all` or a round some document of the graph belongs to."""
    if round_ in (None, "", "current"):
        return None
    return queries_check_round(view.store, round_)


def node_out(node: Node) -> dict[str, Any]:
    return {"id": node.id, "name": node.name, "type": node.label, "props": node.props,
            "evidence": [e.to_dict() for e in node.evidence]}
