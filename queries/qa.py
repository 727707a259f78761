"""Question answering: a Chinese or English question → an intent, entities, a field → a named query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.model import REGION, normalize
from graph.store import GraphStore
from queries.common import PAIRING_MECHANISMS, brief, evidence_of
from queries.coverage import coverage
from queries.errors import QueryError
from queries.lookup import latin_key, lookup_for
from queries.pairings import rounds_diff
from queries.paths import path
from queries.projects import measures, projects
from queries.qa_parse import KIND_MATCHES, Parsed, parse
from queries.region_profile import region_profile
from queries.support import supported_by, supporters_of


@dataclass
class Answer:
    question: str
    interpretation: dict[str, Any]
    answers: list[dict[str, Any]]
    query: str
    params: dict[str, Any]
    message: str

    @property
    def intent(self) -> str:
        return str(self.interpretation["intent"])

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "interpretation": self.interpretation, "answers": self.answers,
                "query": self.query, "params": self.params, "message": self.message}


Ran = tuple[list[dict[str, Any]], str, dict[str, Any], str]  # answers, query, params, message


def ask(store: GraphStore, question: str) -> Answer:
    """Answer a question from the graph, naming the query run; "not in the graph" when nothing backs it."""
    if not isinstance(question, str) or not normalize(question):
        return Answer(str(question), {"intent": "unknown", "entities": [], "domain": None, "kind": None,
                                      "round": None, "subject": None}, [], "none", {}, "The question is empty.")
    p = parse(store, question)
    handler = HANDLERS.get(p.intent)
    if handler is None:
        return _answer(p, ([], "none", {}, "Not in the graph: no place or organisation of the graph was "
                                            "recognised in the question, so nothing can be answered from it."))
    try:
        return _answer(p, handler(store, p))
    except QueryError as exc:
        return _answer(p, ([], p.intent, {}, f"Not in the graph: {exc}"))


def _answer(p: Parsed, ran: Ran) -> Answer:
    answers, query, params, message = ran
    return Answer(p.question, p.interpretation(), answers, query, params, message)


def _field(p: Parsed) -> str | None:
    return p.domain.id if p.domain else None


def _in_field(p: Parsed) -> str:
    return f" in {p.domain.name}" if p.domain else ""


def _supporters(store: GraphStore, p: Parsed) -> Ran:
    assert p.subject is not None
    res = supporters_of(store, p.subject.id, _field(p), p.round)
    answers = [s.to_dict() for s in res.supporters]
    if p.kind:
        kinds = KIND_MATCHES.get(p.kind, (p.kind,))
        answers = [a for a in answers if a.get("kind") in kinds]
        # "Which SOE pairs with X": the formal pairing partner when there is one, else any supporter.
        paired = [a for a in answers if any(x["mechanism"] in PAIRING_MECHANISMS for x in a["supports"])]
        if p.pairing_words and paired:
            answers = paired
    if p.other is not None:
        answers = [a for a in answers if a["id"] == p.other.id]
    who = f"{p.kind} " if p.kind else ""
    extra = ({"kind": p.kind} if p.kind else {}) | ({"supporter": p.other.id} if p.other is not None else {})
    return (answers, res.query, res.params | extra,
            _count(answers, res.query) if answers else
            f"Not in the graph: no {who}supporter of {p.subject.name}{_in_field(p)} is stated by the documents.")


def _pairing_partners(store: GraphStore, p: Parsed) -> Ran:
    """The formal pairings of a recipient; 支援市 / "city" asks for the city level (its city's, for a county)."""
    assert p.subject is not None
    city_level = bool(p.text and any(w in p.text.lower() for w in ("支援市", "结对市", " city", "cities")))
    subject = p.subject
    answers = _pairing_rows(store, subject.id, p.round, "city" if city_level else None)
    if city_level and not answers and subject.props.get("level") == "county":
        parent = lookup_for(store).candidates(str(subject.props.get("city", "")), (REGION,))
        if parent:
            subject = parent[0]
            answers = _pairing_rows(store, subject.id, p.round, "city")
    res_params = {"region": subject.id, "field": None, "round": p.round or "current",
                  "mechanisms": list(PAIRING_MECHANISMS), "level": "city" if city_level else None}
    return (answers, "supporters_of", res_params, _count(answers, "supporters_of") if answers else
            f"Not in the graph: no pairing partner of {subject.name} is stated by the documents.")


def _pairing_rows(store: GraphStore, region: str, round_: str | None, level: str | None) -> list[dict[str, Any]]:
    out = []
    for s in supporters_of(store, region, None, round_).supporters:
        d = s.to_dict()
        d["supports"] = [x for x in d["supports"] if x["via"] == "pairing" and x["mechanism"] in PAIRING_MECHANISMS
                         and (level is None or x["level"] == level)]
        if d["supports"]:
            d["evidence"] = evidence_of(e for x in d["supports"] for e in x["evidence"])
            out.append(d)
    return out


def _supported_by(store: GraphStore, p: Parsed, pairing_only: bool = False) -> Ran:
    assert p.subject is not None
    res = supported_by(store, p.subject.id, _field(p), p.round or "all")
    answers = []
    for s in res.supporters:
        d = s.to_dict()
        if pairing_only:
            d["supports"] = [x for x in d["supports"] if x["mechanism"] in PAIRING_MECHANISMS]
            d["evidence"] = evidence_of(e for x in d["supports"] for e in x["evidence"])
        if d["supports"]:
            answers.append(d)
    params = res.params | ({"mechanisms": list(PAIRING_MECHANISMS)} if pairing_only else {})
    return (answers, res.query, params, _count(answers, res.query) if answers else
            f"Not in the graph: no region supported by {p.subject.name}{_in_field(p)} is stated by the documents.")


def _attribute(key: str, label: str) -> Callable[[GraphStore, Parsed], Ran]:
    def run(store: GraphStore, p: Parsed) -> Ran:
        assert p.subject is not None
        prof = region_profile(store, p.subject.id)
        attr = getattr(prof, key)
        if attr is None:
            return ([], prof.query, prof.params,
                    f"Not in the graph: the documents state no {label} for {p.subject.name}.")
        row = brief(p.subject) | {key: attr.value, "value": attr.value, "evidence": attr.evidence}
        return ([row], prof.query, prof.params, f"{p.subject.name}: {label} {attr.value}.")
    return run


def _profile(store: GraphStore, p: Parsed) -> Ran:
    assert p.subject is not None
    prof = region_profile(store, p.subject.id)
    d = prof.to_dict()
    row = brief(p.subject) | {k: d[k] for k in ("category", "industry", "supporters")} | {
        "projects": len(prof.projects), "measures": len(prof.measures), "evidence": []}
    return [row], prof.query, prof.params, f"What the graph states about {p.subject.name} (region_profile)."


def _items(kind: str) -> Callable[[GraphStore, Parsed], Ran]:
    def run(store: GraphStore, p: Parsed) -> Ran:
        assert p.subject is not None
        s, f = p.subject, _field(p)
        if kind == "projects":
            res = projects(store, region=s.id, field=f) if s.label == REGION else None
            if res is None or not res.items:
                res = projects(store, field=f, supporter=s.id)
            if not res.items and s.label != REGION:
                res = projects(store, field=f, owner=s.id)
        else:
            res = measures(store, region=s.id, field=f) if s.label == REGION else None
            if res is None or not res.items:
                res = measures(store, field=f, supporter=s.id)
            if not res.items and s.label != REGION:
                res = measures(store, field=f, responsible=s.id)
        return (res.items, res.query, res.params, _count(res.items, res.query) if res.items else
                f"Not in the graph: no {kind} of {s.name}{_in_field(p)} are stated by the documents.")
    return run


def _path(store: GraphStore, p: Parsed) -> Ran:
    if p.subject is None or p.other is None:
        return ([], "path", {}, "Not in the graph: a connection needs two places or organisations of the graph, "
                                "and fewer were recognised in the question.")
    res = path(store, p.subject.id, p.other.id)
    answers = [s.to_dict() | {"id": s.relation["id"], "name": _step_name(s.to_dict()), "type": s.type}
               for s in res.steps]
    return answers, res.query, res.params, res.message


def _step_name(step: dict[str, Any]) -> str:
    a, b, t = step["from"]["name"], step["to"]["name"], step["type"]
    return f"{a} -[{t}]-> {b}" if step["direction"] == "forward" else f"{a} <-[{t}]- {b}"


def _gaps(store: GraphStore, p: Parsed) -> Ran:
    res = coverage(store, _field(p))
    total = len(res.counties)
    if p.domain is None:
        answers = res.unpaired
        message = (f"{len(answers)} of {total} mountain counties have no supporter in the graph." if answers else
                   f"Every one of the {total} mountain counties has at least one supporter in the graph; no gap.")
        return answers, res.query, res.params | {"gaps": "unpaired"}, message
    answers = res.gaps[p.domain.id]
    message = (f"{len(answers)} of {total} mountain counties have no supporter tied to {p.domain.name} in the "
               "graph (a general pairing names no field and does not count)." if answers else
               f"Every mountain county has a supporter tied to {p.domain.name} in the graph; no gap.")
    return answers, res.query, res.params, message


def _changes(store: GraphStore, p: Parsed) -> Ran:
    """Pairings added and dropped between the first two rounds the question names (oldest first)."""
    a, b = sorted(p.rounds[:2], key=lambda r: (r[:4], r))
    res = rounds_diff(store, a, b, common_only=True)
    answers = []
    for status, changes in (("added", res.added), ("dropped", res.dropped)):
        for c in changes:
            if p.subject is not None and p.subject.id not in (c.recipient["id"], c.supporter["id"]):
                continue
            answers.append({"id": f"{c.supporter['id']}->{c.recipient['id']}", "type": "SUPPORTS",
                            "name": f"{c.supporter['name']} -> {c.recipient['name']}", "change": status,
                            **c.to_dict()})
    where = f" for {p.subject.name}" if p.subject is not None else ""
    message = (f"{len(answers)} pairing change(s){where} from {a} to {b}, among the recipients both rounds name."
               if answers else f"No pairing added or dropped{where} from {a} to {b} in the graph, among the "
                               "recipients both rounds name.")
    return answers, res.query, res.params, message


def _count(answers: list[dict[str, Any]], query: str) -> str:
    return f"{len(answers)} answer(s) from {query}."


HANDLERS: dict[str, Callable[[GraphStore, Parsed], Ran]] = {
    "supporters_of": _supporters,
    "kind_partners": _supporters,
    "pairing_partners": _pairing_partners,
    "supported_by": _supported_by,
    "paired_with": lambda store, p: _supported_by(store, p, pairing_only=True),
    "category": _attribute("category", "category"),
    "industry": _attribute("industry", "一县一业 industry"),
    "profile": _profile,
    "projects": _items("projects"),
    "measures": _items("measures"),
    "path": _path,
    "coverage_gaps": _gaps,
    "rounds_diff": _changes,
}

__all__ = ["Answer", "ask", "latin_key"]
