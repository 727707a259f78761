"""Answer builders about places: 一县一业, categories, members of a city or group, gaps, paths, round changes."""

from __future__ import annotations

import re
from typing import Any

from graph.model import MEMBER_OF, PART_OF, REGION, SUPPORTS, Node
from graph.store import GraphStore
from queries.common import PAIRING_MECHANISMS, brief, evidence_of, node_by_id, nodes_by_label
from queries.coverage import coverage, mountain_counties
from queries.pairings import rounds_diff
from queries.paths import PathStep, path
from queries.qa_answers import Ran, field_of, names, node_mountain, qualifiers, supported_rows
from queries.qa_slots import Slots
from queries.region_profile import attribute
from queries.rows import evidence_dicts
from queries.support import Supporter


def _county(s: Slots) -> Node:
    return next(n for n in s.regions if n.props.get("level") == "county")


def _attribute(key: str, label: str, type_: str) -> Any:
    def run(store: GraphStore, s: Slots) -> Ran:
        region = _county(s)
        attr = attribute(region, key)
        params = {"region": region.id, "attribute": key}
        if attr is None:
            return [], "region_profile", params, f"Not in the graph: the documents state no {label} for {region.name}."
        row = {"id": f"{region.id}#{key}", "name": str(attr.value), "type": type_, "value": attr.value,
               "region": brief(region), "evidence": evidence_dicts(attr.evidence)}
        asked = s.category.id if key == "category" and s.category else s.industry if key == "industry" else None
        verdict = "" if asked is None else ("Yes: " if asked == attr.value else "No: ")
        return [row], "region_profile", params, f"{verdict}the {label} of {region.name} is {attr.value}."
    return run


industry_of = _attribute("industry", "一县一业 industry", "Industry")
classic_of = _attribute("classic_industry", "历史经典产业 (historic classic industry)", "ClassicIndustry")
category_of = _attribute("category", "category", "Category")


def _with(store: GraphStore, key: str, value: str, s: Slots) -> list[dict[str, Any]]:
    """The regions whose attribute is `value`; for an industry that no county has as it is, those whose
    industry holds it (汽车: 汽车空调, 汽车零部件)."""
    city = next((n.name for n in s.regions if n.props.get("level") == "city"), None)
    regions = nodes_by_label(store, REGION)
    exact = any((a := attribute(n, key)) is not None and a.value == value for n in regions)
    rows = []
    for n in regions:
        attr = attribute(n, key)
        held = attr is not None and (attr.value == value
                                     or (not exact and key == "industry" and value in str(attr.value)))
        if attr is not None and held and (city is None or n.props.get("city") == city):
            if s.category and key != "category" and n.props.get("category") != s.category.id:
                continue
            rows.append(brief(n) | {key: attr.value, "evidence": evidence_dicts(attr.evidence)})
    return rows


def city_of(store: GraphStore, s: Slots) -> Ran:
    county = _county(s)
    rels = [r for r in store.relations_of([county.id], "out", [PART_OF])]
    city = node_by_id(store, rels[0].target) if rels else None
    params = {"region": county.id, "relation": PART_OF}
    if city is None:
        return [], "region_profile", params, f"Not in the graph: the city of {county.name} is not stated."
    return ([brief(city) | {"evidence": evidence_of(rels[:1])}], "region_profile", params,
            f"{county.name} is in {city.name}.")


def industry_counties(store: GraphStore, s: Slots) -> Ran:
    assert s.industry is not None
    rows = _with(store, "industry", s.industry, s)
    params = {"industry": s.industry}
    if not rows:
        return [], "region_profile", params, f"Not in the graph: no county has {s.industry} as its 一县一业."
    if any(r["industry"] != s.industry for r in rows):  # industries holding the word asked (汽车)
        listed = "、".join(f"{r['name']} ({r['industry']})" for r in rows)
        return rows, "region_profile", params, f"{listed}: 一县一业 holding {s.industry}."
    return rows, "region_profile", params, f"{names(rows)}: 一县一业 {s.industry}."


