"""Answer builders for who-supports-whom questions: supporters, supported, yes/no, in common, rankings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from graph.model import ORGANIZATION, REGION, Node
from graph.store import GraphStore
from graph.support import SupportFact
from queries.common import PAIRING_MECHANISMS, brief, evidence_of, lies_in, node_by_id
from queries.coverage import mountain_counties
from queries.intents import PAIR, recipient, supporter
from queries.lookup import lookup_for
from queries.qa_guard import asked_place
from queries.qa_slots import Slots
from queries.support import Support, Supporter, SupportResult, supported_by, supporters_of

Ran = tuple[list[dict[str, Any]], str, dict[str, Any], str]  # answers, query, params, message
CITY_WORDS = ("支援市", "结对市", "结对城市", "市级", " city", "cities", "城市")
# A city's own places as the subject: 宁波市的几个区 / 宁波下辖的县 (right after the city's name), its districts.
CITY_PLACES_AFTER = re.compile(r"(?:的|下辖的?|所辖的?)(?:几个|各个?|哪些|多个)?(?:区|县|县市区|区县|县\(市、区\))")
CITY_PLACES_EN = re.compile(r"\b(?:its|the) (?:districts|counties)\b", re.I)
# The words that only say "a city" (not "the city-level pairing"): for a county, 乐清市 is a city too.
PLAIN_CITY_WORDS = (" city", "cities", "城市")


def field_of(s: Slots) -> str | None:
    return s.domain.id if s.domain else None


def round_of(s: Slots) -> str | None:
    return s.rounds[0] if s.rounds else None


def names(rows: Sequence[dict[str, Any] | Supporter], limit: int = 8) -> str:
    shown = [str(r["name"] if isinstance(r, dict) else r.name) for r in rows[:limit]]
    return "、".join(shown) + (" …" if len(rows) > limit else "")


def qualifiers(s: Slots) -> str:
    """The filters applied, as words for the message: " in 医疗卫生, kind hospital, round 2018-wenzhou"."""
    parts = [f"in {s.domain.name}" if s.domain else "", f"kind {s.kind.id}" if s.kind else "",
             f"through {s.mechanism.id}" if s.mechanism else "", f"round {round_of(s)}" if s.rounds else ""]
    text = ", ".join(p for p in parts if p)
    return f" ({text})" if text else ""


def _keep(row: Supporter, pred: Callable[[Support], bool]) -> Supporter | None:
    """The supporter with only the ways of support `pred` keeps (its evidence follows them), or None."""
    supports = [x for x in row.supports if pred(x)]
    return replace(row, supports=supports) if supports else None


def _keep_all(rows: list[Supporter], pred: Callable[[Support], bool]) -> list[Supporter]:
    return [x for x in (_keep(r, pred) for r in rows) if x]


def _pairing_asked(s: Slots) -> bool:
    import re
    return re.search(PAIR, s.text, re.I) is not None and s.domain is None


def support_rows(store: GraphStore, region: Node, s: Slots) -> tuple[list[Supporter], dict[str, Any]]:
    """supporters_of with the question's field, round, mechanism, kind and pairing words applied."""
    res = supporters_of(store, region.id, field_of(s), round_of(s))
    rows = list(res.supporters)
    params = dict(res.params)
    mech = s.mechanism.id if s.mechanism else None
    said = [w for w in CITY_WORDS if w in s.text.lower()]
    if mech is None and _pairing_asked(s) and said and region.props.get("level") == "county" \
            and all(w in PLAIN_CITY_WORDS for w in said):
        # "Which city was 平阳 paired with?": its pairing partners that are cities (乐清市, a county-level
        # city), not the city-level pairing of 平阳's own city.
        rows = [r for r in _keep_all(rows, lambda x: x.mechanism in PAIRING_MECHANISMS) if r.name.endswith("市")]
        params["mechanisms"] = list(PAIRING_MECHANISMS)
        params["named"] = "…市"
        return rows, params
    if mech == "city_pairing" or (_pairing_asked(s) and said):
        mech = "city_pairing"
    if mech:
        rows = _keep_all(rows, lambda x: x.mechanism == mech)
        params["mechanism"] = mech
    elif _pairing_asked(s) and not s.kind:
        rows = _keep_all(rows, lambda x: x.mechanism in PAIRING_MECHANISMS)
        params["mechanisms"] = list(PAIRING_MECHANISMS)
    if s.kind:
        kinds = {s.kind.id, *s.kind.also}
        rows = [r for r in rows if r.kind in kinds]
        paired = _keep_all(rows, lambda x: x.mechanism in PAIRING_MECHANISMS)
        if _pairing_asked(s) and paired:  # "which SOE pairs with X": the formal partner when there is one
            rows = paired
        params["kind"] = s.kind.id
    return rows, params


