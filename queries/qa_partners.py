"""Pairings of a county's own institutions and towns: "永嘉县第二高级中学和哪所学校结对", "枫林镇和瓯海的哪个街道结对".

These sides are no places or organisations of the graph: a pairing of a school, hospital or town of
the county is stored on the county's SUPPORTS relationship (`partner`: the county's institution;
`towns`: the two towns). A question that names such a side and asks about its pairing is answered
from those relationships — the other side, with the evidence — instead of "not in the graph".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.model import SUPPORTS, Relation
from graph.store import GraphStore
from queries.common import brief, evidence_of, node_by_id
from queries.derived import derived
from queries.intents import PAIR, SUPPORT
from queries.qa_answers import Ran, names
from queries.qa_slots import Slots


@dataclass(frozen=True)
class Side:
    name: str  # as the relationship states it (永嘉县第二高级中学, 枫林镇)
    kind: str  # "partner" (an institution of the recipient) or "town"
    relation: Relation


def _sides(store: GraphStore) -> tuple[Side, ...]:
    def build(_: Any) -> tuple[Side, ...]:
        out: list[Side] = []
        for r in store.all_relations([SUPPORTS]):
            partner = r.props.get("partner")
            if isinstance(partner, str) and len(partner) >= 3:
                out.append(Side(partner, "partner", r))
            for town in r.props.get("towns") or []:
                if isinstance(town, str) and len(town) >= 2:
                    out.append(Side(town, "town", r))
        return tuple(sorted(out, key=lambda x: -len(x.name)))
    return derived(store, "qa_partners.sides", build)


def partner_answer(store: GraphStore, s: Slots) -> Ran | None:
    """The other side of the pairings of the institution or town the question names, or None when it
    names none or does not ask about a pairing."""
    if not re.search(PAIR + "|" + SUPPORT, s.text, re.I):
        return None
    named = [x for x in _sides(store) if x.name in s.text]
    if not named:
        return None
    rows: dict[str, dict[str, Any]] = {}
    for side in named:
        r = side.relation
        if side.kind == "partner":
            node = node_by_id(store, r.source)
            if node is None:
                continue
            row = rows.setdefault(node.id, brief(node) | {"partner": side.name, "evidence": []})
        else:
            others = [t for t in r.props.get("towns") or [] if t != side.name and t not in s.text]
            if not others:
                continue
            row = rows.setdefault(others[0], {"id": others[0], "name": others[0], "type": "Town",
                                              "partner": side.name, "evidence": []})
        row["evidence"] = evidence_of([*row["evidence"], *evidence_of([r])])
    answers = list(rows.values())
    asked = "、".join(dict.fromkeys(x.name for x in named))
    params = {"partner": asked}
    if not answers:
        return [], "pairings", params, f"Not in the graph: no pairing of {asked} is stated."
    return answers, "pairings", params, f"{asked} is paired with {names(answers)}."


__all__ = ["partner_answer"]
