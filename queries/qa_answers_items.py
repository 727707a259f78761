"""Answer builders for projects, parks, enclaves and measures (with their responsible and supporting units)."""

from __future__ import annotations

import re
from typing import Any

from graph.model import ORGANIZATION, REGION, RESPONSIBLE_FOR, SUPPORTS, SUPPORTS_MEASURE, SUPPORTS_PROJECT, Node
from graph.store import GraphStore
from queries.common import brief, evidence_of, node_by_id, round_of_document
from queries.intents import SUPPORT_UNITS, recipient, supporter
from queries.projects import measures, projects
from queries.qa_answers import Ran, field_of, names, qualifiers
from queries.qa_slots import Slots

WHO_BUILT = r"谁|哪个|哪些|哪家|\b(who|which)\b"


def _in_years(row: dict[str, Any], s: Slots, doc_round: dict[str, str]) -> bool:
    """A row is in the asked year(s) when its period covers one, or (no period) its document's round is asked."""
    if not s.years:
        return True
    start, end = row.get("start_year"), row.get("end_year")
    if isinstance(start, int) and isinstance(end, int):
        return any(start <= y <= end for y in s.years)
    rounds = {doc_round.get(str(e.get("document")), "") for e in row.get("evidence", [])}
    return bool(rounds & set(s.rounds))


def _party_filters(store: GraphStore, s: Slots) -> tuple[str | None, str | None]:
    sup = supporter(store, s)
    regions = [r for r in recipient(store, s)]
    region = regions[0].id if regions else None
    party = sup[0].id if sup else next((n.id for n in s.parties if n.label == ORGANIZATION), None)
    return region, party


def project_list(store: GraphStore, s: Slots) -> Ran:
    region, party = _party_filters(store, s)
    res = projects(store, region=region, field=field_of(s))
    rows = res.items
    params = dict(res.params)
    if party is not None:
        rows = [r for r in rows if party in {x["id"] for x in r.get("owners", []) + r.get("supporters", [])}]
        params["party"] = party
    if s.status:
        rows = [r for r in rows if r.get("nature") == s.status.id]
        params["nature"] = s.status.id
    if s.project_kind:
        rows = [r for r in rows if r.get("kind") == s.project_kind.id]
        params["kind"] = s.project_kind.id
    if s.kind:
        kinds = {s.kind.id, *s.kind.also}
        rows = [r for r in rows if any(x.get("kind") in kinds for x in r.get("owners", []))]
        params["owner_kind"] = s.kind.id
    doc_round = round_of_document(store)
    rows = [r for r in rows if _in_years(r, s, doc_round)]
    params["years"] = s.years or None
    status = f" {s.status.id}" if s.status else ""
    where = _where(store, region, party)
    if not rows:
        return [], "projects", params, f"Not in the graph: no{status} project{where}{qualifiers(s)} is stated."
    return rows, "projects", params, f"{len(rows)}{status} project(s){where}{qualifiers(s)}: {names(rows, 5)}."


def _where(store: GraphStore, region: str | None, party: str | None) -> str:
    out = ""
    for prefix, i in ((" in ", region), (" of ", party)):
        n = node_by_id(store, i) if i else None
        out += f"{prefix}{n.name}" if n else ""
    return out


def park_list(store: GraphStore, s: Slots) -> Ran:
    """Parks (产业园) by place or co-builder; "who built X" answers the co-builders of the named park(s)."""
    if s.projects and re.search(WHO_BUILT, s.text, re.I):
        return _builders(store, s.projects)
    region, party = _party_filters(store, s)
    res = projects(store, region=region, supporter=party)
    rows = [r for r in res.items if r.get("kind") == "park"]
    doc_round = round_of_document(store)
    rows = [r for r in rows if _in_years(r, s, doc_round)]
    where = _where(store, region, party)
    params = res.params | {"kind": "park"}
    if not rows:
        return [], "projects", params, f"Not in the graph: no park{where} is stated."
    return rows, "projects", params, f"{len(rows)} park(s){where}: {names(rows, 5)}."


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


