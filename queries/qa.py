"""Question answering: a Chinese or English question → slots → one declared intent → its named query, or a refusal."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.model import normalize
from graph.store import GraphStore
from queries import qa_answers as sa
from queries import qa_answers_items as ia
from queries import qa_answers_places as pa
from queries import qa_answers_projects as pj
from queries import qa_answers_scope as sc
from queries import qa_answers_sites as st
from queries.common import brief
from queries.errors import QueryError
from queries.intents import COUNT, INTENTS, SUPPORT, WHO, Intent, candidates
from queries.lookup import latin_key
from queries.qa_alternatives import alternatives, combined
from queries.qa_answers import Ran
from queries.qa_guard import list_condition, not_held
from queries.qa_names import OTHER_PROVINCES, unknown_names
from queries.qa_partners import partner_answer
from queries.qa_refuse import examples, refusal
from queries.qa_slots import Slots, fill
from queries.qa_written import as_written

BUILDERS: dict[str, Callable[[GraphStore, Slots], Ran]] = {
    "rounds_diff": pa.changes, "path": pa.connection, "yes_no": sa.yes_no,
    "common_recipients": sa.common_recipients, "common_supporters": sa.common_supporters,
    "measure_responsible": ia.responsible, "measure_supporters": ia.measure_supporters,
    "field_responsible": ia.field_responsible,
    "rank_recipients": sa.rank_recipients, "rank_supporters": sa.rank_supporters,
    "industry_counties": pa.industry_counties, "industry": pa.industry_of, "industries": pa.industries,
    "classic_industry": pa.classic_of, "classic_industries": pa.classics,
    "category": pa.category_of,
    "category_check": pa.category_of,
    "category_members": pa.category_members, "coverage_gaps": pa.gaps, "supporters_in_city": pa.supporters_in_city,
    "enclaves": ia.enclave_list, "parks": ia.park_partners, "city_members": pa.city_members,
    "group_members": pa.group_members, "projects": pj.project_list,
    "project_parties": pj.project_parties, "rank_projects": pj.rank_projects, "measures": ia.measure_list,
    "unit_measures": ia.unit_measures,
    "supported_by": sa.supported, "supporters_of": sa.supporters, "pairings": pa.pairing_list,
    "support_fields": sa.support_fields, "city_of": pa.city_of, "sites": st.sites,
    "scoped_support": sc.scoped, "any_supporter": sc.any_supporter,
}
assert set(BUILDERS) == {i.name for i in INTENTS}
# What a question may ask about that no intent answers: amounts of money, dates and times.
UNANSWERED = (r"多少钱|多少资金|多少万|多少亿|金额|总投资是|总投资多少|投资多少|投资了多少|投资额|资金有多少|"
              # an amount asked after what it measures (援建资金是多少, 产值有多大, GDP是多少)
              r"(资金|金额|投资|经费|款项|钱|产值|收入|营收|规模|面积|人口|GDP|税收|收益)[^，,。？?]{0,6}?"
              r"(是多少|有多少|多少|多大|几何)|"
              r"什么时候|何时|哪一年|哪年|几月|"
              r"\bhow much\b|\bamount\b|\btotal investment\b|\bwhen\b|\bwhat year\b|\bwhich year\b")
YEARLY = ("projects", "measures", "rank_projects", "project_parties", "measure_responsible", "measure_supporters",
          "field_responsible")
CUE_PATTERNS = tuple(p for i in INTENTS for p in (*i.cues, i.blocks) if p)


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


def interpretation(s: Slots | None, intent: str, subject: Any = None, **extra: Any) -> dict[str, Any]:
    if s is None:
        return {"intent": intent, "entities": [], "domain": None, "kind": None, "round": None, "subject": None,
                **extra}
    return {"intent": intent, "entities": [brief(h.node) | {"surface": h.surface} for h in s.hits],
            "domain": brief(s.domain) if s.domain else None, "kind": s.kind.id if s.kind else None,
            "round": s.rounds[0] if s.rounds else None, "subject": subject,
            "mechanism": s.mechanism.id if s.mechanism else None, "slots": s.to_dict(),
            "suggestions": s.suggestions, **extra}


# Opinions and judgements: the graph states facts from documents, never a view of them.
OPINION = (r"你觉得|你认为|您觉得|您认为|怎么看|好不好|怎么样|如何评价|评价一下|看法|值不值|应不应该|该不该|成效如何|"
           r"\bwhat do you think\b|\byour (opinion|view)\b|\bshould\b|\bis it (good|worth)\b|\bhow well\b")


# Things the documents name only some of: a count of them over the whole programme (全省有几个飞地, the magazine
# says 42) is no count of the graph's rows.
PARTIAL = ("enclaves", "parks", "projects", "measures", "sites")

# Intents that list every member of a group, a city's mountain counties or a category.
LISTS = ("group_members", "city_members", "category_members")


def ask(store: GraphStore, question: str) -> Answer:
    """Answer a question from the graph with the one intent it fits; refuse when none fits, never guess."""
    if not isinstance(question, str) or not normalize(question):
        return Answer(str(question), interpretation(None, "unknown"), [], "none", {}, "The question is empty.")
    s = fill(store, question, CUE_PATTERNS)
    own = partner_answer(store, s)  # a county's school or town, stated only on its county's pairing
    if own is not None and not re.search(OPINION, s.text, re.I):
        answers, query, params, message = own
        return Answer(question, interpretation(s, "partner_pairing"), as_written(store, answers), query, params,
                      message)
    if s.unknown:
        # A place of another province is never a mistyped place of ours: no "did you mean".
        close = [] if s.unknown.startswith(tuple(OTHER_PROVINCES)) else unknown_names(store, s.unknown)
        hint = f" Did you mean: {'、'.join(c['name'] for c in close)}?" if close else ""
        return Answer(question, interpretation(s, "unknown", suggestions=close), [], "none", {},
                      f"Not in the graph: {s.unknown} is not a place or organisation the graph knows.{hint}")
    tied = [x for x in s.suggestions if not x.get("used") and x.get("candidates")]
    if tied:  # a name written close to several of the graph's: ask which
        names = "、".join(c["name"] for c in tied[0]["candidates"])
        return Answer(question, interpretation(s, "ambiguous", candidates=tied[0]["candidates"]), [], "none", {},
                      f"Which one do you mean by {tied[0]['surface']}: {names}?")
    found = candidates(store, s)
    if not found:
        return _no_intent(store, s)
    top = [i for i in found if i.priority == found[0].priority]
    if len(top) > 1:
        return Answer(question, interpretation(s, "ambiguous", candidates=[i.name for i in top]), [], "none", {},
                      "The question reads two ways: " + " / ".join(i.describes for i in top) + "; please say which.")
    intent = top[0]
    if re.search(OPINION, s.text, re.I):
        return _refuse(store, s, "it asks for an opinion or a prediction, which documents do not state", intent.name)
    condition = list_condition(s.masked) if intent.name in LISTS else None
    if condition:
        return _refuse(store, s, f"it puts a condition on the list ({condition}) that the documents' graph cannot "
                                 "apply; listing every member would answer another question", intent.name)
    held = not_held(s.plain)
    if held:
        rule, words = held
        return Answer(question, interpretation(s, intent.name, not_held=rule.id), [], "none", {},
                      f"Not in the graph: the question asks for {rule.what} ({words!r}), which the documents' graph "
                      "does not hold; it holds who supports whom, in which fields, through which pairings, measures "
                      "and projects.")
    aspect = re.search(UNANSWERED, s.plain, re.I)
    if aspect and intent.name not in ("rank_projects", "rounds_diff"):
        return _refuse(store, s, f"it asks {aspect.group(0)!r} (amounts, dates and times are not answered)",
                       intent.name)
    if intent.name in PARTIAL and not s.parties and re.search(COUNT, s.text, re.I):
        return _refuse(store, s, "it asks for a total over the whole programme; the graph holds only the enclaves, "
                                 "parks, projects and measures the documents name one by one, not the programme's "
                                 "totals (ask for a county's or a supporter's)", intent.name)
    unapplied = [f for f in s.filters() if f not in intent.accepts]
    if unapplied:
        return _refuse(store, s, f"it names {', '.join(_filter_words(s, unapplied))}, which "
                                 f"'{intent.describes}' cannot apply", intent.name)
    if s.years and not s.rounds and intent.name not in YEARLY:
        return Answer(question, interpretation(s, intent.name), [], intent.query, {"years": s.years},
                      f"Not in the graph: no round of the documents covers {', '.join(map(str, s.years))}.")
    alts = alternatives(store, s)
    try:
        if alts and all(a.slot in intent.accepts for a in alts):
            answers, query, params, message = combined(store, s, alts, BUILDERS[intent.name])
        else:
            answers, query, params, message = BUILDERS[intent.name](store, s)
    except QueryError as exc:
        answers, query, params, message = [], intent.query, {}, f"Not in the graph: {exc}"
    answers, params, message = sc.narrow(s, intent.name, answers, params, message)
    if answers and re.search(COUNT, s.text, re.I):
        message = f"{len(answers)} — {message}"
        # The number is the answer asked for; the rows it counts follow it (each still with its evidence).
        answers = [{"id": f"count:{len(answers)}", "name": str(len(answers)), "type": "Count", "value": len(answers),
                    "counts": [a.get("id") for a in answers]}, *answers]
    read_as = [f"{x['surface']} as {x['did_you_mean']}" for x in s.suggestions if x.get("used")]
    if read_as:  # say which near name was taken for a misspelt one
        message = message.rstrip(".") + f" (read {', '.join(read_as)})."
    subject = params.get("region") if isinstance(params.get("region"), str) else None
    return Answer(question, interpretation(s, intent.name, subject or params.get("supporter")),
                  as_written(store, answers), query, params, message)


def _filter_words(s: Slots, names: list[str]) -> list[str]:
    out = []
    for f in names:
        v = getattr(s, f)
        out.append(f"{f} {v.id if hasattr(v, 'id') and not isinstance(v, list) else v}")
    return out


def _no_intent(store: GraphStore, s: Slots) -> Answer:
    """No intent fits: "not in the graph" when a support question names nothing known, else a refusal."""
    asks_support = re.search(SUPPORT, s.text, re.I) and re.search(WHO, s.text, re.I)
    if not s.parties and not s.group and (asks_support or re.search(r"connect|关系|联系", s.text, re.I)):
        close = unknown_names(store, s.text)
        hint = f" Did you mean: {'、'.join(c['name'] for c in close)}?" if close else ""
        return Answer(s.question, interpretation(s, "unknown", suggestions=close), [], "none", {},
                      "Not in the graph: no place or organisation named in the question is in the graph." + hint)
    if len(s.parties) == 1 and re.search(r"\band\b|和|与|跟", s.masked, re.I) and re.search(
            r"connect|关系|联系|relat|link", s.masked, re.I):
        return Answer(s.question, interpretation(s, "path"), [], "path", {},
                      "Not in the graph: a connection needs two places or organisations of the graph, and only one "
                      "was recognised in the question.")
    return _refuse(store, s, None, None)


def _refuse(store: GraphStore, s: Slots, reason: str | None, understood: str | None) -> Answer:
    extra, message = refusal(store, reason)
    return Answer(s.question, interpretation(s, "refused", closest=understood, **extra), [], "none", {}, message)


__all__ = ["Answer", "Intent", "ask", "examples", "latin_key"]
