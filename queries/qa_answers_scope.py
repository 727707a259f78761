"""Support between a city's places (or organisations) of a kind and another party or city's places.

"永嘉那边是温州哪两个区在帮" (温州's districts that support 永嘉), "丽水哪些县结对了宁波的区" (丽水's counties paired
with 宁波's districts), "杭州市哪些区在帮衢州的县", "Which districts of Wenzhou support Yongjia?". The side
asked for (哪/which) is the answer: each of its members that a support fact links with the other side, in
either direction, with the evidence of those facts and the parties on the other side (`with`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from graph.model import REGION, Node
from graph.store import GraphStore
from queries.common import evidence_of, nodes_by_label
from queries.qa_answers import Ran, names, node_mountain, qualifiers, support_rows, supported_rows, supporters
from queries.qa_guard import keep_asked_kind, keep_asked_place
from queries.qa_scope import Scope, asked_count, counterpart, members, stated_group
from queries.qa_slots import Slots
from queries.support import Supporter


def _linked(store: GraphStore, s: Slots, b: Node) -> list[Supporter]:
    """Every party a support fact links with b, either way: b's supporters (b a region) and whom b supports,
    with the question's field, round, mechanism, kind and pairing words applied."""
    out = list(support_rows(store, b, s)[0]) if b.label == REGION else []
    got, *_ = supported_rows(store, replace(s, active=[b], hits=[], group=False))
    return out + list(got)


def _other_side(store: GraphStore, s: Slots, others: list[Scope]) -> list[Node]:
    """The parties on the side not asked for: a scope's members; a city named alone is itself and its
    county-level places (嘉兴的哪些县市结对了丽水: 丽水's counties)."""
    out = [n for x in others for n in members(store, x)]
    for n in counterpart(s):
        out.append(n)
        if n.label == REGION and n.props.get("level") == "city":
            out += [p for p in nodes_by_label(store, REGION)
                    if p.props.get("city") == n.name and p.props.get("level") == "county"]
    return out


def scoped(store: GraphStore, s: Slots) -> Ran:
    asked = next((x for x in s.scopes if x.asked), None)
    if asked is None and len(s.scopes) == 1 and not counterpart(s):
        return _scope_reach(store, s, s.scopes[0])
    asked = asked or s.scopes[0]
    others = [x for x in s.scopes if x is not asked]
    answer_side = {n.id: n for n in members(store, asked)}
    other_side = _other_side(store, s, others)
    merged: dict[str, tuple[Supporter, list[str]]] = {}
    if not other_side:  # 哪些宁波的区在帮扶山区县: the members linked with anyone (mountain counties, if said)
        for a in answer_side.values():
            links = [r for r in _linked(store, s, a) if not s.group or node_mountain(store, r.id)]
            if links:
                merged[a.id] = (_as_row(a, links), [r.name for r in links])
    for b in other_side:
        for r in (r for r in _linked(store, s, b) if r.id in answer_side):
            row, with_ = merged.get(r.id, (replace(r, supports=[]), []))
            merged[r.id] = (replace(row, supports=[*row.supports, *r.supports]), [*with_, b.name])
    rows = [merged[i] for i in sorted(merged)]
    other = "、".join([x.describe() for x in others] + [n.name for n in counterpart(s)]) or (
        "mountain counties" if s.group else "any party")
    params = _params(s, asked)
    if not rows:  # what the documents do state of the party named, so that the "none" is checkable
        stated = [r for n in counterpart(s)[:1] for r in _linked(store, s, n)]
        instead = f" They state {counterpart(s)[0].name} linked with: {names(stated)}." if stated else ""
        return [], "supporters_of", params, (f"Not in the graph: the documents state no support between "
                                             f"the {asked.describe()} and {other}{qualifiers(s)}.{instead}")
    msg = (f"{len(rows)} {asked.describe()} linked by support with {other}{qualifiers(s)}: "
           f"{names([r for r, _ in rows])}." + count_note(asked, len(rows)))
    return ([r.to_dict() | {"with": list(dict.fromkeys(w)), "evidence": evidence_of(r.evidence)} for r, w in rows],
            "supporters_of", params, msg)


