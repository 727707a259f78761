"""Answer builders for projects: lists with filters (status, field, period, amount, name words), rankings, parties."""

from __future__ import annotations

import re
from typing import Any

from graph.model import BENEFITS, ORGANIZATION, OWNS, SUPPORTS_PROJECT
from graph.store import GraphStore
from queries.common import brief, evidence_of, node_by_id, round_of_document
from queries.intents import RESPONSIBLE, recipient, supporter
from queries.projects import projects
from queries.qa_answers import Ran, field_of, names, qualifiers
from queries.qa_slots import Slots
from queries.rows import evidence_dicts


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
    if re.search(r"重大项目|\bmajor projects?\b", s.text, re.I):  # the major-project list, not parks
        rows = [r for r in rows if r.get("kind") == "major_project"]
        params["kind"] = "major_project"
    rows, extra = narrow(rows, s)
    params |= extra
    doc_round = round_of_document(store)
    if "period" not in extra:
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




_PERIOD = re.compile(r"(20\d\d)\s*(?:年)?\s*[-—–~至到]\s*(20\d\d)")
_ABOVE = re.compile(r"(?:超过|大于|高于|多于|不少于|以上|\bmore than|\bover|\babove|\bexceeding)\s*"
                    r"(\d+(?:\.\d+)?)\s*(亿|billion)?|(\d+(?:\.\d+)?)\s*亿元?以上", re.I)
_BELOW = re.compile(r"(?:低于|少于|小于|不到|不足|\bless than|\bunder|\bbelow)\s*(\d+(?:\.\d+)?)\s*(亿|billion)?", re.I)
# Words of a project name that say nothing about which project (年产, 建设, 项目 …).
_NAME_PLAIN = re.compile(r"项目|建设|重大|年产|有限|公司|有关|相关|哪些|什么|山海|协作|永嘉|\s")