# The counties are what is asked (哪些县有一县一业), not the industries (一县一业有哪些).
_ASKS_COUNTIES = re.compile(r"哪些(县|区|地方)|哪几个(县|区)|哪个(县|区)|什么(县|地方)|"
                            r"\b(which|what) (count|district|place)", re.I)


def industries(store: GraphStore, s: Slots) -> Ran:
    """Every county's 一县一业 industry as the documents state it, within a city or category when one is named."""
    return _every(store, s, "industry", "一县一业 industries", "Industry")


def classics(store: GraphStore, s: Slots) -> Ran:
    """Every county's 历史经典产业 as the documents state it, within a city or category when one is named."""
    return _every(store, s, "classic_industry", "历史经典产业 (historic classic industries)", "ClassicIndustry")


def _every(store: GraphStore, s: Slots, key: str, label: str, type_: str) -> Ran:
    city = next((n for n in s.regions if n.props.get("level") == "city"), None)
    rows = []
    for n in sorted(nodes_by_label(store, REGION), key=lambda n: n.name):
        attr = attribute(n, key)
        if attr is None or (city is not None and n.props.get("city") != city.name) or (
                s.category and n.props.get("category") != s.category.id):
            continue
        ev = evidence_dicts(attr.evidence)
        if _ASKS_COUNTIES.search(s.plain):
            rows.append(brief(n) | {key: attr.value, "evidence": ev})
        else:
            rows.append({"id": f"{n.id}#{key}", "name": str(attr.value), "type": type_, "value": attr.value,
                         "region": brief(n), "evidence": ev})
    params = {"city": city.id if city else None, "category": s.category.id if s.category else None}
    # The field filter is not shown: 产业 in the question is the answer's subject, not a field.
    where = (f" of {s.category.id}" if s.category else "") + (f" in {city.name}" if city else "")
    if not rows:
        return [], "region_profile", params, f"Not in the graph: the documents state no {label}{where}."
    listed = "、".join(f"{r['region']['name'] if 'region' in r else r['name']} {r.get(key) or r['name']}"
                      for r in rows)
    return rows, "region_profile", params, f"{len(rows)} counties' {label}{where}: {listed}."


def category_members(store: GraphStore, s: Slots) -> Ran:
    assert s.category is not None
    rows = _with(store, "category", s.category.id, s)
    params = {"category": s.category.id}
    return rows, "region_profile", params, (f"{len(rows)} counties in {s.category.id}: {names(rows, 30)}." if rows else
                                            f"Not in the graph: no county is stated in {s.category.id}.")


def _members(store: GraphStore, nodes: list[Node], rel: str, s: Slots) -> list[dict[str, Any]]:
    rels = store.relations_of([n.id for n in nodes], "out", [rel]) if nodes else []
    ev: dict[str, list[Any]] = {}
    for r in sorted(rels, key=lambda x: x.id):
        ev.setdefault(r.source, []).append(r)
    return [brief(n) | {"category": n.props.get("category"), "evidence": evidence_of(ev.get(n.id, []))}
            for n in nodes if not s.category or n.props.get("category") == s.category.id]


def city_members(store: GraphStore, s: Slots) -> Ran:
    city = next(n for n in s.regions if n.props.get("level") == "city")
    nodes = [n for n in nodes_by_label(store, REGION) if n.props.get("city") == city.name
             and n.props.get("level") == "county" and (not s.group or n.props.get("mountain"))]
    rows = _members(store, nodes, MEMBER_OF if s.group else PART_OF, s)
    what = "mountain counties" if s.group else "county-level divisions"
    params = {"city": city.id, "mountain": s.group or None, "category": s.category.id if s.category else None}
    if not rows:
        return [], "region_profile", params, f"Not in the graph: {city.name} has no {what}{qualifiers(s)}."
    return rows, "region_profile", params, f"{len(rows)} {what} of {city.name}: {names(rows, 30)}."