def enclave_list(store: GraphStore, s: Slots) -> Ran:
    """Enclaves (飞地): the builders for a region, the regions of a builder, else every builder and for whom."""
    sup = {n.id for n in supporter(store, s)}
    rec = {n.id for n in recipient(store, s)}
    rels = [r for r in store.all_relations([SUPPORTS]) if r.props.get("mechanism") == "enclave"
            and (not sup or r.source in sup) and (not rec or r.target in rec)]
    asks_for_whom = re.search(r"哪些县|哪个县|为谁|给谁|for whom|which count", s.text, re.I)
    want_recipients = bool(sup) or (not rec and asks_for_whom is not None)
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(rels, key=lambda x: x.id):
        nid, other = (r.target, r.source) if want_recipients else (r.source, r.target)
        n, o = node_by_id(store, nid), node_by_id(store, other)
        if n is None or o is None:
            continue
        row = out.setdefault(n.id, brief(n) | {"for" if not want_recipients else "by": [], "evidence": []})
        row["for" if not want_recipients else "by"].append(o.name)
        row["evidence"] = evidence_of([*row["evidence"], r])
    rows = list(out.values())
    params = {"mechanism": "enclave", "supporter": sorted(sup) or None, "region": sorted(rec) or None}
    if not rows:
        return [], "supporters_of", params, "Not in the graph: no enclave (飞地) of the parties asked about is stated."
    role = "regions with an enclave built" if want_recipients else "enclave (飞地) builders"
    return rows, "supporters_of", params, f"{len(rows)} {role}: {names(rows)}."


def measure_list(store: GraphStore, s: Slots) -> Ran:
    region, party = _party_filters(store, s)
    res = measures(store, region=region, field=field_of(s), supporter=party)
    doc_round = round_of_document(store)
    rows = [r for r in res.items if _in_years(r, s, doc_round)]
    params = res.params | {"years": s.years or None}
    where = _where(store, region, party)
    if not rows:
        return [], "measures", params, f"Not in the graph: no measure{where}{qualifiers(s)} is stated."
    return rows, "measures", params, f"{len(rows)} measure(s){where}{qualifiers(s)}: {names(rows, 5)}."


def measure_parties(store: GraphStore, s: Slots, rel_type: str) -> Ran:
    """The units responsible for (RESPONSIBLE_FOR) or supporting (SUPPORTS_MEASURE) the measures quoted."""
    region = next((n for n in s.regions), None)
    items = [m for m in s.topic if region is None or _measure_for(store, m, region)] or s.topic
    rels = store.relations_of([m.id for m in items], "in", [rel_type])
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


def _measure_for(store: GraphStore, m: Node, region: Node) -> bool:
    return any(r.target == region.id for r in store.relations_of([m.id], "out", ["FOR", "MENTIONS"]))


def responsible(store: GraphStore, s: Slots) -> Ran:
    """责任部门; with 帮扶单位 asked too ("…的责任部门和帮扶单位分别是谁"), both."""
    ran = measure_parties(store, s, RESPONSIBLE_FOR)
    if not re.search(SUPPORT_UNITS, s.plain, re.I):
        return ran
    more = measure_parties(store, s, SUPPORTS_MEASURE)
    rows = ran[0] + [r for r in more[0] if r["id"] not in {x["id"] for x in ran[0]}]
    return rows, ran[1], ran[2] | {"role": "responsible+supporters"}, f"{ran[3]} {more[3]}"


def measure_supporters(store: GraphStore, s: Slots) -> Ran:
    return measure_parties(store, s, SUPPORTS_MEASURE)


__all__ = [
    "REGION",
    "enclave_list",
    "measure_list",
    "measure_supporters",
    "park_list",
    "project_list",
    "responsible",
]