def supporters(store: GraphStore, s: Slots) -> Ran:
    regions = recipient(store, s)
    if not regions and s.group:
        return _group_supporters(store, s)
    cities = [r for r in regions if r.props.get("level") == "city"]
    if s.group and len(regions) == 1 and cities:  # "丽水的山区县都由谁帮扶": the city's mountain counties
        return _group_supporters(store, s, cities[0])
    region = regions[0]
    rows, params = support_rows(store, region, s)
    if len(regions) > 1:  # "谁帮扶永嘉和文成": the supporters of each (in common is its own intent)
        seen = {r.id for r in rows}
        for other in regions[1:]:
            more, _ = support_rows(store, other, s)
            rows += [r for r in more if r.id not in seen]
            seen |= {r.id for r in more}
        params["regions"] = [r.id for r in regions]
        if rows:
            where = "、".join(r.name for r in regions)
            return ([r.to_dict() for r in rows], "supporters_of", params,
                    f"{len(rows)} supporter(s) of {where}{qualifiers(s)}: {names(rows)}.")
    if not rows and region.props.get("level") == "county" and params.get("mechanism") == "city_pairing":
        city = lookup_for(store).candidates(str(region.props.get("city", "")), (REGION,))
        if city:  # a county's 支援市 are its city's pairing partners
            region = city[0]
            rows, params = support_rows(store, region, s)
    others = [n for n in s.parties if n.label == ORGANIZATION]
    if others:  # "What does 平安银行 do for 永嘉?": only that supporter
        rows = [r for r in rows if r.id in {n.id for n in others}]
        params["supporter"] = [n.id for n in others]
    places = [n for n in supporter(store, s) if n.label == REGION and n.props.get("level") in ("city", "province")
              and n.id not in {r.id for r in rows}]
    if places:  # "柯城那边是杭州哪两个区在帮": the supporters that lie in the place named
        rows = [r for r in rows if any(_within(store, r.id, p) for p in places)]
        params["within"] = [p.id for p in places]
    if not rows:
        return [], "supporters_of", params, (f"Not in the graph: the documents state no supporter of {region.name}"
                                             f"{qualifiers(s)}.")
    return ([r.to_dict() for r in rows], "supporters_of", params,
            f"{len(rows)} supporter(s) of {region.name}{qualifiers(s)}: {names(rows)}.")


def _group_supporters(store: GraphStore, s: Slots, city: Node | None = None) -> Ran:
    """Supporters of any mountain county (哪些经济强县结对帮扶山区县) — of one city's, when a city is named —
    each with its evidence."""
    merged: dict[str, Supporter] = {}
    for county in mountain_counties(store):
        if city is not None and county.props.get("city") != city.name:
            continue
        rows, _ = support_rows(store, county, s)
        for r in rows:  # one row per supporter, its ways of support (and so its evidence) joined
            m = merged.get(r.id)
            merged[r.id] = replace(r, supports=list(r.supports)) if m is None else replace(
                m, supports=[*m.supports, *r.supports])
    rows = sorted(merged.values(), key=lambda r: r.id)
    params = {"region": "mountain_counties", "field": field_of(s), "round": round_of(s) or "current",
              "mechanism": s.mechanism.id if s.mechanism else None} | ({"city": city.id} if city else {})
    which = f"the mountain counties of {city.name}" if city else "the mountain counties"
    if not rows:
        return [], "supporters_of", params, f"Not in the graph: no supporter of {which}{qualifiers(s)}."
    return ([r.to_dict() for r in rows], "supporters_of", params,
            f"{len(rows)} supporter(s) of {which}{qualifiers(s)}: {names(rows)}.")


