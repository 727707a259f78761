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
from queries.derived import derived
from queries.lookup import Hit, lookup_for
from queries.qa_names import OTHER_PROVINCES, fuzzy_hits
from queries.qa_normalize import normalize_question
from queries.qa_pinyin import from_pinyin
from queries.qa_roles import active_parties
from queries.qa_scope import Scope, scopes_in
from queries.qa_terms import Found, Term, find, industry_terms, rounds_meta, vocab
from queries.qa_topic import blank, common_run, topic

# Filters a question can put on its answers; an intent that cannot apply one that was found refuses.
FILTERS = ("domain", "kind", "mechanism", "status", "category", "industry", "rounds", "project_kind")
# 加快发展县 and (相对)欠发达县 are the earlier names of the same counties (the magazine: 从“相对欠发达县”到
# “加快发展县”; the Wenzhou 2018 opinions: 五个加快发展县). "mountain-sea cooperation" names the programme.
MOUNTAIN = (r"加快发展县|欠发达县|山区海岛县|山区县|山区\s*26\s*县|山区二十六县|二十六县|26\s*个?县|山区|"
            r"mountain(?![\s\-–—]*(?:and\s+|&\s*)?seas?\b)")


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
    scopes: list[Scope] = field(default_factory=list)  # cities named as the place of parties (温州哪两个区)

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
                "active": [n.id for n in self.active],
                "scopes": [{"city": x.city.name, "word": x.word, "asked": x.asked, "count": x.count}
                           for x in self.scopes]}


def _scan(store: GraphStore, text: str) -> list[Hit]:
    hits: list[Hit] = []
    # Listed, derived and pinyin forms only: near names (typos) are queries.qa_names' to offer as
    # "did you mean", with the message saying which name was read.
    for h in lookup_for(store).scan(text, (REGION, ORGANIZATION), fuzzy=False):
        if all(h.node.id != x.node.id for x in hits):
            hits.append(h)
    return hits


# A county's or city's own unit written without its place (县教育局, 市发改委), as plans write them.
_RELATIVE_UNIT = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=的))([县市区])"
                            r"([\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办|中心|部))")


def _relative_units(store: GraphStore, text: str, hits: list[Hit]) -> list[Hit]:
    """县教育局 in a question about exactly one county (or 市… about one city): that place's own unit,
    when the graph has it under the place's name (永嘉县教育局); none otherwise."""
    places = {h.node.id: h.node for h in hits if h.node.label == REGION}
    out: list[Hit] = []
    for m in _RELATIVE_UNIT.finditer(text):
        if any(h.start <= m.start() < h.end for h in hits):
            continue
        level = {"县": "county", "区": "county", "市": None}[m.group(1)]
        owners = [n for n in places.values() if (level is None or n.props.get("level") == level)
                  and n.name.endswith(m.group(1))]
        if len(owners) != 1:
            continue
        found = lookup_for(store).candidates(owners[0].name + m.group(2), (ORGANIZATION,))
        exact = [n for n in found if n.name == owners[0].name + m.group(2)]
        if len(exact) == 1:
            out.append(Hit(m.start(), m.end(), m.group(0), exact[0]))
    return out


