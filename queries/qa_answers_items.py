"""Answer builders for projects, parks, enclaves and measures (with their responsible and supporting units)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from graph.model import (
    IN_DOMAIN,
    ORGANIZATION,
    REGION,
    RESPONSIBLE_FOR,
    SUPPORTS_MEASURE,
    SUPPORTS_PROJECT,
    Node,
    Relation,
    normalize,
)
from graph.store import GraphStore
from graph.support import SupportFact
from queries.common import brief, evidence_of, node_by_id, round_of_document
from queries.intents import recipient, supporter
from queries.projects import measures, projects
from queries.qa_answers import Ran, names, qualifiers
from queries.qa_answers_projects import _in_years, _party_filters, _where
from queries.qa_roles import is_recipient
from queries.qa_slots import Slots
from queries.qa_topic import blank, measure_text, phrases

# 牵头 / lead: only the unit the document marks as lead, where it marks one.
LEAD = r"牵头|主责|\blead(s|ing)?\b"

WHO_BUILT = r"谁|哪个|哪些|哪家|\b(who|which)\b"


def park_list(store: GraphStore, s: Slots, kind: str = "park") -> Ran:
    """Parks (产业园), or enclaves (飞地), by place or co-builder; "who built X" answers the co-builders of the
    named park(s)."""
    if s.projects and re.search(WHO_BUILT, s.text, re.I):
        return _builders(store, s.projects)
    region, party = _party_filters(store, s)
    city = node_by_id(store, region) if region else None
    if city is not None and city.props.get("level") == "city":  # the parks of a city's counties
        region = None
    res = projects(store, region=region, supporter=party)
    rows = [r for r in res.items if r.get("kind") == kind]
    if city is not None and region is None:
        rows = [r for r in rows if any(x.get("city") == city.name for x in r.get("located_in", []))]
        where_city = f" in {city.name}"
    else:
        where_city = ""
    doc_round = round_of_document(store)
    rows = [r for r in rows if _in_years(r, s, doc_round)]
    where = _where(store, region, party) + where_city
    params = res.params | {"kind": kind}
    what = "enclave (飞地)" if kind == "enclave" else kind
    if not rows:
        return [], "projects", params, f"Not in the graph: no {what}{where} is stated."
    return rows, "projects", params, f"{len(rows)} {what}(s){where}: {names(rows, 5)}."


def _builders(store: GraphStore, items: list[Node]) -> Ran:
    rels = store.relations_of([n.id for n in items], "in", [SUPPORTS_PROJECT])
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(rels, key=lambda x: x.id):
        n = node_by_id(store, r.source)
        if n is not None:
            row = out.setdefault(n.id, brief(n) | {"evidence": []})
            row["evidence"] = evidence_of([*row["evidence"], r])
    rows = list(out.values())
    params = {"projects": [n.id for n in items], "role": "co-builder"}
    what = "、".join(n.name for n in items)
    if not rows:
        return [], "projects", params, f"Not in the graph: no co-builder of {what} is stated."
    return rows, "projects", params, f"{what} is co-built by {names(rows)}."


def _platform_facts(store: GraphStore, enclaves: bool, parks: bool) -> list[tuple[str, str, SupportFact, str | None]]:
    """(builder, beneficiary, support fact, park id) for enclaves (a pairing through 飞地) and co-built parks."""
    out: list[tuple[str, str, SupportFact, str | None]] = []
    for f in store.support_facts():
        if (enclaves and f.via == "pairing" and f.mechanism == "enclave") or (parks and f.via == "project"):
            out.append((f.supporter, f.recipient, f, f.item))
    return sorted(out, key=lambda x: (x[0], x[1], x[2].relation_id))


# The enclave itself is asked for (its name), not who built it.
_WHICH_ENCLAVE = (r"(什么|哪些|哪个|哪几个|几个|多少个?)[^，,。？?]{0,4}?飞地|飞地(有|是)?(哪些|哪几个|什么|几个)|"
                  r"\b(which|what) enclaves?\b|\benclaves? (of|in)\b|\blist\b")


def platform_partners(store: GraphStore, s: Slots, enclaves: bool = True) -> Ran:
    """Who built an enclave (飞地) or park for whom: the builders for a region, the regions of a builder."""
    asks_partner = re.search(r"和哪|与哪|同哪|跟哪|和谁|与谁|谁|哪个区|哪个市|哪个县|哪些县|哪些区|为谁|给谁|\bwho\b|"
                             r"\bwith (whom|which)\b|\bfor (which|whom)\b|\bwhich (count|district|cit)", s.plain, re.I)
    if not enclaves and not asks_partner:
        return park_list(store, s)
    if enclaves and not asks_partner and re.search(_WHICH_ENCLAVE, s.plain, re.I):
        # "衢江有哪些飞地", "鄞州为衢江建了什么飞地": the enclaves by name, where the documents name them; where
        # they only say that one was built, the builders below are what the graph can tell.
        named = park_list(store, s, kind="enclave")
        if named[0]:
            return named
    if s.projects and re.search(WHO_BUILT, s.plain, re.I):
        return _builders(store, s.projects)
    sup = {n.id for n in supporter(store, s)}
    rec = {n.id for n in recipient(store, s)}
    if not sup and rec and not any(is_recipient(store, n) for n in recipient(store, s)):
        sup, rec = rec, set()  # "鄞州区为哪个县建设了飞地": a party no pairing supports is the builder
    facts = [f for f in _platform_facts(store, enclaves, True) if (not sup or f[0] in sup) and (not rec or f[1] in rec)]
    asks_for_whom = re.search(r"哪些县|哪个县|为谁|给谁|for whom|for which|which count", s.plain, re.I)
    want_recipients = (bool(sup) and not rec) or (not rec and asks_for_whom is not None)
    out: dict[str, dict[str, Any]] = {}
    for builder, beneficiary, rel, _park in facts:
        nid, other = (beneficiary, builder) if want_recipients else (builder, beneficiary)
        n, o = node_by_id(store, nid), node_by_id(store, other)
        if n is None or o is None:
            continue
        key = "built_by" if want_recipients else "built_for"
        row = out.setdefault(n.id, brief(n) | {key: [], "evidence": []})
        if o.name not in row[key]:
            row[key].append(o.name)
        row["evidence"] = evidence_of([*row["evidence"], *rel.evidence])
    rows = list(out.values())
    what = "enclave (飞地) or park" if enclaves else "park"
    params = {"mechanism": "enclave" if enclaves else None, "projects": "park", "supporter": sorted(sup) or None,
              "region": sorted(rec) or None}
    if not rows:
        return [], "supporters_of", params, f"Not in the graph: no {what} of the parties asked about is stated."
    role = f"region(s) with an {what} built" if want_recipients else f"{what} builder(s)"
    return rows, "supporters_of", params, f"{len(rows)} {role}: {names(rows)}."


def enclave_list(store: GraphStore, s: Slots) -> Ran:
    return platform_partners(store, s, enclaves=True)


def park_partners(store: GraphStore, s: Slots) -> Ran:
    return platform_partners(store, s, enclaves=False)


def _section_core(section: str) -> str:
    return re.sub(r"^[一二三四五六七八九十\d]+[、.]\s*|领域$", "", section)


def measure_list(store: GraphStore, s: Slots) -> Ran:
    """Measures by place, party, field and year; a section the question names (帮扶增收领域) and 重点举措 narrow it."""
    region, party = _party_filters(store, s)
    res = measures(store, region=region, supporter=party)
    rows = res.items
    params = dict(res.params)
    sections = {str(r["section"]) for r in rows if r.get("section") and len(_section_core(str(r["section"]))) >= 2
                and _section_core(str(r["section"])) in s.text}
    if sections:
        rows = [r for r in rows if r.get("section") in sections]
        params["section"] = sorted(sections)
    # A field word inside the section's name (服务惠民, 帮扶增收) is the section, not a further filter.
    cores = " ".join(_section_core(x) for x in sections)
    fields = [d for d, w in s.domain_words if w not in cores]
    if fields:
        in_field = {r.source for r in store.relations_of([fields[0]], "in", [IN_DOMAIN])}
        rows = [r for r in rows if r["id"] in in_field]
        params["field"] = fields[0]
    if s.project_kind:  # 关于飞地的举措: measures whose title names that kind of platform
        words = [w for w in s.project_kind.words if re.search(r"[\u4e00-\u9fff]", w)]
        rows = [r for r in rows if any(w in r["name"] for w in words)]
        params["title_words"] = words
    if re.search(r"重点举措|重点任务|\bkey (measures?|tasks?|actions?)\b", s.text, re.I) and any(
            r.get("kind") == "key_measure" for r in rows):
        rows = [r for r in rows if r.get("kind") == "key_measure"]
        params["kind"] = "key_measure"
    doc_round = round_of_document(store)
    rows = [r for r in rows if _in_years(r, s, doc_round)]
    params["years"] = s.years or None
    where = _where(store, region, party)
    if not rows:
        return [], "measures", params, f"Not in the graph: no measure{where}{qualifiers(s)} is stated."
    return rows, "measures", params, f"{len(rows)} measure(s){where}{qualifiers(s)}: {names(rows, 5)}."


def unit_measures(store: GraphStore, s: Slots) -> Ran:
    """The measures an organisation named is responsible for (RESPONSIBLE_FOR), in the region named, if any."""
    unit = next(n for n in s.parties if n.label == ORGANIZATION)
    region = next((n.id for n in s.regions), None)
    field = s.domain.id if s.domain else None
    # "the county education bureau": the field word names the unit, it is no filter on its measures.
    if field and any(re.search(re.escape(w) + r"\s*(?:bureau|department|office|commission|局|厅|委)", s.text, re.I)
                     for _, w in s.domain_words):
        field = None
    res = measures(store, region=region, field=field, responsible=unit.id)
    rows = res.items
    lead_asked = re.search(LEAD, s.text, re.I)
    ids = {r["id"] for r in rows}
    rels = [r for r in store.relations_of(sorted(ids), "in", [RESPONSIBLE_FOR])] if ids else []
    if lead_asked:
        # 牵头: only where the unit is the lead — in the measures whose document marks a lead at all.
        kept = {x.target for x in _leads_only(rels) if x.source == unit.id}
        rows = [r for r in rows if r["id"] in kept]
    if re.search(r"重点举措|重点任务|\bkey (measures?|tasks?|actions?)\b", s.text, re.I) and any(
            r.get("kind") == "key_measure" for r in rows):
        rows = [r for r in rows if r.get("kind") == "key_measure"]
    doc_round = round_of_document(store)
    rows = [r for r in rows if _in_years(r, s, doc_round)]
    params = dict(res.params) | ({"lead": True} if lead_asked else {})
    if not rows:
        return [], "measures", params, f"Not in the graph: no measure{qualifiers(s)} names {unit.name} as responsible."
    return rows, "measures", params, f"{unit.name} is responsible for {len(rows)} measure(s): {names(rows, 5)}."


def _leads_only(rels: list[Relation]) -> list[Relation]:
    """Per measure, its lead units where its document marks one (P26: 列第一位的为牵头单位), else all its units:
    a plan that lists 责任部门 without naming a lead (YJ 附件2) leaves every one of them answerable."""
    marked = {r.target for r in rels if r.props.get("lead")}
    return [r for r in rels if r.props.get("lead") or r.target not in marked]


def _quoting(s: Slots, items: list[Node], rels: list[Relation]) -> list[Relation]:
    """The supporters whose own quotes hold the phrase the question shares with the measure's text
    (中蜂养殖示范园: the sentence or row naming it), when some do; else every supporter of the measure."""
    question = blank(s.text, [(h.start, h.end) for h in s.hits])
    words = {w for m in items for w in phrases(question, measure_text(m))}
    if not words:
        return rels
    held = [r for r in rels if any(w in normalize(e.quote) for e in r.evidence for w in words)]
    return held or rels


def measure_parties(store: GraphStore, s: Slots, rel_type: str) -> Ran:
    """The units responsible for (RESPONSIBLE_FOR) or supporting (SUPPORTS_MEASURE) the measures quoted."""
    region = next((n for n in s.regions), None)
    items = [m for m in s.topic if region is None or _measure_for(store, m, region)] or s.topic
    if len(items) > 1:
        # Clauses of one measure share its title (改造升级山区传统制造业 ×5): the question's own words that only
        # some of their texts hold (做强“一县一业”) say which clause is meant.
        question = blank(s.text, [(h.start, h.end) for h in s.hits])
        runs = {question[i:i + 4] for i in range(len(question) - 3)
                if re.fullmatch(r"[\u4e00-\u9fff]{4}", question[i:i + 4])}
        holding = [m for m in items
                   if any(r in measure_text(m) for r in runs - {m.name[i:i + 4] for i in range(len(m.name))})]
        if holding and len(holding) < len(items):
            items = holding
    if region is None and len(items) > 1:
        # No place named (山区抽水蓄能电站建设由哪个部门负责): of measures tied on the phrase, the province's
        # own, not one county's plan that mentions the same thing.
        general = [m for m in items if not _for_a_county(store, m)]
        items = general or items
    rels = store.relations_of([m.id for m in items], "in", [rel_type])
    if rel_type == SUPPORTS_MEASURE:
        rels = _quoting(s, items, rels)
    lead_asked = rel_type == RESPONSIBLE_FOR and re.search(LEAD, s.text, re.I)
    if lead_asked:
        # "谁牵头": the unit the document marks as lead, not the co-operating ones.
        rels = _leads_only(rels)
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(rels, key=lambda x: x.id):
        n = node_by_id(store, r.source)
        if n is None or (s.kind and n.props.get("kind") not in {s.kind.id, *s.kind.also}):
            continue
        row = out.setdefault(n.id, brief(n) | {"measures": [], "evidence": []})
        m = node_by_id(store, r.target)
        if m is not None and m.name not in row["measures"]:
            row["measures"].append(m.name)
        row["evidence"] = evidence_of([*row["evidence"], r])
    rows = list(out.values())
    role = "responsible for" if rel_type == RESPONSIBLE_FOR else "supporting"
    params = {"measures": [m.id for m in items], "role": "responsible" if rel_type == RESPONSIBLE_FOR else "supporters"}
    what = "、".join(dict.fromkeys(m.name for m in items))
    if not rows:
        return [], "measures", params, f"Not in the graph: the documents name no unit {role} {what}."
    return rows, "measures", params, f"{len(rows)} unit(s) {role} {what}: {names(rows)}."


def _for_a_county(store: GraphStore, m: Node) -> bool:
    targets = [node_by_id(store, r.target) for r in store.relations_of([m.id], "out", ["FOR"])]
    return any(t is not None and t.props.get("level") == "county" for t in targets)


def _measure_for(store: GraphStore, m: Node, region: Node) -> bool:
    return any(r.target == region.id for r in store.relations_of([m.id], "out", ["FOR", "MENTIONS"]))


def responsible(store: GraphStore, s: Slots) -> Ran:
    """责任部门; with 帮扶单位 asked too ("…的责任部门和帮扶单位分别是谁"), both."""
    ran = measure_parties(store, s, RESPONSIBLE_FOR)
    if not re.search(r"帮扶单位|支持单位|支援单位|帮扶方|\bsupporting units?\b", s.plain, re.I):
        return ran
    more = measure_parties(store, replace(s, kind=None), SUPPORTS_MEASURE)  # 部门 names the responsible side
    rows = ran[0] + [r for r in more[0] if r["id"] not in {x["id"] for x in ran[0]}]
    return rows, ran[1], ran[2] | {"role": "responsible+supporters"}, f"{ran[3]} {more[3]}"


def measure_supporters(store: GraphStore, s: Slots) -> Ran:
    return measure_parties(store, s, SUPPORTS_MEASURE)


def field_responsible(store: GraphStore, s: Slots) -> Ran:
    """责任部门 of a place's measures in a field (永嘉医疗卫生方面的举措由哪个部门负责): the units responsible for
    the measures of that field, each with the measures it is named for."""
    assert s.domain is not None
    region = next((n for n in s.regions), None)
    res = measures(store, region=region.id if region else None, field=s.domain.id)
    doc_round = round_of_document(store)
    ids = [r["id"] for r in res.items if _in_years(r, s, doc_round)]
    items = [n for i in ids if (n := node_by_id(store, i)) is not None]
    where = f" of {region.name}" if region else ""
    if not items:
        return [], "measures", {"region": region.id if region else None, "field": s.domain.id}, (
            f"Not in the graph: no measure{where} in {s.domain.name} is stated.")
    rows, query, params, message = measure_parties(store, replace(s, topic=items), RESPONSIBLE_FOR)
    params = params | {"region": region.id if region else None, "field": s.domain.id}
    message = (f"{len(rows)} unit(s) responsible for the {len(items)} measure(s){where} in {s.domain.name}: "
               f"{names(rows)}." if rows else
               f"Not in the graph: the documents name no unit responsible for the measures{where} in {s.domain.name}.")
    return rows, query, params, message


__all__ = [
    "REGION",
    "enclave_list",
    "field_responsible",
    "measure_list",
    "measure_supporters",
    "park_list",
    "responsible",
]