def _within(store: GraphStore, region_id: str, place: Node) -> bool:
    """The region is the place, or lies in it (its city or province)."""
    node = node_by_id(store, region_id)
    return node is not None and (node.id == place.id or lies_in(node, place.name))


def supported_rows(store: GraphStore, s: Slots,
                   pairing_only: bool | None = None) -> tuple[list[Supporter], dict[str, Any], Node, SupportResult]:
    """supported_by with the question's field, round, mechanism, pairing words, group and places applied."""
    party = supporter(store, s)[0]
    res = supported_by(store, party.id, field_of(s), round_of(s) or "all")
    mech = s.mechanism.id if s.mechanism else None
    pairing = _pairing_asked(s) if pairing_only is None else pairing_only
    rows = []
    for r in res.supporters:
        kept = _keep(r, lambda x: (x.mechanism == mech) if mech else
                     (x.mechanism in PAIRING_MECHANISMS if pairing else True))
        if kept and (not s.group or node_mountain(store, kept.id)):
            rows.append(kept)
    # Another place the question names (杭州市对口支援新疆的哪些县): only regions in it answer; none → not stated.
    places = [p for p in s.parties if p.id != party.id and p.label == REGION and p not in s.active]
    if places:
        rows = [r for r in rows if any(_within(store, r.id, p) for p in places)]
    params = res.params | ({"mechanism": mech} if mech else {"mechanisms": list(PAIRING_MECHANISMS)} if pairing
                           else {}) | ({"mountain": True} if s.group else {})
    return rows, params, party, res


def supported(store: GraphStore, s: Slots, pairing_only: bool | None = None) -> Ran:
    rows, params, party, res = supported_rows(store, s, pairing_only)
    own_places = any(h.node.id == party.id and CITY_PLACES_AFTER.match(s.text, h.end) for h in s.hits) or (
        CITY_PLACES_EN.search(s.plain) is not None)
    # 宁波帮扶哪些山区县 / 哪些县: the city pairs a city (丽水市), its places pair the counties.
    place = asked_place(s.plain)
    counties = bool(rows) and place is not None and bool(place.levels) and all(r.kind == "city" for r in rows)
    if party.props.get("level") == "city" and (counties or (not rows and (
            not res.supporters or own_places or s.group))):
        # A city that pairs inside itself (温州 2018) supports through its districts: "温州市帮扶哪些县" asks
        # for whom they support; "温州市内承担帮扶的是哪些区" for the districts.
        from queries.qa_answers_places import recipients_of_city, supporters_in_city
        return recipients_of_city(store, s, party) if party in s.active else supporters_in_city(store, s)
    if not rows:
        return [], "supported_by", params, (f"Not in the graph: the documents state no region supported by "
                                            f"{party.name}{qualifiers(s)}.")
    return ([r.to_dict() for r in rows], "supported_by", params,
            f"{party.name} supports {len(rows)} region(s){qualifiers(s)}: {names(rows)}.")


