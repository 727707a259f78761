"""What a question asks for that the graph does not hold, and which kind of party it asks for (qa_guards.yaml).

Without these, a question about a county official's phone number or the towns of an enclave would be
answered with the county's supporters: the nearest intent, a confident answer to another question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from queries.qa_terms import _read


@dataclass(frozen=True)
class NotHeld:
    id: str
    what: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class PlaceWord:
    id: str  # the word (区, 市)
    endings: tuple[str, ...]  # the endings of the names it keeps
    pattern: re.Pattern[str]
    levels: tuple[str, ...] = ()  # the levels it keeps, for a row that states its level

    def keeps(self, row: dict[str, Any]) -> bool:
        level = row.get("level") or row.get("kind")
        if self.levels and level:
            return level in self.levels
        return str(row.get("name", "")).endswith(self.endings)


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@lru_cache(maxsize=1)
def _data() -> tuple[list[NotHeld], dict[str, re.Pattern[str]], list[PlaceWord]]:
    data = _read("qa_guards.yaml") or {}
    held = [NotHeld(str(r["id"]), str(r["what"]), _any(r["patterns"])) for r in data.get("not_held") or []]
    kinds = {str(k): _any(v) for k, v in (data.get("answer_kinds") or {}).items()}
    words = [PlaceWord(str(r["id"]), tuple(r["endings"]), _any(r["patterns"]), tuple(r.get("levels") or []))
             for r in data.get("region_words") or []]
    return held, kinds, words


def not_held(text: str) -> tuple[NotHeld, str] | None:
    """The first thing the question asks for that the graph does not hold, with the words that ask it."""
    for rule in _data()[0]:
        m = rule.pattern.search(text)
        if m:
            return rule, m.group(0)
    return None


def asked_kind(text: str) -> str | None:
    """"Region" or "Organization" when the question asks for parties of one kind only, else None."""
    found = [kind for kind, pattern in _data()[1].items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def keep_asked_kind(text: str, answers: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
    """Answers of the kind of party asked for, when the answers are parties of both kinds; and the kind
    applied (None when nothing was filtered)."""
    kind = asked_kind(text)
    types = {a.get("type") for a in answers}
    if kind is None or not answers or not types <= {"Region", "Organization"} or len(types) < 2:
        return answers, None
    return [a for a in answers if a.get("type") == kind], kind


def asked_place(text: str) -> PlaceWord | None:
    """The one kind of county-level place the question names (哪些县, 哪两个区, which districts), if any."""
    found = [w for w in _data()[2] if w.pattern.search(text)]
    return found[0] if len(found) == 1 else None


def keep_asked_place(text: str, answers: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], PlaceWord | None,
                                                                       list[dict[str, Any]]]:
    """Answers that are all regions, narrowed to the one kind of place the question names (哪两个区: names
    ending in 区); the word applied (None when nothing was narrowed) and the answers it left out."""
    word = asked_place(text)
    if word is None or not answers or any(a.get("type") != "Region" for a in answers):
        return answers, None, []
    kept = [a for a in answers if word.keeps(a)]
    if len(kept) == len(answers):
        return answers, None, []
    return kept, word, [a for a in answers if a not in kept]


# What a list question (the 26 counties, a city's, a category's) may hold besides the list it asks for:
# the group's words, question and count words, particles. Anything else is a condition on the list
# (有高铁站, GDP超过300亿, are coastal) that the graph cannot apply: listing every member would answer
# another question.
_LIST_WORDS = re.compile(
    r"加快发展县|欠发达县|山区海岛县|山区\s*(?:26|二十六)\s*个?县|山区县|山区|二十六|26|县市区|县（市、区）|县\(市、区\)|"
    r"哪些|哪几个|哪几|哪个|哪|几个|多少|一共|总共|共有|共|都有|都是|都|分别|全部|所有|名单|列表|清单|列出|列举|请|问|"
    r"包括|包含|属于|归属|下辖|所辖|辖区|境内|里面|里|内|中|目前|现在|现|有|是|为|的|了|呢|吗|个|县|区|市|省|浙江|"
    r"跨越发展类|生态发展类|发展类|类别|类|具体|详细|到底|究竟|一下|一览|明细|完整|"
    r"被|列为|列入|纳入|认定为|认定|划为|划入|划分|分为|地方|地区|区域|范围|当中|之中|其中|谁|哪里|那些|这些|"
    r"县份|县域|名录|目录|统计|入选|名字|名称|叫什么|叫|地级市|设区市|城市|一起|合计|总计|"
    r"\b(?:which|what|are|is|were|was|the|a|an|list|name|names|all|of|in|within|under|zhejiang|province|provincial|"
    r"mountain|mountainous|counties|county|districts?|cities|city|there|how|many|does|do|have|has|had|include[sd]?|"
    r"including|and|me|please|show|give|tell|belong|belongs|to|category|categories|class|leapfrog|development|"
    r"ecological|cross-over|26|twenty-six|ones?|them|they|its|their|part|"
    # pinyin question words the pinyin reading leaves as they are (one syllable is too ambiguous to convert)
    r"xian|qu|shi|sheng|de|you|naxie|nage|jige|duoshao|ma|ne)\b", re.I)


def list_condition(masked: str) -> str | None:
    """Words of a list question that are neither the list's nor question words (有高铁站 → 高铁站), if any."""
    rest = _LIST_WORDS.sub(" ", masked)
    words = re.findall(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z\-]+", rest)
    return " ".join(words) if words else None


__all__ = ["NotHeld", "PlaceWord", "asked_kind", "asked_place", "keep_asked_kind", "keep_asked_place", "list_condition",
           "not_held"]