def _scope_reach(store: GraphStore, s: Slots, scope: Scope) -> Ran:
    """温州的医院帮扶了哪些县: the parties linked by support with the scope's members (mountain counties, if said)."""
    merged: dict[str, tuple[Supporter, list[str]]] = {}
    for a in members(store, scope):
        for r in _linked(store, s, a):
            if s.group and not node_mountain(store, r.id):
                continue
            row, with_ = merged.get(r.id, (replace(r, supports=[]), []))
            merged[r.id] = (replace(row, supports=[*row.supports, *r.supports]), [*with_, a.name])
    rows = [merged[i] for i in sorted(merged)]
    params = _params(s, None)
    if not rows:
        return [], "supported_by", params, (f"Not in the graph: the documents state no support by or of the "
                                            f"{scope.describe()}{qualifiers(s)}.")
    msg = f"The {scope.describe()} are linked by support with {len(rows)} party(ies){qualifiers(s)}: " \
          f"{names([r for r, _ in rows])}."
    return ([r.to_dict() | {"with": list(dict.fromkeys(w)), "evidence": evidence_of(r.evidence)} for r, w in rows],
            "supported_by", params, msg)


def _as_row(node: Node, links: list[Supporter]) -> Supporter:
    """A member of the side asked for as an answer row, with the ways of support linking it to others."""
    return Supporter(node.id, node.name, node.label, str(node.props.get("level") or node.props.get("kind") or ""),
                     sorted({d for r in links for d in r.domains}), [x for r in links for x in r.supports])


def _params(s: Slots, asked: Scope | None) -> dict[str, Any]:
    return {"scopes": [{"city": x.city.id, "word": x.word, "asked": x is asked} for x in s.scopes],
            "with": [n.id for n in counterpart(s)], "field": s.domain.id if s.domain else None,
            "round": s.rounds[0] if s.rounds else None, **({"mountain": True} if s.group else {})}


def any_supporter(store: GraphStore, s: Slots) -> Ran:
    """永嘉有没有银行帮扶: yes with the supporters of that kind, field or tier and their evidence, or no."""
    answers, query, params, message = supporters(store, s)
    if not answers:
        return answers, query, params, "No — " + message[0].lower() + message[1:]
    return answers, query, params, "Yes: " + message


def narrow(s: Slots, intent: str, answers: list[dict[str, Any]], params: dict[str, Any],
           message: str) -> tuple[list[dict[str, Any]], dict[str, Any], str]:
    """The answers of the kind of party (哪些区 → regions; 哪家医院 → organisations) and of place (哪两个区 →
    districts) the question asks for, when the intent's answers hold others too; the message says what was
    kept of what, and when the question expects another number of answers than the documents state."""
    base = message.rstrip(".")
    answers, kind = keep_asked_kind(s.plain, answers)
    if kind:
        params = {**params, "answer_kind": kind}
    before_place = answers
    answers, place, left_out = keep_asked_place(s.plain, answers)
    if place:
        params = {**params, "answer_place": place.id}
    label = f"{place.id} (the kind of place asked for)" if place else (
        f"{'region' if kind == 'Region' else 'organisation'}(s), the kind asked for," if kind else "")
    if label and answers:
        message = f"{len(answers)} {label} of: {base} — {names(answers)}."
    elif place and before_place:
        message = (f"Not in the graph: no {place.id} among the answers; the documents state {names(left_out)}, "
                   f"none of them a {place.id}.")
    elif kind and not answers:
        message = f"Not in the graph: no {'region' if kind == 'Region' else 'organisation'} of that description."
    group = stated_group(s.plain)
    if group and len(answers) > 2 * group[0] + 1:
        # "山区26县中的7个重点帮扶县是哪些" read as the 50 经济强县: a group of that size is not what was found.
        return [], params, (f"Not in the graph: the question names a group of {group[0]} ({group[1]}) that the "
                            f"documents' graph does not hold as such; the nearest reading ({base}) gives "
                            f"{len(answers)}, another group.")
    expected = asked_count(s.plain)
    if answers and expected is not None and intent != "scoped_support":
        message = message.rstrip() + count_note(None, len(answers), expected)
    return answers, params, message


def count_note(scope: Scope | None, found: int, count: int | None = None) -> str:
    """Say so when the question expects another number of answers than the graph states (哪两个区: one)."""
    expected = count if count is not None else (scope.count if scope else None)
    if expected is None or expected == found:
        return ""
    return f" The question asks for {expected}; the documents state {found}."


__all__ = ["any_supporter", "count_note", "narrow", "scoped"]