def support_fields(store: GraphStore, s: Slots) -> Ran:
    """The fields in which a region is supported (by the party named, if any), each with its evidence."""
    region = recipient(store, s)[0]
    res = supporters_of(store, region.id, None, round_of(s))
    party = {n.id for n in supporter(store, s)} | {n.id for n in s.parties if n.label == ORGANIZATION}
    by_field: dict[str, dict[str, Any]] = {}
    for row in res.supporters:
        if party and row.id not in party:
            continue
        for x in row.supports:
            for d in x.domains:
                node = node_by_id(store, d)
                if node is None:
                    continue
                item = by_field.setdefault(d, brief(node) | {"supporters": [], "evidence": []})
                if row.name not in item["supporters"]:
                    item["supporters"].append(row.name)
                item["evidence"] = evidence_of([*item["evidence"], *x.evidence])
    rows = sorted(by_field.values(), key=lambda r: r["id"])
    params = res.params | {"supporter": sorted(party) or None, "answer": "fields"}
    who = f" by {'、'.join(n.name for n in s.parties if n.id in party)}" if party else ""
    if not rows:
        return [], "supporters_of", params, f"Not in the graph: no field of support of {region.name}{who} is stated."
    return rows, "supporters_of", params, f"{region.name} is supported{who} in {len(rows)} field(s): {names(rows)}."


def node_mountain(store: GraphStore, node_id: str) -> bool:
    n = node_by_id(store, node_id)
    return bool(n is not None and n.props.get("mountain"))


def yes_no(store: GraphStore, s: Slots) -> Ran:
    sup = supporter(store, s)
    region = recipient(store, s)[0]
    stated, params = support_rows(store, region, s)
    rows = [r for r in stated if r.id in {n.id for n in sup}]
    if not rows and not s.rounds:  # not in the region's current round: any earlier round still says yes
        earlier, _ = support_rows(store, region, replace(s, rounds=["all"]))
        rows = [r for r in earlier if r.id in {n.id for n in sup}]
        params["round"] = "all" if rows else params.get("round")
    params["supporter"] = [n.id for n in sup]
    who = "、".join(n.name for n in sup)
    cities = [n for n in sup if n.label == REGION and n.props.get("level") == "city"]
    if not rows and cities:  # 遂昌县的帮扶单位里有宁波的吗: a county-level place of the city supports it (an
        # organisation merely sited in the city, 浙江工商大学 in 杭州, is not the city's)
        rows = [r for r in stated if r.type == REGION and any(_within(store, r.id, c) for c in cities)]
        if rows:
            params["within"] = [c.id for c in cities]
            return _pairing(rows, region), "supporters_of", params, (
                f"Yes: {names(rows)}, of {who}, support(s) {region.name}{qualifiers(s)}.")
    if not rows:  # what the documents do state, so that the "no" is checkable
        instead = f" They state {region.name}'s supporters{qualifiers(s)} as: {names(stated)}." if stated else ""
        home = lookup_for(store).candidates(str(region.props.get("city", "")), (REGION,))
        above = [c for c in cities if home and any(r.id == c.id for r in support_rows(store, home[0], s)[0])]
        if above:  # 宁波帮扶青田吗: no pairing of the county, but its city is paired with the city asked about
            return [], "supporters_of", params, (
                f"Not directly: the documents state no support of {region.name} itself by {who}{qualifiers(s)}; "
                f"at city level {who} pairs {home[0].name}, the city of {region.name}.{instead}")
        return [], "supporters_of", params, (f"No — not in the graph: the documents state no support of {region.name} "
                                             f"by {who}{qualifiers(s)}.{instead}")
    return _pairing(rows, region), "supporters_of", params, f"Yes: {who} supports {region.name}{qualifiers(s)}."


def _pairing(rows: list[Supporter], region: Node) -> list[dict[str, Any]]:
    """A yes names the pairing: the supporters asked about, each with the region it supports and the quotes.
    The region is no answer of its own: the question named it, and a list "温岭市、三门县" reads as two
    supporters."""
    return [row | {"recipient": brief(region)} for row in _as_supporters(rows)]


def _as_supporters(rows: list[Supporter]) -> list[dict[str, Any]]:
    return [r.to_dict() | {"role": "supporter"} for r in rows]