def narrow(rows: list[dict[str, Any]], s: Slots) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Filters a project question states besides its slots: a period, an amount, words of the name."""
    params: dict[str, Any] = {}
    m = _PERIOD.search(s.text)
    # "永嘉2025-2027重大项目" names the plan's round, not the projects' own building period.
    if m and f"{m.group(1)}-{m.group(2)}" not in s.rounds and any(r.get("period") for r in rows):
        period = f"{m.group(1)}-{m.group(2)}"
        rows = [r for r in rows if r.get("period") == period]
        params["period"] = period
    above, below = _ABOVE.search(s.text), _BELOW.search(s.text)
    if above:
        v = float(above.group(1) or above.group(3))
        rows = [r for r in rows if isinstance(r.get("investment_yi"), (int, float)) and r["investment_yi"] > v]
        params["investment_above_yi"] = v
    if below:
        v = float(below.group(1))
        rows = [r for r in rows if isinstance(r.get("investment_yi"), (int, float)) and r["investment_yi"] < v]
        params["investment_below_yi"] = v
    word = _name_word(rows, s)
    if word:
        rows = [r for r in rows if word in r["name"]]
        params["name_contains"] = word
    return rows, params


def _name_word(rows: list[dict[str, Any]], s: Slots) -> str | None:
    """The longest word (≥2 characters) the question shares with some, not all, project names."""
    if len(rows) < 2:
        return None
    best = ""
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", _NAME_PLAIN.sub(" ", s.masked)):
        for i in range(len(run)):
            for j in range(i + 2, len(run) + 1):
                w = run[i:j]
                hits = sum(w in r["name"] for r in rows)
                if 0 < hits < len(rows) and len(w) > len(best):
                    best = w
    return best or None


def rank_projects(store: GraphStore, s: Slots) -> Ran:
    """The project or park with the largest (or smallest) investment or area among those the question names."""
    rows, query, params, _ = project_list(store, s) if not s.project_kind or s.project_kind.id != "park" else \
        _parks(store, s)
    key = "area_km2" if re.search(r"面积|area|大小|size", s.text, re.I) else "investment_yi"
    low = re.search(r"最小|最少|最低|\b(smallest|least|lowest|fewest)\b", s.text, re.I) is not None
    scored = [r for r in rows if isinstance(r.get(key), (int, float))]
    params = params | {"rank_by": key, "order": "ascending" if low else "descending"}
    if not scored:
        return [], query, params, f"Not in the graph: no {key} is stated for these projects."
    top = (min if low else max)(r[key] for r in scored)
    best = [r for r in scored if r[key] == top]
    return best, query, params, f"{names(best)}: the {'smallest' if low else 'largest'} {key} ({top})."


def _parks(store: GraphStore, s: Slots) -> Ran:
    from queries.qa_answers_items import park_list
    return park_list(store, s)


# The question asks for both sides of a project: its partners and the region it is built for.
BOTH_SIDES = r"谁(跟|和|与|同)谁|哪两|双方|两地|\bbetween\b|\bwhich two\b|\bboth sides\b"
# A question on a project's partners (合作方, 跟谁合作) asks for its co-builders, not the county's own
# responsible unit; one on who is responsible (责任单位, 由谁负责, 业主) for its owner. Neither or both: all.
_PARTNER_ASK = re.compile(r"合作方|合作单位|合作伙伴|协作方|协作单位|共建方|共建单位|结对方|帮扶方|帮扶单位|"
                          r"(跟|和|与|同)(谁|哪)|\b(partners?|co-?build\w*|cooperat\w* with)\b", re.I)
_OWNER_ASK = re.compile(RESPONSIBLE + r"|业主|建设单位|实施单位|实施主体|\b(owns?|owner|responsible|in charge)\b", re.I)


_WHICH_PROJECT = re.compile(r"(哪个|哪一个|什么|哪项|哪些)项目|\b(which|what) projects?\b", re.I)


def project_parties(store: GraphStore, s: Slots) -> Ran:
    """The owners (责任单位) and co-builders of the projects the question names (only one of the two
    when the question asks for partners or for who is responsible)."""
    if _WHICH_PROJECT.search(s.plain) and not _PARTNER_ASK.search(s.plain) and not _OWNER_ASK.search(s.plain):
        # "项目代码…对应的是哪个项目": the project itself is asked for (named by its code), not its parties.
        rows = [brief(n) | {"code": n.props.get("code"), "evidence": evidence_dicts(n.evidence)} for n in s.projects]
        return rows, "projects", {"projects": [n.id for n in s.projects]}, f"{names(rows)}."
    partner, owner = bool(_PARTNER_ASK.search(s.plain)), bool(_OWNER_ASK.search(s.plain))
    types = ([SUPPORTS_PROJECT] if partner and not owner else [OWNS] if owner and not partner
             else [OWNS, SUPPORTS_PROJECT])
    rels = store.relations_of([n.id for n in s.projects], "in", types)
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(rels, key=lambda x: x.id):
        n = node_by_id(store, r.source)
        if n is not None:
            row = out.setdefault(n.id, brief(n) | {"role": [], "evidence": []})
            role = "owner" if r.type == OWNS else "co-builder"
            if role not in row["role"]:
                row["role"].append(role)
            row["evidence"] = evidence_of([*row["evidence"], r])
    roles = [{OWNS: "owner", SUPPORTS_PROJECT: "co-builder"}[t] for t in types]
    if out and re.search(BOTH_SIDES, s.plain, re.I):
        # "谁跟谁共建": both sides of a co-built park or enclave — its partners and the region it serves.
        roles.append("host")
        for r in sorted(store.relations_of([n.id for n in s.projects], "out", [BENEFITS]), key=lambda x: x.id):
            n = node_by_id(store, r.target)
            if n is not None and n.id not in out:
                out[n.id] = brief(n) | {"role": ["host"], "evidence": evidence_of([r])}
    rows = list(out.values())
    what = "、".join(n.name for n in s.projects)
    params = {"projects": [n.id for n in s.projects], "roles": roles}
    if not rows:
        return [], "projects", params, f"Not in the graph: no {' or '.join(roles)} of {what} is stated."
    return rows, "projects", params, f"{what}: {names(rows)}."


__all__ = ["narrow", "project_list", "project_parties", "rank_projects"]
