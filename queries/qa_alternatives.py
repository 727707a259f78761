"""Two or more values of a filter joined in the question: "教育和医疗", "经济强县和国企", "health or education".

A builder applies one value per filter, so "who supports 永嘉 in education and health" used to be
answered for education alone (the second field silently dropped), and "永嘉的经济强县和国企分别是谁"
applied both filters at once and found nobody. Here each value is asked on its own and the answers
combined: all of them (union) — or, when the question says both must hold (两块都, 同时, both), the
parties in every answer (intersection).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from graph.store import GraphStore
from queries.common import evidence_of
from queries.lookup import lookup_for
from queries.qa_answers import Ran, names
from queries.qa_slots import Slots

# Only a conjunction (or a list mark) between two values makes them alternatives.
CONJ = re.compile(r"^\s*(?:和|与|及|以及|、|或|或者|还是|跟|同|and|or|as well as|,|，)\s*$", re.I)
BOTH = re.compile(r"(?:两|二|三|几)(?:块|个领域|个方面|方面|者|项)?都|都(?:有|参与|涉及|覆盖|在|是)(?!谁)|同时|"
                  r"既.{1,12}又|\bboth\b|\bin each of\b|\bin all of\b", re.I)


@dataclass(frozen=True)
class Alternative:
    slot: str  # "domain", "mechanism" or "kind"
    value: Any
    label: str
    start: int
    end: int


def alternatives(store: GraphStore, s: Slots) -> list[Alternative]:
    """The values of filters the question joins with a conjunction, in text order (none: fewer than two)."""
    low = s.text.lower()
    found: list[Alternative] = []
    by_id = lookup_for(store).by_id
    for domain_id, word in s.domain_words:
        node = by_id.get(domain_id)
        at = low.find(word.lower())
        if node is not None and at >= 0:
            found.append(Alternative("domain", node, node.name, at, at + len(word)))
    for slot, terms in (("mechanism", s.mechanisms), ("kind", [s.kind] if s.kind else [])):
        for term in terms:
            spans = [(low.find(w.lower()), len(w)) for w in term.words if w and low.find(w.lower()) >= 0]
            if spans:
                at, n = min(spans, key=lambda x: (x[0], -x[1]))
                found.append(Alternative(slot, term, term.id, at, at + n))
    found = sorted({(a.slot, a.label): a for a in found}.values(), key=lambda a: a.start)
    chain: list[Alternative] = []
    for a in found:
        if chain and CONJ.match(s.text[chain[-1].end:a.start]):
            chain.append(a)
        elif len(chain) < 2:
            chain = [a]
    return chain if len(chain) >= 2 else []


def combined(store: GraphStore, s: Slots, alts: list[Alternative],
             build: Callable[[GraphStore, Slots], Ran]) -> Ran:
    """The builder run once per alternative, its answers combined (see the module docstring)."""
    slots = {a.slot for a in alts}
    runs = []
    for a in alts:
        cleared: dict[str, Any] = {slot: None for slot in slots}
        if "mechanism" in slots:
            cleared["mechanisms"] = []
        value: dict[str, Any] = {a.slot: a.value, **({"mechanisms": [a.value]} if a.slot == "mechanism" else {})}
        runs.append(build(store, replace(s, **{**cleared, **value})))
    query, params = runs[0][1], {**runs[0][2], "alternatives": [f"{a.slot} {a.label}" for a in alts]}
    labels = " / ".join(a.label for a in alts)
    if BOTH.search(s.plain):
        per = [{r.get("id"): r for r in rows} for rows, *_ in runs]
        rows = [per[0][i] | {"evidence": evidence_of(e for d in per for e in d[i].get("evidence", []))}
                for i in per[0] if i is not None and all(i in d for d in per[1:])]
        params["combine"] = "all"
        if not rows:
            return [], query, params, f"Not in the graph: nothing is stated for all of {labels}."
        return rows, query, params, f"{len(rows)} answer(s) for all of {labels}: {names(rows)}."
    seen: dict[Any, dict[str, Any]] = {}
    for rows, *_ in runs:
        for r in rows:
            seen.setdefault(r.get("id") or id(r), r)
    rows = list(seen.values())
    params["combine"] = "any"
    if not rows:
        return [], query, params, f"Not in the graph: nothing is stated for {labels}."
    return rows, query, params, " ".join(m for *_, m in runs)


__all__ = ["Alternative", "alternatives", "combined"]
