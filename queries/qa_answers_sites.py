"""Answer builder for where an enclave (飞地) or co-built park is, and what it is called: its site and platform."""

from __future__ import annotations

import re
from typing import Any

from graph.model import BENEFITS, LOCATED_IN, PROJECT, SUPPORTS_PROJECT, Node
from graph.store import GraphStore
from queries.common import brief, evidence_of, node_by_id, nodes_by_label
from queries.intents import NAME_ASK, SITE_ASK
from queries.qa_answers import Ran, names
from queries.qa_slots import Slots

ENCLAVE = r"飞地|\benclaves?\b"
PARK_WORDS = r"科创园|产业园|合作园|园区|\bparks?\b"
KINDS = ("enclave", "park")


def _parties(store: GraphStore, n: Node) -> set[str]:
    """Everyone an enclave or park is tied to: the county it benefits, its builders, the region hosting it."""
    ins = store.relations_of([n.id], "in", [SUPPORTS_PROJECT])
    outs = store.relations_of([n.id], "out", [BENEFITS, LOCATED_IN])
    return {r.source for r in ins} | {r.target for r in outs}


def _candidates(store: GraphStore, s: Slots) -> list[Node]:
    """The enclaves and parks the question names or ties to its parties, of the kind and type it says."""
    every = [n for n in nodes_by_label(store, PROJECT) if n.props.get("kind") in KINDS]
    # A project named in the question is asked about whatever its kind (a plan's 飞地 project row).
    pool = list(s.projects) if s.projects else every
    asked = {p.id for p in s.parties}
    pool = [n for n in pool if asked <= _parties(store, n)]
    if re.search(ENCLAVE, s.text, re.I) and not s.projects:
        pool = [n for n in pool if n.props.get("kind") == "enclave"]
        # A type of enclave named (消薄飞地, 产业飞地 — the types the graph records): only enclaves of that type.
        types = {str(n.props.get("enclave_type")) for n in every if n.props.get("enclave_type") not in (None, "飞地")}
        named = [t for t in types if t in s.text]
        if named:
            pool = [n for n in pool if n.props.get("enclave_type") in named]
    elif not s.projects:
        word = re.search(PARK_WORDS, s.text, re.I)
        if word:  # a park, or an enclave whose platform is a park of that word (慈溪…产业园)
            pool = [n for n in pool if n.props.get("kind") == "park" or word.group(0) in n.name]
    return sorted(pool, key=lambda n: n.id)


def _is_place(n: Node) -> bool:
    """A stated platform (慈溪高新区上林英才产业园) is itself a place; a composed or written label is not."""
    return n.props.get("name_source") == "platform"


def _rows(store: GraphStore, nodes: list[Node], site: bool, name: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in nodes:
        ev = evidence_of(n.evidence)
        # A row is the enclave or park (its id, type, kind) named by the place or name asked for.
        base = brief(n) | {"enclave_or_park": n.name, "evidence": ev}
        hosts = [x.name for r in store.relations_of([n.id], "out", [LOCATED_IN])
                 if (x := node_by_id(store, r.target)) is not None]
        plot = "、".join(n.props.get("parcels") or [])
        places = [(p, f"site (plot {plot})" if plot else "site") for p in n.props.get("sites") or []]
        places += [(p, "core area") for p in n.props.get("core_areas") or []]
        if site and not places and _is_place(n):
            places = [(n.name, "platform")]
        if site and not places and n.props.get("location"):
            # A project whose row states its place (建设地点) but no site: the region it is LOCATED_IN.
            for r in store.relations_of([n.id], "out", [LOCATED_IN]):
                host = node_by_id(store, r.target)
                if host is not None:
                    out.append(brief(host) | {"enclave_or_park": n.name, "role": "located in",
                                              "value": f"located in ({n.props.get('location') or host.name})",
                                              "site": n.props.get("location"), "evidence": evidence_of([r])})
            continue
        if site:
            out += [base | {"name": p, "role": role, "value": f"{role} of {n.name}" if p != n.name else role,
                            "located_in": hosts, "evidence": _quoting(ev, p)} for p, role in places]
        if name and n.props.get("name_source") != "composed" and not any(r["name"] == n.name for r in out):
            out.append(base | {"name": n.name, "role": "name", "value": "name", "located_in": hosts})
    return out


def _quoting(evidence: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The evidence whose quote holds the place first (a site may be stated a sentence after the enclave)."""
    return sorted(evidence, key=lambda e: text not in re.sub(r"\s+", "", str(e.get("quote", ""))))


def sites(store: GraphStore, s: Slots) -> Ran:
    """Where an enclave or park of the parties asked about is (site, core area), or its name (platform)."""
    site = re.search(SITE_ASK, s.plain, re.I) is not None
    name = re.search(NAME_ASK, s.plain, re.I) is not None or not site
    nodes = _candidates(store, s)
    params = {"parties": [p.id for p in s.parties] or None, "projects": [n.id for n in nodes],
              "asks": [w for w, on in (("site", site), ("name", name)) if on]}
    who = "、".join(p.name for p in s.parties) or "、".join(n.name for n in s.projects)
    what = "enclave (飞地)" if re.search(ENCLAVE, s.text, re.I) else "enclave or park"
    of = f" of {who}" if who else ""
    if not nodes:
        return [], "projects", params, f"Not in the graph: no {what}{of} with a stated site or name."
    rows = _rows(store, nodes, site, name)
    if not rows:
        asked = "site" if site and not name else "site or name"
        return [], "projects", params, (f"Not in the graph: no {asked} of {names([{'name': n.name} for n in nodes])}"
                                        " is stated.")
    said = "; ".join(f"{r['enclave_or_park']}: {r['name']} ({r['role']})" if r["name"] != r["enclave_or_park"]
                     else f"{r['name']} ({r['role']})" for r in rows[:6])
    return rows, "projects", params, f"{what.capitalize()}{of}: {said}."


__all__ = ["sites"]
