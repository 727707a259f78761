"""A city named as the place of the parties asked about: 温州哪两个区, 宁波的区, 衢州的县, Wenzhou's districts.

Without this, "永嘉那边是温州哪两个区在帮" reads 温州 as mere context of 永嘉 and answers every supporter of
永嘉县; and "丽水哪些县结对了宁波的区" reads the two cities as the parties and answers their city-level
pairing. A *scope* is the city with the kind of its places or organisations the words name (区 a district,
市 a county-level city, 县/区县/县市区 any county-level place, 医院/企业/… an organisation kind), whether it
is the thing asked for (哪/几/which) and the count the question expects (两/三/two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from graph.model import ORGANIZATION, REGION, Node
from graph.org_kinds import org_kinds
from graph.store import GraphStore
from queries.common import nodes_by_label
from queries.lookup import Hit

# The region words: what each keeps of a city's county-level places (name ending; "" = any).
PLACE_WORDS = {"县(市、区)": "", "县市区": "", "区县": "", "县区": "", "县市": "", "区": "区", "县": "", "市": "市",
               "山区县": ""}  # only when asked for (丽水的哪些山区县); else the programme's group in the city
PLACE_EN = {"district": "区", "districts": "区", "county": "", "counties": "", "places": "",
            "county-level cities": "市", "county-level city": "市"}
_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10}
_NUM = r"[一二两三四五六七八九十]|\d{1,2}"
_PARTICLE = r"(?:的|那边的?|这边的?|下辖的?|所辖的?|市内的?|境内的?|里的?|内的?|本地的?|当地的?)"
_WHO_OF = re.compile(r"^\s*(?:的|这边|那边)?\s*(?:有|都有)?\s*(?:谁|哪些单位|哪家单位|哪个单位)")
_WHO_FROM = re.compile(r"\bwho\s+(?:from|in)\s+$", re.I)
_ALL_KINDS = ("*",)  # every organisation kind
_ASK_ELSEWHERE = re.compile(r"哪|谁|\b(which|what|who|whom)\b", re.I)
_ASK_BEFORE = re.compile(r"哪(?:些|几个|个|一个)?\s*$")
_EN_NUM = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"


@dataclass(frozen=True)
class Scope:
    city: Node
    word: str  # as written: 区, 县市区, 医院, districts …
    ending: str | None  # a place word: the name ending kept ("" any county-level place); None for organisations
    org_kinds: tuple[str, ...]  # an organisation word: the kinds kept
    asked: bool  # 哪/几/which: these are the answer
    count: int | None  # the number the question expects (哪两个区)
    start: int
    end: int
    mountain: bool = False  # 山区县, which mountain counties: only the programme's mountain counties of the city

    def describe(self) -> str:
        return f"{self.word} of {self.city.name}"


@lru_cache(maxsize=1)
def _org_words() -> dict[str, tuple[str, ...]]:
    """Chinese and English words of an organisation kind → the kinds they cover (org_kinds.yaml)."""
    out: dict[str, tuple[str, ...]] = {}
    for k in org_kinds():
        for w in (*k.words, *k.en):
            out.setdefault(w.lower(), (k.id, *k.also))
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    zh_words = sorted([*PLACE_WORDS, *(w for w in _org_words() if re.search(r"[\u4e00-\u9fff]", w))],
                      key=len, reverse=True)
    en_words = sorted([*PLACE_EN, *(w for w in _org_words() if not re.search(r"[\u4e00-\u9fff]", w))],
                      key=len, reverse=True)
    zh_alt = "|".join(re.escape(w) for w in zh_words)
    en_alt = "|".join(re.escape(w) for w in en_words)
    # After the city: 的/那边的 …, then 哪/几/多少 and a count, a classifier, the kind word (not 区级, 县委, 县城 …).
    after = re.compile(rf"^\s*(?:市)?(?P<p>{_PARTICLE})?\s*(?:有|都有|共有|一共有)?\s*"
                       rf"(?P<ask>哪几|哪|几|多少|有哪些|是哪些)?\s*(?P<num>{_NUM})?\s*(?:个|家|所|些|座)?\s*(?P<kind>{zh_alt})(?![级委长城域政内里])"
                       rf"(?P<ask_after>\s*(?:有|是|都有|都是)?\s*哪(?:些|几|个|一|[一二两三四五六七八九十]))?")
    # English: "(which two) districts of/in Wenzhou" before the city, "Wenzhou('s) districts" after it.
    before_en = re.compile(rf"(?P<ask>\b(?:which|what|how many)\s+)?(?:(?P<num>{_EN_NUM})\s+)?"
                           rf"(?P<kind>\b(?:{en_alt})(?:\s+(?:and|or|&)\s+(?:{en_alt}))?)\s+(?:of|in|from)\s+"
                           rf"(?:the\s+city\s+of\s+)?$", re.I)
    after_en = re.compile(rf"^\s*(?:city\s+)?(?P<kind>(?:{en_alt}))\b", re.I)
    return after, before_en, after_en


def _count(num: str | None) -> int | None:
    if not num:
        return None
    return int(num) if num.isdigit() else _NUMBERS.get(num.lower())


def _scope(city: Node, word: str, asked: bool, num: str | None, start: int, end: int) -> Scope:
    low = word.lower()
    parts = re.split(r"\s+(?:and|or|&)\s+", low)
    if len(parts) > 1:  # districts and counties: every place either word keeps
        if all(p in PLACE_EN for p in parts):
            ending = PLACE_EN[parts[0]] if len({PLACE_EN[p] for p in parts}) == 1 else ""
            return Scope(city, word, ending, (), asked, _count(num), start, end)
        if all(p in _org_words() for p in parts):
            kinds = tuple(dict.fromkeys(k for p in parts for k in _org_words()[p]))
            return Scope(city, word, None, kinds, asked, _count(num), start, end)
        low = parts[-1]
    if word in PLACE_WORDS:
        return Scope(city, word, PLACE_WORDS[word], (), asked, _count(num), start, end)
    if low in PLACE_EN:
        return Scope(city, word, PLACE_EN[low], (), asked, _count(num), start, end)
    return Scope(city, word, None, _org_words()[low], asked, _count(num), start, end)


def scopes_in(text: str, hits: list[Hit]) -> list[Scope]:
    """Each city of the question written as the place of the parties asked about, in text order."""
    after, before_en, after_en = _patterns()
    out: list[Scope] = []
    for h in hits:
        if h.node.label != REGION or h.node.props.get("level") != "city":
            continue
        rest = text[h.end:]
        tail = re.search(r"\s+(county|counties|district|districts)$", h.surface, re.I)
        if tail:  # "Jiaxing county": the name index read the place word with the city's name
            asked = re.search(r"\b(which|what|how many)\s+$", text[:h.start], re.I) is not None
            out.append(_scope(h.node, tail.group(1), asked, None, h.start, h.end))
            continue
        who = _WHO_OF.match(rest) or _WHO_FROM.search(text[:h.start])
        if who:  # 宁波有谁帮扶遂昌, who from Ningbo: anyone of the city (its places and organisations)
            out.append(Scope(h.node, "parties", "", _ALL_KINDS, True, None, h.start, h.end))
            continue
        m = after.match(rest)
        # A particle, 哪/几 or a count makes it the city's places (宁波的区, 温州哪两个区); a bare one-character
        # word does not (温州市区 is the city's urban area).
        if m and (m.group("p") or m.group("ask") or m.group("num") or len(m.group("kind")) > 1):
            # 哪些宁波的区, 宁波的区有哪些: asked for too. 几个区 asks only when nothing else is asked
            # (宁波市的几个区分别结对帮扶哪些山区县 asks for the counties).
            ask = m.group("ask") or ""
            elsewhere = _ASK_ELSEWHERE.search(text[:h.start] + " " + rest[m.end():]) is not None
            asked = bool((ask and (ask.startswith("哪") or ask.endswith("哪些") or not elsewhere))
                         or m.group("ask_after") or _ASK_BEFORE.search(text[:h.start]))
            if m.group("kind") == "山区县" and not asked:
                continue  # 谁帮扶丽水的山区县: the group within the city, answered as the group
            found = _scope(h.node, m.group("kind"), asked, m.group("num"), h.start, h.end + m.end())
            out.append(replace(found, mountain=m.group("kind") == "山区县"))
            continue
        b = before_en.search(text[:h.start])
        # "Yinzhou District of Ningbo": the place word ends the name before it, it is no scope of the city.
        # "the mountain counties of Lishui" is the programme's group within the city (read as the group, as
        # 丽水的山区县 is), not every county of the city.
        if b and not b.group("ask") and re.search(r"(?<!which )(?<!what )\bmountain\s+$", text[:b.start("kind")], re.I):
            b = None
        if b and any(o is not h and o.start <= b.start("kind")
                     and (b.start("kind") < o.end or not text[o.end:b.start("kind")].strip()) for o in hits):
            b = None
        if b:
            found = _scope(h.node, b.group("kind"), bool(b.group("ask")), b.group("num"), b.start(), h.end)
            out.append(replace(found, mountain=re.search(r"\bmountain\s+$", text[:b.start("kind")], re.I) is not None))
            continue
        a = after_en.match(rest)
        if a and re.search(r"[A-Za-z]", h.surface):
            asked = re.search(r"\b(which|what|how many)\s+$", text[:h.start], re.I) is not None
            out.append(_scope(h.node, a.group("kind"), asked, None, h.start, h.end + a.end()))
    return out


def members(store: GraphStore, scope: Scope) -> list[Node]:
    """The city's county-level places of the scope's word, or its organisations of the kind (those of the
    city itself or of one of its counties)."""
    city = scope.city.name
    places = [n for n in nodes_by_label(store, REGION)
              if n.props.get("city") == city and n.props.get("level") == "county"]
    if scope.mountain:
        places = [n for n in places if n.props.get("mountain")]
    if scope.ending is not None and scope.org_kinds != _ALL_KINDS:
        return [n for n in places if n.name.endswith(scope.ending)]
    where = {city, *(n.name for n in places)}
    orgs = [n for n in nodes_by_label(store, ORGANIZATION) if n.props.get("region") in where
            and (scope.org_kinds == _ALL_KINDS or n.props.get("kind") in scope.org_kinds)]
    return places + orgs if scope.org_kinds == _ALL_KINDS else orgs


def counterpart(s: Any) -> list[Node]:
    """The parties of a question's Slots on the other side of its scopes: those named that are no scope's city."""
    cities = {x.city.id for x in s.scopes}
    return [n for n in s.parties if n.id not in cities]


def scoped_question(s: Any) -> bool:
    """A question about a city's places or organisations of a kind: with something on the other side (a
    second scope, a party), or alone (温州的医院帮扶了哪些县, 哪些宁波的区在帮扶山区县)."""
    return bool(s.scopes)


_ASKED_COUNT = re.compile(rf"哪\s*(?P<zh>{_NUM})\s*(?:个|家|所|位|座)|\bwhich\s+(?P<en>{_EN_NUM})\b", re.I)


def asked_count(text: str) -> int | None:
    """The number of answers a question expects (哪两个区, 哪三家医院, which two districts), if it says."""
    m = _ASKED_COUNT.search(text)
    return _count(m.group("zh") or m.group("en")) if m else None


# A group the question names by its size (7个重点帮扶县, the 5 parks): "N个…县/区/市/单位/项目…" before what is asked.
_STATED_GROUP = re.compile(rf"(?<![\d一二两三四五六七八九十])(?P<num>{_NUM})\s*(?:个|家|所)"
                           r"(?P<what>[\u4e00-\u9fff]{0,8}?(?:县|区|市|单位|企业|医院|项目|园区?|飞地))")


def stated_group(text: str) -> tuple[int, str] | None:
    """(size, words) of a group the question names by its size (7个重点帮扶县), if it does."""
    m = _STATED_GROUP.search(text)
    count = _count(m.group("num")) if m else None
    return (count, m.group(0)) if m and count else None


__all__ = ["Scope", "asked_count", "counterpart", "members", "scoped_question", "scopes_in", "stated_group"]