def common_recipients(store: GraphStore, s: Slots) -> Ran:
    parties = supporter(store, s)
    per = []
    for p in parties:
        rows, *_ = supported(store, _only(s, p), pairing_only=False)
        per.append({r["id"]: r for r in rows})  # answer rows: a city's are those of its places
    shared = [per[0][i] | {"evidence": evidence_of(e for d in per for e in d[i]["evidence"])}
              for i in per[0] if all(i in d for d in per[1:])]
    who = "、".join(p.name for p in parties)
    params = {"supporters": [p.id for p in parties], "field": field_of(s), "round": round_of(s) or "all"}
    if not shared:
        return [], "supported_by", params, f"Not in the graph: no region supported by all of {who}{qualifiers(s)}."
    return shared, "supported_by", params, f"{len(shared)} region(s) supported by all of {who}: {names(shared)}."


def common_supporters(store: GraphStore, s: Slots) -> Ran:
    regions = recipient(store, s)
    per = [{r.id: r for r in support_rows(store, reg, s)[0]} for reg in regions]
    shared = _shared(per)
    where = "、".join(r.name for r in regions)
    params = {"regions": [r.id for r in regions], "field": field_of(s), "round": round_of(s) or "current"}
    if not shared:
        return [], "supporters_of", params, f"Not in the graph: no supporter common to {where}{qualifiers(s)}."
    return shared, "supporters_of", params, f"{len(shared)} supporter(s) common to {where}: {names(shared)}."


def _shared(per: list[dict[str, Supporter]]) -> list[dict[str, Any]]:
    """The rows every party's answer holds, with the evidence of all of them."""
    return [per[0][i].to_dict() | {"evidence": evidence_of(e for d in per for e in d[i].evidence)}
            for i in per[0] if all(i in d for d in per[1:])]


def _only(s: Slots, party: Node) -> Slots:
    from dataclasses import replace
    return replace(s, active=[party], hits=[h for h in s.hits if h.node.id == party.id])


def rank_recipients(store: GraphStore, s: Slots) -> Ran:
    """The mountain county (or counties, on a tie) with the most supporters."""
    counts = []
    for county in mountain_counties(store):
        rows = supporters_of(store, county.id, field_of(s)).supporters
        counts.append((len(rows), county, rows))
    top = max((c[0] for c in counts), default=0)
    best = [(n, c, rows) for n, c, rows in counts if n == top and n > 0]
    answers = [brief(c) | {"supporters": n, "evidence": evidence_of(e for r in rows for e in r.evidence)[:5]}
               for n, c, rows in best]
    params = {"rank": "supporters per mountain county", "field": field_of(s), "round": "current"}
    if not answers:
        return [], "supporters_of", params, "Not in the graph: no mountain county has a supporter."
    return answers, "supporters_of", params, (f"{names(answers)} has the most supporters{qualifiers(s)}: {top}.")


def rank_supporters(store: GraphStore, s: Slots) -> Ran:
    """The supporter(s) paired with or supporting the most mountain counties (their pairing support facts)."""
    by: dict[str, list[SupportFact]] = {}
    for f in store.support_facts():
        if f.via == "pairing" and node_mountain(store, f.recipient) and (s.domain is None or s.domain.id in f.domains):
            by.setdefault(f.supporter, []).append(f)
    top = max((len({f.recipient for f in fs}) for fs in by.values()), default=0)
    answers = []
    for sid in sorted(by):
        fs = by[sid]
        n = node_by_id(store, sid)
        if n is not None and len({f.recipient for f in fs}) == top:
            ordered = sorted(fs, key=lambda f: f.relation_id)
            evidence = evidence_of(e for f in ordered for e in f.evidence)
            answers.append(brief(n) | {"counties": top, "evidence": evidence})
    params = {"rank": "mountain counties per supporter", "field": field_of(s)}
    if len(answers) > 5:  # a tie among many is no answer to "which one the most"
        return [], "supported_by", params, (f"Not in the graph: no supporter stands out; {len(answers)} supporters "
                                            f"each support {top} mountain county(ies).")
    if not answers:
        return [], "supported_by", params, "Not in the graph: no supporter of a mountain county."
    return answers, "supported_by", params, f"{names(answers)} support(s) the most mountain counties: {top}."


__all__ = ["Ran", "common_recipients", "common_supporters", "rank_recipients", "rank_supporters", "supported",
           "supporters", "yes_no"]
