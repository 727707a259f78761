"""Which sentences state a pairing, between which two parties, and how: the prose reader's rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from graph.model import ORGANIZATION, REGION
from loaders.base import Context
from loaders.prose_parties import Parties, Party, find_parties

# How two neighbouring parties are joined (the text between them, in match form).
_LIST = re.compile(r"、")
_AND = re.compile(r"和|及|以及")  # after a 、 list it ends the list (宁波、湖州和嘉兴)
_CONJ = re.compile(r"(?:分别)?(?:[两二三四五六七八九十\d]+个?(?:市|县|区|地|县\(市、区\)|县市区|家|所))?"
                   r"(?:政府|人民政府|县政府|市政府)?(?:与|和|同|跟)")
_DASH = re.compile(r"[—－\-–~～·・•]{1,2}")  # 余杭—柯城, 镇海·龙游
_VERB = re.compile(r"[，,]?(?:[^，,。；、与和同跟()（）:：《》“”\"]{0,6}?)"
                   r"(?P<verb>结对帮扶|结对支援|对口支援|对口帮扶|对口协作|对口合作|"
                   r"帮扶|支援|援建|援助|支持|结对|牵手|携手)(?:了|的|起)?")
_POSS = re.compile(r"的(?:山海协作)?(?:结对|协作|帮扶|对口)(?:帮扶|支援)?(?:地区|县|县\(市、区\)|县市区|市|区|单位|"
                   r"对象|伙伴|城市|方)?(?:是|为|:|，|,)?")
_GIVE = re.compile(r"[^，,。；、与和同跟]{0,4}?(?:向|为|给|投入|拨付|下达|捐赠|捐助)给?")
_GIVE_VERB = re.compile(r"投入|拨付|下达|捐赠|捐助|提供")
_MONEY = re.compile(r"资金|援建|捐赠|捐助|\d+(?:\.\d+)?(?:万|亿)元")
_IS = re.compile(r"是|为|系")  # 鄞州区是衢江区的结对县
_PAIR_LIST_AFTER = re.compile(r"^(?:两地|两县|两区|两市|双方)?的?(?:山海协作|结对|协作|合作)")
_SYMMETRIC = {"结对", "牵手", "携手"}  # verbs whose subject may be either side
# Too common for regions and departments ("省经信厅…支持丽水…" is policy): read for institutions only.
_ORG_ONLY_VERBS = {"支持", "援助"}
INSTITUTION_KINDS = {"hospital", "university", "school", "research", "central_soe", "soe", "enterprise", "bank"}

# What follows the second party.
_CUE = re.compile(r"结对|协作|合作|共建|牵手|携手|帮扶|支援|援建|对口|飞地")
_GEO_AFTER = re.compile(r"^(?:[一-龥]{0,2})(?:铁路|高铁|高速|公路|国道|省道|线|航线|轨道|城际|通道|大道|隧道|大桥|管道|"
                        r"客运|专线|动车|快速路|一带|沿线|之间|交界|方向)")
_PARK_AFTER = re.compile(r"^(?:两地)?(?:山海协作)?[^，。；]{0,6}?(?P<what>飞地|产业园|园区|产业平台|结对|协作|合作)")
_FUND_VERB = re.compile(r"(?:提供|拨付|下达|安排|投入|捐赠|捐助|落实|援助)[^，。；]{0,20}?(?:资金|援建|帮扶|捐赠|捐助)")
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")

# What makes a statement no fact: negation, intention, a question or condition.
NEG = re.compile(r"尚未|暂未|并未|还未|未能|没有|未曾|不再|解除|终止|取消|并非|不是|未(?=与|同|和|结对|签|开展|建立)")
INTENT = re.compile(r"拟|计划|将要|将会|将于|即将|准备|打算|有望|意向|争取|力争|谋划|筹划|有意|希望|探讨|洽谈|商谈|"
                     r"磋商|探索|是否|能否|可否|如果|若|(?<![主重需])要(?=与|和|同|结对|签|开展|建立|共建|携手|牵手)|"
                     r"将(?!近|军|领|士)")  # 将 as "will" (将向…提供, 将与…结对); 将近 is "nearly"

_AMOUNT = r"(\d+(?:\.\d+)?)(万|亿)元"
_FUND_AMOUNT = [re.compile(r"(?:援建|帮扶|援助|协作)资金" + r"[^，。；\d]{0,6}" + _AMOUNT),
                re.compile(_AMOUNT + r"[^，。；]{0,8}(?:援建|帮扶|援助|协作)资金"),
                re.compile(r"(?:提供|拨付|下达|捐赠|捐助|援助)[^，。；\d]{0,6}" + _AMOUNT)]
_YEARLY = re.compile(r"(?:每年|年均|一年)[^，。；\d]{0,6}" + _AMOUNT)
# A town or village is read only right after its county (瓯海郭溪街道, 淳安县下姜村): names alone are not delimited.
_TOWN_AFTER = re.compile(r"^(?P<towns>[一-龥]{2}(?:镇|乡|街道))")
_TOWN_VILLAGE = re.compile(r"([一-龥]{2}(?:镇|乡|街道))([一-龥]{2}村)(?![民委级集庄落])")
_VILLAGE_AFTER = re.compile(r"^(?:[一-龥]{2}(?:镇|乡|街道))?(?P<villages>[一-龥]{2}村)(?![民委级集庄落])")
_INSTITUTION_AFTER = re.compile(r"^(?:县|市|区)?[^，。；、与和同跟及开展合作共建结对帮扶支援签订在向为给的\d]{0,6}?"
                                r"(人民医院|中医院|中医医院|妇幼保健院|医院|卫生院|"
                                r"高级中学|中学|小学|学校|学院|研究院)")
_GOVERNMENT_AFTER = re.compile(r"^(?:县|市|区)?(?:人民)?政府")

PROGRAMME_CUES = [("east_west", re.compile(r"东西部(?:扶贫)?协作|东西协作")),
                  ("counterpart_support", re.compile(r"对口支援")),
                  ("counterpart_cooperation", re.compile(r"对口合作"))]


@dataclass
class Link:
    """One support statement: supporter → recipient region, how, and what the sentence adds."""

    supporter: Party
    recipient: Party
    mechanism: str
    props: dict[str, Any] = field(default_factory=dict)
    supporter_institution: str | None = None  # 杭州市第一人民医院: an institution of the supporter region


@dataclass
class Reading:
    links: list[Link] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why a sentence with two parties and a cue gave none
    parties: Parties = field(default_factory=Parties)


def read_sentence(ctx: Context, text: str, stops: dict[str, list[str]], *, orgs_only: bool = False) -> Reading:
    """Links one sentence states. `orgs_only`: only links with an organisation on one side (for loaders
    that read the region pairings of the same text by their own rules)."""
    out = Reading(parties=find_parties(ctx, text, stops))
    ps = out.parties.items
    if len(ps) < 2 or not (_CUE.search(text) or _FUND_VERB.search(text) or "支持" in text
                           or (_GIVE_VERB.search(text) and _MONEY.search(text))):
        return out
    kinds = [_gap_kind(text[_end(text, a):b.start], a, b) for a, b in pairwise(ps)]
    for k in range(1, len(kinds)):
        if kinds[k - 1] == "list" and _AND.fullmatch(text[_end(text, ps[k]):ps[k + 1].start]):
            kinds[k] = "list"
    for k in range(len(kinds)):  # 常山、慈溪两地山海协作: a list of exactly two, then the pairing word
        lone = (k == 0 or kinds[k - 1] != "list") and (k + 1 == len(kinds) or kinds[k + 1] != "list")
        if kinds[k] == "list" and lone and _PAIR_LIST_AFTER.match(text[_end(text, ps[k + 1]):]):
            kinds[k] = "pairlist"
    for k, kind in enumerate(kinds):
        if kind in ("list", "other"):
            continue
        left, right = _side(ps, kinds, k, -1), _side(ps, kinds, k, +1)
        window_end = clause_end(text, ps[right[-1]].end)
        tail = text[ps[right[-1]].end:window_end]
        if kind == "conj" and not _conj_cue(text, ps, kinds, right[-1], window_end,
                                            {ps[i].id for i in left + right}):
            continue
        if kind == "dash" and (_GEO_AFTER.search(tail) or not _PARK_AFTER.search(tail)):
            out.skipped.append("a dash between two places that names a road, line or nothing paired")
            continue
        gap = text[_end(text, ps[k]):ps[k + 1].start]
        if kind == "give" and not (_FUND_VERB.search(tail) or (_GIVE_VERB.search(gap + tail) and _MONEY.search(tail))):
            continue
        if kind == "is" and not _POSS.match(tail):
            continue
        clause = text[clause_start(text, ps[left[0]].start):window_end]
        if NEG.search(clause) or INTENT.search(clause):
            out.skipped.append("negated or intended, not a fact")
            continue
        if len(left) > 1 and len(right) > 1:
            if "分别" in text[_end(text, ps[k]):ps[k + 1].start] and len(left) == len(right):
                pairs = list(zip(left, right, strict=True))
            else:
                out.skipped.append("a group statement: several parties on each side, no pair named")
                continue
        elif re.match(r"^(?:[三四五六七八九十]|\d)[十\d]*个?(?:县|区|乡镇|地)", tail):  # 两地 is the pair itself
            out.skipped.append("a group statement: the recipient stands for several counties")
            continue
        else:
            pairs = [(a, b) for a in left for b in right]
        verb = _VERB.fullmatch(text[_end(text, ps[k]):ps[k + 1].start]) if kind == "verb" else None
        for a, b in pairs:
            link = _direct(ps[a], ps[b], verb.group("verb") if verb else None)
            if link is None or (orgs_only and ORGANIZATION not in (link.supporter.label, link.recipient.label)):
                continue
            _qualify(text, link, "dash" if kind == "pairlist" else kind, clause, tail, ps)
            out.links.append(link)
    return out


def _end(text: str, p: Party) -> int:
    """Where a party's name ends, with the institution or government written after a region
    (泰顺中学、平湖中学: the list joins two schools, not 泰顺 and 中学)."""
    if p.label != REGION:
        return p.end
    m = _INSTITUTION_AFTER.match(text[p.end:]) or _GOVERNMENT_AFTER.match(text[p.end:])
    return p.end + m.end() if m else p.end


def _gap_kind(gap: str, a: Party, b: Party) -> str:
    if _DASH.fullmatch(gap):
        return "dash"
    if _LIST.fullmatch(gap):
        return "list"
    if _CONJ.fullmatch(gap):
        return "conj"
    if _POSS.fullmatch(gap):
        return "poss"
    if _GIVE.fullmatch(gap):
        return "give"
    if _IS.fullmatch(gap):
        return "is"
    m = _VERB.fullmatch(gap)
    if m and (m.group("verb") not in _ORG_ONLY_VERBS or a.kind in INSTITUTION_KINDS):
        if gap.startswith(("，", ",")) and a.label != ORGANIZATION:
            return "other"  # only an organisation's own clause may go on after a comma (温州大学，支持永嘉)
        return "verb"
    return "other"


def _side(ps: list[Party], kinds: list[str], k: int, step: int) -> list[int]:
    """The parties on one side of connection k: a 、 list, unless a list member belongs to another pair."""
    i = k if step < 0 else k + 1
    members = [i]
    while True:
        g = i - 1 if step < 0 else i  # the gap on the far side of party i
        if not 0 <= g < len(kinds) or kinds[g] != "list":
            break
        nxt = i + step
        beyond = nxt - 1 if step < 0 else nxt
        if 0 <= beyond < len(kinds) and kinds[beyond] not in ("list", "other"):
            break  # A与B、C与D: C is the left of another pair, not a second B
        members.append(nxt)
        i = nxt
    return sorted(members)


def _conj_cue(text: str, ps: list[Party], kinds: list[str], last: int, end: int, pair: set[str]) -> bool:
    """A pairing cue later in the clause, with only further pairs of a list (A与B、C与D结对) or the
    same two parties again (…在柯城签订…) before it."""
    m = _CUE.search(text, ps[last].end, end)
    if m is None:
        return False
    i = last + 1
    while i < len(ps) and ps[i].start < m.start():
        if kinds[i - 1] == "other" and ps[i].id not in pair:
            return False
        i += 1
    return True


def clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def clause_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def _direct(a: Party, b: Party, verb: str | None) -> Link | None:
    """Supporter → recipient: a Zhejiang party supports one outside Zhejiang; otherwise the developed
    party supports the mountain county (or its institution). Any other combination is no link."""
    if a.outside or b.outside:
        inside = [p for p in (a, b) if not p.outside]
        outside = [p for p in (a, b) if p.outside]
        if len(inside) != 1 or outside[0].label != REGION:
            return None
        sup, rec = inside[0], outside[0]
    else:
        if {a.side, b.side} != {"supporter", "recipient"}:
            return None
        sup, rec = (a, b) if a.side == "supporter" else (b, a)
    if verb and verb not in _SYMMETRIC and sup is not a:
        return None  # "衢江援建鄞州" reads against the direction the flags give: not understood
    if rec.label == ORGANIZATION and rec.region is None:
        return None
    return Link(sup, rec, "statement")


def _qualify(text: str, link: Link, kind: str, clause: str, tail: str, ps: list[Party]) -> None:
    """Mechanism, amounts, villages, the recipient institution and the programme of one link."""
    sup, rec = link.supporter, link.recipient
    inst = _INSTITUTION_AFTER.match(text[rec.end:]) if rec.label == REGION else None
    # An institution of the recipient county later in the clause (支持永嘉建立温大…研究院) is the partner.
    local = [p for p in ps if p.label == ORGANIZATION and p.region == rec.id and p.start >= rec.end
             and p.end <= rec.end + len(tail)]
    if rec.label == ORGANIZATION:
        link.props["partner"] = rec.name
    elif inst and not _GOVERNMENT_AFTER.match(text[rec.end:]):
        link.props["partner"] = text[rec.start:rec.end + inst.end()]
    elif sup.label == ORGANIZATION and local:
        link.props["partner"] = local[0].name
        link.props["partner_id"] = local[0].id
    words = text[link.supporter.start:] if kind == "dash" else clause
    fund = next((m for r in _FUND_AMOUNT if (m := r.search(clause))), None)
    if "飞地" in (tail if kind == "dash" else words):
        link.mechanism = "enclave"
    elif (kind == "dash" and re.search(r"产业园|园区|产业平台", tail)) \
            or re.search(r"共建[^，。；]{0,10}(?:产业园|园区)", words):
        link.mechanism = "park_cobuild"
    elif kind == "give" or re.search(r"(?:援建|帮扶|援助|协作)资金", clause):
        link.mechanism = "aid_fund"
    elif sup.label == ORGANIZATION or rec.label == ORGANIZATION or "partner" in link.props:
        link.mechanism = ("institution_pairing" if "partner" in link.props
                          else "agreement" if "协议" in clause else "statement")
    elif "结对" in clause and sup.level == rec.level == "city":
        link.mechanism = "city_pairing"
    elif "结对" in clause and sup.level == "county" and rec.level == "county":
        link.mechanism = "county_pairing"
    if fund:
        link.props["amount_wan"] = _wan(fund.group(1), fund.group(2))
    yearly = _YEARLY.search(text)
    if yearly and link.supporter.label == ORGANIZATION:
        link.props["amount_wan_per_year"] = _wan(yearly.group(1), yearly.group(2))
    for key, rx in (("towns", _TOWN_AFTER), ("villages", _VILLAGE_AFTER)):
        found = [m.group(key) for p in (sup, rec) if (m := rx.match(text[p.end:]))]
        if key == "villages":  # 支持沟溪乡余东村: a village written after its township, later in the sentence
            found += [m.group(2) for m in _TOWN_VILLAGE.finditer(text, min(sup.start, rec.start))]
        if found:
            link.props[key] = list(dict.fromkeys(found))
    if sup.label == REGION and (inst := _INSTITUTION_AFTER.match(text[sup.end:])) \
            and not _GOVERNMENT_AFTER.match(text[sup.end:]):
        link.supporter_institution = text[sup.start:sup.end + inst.end()]
    link.props["level"] = "organization" if sup.label == ORGANIZATION else sup.level
    link.props["programme"] = programme(text, link)  # None: the loader takes the document's wording


def programme(text: str, link: Link) -> str | None:
    """山海协作 between two Zhejiang parties; with a party outside Zhejiang, the programme the sentence
    names (None when it names none: the caller falls back on the document's wording)."""
    if not (link.supporter.outside or link.recipient.outside):
        return "shanhai"
    return next((name for name, cue in PROGRAMME_CUES if cue.search(text)), None)


def document_programme(text: str) -> str:
    """The first cross-province programme a document names; "other_province" when it names none."""
    hits = [(m.start(), name) for name, cue in PROGRAMME_CUES if (m := cue.search(text))]
    return min(hits)[1] if hits else "other_province"


def _wan(number: str, unit: str) -> float | int:
    value = float(number) * (10000 if unit == "亿" else 1)
    return int(value) if value.is_integer() else value


__all__ = ["Link", "Reading", "document_programme", "programme", "read_sentence"]