def group_members(store: GraphStore, s: Slots) -> Ran:
    rows = _members(store, mountain_counties(store), MEMBER_OF, s)
    params = {"group": "mountain_counties", "category": s.category.id if s.category else None}
    return rows, "coverage", params, f"There are {len(rows)} mountain counties{qualifiers(s)}: {names(rows, 30)}."


def supporters_in_city(store: GraphStore, s: Slots) -> Ran:
    """County-level units of a city that support mountain counties (嘉兴市哪些地方在结对帮扶山区县)."""
    from dataclasses import replace
    city = next(n for n in s.regions if n.props.get("level") == "city")
    rows = []
    for n in nodes_by_label(store, REGION):
        if n.props.get("city") != city.name or n.props.get("level") != "county":
            continue
        got, *_ = supported_rows(store, replace(s, active=[n], hits=[]))
        got = [g for g in got if node_mountain(store, g.id)]
        if got:
            rows.append(brief(n) | {"supports": [g.name for g in got],
                                    "evidence": evidence_of(e for g in got for e in g.evidence)})
    params = {"city": city.id, "recipients": "mountain_counties", "round": s.rounds[0] if s.rounds else "all"}
    if not rows:
        return [], "supported_by", params, f"Not in the graph: no place of {city.name} supports a mountain county."
    msg = f"{len(rows)} place(s) of {city.name} support mountain counties: {names(rows)}."
    return rows, "supported_by", params, msg


def recipients_of_city(store: GraphStore, s: Slots, city: Node) -> Ran:
    """Whom the county-level places of a city support (the city's own support is through them)."""
    from dataclasses import replace
    merged: dict[str, tuple[Supporter, list[str], list[dict[str, Any]]]] = {}  # region: first row, by, evidence
    for n in nodes_by_label(store, REGION):
        if n.props.get("city") != city.name or n.props.get("level") != "county":
            continue
        got, *_ = supported_rows(store, replace(s, active=[n], hits=[]))
        for g in got:
            _, by, evidence = merged.setdefault(g.id, (g, [], []))
            by.append(n.name)
            evidence[:] = evidence_of([*evidence, *g.evidence])
    order = sorted(merged)
    params = {"city": city.id, "supporters": "places of the city", "round": s.rounds[0] if s.rounds else "all"}
    if not order:
        return [], "supported_by", params, f"Not in the graph: no region supported by {city.name} or its places."
    msg = f"The places of {city.name} support {len(order)} region(s): {names([merged[i][0] for i in order])}."
    return ([merged[i][0].to_dict() | {"by": merged[i][1], "evidence": merged[i][2]} for i in order], "supported_by",
            params, msg)


def gaps(store: GraphStore, s: Slots) -> Ran:
    res = coverage(store, field_of(s))
    total = len(res.counties)
    if s.domain is None:
        answers = res.unpaired
        msg = (f"{len(answers)} of {total} mountain counties have no supporter in the graph." if answers else
               f"Not in the graph: every one of the {total} mountain counties has a supporter; no gap.")
        return answers, res.query, res.params | {"gaps": "unpaired"}, msg
    answers = res.gaps[s.domain.id]
    msg = (f"{len(answers)} of {total} mountain counties have no supporter tied to {s.domain.name} in the graph."
           if answers else f"Not in the graph: every mountain county has a supporter tied to {s.domain.name}.")
    return answers, res.query, res.params, msg


def connection(store: GraphStore, s: Slots) -> Ran:
    a, b = s.parties[0], s.parties[1]
    res = path(store, a.id, b.id)
    # Each step is named by the party that acts in it (the supporter, the part of a city): the answer
    # to "what is the relation of A and B" is who links them; the step itself stays in `step`.
    return ([st.to_dict() | {"id": st.relation["id"], "name": _actor(st), "type": st.type, "step": _step_name(st)}
             for st in res.steps], res.query, res.params, res.message)


def _actor(step: PathStep) -> str:
    return str(step.source["name"] if step.direction == "forward" else step.target["name"])


