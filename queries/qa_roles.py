"""Who supports whom in a question: the party before a support verb, after "by"/被/由, or by its role in the graph."""

from __future__ import annotations

import re

from graph.model import SUPPORTS, Node
from graph.store import GraphStore
from queries.common import PAIRING_MECHANISMS
from queries.lookup import Hit

# Directed verbs: the party written before them supports (瓯海区挂钩帮扶永嘉, 慈溪市对口支援哪个县), unless
# the verb starts a noun (永嘉的帮扶单位, 支援方, 帮扶对象).
_ADVERBS = (r"(?:了|在|还|都|主要|重点|也|分别|正在|将|要|会|一直|共同|一起|具体|目前|现在|"
            r"对口|结对|挂钩|携手|牵手|与|和)*")
ZH_VERBS = r"帮扶|支援|支持|援助|援建|帮助|助力|扶持|对口|挂钩|结对|牵手|携手"
# 结对/牵手/携手 (and English pair/partner/twin) go both ways: "青田县结对的经济强县", "泰顺结对了哪个区",
# "Which district does Taishun pair with?" name 泰顺's partners, so a symmetric verb alone leaves the roles
# to the graph; only a directed verb after it (结对帮扶) makes the party before it the supporter.
_ZH_ACTIVE = re.compile(r"^" + _ADVERBS + r"(?:帮扶|支援|支持|援助|援建|帮助|助力|扶持|共建)"
                        r"(?!单位|方|力量|机构|对象|资金|情况|地|市|县|区|力度|关系|城市|部门|增收|领域|工作|举措|措施|项目|任务|政策)")
_EN_ACTIVE = re.compile(r"^\s*(?:(?:also|still|mainly|really|actively|does|do|did|will|has|have|had|currently|"
                        r"now|jointly|both)\s+){0,2}(?:support|supports|help|helps|assist|assists|"
                        # "Jingning's supporting counties": -ing before a noun of parties qualifies it.
                        r"(?:supporting|helping)(?!\s+(?:count(?:y|ies)|districts?|cit(?:y|ies)|places?|units?|"
                        r"partners?|organi[sz]ations?|parties|regions?|departments?)\b)|"
                        r"aid|aids|back|backs|work|works|cooperate|"
                        r"cooperates|build|builds|built)\b(?!\s+by)", re.I)
_PASSIVE_BEFORE = re.compile(r"(?:supported|helped|assisted|aided|backed|paired|partnered|built)\s+(?:up\s+)?by\s+"
                             r"(?:both\s+|either\s+|the\s+)?$"
                             r"|(?:被|由|受|得到|获得)\s*$", re.I)
# "瓯海区是永嘉县的结对帮扶方吗", "Is Ouhai a partner of Yongjia": the party before 是 / a is the supporter.
_IS_SUPPORTER = re.compile(r"^\s*(?:是|为|算)[^?？。]{0,20}?(?:帮扶|支援|结对|对口)[^?？。]{0,4}?"
                           r"(?:方|单位|力量|地|市|县|区)|^\s*(?:is|was)\s+(?:a|an|the|one of the)\s+(?:\w+\s+)?"
                           r"(?:supporters?|partners?|helpers?)\b", re.I)
_WITH_BEFORE = re.compile(r"(?:和|与|跟|同)\s*$")
# 既有X又有Y帮扶: 又(有/被/由) joins Y to X like 和.
_CONJ = re.compile(r"^\s*(?:district|county|city)?\s*(?:和|与|、|及|以及|跟|同|又有|又被|又由|又|,|and|&)\s*"
                   r"(?:the\s+)?$", re.I)


def active_parties(store: GraphStore, text: str, hits: list[Hit]) -> list[Node]:
    """The parties the question writes as supporters (a conjunction before an active party joins it)."""
    active: list[bool] = []
    for i, h in enumerate(hits):
        rest = text[h.end:]
        before = text[:h.start]
        # "和永嘉结对帮扶的学校", "跟瓯海区结对的": a party after 和/与/跟 with no party before it is the one
        # partnered with, not the subject of the verb (a party before it makes 和 a conjunction).
        partnered = not any(x.end <= h.start for x in hits[:i]) and _WITH_BEFORE.search(before) is not None
        verb = _ZH_ACTIVE.match(rest.lstrip())
        if verb and len(hits) == 1 and not rest.lstrip()[verb.end():].strip(" ？?。!！,，"):
            verb = None  # "晋云县结对帮扶": the verb with nothing after it is a topic; the graph's roles decide
        active.append(not partnered and bool(verb or _EN_ACTIVE.match(rest)
                                             or _PASSIVE_BEFORE.search(before) or _IS_SUPPORTER.match(rest)))
    for i in range(len(hits) - 2, -1, -1):  # "奉化区和瑞安市共同帮扶": 奉化区 joins 瑞安市
        if not active[i] and active[i + 1] and _CONJ.match(text[hits[i].end:hits[i + 1].start]):
            active[i] = True
    for i in range(len(hits) - 1):  # "supported by both Dongyang and Putuo": Putuo joins Dongyang
        if active[i] and not active[i + 1] and _CONJ.match(text[hits[i].end:hits[i + 1].start]):
            active[i + 1] = True
    # …unless the question asks for the supporters (嘉兴市作为受援地，由哪些城市结对帮扶): then the one named is
    # the supported side, whatever its role in the graph.
    if not any(active) and re.search(r"结对|牵手|携手|\bpair|\bpartner|\btwin", text, re.I) and \
            not re.search(r"[由被受](谁|哪)|作为受援|作为帮扶对象|\bwho (supports|helps|pairs with)\b", text, re.I):
        # A symmetric verb names no side: the graph's roles do (余杭区和临平区共同结对的山区县 — two supporters).
        active = [is_supporter(store, h.node) and not is_recipient(store, h.node) for h in hits]
    return [h.node for h, a in zip(hits, active, strict=True) if a]


def is_recipient(store: GraphStore, node: Node) -> bool:
    """A party some formal pairing supports (a mountain county or a city paired with)."""
    if node.props.get("mountain"):
        return True
    rels = store.relations_of([node.id], "in", [SUPPORTS])
    return any(r.props.get("mechanism") in PAIRING_MECHANISMS for r in rels)


def is_supporter(store: GraphStore, node: Node) -> bool:
    return bool(store.relations_of([node.id], "out", [SUPPORTS]))


__all__ = ["ZH_VERBS", "active_parties", "is_recipient", "is_supporter"]
