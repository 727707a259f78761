"""What a stated link carries: its mechanism, money, towns and villages, partner institution, programme."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.model import ORGANIZATION, REGION
from graph.org_kinds import endings_group
from loaders.prose_parties import Link, Party

_PAIRED = re.compile(r"结对|结成对子|结为对子")
_AMOUNT = r"(\d+(?:\.\d+)?)(万|亿)元"
_FUND_AMOUNT = [re.compile(r"(?:援建|帮扶|援助|协作)资金" + r"[^，。；\d]{0,6}" + _AMOUNT),
                re.compile(_AMOUNT + r"[^，。；]{0,8}(?:援建|帮扶|援助|协作)资金"),
                re.compile(r"(?:提供|拨付|下达|捐赠|捐助|援助|发放|兑现)[^，。；\d]{0,12}" + _AMOUNT)]
_YEARLY = re.compile(r"(?:每年|年均|一年)[^，。；\d]{0,6}" + _AMOUNT)
# A town or village is read only right after its county (瓯海郭溪街道, 淳安县下姜村): names alone are not delimited.
_TOWN_AFTER = re.compile(r"^(?P<towns>[一-龥]{2}(?:镇|乡|街道))")
_TOWN_VILLAGE = re.compile(r"([一-龥]{2}(?:镇|乡|街道))([一-龥]{2}村)(?![民委级集庄落])")
_VILLAGE_AFTER = re.compile(r"^(?:[一-龥]{2}(?:镇|乡|街道))?(?P<villages>[一-龥]{2}村)(?![民委级集庄落])")
# What may stand between a place and its institution's ending (永嘉县第二人民医院): no clause words. A
# place followed by a word of quality or number (优质学校, 重点中学, 各医院, 相关学校) names a class of its
# institutions, not one: no institution (the place itself stays the party).
# A verb between them (鹿城区组织优质中小学与…结对, 余姚市选派医院专家) says what the place does: no name either.
_BEFORE_INSTITUTION = (r"^(?!(?:县|市|区)?(?:优质|重点|知名|骨干|龙头|品牌|相关|有关|各类|各级|各|部分|若干|多所|多家|"
                       r"一批|一流|高水平|省级|市级|县级|三甲|三级|二甲|二级))"
                       r"(?:县|市|区)?(?:(?!组织|选派|推动|协助|安排|动员|鼓励|引导|带动|派出|选送|指导|帮助|联合|依托|发动|"
                       r"对接|落实)[^，。；、与和同跟及开展合作共建结对帮扶支援签订在向为给的\d]){0,6}?")


def institution_after() -> re.Pattern[str]:
    """A place's own institution written right after it (人民医院, 中学): endings from org_kinds.yaml."""
    return _institution_after(endings_group("after_place"))


@lru_cache(maxsize=2)
def _institution_after(endings: str) -> re.Pattern[str]:
    return re.compile(_BEFORE_INSTITUTION + endings)


GOVERNMENT_AFTER = re.compile(r"^(?:县|市|区)?(?:人民)?政府")

PROGRAMME_CUES = [("east_west", re.compile(r"东西部(?:扶贫)?协作|东西协作")),
                  ("counterpart_support", re.compile(r"对口支援")),
                  ("counterpart_cooperation", re.compile(r"对口合作"))]



def qualify(text: str, link: Link, kind: str, clause: str, tail: str, ps: list[Party]) -> None:
    """Mechanism, amounts, villages, the recipient institution and the programme of one link."""
    sup, rec = link.supporter, link.recipient
    inst = institution_after().match(text[rec.end:]) if rec.label == REGION else None
    # An institution of the recipient county later in the clause (支持永嘉建立温大…研究院) is the partner.
    local = [p for p in ps if p.label == ORGANIZATION and p.region == rec.id and p.start >= rec.end
             and p.end <= rec.end + len(tail)]
    if rec.label == ORGANIZATION:
        link.props["partner"] = rec.name
    elif inst and not GOVERNMENT_AFTER.match(text[rec.end:]):
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
    elif (kind == "give" and re.search(r"资金|\d(?:万|亿)元", clause)) \
            or re.search(r"(?:援建|帮扶|援助|协作)资金", clause):
        link.mechanism = "aid_fund"
    elif sup.label == ORGANIZATION or rec.label == ORGANIZATION or "partner" in link.props:
        link.mechanism = ("institution_pairing" if "partner" in link.props
                          else "agreement" if "协议" in clause else "statement")
    elif _PAIRED.search(clause) and sup.level == rec.level == "city":
        link.mechanism = "city_pairing"
    elif _PAIRED.search(clause) and sup.level == "county" and rec.level == "county":
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
    if sup.label == REGION and (inst := institution_after().match(text[sup.end:])) \
            and not GOVERNMENT_AFTER.match(text[sup.end:]):
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


__all__ = ["GOVERNMENT_AFTER", "document_programme", "institution_after", "programme", "qualify"]