def _step_name(step: PathStep) -> str:
    a, b, t = step.source["name"], step.target["name"], step.type
    return f"{a} -[{t}]-> {b}" if step.direction == "forward" else f"{a} <-[{t}]- {b}"


def changes(store: GraphStore, s: Slots) -> Ran:
    """Pairings added and dropped between the first two rounds the question names (oldest first)."""
    a, b = sorted(s.rounds[:2], key=lambda r: (r[:4], r))
    res = rounds_diff(store, a, b, common_only=True)
    subject = s.regions[0] if s.regions else None
    answers = []
    for status, found in (("added", res.added), ("dropped", res.dropped)):
        for c in found:
            if subject is not None and subject.id not in (c.recipient["id"], c.supporter["id"]):
                continue
            # Named by the partner added or dropped; the pair is in `pair`.
            answers.append({"id": f"{c.supporter['id']}->{c.recipient['id']}", "type": "SUPPORTS",
                            "name": c.supporter["name"], "pair": f"{c.supporter['name']} -> {c.recipient['name']}",
                            "change": status, **c.to_dict()})
    where = f" for {subject.name}" if subject is not None else ""
    if not answers and subject is not None:  # "did X's partners change?" — no: the partners both rounds name
        kept = _kept_partners(store, subject, a, b)
        if kept:
            return kept, res.query, res.params, (f"No change{where} from {a} to {b}: both rounds name "
                                                 f"{names(kept)}.")
    msg = (f"{len(answers)} pairing change(s){where} from {a} to {b}, among the recipients both rounds name."
           if answers else f"Not in the graph: no pairing added or dropped{where} from {a} to {b}.")
    return answers, res.query, res.params, msg


def _kept_partners(store: GraphStore, region: Node, a: str, b: str) -> list[dict[str, Any]]:
    rels = [r for r in store.relations_of([region.id], "both", [SUPPORTS])
            if r.props.get("mechanism") in PAIRING_MECHANISMS and {a, b} <= set(r.props.get("rounds", []))]
    out = []
    for r in sorted(rels, key=lambda x: x.id):
        other = node_by_id(store, r.source if r.target == region.id else r.target)
        if other is not None:
            out.append(brief(other) | {"change": "kept", "evidence": evidence_of([r])})
    return out


__all__ = [
    "category_members",
    "category_of",
    "changes",
    "city_members",
    "classic_of",
    "classics",
    "connection",
    "gaps",
    "group_members",
    "industries",
    "industry_counties",
    "industry_of",
    "supporters_in_city",
]


def pairing_list(store: GraphStore, s: Slots) -> Ran:
    """The formal pairings at a level (市级 / 经济强县 …) and round: every party of them, with its partners."""
    from queries.pairings import pairings

    mech = s.mechanism.id if s.mechanism else None
    level = {"city_pairing": "city", "county_pairing": "county"}.get(mech or "") or (
        "city" if re.search(r"市级|城市|设区市|\bcity\b|\bcities\b", s.text, re.I) else None)
    res = pairings(store, level, s.rounds[0] if s.rounds else None)
    out: dict[str, dict[str, Any]] = {}
    for row in res.rows:
        for p in row.supporters:
            if mech and p.mechanism != mech:
                continue
            partner = {"id": p.id, "name": p.name, "type": p.type}
            for node, other, role in ((partner, row.recipient, "supporter"), (row.recipient, partner, "recipient")):
                item = out.setdefault(node["id"], {"id": node["id"], "name": node["name"], "type": node["type"],
                                                   "role": role, "partners": [], "evidence": []})
                item["partners"].append(other["name"])
                item["evidence"] = evidence_of([*item["evidence"], *p.evidence])
    rows = sorted(out.values(), key=lambda r: (r["role"] != "recipient", r["id"]))
    params = res.params | {"mechanism": mech}
    if not rows:
        return [], "pairings", params, "Not in the graph: no such pairing is stated."
    return rows, "pairings", params, f"{len(rows)} parties of the {level or 'formal'} pairings: {names(rows)}."