def fill(store: GraphStore, question: str, cue_patterns: tuple[str, ...] = ()) -> Slots:
    """Every slot of a question; cue_patterns (the intents' cues) also give the words pinyin is read as."""
    text = re.sub(r"(?<=[A-Za-z])['’]s\b", "", normalize_question(question))
    lk = lookup_for(store)
    hits = _scan(store, text)
    if re.search(r"[A-Za-z]{2,}", text):  # "Yongjia xian you shei bangfu": the pinyin words as Chinese
        text = from_pinyin(store, text, [(h.start, h.end) for h in hits], cue_patterns)
        hits = _scan(store, text)
    hits += _relative_units(store, text, hits)
    fuzzy, suggestions = fuzzy_hits(store, text, hits)
    hits = sorted(hits + fuzzy, key=lambda h: h.start)
    s = Slots(question, text, [], suggestions=suggestions)
    s.group = any(h.node.props.get("level") == "group" for h in hits) or re.search(MOUNTAIN, text, re.I) is not None
    # A city or the province named beside a county in it only places that county (温州…泰顺县).
    counties_cities = {str(h.node.props.get("city")) for h in hits if h.node.props.get("level") == "county"}
    # …unless it names the place of the parties asked about (永嘉那边是温州哪两个区在帮): then it is a party.
    s.scopes = scopes_in(text, hits)
    scoped = {x.city.id for x in s.scopes}
    for h in hits:
        level = h.node.props.get("level") if h.node.label == REGION else None
        # The home province is context (浙江省…); a province outside it (新疆, 四川) is a party the answer must honour.
        home = level == "province" and not h.node.props.get("outside_province")
        if level == "group" or home or (level == "city" and h.node.name in counties_cities
                                          and h.node.id not in scoped):
            s.context.append(h.node)
        else:
            s.hits.append(h)
    masked = blank(text, [(h.start, h.end) for h in hits])
    s.plain = masked
    named = [(n, name) for n, name in _project_names(store) if name in text]
    # A project named by its code (项目代码23073303240401802091): the code is as good as the name.
    named += [(n, str(n.props["code"])) for n in nodes_by_label(store, PROJECT)
              if n.props.get("code") and len(str(n.props["code"])) >= 8 and str(n.props["code"]) in text]
    s.projects = [n for n, _ in named]
    masked = blank(masked, [(m.start(), m.end()) for _, name in named for m in re.finditer(re.escape(name), masked)])
    # A quoted measure title (“汽车空调共性技术攻关”) names the measure: its words are no industry or field.
    titles = derived(store, "qa_slots.measure_titles", lambda _: frozenset(
        normalize_question(str(n.props.get("title") or n.name)) for n in nodes_by_label(store, MEASURE)))
    masked = blank(masked, [m.span() for m in re.finditer(r"[“\"「『]([^”\"」』]{3,})[”\"」』]", masked)
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
        masked = blank(masked, [(f.start, f.end) for f in found])
    domains = find(v["domains"], masked)
    if domains:
        s.domain = lk.by_id.get(_longest(domains).term.id)
        s.domain_words = [(f.term.id, s.text[f.start:f.end]) for f in sorted(domains, key=lambda f: f.start - f.end)]
    s.years, s.rounds = _rounds(store, masked)
    s.topic = topic(store, text, s.hits)
    s.active = active_parties(store, text, s.hits)
    s.masked = masked
    s.unknown = _unknown_subject(s)
    code = _CODE.search(text)
    if s.unknown is None and code and not any(str(n.props.get("code")) == code.group(0) for n in s.projects):
        s.unknown = code.group(0)  # a code the graph has no project for: never every project instead
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


# Words that say how or when support is given (对口帮扶, 积极参与, 长期结对): no subject's name.
_MANNER = re.compile(r"(?:对口|结对|携手|牵手|共同|一起|积极|主要|重点|全力|深入|持续|进一步|一直|长期|正在|已经|曾经|"
                     r"协同|联合|合作|定点|精准|山海|协作|帮扶|支援|全面|大力|切实)+")


_OUTSIDE_PLACE = re.compile("(?:" + "|".join(sorted(OTHER_PROVINCES)) + r")[\u4e00-\u9fff]{0,2}?(?:省|市|自治区)"
                            r"(?:[\u4e00-\u9fff]{1,5}?(?:新区|区|县|市|州|旗))?")


_CODE = re.compile(r"(?<!\d)\d{10,}(?!\d)")


def _unknown_subject(s: Slots) -> str | None:
    """A name-like subject no party explains (浙工商大参与了…, China General Nuclear): an unknown name."""
    known = _vocab_words()
    for run in re.finditer(r"(?<=[a-z,]\s)((?:[A-Z][a-z]+\s+){1,4}[A-Z][a-z]+)\b", s.masked):
        words = [w for w in run.group(1).split() if w not in _EN_NOT_NAMES and w.lower() not in known]
        if len(words) >= 2 and not s.topic:
            return run.group(1)
    m = _SUBJECT.match(s.masked)
    if m and not s.topic and not re.search(r"哪|谁|什么|几|多少|有|是|在|由|被|和|与|的|山区|县|区|市", m.group(1)) \
            and not _MANNER.fullmatch(m.group(1)):
        return m.group(1)
    # A place of another province the graph does not hold (上海市浦东新区帮扶永嘉县的项目): answering without it
    # would answer another question (every project of 永嘉) as if the premise held.
    outside = _OUTSIDE_PLACE.search(blank(s.text, [(h.start, h.end) for h in s.hits]))
    if outside:
        return outside.group(0)
    if s.topic or s.projects:
        return None
    # Anywhere in the question: a proper name of an organisation (its head, then 集团/大学/医院 …) that no
    # party explains. Answering without it would answer a different question (every measure of 永嘉).
    # On the text with only the parties blanked: kind words (大学, 医院) are blanked from `masked`.
    org_name, own_institution = _org_patterns(endings_group("question_endings"))
    for org in org_name.finditer(blank(s.text, [(h.start, h.end) for h in s.hits])):
        if not _GENERIC_HEAD.search(org.group(1)):
            return org.group(0)
    for town in _TOWN_NAME.finditer(blank(s.text, [(h.start, h.end) for h in s.hits])):
        if not _GENERIC_HEAD.search(town.group(1)) and not _GENERIC_TOWN.search(town.group(1)):
            return town.group(0)  # a town or subdistrict: the graph holds none as a place
    for h in s.hits:
        own = own_institution.match(s.text, h.end)
        if h.node.label == REGION and own and not _GENERIC_HEAD.search(own.group(0)):
            return h.surface + own.group(0)
    return None


@lru_cache(maxsize=1)
def _vocab_words() -> frozenset[str]:
    """Every word of the closed vocabularies, lower case (they are read once per process)."""
    return frozenset(x.lower() for terms in vocab().values() for t in terms for w in t.words for x in w.split())


def _project_names(store: GraphStore) -> tuple[tuple[Node, str], ...]:
    """Each project with its name as questions are normalised, once per snapshot."""
    return derived(store, "qa_slots.project_names",
                   lambda _: tuple((n, normalize_question(n.name)) for n in nodes_by_label(store, PROJECT)))


_ATTR = {"categories": "category", "statuses": "status", "mechanisms": "mechanism", "project_kinds": "project_kind",
         "kinds": "kind"}


def _longest(found: list[Found]) -> Found:
    return max(found, key=lambda f: (f.end - f.start, -f.start))


def _industry(store: GraphStore, masked: str) -> tuple[str | None, str]:
    """An 一县一业 industry the question names (the longest that occurs, or one of its words in
    qa_terms.yaml `industries`, English included), blanked out of the text."""
    values = derived(store, "qa_slots.industries", lambda _: tuple(sorted(
        {str(n.props["industry"]) for n in nodes_by_label(store, REGION) if n.props.get("industry")},
        key=len, reverse=True)))
    for v in values:
        i = masked.find(v)
        if i >= 0:
            return v, blank(masked, [(i, i + len(v))])
    found = [f for f in find(industry_terms(), masked) if f.term.id in values]
    if found:
        f = max(found, key=lambda x: x.end - x.start)
        return f.term.id, blank(masked, [(f.start, f.end)])
    # Part of an industry's name, in a question about 一县一业 (一县一业和汽车有关: 汽车空调, 汽车零部件): the
    # longest run of two or more characters some industries hold; the answer keeps the industries holding it.
    cue = _INDUSTRY_CUE.search(masked)
    if cue:
        rest = blank(masked, [cue.span()])
        part = max((run for v in values if len(run := common_run(rest, v)) >= 2
                    and re.fullmatch(r"[\u4e00-\u9fff]+", run)), key=len, default=None)
        if part:
            i = rest.find(part)
            return part, blank(masked, [(i, i + len(part))])
    return None, masked


_INDUSTRY_CUE = re.compile(r"一县一业|主导产业|特色产业|支柱产业|首位产业")


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


__all__ = ["FILTERS", "Slots", "fill"]
