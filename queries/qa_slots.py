"""Filling a question's slots: parties from the name index, then the closed vocabularies, years and topics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graph.model import MEASURE, ORGANIZATION, PROJECT, REGION, Node
from graph.org_kinds import endings_group
from graph.store import GraphStore
from queries.common import brief, known_rounds, nodes_by_label
from queries.lookup import Hit, lookup_for
from queries.qa_names import fuzzy_hits
from queries.qa_normalize import normalize_question
from queries.qa_pinyin import from_pinyin
from queries.qa_roles import active_parties
from queries.qa_terms import Found, Term, find, industry_terms, rounds_meta, vocab

# Filters a question can put on its answers; an intent that cannot apply one that was found refuses.
FILTERS = ("domain", "kind", "mechanism", "status", "category", "industry", "rounds", "project_kind")
MOUNTAIN = r"山区县|山区\s*26\s*县|山区二十六县|二十六县|26\s*个?县|山区|mountain"


@dataclass
class Slots:
    question: str
    text: str  # normalised (NFKC, no format characters, simplified)
    hits: list[Hit]  # the parties named, in order (context cities removed)
    context: list[Node] = field(default_factory=list)  # a city named only to place a county in it
    group: bool = False  # the mountain counties as a group
    domain: Node | None = None
    domain_words: list[tuple[str, str]] = field(default_factory=list)  # every field word found, longest first
    kind: Term | None = None
    mechanism: Term | None = None
    mechanisms: list[Term] = field(default_factory=list)  # every mechanism named, in text order
    status: Term | None = None
    category: Term | None = None
    project_kind: Term | None = None
    industry: str | None = None  # an 一县一业 industry named in the question
    rounds: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    topic: list[Node] = field(default_factory=list)  # measures whose title the question quotes
    projects: list[Node] = field(default_factory=list)  # projects named in the question
    active: list[Node] = field(default_factory=list)  # parties written as the ones who support
    suggestions: list[dict[str, Any]] = field(default_factory=list)  # "did you mean" for unknown names
    plain: str = ""  # text with the names blanked (what cue words are read from)
    masked: str = ""  # plain with vocabulary words blanked too
    unknown: str | None = None  # a subject written like a name that the graph does not know

    @property
    def parties(self) -> list[Node]:
        return [h.node for h in self.hits]

    @property
    def regions(self) -> list[Node]:
        return [h.node for h in self.hits if h.node.label == REGION]

    def filters(self) -> list[str]:
        """The filters found; a year is a round filter even when no round of the graph covers it."""
        return [f for f in FILTERS if getattr(self, f) or (f == "rounds" and self.years)]

    def to_dict(self) -> dict[str, Any]:
        def term(t: Term | None) -> str | None:
            return t.id if t else None
        return {"parties": [brief(n) for n in self.parties], "context": [n.name for n in self.context],
                "group": self.group, "domain": self.domain.id if self.domain else None,
                "kind": term(self.kind), "mechanism": term(self.mechanism), "status": term(self.status),
                "category": term(self.category), "project_kind": term(self.project_kind),
                "industry": self.industry, "rounds": self.rounds, "years": self.years,
                "topic": [brief(n) for n in self.topic], "projects": [brief(n) for n in self.projects],
                "active": [n.id for n in self.active]}


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    out = list(text)
    for s, e in spans:
        out[s:e] = " " * (e - s)
    return "".join(out)


def _scan(store: GraphStore, text: str) -> list[Hit]:
    hits: list[Hit] = []
    # Listed, derived and pinyin forms only: near names (typos) are queries.qa_names' to offer as
    # "did you mean", with the message saying which name was read.
    for h in lookup_for(store).scan(text, (REGION, ORGANIZATION), fuzzy=False):
        if all(h.node.id != x.node.id for x in hits):
            hits.append(h)
    return hits


def fill(store: GraphStore, question: str, cue_patterns: tuple[str, ...] = ()) -> Slots:
    """Every slot of a question; cue_patterns (the intents' cues) also give the words pinyin is read as."""
    text = re.sub(r"(?<=[A-Za-z])['’]s\b", "", normalize_question(question))
    lk = lookup_for(store)
    hits = _scan(store, text)
    if re.search(r"[A-Za-z]{2,}", text):  # "Yongjia xian you shei bangfu": the pinyin words as Chinese
        text = from_pinyin(store, text, [(h.start, h.end) for h in hits], cue_patterns)
        hits = _scan(store, text)
    fuzzy, suggestions = fuzzy_hits(store, text, hits)
    hits = sorted(hits + fuzzy, key=lambda h: h.start)
    s = Slots(question, text, [], suggestions=suggestions)
    s.group = any(h.node.props.get("level") == "group" for h in hits) or re.search(MOUNTAIN, text, re.I) is not None
    # A city or the province named beside a county in it only places that county (温州…泰顺县).
    counties_cities = {str(h.node.props.get("city")) for h in hits if h.node.props.get("level") == "county"}
    for h in hits:
        level = h.node.props.get("level") if h.node.label == REGION else None
        # The home province is context (浙江省…); a province outside it (新疆, 四川) is a party the answer must honour.
        home = level == "province" and not h.node.props.get("outside_province")
        if level == "group" or home or (level == "city" and h.node.name in counties_cities):
            s.context.append(h.node)
        else:
            s.hits.append(h)
    masked = _blank(text, [(h.start, h.end) for h in hits])
    s.plain = masked
    s.projects = [n for n in nodes_by_label(store, PROJECT) if normalize_question(n.name) in text]
    masked = _blank(masked, [(m.start(), m.end()) for n in s.projects
                             for m in re.finditer(re.escape(normalize_question(n.name)), masked)])
    # A quoted measure title (“汽车空调共性技术攻关”) names the measure: its words are no industry or field.
    titles = {normalize_question(str(n.props.get("title") or n.name)) for n in nodes_by_label(store, MEASURE)}
    masked = _blank(masked, [m.span() for m in re.finditer(r"[“\"「『]([^”\"」』]{3,})[”\"」』]", masked)
                             if m.group(1) in titles])
    s.industry, masked = _industry(store, masked)
    v = vocab()
    spans: list[tuple[int, int]] = []
    # Order matters: a category (生态发展类) before a field (生态), a kind (医院) before a field (hospital).
    for key in ("categories", "statuses", "mechanisms", "project_kinds", "kinds"):
        found = find(v[key], masked)
        if found:
            setattr(s, _ATTR[key], found[0].term)
            spans += [(f.start, f.end) for f in found]
            if key == "mechanisms":
                s.mechanisms = list(dict.fromkeys(f.term for f in found))
        masked = _blank(masked, [(f.start, f.end) for f in found])
    domains = find(v["domains"], masked)
    if domains:
        s.domain = lk.by_id.get(_longest(domains).term.id)
        s.domain_words = [(f.term.id, s.text[f.start:f.end]) for f in sorted(domains, key=lambda f: f.start - f.end)]
    s.years, s.rounds = _rounds(store, masked)
    s.topic = _topic(store, text, s.hits)
    s.active = active_parties(store, text, s.hits)
    s.masked = masked
    s.unknown = _unknown_subject(s)
    return s


_SUBJECT = re.compile(r"^([\u4e00-\u9fff]{2,12}?)(?:参与|帮扶|支援|支持|结对|对口|挂钩|援建|牵手|携手|共建|负责)")


@lru_cache(maxsize=2)
def _org_patterns(endings: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A proper organisation name (its head, then an ending of org_kinds.yaml's question_endings), and a
    place's own institution written after it (永嘉县人民医院, 泰顺中学): a name, not the place with a kind."""
    return (re.compile(r"([\u4e00-\u9fff]{2,10}?)" + endings), re.compile(r"[\u4e00-\u9fff]{0,6}?" + endings))


# A town or subdistrict named as a place (七都街道, 枫林镇): not a place of the graph, so a question about it
# cannot be answered by the county-level facts around it.
_TOWN_NAME = re.compile(r"([\u4e00-\u9fff]{2,3}?)(街道|镇)(?![村街])")
_GENERIC_TOWN = re.compile(r"中心|特色|小城|重点|乡|村|城|各|全|集|名|古|强|每")
# Heads that make a kind or a question, not a name: 哪家医院, 省属国有企业集团, 其他高校, 社会力量 ….
_GENERIC_HEAD = re.compile(r"哪|什么|些|几|各|这|那|该|其他|其它|相关|省属|国有|社会|结对|帮扶|支援|合作|省级|市级|"
                           r"县级|有关|所有|全部|多少|的|有|是|和|与|在|\s")


# Capitalised English words that are not names (the first word of a sentence is skipped anyway).
_EN_NOT_NAMES = {"I", "Is", "Are", "Does", "Do", "Which", "What", "Who", "How", "Provincial", "Province", "County",
                 "District", "City", "Mountain", "Zhejiang", "Chinese", "English"}


def _unknown_subject(s: Slots) -> str | None:
    """A name-like subject no party explains (浙工商大参与了…, China General Nuclear): an unknown name."""
    known = {x.lower() for terms in vocab().values() for t in terms for w in t.words for x in w.split()}
    for run in re.finditer(r"(?<=[a-z,]\s)((?:[A-Z][a-z]+\s+){1,4}[A-Z][a-z]+)\b", s.masked):
        words = [w for w in run.group(1).split() if w not in _EN_NOT_NAMES and w.lower() not in known]
        if len(words) >= 2 and not s.topic:
            return run.group(1)
    m = _SUBJECT.match(s.masked)
    if m and not s.topic and not re.search(r"哪|谁|什么|几|多少|有|是|在|由|被|和|与|的|山区|县|区|市", m.group(1)):
        return m.group(1)
    if s.topic or s.projects:
        return None
    # Anywhere in the question: a proper name of an organisation (its head, then 集团/大学/医院 …) that no
    # party explains. Answering without it would answer a different question (every measure of 永嘉).
    # On the text with only the parties blanked: kind words (大学, 医院) are blanked from `masked`.
    org_name, own_institution = _org_patterns(endings_group("question_endings"))
    for org in org_name.finditer(_blank(s.text, [(h.start, h.end) for h in s.hits])):
        if not _GENERIC_HEAD.search(org.group(1)):
            return org.group(0)
    for town in _TOWN_NAME.finditer(_blank(s.text, [(h.start, h.end) for h in s.hits])):
        if not _GENERIC_HEAD.search(town.group(1)) and not _GENERIC_TOWN.search(town.group(1)):
            return town.group(0)  # a town or subdistrict: the graph holds none as a place
    for h in s.hits:
        own = own_institution.match(s.text, h.end)
        if h.node.label == REGION and own and not _GENERIC_HEAD.search(own.group(0)):
            return h.surface + own.group(0)
    return None


_ATTR = {"categories": "category", "statuses": "status", "mechanisms": "mechanism", "project_kinds": "project_kind",
         "kinds": "kind"}


def _longest(found: list[Found]) -> Found:
    return max(found, key=lambda f: (f.end - f.start, -f.start))


def _industry(store: GraphStore, masked: str) -> tuple[str | None, str]:
    """An 一县一业 industry the question names (the longest that occurs, or one of its words in
    qa_terms.yaml `industries`, English included), blanked out of the text."""
    values = sorted({str(n.props["industry"]) for n in nodes_by_label(store, REGION) if n.props.get("industry")},
                    key=len, reverse=True)
    for v in values:
        i = masked.find(v)
        if i >= 0:
            return v, _blank(masked, [(i, i + len(v))])
    found = [f for f in find(industry_terms(), masked) if f.term.id in values]
    if found:
        f = max(found, key=lambda x: x.end - x.start)
        return f.term.id, _blank(masked, [(f.start, f.end)])
    return None, masked


def _rounds(store: GraphStore, masked: str) -> tuple[list[int], list[str]]:
    """Years named (2018年, 2021) and the rounds they point to: the round starting that year, else covering it."""
    years = [int(y) for y in dict.fromkeys(re.findall(r"(?<!\d)(20\d\d)(?!\d)", masked))]
    rounds: list[str] = []
    known = known_rounds(store)
    for y in years:
        starting = [r for r in known if r.startswith(str(y))]
        covering = [r for r in known if _span(r)[0] <= y <= _span(r)[1]]
        for r in starting or covering[-1:]:
            if r not in rounds:
                rounds.append(r)
    return years, rounds


def _span(round_id: str) -> tuple[int, int]:
    """A round's years as rounds.yaml states them, else the year its id starts with."""
    for r in rounds_meta():
        if str(r.get("id")) == round_id:
            return int(r.get("valid_from") or round_id[:4]), int(r.get("valid_to") or round_id[:4])
    return int(round_id[:4]), int(round_id[:4])


# Words that carry no topic: a title sharing only these with the question is not quoted by it.
_PLAIN = re.compile(r"帮扶|支援|协作|合作|结对|山海|山区|推进|加强|深化|开展|建设|工作|发展|由|的|和|与|是|哪|个|谁|"
                    r"部门|单位|负责|责任|牵头|什么|哪些|举措|措施|任务|项目|有|在|方面|领域|共同|推动|实施")


def _topic(store: GraphStore, text: str, hits: list[Hit]) -> list[Node]:
    """Measures whose title shares the longest run (≥4 characters, 2 of them content) with the question."""
    t = _blank(text, [(h.start, h.end) for h in hits])
    best: list[Node] = []
    best_len = 3
    vocab_words = sorted({w for terms in vocab().values() for x in terms for w in x.words
                          if re.search(r"[\u4e00-\u9fff]", w)}, key=len, reverse=True)
    for n in nodes_by_label(store, MEASURE):
        title = str(n.props.get("title") or n.name)
        common = _common_run(t, title)
        content = _PLAIN.sub("", common)
        for w in vocab_words:
            content = content.replace(w, "")
        # A long quote counts as it is; a short one must hold two characters that are not plain words.
        if len(common) < 4 or (len(common) < 6 and len(re.sub(r"[^\u4e00-\u9fff]", "", content)) < 2):
            continue
        if len(common) > best_len:
            best, best_len = [n], len(common)
        elif len(common) == best_len:
            best.append(n)
    if best:
        return best
    # A quoted phrase (“新云采消费助农计划”) or a long run of a measure's text names it too.
    quoted = [q for q in re.findall(r"[“\"「『]([^”\"」』]{3,})[”\"」』]", text)]
    if quoted:
        return [n for n in nodes_by_label(store, MEASURE) if any(q in str(n.props.get("text") or "") for q in quoted)]
    # Else the measure whose text shares the most content with the question, in runs of three or more
    # characters (每年培训就业6000人次 against 培训就业（含转移）6000人次), at least eight in all.
    scored = [(_shared(t, str(n.props.get("text") or ""), vocab_words), n) for n in nodes_by_label(store, MEASURE)]
    top = max((x for x, _ in scored), default=0)
    return [n for x, n in scored if x == top] if top >= _MIN_SHARED else []


_MIN_SHARED = 8


def _shared(question: str, body: str, plain_words: list[str]) -> int:
    """Characters of the question found in `body` in runs of ≥ 3, plain and vocabulary words left out."""
    total, i = 0, 0
    while i < len(question):
        j = i + 3
        while j <= len(question) and question[i:j] in body:
            j += 1
        run = question[i:j - 1]
        if len(run) >= 3:
            content = _PLAIN.sub("", run)
            for w in plain_words:
                content = content.replace(w, "")
            # A run counts when it holds Chinese content: years and Latin words alone name no measure.
            total += len(content) if re.search(r"[\u4e00-\u9fff]{2}", content) else 0
            i = j - 1
        else:
            i += 1
    return total


def _common_run(a: str, b: str) -> str:
    """The longest common substring of two short strings."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


__all__ = ["FILTERS", "Slots", "fill"]
