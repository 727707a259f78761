"""Reading a question: entities from the lookup, the field, the kind of partner, the round, the intent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.model import DOMAIN, ORGANIZATION, REGION, SUPPORTS, Node, normalize
from graph.store import GraphStore
from queries.common import (
    PAIRING_MECHANISMS,
    brief,
    known_rounds,
    nodes_by_label,
)
from queries.lookup import Hit, lookup_for

# Cues are about the *form* of a question (its verbs, question words and nouns), never about places:
# the places come from the lookup (longest match: 海宁市高级中学 before 海宁市).
PATH_CUES = (r"connect|connected|connection|related|relationship|relation|\blinks?\b|\blinked\b|\bpath\b|"
             r"关系|联系|关联|连接|相连|怎么连")
GAP_CUES = r"\bno\b|\bwithout\b|\black|\bmissing\b|\bgaps?\b|没有|缺少|缺乏|尚无|空白|没"
CHANGE_CUES = r"chang|differ|\bnew\b|\badded\b|\bdropped\b|变化|调整|变动|区别|不同|新增|取消"
MOUNTAIN_WORDS = r"mountain|山区|26县|二十六县"
CATEGORY_CUES = (r"哪一类|哪类|什么类|哪种类型|类别|类型|分类|发展类|\bcategory\b|\bcategories\b|\bclass\b|"
                 r"\bclassified\b|\bwhat type\b|\bwhich type\b")
INDUSTRY_CUES = (r"一县一业|主导产业|特色产业|支柱产业|\b(leading|signature|flagship|main|key|pillar) industr|"
                 r"\bindustry\b|\bindustries\b")
PROJECT_CUES = r"项目|产业园|飞地|\bprojects?\b|\bparks?\b|\benclaves?\b"
MEASURE_CUES = r"举措|措施|任务|\bmeasures?\b|\btasks?\b|\bactions?\b|\bpolicies\b|\bpolicy\b"
PAIR_CUES = (r"支援地|支援市|支援县|支援方|结对县|结对市|结对地|结对方|结对关系|结对|对口|"
             r"\bpair(ed|ing|s)?\b|\bpartner(s|ed)?\b|\btwinned\b|\bmatched\b")
SUPPORT_ZH = r"帮扶|支援|支持|援助|援建|帮助|协作|助力|结对"
SUPPORT_EN = r"\b(support(s|ed|ing)?|help(s|ed|ing)?|assist(s|ed|ing)?|aid(s|ed)?|back(s|ed)?)\b"
WHO = r"谁|哪些|哪个|哪家|哪所|哪几|\bwho\b|\bwhom\b|\bwhich\b|\bwhat\b"
# Chinese: the entity right before a support verb is the supporter ("瓯海区帮扶哪些县"), unless the verb
# starts a noun (永嘉的帮扶单位). English: before an active verb ("Ouhai supports …", "does Ouhai help").
_ZH_ACTIVE = re.compile(r"^(?:了|在|还|都|主要|重点|也|分别|正在|将|要|会|一直|与|和|对口|结对)*"
                        r"(?:帮扶|支援|支持|援助|援建|帮助|助力)(?!单位|方|力量|机构|对象|资金|情况|地|市|县|力度)")
_EN_ACTIVE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:support|supports|help|helps|assist|assists|aid|aids|back|backs)\b"
                        r"(?!\s+by)", re.I)
_PASSIVE = re.compile(r"(supported|helped|assisted|aided|backed)\s+by|被|受到|得到|接受", re.I)
_REVERSE_NOUNS = re.compile(r"帮扶对象|受援地|受援县|帮扶的|支援的|结对的县|\bbeneficiar|"
                            r"\bsupported (regions|counties)", re.I)
KIND_WORDS: dict[str, str] = {
    "soe": r"省属国企|国有企业|国企|央企|\bsoes?\b|state[- ]owned",
    "hospital": r"医院|\bhospitals?\b",
    "school": r"学校|中学|小学|\bschools?\b",
    "university": r"高校|大学|\buniversit(y|ies)\b|\bcolleges?\b",
    "bank": r"银行|\bbanks?\b",
    "research": r"科研院所|研究院|实验室|\bresearch\b|\blabs?\b|\blaborator(y|ies)\b",
    "association": r"协会|社会组织|\bassociations?\b",
}
KIND_MATCHES = {"soe": ("soe", "central_soe")}

# Everyday words for fields that the taxonomy labels do not contain (question wording only).
DOMAIN_EXTRA: dict[str, list[str]] = {
    "healthcare": ["医疗", "卫生", "医卫", "看病", "健康", "医药"],
    "education": ["教育", "学校", "教学", "教师"],
    "agriculture": ["农业", "农村"],
    "tourism_culture": ["旅游", "文旅", "文化"],
    "industry": ["产业", "工业"],
    "technology": ["科技", "科创"],
    "employment": ["就业", "技能"],
}


@dataclass
class Parsed:
    question: str
    text: str  # normalised, possessives dropped
    hits: list[Hit]
    domain: Node | None
    kind: str | None
    round: str | None
    intent: str = "unknown"
    subject: Node | None = None
    other: Node | None = None  # the second entity (path, or the supporter asked about)
    pairing_words: bool = False  # the question says pair / 结对 rather than support / help
    rounds: list[str] = field(default_factory=list)  # every round a year of the question points to
    notes: list[str] = field(default_factory=list)

    def interpretation(self) -> dict[str, Any]:
        return {
            "intent": self.intent,
            "entities": [brief(h.node) | {"surface": h.surface} for h in self.hits],
            "domain": brief(self.domain) if self.domain else None,
            "kind": self.kind,
            "round": self.round,
            "subject": self.subject.id if self.subject else None,
        }


def has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.I) is not None


def detect_domain(store: GraphStore, text: str) -> Node | None:
    """The field a question asks about: the longest Chinese label/keyword or English word found."""
    t = normalize(text).lower()
    best: tuple[int, str, Node] | None = None
    for n in sorted(nodes_by_label(store, DOMAIN), key=lambda x: x.id):
        words = [n.props.get("zh", ""), n.name, n.props.get("en_label", ""), *n.props.get("en_words", []),
                 *n.props.get("section_words", []), *DOMAIN_EXTRA.get(str(n.props.get("key", "")), [])]
        for w in words:
            w = (w or "").lower()
            if not w:
                continue
            pattern = re.escape(w) if re.search(r"[\u4e00-\u9fff]", w) else r"\b" + re.escape(w) + r"\b"
            if re.search(pattern, t) and (best is None or len(w) > best[0]):
                best = (len(w), w, n)
    return best[2] if best else None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    out = list(text)
    for s, e in spans:
        out[s:e] = " " * (e - s)
    return "".join(out)


def parse(store: GraphStore, question: str) -> Parsed:
    lk = lookup_for(store)
    text = re.sub(r"(?<=[A-Za-z])['’]s\b", "", normalize(question))
    hits: list[Hit] = []
    for h in lk.scan(text, (REGION, ORGANIZATION)):
        if all(h.node.id != x.node.id for x in hits):
            hits.append(h)
    masked = _mask(text, [(h.start, h.end) for h in hits])
    kind = next((k for k, p in KIND_WORDS.items() if has(p, masked)), None)
    # A kind word (hospitals) is not also a field: "which hospitals help X" asks for hospitals in any field.
    kind_spans = [m.span() for k, p in KIND_WORDS.items() if k == kind for m in re.finditer(p, masked, re.I)]
    domain = detect_domain(store, _mask(masked, kind_spans))
    years = re.findall(r"(?<!\d)(20\d\d)(?!\d)", masked)
    rounds = [r for y in dict.fromkeys(years) for r in known_rounds(store) if r.startswith(y)]
    p = Parsed(question, text, hits, domain, kind, rounds[0] if rounds else None)
    p.rounds = list(dict.fromkeys(rounds))
    p.pairing_words = has(PAIR_CUES, masked)
    classify(store, p, masked)
    return p


def classify(store: GraphStore, p: Parsed, masked: str) -> None:
    """Set p.intent, p.subject and p.other from the cues; the first matching rule wins."""
    regions = [h for h in p.hits if h.node.label == REGION]
    # "A 和 B 什么关系" asks for a path; "永嘉的结对关系" asks for pairings. With one entity and a
    # conjunction, the other party was not recognised: a path intent that answers "not in the graph".
    path_cue = has(PATH_CUES, masked.replace("结对关系", ""))
    if path_cue and (len(p.hits) >= 2 or (p.hits and has(r"\band\b|和|与|跟|同|\bbetween\b", masked))):
        p.intent = "path"
        if len(p.hits) >= 2:
            p.subject, p.other = p.hits[0].node, p.hits[1].node
        return
    if has(CHANGE_CUES, masked) and len(p.rounds) >= 2:
        p.intent = "rounds_diff"
        p.subject = next((h.node for h in p.hits if h.node.label == REGION), None)
        return
    group_only = all(h.node.props.get("level") == "group" for h in p.hits)
    if has(GAP_CUES, masked) and (has(MOUNTAIN_WORDS, p.text) or not p.hits) and group_only:
        p.intent = "coverage_gaps"
        return
    if not p.hits:
        return
    p.subject = p.hits[0].node
    active = _active_supporter(p)
    if has(CATEGORY_CUES, masked) and regions:
        p.intent, p.subject = "category", regions[0].node
    elif regions and (has("一县一业", masked) or (has(INDUSTRY_CUES, masked) and has(WHO + r"|什么", masked)
                                               and not has(SUPPORT_EN, masked) and not has(SUPPORT_ZH, masked))):
        p.intent, p.subject = "industry", regions[0].node
    elif has(PROJECT_CUES, masked) and not has(r"谁|\bwho\b", masked):
        p.intent = "projects"
    elif has(MEASURE_CUES, masked) and not has(r"谁|\bwho\b", masked):
        p.intent = "measures"
    elif p.kind and (has(PAIR_CUES, masked) or has(SUPPORT_ZH, masked) or has(SUPPORT_EN, masked)
                     or has(WHO, masked)):
        p.intent = "kind_partners"
        p.subject = _recipient(p, active)
    elif has(PAIR_CUES, masked) and not p.domain:
        supporter = active if active is not None else (None if _is_recipient(store, p.subject) else p.subject)
        if supporter is not None and len(p.hits) == 1:
            p.intent, p.subject = "paired_with", supporter
        else:
            p.intent, p.subject = "pairing_partners", _recipient(p, active)
    elif (active is not None and len(p.hits) == 1) or _REVERSE_NOUNS.search(masked) or (
            p.subject.label == ORGANIZATION and len(p.hits) == 1 and not has(WHO, masked)):
        p.intent = "supported_by"
        p.subject = active or p.subject
    elif has(SUPPORT_ZH, masked) or has(SUPPORT_EN, masked) or has(WHO, masked) or p.domain:
        p.intent = "supporters_of"
        p.subject = _recipient(p, active)
    else:
        p.intent = "profile" if p.subject.label == REGION else "supported_by"
    if p.intent in ("supporters_of", "kind_partners", "pairing_partners"):
        # "Does 瓯海 support 永嘉?", "What does 平安银行 do for 永嘉?": answer only about that supporter.
        named = [h.node for h in p.hits if h.node.label == ORGANIZATION and h.node is not p.subject]
        p.other = active or (named[0] if named else None)
    if p.other is not None and p.other.id == (p.subject.id if p.subject else None):
        p.other = None


def _active_supporter(p: Parsed) -> Node | None:
    """The entity written as the one who supports (subject of an active support verb), if any."""
    if _PASSIVE.search(p.text):
        return None
    for h in p.hits:
        rest = p.text[h.end:]
        if _ZH_ACTIVE.match(rest.lstrip()) or _EN_ACTIVE.match(rest):
            return h.node
    return None


def _recipient(p: Parsed, active: Node | None) -> Node | None:
    """The region asked about: the first region that is not the active supporter (else any entity)."""
    others = [h.node for h in p.hits if active is None or h.node.id != active.id]
    return next((n for n in others if n.label == REGION), others[0] if others else p.subject)


def _is_recipient(store: GraphStore, node: Node | None) -> bool:
    if node is None:
        return False
    rels = store.relations_of([node.id], "in", [SUPPORTS])
    return any(r.props.get("mechanism") in PAIRING_MECHANISMS for r in rels)


__all__ = ["KIND_MATCHES", "Parsed", "detect_domain", "parse"]
