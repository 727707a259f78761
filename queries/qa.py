"""Question answering: a Chinese or English question → an intent, entities, a field → a named query."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.model import DOMAIN, ORGANIZATION, REGION, Node, normalize
from graph.store import GraphStore
from queries.errors import QueryError
from queries.lookup import Hit, brief, latin_key, lookup_for
from queries.support import SupportResult, supported_by, supporters_of

# Intent cues. Each intent is tried in order; the first whose pattern matches and whose entity
# needs are met wins. Patterns are about the *question form*, never about particular places.
PAIRING_CUES = r"(支援地|支援市|支援县|结对县|结对市|结对地|结对方|结对关系|对口|结对|pair(ed|ing|s)?\b|partner)"
REVERSE_CUES = (r"(帮扶|支援|支持|援助|结对)(了)?(哪些|哪个|哪几个|什么)|"
                r"\b(whom|which (counties|places|regions) does)\b|\bdoes .+ support\b|\bsupported by\b")
SUPPORT_CUES = r"(谁|哪些|哪个|哪家|哪所|哪几|who|which|what)"
KIND_WORDS = {
    "soe": r"(国企|省属国企|国有企业|\bsoe\b|state[- ]owned)",
    "hospital": r"(医院|hospital)",
    "school": r"(学校|中学|school)",
    "university": r"(高校|大学|universit)",
    "bank": r"(银行|bank)",
}


@dataclass
class Interpretation:
    intent: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    domain: dict[str, Any] | None = None
    kind: str | None = None
    round: str | None = None


@dataclass
class Answer:
    question: str
    interpretation: Interpretation
    answers: list[dict[str, Any]]
    query: str
    params: dict[str, Any]
    message: str

    def to_dict(self) -> dict[str, Any]:
        i = self.interpretation
        return {
            "question": self.question,
            "interpretation": {"intent": i.intent, "entities": i.entities, "domain": i.domain,
                               "kind": i.kind, "round": i.round},
            "answers": self.answers,
            "query": self.query,
            "params": self.params,
            "message": self.message,
        }


def detect_domain(store: GraphStore, text: str) -> Node | None:
    """The field a question asks about, from Chinese labels/keywords or English words."""
    t = normalize(text).lower()
    best: tuple[int, Node] | None = None
    for n in store.nodes(DOMAIN):
        words = [n.props.get("zh", ""), n.name, *n.props.get("en_words", []), n.props.get("en_label", "")]
        for w in words:
            if not w:
                continue
            w = w.lower()
            pattern = re.escape(w) if re.search(r"[\u4e00-\u9fff]", w) else r"\b" + re.escape(w) + r"\b"
            if re.search(pattern, t) and (best is None or len(w) > best[0]):
                best = (len(w), n)
    if best is None:
        # Shorter Chinese field words (医疗, 卫生, 教育 …) from the taxonomy's section words.
        for n in store.nodes(DOMAIN):
            for w in n.props.get("section_words", []) + _DOMAIN_EXTRA.get(n.props.get("key", ""), []):
                if w and w in t and (best is None or len(w) > best[0]):
                    best = (len(w), n)
    return best[1] if best else None


# Everyday words for fields that the taxonomy labels do not contain (question wording only).
_DOMAIN_EXTRA: dict[str, list[str]] = {
    "healthcare": ["医疗", "卫生", "医卫", "看病"],
    "education": ["教育", "学校", "教学"],
    "agriculture": ["农业", "农村"],
    "tourism_culture": ["旅游", "文旅", "文化"],
    "industry": ["产业", "工业"],
    "technology": ["科技", "科创"],
    "employment": ["就业", "技能"],
}


def ask(store: GraphStore, question: str) -> Answer:
    lk = lookup_for(store)
    q = normalize(question)
    hits = [h for h in lk.scan(q) if h.node.label in (REGION, ORGANIZATION)]
    hits = _dedupe(hits)
    dom = detect_domain(store, _mask(q, hits))
    kind = next((k for k, p in KIND_WORDS.items() if re.search(p, q, re.I)), None)
    ents = [brief(h.node) | {"surface": h.surface} for h in hits]
    interp = Interpretation("unknown", ents, brief(dom) if dom else None, kind)
    if not hits:
        return Answer(question, interp, [], "none", {}, "No place or organisation from the graph was "
                      "recognised in the question, so there is nothing to answer from (not in the graph).")
    subject = hits[0].node
    intents: list[tuple[str, Callable[[], SupportResult]]] = []
    who = re.search(r"谁|\bwho\b", q, re.I)
    recipient = bool(store.relations_of([subject.id], "in", ["SUPPORTS"]))
    if re.search(REVERSE_CUES, q, re.I) or (subject.label == ORGANIZATION and not who):
        intents.append(("supported_by", lambda: supported_by(store, subject.id, dom.id if dom else None)))
    elif re.search(PAIRING_CUES, q, re.I) and not dom:
        if recipient or who:
            intents.append(("pairing_partners", lambda: supporters_of(store, subject.id, None, None)))
        else:
            intents.append(("supported_by", lambda: supported_by(store, subject.id, None)))
    else:
        intents.append(("supporters_of", lambda: supporters_of(store, subject.id, dom.id if dom else None, None)))
    name, run = intents[0]
    interp.intent = name
    try:
        result = run()
    except QueryError as exc:
        return Answer(question, interp, [], name, {}, str(exc))
    answers = [s.to_dict() for s in result.supporters]
    if name == "pairing_partners":
        answers = [a for a in answers
                   if any(s["via"] == "pairing" and s["mechanism"] in ("city_pairing", "county_pairing")
                          for s in a["supports"])]
        if re.search(r"支援市|结对市|\bcity\b|cities", q, re.I):
            answers = [a for a in answers if any(s["level"] == "city" for s in a["supports"])]
            if not answers and subject.props.get("level") == "county":
                parent = next((n for n in store.nodes(REGION) if n.name == subject.props.get("city")), None)
                if parent is not None:
                    result = supporters_of(store, parent.id, None, None)
                    answers = [a.to_dict() for a in result.supporters
                               if any(s.level == "city" for s in a.supports)]
    if kind:
        answers = [a for a in answers if a.get("kind") == kind or (kind == "soe" and a.get("kind") == "central_soe")]
    for a in answers:
        a["type"] = a.pop("type")
    params = dict(result.params)
    msg = (f"{len(answers)} answer(s) from {result.query}." if answers else
           f"Not in the graph: no {'supporter' if name != 'supported_by' else 'supported region'} of "
           f"{subject.name}{' in ' + dom.name if dom else ''} is stated by the documents.")
    return Answer(question, interp, answers, result.query, params, msg)


def _mask(q: str, hits: list[Hit]) -> str:
    out = list(q)
    for h in hits:
        for i in range(h.start, h.end):
            out[i] = " "
    return "".join(out)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        if h.node.id not in seen:
            seen.add(h.node.id)
            out.append(h)
    return out


__all__ = ["Answer", "ask", "latin_key"]
